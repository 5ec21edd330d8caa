"""kramdown extensions used by the legacy site: ``{::options … /}`` and ``{::comment}…{:/comment}``.

Grammar (kramdown 2.4, block level, each tag on a line of its own)::

    options  := " "{0,3} "{::options" { " " key "=" quoted } " "* "/}"
    comment  := " "{0,3} "{::comment}" newline body newline " "{0,3} "{:/comment}"   (body may hold blank lines)
              | " "{0,3} "{::comment /}"
    closing  := "{:/comment}" | "{:/}"

- ``options`` leaves an ``OPTIONS_TAG`` marker element in the tree; ``auto_ids`` reads the markers
  (the last one decides, as in kramdown) and removes them.
- ``comment`` becomes an HTML comment ``<!-- body -->``; without its end tag the opening line stays text
  (kramdown) and a warning is reported.

An extension line may sit inside a block (the legacy section-heading rule puts ``{::options}`` right
after an IAL line); the lines before it are parsed first, the lines after it are parsed next.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Comment, Element, SubElement

import markdown
from markdown import util
from markdown.blockprocessors import BlockProcessor

from govpress.dialect.kramdown.attribute_lists import IalSyntaxError, parse_attribute_list
from govpress.dialect.registry import RenderContext
from govpress.problems import Problem

OPTIONS_TAG = "kramdown-options"
_EXTENSION_LINE = re.compile(r"^ {0,3}\{::(?P<name>options|comment)(?P<body>[^}]*?)\s*(?P<empty>/)?\}[ \t]*$")
_COMMENT_END = re.compile(r"^ {0,3}\{:/(?:comment)?\}[ \t]*$", re.MULTILINE)


def remove_elements(root: Element, tag: str) -> None:
    """Remove every ``tag`` element under ``root``, keeping their tails."""
    if next(root.iter(tag), None) is None:
        return
    parents = [parent for parent in root.iter() if any(child.tag == tag for child in parent)]
    for parent in parents:
        for child in [c for c in parent if c.tag == tag]:
            _keep_tail(parent, child)
            parent.remove(child)


def _keep_tail(parent: Element, child: Element) -> None:
    if not child.tail:
        return
    index = list(parent).index(child)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + child.tail
    else:
        parent.text = (parent.text or "") + child.tail


class ExtensionTagProcessor(BlockProcessor):
    """Read ``{::options /}`` and ``{::comment}`` lines."""

    def __init__(self, parser: markdown.blockparser.BlockParser, context: RenderContext) -> None:
        super().__init__(parser)
        self.context = context

    def test(self, parent: Element, block: str) -> bool:
        return "{::" in block and any(_EXTENSION_LINE.match(line) for line in block.split("\n"))

    def run(self, parent: Element, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        index, found = next((i, m) for i, line in enumerate(lines) if (m := _EXTENSION_LINE.match(line)))
        if index:
            self.parser.parseBlocks(parent, ["\n".join(lines[:index])])
        rest = "\n".join(lines[index + 1 :])
        if found.group("name") == "options":
            self._add_options(parent, found.group("body"))
        elif found.group("empty"):
            SubElement(parent, Comment).text = util.AtomicString("  ")  # type: ignore[arg-type]
        else:
            rest = self._add_comment(parent, rest, blocks)
        if rest:
            blocks.insert(0, rest)

    def _add_options(self, parent: Element, body: str) -> None:
        try:
            options = parse_attribute_list(body)
        except IalSyntaxError as error:
            self.context.problems.append(Problem.error(f"in {{::options}}: {error}", self.context.path))
            return
        SubElement(parent, OPTIONS_TAG, dict(options.pairs))

    def _add_comment(self, parent: Element, rest: str, blocks: list[str]) -> str:
        """Add the comment whose body starts with ``rest``; return the text after its end.

        Without an end tag the ``{::comment}`` line stays text, as in kramdown, with a warning.
        """
        text, used = rest, 0
        while not (end := _COMMENT_END.search(text)) and used < len(blocks):
            text = f"{text}\n\n{blocks[used]}"
            used += 1
        if end is None:
            self.context.problems.append(Problem.warning("{::comment} without {:/comment}", self.context.path))
            self.parser.blockprocessors["paragraph"].run(parent, ["\n".join(("{::comment}", rest)).rstrip("\n")])
            return ""
        del blocks[:used]
        comment = Comment(util.AtomicString(f" {text[: end.start()].strip(chr(10))} "))
        comment.tail = "\n"
        parent.append(comment)
        return text[end.end() :].lstrip("\n")


def make_extension_tags(md: markdown.Markdown, context: RenderContext) -> ExtensionTagProcessor:
    """Factory for the registry table."""
    return ExtensionTagProcessor(md.parser, context)
