"""``build_site``: the whole build, gather then write. ``check_project`` is the same without writing.

report = build_site(Path("my-site"), Path("my-site/_site"), jobs=4)
report.failed(strict=True)
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemBytecodeCache, TemplateError

from govpress.i18n import N_, gettext_for
from govpress.problems import GovpressError, Problem, ProblemLog, errors_in, run_failed, warnings_in
from govpress.render import StrategyLink, last_action_number
from govpress.search.index import make_index, write_index
from govpress.search.pages import search_pages
from govpress.site.check.links import PageFacts, check_site, page_facts
from govpress.site.engine.cache import BuildCache, code_fingerprints, empty_cache, key_of
from govpress.site.engine.cache_codec import load_cache, save_cache
from govpress.site.engine.records import RecordFolder, private_cache_folder, record_folder
from govpress.site.engine.workers import Workers
from govpress.site.layout.crawlers import crawler_files
from govpress.site.layout.overrides import check_overrides, overrides_fingerprint, overrides_folder, template_problem
from govpress.site.layout.page_layout import SiteTitles, content_page, index_page, short_title
from govpress.site.layout.templates import (
    BASE_LAYOUT,
    SITE_LAYOUTS,
    STATIC_DIR,
    Breadcrumb,
    compile_templates,
    make_environment,
    set_site,
    template_cache_dir,
)
from govpress.site.settings.brand import uses_crown_images
from govpress.site.settings.config import CONFIG_NAME, SiteConfig, load_config, navigation_lines
from govpress.site.settings.config_paths import output_option_problem
from govpress.site.sources.dates import FileDates, file_dates
from govpress.site.sources.discover import META, SourceTree, discover
from govpress.site.sources.gather import POOL_THRESHOLD, Gathered, Progress, Source, plan_gather, start_gather
from govpress.site.sources.meta import meta_date
from govpress.site.sources.readers import Content, ReadContext
from govpress.site.structure.additions import add_sections, unplaced_sections
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
from govpress.site.structure.languages import localise
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext
from govpress.site.structure.pdf_offers import offer_pdfs
from govpress.site.structure.sections import navigation, site_name_from_content
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
    from govpress.site.structure.generator import Generator

logger = logging.getLogger(__name__)
HOME = N_("Home")  # the home page's breadcrumb (as on GOV.UK)


@dataclass(frozen=True)
class BuildReport:
    """What a build did: where, how many pages and files, what it found, how long it took."""

    out: Path
    pages: int
    files: int
    rendered: int
    problems: tuple[Problem, ...]
    seconds: float
    written: bool
    strict: bool = False

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)

    def failed(self, strict: bool | None = None) -> bool:
        """Any error, or any warning when ``strict`` (default: as the build was asked)."""
        return run_failed(self.problems, self.strict if strict is None else strict)


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
) -> BuildReport:
    """Build ``project`` into ``out`` (default: the config's output folder, ``PROJECT/_site``).

    ``pdf``: also write each document page as PDF (:mod:`govpress.site.write.pdfs`), ``pdf_progress(done, total)``
    after each.

    ``strict`` is recorded on the report (``report.failed()`` follows it); problems never raise, except input that
    stops the build (:class:`GovpressError`: no source folder, a wrong ``govpress.toml``).
    """
    options = BuildOptions(
        jobs=jobs, base_url=base_url, progress=progress, generators=generators, pdf=pdf, pdf_progress=pdf_progress
    )
    return replace(run_build(project, out, options), strict=strict)


def check_project(project: Path, *, jobs: int = 1, base_url: str | None = None) -> BuildReport:
    """Every check of the build, writing nothing."""
    return run_build(project, None, BuildOptions(jobs=jobs, base_url=base_url, write=False))


def run_build(project: Path, out: Path | None, options: BuildOptions) -> BuildReport:
    """The build; with ``options.write``, the new site is written beside ``out`` and switched to at the end
    (:mod:`govpress.site.write.output`), so a failed or killed build leaves the previous site as it was."""
    config = _config(project, options)
    if out is not None and options.write and (problem := output_option_problem(out, project, config)) is not None:
        raise GovpressError(Problem.error(f"the output folder may not be used: {problem}", out))
    out = out if out is not None else project / config.output
    records = record_folder(project, out)
    output = _site_output(out, records) if options.write else None
    try:
        return _run_build(project, out, options, config, records, output)
    except TemplateError as error:  # a template of the project's (or a bug): located, never a traceback
        if output is not None:
            output.abandon()
        raise template_problem(error, overrides_folder(project)) from None
    except BaseException:
        if output is not None:
            output.abandon()
        raise


def _run_build(
    project: Path,
    out: Path,
    options: BuildOptions,
    config: SiteConfig,
    records: RecordFolder | None,
    output: SiteOutput | None,
) -> BuildReport:
    started = time.perf_counter()
    tree = discover(project / config.source, project)
    tree = replace(tree, sections=tuple(s for s in tree.sections if s not in config.other_languages))  # own trees
    assets_dir = project / config.assets
    dates = file_dates(project)
    read_context = _read_context(config, tree, assets_dir, dates)
    cache = load_cache(records) if options.use_cache else empty_cache()
    generators = _generators(options)
    every: list[Source] = [*tree.documents, *tree.html_pages]
    code = code_fingerprints()
    every_plan = plan_gather(every, read_context, cache.contents, code.code)
    copies = _copies(tree, assets_dir, project)
    overrides = overrides_folder(project)
    templates = _templates_cache() if options.write and overrides is None else None
    environment = make_environment(config, bytecode_cache=templates, overrides=overrides)
    if overrides is not None:
        check_overrides(environment, overrides, project)
    unchanged = unchanged_entries(cache.generated, generators)  # checked once for the whole build
    last_generated = {str(p.output) for entry in unchanged.values() for p in entry.pages if not p.section}
    to_render = len(every_plan.without(last_generated).missing)  # what the last build's generated pages leave
    with Workers(options.jobs if to_render >= POOL_THRESHOLD else 1) as workers:
        # Work that needs no rendered page goes to the workers first; this process copies files meanwhile.
        template_cache = Path(templates.directory) if templates is not None else None
        inputs = PrepareInputs(project, tree.source_dir, config, template_cache)
        preparing = start_preparations(generators, inputs, unchanged, workers)
        if template_cache is not None and workers.parallel:
            workers.submit(compile_templates, template_cache, BASE_LAYOUT, SITE_LAYOUTS)
        # The site's name and navigation come from some pages only (``identity``): rendered first, so that the
        # generators can run while the workers render the rest. The files are copied meanwhile.
        identity = _identity_outputs(tree)
        pending = start_gather(every_plan, read_context, workers, options.progress)
        pending.submit(identity)
        written = _copy_files(output, copies, config) if output is not None else []
        planned = planned_outputs(generators, inputs, unchanged, preparing) if options.skip_replaced else ()
        skipped = {str(s.output) for s in every if str(s.output) in planned}  # generated pages will replace them
        pending.drop(skipped)
        pending.submit()
        gettext = gettext_for(environment)  # a generator's section name is interface text
        more = [
            Breadcrumb(text=gettext(text), href=_href(path, config.base_path))
            for text, path in generated_sections(generators, inputs)
        ]
        feeds = generated_feeds(generators, inputs)
        site_name = _site_name(project, config, tree, pending.first_contents(identity), environment, more, feeds)
        context = SiteContext(project, tree.source_dir, config, environment, site_name)
        templates_key = key_of(code.code_and_templates, overrides_fingerprint(overrides, project))
        generated = run_generators(generators, context, unchanged, templates_key, finish_preparations(preparing))
        # Generated pages are final as they are (sections aside): checked and written while the rest render.
        finished = [p for p in generated.pages if not p.section]
        early_facts = _facts(finished, cache.facts)
        written += write_pages(output, finished) if output is not None else []
        gathered = pending.finish()
    offers = offer_pdfs(gathered.contents, tree.documents, _other_files(copies, config), config.base_path, options.pdf)
    site = _assemble(config, tree, offers.contents, context, more)
    replacing = [p for p in generated.pages if str(p.output) in skipped and not p.section]
    if len({str(p.output) for p in replacing}) < len(skipped):
        logger.info("a generator made fewer pages than it said: building again with every source page")
        if output is not None:
            output.abandon()
        return run_build(project, out, replace(options, skip_replaced=False))
    pages = _merged(_source_pages(site, replacing, dates), generated.pages)
    if config.search:
        pages = _merged(pages, search_pages(pages, context.environment, config.base_path))
    pages += crawler_files(pages, config, dates, _other_files(copies, config))
    # Files are written while the checks run (I/O, not Python), and pagefind indexes the pages in its own process.
    with ThreadPoolExecutor(max_workers=2) as writer:
        done = {id(page) for page in finished}
        to_write = [page for page in pages if id(page) not in done]
        writing = writer.submit(write_pages, output, to_write) if output is not None else None
        indexing = (
            writer.submit(make_index, pages, output.folder, records, config.language)
            if output is not None and config.search
            else None
        )
        known = {**cache.facts, **early_facts.by_hash}
        report = _checked(
            project, config, tree, pages, generated, gathered, known, _other_files(copies, config), options.pdf
        )
        report.problems.extend(offers.problems)
        if writing is not None:
            written += writing.result()
    if output is not None:
        if indexing is not None:
            written += write_index(indexing.result(), output, records)
        if options.pdf:
            folder, progress = output.begin(), options.pdf_progress
            pdfs = write_pdfs(folder, report.pdfs, config.base_url, progress, project, records, site_files=written)
            report.problems.extend(pdfs)
        save_cache(records, BuildCache(gathered.entries, generated.entries, report.facts.by_hash))
        finish_site(output, written, records)
    seconds = time.perf_counter() - started
    log = ProblemLog()
    log.extend(report.problems)
    return BuildReport(out, len(pages), len(copies), gathered.rendered, tuple(log.problems), seconds, options.write)


@dataclass(frozen=True)
class _Checked:
    facts: _Facts
    pdfs: list[PlannedPdf]
    problems: list[Problem]


def _checked(
    project: Path,
    config: SiteConfig,
    tree: SourceTree,
    pages: Sequence[Page],
    generated: Generated,
    gathered: Gathered,
    known: dict[str, PageFacts],
    files: list[str],
    pdf: bool,
) -> _Checked:
    """The finished site's facts (``known``: by content hash) and problems; its PDFs, planned when ``pdf``.
    ``files``: every output that is not a page."""
    facts = _facts(pages, known)
    problems = [p for page in pages for p in page.problems]
    problems += [p for c in gathered.contents if c.failed for p in c.problems]
    problems += unplaced_sections(pages, generated.pages)
    generated_outputs = {str(p.output) for p in generated.pages if not p.section}
    source_headings = {str(c.output): c.headings for c in gathered.contents if str(c.output) not in generated_outputs}
    pdfs = plan_pdfs(((d.output, d.folder) for d in tree.documents), facts.by_output, files) if pdf else []
    files += [str(planned.output) for planned in pdfs]
    chrome = _navigation_links(project, config)
    problems += check_site(pages, facts.by_output, files, config.base_path, source_headings, chrome)
    return _Checked(facts, pdfs, problems)


def _read_context(config: SiteConfig, tree: SourceTree, assets_dir: Path, dates: FileDates) -> ReadContext:
    """What every page's rendering needs to know of the whole site."""
    return ReadContext(
        tree.source_dir,
        assets_dir,
        last_action_number(tree.source_dir),
        {str(d.output): stamp for d in tree.documents if (stamp := dates.last_updated(d.files)) is not None},
        StrategyLink(config.strategy_title, config.strategy_path),  # a site path: pages are put under the base path
    )


def _config(project: Path, options: BuildOptions) -> SiteConfig:
    if not project.is_dir():
        raise GovpressError(Problem.error("no such project folder", project))
    config = load_config(project)
    if options.base_url is not None:
        config = SiteConfig.model_validate({**config.model_dump(), "base_url": options.base_url})
    return config


@dataclass(frozen=True)
class _Site:
    contents: list[Content]
    titles: SiteTitles
    sections: tuple[str, ...]
    context: SiteContext
    more: tuple[Breadcrumb, ...]


def _identity_outputs(tree: SourceTree) -> frozenset[str]:
    """The pages the site's name and navigation come from: each section's home page and every document."""
    homes = {f"{section}/index.html" for section in tree.sections}
    return frozenset(homes | {str(d.output) for d in tree.documents})


def _site_name(
    project: Path,
    config: SiteConfig,
    tree: SourceTree,
    contents: Sequence[Content],
    environment: Environment,
    more: Sequence[Breadcrumb],
    feeds: Sequence[tuple[str, str]] = (),
) -> str:
    """The site's name (configured, else from the content, else the project folder's), with the navigation (the
    source's sections, then ``more``: the generators'), set on ``environment``; ``contents``: those of
    :func:`_identity_outputs` at least. ``feeds``: the generators' (title, site path), linked from every page."""
    ok = [c for c in contents if not c.failed]
    titles = {Page(c.output, "").url: short_title(c) for c in ok}
    site_name = config.site_name or site_name_from_content(tree.sections, ok) or project.resolve().name
    if config.navigation is not None:
        links = [Breadcrumb(text=link.text, href=_href(link.path, config.base_path)) for link in config.navigation]
    else:
        links = [*navigation(tree.sections, titles, config.base_path), *more]
    set_site(environment, config, site_name, links, feeds)
    return site_name


def _href(path: str, base_path: str) -> str:
    """A configured link: a site path under the base path; a URL as it is."""
    return base_path + path.lstrip("/") if path.startswith("/") else path


def _navigation_links(project: Path, config: SiteConfig) -> dict[str, tuple[Path, int | None]]:
    """The configured navigation's links (in every page's header), with where ``govpress.toml`` sets them."""
    lines = navigation_lines(project)
    return {
        _href(link.path, config.base_path): (project / CONFIG_NAME, lines.get(link.path))
        for link in config.navigation or ()
    }


def _assemble(
    config: SiteConfig, tree: SourceTree, contents: Sequence[Content], context: SiteContext, more: Sequence[Breadcrumb]
) -> _Site:
    """What needs the whole site: every page's title."""
    ok = [c for c in contents if not c.failed]
    titles = {Page(c.output, "").url: short_title(c) for c in ok}
    # The home page's crumb reads "Home" (as on GOV.UK), not the site's name: a site's strategy is usually called
    # what the site is, and its pages' breadcrumbs would show that name twice for two different pages.
    site_titles = SiteTitles({**titles, "/": gettext_for(context.environment)(HOME)}, config.base_path)
    return _Site(ok, site_titles, tuple(tree.sections), context, tuple(more))


def _source_pages(site: _Site, replacing: Sequence[Page], dates: FileDates) -> list[Page]:
    """The source pages in their layouts (and the root index when the source has none). ``replacing``: the generated
    pages that stand for source pages not rendered; they lend their titles to breadcrumbs and the index."""
    titles = replace(site.titles, titles={**{p.url: p.title or "" for p in replacing}, **site.titles.titles})
    environment = site.context.environment
    local = localise(site.context.config, environment, site.context.site_name, site.contents, titles)
    pages: list[Page] = []
    for c in site.contents:
        given, problems = meta_date(p for p in c.dependencies if p.name == META)  # its meta.html's date, else git's
        page = content_page(
            c,
            local.environment(c.output),
            local.page_titles(c.output),
            given or dates.last_updated(c.dependencies),
            local.alternates(c.output),
        )
        pages.append(replace(page, problems=(*page.problems, *problems)) if problems else page)
    if not any(str(p.output) == "index.html" for p in [*pages, *replacing]):
        listed = [(c.output, short_title(c)) for c in site.contents if c.layout != "error"]
        listed += [(p.output, p.title or "") for p in replacing]
        pages.append(index_page(environment, site.context.site_name, site.sections, listed, titles, site.more))
    return pages


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


@dataclass(frozen=True)
class _Facts:
    by_output: dict[str, PageFacts]
    by_hash: dict[str, PageFacts]


def _facts(pages: Sequence[Page], known: dict[str, PageFacts]) -> _Facts:
    """The facts of every HTML page (reused by content hash from the last build)."""
    by_output: dict[str, PageFacts] = {}
    by_hash: dict[str, PageFacts] = {}
    for page in pages:
        if not page.is_html:
            continue
        digest = hashlib.sha1(page.data(), usedforsecurity=False).hexdigest()
        found = known.get(digest) or page_facts(str(page.content))
        by_output[str(page.output)] = by_hash[digest] = found
    return _Facts(by_output, by_hash)


def _merged(pages: list[Page], generated: Sequence[Page]) -> list[Page]:
    by_output = {str(p.output): p for p in pages}
    for page in generated:
        if page.section:
            continue
        if str(page.output) in by_output:
            logger.info("%s: the generated page replaces the one from the source tree", page.output)
        by_output[str(page.output)] = page
    add_sections(by_output, generated)
    return [by_output[key] for key in sorted(by_output)]


def _copy_files(output: SiteOutput, copies: Sequence[tuple[Path, str]], config: SiteConfig) -> list[str]:
    return [*copy_files(output, copies), *write_static(output, config.govuk_brand, uses_crown_images(config))]


def _copies(tree: SourceTree, assets_dir: Path, project: Path) -> list[tuple[Path, str]]:
    return [(c.path, str(c.output)) for c in tree.copies] + asset_files(assets_dir, project)


def _other_files(copies: Sequence[tuple[Path, str]], config: SiteConfig) -> list[str]:
    static = static_names(config.govuk_brand, uses_crown_images(config))
    return [output for _, output in copies] + [f"{STATIC_DIR}/{name}" for name in static]


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
