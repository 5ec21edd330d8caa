"""Department-response mode: the action pages' ``{{DEPARTMENTRESPONSE}}`` documents.

Grammar (only in a document holding the marker line; each construct a whole line)::

    marker         := "{{DEPARTMENTRESPONSE}}"                   removed
    action_header  := "#Action" " "+ digit digit ":" " "* text   exactly one hash
    organisation   := "##" name                                 inside {div .department}; name may hold <br>

``action_header`` becomes ``div.action-header > div.content-wrapper > div.title > (h1 > span "Action" + " NN",
p "text")``. ``organisation`` becomes ``h2 > span.organisation-logo > span`` holding the name; the ``{: .logo-…}`` line
after it is a block IAL, which puts the logo class on the ``h2``. ``##`` headings outside a department block stay
ordinary headings (the legacy build turned every ``##`` in this mode into an organisation heading).
Navigation links: :mod:`govpress.dialect.navigation`.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

from govpress.dialect.context import DialectContext, dialect_context
from govpress.dialect.registry import RenderContext

MARKER = "{{DEPARTMENTRESPONSE}}"
ACTION_HEADER = re.compile(r"#Action +(?P<number>\d\d): *(?P<text>.*?)[ \t]*")
ORGANISATION = re.compile(r"##(?!#)[ \t]*(?P<name>\S.*?)[ \t#]*")
FIRST_ACTION = re.compile(r"^#Action +(?P<number>\d\d):", re.MULTILINE)


def is_department_response(text: str) -> bool:
    """Whether ``text`` is written in department-response mode."""
    return MARKER in text


def action_number(text: str) -> int | None:
    """The number of the first ``#Action NN:`` header of ``text``."""
    found = FIRST_ACTION.search(text)
    return int(found.group("number")) if found else None


class MarkerPreprocessor(Preprocessor):
    """Blanks the marker line (keeping line numbers as they are)."""

    def run(self, lines: list[str]) -> list[str]:
        return ["" if line.strip() == MARKER else line for line in lines]


class DepartmentBlockProcessor(BlockProcessor):
    """A block processor that only acts in department-response mode."""

    def __init__(self, parser: BlockParser, context: DialectContext) -> None:
        super().__init__(parser)
        self.context = context

    @property
    def active(self) -> bool:
        return self.context.department is not None


class ActionHeaderProcessor(DepartmentBlockProcessor):
    """``#Action NN: text`` → the action header."""

    def test(self, parent: Element, block: str) -> bool:
        first = block.split("\n", 1)[0]
        return self.active and block.startswith("#Action") and ACTION_HEADER.fullmatch(first) is not None

    def run(self, parent: Element, blocks: list[str]) -> bool:
        first, _, rest = blocks.pop(0).partition("\n")
        found = ACTION_HEADER.fullmatch(first)
        if found is None:  # pragma: no cover - test() matched
            return False
        header = SubElement(parent, "div", {"class": "action-header"})
        wrapper = SubElement(header, "div", {"class": "content-wrapper"})
        title = SubElement(wrapper, "div", {"class": "title"})
        heading = SubElement(title, "h1")
        label = SubElement(heading, "span")
        label.text = "Action"
        label.tail = f" {found.group('number')}"
        SubElement(title, "p").text = found.group("text")
        if rest.strip():
            blocks.insert(0, rest)
        return True


def _in_department(parent: Element) -> bool:
    return parent.tag == "div" and "department" in parent.get("class", "").split()


class OrganisationHeadingProcessor(DepartmentBlockProcessor):
    """``##Name<br>Name`` at the start of a block inside ``div.department`` → the organisation heading."""

    def test(self, parent: Element, block: str) -> bool:
        return (
            self.active
            and block.startswith("##")
            and _in_department(parent)
            and ORGANISATION.fullmatch(block.split("\n", 1)[0]) is not None
        )

    def run(self, parent: Element, blocks: list[str]) -> bool:
        first, _, rest = blocks.pop(0).partition("\n")
        found = ORGANISATION.fullmatch(first)
        if found is None:  # pragma: no cover - test() matched
            return False
        heading = SubElement(parent, "h2")
        logo = SubElement(heading, "span", {"class": "organisation-logo"})
        SubElement(logo, "span").text = found.group("name")
        if rest.strip():
            blocks.insert(0, rest)
        return True


def make_marker(md: markdown.Markdown, context: RenderContext) -> MarkerPreprocessor:
    return MarkerPreprocessor(md)


def make_action_header(md: markdown.Markdown, context: RenderContext) -> ActionHeaderProcessor:
    return ActionHeaderProcessor(md.parser, dialect_context(context))


def make_organisation_heading(md: markdown.Markdown, context: RenderContext) -> OrganisationHeadingProcessor:
    return OrganisationHeadingProcessor(md.parser, dialect_context(context))
