"""The kramdown-compatibility layer: Python-Markdown processors that read and write Markdown as kramdown 2.4
does with the legacy site's options (``toc_levels: 1..3``, ``entity_output: symbolic``,
``parse_block_html: true``, ``auto_ids`` on).

:data:`KRAMDOWN_PROCESSORS` lists every processor of the layer with its stage, priority and why; the
dialect's one table (``govpress.dialect.PROCESSORS``) splices it in. :func:`kramdown_markdown` builds a
``Markdown`` instance with this layer only (for the tests and the kramdown oracle).

Priorities of Python-Markdown's core processors, for reference: preprocessors ``normalize_whitespace``
30, ``html_block`` 20; block processors ``empty`` 100, ``indent`` 90, ``code`` 80, ``hashheader`` 70,
``setextheader`` 60, ``hr`` 50, ``olist`` 40, ``ulist`` 30, ``quote`` 20, ``reference`` 15,
``paragraph`` 10; tree processors ``inline`` 20, ``prettify`` 10, ``unescape`` 0; postprocessors
``raw_html`` 30, ``amp_substitute`` 20.

NOTE for the dialect table (``govpress.dialect.PROCESSORS``): splice ``KRAMDOWN_PROCESSORS +
LEGACY_INPUT_PROCESSORS``. The second tuple reproduces what the legacy pre-processor changed in kramdown's
reading (lines of no-break spaces were blank; heading ids came from the text after the character rules),
so published ids such as ``moving-to-a-federated-approach----citizen-trust`` stay the same. With it, the
five documents and 49 partials match an emulation of the legacy build (pre-processor + kramdown 2.4)
element for element, except for the charts' added markup.
"""

from __future__ import annotations

import markdown

from govpress.dialect.kramdown import (
    abbreviations,
    auto_ids,
    block_ial,
    definition_lists,
    entities,
    extension_tags,
    footnotes,
    headings,
    html_blocks,
    legacy_input,
    tables,
    toc,
    typography,
)
from govpress.dialect.registry import Registration, RenderContext, register_all

KRAMDOWN_PROCESSORS: tuple[Registration, ...] = (
    Registration(
        "html_block",
        "preprocessors",
        20,
        html_blocks.make_html_block_preprocessor,
        "replaces the core raw-HTML stash: block HTML is parsed into elements with Markdown inside "
        "(parse_block_html), after whitespace is normalised (30)",
    ),
    Registration(
        "kramdown_extension_tags",
        "blockprocessors",
        111,
        extension_tags.make_extension_tags,
        "{::options /} and {::comment} lines, split out of their block before anything else reads it "
        "(before IALs, so IAL lines inside a comment stay in the comment)",
    ),
    Registration(
        "kramdown_block_ial",
        "blockprocessors",
        110,
        block_ial.make_block_ial,
        "before every processor but the extension tags: splits a block at its IAL line and lets every other processor "
        "(dialect ones included) build the element the IAL then attaches to",
    ),
    Registration(
        "markdown_block",
        "blockprocessors",
        105,
        html_blocks.make_html_element_processor,
        "puts the elements stashed by html_block back into the tree and parses their content; before "
        "'empty' (100) as in md_in_html",
    ),
    Registration(
        "kramdown_definition_indent",
        "blockprocessors",
        85,
        definition_lists.make_definition_indents,
        "indented lines of a definition: after 'indent' (90) and before 'code' (80), as def_list",
    ),
    Registration(
        "table",
        "blockprocessors",
        75,
        tables.make_tables,
        "tables with or without outer pipes; before 'hashheader' (70) and the lists, as in Python-Markdown",
    ),
    Registration(
        "hashheader",
        "blockprocessors",
        70,
        headings.make_atx_headings,
        "replaces the core ATX heading processor (same place): ##Title, marked for auto ids",
    ),
    Registration(
        "setextheader",
        "blockprocessors",
        60,
        headings.make_setext_headings,
        "replaces the core setext heading processor (same place), marked for auto ids",
    ),
    Registration(
        "kramdown_definition_list",
        "blockprocessors",
        25,
        definition_lists.make_definition_lists,
        "term + ': definition'; after the lists (30, 40) and before 'quote' (20), as def_list",
    ),
    Registration(
        "kramdown_footnote_definition",
        "blockprocessors",
        17,
        footnotes.make_definitions,
        "[^n]: definitions; before 'reference' (15), which would read them as link definitions",
    ),
    Registration(
        "kramdown_abbreviation_definition",
        "blockprocessors",
        16,
        abbreviations.make_definitions,
        "*[ABBR]: title lines; after footnote definitions (17), before 'reference' (15), as abbr",
    ),
    Registration(
        "kramdown_footnote_reference",
        "inlinePatterns",
        175,
        footnotes.make_references,
        "[^n] references; before links (160), which would read [^n] as a link",
    ),
    Registration(
        "kramdown_symbolic_entities",
        "inlinePatterns",
        81,
        entities.make_symbolic_entities,
        "numeric character references written by name (entity_output: symbolic); before the core 'entity' "
        "pattern (80), which would stash them as they are",
    ),
    Registration(
        "kramdown_auto_ids",
        "treeprocessors",
        25,
        auto_ids.make_auto_ids,
        "before 'inline' (20): ids come from the heading's source text, as in kramdown",
    ),
    Registration(
        "kramdown_toc",
        "treeprocessors",
        16,
        toc.make_toc,
        "after 'inline' (20) and auto ids, so entries copy rendered headings; before footnotes (15) so "
        "it can still see and drop footnote references",
    ),
    Registration(
        "kramdown_footnotes",
        "treeprocessors",
        15,
        footnotes.make_notes,
        "after 'inline' (20): numbers references in document order and appends div.footnotes",
    ),
    Registration(
        "kramdown_abbreviations",
        "treeprocessors",
        7,
        abbreviations.make_abbreviations,
        "wraps uses of abbreviations once the whole tree is built (after 'prettify' 10, as abbr); before "
        "typography (6), which does not touch the abbreviations' text",
    ),
    Registration(
        "kramdown_typography",
        "treeprocessors",
        6,
        typography.make_typography,
        "smart quotes and symbols in one pass over the finished tree (where smarty sits, after 'prettify' 10), "
        "so text made by other tree processors (TOC entries, dialect elements) is converted too",
    ),
    Registration(
        "raw_html",
        "postprocessors",
        30,
        html_blocks.make_html_postprocessor,
        "replaces the core raw-HTML postprocessor so stashed elements are serialised",
    ),
)

LEGACY_INPUT_PROCESSORS: tuple[Registration, ...] = (
    Registration(
        "legacy_nbsp_blank_lines",
        "preprocessors",
        29,
        legacy_input.make_nbsp_blank_lines,
        "legacy rule 9 made U+00A0 a space, so a line of no-break spaces was blank; after "
        "'normalize_whitespace' (30), before 'html_block' (20), keeping the line count",
    ),
    Registration(
        "kramdown_auto_ids",
        "treeprocessors",
        25,
        legacy_input.make_legacy_auto_ids,
        "replaces the plain kramdown_auto_ids (same name, same place): ids from the heading text the legacy "
        "build gave kramdown (after its character rules), so published ids and deep links stay the same",
    ),
)
"""For the full engine, after :data:`KRAMDOWN_PROCESSORS`: the legacy pre-processor's effects on structure
and ids (see ``legacy_input``). Not used by :func:`kramdown_markdown` and the kramdown oracle."""


def kramdown_markdown(context: RenderContext | None = None) -> markdown.Markdown:
    """A fresh ``Markdown`` instance with the kramdown layer only."""
    md = markdown.Markdown(output_format="xhtml")
    register_all(md, context or RenderContext(), KRAMDOWN_PROCESSORS)
    return md


__all__ = ["KRAMDOWN_PROCESSORS", "LEGACY_INPUT_PROCESSORS", "kramdown_markdown"]
