"""Render every source page's body: from the cache where its inputs are unchanged, else in a process pool."""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from govpress.site.cache import CacheEntry, key_of, stamps_of
from govpress.site.discover import DocumentSource, HtmlSource
from govpress.site.readers import Content, ReadContext, read_document, read_html_page

logger = logging.getLogger(__name__)
Source = DocumentSource | HtmlSource
Progress = Callable[[int, int], None]
POOL_THRESHOLD = 6


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
    jobs: int = 1,
    progress: Progress | None = None,
) -> Gathered:
    """Every source's :class:`Content`, in the order of ``sources``; the new cache entries alongside."""
    keys = {str(s.output): _key(s, context, fingerprint) for s in sources}
    done: dict[str, Content] = {}
    for source in sources:
        entry = cache.get(str(source.output))
        if entry is not None and entry.valid(keys[str(source.output)]):
            done[str(source.output)] = entry.content
    missing = [s for s in sources if str(s.output) not in done]
    if progress:
        progress(len(done), len(sources))
    for content in _render(missing, context, jobs, len(done), len(sources), progress):
        done[str(content.output)] = content
    entries = {
        output: cache[output] if output in cache and cache[output].content is content else _entry(keys[output], content)
        for output, content in done.items()
        if not content.failed
    }
    return Gathered(tuple(done[str(s.output)] for s in sources), entries, len(missing))


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


def read_source(source: Source, context: ReadContext) -> Content:
    if isinstance(source, DocumentSource):
        return read_document(source, context)
    return read_html_page(source, context)


def read_chunk(sources: Sequence[Source], context: ReadContext) -> list[Content]:
    """A worker's share (top level, so a process pool can run it)."""
    return [read_source(source, context) for source in sources]


def _render(
    sources: list[Source], context: ReadContext, jobs: int, start: int, total: int, progress: Progress | None
) -> list[Content]:
    if jobs <= 1 or len(sources) < POOL_THRESHOLD:
        results: list[Content] = []
        for source in sources:
            results.append(read_source(source, context))
            if progress:
                progress(start + len(results), total)
        return results
    return _render_in_pool(sources, context, jobs, start, total, progress)


def _render_in_pool(
    sources: list[Source], context: ReadContext, jobs: int, start: int, total: int, progress: Progress | None
) -> list[Content]:
    chunks = _balanced(sources, jobs * 2)
    results: list[Content] = []
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)) as pool:
        for chunk_result in pool.map(read_chunk, chunks, [context] * len(chunks)):
            results.extend(chunk_result)
            if progress:
                progress(start + len(results), total)
    return results


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
