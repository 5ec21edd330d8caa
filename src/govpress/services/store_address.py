"""A store's address: a SQLite path, a PostgreSQL URL or a libpq ``key=value`` string; and how to show it safely.

An address may hold a password, in the URL's user info (``postgresql://u:secret@host/db``), in its query
(``?password=secret``, ``?sslpassword=secret``) or as a ``key=value`` (``host=h password=secret``).
:func:`display_address` is the one way an address is shown to the user (every message, log line and exception
text): each secret becomes ``***``. :func:`scrub` cleans a text that may echo the address (psycopg's own error
messages do): the same patterns, and every secret of the address replaced wherever it appears, as written and
percent-decoded.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
MASK = "***"
# libpq's connection keywords (the ones a key=value string may start with).
_KEYWORDS = (
    "host|hostaddr|port|dbname|user|password|passfile|sslpassword|service|connect_timeout|options|"
    "application_name|sslmode|sslcert|sslkey|sslrootcert|target_session_attrs|channel_binding|gssencmode"
)
_KEY_VALUE = re.compile(rf"\s*(?:{_KEYWORDS})\s*=")
_URL = re.compile(r"(?P<scheme>postgres(?:ql)?://)(?P<rest>[^\s\"'<>]*)", re.IGNORECASE)
_QUERY_SECRET = re.compile(r"(?P<key>[?&](?:ssl)?password=)[^&#\s\"']*", re.IGNORECASE)
_PAIR_SECRET = re.compile(r"(?P<key>\b(?:ssl)?password\s*=\s*)(?:'(?:[^'\\]|\\.)*'?|[^\s'\"]+)", re.IGNORECASE)
_SECRET_SPOT = re.compile(f"{_URL.pattern}|{_PAIR_SECRET.pattern}", re.IGNORECASE)  # one pass: a URL, or a pair
_SHORTEST_SECRET = 3  # shorter secrets are masked where they stand, not replaced everywhere in a text


def is_postgres(address: str) -> bool:
    """Whether ``address`` names a PostgreSQL database (a URL or a libpq ``key=value`` string) rather than a file."""
    return address.startswith(POSTGRES_SCHEMES) or _KEY_VALUE.match(address) is not None


def display_address(address: str) -> str:
    """``address`` with every password masked: safe for any message. Never fails, whatever the text."""
    return scrub(address, address)


def scrub(text: str, address: str) -> str:
    """``text`` (an error message from a driver) with the secrets of ``address``, and any password it shows, masked."""
    cleaned = _SECRET_SPOT.sub(_masked_spot, text)
    for secret in sorted(secrets_of(address), key=len, reverse=True):
        if len(secret) >= _SHORTEST_SECRET:
            cleaned = cleaned.replace(secret, MASK)
    return cleaned


def secrets_of(address: str) -> set[str]:
    """The passwords written in ``address`` (as written and percent-decoded)."""
    found: set[str] = set()
    for match in _URL.finditer(address):
        userinfo = _userinfo(match.group("rest"))
        if userinfo is not None and ":" in userinfo:
            found.add(userinfo.split(":", 1)[1])
    for match in _QUERY_SECRET.finditer(address):
        found.add(match.group(0)[len(match.group("key")) :])
    for match in _PAIR_SECRET.finditer(address):
        found.add(match.group(0)[len(match.group("key")) :].strip("'"))
    return {variant for secret in found if secret for variant in (secret, unquote(secret)) if variant}


def _userinfo(rest: str) -> str | None:
    """The user info of a URL's text after the scheme: up to its last ``@`` before the query (generous on purpose:
    a password holding ``/`` or ``@`` is still masked whole)."""
    before_query = rest.split("?", 1)[0]
    return before_query.rpartition("@")[0] if "@" in before_query else None


def _masked_spot(match: re.Match[str]) -> str:
    return _mask(match) if match.group("scheme") is None else _masked_url(match)


def _masked_url(match: re.Match[str]) -> str:
    rest = match.group("rest")
    userinfo = _userinfo(rest)
    if userinfo is not None and ":" in userinfo:
        user = userinfo.split(":", 1)[0]
        rest = f"{user}:{MASK}@{rest[len(userinfo) + 1 :]}"
    return match.group("scheme") + _QUERY_SECRET.sub(_mask, rest)


def _mask(match: re.Match[str]) -> str:
    return match.group("key") + MASK
