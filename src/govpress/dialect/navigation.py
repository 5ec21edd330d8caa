"""``{navigation}``: the links between action pages, in department-response mode.

Grammar: a line ``{navigation}`` (alone on its line), in department-response mode only. It becomes::

    <div class="department-intro">
      <div class="next-link"><p><a href="../NN+1" title="Next action"><span>Next action</span></a></p></div>
      <div class="prev-link"><p><a href="../NN-1" title="Previous action"><span>Previous action</span></a></p></div>
      <p>This action forms part of the <a href="/digital/strategy">Government Digital Strategy</a>.</p>
    </div>

(the strategy's name and link are the site's ``strategy_title`` and ``strategy_path`` settings, by default these).

Numbers are zero-padded to two digits. NN is the document's ``#Action NN:`` number; the first action has no
previous link and the last action (known from the content, see ``render.last_action_number``) no next link.
Without an action number there are no links at all (the legacy build wrote ``../0-1``) and a warning.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.util import AtomicString

from govpress.dialect.block_lines import find_line, parse_before
from govpress.dialect.context import LEGACY_STRATEGY, DepartmentResponse, DialectContext, dialect_context
from govpress.dialect.registry import RenderContext
from govpress.problems import Problem

NAVIGATION = "{navigation}"
STRATEGY_TEXT = "This action forms part of the "


def _is_navigation(line: str) -> bool:
    return line.strip() == NAVIGATION


class NavigationProcessor(BlockProcessor):
    """Builds the navigation box for the action this document responds to."""

    def __init__(self, parser: BlockParser, context: DialectContext) -> None:
        super().__init__(parser)
        self.context = context

    def test(self, parent: Element, block: str) -> bool:
        in_mode = self.context.department is not None
        return in_mode and NAVIGATION in block and find_line(block, _is_navigation) is not None

    def run(self, parent: Element, blocks: list[str]) -> bool:
        split = find_line(blocks.pop(0), _is_navigation)
        if split is None:  # pragma: no cover - test() found it
            return False
        parse_before(self.parser, parent, split, blocks)
        self._build(parent)
        return True

    def _build(self, parent: Element) -> None:
        box = SubElement(parent, "div", {"class": "department-intro"})
        department = self.context.department
        action_links: tuple[int | None, int | None] = (None, None)
        strategy = department.strategy if department is not None else LEGACY_STRATEGY
        if department is None or department.action is None:
            self._warn_no_action()
        else:
            action_links = neighbours(department)
        _link_box(box, "next-link", action_links[1], "Next action")
        _link_box(box, "prev-link", action_links[0], "Previous action")
        sentence = SubElement(box, "p")
        sentence.text = STRATEGY_TEXT
        link = SubElement(sentence, "a", {"href": strategy.url})
        link.text = AtomicString(strategy.title)
        link.tail = "."

    def _warn_no_action(self) -> None:
        where = self.context.source.find(NAVIGATION) or self.context.source.origin(0)
        message = "{navigation} without an '#Action NN:' header: no links made"
        self.context.problems.append(Problem.warning(message, where.path, where.line))


def neighbours(department: DepartmentResponse) -> tuple[int | None, int | None]:
    """The previous and next action numbers (``None`` before the first and after the last)."""
    action = department.action or 0
    previous = action - 1 if action > 1 else None
    following = action + 1 if action < department.last_action else None
    return previous, following


def _link_box(box: Element, css_class: str, action: int | None, label: str) -> None:
    holder = SubElement(box, "div", {"class": css_class})
    if action is None:
        return
    paragraph = SubElement(holder, "p")
    link = SubElement(paragraph, "a", {"href": f"../{action:02d}", "title": label})
    SubElement(link, "span").text = label


def make_navigation(md: markdown.Markdown, context: RenderContext) -> NavigationProcessor:
    return NavigationProcessor(md.parser, dialect_context(context))
