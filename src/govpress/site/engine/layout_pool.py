"""Source pages laid out ahead of their turn in worker processes (docs/scaling.md, "Stop 25").

A build lays its pages out on one thread, in the order it settles them (:mod:`govpress.site.engine.settle`): the
templates, then the page's facts (its links and ids, read from its HTML), about 1.4 ms a page. When many pages are
laid out anew (a cold build; every page after a change to the site's name or templates) the pool lays them out in
worker processes instead, a few chunks ahead of the page the build settles:

    pool = LayoutPool(layouts, contents, known, jobs=2)
    pages = merged(makers, generated, order, ahead=pool.expect)   # every page prepared; workers forked if worth it
    page = pool.lay_out(content)                                   # its turn: laid out already, or kept

What reads files or the last build's records stays in the build's process and runs for every page, in order, before
the first is settled (:meth:`~govpress.site.layout.source_pages.SourceLayouts.prepare`: whether the page is kept,
its date, its alternates); a worker only runs the templates
(:meth:`~govpress.site.layout.source_pages.SourceLayouts.render`) and finds the laid-out page's facts, which join
``known`` under the hash of the page's bytes (the build then takes them from there instead of reading the page
again). The workers are forked when at least :data:`START` pages are to be laid out anew, before anything they must
not inherit is started (pagefind's pipes: a worker holding one would keep pagefind from ending); they inherit the
site as this process holds it (its templates, titles and languages), so only each page's own values are sent to
them. A build that lays out fewer pages (one page changed) never starts them; where processes cannot be forked, or
with one job, there is no pool.

A chunk whose worker failed (a template error, a worker killed) is laid out again here, page by page when its turn
comes, so an error is raised where the build reports it, with its template's line; no more is handed to the workers.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import MutableMapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace

from govpress.site.engine.layouts import UNREAD
from govpress.site.engine.settle import page_fact
from govpress.site.engine.workers import start_worker
from govpress.site.layout.source_pages import Fresh, SourceLayouts
from govpress.site.sources.readers import Content
from govpress.site.structure.facts import PageFacts
from govpress.site.structure.pages import Page

logger = logging.getLogger(__name__)
CHUNK = 16  # pages sent to a worker at a time (about 20 ms of work)
START = 64  # pages to lay out anew for the workers to be worth forking
AHEAD = 8  # chunks a worker may be given ahead of the page the build settles
Laid = tuple[Page, str, PageFacts | None]

# A layout worker's own state: what it inherited when it was forked (set once by ``_start``, in the worker only; the
# build's process never sets it). ProcessPoolExecutor's initializer is the only way to hand a worker values that are
# not pickled, such as the site's Jinja2 environments.
_worker: dict[str, SourceLayouts] = {}


@dataclass
class _Chunk:
    """Pages handed to a worker, and, once back, each laid out with its hash and facts (``None``: the worker failed:
    its pages are laid out here). ``left``: how many of them the build has not yet asked for."""

    future: Future[list[Laid]]
    left: int
    laid: list[Laid] | None = None
    failed: bool = False

    def result(self, index: int) -> Laid | None:
        if self.laid is None and not self.failed:
            try:
                self.laid = self.future.result()
            except Exception as error:  # any: the page is then laid out here, where its error is located
                logger.debug("a layout worker failed (%s): laying its pages out here", error)
                self.failed = True
        return None if self.laid is None else self.laid[index]


@dataclass
class _Ahead:
    """A page prepared ahead of its turn: kept (``page``; ``read``: its file is read back when its turn comes), or to
    lay out (``fresh``; in ``chunk`` at ``index`` once handed to a worker)."""

    name: str
    page: Page | None = None
    read: bool = False
    fresh: Fresh | None = None
    chunk: _Chunk | None = None
    index: int = 0


@dataclass
class LayoutPool:
    """Lays the source pages out ahead of their turn in ``jobs`` worker processes (see the module docstring).
    ``known``: the facts the build takes pages' facts from, by hash (the workers' join it)."""

    layouts: SourceLayouts
    contents: Sequence[Content]
    known: MutableMapping[str, PageFacts]
    jobs: int
    _by_name: dict[str, Content] = field(default_factory=dict)
    _ahead: deque[_Ahead] = field(default_factory=deque)
    _waiting: deque[_Ahead] = field(default_factory=deque)  # to lay out, not yet handed to a worker
    _chunks: deque[_Chunk] = field(default_factory=deque)  # handed to workers, not all asked for yet
    _pool: ProcessPoolExecutor | None = None

    def __post_init__(self) -> None:
        self._by_name = {str(c.output): c for c in self.contents}

    def expect(self, names: Sequence[str]) -> None:
        """The pages the build will ask for, in that order (those that are not source pages are left out): each is
        prepared now, and when at least :data:`START` of them are to be laid out anew, the workers are forked and
        given the first."""
        for name in names:
            content = self._by_name.get(name)
            if content is None:
                continue
            prepared = self.layouts.prepare(content)
            if isinstance(prepared, Fresh):
                item = _Ahead(name, fresh=prepared)
                self._waiting.append(item)
            elif prepared.content != UNREAD:  # a kept page read to see its sections: read again in its turn
                item = _Ahead(name, page=replace(prepared, content=UNREAD), read=True)
            else:
                item = _Ahead(name, page=prepared)
            self._ahead.append(item)
        if len(self._waiting) >= START and self.jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(
                self.jobs, context, initializer=_start, initargs=(os.getpid(), self.layouts)
            )
            logger.debug("laying %d pages out in %d worker processes", len(self._waiting), self.jobs)
            self._hand_over()

    def lay_out(self, content: Content) -> Page:
        """The page of ``content`` in its layout (laid out ahead, kept from the last build, or laid out now)."""
        name = str(content.output)
        while self._ahead and self._ahead[0].name != name:  # asked out of the order expected: not laid out ahead
            skipped = self._ahead.popleft()
            logger.debug("%s was prepared ahead but not asked for in turn", skipped.name)
            if skipped.fresh is not None and skipped.chunk is None:
                self._waiting.remove(skipped)  # never handed to a worker now
        if not self._ahead:
            return self.layouts.lay_out(content)
        item = self._ahead.popleft()
        if item.page is not None:
            reuse = self.layouts.reuse
            return replace(item.page, content=reuse.read_back(name)) if item.read and reuse is not None else item.page
        assert item.fresh is not None
        laid = self._laid(item)
        if laid is None:  # no workers, or the worker failed: laid out here
            return self.layouts.render(item.fresh)
        page, digest, facts = laid
        if facts is not None and digest not in self.known:
            self.known[digest] = _interned(facts)
        return page

    def close(self) -> None:
        """Stop the workers (what they were still given is dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LayoutPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _laid(self, item: _Ahead) -> Laid | None:
        """What a worker made of ``item`` (``None``: not handed to one, or it failed), handing more to the workers."""
        if self._waiting and self._waiting[0] is item:
            self._waiting.popleft()
        chunk = item.chunk
        if chunk is None:
            return None
        laid = chunk.result(item.index)
        chunk.left -= 1
        while self._chunks and self._chunks[0].left == 0:
            self._chunks.popleft()
        if laid is None:  # a worker failed: no more is handed to them (the rest is laid out here)
            self.close()
            self._waiting.clear()
        else:
            self._hand_over()
        return laid

    def _hand_over(self) -> None:
        """Keep :data:`AHEAD` chunks a worker of pages to lay out handed over."""
        while self._pool is not None and self._waiting and len(self._chunks) < AHEAD * self.jobs:
            items = [self._waiting.popleft() for _ in range(min(CHUNK, len(self._waiting)))]
            chunk = _Chunk(self._pool.submit(_lay_out, [item.fresh for item in items if item.fresh]), len(items))
            for index, item in enumerate(items):
                item.chunk, item.index = chunk, index
            self._chunks.append(chunk)


def _start(parent: int, layouts: SourceLayouts) -> None:
    """A layout worker's first act (as every worker's, :func:`~govpress.site.engine.workers.start_worker`), then
    keeping what it inherited."""
    start_worker(parent)
    _worker["layouts"] = layouts


def _lay_out(chunk: list[Fresh]) -> list[Laid]:
    """In a worker: each page of ``chunk`` laid out, with the hash its facts are kept under and its facts."""
    layouts = _worker["layouts"]
    laid: list[Laid] = []
    for fresh in chunk:
        page = layouts.render(fresh)
        digest, facts = page_fact(page, {})
        laid.append((page, digest, facts))
    return laid


def _interned(facts: PageFacts) -> PageFacts:
    """``facts`` from a worker with their links and ids interned here, as :func:`page_facts` interns them (the
    header's and footer's are the same on every page of a site: held once)."""
    links = tuple(map(sys.intern, facts.links))
    return replace(facts, links=links, ids=frozenset(map(sys.intern, facts.ids)))
