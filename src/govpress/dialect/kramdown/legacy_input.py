"""How the legacy pre-processor changed what kramdown read, for the parts that shape structure and ids.

The legacy build ran its character rules over each file before kramdown (legacy-site.md §1.3 rules 7
and 9). govpress keeps the characters as they are in the output, but two effects of those rules are part
of the published site and are reproduced here:

Grammar::

    blank_line  := { " " | "\t" | U+00A0 }+ newline     (a line of spaces and no-break spaces is blank,
                                                       because rule 9 made every U+00A0 a space)
    id_text     := the heading's source text with rule 7 and 9 applied, then white space stripped:
                   "£" → "&pound;"   "€" → "&euro;"   U+201C U+201D → '"'   U+2018 U+2019 → "'"
                   "…" → "&ellipsis;"   U+2013 (en dash) → "--"   U+00A0 → " "

so ``###Moving to a Federated Approach`` + en dash + `` Citizen Trust`` keeps its published id
``moving-to-a-federated-approach----citizen-trust`` and a heading ending in no-break spaces gets no
trailing dashes. These registrations are not part of ``KRAMDOWN_PROCESSORS`` (the kramdown oracle reads
the raw files as kramdown does); the full engine adds ``LEGACY_INPUT_PROCESSORS`` after them, and its
``kramdown_auto_ids`` entry replaces the plain one.
"""

from __future__ import annotations

import re

import markdown
from markdown.preprocessors import Preprocessor

from govpress.dialect.kramdown.auto_ids import AutoIdProcessor
from govpress.dialect.registry import RenderContext

LEGACY_CHARACTERS = str.maketrans(
    {
        "£": "&pound;",
        "€": "&euro;",
        "\u201c": '"',
        "\u201d": '"',
        "\u2018": "'",
        "\u2019": "'",
        "…": "&ellipsis;",
        "\u2013": "--",
        "\u00a0": " ",
    }
)
_RUBY_WHITESPACE = " \t\n\v\f\r\0"
_NBSP_BLANK_LINE = re.compile(r"^[ \t\u00a0]*\u00a0[ \t\u00a0]*$")


def legacy_id_text(text: str) -> str:
    """The heading text the legacy build gave kramdown, for its automatic id."""
    return text.translate(LEGACY_CHARACTERS).rstrip(_RUBY_WHITESPACE)


class NbspBlankLines(Preprocessor):
    """Empty the lines made only of spaces and no-break spaces (the line count stays the same)."""

    def run(self, lines: list[str]) -> list[str]:
        return ["" if "\u00a0" in line and _NBSP_BLANK_LINE.match(line) else line for line in lines]


def make_nbsp_blank_lines(md: markdown.Markdown, context: RenderContext) -> NbspBlankLines:
    """Factory for the registry table."""
    return NbspBlankLines(md)


def make_legacy_auto_ids(md: markdown.Markdown, context: RenderContext) -> AutoIdProcessor:
    """Factory: kramdown's automatic ids, made from the legacy build's heading text."""
    return AutoIdProcessor(md, context, legacy_id_text)
