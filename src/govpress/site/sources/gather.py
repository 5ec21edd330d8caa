"""Render every source page's body: from the cache where its inputs are unchanged, else in the build's workers."""

from __future__ import annotations

import heapq
import logging
from collections.abc import Callable, Sequence, Set
from concurrent.futures import Future
from dataclasses import dataclass, replace

from govpress.dialect import DialectEngine
from govpress.site.engine.cache import CacheEntry
from govpress.site.engine.stamps import FileStamp, key_of, stamps_of
from govpress.site.engine.workers import Workers
from govpress.site.sources.discover import DocumentSource, HtmlSource
from govpress.site.sources.readers import Content, ReadContext, read_document, read_html_page

logger = logging.getLogger(__name__)
Source = DocumentSource | HtmlSource
Progress = Callable[[int, int], None]
Rendered = tuple[Content, tuple[FileStamp, ...]]
POOL_THRESHOLD = 6
CHUNKS_PER_WORKER = 3
CHUNK_WEIGHT = 1 << 19  # source bytes a chunk holds at most, about: a chunk's results come back as one message


@dataclass(frozen=True)
class Gathered:
    contents: tuple[Content, ...]
    entries: dict[str, CacheEntry]
    rendered: int


@dataclass(frozen=True)
class GatherPlan:
    """What a build must render (``missing``) and what it has from the cache (``cached``)."""

    sources: tuple[Source, ...]
    keys: dict[str, str]
    cached: dict[str, CacheEntry]
    missing: tuple[Source, ...]

    def without(self, outputs: Set[str]) -> GatherPlan:
        """The plan for every source but those whose output path is in ``outputs``."""
        if not outputs:
            return self
        sources = tuple(s for s in self.sources if str(s.output) not in outputs)
        missing = tuple(s for s in self.missing if str(s.output) not in outputs)
        keys = {output: key for output, key in self.keys.items() if output not in outputs}
        cached = {output: entry for output, entry in self.cached.items() if output not in outputs}
        return GatherPlan(sources, keys, cached, missing)


def plan_gather(
    sources: Sequence[Source], context: ReadContext, cache: dict[str, CacheEntry], fingerprint: str
) -> GatherPlan:
    keys = {str(s.output): _key(s, context, fingerprint) for s in sources}
    cached: dict[str, CacheEntry] = {}
    for source in sources:
        entry = cache.get(str(source.output))
        if entry is not None and entry.valid(keys[str(source.output)]):
            cached[str(source.output)] = entry
    missing = tuple(s for s in sources if str(s.output) not in cached)
    return GatherPlan(tuple(sources), keys, cached, missing)


class PendingGather:
    """The rendering of a plan's missing sources: in chunks handed to a pool as :meth:`submit` is asked, else here,
    one by one, when their contents are asked for. Sources can be :meth:`drop`-ped (not rendered, or their contents
    thrown away) until :meth:`finish`."""

    def __init__(self, plan: GatherPlan, context: ReadContext, workers: Workers, progress: Progress | None) -> None:
        self.plan = plan
        self._context = context
        self._workers = workers if workers.parallel and len(plan.missing) >= POOL_THRESHOLD else Workers.serial()
        self._progress = progress
        self._chunks: list[tuple[Future[list[Rendered]], frozenset[str]]] = []
        self._submitted: set[str] = set()
        self._weights = {str(s.output): _weight(s) for s in plan.missing}  # file sizes: read once
        self._wanted = set(self._weights)  # the missing sources' outputs not dropped: not made again per chunk
        self._done = {output: entry.content for output, entry in plan.cached.items()}
        self._stamps: dict[str, tuple[FileStamp, ...]] = {}
        self._report()

    def submit(self, outputs: Set[str] | None = None) -> None:
        """Hand the missing sources whose output path is in ``outputs`` (default: all not handed yet) to the pool,
        in chunks of about the same size, biggest first (nothing happens without a pool): :data:`CHUNKS_PER_WORKER`
        a worker, more when that would make a chunk bigger than :data:`CHUNK_WEIGHT` (so a big site's results come
        back in messages of a few MB, not a sixth of the site at once). Each chunk carries the dates of its own
        pages only."""
        if not self._workers.parallel:
            return
        sources = [
            s
            for s in self.plan.missing
            if str(s.output) not in self._submitted and (outputs is None or str(s.output) in outputs)
        ]
        if not sources:
            return
        jobs = self._workers.jobs
        weights = self._weights
        part = sum(weights[str(s.output)] for s in sources) / max(1, sum(weights.values()))
        share = round(jobs * CHUNKS_PER_WORKER * part)
        share = max(share, -(-sum(weights[str(s.output)] for s in sources) // CHUNK_WEIGHT))
        dates = self._context.dates
        for chunk in _balanced(sources, max(min(jobs, len(sources)), share), lambda s: weights[str(s.output)]):
            outputs_of_chunk = frozenset(str(s.output) for s in chunk)
            own = {output: dates[output] for output in outputs_of_chunk if output in dates}
            future = self._workers.submit(read_chunk, chunk, replace(self._context, dates=own))
            self._chunks.append((future, outputs_of_chunk))
            self._submitted |= outputs_of_chunk

    def drop(self, outputs: Set[str]) -> None:
        """Leave out the sources whose output path is in ``outputs`` (their contents, if rendered, are not kept)."""
        self.plan = self.plan.without(outputs)
        self._wanted -= outputs
        for output in outputs:
            self._done.pop(output, None)

    def first_contents(self, first: Set[str]) -> list[Content]:
        """The contents of the sources in ``first`` (from the cache, or rendered), in the plan's order, waiting only
        for the chunks that hold them (with no pool, they are rendered now)."""
        for future, outputs in list(self._chunks):
            if outputs & first:
                self._take(future)
        self._render_here(first)
        keys = [str(s.output) for s in self.plan.sources]
        return [self._done[key] for key in keys if key in first and key in self._done]

    def finish(self) -> Gathered:
        """Every content (waiting for every chunk, or rendering here what no chunk holds), with the cache entries."""
        self.submit()
        for future, _ in list(self._chunks):
            self._take(future)
        self._render_here(None)
        plan, done = self.plan, self._done
        entries = {
            output: plan.cached[output]
            if output in plan.cached
            else CacheEntry(plan.keys[output], content, self._stamps[output])
            for output, content in done.items()
            if not content.failed
        }
        return Gathered(tuple(done[str(s.output)] for s in plan.sources), entries, len(plan.missing))

    def _take(self, future: Future[list[Rendered]]) -> None:
        wanted = self._wanted
        for content, stamps in future.result():
            if str(content.output) in wanted:
                self._done[str(content.output)] = content
                self._stamps[str(content.output)] = stamps
        self._chunks = [(f, outputs) for f, outputs in self._chunks if f is not future]
        self._report()

    def _render_here(self, outputs: Set[str] | None) -> None:
        engine: DialectEngine | None = None
        for source in self.plan.missing:
            output = str(source.output)
            if output in self._done or output in self._submitted or (outputs is not None and output not in outputs):
                continue
            engine = engine or DialectEngine()
            self._done[output], self._stamps[output] = _stamped(read_source(source, self._context, engine))
            self._report()

    def _report(self) -> None:
        if self._progress:
            self._progress(len(self._done), len(self.plan.sources))


def start_gather(
    plan: GatherPlan, context: ReadContext, workers: Workers, progress: Progress | None = None
) -> PendingGather:
    """The rendering of ``plan``'s missing sources, in ``workers`` when they are a pool and there are at least
    :data:`POOL_THRESHOLD` of them (nothing is handed over until :meth:`PendingGather.submit`)."""
    return PendingGather(plan, context, workers, progress)


def _key(source: Source, context: ReadContext, fingerprint: str) -> str:
    files = source.files if isinstance(source, DocumentSource) else (source.path,)
    return key_of(
        fingerprint,
        type(source).__name__,
        str(source.output),
        tuple(str(p) for p in files),
        str(source.meta),
        context.last_action,
        repr(context.strategy),
        str(context.dates.get(str(source.output))),
        str(context.assets_dir),
        context.language_of(source.output),  # govpress's own text on it: the video player's, a chart's series
    )


def read_source(source: Source, context: ReadContext, engine: DialectEngine | None = None) -> Content:
    if isinstance(source, DocumentSource):
        return read_document(source, context, engine)
    return read_html_page(source, context, engine)


def read_chunk(sources: Sequence[Source], context: ReadContext) -> list[Rendered]:
    """A worker's share (top level, so a process pool can run it), with one engine for all of it: each content with
    the stamps of the files it read (for the cache; made here, so the worker reads them, not the build)."""
    engine = DialectEngine()
    return [_stamped(read_source(source, context, engine)) for source in sources]


def _stamped(content: Content) -> Rendered:
    return content, (() if content.failed else stamps_of(content.dependencies))


def _balanced(sources: list[Source], count: int, weight: Callable[[Source], int]) -> list[list[Source]]:
    """Split into ``count`` chunks of about the same source size (biggest first, each to the lightest chunk)."""
    chunks: list[list[Source]] = [[] for _ in range(max(1, min(count, len(sources))))]
    lightest = [(0, index) for index in range(len(chunks))]  # a heap: the lightest chunk first, then the first
    for source in sorted(sources, key=weight, reverse=True):
        total, index = heapq.heappop(lightest)
        chunks[index].append(source)
        heapq.heappush(lightest, (total + weight(source), index))
    return [c for c in chunks if c]


def _weight(source: Source) -> int:
    files = source.files if isinstance(source, DocumentSource) else (source.path,)
    return sum(p.stat().st_size for p in files) + 2000
