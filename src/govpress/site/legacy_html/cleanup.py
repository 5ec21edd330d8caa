"""Small, targeted changes to rendered page bodies so every page fits the govpress layout.

- Legacy Google Analytics snippets (``ga.js``/``_gaq``) are dropped: analytics is a setting (``analytics_id``).
- Exactly one ``<h1>``: a page with none gets its title as the ``<h1>``; any later ``<h1>`` becomes an ``<h2>``;
  an empty ``<h1>`` (the legacy ``###01`` stray hash) is removed. For HTML pages and the documents left to the HTML
  path (:mod:`govpress.site.legacy_html.repairs`); any other document has it settled in its tree
  (:mod:`govpress.dialect.page_outline`) and only gets the title's ``<h1>`` (:func:`title_h1`) when it has none.
- A complete legacy HTML document (an error page) keeps only its body, without the legacy header block.
"""

from __future__ import annotations

import html as html_text
import re

from govpress.site.structure.facts import TAG

SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.IGNORECASE | re.DOTALL)
LEGACY_ANALYTICS = ("_gaq", "google-analytics.com/ga.js")
H1 = re.compile(r"<h1(?P<attrs>\b[^>]*)>(?P<inner>.*?)</h1>", re.IGNORECASE | re.DOTALL)
BODY = re.compile(r"<body\b[^>]*>(?P<body>.*)</body>", re.IGNORECASE | re.DOTALL)
DIV_TAG = re.compile(r"<(?P<close>/?)div\b[^>]*>", re.IGNORECASE)
LEGACY_HEADER = re.compile(r"<div class=[\"']header[\"'][^>]*>", re.IGNORECASE)
CHROME_INCLUDE = re.compile(r"\{include (?:footer|favicon|javascriptscripts|header[-\w]*)\.html\}\n?")


def drop_legacy_analytics(body: str) -> str:
    """``body`` without the legacy ``ga.js`` scripts."""
    return SCRIPT.sub(lambda m: "" if any(sign in m.group(0) for sign in LEGACY_ANALYTICS) else m.group(0), body)


def one_h1(body: str, title: str) -> str:
    """``body`` with exactly one ``<h1>`` (see the module docstring)."""
    body = H1.sub(lambda m: "" if not _visible(m.group("inner")) else m.group(0), body)
    count = 0

    def demote(found: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if count == 1:
            return found.group(0)
        return f"<h2{found.group('attrs')}>{found.group('inner')}</h2>"

    body = H1.sub(demote, body)
    return body if count else title_h1(title) + body


def title_h1(title: str) -> str:
    """The ``<h1>`` given to a page that has none: its title."""
    return f'<h1 class="govuk-heading-xl">{html_text.escape(title)}</h1>\n'


def _visible(inner: str) -> bool:
    return bool(TAG.sub("", inner).strip())


def document_body(document: str) -> str:
    """The body of a complete legacy HTML document, without the legacy header block and chrome includes."""
    found = BODY.search(document)
    body = found.group("body") if found else document
    body = CHROME_INCLUDE.sub("", body)
    header = LEGACY_HEADER.search(body)
    if header is not None:
        end = _matching_div_end(body, header.start())
        body = body[: header.start()] + body[end:]
    return body


def strip_chrome_includes(text: str) -> str:
    """Remove includes of the legacy header, footer, favicon and script partials (the govpress layout has its own)."""
    return CHROME_INCLUDE.sub("", text)


def _matching_div_end(text: str, start: int) -> int:
    depth = 0
    for tag in DIV_TAG.finditer(text, start):
        depth += -1 if tag.group("close") else 1
        if depth == 0:
            return tag.end()
    return len(text)
