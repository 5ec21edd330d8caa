"""Source pages laid out ahead of their turn in worker processes (:mod:`govpress.site.engine.layout_pool`): the same
bytes and problems as a build on one thread, an error at its template's line, and no workers for a few pages."""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from govpress.problems import GovpressError
from govpress.search import pagefind_service
from govpress.search.shards import SHARD_PAGES
from govpress.site.build import build_site
from govpress.site.engine import layout_pool
from govpress.site.engine.layout_pool import START
from govpress.site.engine.workers import Workers
from govpress.site.layout.page_layout import SiteTitles
from govpress.site.layout.source_pages import Fresh, SourceLayouts
from govpress.site.layout.templates import make_environment
from govpress.site.new import new_site
from govpress.site.settings.config import SiteConfig
from govpress.site.sources.dates import FileDates
from govpress.site.sources.readers import Content
from govpress.site.structure.languages import LocalisedSite, site_languages
from support.builds import output_files

POOL = "govpress.site.engine.layout_pool"
PAGES = START + 6  # enough for the workers to be forked


def _project(folder: Path, pages: int = PAGES) -> Path:
    """The example site with ``pages`` more Markdown pages, each linking to the next."""
    new_site(folder)
    for number in range(pages):
        page = folder / "source" / "many" / f"page-{number:03}" / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        text = f"#Page {number}\n\nText of page {number}, then [the next](/many/page-{number + 1:03}/).\n\n## More\n"
        page.write_text(text, encoding="utf-8")
    return folder


def _forked(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == POOL and "worker processes" in r.getMessage()]


def test_pages_laid_out_in_workers_are_the_bytes_and_problems_of_one_thread(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = _project(tmp_path / "p")
    alone = build_site(project, tmp_path / "alone", jobs=1)
    assert not _forked(caplog)
    caplog.set_level(logging.DEBUG, logger=POOL)
    pooled = build_site(project, tmp_path / "pooled", jobs=2)
    [forked] = _forked(caplog)
    assert forked.endswith("pages out in 2 worker processes") and int(forked.split()[1]) >= PAGES, forked
    assert output_files(tmp_path / "pooled") == output_files(tmp_path / "alone")
    assert pooled.problems == alone.problems and pooled.pages == alone.pages
    assert any(p.line == 3 and f"/many/page-{PAGES:03}/" in p.message for p in pooled.problems)  # the last one links on


def test_the_pages_of_a_worker_that_failed_are_laid_out_here(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path / "p")
    build_site(project, tmp_path / "alone", jobs=1)

    monkeypatch.setattr(layout_pool, "_lay_out", _failing)  # what the workers are handed
    caplog.set_level(logging.DEBUG, logger=POOL)
    build_site(project, tmp_path / "pooled", jobs=2)
    assert _forked(caplog)
    assert any("a layout worker failed (a worker went wrong)" in r.getMessage() for r in caplog.records)
    assert output_files(tmp_path / "pooled") == output_files(tmp_path / "alone")


def _failing(chunk: list[Fresh]) -> list[layout_pool.Laid]:
    raise RuntimeError("a worker went wrong")


def test_a_template_error_in_a_worker_is_reported_at_its_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = _project(tmp_path / "p")
    broken = (
        '{% extends "govpress/base.html" %}\n{% block footer %}\n'
        "{% if page_url is defined and page_url == '/many/page-040/' %}{{ no_such_name }}{% endif %}\n"
        "{% endblock %}\n"
    )
    (project / "templates").mkdir()
    (project / "templates" / "base.html").write_text(broken, encoding="utf-8")
    caplog.set_level(logging.DEBUG, logger=POOL)
    problems = []
    for jobs, out in ((1, "alone"), (2, "pooled")):
        with pytest.raises(GovpressError) as raised:
            build_site(project, tmp_path / out, jobs=jobs)
        problems.append(raised.value.problems)
    assert _forked(caplog)
    [problem] = problems[1]
    assert problems[0] == problems[1]
    assert (problem.path, problem.line) == (str(project / "templates" / "base.html"), 3)
    assert "'no_such_name' is undefined" in problem.message


def test_a_build_that_lays_out_a_few_pages_starts_no_workers(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = _project(tmp_path / "p")
    out = tmp_path / "out"
    build_site(project, out, jobs=2)
    page = project / "source" / "many" / "page-007" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    caplog.set_level(logging.DEBUG, logger=POOL)
    report = build_site(project, out, jobs=2)
    assert not _forked(caplog)
    assert report.rendered == 1
    assert "One more line." in (out / "many" / "page-007" / "index.html").read_text(encoding="utf-8")
    build_site(project, tmp_path / "cold", jobs=1)
    assert output_files(out) == output_files(tmp_path / "cold")


def test_every_page_laid_out_again_after_the_site_s_name_changed_goes_to_the_workers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The bodies are kept (nothing rendered) but every page's layout changed: the workers lay them out."""
    project = _project(tmp_path / "p")
    out = tmp_path / "out"
    build_site(project, out, jobs=2)
    settings = project / "govpress.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("site_name = ", 'site_name = "Renamed"\n#'), "utf-8"
    )
    caplog.set_level(logging.DEBUG, logger=POOL)
    report = build_site(project, out, jobs=2)
    assert report.rendered == 0 and _forked(caplog)
    assert "Renamed" in (out / "many" / "page-007" / "index.html").read_text(encoding="utf-8")
    build_site(project, tmp_path / "cold", jobs=1)
    assert output_files(out) == output_files(tmp_path / "cold")


def test_a_page_asked_for_out_of_the_expected_order_is_laid_out_all_the_same() -> None:
    """The pool prepares the pages in the order it is told; one asked for out of that order is laid out when asked
    (the pages prepared before it are let go), as on one thread."""
    config = SiteConfig()
    environment = make_environment(config)
    contents = [
        Content(PurePosixPath(f"p{n}/index.html"), "page", f"<h1>Page {n}</h1>", f"Page {n}", Path(f"p{n}.md"))
        for n in range(4)
    ]
    titles = SiteTitles({"/": "Home", **{f"/p{n}/": f"Page {n}" for n in range(4)}}, "/")
    local = LocalisedSite(site_languages(config), {config.language: environment}, titles, config.base_url)
    layouts = SourceLayouts(local, FileDates({}, None))
    pool = layout_pool.LayoutPool(layouts, contents, {}, jobs=1)
    pool.expect([str(c.output) for c in contents])
    third = pool.lay_out(contents[2])  # the first two, prepared before it, are let go
    first = pool.lay_out(contents[0])  # laid out when asked
    fourth = pool.lay_out(contents[3])
    for page, content in ((third, contents[2]), (first, contents[0]), (fourth, contents[3])):
        assert page == layouts.lay_out(content)
        assert "<h1>" + content.title + "</h1>" in str(page.content)


def test_the_workers_are_forked_before_pagefind_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker forked while a pagefind service runs would hold its pipe open, and pagefind would not end until the
    worker did: the workers are forked before the first page is settled, so before any shard goes to pagefind (with
    more than 500 pages there are several shards, each indexed as soon as its pages are settled)."""
    project = _project(tmp_path / "p", pages=SHARD_PAGES + 100)
    services: list[int] = []
    real_service = pagefind_service.Service.__init__

    def counted(self: pagefind_service.Service, *args: Any) -> None:
        services.append(len(services))
        real_service(self, *args)

    forks: list[int] = []

    def workers(*args: Any, **kwargs: Any) -> Workers:  # made just before they are forked
        forks.append(len(services))
        return Workers(*args, **kwargs)

    monkeypatch.setattr(pagefind_service.Service, "__init__", counted)
    monkeypatch.setattr(layout_pool, "Workers", workers)
    build_site(project, tmp_path / "out", jobs=2)
    assert forks == [0] and len(services) >= 2  # forked with no pagefind running; then a service a shard
