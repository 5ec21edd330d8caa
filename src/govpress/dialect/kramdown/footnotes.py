"""kramdown footnotes: references ``[^name]`` and definitions ``[^name]: text`` anywhere in the document.

Grammar (kramdown 2.4)::

    reference   := "[^" name "]"
    definition  := " "{0,3} "[^" name "]:" [ " " | "\t" ]* text newline { line } { blank_line indented_line }
    name        := { letter | digit | "_" | "-" | ":" }+
    line        := indented_line | lazy_line
    lazy_line   := a line that starts no definition and no IAL, after an indented line (kramdown)
    indented_line := ( "    " | "\t" ) text         (further paragraphs of the note)

Output (kramdown 2.4; numbers follow the order of first reference; a repeated reference gets
``fnref:name:N``; only referenced notes are listed; a reference without a definition stays text)::

    <sup id="fnref:name" role="doc-noteref"><a href="#fn:name" class="footnote" rel="footnote">1</a></sup>
    <div class="footnotes" role="doc-endnotes"><ol>
      <li id="fn:name" role="doc-endnote"><p>text&nbsp;<a href="#fnref:name" class="reversefootnote"
        role="doc-backlink">&#8617;</a></p></li></ol></div>                       (at the end of the document)

Definitions are parsed into ``DEFINITION_TAG`` elements where they stand and references into marked
``<sup>`` elements; the tree processor numbers them in document order and builds the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from govpress.dialect.kramdown.attribute_lists import match_block_ial
from govpress.dialect.kramdown.extension_tags import remove_elements
from govpress.dialect.registry import RenderContext

DEFINITION_TAG = "kramdown-footnote"
REF_MARK = "data-kramdown-footnote"
REFERENCE_PATTERN = r"\[\^(?P<name>[A-Za-z0-9_:-]+)\]"
_DEFINITION_START = re.compile(r"^ {0,3}\[\^(?P<name>[A-Za-z0-9_:-]+)\]:[ \t]*(?P<text>.*)$")
_INDENTED = re.compile(r"^(?: {4}|\t)")
BACKLINK = "&#8617;"


class FootnoteDefinitionProcessor(BlockProcessor):
    """Parse ``[^name]: …`` definitions (with their indented continuation) into definition elements."""

    def test(self, parent: Element, block: str) -> bool:
        return "[^" in block and any(_DEFINITION_START.match(line) for line in block.split("\n"))

    def run(self, parent: Element, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        start = next(i for i, line in enumerate(lines) if _DEFINITION_START.match(line))
        if start:
            self.parser.parseBlocks(parent, ["\n".join(lines[:start])])
        while True:  # every definition that follows in the block, in one go (not the rest handed back each time)
            end = self._definition(parent, lines, start, blocks)
            if end == len(lines) or not _DEFINITION_START.match(lines[end]):
                break
            start = end
        if end < len(lines):
            blocks.insert(0, "\n".join(lines[end:]))

    def _definition(self, parent: Element, lines: list[str], start: int, blocks: list[str]) -> int:
        """Parse the definition at ``lines[start]`` into ``parent``; the index of the first line after it."""
        found = _DEFINITION_START.match(lines[start])
        assert found is not None
        body = [found.group("text")]
        end = start + 1
        while end < len(lines) and _continues(lines[end], indented=end > start + 1):
            body.append(lines[end][4:] if lines[end].startswith("    ") else lines[end].removeprefix("\t"))
            end += 1
        paragraphs = ["\n".join(body)]
        if end == len(lines):
            while blocks and _INDENTED.match(blocks[0]):
                paragraphs.append(self.detab(blocks.pop(0))[0])
        definition = SubElement(parent, DEFINITION_TAG, {"name": found.group("name")})
        self.parser.parseBlocks(definition, paragraphs)
        return end


def _continues(line: str, indented: bool) -> bool:
    """Whether ``line`` belongs to the definition above: indented, or lazy after an indented line."""
    if _INDENTED.match(line):
        return True
    return indented and not _DEFINITION_START.match(line) and match_block_ial(line) is None


class FootnoteReferenceProcessor(InlineProcessor):
    """``[^name]`` → a marked ``<sup>`` that the tree processor numbers (or turns back into text)."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown API)
        self, m: re.Match[str], data: str
    ) -> tuple[Element, int, int]:
        return Element("sup", {REF_MARK: m.group("name")}), m.start(0), m.end(0)


@dataclass
class _Note:
    """A footnote while it is being numbered (mutable: counts its references)."""

    name: str
    number: int
    references: int = 0


class FootnoteTreeprocessor(Treeprocessor):
    """Number references in document order and put the notes in ``div.footnotes`` at the end."""

    def run(self, root: Element) -> None:
        definitions = {d.get("name", ""): d for d in root.iter(DEFINITION_TAG)}
        if not definitions and not any(REF_MARK in sup.attrib for sup in root.iter("sup")):
            return
        notes: dict[str, _Note] = {}
        parents = {child: parent for parent in root.iter() for child in parent if REF_MARK in child.attrib}
        for reference, parent in parents.items():
            name = reference.attrib.pop(REF_MARK)
            if name not in definitions:
                _replace_with_text(parent, reference, f"[^{name}]")
                continue
            note = notes.setdefault(name, _Note(name, len(notes) + 1))
            suffix = f":{note.references}" if note.references else ""
            note.references += 1
            reference.attrib.update({"id": f"fnref:{name}{suffix}", "role": "doc-noteref"})
            link = SubElement(reference, "a", {"href": f"#fn:{name}", "class": "footnote", "rel": "footnote"})
            link.text = str(note.number)
        remove_elements(root, DEFINITION_TAG)
        if notes:
            root.append(_notes_division(notes, definitions))


def _replace_with_text(parent: Element, child: Element, text: str) -> None:
    index = list(parent).index(child)
    joined = text + (child.tail or "")
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(child)


def _notes_division(notes: dict[str, _Note], definitions: dict[str, Element]) -> Element:
    division = Element("div", {"class": "footnotes", "role": "doc-endnotes"})
    ordered = SubElement(division, "ol")
    for note in notes.values():
        item = SubElement(ordered, "li", {"id": f"fn:{note.name}", "role": "doc-endnote"})
        item.extend(list(definitions[note.name]))
        _add_backlinks(item, note)
    return division


def _add_backlinks(item: Element, note: _Note) -> None:
    paragraph = item[-1] if len(item) and item[-1].tag == "p" else None
    if paragraph is None:
        paragraph = SubElement(item, "p")
    previous: Element | None = paragraph[-1] if len(paragraph) else None
    for index in range(note.references):
        suffix = f":{index}" if index else ""
        space = "&nbsp;" if index or (item[-1] is paragraph and (paragraph.text or len(paragraph))) else ""
        _append_text(paragraph, previous, space)
        link = SubElement(
            paragraph, "a", {"href": f"#fnref:{note.name}{suffix}", "class": "reversefootnote", "role": "doc-backlink"}
        )
        link.text = BACKLINK
        if index:
            SubElement(link, "sup").text = str(index + 1)
        previous = link


def _append_text(paragraph: Element, previous: Element | None, text: str) -> None:
    if previous is None:
        paragraph.text = (paragraph.text or "") + text
    else:
        previous.tail = (previous.tail or "") + text


def make_definitions(md: markdown.Markdown, context: RenderContext) -> FootnoteDefinitionProcessor:
    """Factory for the registry table."""
    return FootnoteDefinitionProcessor(md.parser)


def make_references(md: markdown.Markdown, context: RenderContext) -> FootnoteReferenceProcessor:
    """Factory for the registry table."""
    return FootnoteReferenceProcessor(REFERENCE_PATTERN, md)


def make_notes(md: markdown.Markdown, context: RenderContext) -> FootnoteTreeprocessor:
    """Factory for the registry table."""
    return FootnoteTreeprocessor(md)
