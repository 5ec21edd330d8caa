"""Which URLs from data files may be published as links: the one rule every page, feed and API uses.

Grammar (RFC 3986's scheme, compared without regard to case)::

    safe-link = scheme-link | relative-ref
    scheme-link = ("http" | "https" | "mailto") ":" rest      ; HTTP, HTTPS or MAILTO: as well
    relative-ref = a path, "?query" or "#fragment" with no scheme (``/digital/``, ``report.pdf``, ``#action-05``)
    scheme = ALPHA *(ALPHA | DIGIT | "+" | "-" | ".")

Anything else is refused, with the reason:

- an empty address;
- any space, control character (C0, DEL, C1) or invisible formatting character anywhere, including leading spaces
  and ``java\\nscript:`` (browsers drop tabs and line breaks from a URL and strip leading spaces and controls, so
  ``" javascript:"`` and ``"java\\tscript:"`` would run as ``javascript:``);
- another scheme: ``javascript:``, ``JaVaScRiPt:``, ``data:``, ``vbscript:``, ``file:``, ``ftp:``, ``tel:`` …;
- a protocol-relative address (``//host/…``, and ``\\\\host``, ``/\\host``, which browsers read the same way): it takes
  the scheme of the page, which is ``file:`` when a downloaded site is opened from disk (on Windows, a file share
  that sends the reader's credentials). Write ``https://host/…``.

The decision is made on the address as a browser receives it (after HTML entities are decoded, which the HTML
sanitiser does before calling :func:`link_refusal`). ``javascript&colon;`` written in a data field is escaped by
the templates (``&amp;colon;``) and so reaches the browser as a harmless relative path.
"""

from __future__ import annotations

import re
import unicodedata

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_PROTOCOL_RELATIVE = ("//", "\\\\", "/\\", "\\/")
_SHOWN = 80  # characters of an address quoted in a message


def link_refusal(url: str) -> str | None:
    """Why ``url`` may not be published as a link, or ``None`` when it may (see the module's grammar)."""
    if not url:
        return "it is empty"
    for position, character in enumerate(url, start=1):
        if character.isspace() or unicodedata.category(character) in {"Cc", "Cf", "Zl", "Zp"}:
            return f"it holds {_character_name(character)} at character {position}"
    if url.startswith(_PROTOCOL_RELATIVE):
        return "it is protocol-relative (//host); write https://host/…"
    scheme = _SCHEME.match(url)
    if scheme is not None and scheme.group()[:-1].lower() not in SAFE_SCHEMES:
        return f"its scheme {scheme.group()!r} is not http:, https: or mailto:"
    return None


def is_safe_link(url: str) -> bool:
    """Whether ``url`` may be published as a link: http, https, mailto or a relative path."""
    return link_refusal(url) is None


def unsafe_link_message(url: str, refusal: str, what: str = "link") -> str:
    """The warning for a refused link: ``link 'javascript:…' is kept as plain text, not published as a link: …``."""
    return f"{what} {shown(url)} is kept as plain text, not published as a link: {refusal}"


def shown(text: str) -> str:
    """``text`` quoted for a message: control characters visible, cut to a readable length."""
    cut = text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
    return repr(cut)


def _character_name(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if character == " ":
        return "a space"
    if character in "\t\n\r":
        return {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}[character] + f" ({code})"
    name = unicodedata.name(character, "")
    return f"the invisible character {code}" + (f" ({name})" if name else "")
