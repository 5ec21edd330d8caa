"""kramdown's automatic header ids (``auto_ids``), generated exactly as kramdown 2.4 does.

Grammar of an id, from the heading's source text (before inline Markdown is rendered, so
``##Intro *em* <br>x`` gives ``intro-em-brx``)::

    id := lower( spaces_to_dashes( keep[a-zA-Z0-9 -]( drop_leading_non_letters(text) ) ) )
    id := "section"            when that is empty
    id := id "-" n             for the n-th repeat of an id already generated (n = 1, 2, …)

Only Markdown headings get ids (those marked by ``headings``), and only when they have none.
``{::options auto_ids="false" /}`` switches ids off; as in kramdown the LAST such option in the
document decides for the whole document (kramdown reads options while parsing but generates ids
while converting). The option markers are removed here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from govpress.dialect.kramdown.extension_tags import OPTIONS_TAG, remove_elements
from govpress.dialect.kramdown.headings import HEADER_MARK
from govpress.dialect.registry import RenderContext

_LEADING_NON_LETTERS = re.compile(r"^[^a-zA-Z]+")
_NOT_ID_CHARACTER = re.compile(r"[^a-zA-Z0-9 -]")


def basic_id(text: str) -> str:
    """kramdown's ``basic_generate_id``: the id before repeats are numbered."""
    kept = _NOT_ID_CHARACTER.sub("", _LEADING_NON_LETTERS.sub("", text, count=1))
    return kept.replace(" ", "-").lower()


def unique_id(text: str, used: dict[str, int]) -> str:
    """The id for ``text``, numbering repeats in ``used`` as kramdown's ``generate_id`` does."""
    base = basic_id(text) or "section"
    if base in used:
        used[base] += 1
        return f"{base}-{used[base]}"
    used[base] = 0
    return base


class AutoIdProcessor(Treeprocessor):
    """Give each Markdown heading without an id kramdown's automatic id."""

    def __init__(
        self, md: markdown.Markdown, context: RenderContext, id_text: Callable[[str], str] | None = None
    ) -> None:
        super().__init__(md)
        self.context = context
        self.id_text = id_text

    def run(self, root: Element) -> None:
        options = list(root.iter(OPTIONS_TAG))
        enabled = self.context.auto_ids
        for option in options:
            value = option.get("auto_ids")
            if value is not None:
                enabled = value.strip().lower() == "true"
        remove_elements(root, OPTIONS_TAG)
        used: dict[str, int] = {}
        for element in root.iter():
            if HEADER_MARK not in element.attrib:
                continue
            source = element.attrib.pop(HEADER_MARK)
            if enabled and "id" not in element.attrib:
                element.set("id", unique_id(self.id_text(source) if self.id_text else source, used))


def make_auto_ids(md: markdown.Markdown, context: RenderContext) -> AutoIdProcessor:
    """Factory for the registry table."""
    return AutoIdProcessor(md, context)
