"""kramdown definition lists (the strategy's glossary).

Grammar (kramdown 2.4)::

    definition_list := { term newline }+ { ":" " "+ definition { newline indented_line } }+
    term            := a line of text
    indented_line   := ( "    " | "\t" ) text

Output: ``<dl><dt>term</dt><dd>definition</dd></dl>``. Python-Markdown's ``def_list`` reader is used
as it is; only its registration is listed here.
"""

from __future__ import annotations

import markdown
from markdown.extensions.def_list import DefListIndentProcessor, DefListProcessor

from govpress.dialect.registry import RenderContext


def make_definition_lists(md: markdown.Markdown, context: RenderContext) -> DefListProcessor:
    """Factory: ``term`` + ``: definition`` blocks."""
    return DefListProcessor(md.parser)


def make_definition_indents(md: markdown.Markdown, context: RenderContext) -> DefListIndentProcessor:
    """Factory: indented continuation of a definition."""
    return DefListIndentProcessor(md.parser)
