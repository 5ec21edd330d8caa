"""Slugs: stable identifiers derived from names, when a file carries none.

``service_slug("HMRC", "Self Assessment: tax returns")`` is ``"hmrc-self-assessment-tax-returns"``: the
department's abbreviation and the service name, lower case, every run of other characters a hyphen.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", ascii_text.lower().replace("&", " and ").replace("'", "")).strip("-")


def service_slug(department_abbr: str, name: str) -> str:
    return slugify(f"{department_abbr} {name}")


def name_key(department_abbr: str, name: str) -> str:
    """What makes two services the same service across formats: the department and the name."""
    return f"{department_abbr.strip().lower()}\x1f{' '.join(name.lower().split())}"
