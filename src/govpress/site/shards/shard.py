"""What a shard (``govpress build --only SECTION``) records of itself for the merge: :func:`record_of_shard`."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from govpress.problems import Problem
from govpress.site.layout.page_layout import short_title
from govpress.site.settings.config import SiteConfig
from govpress.site.shards.inputs import project_files
from govpress.site.shards.plan import Only
from govpress.site.shards.record import shard_record
from govpress.site.sources.readers import Content
from govpress.site.structure.additions import unplaced
from govpress.site.structure.facts import PageFacts
from govpress.site.structure.pages import Page

ERROR_LAYOUT = "error"  # pages the root index does not list (as source_pages)


def record_of_shard(
    only: Only,
    project: Path,
    out: Path,
    config: SiteConfig,
    pages: Sequence[Page],
    shown: Collection[int],
    facts: Mapping[str, PageFacts],
    contents: Sequence[Content],
    replacing: Sequence[Page],
    generated: Sequence[Page],
    copies: Sequence[tuple[Path, str]],
    offers: Sequence[Problem],
) -> bytes:
    """The shard's record (:mod:`govpress.site.shards.record`): its ``pages`` (laid out, with their ``facts`` by
    output), the root index's entries for its ``contents`` (rendered) and the ``replacing`` generated pages, the
    problems of its failed sources and of the ``generated`` sections added to none of its pages (``shown``: the
    ``id`` of each section a page shows, as the build settled them), and its copied
    files; ``offers``: the links to PDFs left out of its pages. The project's files are read for the record, all
    but the shard's output folder ``out`` (:mod:`govpress.site.shards.inputs`)."""
    generated_outputs = {str(p.output) for p in generated if not p.section}
    headings = {str(c.output): c.headings for c in contents if str(c.output) not in generated_outputs}
    own = [c for c in contents if only.member(c.output, config)]
    listed = [(str(c.output), short_title(c)) for c in own if not c.failed and c.layout != ERROR_LAYOUT]
    listed += [(str(p.output), p.title or "") for p in replacing if only.member(p.output, config)]
    failed = [p for c in own if c.failed for p in c.problems]
    described = [(page, facts.get(str(page.output)), headings.get(str(page.output))) for page in pages]
    files = [name for _, name in copies]
    return shard_record(
        project,
        config,
        project_files(project, skip=(out, project / config.output)),
        sorted(only.sections),
        described,
        files,
        listed,
        failed,
        unplaced(generated, shown),
        offers,
    )
