"""The kramdown oracle: render with Debian's ruby-kramdown 2.4, and compare HTML the way the tests do.

Grammar of a comparison::

    signature  := { (tag, class, id) }            one per element, in document order
    tokens     := { ("start", tag, attr=value…) | ("end", tag) | ("text", text) | ("comment", text) }
                  attributes sorted, white space collapsed, entity and character references kept as written

:func:`render_with_kramdown` runs one ruby process for any number of texts, with the legacy site's options
(``toc_levels: 1..3``, ``entity_output: :symbolic``, ``parse_block_html: true``). It raises
:class:`KramdownUnavailableError` when ruby or the kramdown library is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

RUBY_RENDER_ALL = """
require "json"
require "kramdown"
options = {input: "kramdown", toc_levels: (1..3), entity_output: :symbolic, parse_block_html: true}
texts = JSON.parse(STDIN.read)
STDOUT.write(JSON.generate(texts.map { |text| Kramdown::Document.new(text, options).to_html }))
"""
INSTALL_HINT = "install Debian's ruby-kramdown (apt-get install -y ruby-kramdown)"

Signature = list[tuple[str, str, str]]
Token = tuple[str, ...]
_SPACE = re.compile(r"\s+")


class KramdownUnavailableError(RuntimeError):
    """ruby or its kramdown library cannot be run."""


def render_with_kramdown(texts: list[str]) -> list[str]:
    """Render every text with ruby kramdown, in one ruby process."""
    if shutil.which("ruby") is None:
        raise KramdownUnavailableError(f"ruby is missing: {INSTALL_HINT}")
    done = subprocess.run(
        ["ruby", "-e", RUBY_RENDER_ALL],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if done.returncode != 0:
        raise KramdownUnavailableError(f"ruby kramdown failed ({INSTALL_HINT}): {done.stderr.strip()[:300]}")
    rendered: list[str] = json.loads(done.stdout)
    return rendered


class _SignatureParser(HTMLParser):
    """Collects (tag, class, id) for every start tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.signature: Signature = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.signature.append((tag, found.get("class") or "", found.get("id") or ""))


def element_signature(html: str) -> Signature:
    """The (tag, class, id) of each element of ``html``, in document order."""
    parser = _SignatureParser()
    parser.feed(html)
    parser.close()
    return parser.signature


class _Normaliser(HTMLParser):
    """Tokens of an HTML fragment: tags with sorted attributes, and text with collapsed white space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tokens: list[Token] = []
        self.text: list[str] = []

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.text)).strip()
        if text:
            self.tokens.append(("text", text))
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.flush()
        self.tokens.append(("start", tag, *sorted(f"{k}={v}" for k, v in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.flush()
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.text.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.text.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.flush()
        self.tokens.append(("comment", data.strip()))


def normalise(html: str) -> list[Token]:
    """The tokens of ``html`` that matter for fidelity (layout and attribute order ignored)."""
    parser = _Normaliser()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.tokens
