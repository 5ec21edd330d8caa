"""Organisations: ids, names, abbreviations, and their digital strategy links from the home page's list.

The list (``partials/departmentactions/_index.md``), one Markdown bullet per organisation::

    item  = "- " ( "[" NAME " Digital Strategy" "](" URL ")" | NAME " Digital Strategy" [ " (" NOTE ")" ] )

An action page heading (``Department for<br>Business<br>Innovation<br>& Skills``) is matched to an item by its
words (case, punctuation, "and" and "&" ignored).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SUFFIX = " Digital Strategy"
_CURLY = "\u2019"


@dataclass(frozen=True)
class StrategyLink:
    name: str
    url: str | None
    note: str | None
    line: int


def strategy_links(text: str) -> list[StrategyLink]:
    """The items of the organisations' strategy list."""
    links: list[StrategyLink] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line.startswith(("- ", "* ")):
            continue
        item = _item(line[2:].strip(), number)
        if item is not None:
            links.append(item)
    return links


def _item(body: str, line: int) -> StrategyLink | None:
    url: str | None = None
    note: str | None = None
    if body.startswith("[") and "](" in body and body.endswith(")"):
        body, _, target = body[1:-1].partition("](")
        url = target.strip()
    elif body.endswith(")") and " (" in body:
        body, _, note = body[:-1].rpartition(" (")
    if not body.endswith(_SUFFIX):
        return None
    return StrategyLink(body[: -len(_SUFFIX)].strip(), url, note, line)


def name_key(name: str) -> str:
    """Words of a name for matching: lower case, straight quotes, no punctuation, no 'and' or '&'."""
    text = name.replace(_CURLY, "'").replace("<br>", " ").lower()
    words = re.findall(r"[a-z0-9']+", text)
    return " ".join(w for w in words if w != "and")


def organisation_slug(name: str) -> str:
    """``home-office`` for ``Home Office``; ``attorney-generals-office`` for ``Attorney General\u2019s Office``."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("'", "").replace("&", " ")
    return "-".join(re.findall(r"[a-z0-9]+", text))


def abbreviation(name: str, texts: list[str]) -> str | None:
    """The organisation's abbreviation when its statements use one made of its name's initials (``DWP``, ``MoJ``).

    Candidates: the initials of the capitalised words, the same with ``of``/``for`` as lower case letters, and both
    without a leading "Department for/of"; the first that appears as a word in ``texts`` wins.
    """
    words = re.findall(r"[A-Za-z]+", name.replace(_CURLY, "'").replace("'s", ""))
    caps = "".join(w[0] for w in words if w[0].isupper())
    mixed = "".join(w[0] if w[0].isupper() or w in ("of", "for") else "" for w in words)
    candidates = [caps, mixed]
    if words[:1] == ["Department"] and len(words) > 2 and words[1] in ("of", "for"):
        candidates += [caps[1:], mixed[2:]]
    joined = " ".join(texts)
    for candidate in candidates:
        spellings = {candidate, candidate[0] + candidate[1:].lower()}
        found = re.findall(rf"\b({'|'.join(map(re.escape, spellings))})\b", joined) if len(candidate) > 1 else []
        if found:
            best: str = max(sorted(set(found)), key=found.count)
            return best
    return None
