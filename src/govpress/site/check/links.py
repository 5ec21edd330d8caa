"""Whole-site checks over the finished pages: links, images and fragments that resolve, titles, heading levels.

Every problem is a warning with the file and line of the source that holds the link (found by searching the page's
dependencies for the link text), so content that was broken in the source itself is reported but does not stop a
build (``--strict`` makes warnings fail).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence, Set
from pathlib import Path
from urllib.parse import unquote, urlsplit

from govpress.problems import Problem
from govpress.site.check.headings import heading_skip_warning
from govpress.site.sources.locate import SourceFinder
from govpress.site.structure.facts import PageFacts
from govpress.site.structure.pages import Page

EXTERNAL = ("http://", "https://", "//")
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:")


def check_pages(
    pages: Sequence[Page],
    facts: Mapping[str, PageFacts],
    files: Iterable[str],
    base_path: str = "/",
    source_headings: Mapping[str, tuple[tuple[int, str], ...]] | None = None,
    site_links: Mapping[str, tuple[Path, int | None]] | None = None,
    recorded: Mapping[str, tuple[Problem, ...]] | None = None,
) -> tuple[dict[str, tuple[Problem, ...]], list[Problem]]:
    """Every problem of the finished site, each page's (by output path, in page order) apart from the navigation's.
    ``facts`` is by output path; ``files`` every other output path. ``source_headings`` (by output path) are the
    heading levels as written, checked instead of the published ones (which the build repairs), except a
    document's: its reader checks them, knowing each heading's line. ``site_links``: links every page carries (the
    configured navigation), each with where it is set: checked once, reported there, not on every page.
    ``recorded``: pages whose problems the last build found and that nothing they depend on has changed since
    (:func:`links_into`): not checked again."""
    source_headings = source_headings or {}
    site_links = site_links or {}
    recorded = recorded or {}
    known = {str(p.output) for p in pages} | set(files)
    finder = SourceFinder()
    by_page: dict[str, tuple[Problem, ...]] = {}
    verdicts: dict[tuple[str, str], str | None] = {}  # the same link from the same place: checked once
    for page in pages:
        name = str(page.output)
        page_fact = facts.get(name)
        if page_fact is None:
            continue
        if name in recorded:
            by_page[name] = recorded[name]
            continue
        problems = _title_problems(page, page_fact)
        if not _rendered_document(page, source_headings):
            levels = source_headings.get(name, page_fact.heading_levels)
            problems.extend(_heading_problems(page, levels, finder))
        here = str(page.output.parent)
        for url in dict.fromkeys(page_fact.links):
            if url in site_links:
                continue
            key = (url, _place(url, here, page))
            if key not in verdicts:
                verdicts[key] = _link_problem(url, here, page, known, facts, base_path)
            message = verdicts[key]
            if message is not None:
                path, line = finder.locate(_as_written(url, base_path), page.dependencies, page.source)
                # A page govpress made (the root index, a generator's) has no source: name the page it writes.
                problems.append(Problem.warning(message, path or str(page.output), line))
        by_page[name] = tuple(problems)
    navigation: list[Problem] = []
    if pages:
        for url, (path, line) in site_links.items():
            message = _link_problem(url, "", pages[0], known, facts, base_path)
            if message is not None:
                navigation.append(Problem.warning(f"navigation: {message}", path, line))
    return by_page, navigation


def links_into(page: Page, fact: PageFacts, changed: Set[str], base_path: str = "/") -> bool:
    """Whether a link of ``page`` may land on one of the output paths ``changed`` (pages or files that appeared,
    went or whose ids changed): then its links' verdicts may have changed too."""
    if not changed:
        return False
    here = str(page.output.parent)
    for url in fact.links:
        written = url.strip()
        if not written or written.startswith(EXTERNAL) or written.lower().startswith(SKIPPED_SCHEMES):
            continue
        parts = urlsplit(written)
        if parts.scheme or parts.netloc:
            continue
        if any(candidate in changed for candidate in _candidates(unquote(parts.path), here, page, base_path)):
            return True
    return False


def _place(url: str, here: str, page: Page) -> str:
    """What a link's verdict depends on besides the link: nothing for a site path (the header's links, the same on
    every page), the page's folder for a relative link, the page itself for a link within it (``#id``, ``?q``)."""
    written = url.strip()
    if written.startswith(("#", "?")) or not written:
        return str(page.output)
    return "" if written.startswith("/") else here


def _as_written(url: str, base_path: str) -> str:
    """A published site path as the source writes it (``/plan/a`` → ``/a`` under the base path ``/plan/``)."""
    return "/" + url.removeprefix(base_path) if base_path != "/" and url.startswith(base_path) else url


def _title_problems(page: Page, fact: PageFacts) -> list[Problem]:
    if fact.title:
        return []
    return [Problem.warning(f"page {page.url} has no title", page.source)]


def _rendered_document(page: Page, source_headings: Mapping[str, tuple[tuple[int, str], ...]]) -> bool:
    """A document (a folder of Markdown): its heading levels were checked by its reader, which knows each heading's
    line (:func:`govpress.site.sources.readers.read_document`)."""
    return str(page.output) in source_headings and page.source is not None and page.source.suffix == ".md"


def _heading_problems(page: Page, levels: Sequence[tuple[int, str]], finder: SourceFinder) -> list[Problem]:
    found = heading_skip_warning(levels, lambda text: finder.locate(text, page.dependencies, page.source), page.source)
    return [found] if found is not None else []


def _link_problem(
    url: str, here: str, page: Page, known: set[str], facts: Mapping[str, PageFacts], base_path: str
) -> str | None:
    url = url.strip()
    if not url or url.startswith(EXTERNAL) or url.lower().startswith(SKIPPED_SCHEMES):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() == "javascript":
        return f"link {url!r} runs code: readers without JavaScript cannot follow it; link to a page instead"
    if parts.scheme.lower() == "file":
        return f"link {url!r} names a file on the machine that built the site: readers cannot follow it"
    if parts.scheme and not parts.netloc:
        return f"malformed link {url!r} (no // after {parts.scheme}:)"
    if parts.scheme or parts.netloc:
        return None
    target = _target(unquote(parts.path), here, page, known, base_path)
    if target is None:
        return f"broken link {url!r}: no such page or file"
    if parts.fragment and target in facts and parts.fragment not in facts[target].ids:
        return f"broken link {url!r}: no element with id {parts.fragment!r} on {target}"
    return None


def _target(path: str, here: str, page: Page, known: set[str], base_path: str) -> str | None:
    return next((candidate for candidate in _candidates(path, here, page, base_path) if candidate in known), None)


def _candidates(path: str, here: str, page: Page, base_path: str) -> tuple[str, ...]:
    """The output paths a link's path may name, in the order they are tried."""
    if not path:
        return (str(page.output),)
    if path.startswith("/"):
        path = "/" + path.removeprefix(base_path).lstrip("/") if path.startswith(base_path) else path
        joined = posixpath.normpath(path.lstrip("/") or ".")
    else:
        joined = posixpath.normpath(posixpath.join(here, path))
    return tuple(candidate.removeprefix("./") for candidate in (joined, posixpath.join(joined, "index.html")))
