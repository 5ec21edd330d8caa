"""``govpress build|check|serve|new``: the site commands (issue 3). The work is in :mod:`govpress.site`."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from govpress.cli.output import display_path, error_console, say, show_problems, shown, user_errors

if TYPE_CHECKING:  # the build is imported by the command that runs it, so that ``govpress --help`` starts fast
    from govpress.site.report import BuildReport

PROJECT = click.argument(
    "project", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="[PROJECT]"
)
JOBS = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for rendering and layout (default: CPUs).",
)
BASE_URL = click.option("--base-url", default=None, help="Where the site will be published (overrides govpress.toml).")
STRICT = click.option("--strict", is_flag=True, help="Fail (exit status 1) on warnings too.")


@contextmanager
def _progress(label: str) -> Iterator[Progress]:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=error_console(), transient=True) as progress:
        yield progress


def _check_options(project: Path, out: Path | None, base_url: str | None) -> None:
    """Refuse an output folder a build may not empty (the project, its source or assets, a folder holding them)
    and a base URL that is not one, naming the option."""
    from govpress.site.settings.config import base_url_problem, load_config
    from govpress.site.settings.config_paths import output_option_problem

    if base_url is not None and (problem := base_url_problem(base_url)) is not None:
        raise click.BadParameter(shown(f"{base_url!r}: {problem}"), param_hint="'--base-url'")
    if out is None:
        return
    with user_errors():
        config = load_config(project)
    problem = output_option_problem(out, project, config)
    if problem is not None:
        raise click.BadParameter(shown(f"{out} may not be used: {problem}"), param_hint="'-o' / '--output'")


def _summary(report: BuildReport, verb: str) -> str:
    warnings, errors = len(report.warnings), len(report.errors)
    where = f" into {display_path(str(report.out))}" if report.written else ""
    return (
        f"{verb} {report.pages} pages and {report.files} files{where} in {report.seconds:.2f} s "
        f"({report.rendered} rendered, {warnings} warnings, {errors} errors)"
    )


@click.command()
@PROJECT
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@STRICT
@BASE_URL
@JOBS
@click.option("--pdf", is_flag=True, help="Also write each document as PDF, next to its index.html.")
@click.option(
    "--only",
    "sections",
    multiple=True,
    metavar="SECTION",
    help="Build only this top-level section (repeatable): a shard for `govpress merge` (docs/scaling.md).",
)
def build(
    project: Path,
    out: Path | None,
    strict: bool,
    base_url: str | None,
    jobs: int | None,
    pdf: bool,
    sections: tuple[str, ...],
) -> None:
    """Build the site in PROJECT (a folder holding source/) into OUT (default: PROJECT/_site).

    With --only, build a shard: the pages of those sections only, in the whole site's layout, with a record
    (govpress-shard.json) of their facts and problems; `govpress merge` puts shards together and checks the links."""
    known = None
    if not sections:  # a build with nothing to do answers before the build is imported (site/nothing_to_do.py)
        from govpress.site.nothing_to_do import nothing_to_do

        with user_errors():
            answer = nothing_to_do(project, out, base_url=base_url, pdf=pdf, strict=strict)
        if answer.report is not None:
            _report(answer.report, strict)
            return
        known = answer.inputs
    from govpress.site.build import build_site, default_jobs

    _check_options(project, out, base_url)
    if sections:
        if pdf:
            raise click.BadParameter("a shard cannot write PDFs (build them in a whole build)", param_hint="'--pdf'")
        if out is None:
            raise click.BadParameter("a shard needs its own output folder", param_hint="'-o' / '--output'")
        _build_shard(project, out, strict, base_url, jobs or default_jobs(), sections)
        return
    if pdf:
        from govpress.extras import PDF, missing

        message = missing("weasyprint", PDF, "govpress build --pdf")
        if message is not None:
            raise click.ClickException(message)
        logging.getLogger("weasyprint").setLevel(logging.ERROR)  # hundreds of harmless CSS warnings otherwise
    with user_errors(), _progress("Rendering") as progress:
        task = progress.add_task("Rendering pages", total=None)
        pdf_task = progress.add_task("Writing PDFs", total=None, visible=False)
        report = build_site(
            project,
            out,
            strict=strict,
            jobs=jobs or default_jobs(),
            base_url=base_url,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
            pdf=pdf,
            pdf_progress=lambda done, total: progress.update(pdf_task, completed=done, total=total, visible=True),
            known_inputs=known,
        )
    _report(report, strict)


def _report(report: BuildReport, strict: bool) -> None:
    """The build's problems and its summary; exit status 1 when it failed (on a warning too when ``strict``)."""
    show_problems(report.problems)
    say(_summary(report, "Built"))
    if report.failed(strict):
        raise SystemExit(1)


def _build_shard(
    project: Path, out: Path, strict: bool, base_url: str | None, jobs: int, sections: tuple[str, ...]
) -> None:
    from govpress.site.build import BuildOptions, run_build
    from govpress.site.shards.plan import Only

    with user_errors(), _progress("Rendering") as progress:
        task = progress.add_task("Rendering pages", total=None)
        options = BuildOptions(
            jobs=jobs,
            base_url=base_url,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
            only=Only(frozenset(sections)),
        )
        report = run_build(project, out, options)
    show_problems(report.problems)
    say(_summary(report, f"Built the shard {', '.join(sorted(set(sections)))}:"))
    if report.failed(strict):
        raise SystemExit(1)


@click.command()
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--project",
    "-p",
    default=".",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The project the shards were built from.",
)
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@STRICT
@BASE_URL
@JOBS
def merge(
    shards: tuple[Path, ...], project: Path, out: Path | None, strict: bool, base_url: str | None, jobs: int | None
) -> None:
    """Merge the SHARDS (folders of `govpress build --only`) into one site of PROJECT in OUT (default:
    PROJECT/_site): no two shards may have written the same file; the pages no shard made (the root's, the other
    sections', the root index, search, sitemap) are built here, and the links are checked over every page."""
    from govpress.site.build import default_jobs
    from govpress.site.shards.merge import merge_shards

    _check_options(project, out, base_url)
    with user_errors(), _progress("Rendering") as progress:
        task = progress.add_task("Rendering pages", total=None)
        report = merge_shards(
            project,
            list(shards),
            out,
            strict=strict,
            jobs=jobs or default_jobs(),
            base_url=base_url,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    show_problems(report.problems)
    say(_summary(report, f"Merged {len(shards)} shards:"))
    if report.failed(strict):
        raise SystemExit(1)


@click.command()
@PROJECT
@STRICT
@BASE_URL
@JOBS
def check(project: Path, strict: bool, base_url: str | None, jobs: int | None) -> None:
    """Run every check of the build on PROJECT without writing anything."""
    from govpress.site.build import check_project, default_jobs

    _check_options(project, None, base_url)
    with user_errors():
        report = check_project(project, jobs=jobs or default_jobs(), base_url=base_url)
    show_problems(report.problems)
    say(_summary(report, "Checked"))
    if report.failed(strict):
        raise SystemExit(1)


@click.command()
@PROJECT
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port.")
@click.option("--no-reload", is_flag=True, help="Do not watch for changes.")
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@BASE_URL
def serve(project: Path, port: int, no_reload: bool, out: Path | None, base_url: str | None) -> None:
    """Build PROJECT, serve it on http://127.0.0.1:PORT/ and rebuild what changes (the browser reloads).
    A site whose base URL has a path (/sub/) is served under it.

    A failed build never stops the server: its problems are printed here and shown on every page until a build
    succeeds."""
    from govpress.site.serve.preview import serve_project

    _check_options(project, out, base_url)
    console = error_console()
    with user_errors():
        serve_project(
            project,
            port=port,
            watch=not no_reload,
            announce=lambda text: say(text, console),
            out=out,
            show_problems=lambda problems: show_problems(problems, console),
            base_url=base_url,
        )


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def new(folder: Path) -> None:
    """Write a small example site into FOLDER (which must not exist or be empty)."""
    from govpress.site.new import new_site

    with user_errors():
        written = new_site(folder)
    click.echo(f"Wrote {len(written)} files into {folder}. Next: govpress serve {folder}")
