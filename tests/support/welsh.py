"""What the Welsh-language tests share: the example written as a Welsh-only site, and a page's visible text."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

from govpress.site.new import new_site

VISIBLE_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder"}


def welsh_example(project: Path) -> Path:
    """The ``govpress new`` example in ``project`` as a site all in Welsh (``language = "cy"``, its Welsh tree left
    out); returns ``project``."""
    new_site(project)
    shutil.rmtree(project / "source" / "cy")
    settings = (project / "govpress.toml").read_text(encoding="utf-8")
    settings = settings.replace('language = "en"\nlanguages = ["en", "cy"]\n', 'language = "cy"\n')
    (project / "govpress.toml").write_text(settings, encoding="utf-8")
    return project


class _Text(HTMLParser):
    """A page's text as a reader or a screen reader meets it: text nodes and labelling attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")
        self.parts += [value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The visible text of ``html``, its whitespace runs made single spaces."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())
