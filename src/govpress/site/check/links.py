"""Whole-site checks over the finished pages: links, images and fragments that resolve, titles, heading levels.

Every problem is a warning with the file and line of the source that holds the link (found by searching the page's
dependencies for the link text), so content that was broken in the source itself is reported but does not stop a
build (``--strict`` makes warnings fail).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from govpress.problems import Problem
from govpress.site.sources.locate import SourceFinder
from govpress.site.structure.pages import Page

# Attribute names as HTML writes them (lower case), one expression each: a literal first keeps the scan fast.
_VALUE = r"=(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)')"
LINKS = tuple(re.compile(name + _VALUE) for name in ("href", "src"))
IDS = tuple(re.compile(name + _VALUE) for name in ("id", "name"))
TITLE = re.compile(r"<title>(?P<text>.*?)</title>", re.IGNORECASE | re.DOTALL)
MAIN_START = re.compile(r"<main\b", re.IGNORECASE)  # two short searches: far faster than one lazy ``.*?`` over the page
MAIN_END = re.compile(r"</main>", re.IGNORECASE)
HEADING = re.compile(r"<h(?P<level>[1-6])\b[^>]*>(?P<inner>.*?)</h(?P=level)>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")
EXTERNAL = ("http://", "https://", "//")
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:")


@dataclass(frozen=True)
class PageFacts:
    """What the checks need from one finished page."""

    links: tuple[str, ...]
    ids: frozenset[str]
    title: str
    heading_levels: tuple[tuple[int, str], ...]


def page_facts(html: str) -> PageFacts:
    headings = tuple(
        (int(m.group("level")), " ".join(TAG.sub("", m.group("inner")).split())) for m in HEADING.finditer(_main(html))
    )
    title = TITLE.search(html)
    return PageFacts(
        links=tuple(_attributes(html, LINKS)),
        ids=frozenset(_attributes(html, IDS)),
        title=" ".join(title.group("text").split()) if title else "",
        heading_levels=headings,
    )


def _main(html: str) -> str:
    """The page's ``<main>`` element (the whole page when it has none)."""
    start = MAIN_START.search(html)
    end = MAIN_END.search(html, start.end()) if start else None
    return html[start.start() : end.end()] if start and end else html


def _attributes(html: str, expressions: Sequence[re.Pattern[str]]) -> list[str]:
    """The values of the attributes the expressions find (each after white space, as an attribute is), in page
    order; none inside another's value."""
    found = sorted(
        (
            m
            for expression in expressions
            for m in expression.finditer(html)
            if html[m.start() - 1 : m.start()].isspace()
        ),
        key=lambda m: m.start(),
    )
    values: list[str] = []
    end = 0
    for match in found:
        if match.start() >= end:
            values.append(_value(match))
            end = match.end()
    return values


def _value(found: re.Match[str]) -> str:
    double = found.group("double")
    return double if double is not None else found.group("single")


def check_site(
    pages: Sequence[Page],
    facts: Mapping[str, PageFacts],
    files: Iterable[str],
    base_path: str = "/",
    source_headings: Mapping[str, tuple[tuple[int, str], ...]] | None = None,
    site_links: Mapping[str, tuple[Path, int | None]] | None = None,
) -> list[Problem]:
    """Every problem of the finished site. ``facts`` is by output path; ``files`` every other output path.

    ``source_headings`` (by output path) are the heading levels as written, checked instead of the published ones
    (which the build repairs). ``site_links``: links every page carries (the configured navigation), each with where
    it is set: checked once, reported there, not on every page.
    """
    source_headings = source_headings or {}
    site_links = site_links or {}
    known = {str(p.output) for p in pages} | set(files)
    finder = SourceFinder()
    problems: list[Problem] = []
    for page in pages:
        page_fact = facts.get(str(page.output))
        if page_fact is None:
            continue
        problems.extend(_title_problems(page, page_fact))
        levels = source_headings.get(str(page.output), page_fact.heading_levels)
        problems.extend(_heading_problems(page, levels, finder))
        here = str(page.output.parent)
        for url in dict.fromkeys(page_fact.links):
            if url in site_links:
                continue
            message = _link_problem(url, here, page, known, facts, base_path)
            if message is not None:
                path, line = finder.locate(_as_written(url, base_path), page.dependencies, page.source)
                # A page govpress made (the root index, a generator's) has no source: name the page it writes.
                problems.append(Problem.warning(message, path or str(page.output), line))
    if pages:
        for url, (path, line) in site_links.items():
            message = _link_problem(url, "", pages[0], known, facts, base_path)
            if message is not None:
                problems.append(Problem.warning(f"navigation: {message}", path, line))
    return problems


def _as_written(url: str, base_path: str) -> str:
    """A published site path as the source writes it (``/plan/a`` → ``/a`` under the base path ``/plan/``)."""
    return "/" + url.removeprefix(base_path) if base_path != "/" and url.startswith(base_path) else url


def _title_problems(page: Page, fact: PageFacts) -> list[Problem]:
    if fact.title:
        return []
    return [Problem.warning(f"page {page.url} has no title", page.source)]


def _heading_problems(page: Page, levels: Sequence[tuple[int, str]], finder: SourceFinder) -> list[Problem]:
    previous = 0
    skips: list[tuple[int, int, str]] = []
    for level, text in levels:
        if level > previous + 1:
            skips.append((previous, level, text))
        previous = level
    if not skips:
        return []
    before, level, text = skips[0]
    more = f" (and {len(skips) - 1} more)" if len(skips) > 1 else ""
    path, line = finder.locate(text, page.dependencies, page.source) if text else (page.source, None)
    where = f"h{before} → h{level}" if before else f"starts at h{level}"
    return [Problem.warning(f"heading levels skip: {where} at {text!r}{more}", path, line)]


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
    if not path:
        return str(page.output)
    if path.startswith("/"):
        path = "/" + path.removeprefix(base_path).lstrip("/") if path.startswith(base_path) else path
        joined = posixpath.normpath(path.lstrip("/") or ".")
    else:
        joined = posixpath.normpath(posixpath.join(here, path))
    for candidate in (joined, posixpath.join(joined, "index.html")):
        candidate = candidate.removeprefix("./")
        if candidate in known:
            return candidate
    return None
