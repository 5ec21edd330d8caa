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
from collections import deque
from collections.abc import MutableMapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from functools import partial

from govpress.site.engine.layouts import UNREAD
from govpress.site.engine.settle import page_fact
from govpress.site.engine.workers import Workers
from govpress.site.layout.source_pages import Fresh, SourceLayouts
from govpress.site.sources.readers import Content
from govpress.site.structure.facts import PageFacts, interned
from govpress.site.structure.pages import Page

logger = logging.getLogger(__name__)
CHUNK = 16  # pages sent to a worker at a time (about 20 ms of work)
START = 64  # pages to lay out anew for the workers to be worth forking
AHEAD = 8  # chunks a worker may be given ahead of the page the build settles
Laid = tuple[Page, str, PageFacts | None]

# A layout worker's own state: what it inherited when it was forked (set once by ``_inherit``, in the worker only;
# the build's process never sets it). A pool's initializer is the only way to hand a worker values that are not
# pickled, such as the site's Jinja2 environments (:class:`~govpress.site.engine.workers.Workers`).
_worker: dict[str, SourceLayouts] = {}


@dataclass
class _Chunk:
    """Pages handed to a worker, and, once back, each laid out with its hash and facts (``None``: the worker failed:
    its pages are laid out here)."""

    future: Future[list[Laid]]
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
    _handed: int = 0  # pages handed to the workers and not yet asked for
    _workers: Workers | None = None

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
        if len(self._waiting) >= START:
            workers = Workers(self.jobs, inherited=partial(_inherit, self.layouts))  # serial where none can fork
            if workers.parallel:
                self._workers = workers
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
            self.known[digest] = interned(facts)
        return page

    def close(self, cancel: bool = False) -> None:
        """Stop the workers (``cancel``: what they were given and have not started is dropped)."""
        if self._workers is not None:
            self._workers.shutdown(cancel)
            self._workers = None

    def __enter__(self) -> LayoutPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(cancel=kind is not None)

    def _laid(self, item: _Ahead) -> Laid | None:
        """What a worker made of ``item`` (``None``: not handed to one, or it failed), handing more to the workers."""
        if self._waiting and self._waiting[0] is item:
            self._waiting.popleft()
        if item.chunk is None:
            return None
        self._handed -= 1
        laid = item.chunk.result(item.index)
        if laid is None:  # a worker failed: no more is handed to them (the rest is laid out here)
            self.close(cancel=True)
            self._waiting.clear()
        else:
            self._hand_over()
        return laid

    def _hand_over(self) -> None:
        """Keep :data:`AHEAD` chunks a worker of pages to lay out handed over."""
        while self._workers is not None and self._waiting and self._handed < AHEAD * CHUNK * self.jobs:
            items = [self._waiting.popleft() for _ in range(min(CHUNK, len(self._waiting)))]
            chunk = _Chunk(self._workers.submit(_lay_out, [item.fresh for item in items if item.fresh]))
            for index, item in enumerate(items):
                item.chunk, item.index = chunk, index
            self._handed += len(items)


def _inherit(layouts: SourceLayouts) -> None:
    """In a layout worker, once forked: keep what it inherited."""
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
