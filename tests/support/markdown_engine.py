"""Rendering Markdown in tests: the real govpress engine when it exists, else a stand-in.

The stand-in is Python-Markdown with ``tables`` plus a minimal reading of a block IAL (``{: #id .class}``)
on the line after a table, and the processors of a registration table. It exists only so that chart tests
need not wait for the dialect engine; :func:`render_markdown` prefers ``govpress.render.render_markdown``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from typing import cast
from xml.etree.ElementTree import Element

import markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from govpress.dialect.registry import Registration, RenderContext, register_all

_IAL = re.compile(r"^ {0,3}\{:(?P<body>[^}]*)\}\s*$")
Renderer = Callable[[str], str]


def engine_renderer(table: Iterable[Registration] = ()) -> Renderer | None:
    """The govpress engine's HTML, with the processors of ``table`` added when the engine lacks them.

    Once ``govpress.dialect.PROCESSORS`` lists them, this is ``govpress.render.render_markdown``. ``None``
    when the engine is not installed.
    """
    try:
        dialect = importlib.import_module("govpress.dialect")
        render_module = importlib.import_module("govpress.render")
        context_module = importlib.import_module("govpress.dialect.context")
    except ImportError:
        return None
    known = {entry.name for entry in getattr(dialect, "PROCESSORS", ())}
    missing = [entry for entry in table if entry.name not in known]
    if not missing:
        render = render_module.render_markdown
        return lambda source: _html_of(render(source))

    def render_with_missing(source: str) -> str:
        context = context_module.DialectContext()
        md = dialect.dialect_markdown(context)
        register_all(md, context, missing)
        return cast(str, md.convert(source))

    return render_with_missing


def _html_of(result: object) -> str:
    """The HTML of a render result (a ``RenderResult`` with ``.html``, or a plain string)."""
    return cast(str, getattr(result, "html", result))


def stand_in_render(source: str, table: Iterable[Registration]) -> str:
    """``source`` rendered by Python-Markdown ``tables`` + table IALs + the processors of ``table``."""
    md = markdown.Markdown(extensions=["tables"], output_format="html")
    attributes: list[str] = []
    md.preprocessors.register(_TableIalReader(md, attributes), "test-table-ial", 5)
    md.treeprocessors.register(_TableIalWriter(md, attributes), "test-table-ial", 9)
    register_all(md, RenderContext(), table)
    return md.convert(source)


class _TableIalReader(Preprocessor):
    def __init__(self, md: markdown.Markdown, found: list[str]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, lines: list[str]) -> list[str]:
        kept: list[str] = []
        for line in lines:
            match = _IAL.match(line)
            if match and kept and "|" in kept[-1]:
                self.found.append(match.group("body"))
            elif "|" in line and not line.lstrip().startswith("|"):
                kept.append(line.rstrip().removesuffix("|"))  # kramdown reads ``a | b |`` as two cells
            else:
                kept.append(line)
        return kept


class _TableIalWriter(Treeprocessor):
    def __init__(self, md: markdown.Markdown, found: list[str]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, root: Element) -> None:
        for table, body in zip(root.iter("table"), self.found, strict=False):
            words = body.split()
            classes = [word[1:] for word in words if word.startswith(".")]
            ids = [word[1:] for word in words if word.startswith("#")]
            if ids:
                table.set("id", ids[-1])
            if classes:
                table.set("class", " ".join(classes))
