"""Render every source page's body: from the cache where its inputs are unchanged, else in the build's workers."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence, Set
from concurrent.futures import Future
from dataclasses import dataclass

from govpress.dialect import DialectEngine
from govpress.site.cache import CacheEntry, key_of, stamps_of
from govpress.site.discover import DocumentSource, HtmlSource
from govpress.site.readers import Content, ReadContext, read_document, read_html_page
from govpress.site.workers import Workers

logger = logging.getLogger(__name__)
Source = DocumentSource | HtmlSource
Progress = Callable[[int, int], None]
POOL_THRESHOLD = 6
CHUNKS_PER_WORKER = 3


@dataclass(frozen=True)
class Gathered:
    contents: tuple[Content, ...]
    entries: dict[str, CacheEntry]
    rendered: int


def gather_contents(
    sources: Sequence[Source],
    context: ReadContext,
    cache: dict[str, CacheEntry],
    fingerprint: str,
    workers: Workers | None = None,
    progress: Progress | None = None,
) -> Gathered:
    """Every source's :class:`Content`, in the order of ``sources``; the new cache entries alongside."""
    plan = plan_gather(sources, context, cache, fingerprint)
    return start_gather(plan, context, workers or Workers.serial()).finish(progress)


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


@dataclass(frozen=True)
class PendingGather:
    """The rendering of a plan's missing sources, under way in a pool (or to be done here, one by one)."""

    plan: GatherPlan
    context: ReadContext
    futures: tuple[Future[list[Content]], ...]

    def finish(self, progress: Progress | None = None) -> Gathered:
        """Wait for every chunk (rendering them here when there is no pool) and join them to the cached."""
        plan = self.plan
        done = {output: entry.content for output, entry in plan.cached.items()}
        total = len(plan.sources)
        if progress:
            progress(len(done), total)
        results = (
            (f.result() for f in self.futures)
            if self.futures
            else ([read_source(s, self.context, engine)] for engine in [DialectEngine()] for s in plan.missing)
        )
        for contents in results:
            for content in contents:
                done[str(content.output)] = content
            if progress:
                progress(len(done), total)
        entries = {
            output: plan.cached[output] if output in plan.cached else _entry(plan.keys[output], content)
            for output, content in done.items()
            if not content.failed
        }
        return Gathered(tuple(done[str(s.output)] for s in plan.sources), entries, len(plan.missing))


def start_gather(plan: GatherPlan, context: ReadContext, workers: Workers) -> PendingGather:
    """Hand the plan's missing sources to ``workers`` in chunks of about the same size, biggest first (when the
    workers are a pool and there are at least :data:`POOL_THRESHOLD` of them; else they render in ``finish``)."""
    if not workers.parallel or len(plan.missing) < POOL_THRESHOLD:
        return PendingGather(plan, context, ())
    chunks = _balanced(list(plan.missing), workers.jobs * CHUNKS_PER_WORKER)
    return PendingGather(plan, context, tuple(workers.submit(read_chunk, chunk, context) for chunk in chunks))


def _key(source: Source, context: ReadContext, fingerprint: str) -> str:
    files = source.files if isinstance(source, DocumentSource) else (source.path,)
    return key_of(
        fingerprint,
        type(source).__name__,
        str(source.output),
        tuple(str(p) for p in files),
        str(source.meta),
        context.last_action,
        str(context.dates.get(str(source.output))),
        str(context.assets_dir),
    )


def _entry(key: str, content: Content) -> CacheEntry:
    return CacheEntry(key, content, stamps_of(content.dependencies))


def read_source(source: Source, context: ReadContext, engine: DialectEngine | None = None) -> Content:
    if isinstance(source, DocumentSource):
        return read_document(source, context, engine)
    return read_html_page(source, context, engine)


def read_chunk(sources: Sequence[Source], context: ReadContext) -> list[Content]:
    """A worker's share (top level, so a process pool can run it), with one engine for all of it."""
    engine = DialectEngine()
    return [read_source(source, context, engine) for source in sources]


def _balanced(sources: list[Source], count: int) -> list[list[Source]]:
    """Split into ``count`` chunks of about the same source size (biggest first, each to the lightest chunk)."""
    chunks: list[list[Source]] = [[] for _ in range(max(1, min(count, len(sources))))]
    weights = [0] * len(chunks)
    for source in sorted(sources, key=_weight, reverse=True):
        lightest = weights.index(min(weights))
        chunks[lightest].append(source)
        weights[lightest] += _weight(source)
    return [c for c in chunks if c]


def _weight(source: Source) -> int:
    files = source.files if isinstance(source, DocumentSource) else (source.path,)
    return sum(p.stat().st_size for p in files) + 2000
