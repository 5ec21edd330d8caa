"""Slugs: stable identifiers derived from names, when a file carries none, and what happens when two services want one.

``service_slug("HMRC", "Self Assessment: tax returns")`` is ``"hmrc-self-assessment-tax-returns"``: the
department's abbreviation and the service name, lower case, every run of other characters a hyphen; one longer than
200 characters (or with no letter or digit at all) is cut and ends with a suffix made from the service's identity.
A slug a file gives has at most 200 characters (checked by the importers).

A service's identity is its department and name (:func:`name_key`). Its slug is a function of that identity and of
the slugs files give, never of which file was imported first (:func:`settle_slug`):

- a slug given by a file wins over a derived one (a service stored under its derived slug is renamed);
- a derived slug never replaces a stored one;
- two services whose derived slugs are the same (``"Self-assessment"`` and ``"Self assessment"``): the one whose
  identity sorts first keeps the plain slug, the other gets a short suffix from its identity
  (``hmrc-self-assessment-3f2a9c``), whichever came first;
- a derived slug that another service was given: the derived one gets the suffix;
- two services given the same slug by files: an error (:class:`SlugClashError`), nothing stored.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from govpress.problems import GovpressError, Problem

_NON_WORD = re.compile(r"[^a-z0-9]+")
MAX_DERIVED = 200  # characters of a derived slug (a file name has at most 255 bytes)
MAX_GIVEN = 200  # characters of a slug a file gives (the real export's longest is 182)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", ascii_text.lower().replace("&", " and ").replace("'", "")).strip("-")


def department_slugs(abbreviations: Iterable[str]) -> dict[str, str]:
    """Each department's folder name in the explorer: its abbreviation as a slug. Abbreviations that differ only in
    case or punctuation (``DfT`` and ``DFT``) would share one: the first in sorted order keeps it, the others get a
    suffix from their own abbreviation, so no department's pages overwrite another's, whatever the order."""
    groups: dict[str, list[str]] = {}
    for abbreviation in sorted(set(abbreviations)):
        groups.setdefault(slugify(abbreviation), []).append(abbreviation)
    slugs: dict[str, str] = {}
    for slug, members in groups.items():
        slugs[members[0]] = slug
        for other in members[1:]:
            slugs[other] = f"{slug}-{hashlib.sha256(other.encode('utf-8')).hexdigest()[:6]}"
    return slugs


def service_slug(department_abbr: str, name: str) -> str:
    """The derived slug: at most :data:`MAX_DERIVED` characters (a longer one, or an empty one, is cut and given the
    suffix of the service's identity, so that it still names one service and fits in a file name)."""
    slug = slugify(f"{department_abbr} {name}")
    if slug and len(slug) <= MAX_DERIVED:
        return slug
    cut = slug[: MAX_DERIVED - 7].rstrip("-") or "service"
    return disambiguated(cut, name_key(department_abbr, name))


def name_key(department_abbr: str, name: str) -> str:
    """What makes two services the same service across formats: the department and the name."""
    return f"{department_abbr.strip().lower()}\x1f{' '.join(name.lower().split())}"


def disambiguated(slug: str, key: str) -> str:
    """``slug`` with a suffix that depends only on the service's identity ``key``."""
    return f"{slug}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:6]}"


@dataclass(frozen=True)
class SlugHolder:
    """A stored service that holds a slug: its identity, and whether its slug is the one derived from its name."""

    key: str
    name: str
    derived: bool


class SlugClashError(GovpressError):
    """Two services given the same slug by files."""


def settle_slug(slug: str, key: str, derived: bool, holder: SlugHolder | None) -> tuple[str, str | None]:
    """The slug for a service wanting ``slug``, and the new slug of the stored ``holder`` of it when it must move.

    ``derived``: whether ``slug`` is the one derived from the service's name (else a file gave it).
    """
    if holder is None or holder.key == key:
        return slug, None
    if not derived and not holder.derived:
        raise SlugClashError(
            Problem.error(
                f"slug {slug!r} is given to a service that the store already holds under another name "
                f"({holder.name!r}): give one of them another slug: file not imported"
            )
        )
    incoming_wins = (not derived) or (holder.derived and key < holder.key)
    if incoming_wins:
        return slug, disambiguated(slug, holder.key)
    return disambiguated(slug, key), None
