"""The govpress Markdown engine: Python-Markdown plus the kramdown-compatibility and legacy dialect processors.

:data:`PROCESSORS` is the ONE table of every processor govpress registers, in stage order, highest priority
first within a stage, each with the reason it sits there. :func:`dialect_markdown` builds a fresh
``markdown.Markdown`` from it; a :class:`DialectEngine` keeps one for many renders in turn (nothing leaks between
them).

Python-Markdown's own processors, for reference: preprocessors ``normalize_whitespace`` 30, ``html_block``
20 (replaced by the kramdown layer); block processors ``empty`` 100, ``indent`` 90, ``code`` 80, ``hashheader``
70 (replaced), ``setextheader`` 60 (replaced), ``hr`` 50, ``olist`` 40, ``ulist`` 30, ``quote`` 20,
``reference`` 15, ``paragraph`` 10; inline patterns ``backtick`` 190, ``escape`` 180, ``reference`` 170, ``link``
160 … ``html`` 90, ``entity`` 80, ``em_strong`` 60; tree processors ``inline`` 20, ``prettify`` 10, ``unescape``
0; postprocessors ``raw_html`` 30 (replaced), ``amp_substitute`` 20.

Conflicts decided here:

- Element tags (``{div .x}`` … ``{/div}``) sit above the kramdown block-IAL splitter (110): an IAL line inside a
  tag must not cut the block before the tag's closer is found.
- The dialect's line rules that cut blocks (``{navigation}``, ``{page-break}``, class shortcuts) also sit above
  the IAL splitter, so each sees its line before the block is cut elsewhere.
- The dialect's headings sit above the kramdown ATX heading processor (70) and tables (75); they carry no
  kramdown header mark, so they get no automatic id (the legacy build wrote them as raw HTML or with explicit ids).
- Figure permalinks are a tree rule, so the kramdown IAL rule alone decides which paragraph is a ``.fig``.
- Charts (``govpress.charts``, tree processor 7) draw after inline (20) and prettify (10), before the kramdown
  typography (6), so each chart table has its IAL classes and final cell content.
- Characters (pound, euro, curly quotes, en dash, ellipsis, no-break space) need no processor: they pass
  through as they are.
"""

from __future__ import annotations

from dataclasses import fields

import markdown

from govpress.dialect import (
    action_headings,
    class_shortcuts,
    department,
    elements,
    figures,
    inline_stage,
    link_repairs,
    navigation,
    page_break,
    page_outline,
    pdf_link,
    section_headings,
    superscript,
    timestamp,
)
from govpress.dialect.block_stage import quicken
from govpress.dialect.charts import CHART_PROCESSORS
from govpress.dialect.context import DialectContext
from govpress.dialect.kramdown import KRAMDOWN_PROCESSORS, LEGACY_INPUT_PROCESSORS
from govpress.dialect.registry import Registration, RenderContext, register_all

DIALECT_PROCESSORS: tuple[Registration, ...] = (
    Registration(
        "department_marker",
        "preprocessors",
        35,
        department.make_marker,
        "blanks the {{DEPARTMENTRESPONSE}} line before whitespace normalisation (30), keeping line numbers",
    ),
    Registration(
        "element_tags",
        "blockprocessors",
        115,
        elements.make_element_tags,
        "first of all: {TAG …}/{/TAG} lines are block boundaries, and the closer must be found before the "
        "kramdown IAL splitter (110) cuts the block",
    ),
    Registration(
        "navigation",
        "blockprocessors",
        114,
        navigation.make_navigation,
        "a {navigation} line cuts its block; above the IAL splitter (110)",
    ),
    Registration(
        "page_break",
        "blockprocessors",
        113,
        page_break.make_page_break,
        "a {page-break} line cuts its block; above the IAL splitter (110)",
    ),
    Registration(
        "class_shortcuts",
        "blockprocessors",
        112,
        class_shortcuts.make_class_shortcuts,
        "{pull}/{big-pull}/{fig}/{pull-right} mark the block just parsed; above the IAL splitter (110)",
    ),
    Registration(
        "action_header",
        "blockprocessors",
        79,
        department.make_action_header,
        "#Action NN: in department mode; before tables (75) and ATX headings (70), after code (80)",
    ),
    Registration(
        "organisation_heading",
        "blockprocessors",
        78,
        department.make_organisation_heading,
        "## inside div.department in department mode; before ATX headings (70)",
    ),
    Registration(
        "section_headings",
        "blockprocessors",
        77,
        section_headings.make_section_headings,
        "##NN Title and ##Annex … - Title; before ATX headings (70), which would give them auto ids",
    ),
    Registration(
        "action_headings",
        "blockprocessors",
        76,
        action_headings.make_action_headings,
        "####Action NN: Title in the strategy; before ATX headings (70)",
    ),
    Registration(
        "timestamp",
        "inlinePatterns",
        185,
        timestamp.make_timestamp,
        "{TIMESTAMP}; before backslash escapes (180) and links (160)",
    ),
    Registration(
        "pdf_link",
        "inlinePatterns",
        184,
        pdf_link.make_pdf_link,
        "{PDF=file.pdf}; before escapes (180) and links (160)",
    ),
    Registration(
        "superscript",
        "inlinePatterns",
        65,
        superscript.make_superscript,
        "^x^; after footnote references (175) and links (160), before emphasis (60)",
    ),
    Registration(
        "figure_permalinks",
        "treeprocessors",
        30,
        figures.make_figure_permalinks,
        "after all block parsing (IALs applied), before inline (20) so the caption text is still parsed",
    ),
    Registration(
        "heading_marks",
        "treeprocessors",
        26,
        page_outline.make_heading_marks,
        "a whole page only: keeps each Markdown heading's source text (to locate it) before kramdown_auto_ids (25) "
        "takes the mark away",
    ),
    Registration(
        "link_repairs",
        "treeprocessors",
        14,
        link_repairs.make_link_repairs,
        "after inline (20), which makes the links, and kramdown_footnotes (15), which gives its items the deprecated "
        "role; before abbreviations (7) and typography (6), which change text, not attributes",
    ),
    Registration(
        "page_outline",
        "treeprocessors",
        -1,
        page_outline.make_page_outline,
        "a whole page only: one h1, heading levels, unique ids; last of all, after unescape (0), so every heading and "
        "id is made (auto ids 25, TOC 16, footnotes 15, charts 7) and text and attributes are as published",
    ),
)

ENGINE_PROCESSORS: tuple[Registration, ...] = (
    Registration(
        "inline",
        "treeprocessors",
        20,
        inline_stage.make_quick_inline,
        "replaces the core inline stage under its name and priority: the same output, faster (skips the patterns "
        "a text cannot match)",
    ),
)

PROCESSORS: tuple[Registration, ...] = (
    KRAMDOWN_PROCESSORS + LEGACY_INPUT_PROCESSORS + DIALECT_PROCESSORS + CHART_PROCESSORS + ENGINE_PROCESSORS
)
"""Every processor govpress registers: the kramdown layer, its legacy-input adjustments (a no-break-space
preprocessor, and ``kramdown_auto_ids`` replaced under the same name and priority so ids are read from the text as
the legacy build gave it to kramdown), the legacy dialect, the charts (tree, 7), then the engine's faster inline
stage (``govpress.dialect.inline_stage``)."""


def dialect_markdown(context: RenderContext) -> markdown.Markdown:
    """A fresh ``Markdown`` instance with every processor of :data:`PROCESSORS`, for one render."""
    md = markdown.Markdown(output_format="xhtml")
    register_all(md, context, PROCESSORS)
    quicken(md)  # the block parser's faster loop (govpress.dialect.block_stage)
    return md


class DialectEngine:
    """One ``Markdown`` instance with every processor, reused for many renders in turn (faster than a fresh one
    each time: making one costs about as much as rendering a short text).

    Nothing leaks from one render into the next: the processors keep their per-document state in the tree, and
    read the render's settings from the engine's own :class:`DialectContext`, whose fields :meth:`convert` sets
    from the context it is given (so problems land in that context's list); ``Markdown.reset`` clears the rest.
    After a failed render the instance is thrown away. Not for use by two threads at once.
    """

    def __init__(self) -> None:
        self._context = DialectContext()
        self._md: markdown.Markdown | None = None

    def convert(self, text: str, context: DialectContext) -> str:
        for name in _CONTEXT_FIELDS:
            setattr(self._context, name, getattr(context, name))
        md = self._md or dialect_markdown(self._context)
        self._md = None
        html = md.reset().convert(text)
        self._md = md
        return html


_CONTEXT_FIELDS = tuple(f.name for f in fields(DialectContext))


__all__ = ["DIALECT_PROCESSORS", "ENGINE_PROCESSORS", "PROCESSORS", "DialectEngine", "dialect_markdown"]
