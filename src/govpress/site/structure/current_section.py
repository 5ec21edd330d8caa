"""Which header link is the current one: the section the page is in, as GOV.UK's service navigation marks it.

A page is in a link's section when the link's address is the page's own (``aria-current="page"``) or a folder
that holds the page (``aria-current="true"``); when several folders hold it, the deepest one is its section. A link
to the home page (the site's base path) is current on the home page only, not on every page.
Addresses compare without a trailing ``index.html``; links to other sites never match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def navigation_state(links: Sequence[Mapping[str, str]], here: str | None, base_path: str = "/") -> dict[str, str]:
    """``{href: "page" | "true"}`` for the one link that is current on the page at ``here`` (a site path with the
    base path, e.g. ``/digital/strategy/``); empty when ``here`` is ``None`` or no link holds the page."""
    if here is None:
        return {}
    page = _folder_form(here)
    best: tuple[int, str, str] | None = None
    for link in links:
        href = link["href"]
        target = _folder_form(href)
        if target == page:
            return {href: "page"}
        holds = target.endswith("/") and target != _folder_form(base_path) and page.startswith(target)
        if holds and (best is None or len(target) > best[0]):
            best = (len(target), href, "true")
    return {best[1]: best[2]} if best else {}


def _folder_form(path: str) -> str:
    path = path.split("#", 1)[0].split("?", 1)[0]
    return path.removesuffix("index.html")
