"""``build_site``: the whole build, gather then write. ``check_project`` is the same without writing.

report = build_site(Path("my-site"), Path("my-site/_site"), jobs=4)
report.failed(strict=True)
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import Future
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemBytecodeCache, TemplateError

from govpress.i18n import gettext_for
from govpress.problems import GovpressError, Problem, ProblemLog
from govpress.render import StrategyLink, last_action_number
from govpress.site.check.links import check_pages, links_into
from govpress.site.engine import heap
from govpress.site.engine.cache import BuildCache, GeneratedEntry, empty_cache
from govpress.site.engine.cache_codec import load_cache, save_cache
from govpress.site.engine.finished import FinishedPages, Keeping
from govpress.site.engine.layout_pool import LayoutPool
from govpress.site.engine.layouts import (
    LayoutEntry,
    LayoutReuse,
    environment_digest,
    generated_key,
    section_key,
    site_digest,
    stamp_of,
)
from govpress.site.engine.records import RecordFolder, private_cache_folder, project_path, record_folder
from govpress.site.engine.schedule import Schedule
from govpress.site.engine.settle import Facts, Settled, Settler
from govpress.site.engine.stamps import CodeFingerprints, code_fingerprints, key_of
from govpress.site.engine.unchanged import LastBuild, inputs_digest, inputs_settings, record_build, unchanged_build
from govpress.site.layout.crawlers import crawler_files
from govpress.site.layout.overrides import check_overrides, overrides_fingerprint, overrides_folder, template_problem
from govpress.site.layout.source_pages import source_layouts, source_pages
from govpress.site.layout.templates import (
    BASE_LAYOUT,
    SITE_LAYOUTS,
    STATIC_DIR,
    Breadcrumb,
    compile_templates,
    make_environment,
    template_cache_dir,
)
from govpress.site.report import BuildReport
from govpress.site.settings.brand import uses_crown_images
from govpress.site.settings.config import SiteConfig, load_config
from govpress.site.settings.config_paths import output_option_problem
from govpress.site.shards.plan import (
    Only,
    generated_folders,
    listed_stand_ins,
    part_copies,
    part_generated,
    part_of_tree,
    part_pages,
)
from govpress.site.shards.record import RECORD_NAME
from govpress.site.sources.dates import FileDates, file_dates
from govpress.site.sources.discover import DocumentSource, SourceTree, discover
from govpress.site.sources.gather import (
    POOL_THRESHOLD,
    Gathered,
    GatherPlan,
    PendingGather,
    Progress,
    Source,
    plan_gather,
    start_gather,
)
from govpress.site.sources.meta import meta_date
from govpress.site.sources.readers import ReadContext
from govpress.site.structure.additions import joined, sections_by_output, unplaced
from govpress.site.structure.generators import (
    Generated,
    finish_preparations,
    generated_feeds,
    generated_sections,
    planned_outputs,
    run_generators,
    start_preparations,
    unchanged_entries,
)
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext
from govpress.site.structure.pdf_offers import offer_pdfs, withdraw_offers
from govpress.site.structure.site_model import (
    SiteModel,
    href,
    identity_outputs,
    merged,
    name_site,
    navigation_links,
    site_model,
)
from govpress.site.write.assets import asset_files, static_names
from govpress.site.write.output import SiteOutput
from govpress.site.write.pdfs import PlannedPdf, plan_pdfs, write_pdfs
from govpress.site.write.writer import (
    copy_files,
    finish_site,
    previous_files,
    remove_legacy_cache,
    write_pages,
    write_static,
)

if TYPE_CHECKING:
    from govpress.search.index import Indexer
    from govpress.search.pages import Listed
    from govpress.search.shards import Collected
    from govpress.site.structure.generator import Generator

logger = logging.getLogger(__name__)
WRITER_BACKLOG = 4  # batches of pages the writer may fall behind the layout


@dataclass(frozen=True)
class BuildOptions:
    """How to build (everything optional). ``generators=None`` means the registered ones."""

    jobs: int = 1
    base_url: str | None = None
    write: bool = True
    use_cache: bool = True
    generators: Sequence[Generator[Any]] | None = None
    progress: Progress | None = field(default=None, compare=False)
    skip_replaced: bool = True
    pdf: bool = False
    pdf_progress: Progress | None = field(default=None, compare=False)
    only: Only | None = None  # part of the site: a shard, or the merge (govpress.site.shards)
    known_inputs: tuple[Path, str] | None = None  # an output folder, the digest of a build into it, found changed


def build_site(
    project: Path,
    out: Path | None = None,
    *,
    strict: bool = False,
    jobs: int = 1,
    base_url: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    generators: Sequence[Generator[Any]] | None = None,
    pdf: bool = False,
    pdf_progress: Callable[[int, int], None] | None = None,
    known_inputs: tuple[Path, str] | None = None,
) -> BuildReport:
    """Build ``project`` into ``out`` (default: the config's output folder, ``PROJECT/_site``).

    ``known_inputs``: an output folder and the digest of the build's inputs already taken for a build into it with
    these options, by a check that compared it with the last build's record and found work to do
    (:mod:`govpress.site.nothing_to_do`): when the build writes into that folder it neither walks the project nor
    compares the record again.

    ``pdf``: also write each document page as PDF (:mod:`govpress.site.write.pdfs`), ``pdf_progress(done, total)``
    after each.

    ``strict`` is recorded on the report (``report.failed()`` follows it); problems never raise, except input that
    stops the build (:class:`GovpressError`: no source folder, a wrong ``govpress.toml``).
    """
    options = BuildOptions(
        jobs=jobs,
        base_url=base_url,
        progress=progress,
        generators=generators,
        pdf=pdf,
        pdf_progress=pdf_progress,
        known_inputs=known_inputs,
    )
    return replace(run_build(project, out, options), strict=strict)


def check_project(project: Path, *, jobs: int = 1, base_url: str | None = None) -> BuildReport:
    """Every check of the build, writing nothing."""
    return run_build(project, None, BuildOptions(jobs=jobs, base_url=base_url, write=False))


def run_build(project: Path, out: Path | None, options: BuildOptions) -> BuildReport:
    """The build; with ``options.write``, the new site is written beside ``out`` and switched to at the end
    (:mod:`govpress.site.write.output`), so a failed or killed build leaves the previous site as it was.

    The project is taken by its absolute path (:func:`project_path`): the build's records name the files they were
    made from, so a build of ``site`` and one of ``.`` from inside it share them, and the problems they keep are
    located wherever the next build is run from (the command line shows paths relative to its folder)."""
    project = project_path(project)
    config = _config(project, options)
    if out is not None and options.write and (problem := output_option_problem(out, project, config)) is not None:
        raise GovpressError(Problem.error(f"the output folder may not be used: {problem}", out))
    out = out if out is not None else project / config.output
    records = record_folder(project, out)
    started = time.perf_counter()
    code = code_fingerprints()  # taken once: the cache keys and the digest of a build with nothing to do
    known = options.known_inputs[1] if options.known_inputs and options.known_inputs[0] == out else None
    inputs = _inputs(project, out, options, code, known)
    last = None if inputs is None or known else unchanged_build(records, inputs, out, lambda: _generators(options))
    if last is not None:
        logger.info("nothing has changed since the last build into %s", out)
        for progress, total in ((options.progress, last.sources), (options.pdf_progress, last.pdfs)):
            if progress is not None and total:
                progress(total, total)
        seconds = time.perf_counter() - started
        return BuildReport(out, last.pages, last.files, 0, last.problems, seconds, options.write)
    for skip_replaced in dict.fromkeys((options.skip_replaced, False)):
        attempt = replace(options, skip_replaced=skip_replaced)
        report = _attempt(project, out, attempt, config, records, inputs, code)
        if report is not None:
            return report
        logger.info("a generator made fewer pages than it said: building again with every source page")
    raise AssertionError("a build that leaves out no source page never starts again")


def _inputs(project: Path, out: Path, options: BuildOptions, code: CodeFingerprints, known: str | None) -> str | None:
    """The digest of everything the build reads (:mod:`govpress.site.engine.unchanged`), when a build that finds
    nothing changed may write nothing: one that writes, with the cache, and the registered generators; ``known``:
    that digest, already taken for this output folder (:mod:`govpress.site.nothing_to_do`)."""
    if not options.write or not options.use_cache or options.generators is not None or options.only is not None:
        return None
    if known is not None:
        return known
    settings = inputs_settings(options.base_url, options.pdf, options.skip_replaced)
    return inputs_digest(project, out, code.package, settings, os.environ)


def _attempt(
    project: Path,
    out: Path,
    options: BuildOptions,
    config: SiteConfig,
    records: RecordFolder | None,
    inputs: str | None,
    code: CodeFingerprints,
) -> BuildReport | None:
    """One build into a new output (abandoned unless the build finishes); ``None``: a generator made fewer of the
    pages it said it would than the source pages left out for them, so the build must start again without leaving
    any out."""
    output = _site_output(out, records) if options.write else None
    try:
        with heap.released():  # what the build kept out of the cycle collector's passes (heap.keep_out)
            report = _stages(project, out, options, config, records, output, inputs, code)
    except TemplateError as error:  # a template of the project's (or a bug): located, never a traceback
        if output is not None:
            output.abandon()
        raise template_problem(error, overrides_folder(project)) from None
    except BaseException:
        if output is not None:
            output.abandon()
        raise
    if report is None and output is not None:
        output.abandon()
    return report


def _stages(
    project: Path,
    out: Path,
    options: BuildOptions,
    config: SiteConfig,
    records: RecordFolder | None,
    output: SiteOutput | None,
    inputs: str | None,
    code: CodeFingerprints,
) -> BuildReport | None:
    """The build, stage by stage: discover, render, structure, lay out, check, write. The stages overlap (page
    bodies render in the pool while the generators run; files are written as soon as they are final; the search
    index is made while the site is checked): :class:`~govpress.site.engine.schedule.Schedule` does that, so the
    order here is the order of the data."""
    started = time.perf_counter()
    sources = _discover(project, config, options, records, code)
    with Schedule(sources.jobs) as schedule:
        rendering = _start_rendering(sources, options, schedule)
        if output is not None:
            schedule.write(_copy_files, output, sources.copies, config, sources.only is None or sources.only.whole)
        generated = _generate(sources, rendering, schedule, output, records, options)
        gathered = rendering.pending.finish()
        schedule.close_pool()
        structured = _structure(sources, gathered, generated, options.pdf)
        if structured is None:
            return None
        reuse = _layout_reuse(sources, gathered, output, options)
        if reuse is not None:
            reuse.kept.update(generated.kept)  # the generated pages kept join the source pages kept
        kept = reuse.kept if reuse is not None else {}  # filled as the pages are laid out
        indexer = _indexer(sources, schedule, output, records)
        settled, search = _lay_out(sources, structured, generated, reuse, kept, schedule, output, options.pdf, indexer)
        pages = settled.pages
        indexing = schedule.alongside(indexer.index, search.shards()) if indexer and search else None
        report = _check(sources, structured, settled, generated, gathered, options.pdf, kept)
        written = [*schedule.written(), *kept]
        if output is not None:  # while pagefind indexes (the pages are written: their layouts' stamps are final)
            made, shown = generated.made, settled.shown
            layouts = _layouts(reuse, report, output, made, search, shown) if reuse is not None else {}
            facts = report.facts
            made_entries, parts = generated.made.entries, sources.cache.parts  # parts: the last build's, loaded
            save_cache(records, BuildCache(gathered.entries, made_entries, facts.by_hash, layouts, facts.known, parts))
    if output is not None:
        if indexing is not None:
            from govpress.search.index import write_index

            written += write_index(indexing.result(), output, records)
        if options.pdf:
            folder, progress = output.begin(), options.pdf_progress
            failed: list[str] = []
            pdfs = write_pdfs(
                folder, report.pdfs, config.base_url, progress, project, records, site_files=written, failed=failed
            )
            report.problems.extend(pdfs)
            write_pages(output, withdraw_offers(pages, failed, config.base_path))  # no link to a PDF not written
    log = ProblemLog()
    log.extend(report.problems)
    last = LastBuild(len(pages), len(sources.copies), tuple(log.problems), len(sources.every), len(report.pdfs))
    if output is not None:
        if sources.only is not None and not sources.only.whole:
            written.append(
                _write_record(output, sources.only, sources, structured, settled, report, gathered, generated)
            )
        finish_site(output, written, records)
        stamps = [stamp for entry in generated.made.entries.values() for stamp in entry.stamps]
        record_build(records, inputs, out, stamps, last)
    seconds = time.perf_counter() - started
    return BuildReport(out, last.pages, last.files, gathered.rendered, last.problems, seconds, options.write)


@dataclass(frozen=True)
class _Sources:
    """What the discover stage found: the source tree and what each page's rendering needs of the whole site, what
    the last build left (its cache, its generators' pages that are still good), the files to copy, and the site's
    templates and generators."""

    project: Path
    config: SiteConfig
    tree: SourceTree
    dates: FileDates
    read_context: ReadContext
    cache: BuildCache
    every: tuple[Source, ...]
    plan: GatherPlan
    code: CodeFingerprints
    copies: list[tuple[Path, str]]
    other_files: list[str]
    overrides: Path | None
    templates: FileSystemBytecodeCache | None
    environment: Environment
    generators: Sequence[Generator[Any]]
    unchanged: dict[str, GeneratedEntry]
    jobs: int
    only: Only | None
    layout_jobs: int = 1  # the layout's workers (started only when enough pages are laid out anew: layout_pool)


def _discover(
    project: Path, config: SiteConfig, options: BuildOptions, records: RecordFolder | None, code: CodeFingerprints
) -> _Sources:
    """Stage 1: the source tree, the cache, the templates, and how many workers the rendering is worth."""
    tree = discover(project / config.source, project)
    tree = replace(tree, sections=tuple(s for s in tree.sections if s not in config.other_languages))  # own trees
    assets_dir = project / config.assets
    dates = file_dates(project)
    read_context = _read_context(config, tree, assets_dir, dates)
    if options.only is not None:  # part of the site: its own sources and those every page's layout reads
        sections = generated_sections(_generators(options), PrepareInputs(project, tree.source_dir, config))
        tree = part_of_tree(options.only, tree, config, generated_folders(sections))
    cache = load_cache(records, keep=True) if options.use_cache else empty_cache()  # kept out of the collector's
    heap.keep_out()  # passes as they are made, with what else is alive now: held for the whole build
    every: tuple[Source, ...] = (*tree.documents, *tree.html_pages)
    plan = plan_gather(every, read_context, cache.contents, code.code)
    cache = replace(cache, contents={})  # the bodies still good are the plan's; the others (stale) go now
    copies = _copies(tree, assets_dir, project, options.only)
    overrides = overrides_folder(project)
    templates = _templates_cache() if options.write and overrides is None else None
    environment = make_environment(config, bytecode_cache=templates, overrides=overrides)
    if overrides is not None:
        check_overrides(environment, overrides, project)
    generators = _generators(options)
    unchanged = unchanged_entries(cache.generated, generators)  # checked once for the whole build
    last_generated = {str(p.output) for entry in unchanged.values() for p in entry.pages if not p.section}
    to_render = len(plan.without(last_generated).missing)  # what the last build's generated pages leave
    return _Sources(
        project,
        config,
        tree,
        dates,
        read_context,
        cache,
        every,
        plan,
        code,
        copies,
        _other_files(copies, config),
        overrides,
        templates,
        environment,
        generators,
        unchanged,
        options.jobs if to_render >= POOL_THRESHOLD else 1,
        options.only,
        options.jobs,
    )


@dataclass(frozen=True)
class _Rendering:
    """The render stage under way: the page bodies (``pending``), the generators' preparations, and the source
    pages left out because a generator will make their pages (``skipped``)."""

    pending: PendingGather
    inputs: PrepareInputs
    preparing: dict[str, Future[object]]
    identity: frozenset[str]
    skipped: frozenset[str]


def _start_rendering(sources: _Sources, options: BuildOptions, schedule: Schedule) -> _Rendering:
    """Stage 2, begun: work that needs no rendered page goes to the pool first (the generators' preparations, the
    templates), then the pages the site's name and navigation come from, then every other page but those the
    generators will make."""
    workers = schedule.workers
    template_cache = Path(sources.templates.directory) if sources.templates is not None else None
    inputs = PrepareInputs(sources.project, sources.tree.source_dir, sources.config, template_cache)
    preparing = start_preparations(sources.generators, inputs, sources.unchanged, workers)
    if template_cache is not None and workers.parallel:
        workers.submit(compile_templates, template_cache, BASE_LAYOUT, SITE_LAYOUTS)
    identity = identity_outputs(sources.tree)
    pending = start_gather(sources.plan, sources.read_context, workers, options.progress)
    pending.submit(identity)
    planned = planned_outputs(sources.generators, inputs, sources.unchanged, preparing) if options.skip_replaced else ()
    skipped = frozenset(str(s.output) for s in sources.every if str(s.output) in planned)
    pending.drop(skipped)
    pending.submit()
    return _Rendering(pending, inputs, preparing, identity, skipped)


@dataclass(frozen=True)
class _Generated:
    """The generators' pages (``made``: light when their content is kept on disk), those final as they are
    (``finished``: written as they were made, or ``kept`` from the last build with their layout entries, and the
    sections each kept page shows) and their facts, the output paths of those the search leaves out
    (``unsearchable``), what every page's layout reads (``context``), and the sections the generators add to the
    navigation."""

    made: Generated
    context: SiteContext
    more: tuple[Breadcrumb, ...]
    finished: tuple[Page, ...]
    early_facts: Facts
    skipped: frozenset[str]
    unsearchable: frozenset[str]
    kept: dict[str, LayoutEntry]
    shown: dict[str, tuple[Page, ...]]

    def whole(self, page: Page) -> Page:
        """A generated page as it settles: light when its file is kept (it is not read; with what the sections it
        shows add), else whole."""
        name = str(page.output)
        return joined(page, self.shown.get(name, ())) if name in self.kept else self.made.whole(page)


def _generate(
    sources: _Sources,
    rendering: _Rendering,
    schedule: Schedule,
    output: SiteOutput | None,
    records: RecordFolder | None,
    options: BuildOptions,
) -> _Generated:
    """The generators' pages, made while the source pages render: the site's name and navigation first (from the
    pages that say them), then every generator. Each page that is final as it is goes to the writer as it is made,
    its facts taken; a build that keeps records keeps its content there, not in memory
    (:mod:`govpress.site.engine.bodies`)."""
    config, environment = sources.config, sources.environment
    gettext = gettext_for(environment)  # a generator's section name is interface text
    more = tuple(
        Breadcrumb(text=gettext(text), href=href(path, config.base_path))
        for text, path in generated_sections(sources.generators, rendering.inputs)
    )
    feeds = generated_feeds(sources.generators, rendering.inputs)
    identity = rendering.pending.first_contents(rendering.identity)
    site_name = name_site(sources.project, config, sources.tree, identity, environment, more, feeds)
    context = SiteContext(sources.project, sources.tree.source_dir, config, environment, site_name, sources.tree)
    templates_key = key_of(sources.code.code_and_templates, overrides_fingerprint(sources.overrides, sources.project))
    prepared = finish_preparations(rendering.preparing)
    write = partial(_write_batch, schedule, output) if output is not None else None
    keeping = _keeping(sources, output, options)
    only = sources.only
    member = (lambda page: only.member(page.output, config)) if only is not None else (lambda page: True)
    finished = FinishedPages(sources.cache.facts, write, _searchable_check(config), keeping, member)
    keep = records.path if output is not None and records is not None and records.make() else None
    made = run_generators(
        sources.generators, context, sources.unchanged, templates_key, prepared, take=finished.take, bodies=keep
    )
    if only is not None:
        made = part_generated(only, made, config)
    early = finished.finish(made)
    final = tuple(p for p in made.pages if not p.section)  # final as they are (sections go into other pages)
    facts, unsearchable, kept, shown = early.facts, early.unsearchable, early.kept, early.shown
    return _Generated(made, context, more, final, facts, rendering.skipped, unsearchable, kept, shown)


def _keeping(sources: _Sources, output: SiteOutput | None, options: BuildOptions) -> Keeping | None:
    """What decides whether a generated page's file is kept from the last build (when the layouts may be reused)."""
    if output is None or not _reuses_layouts(options):
        return None
    search = sources.config.search
    return Keeping(sources.cache.layouts, output.target, sources.cache.facts, search)


def _searchable_check(config: SiteConfig) -> Callable[[Page], bool] | None:
    """Whether a page is indexed, for a site with the search (imported only then)."""
    if not config.search:
        return None
    from govpress.search.pages import searchable

    return searchable


@dataclass(frozen=True)
class _Structured:
    site: SiteModel
    replacing: list[Page]
    pdf_problems: list[Problem]


def _structure(sources: _Sources, gathered: Gathered, generated: _Generated, pdf: bool) -> _Structured | None:
    """Stage 3: the whole site's model (every title), with the PDFs each page may offer. ``None`` when a generator
    made fewer of the pages it said it would than the source pages left out for them."""
    replacing = [p for p in generated.made.pages if str(p.output) in generated.skipped and not p.section]
    if len({str(p.output) for p in replacing}) < len(generated.skipped):
        return None
    documents, base_path = sources.tree.documents, sources.config.base_path
    offers = offer_pdfs(gathered.contents, documents, sources.other_files, base_path, pdf)
    site = site_model(sources.config, sources.tree, offers.contents, generated.context, generated.more)
    if sources.only is not None:  # the merge: the shards' pages lend their titles to the root index
        replacing += listed_stand_ins(sources.only, (c.output for c in site.contents))
    return _Structured(site, replacing, list(offers.problems))


def _layout_reuse(
    sources: _Sources, gathered: Gathered, output: SiteOutput | None, options: BuildOptions
) -> LayoutReuse | None:
    """What the layout stage may take from the last build: only a build of the whole site that writes, with the
    cache, without PDFs (whose offers change pages after they are written); a shard and the merge lay out theirs."""
    if output is None or not _reuses_layouts(options):
        return None
    templates = overrides_fingerprint(sources.overrides, sources.project)
    site = site_digest(sources.code.package, templates, sources.config.model_dump_json(), options.base_url)
    search = sources.config.search
    return LayoutReuse(site, sources.cache.layouts, gathered.entries, output.target, sources.cache.facts, search)


def _reuses_layouts(options: BuildOptions) -> bool:
    """Whether a build (that writes) may keep pages from the last build: one of the whole site, with the cache,
    without PDFs."""
    return options.use_cache and not options.pdf and options.only is None


def _lay_out(
    sources: _Sources,
    structured: _Structured,
    generated: _Generated,
    reuse: LayoutReuse | None,
    kept: Mapping[str, LayoutEntry],
    schedule: Schedule,
    output: SiteOutput | None,
    pdf: bool,
    indexer: Indexer | None = None,
) -> tuple[Settled, Collected | None]:
    """Stage 4: every page in its layout (the source pages, the generators', the search pages), and the files for
    search engines, each settled as it comes (:mod:`govpress.site.engine.settle`: its facts and search text taken,
    written, then let go); ``reuse``: the source pages kept from the last build (``kept``: those that stay). With
    the search, what it keeps of the pages for the index; with an ``indexer``, the pages are laid out shard by shard
    and each shard is indexed as soon as its pages are all settled."""
    config, only = sources.config, sources.only
    whole = only is None or only.whole  # a shard has no search page, index or sitemap: the merge makes them
    search = None
    if config.search and whole:  # a build that finds nothing changed need not import search
        from govpress.search.pages import search_pages, site_name_of
        from govpress.search.shards import Collected

        read_back = partial(_indexed_text, reuse) if reuse is not None else None
        search = Collected(site_name_of(generated.context.environment), config.base_path, read_back)
    known = {**sources.cache.facts, **generated.early_facts.by_hash, **(only.foreign.facts if only else {})}
    write = partial(_write_batch, schedule, output) if output is not None else None
    done = {str(page.output) for page in generated.finished}
    keep = pdf or only is not None
    shown = {name: {id(section) for section in sections} for name, sections in generated.shown.items()}
    settler = Settler(known, kept, generated.made.pages, write, search, keep=keep, written=done, shown=shown)
    site = structured.site
    layouts = source_layouts(site, structured.replacing, sources.dates, reuse)
    pool = LayoutPool(layouts, site.contents, known, sources.layout_jobs) if sources.layout_jobs > 1 else None
    makers = source_pages(site, structured.replacing, layouts, pool.lay_out if pool else None)
    order = None
    if search is not None and indexer is not None:
        names = {*makers, *(str(page.output) for page in generated.finished)}
        plan = sources.plan  # the pages rendered anew go first, in a build that kept others (their shards can wait)
        anew = {str(source.output) for source in plan.missing} if plan.cached else set()
        order = search.plan(names, generated.unsearchable, indexer.early, anew)
    with pool if pool is not None else nullcontext():
        pages = merged(makers, generated.made.pages, order, generated.whole, pool.expect if pool else None)
        for page in part_pages(only, list(pages), config) if only is not None else pages:
            settler.add(page)
    if search is not None:
        environment = generated.context.environment
        kept_page = _kept_search_page(search.listed, environment, reuse) if reuse is not None else None
        for page in search_pages(search.listed, environment, config.base_path, kept_page):
            settler.add(page)
    if whole:
        for page in crawler_files(settler.pages(), config, sources.dates, sources.other_files):
            settler.add(page, last=True)
    return settler.finish(), search


def _kept_search_page(listed: Sequence[Listed], environment: Environment, reuse: LayoutReuse) -> str | None:
    """The search page as the last build wrote it, when it lists the same pages in the same layout (it lists every
    page: at 10,000 pages it is a few tenths of a second to make); its key is kept for the next build."""
    from govpress.search.pages import SEARCH_PAGE, search_page_key

    key = key_of(reuse.site, *search_page_key(listed, environment_digest(environment)))
    return reuse.kept_by_key(str(SEARCH_PAGE), key)


def _indexed_text(reuse: LayoutReuse, name: str) -> bytes | None:
    """What pagefind reads of the page ``name`` kept unread from the last build (its file read again)."""
    from govpress.search.shards import indexed_text

    return indexed_text(Page(PurePosixPath(name), reuse.read_back(name)))


def _write_batch(schedule: Schedule, output: SiteOutput, pages: list[Page]) -> None:
    """Hand ``pages`` to the writer, letting it fall at most a few batches behind (the pages it holds are the only
    whole pages of the site in memory)."""
    schedule.write(write_pages, output, pages)
    schedule.catch_up(WRITER_BACKLOG)


def _indexer(
    sources: _Sources, schedule: Schedule, output: SiteOutput | None, records: RecordFolder | None
) -> Indexer | None:
    """What makes the search index, with pagefind in its own processes, while the site is laid out and checked (a
    build with the search that writes the whole site)."""
    only = sources.only
    if output is None or not sources.config.search or not (only is None or only.whole):
        return None
    from govpress.search.index import Indexer

    return schedule.closing(Indexer(output, records, sources.config.language))


@dataclass(frozen=True)
class _Checked:
    facts: Facts
    pdfs: list[PlannedPdf]
    problems: list[Problem]
    by_page: dict[str, tuple[Problem, ...]]


def _check(
    sources: _Sources,
    structured: _Structured,
    settled: Settled,
    generated: _Generated,
    gathered: Gathered,
    pdf: bool,
    kept: Mapping[str, LayoutEntry],
) -> _Checked:
    """Stage 5: the finished site's problems: every page's, the failed sources', sections with no page, links; its
    PDFs, planned when ``pdf``. ``kept``: the pages the layout stage took from the last build, whose check's problems
    come from its records unless a link of theirs lands on a page or file that appeared, went or whose ids
    changed."""
    only, pages, facts = sources.only, settled.pages, settled.facts
    problems = [p for page in pages for p in page.problems]
    problems += _failed(gathered, only, sources.config)
    problems += unplaced(generated.made.pages, settled.shown)
    generated_outputs = {str(p.output) for p in generated.made.pages if not p.section}
    source_headings = {str(c.output): c.headings for c in gathered.contents if str(c.output) not in generated_outputs}
    if only is not None:
        if not only.whole:  # a shard: the merge checks the links, over every shard's facts
            return _Checked(facts, [], [*problems, *structured.pdf_problems], {})
        problems += [*only.foreign.failed, *only.foreign.unplaced]
        source_headings.update(only.foreign.headings)
    files = list(sources.other_files)
    documents = sources.tree.documents
    pdfs = plan_pdfs(((d.output, d.folder) for d in documents), facts.by_output, files) if pdf else []
    files += [str(planned.output) for planned in pdfs]
    facts.known.update((name, "") for name in files if name not in facts.known)
    chrome = navigation_links(sources.project, sources.config)
    base_path = sources.config.base_path
    changed = _changed(sources.cache, facts)
    recorded = {
        str(page.output): kept[str(page.output)].problems
        for page in pages
        if str(page.output) in kept
        and str(page.output) in facts.by_output  # an HTML page (a kept file may be data)
        and not links_into(page, facts.by_output[str(page.output)], changed, base_path)
    }
    by_page, navigation = check_pages(pages, facts.by_output, files, base_path, source_headings, chrome, recorded)
    problems += [p for found in by_page.values() for p in found]
    offers = [*structured.pdf_problems, *(only.foreign.offers if only else ())]
    return _Checked(facts, pdfs, [*problems, *navigation, *offers], by_page)


def _changed(last: BuildCache, facts: Facts) -> set[str]:
    """The paths of the site that appeared or went since the last build, or whose page's ids changed."""
    changed = set(last.known.keys() ^ facts.known.keys())
    for name, digest in facts.known.items():
        before = last.known.get(name)
        if before is None or before == digest:
            continue
        old, new = last.facts.get(before), facts.by_output.get(name)
        if old is None or new is None or old.ids != new.ids:
            changed.add(name)
    return changed


def _layouts(
    reuse: LayoutReuse,
    report: _Checked,
    output: SiteOutput,
    generated: Generated,
    search: Collected | None,
    shown: Collection[int],
) -> dict[str, LayoutEntry]:
    """The layout entries of this build's pages, for the next build: the source pages laid out (not those a
    generator's page replaced), and the generators' finished pages whose content is stored (keyed by its digest:
    :func:`~govpress.site.engine.layouts.generated_key`, with whether they show each generated section meant for
    them: ``shown``, the ``id`` of each section shown); with the stamps of their files as written (the switch keeps
    them; a kept page's file is the one its entry stamped) and what the search took of them."""
    finished = {str(page.output) for page in generated.pages if not page.section}
    meant = sections_by_output(generated.pages)
    keys = {name: key for name, key in reuse.keys.items() if name not in finished}
    keys.update((name, generated_key(body.digest)) for name, body in generated.stored.items())
    entries: dict[str, LayoutEntry] = {}
    for name, key in keys.items():
        digest, kept = report.facts.known.get(name), reuse.kept.get(name)
        stamp = (kept.size, kept.mtime_ns) if kept is not None else stamp_of(output.path_of(name))
        if digest is None or stamp is None or (not digest and name not in finished):
            continue
        note = search.notes.get(name) if search is not None else None
        sections = meant.get(name, ()) if name in generated.stored else ()
        answers = tuple({section_key(section): id(section) in shown for section in sections}.items())
        entry = LayoutEntry(key, *stamp, digest, report.by_page.get(name, ()), note, answers)
        last = reuse.entries.get(name)
        entries[name] = last if entry == last else entry  # the very entry loaded: its part of the records is kept
    return entries


def _write_record(
    output: SiteOutput,
    only: Only,
    sources: _Sources,
    structured: _Structured,
    settled: Settled,
    checked: _Checked,
    gathered: Gathered,
    generated: _Generated,
) -> str:
    """A shard's record of its pages, their facts and problems, for the merge (:mod:`govpress.site.shards`)."""
    from govpress.site.shards.shard import record_of_shard

    made = generated.made.pages
    record = record_of_shard(
        only,
        sources.project,
        output.target,
        sources.config,
        settled.pages,
        settled.shown,
        checked.facts.by_output,
        gathered.contents,
        structured.replacing,
        made,
        sources.copies,
        structured.pdf_problems,
    )
    output.write(RECORD_NAME, record)
    return RECORD_NAME


def _failed(gathered: Gathered, only: Only | None, config: SiteConfig) -> list[Problem]:
    """The problems of the sources that failed to render (a part of the site: of its own)."""
    failed = (c for c in gathered.contents if c.failed and (only is None or only.member(c.output, config)))
    return [p for c in failed for p in c.problems]


def _read_context(config: SiteConfig, tree: SourceTree, assets_dir: Path, dates: FileDates) -> ReadContext:
    """What every page's rendering needs to know of the whole site."""
    return ReadContext(
        tree.source_dir,
        assets_dir,
        last_action_number(tree.source_dir),
        {str(d.output): stamp for d in tree.documents if (stamp := _document_date(d, dates)) is not None},
        StrategyLink(config.strategy_title, config.strategy_path),  # a site path: pages are put under the base path
        config.language,
        config.other_languages,
    )


def _document_date(document: DocumentSource, dates: FileDates) -> datetime | None:
    """A document's date for ``{TIMESTAMP}``: git's, else its ``meta.html``'s (whose problems "Last updated" reports),
    else none."""
    committed = dates.last_updated(document.files)
    if committed is not None or document.meta is None:
        return committed
    try:
        return meta_date((document.meta,))[0]
    except GovpressError:
        return None


def _config(project: Path, options: BuildOptions) -> SiteConfig:
    if not project.is_dir():
        raise GovpressError(Problem.error("no such project folder", project))
    config = load_config(project)
    if options.base_url is not None:
        config = SiteConfig.model_validate({**config.model_dump(), "base_url": options.base_url})
    return config


def _templates_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates, kept between builds (Jinja checks each against its template's source) in the user's cache
    (else govpress's private temporary folder); never in the project or the output, where anyone who can write
    files could plant code that Jinja would run. ``None``: no such folder (templates are compiled every time)."""
    private = private_cache_folder(os.environ)
    if private is None:
        return None
    try:
        return FileSystemBytecodeCache(str(template_cache_dir(os.environ, private / "templates")))
    except OSError:
        return None


def _site_output(out: Path, records: RecordFolder | None) -> SiteOutput:
    """The output folder as this build will write it (an older govpress's records in it removed first). The output
    and records folders are made now, so the project's folders look the same to this build and the next."""
    previous = previous_files(records, out)
    output = SiteOutput(out, previous)
    remove_legacy_cache(output.target)
    output.target.mkdir(parents=True, exist_ok=True)
    if records is not None:
        records.make()
    return output


def _generators(options: BuildOptions) -> Sequence[Generator[Any]]:
    if options.generators is not None:
        return options.generators
    from govpress.site.structure.registry import GENERATORS  # the features: imported by a build, not by the CLI

    return GENERATORS


def _copy_files(output: SiteOutput, copies: Sequence[tuple[Path, str]], config: SiteConfig, static: bool) -> list[str]:
    copied = copy_files(output, copies)
    return [*copied, *write_static(output, config.govuk_brand, uses_crown_images(config))] if static else copied


def _copies(tree: SourceTree, assets_dir: Path, project: Path, only: Only | None) -> list[tuple[Path, str]]:
    if only is not None:
        return part_copies(only, tree, asset_files(assets_dir, project) if only.whole else [])
    return [(c.path, str(c.output)) for c in tree.copies] + asset_files(assets_dir, project)


def _other_files(copies: Sequence[tuple[Path, str]], config: SiteConfig) -> list[str]:
    static = static_names(config.govuk_brand, uses_crown_images(config))
    return [output for _, output in copies] + [f"{STATIC_DIR}/{name}" for name in static]


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
