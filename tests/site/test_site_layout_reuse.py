"""A changed page costs one page (docs/scaling.md): pages whose layout key is unchanged are read back from the last
build, not laid out, checked or written again; and an incremental build's output and problems are a cold build's."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from govpress.problems import Problem
from govpress.search import shards as shards_module
from govpress.search.pages import Listed
from govpress.search.shards import NOT_SEARCHABLE, SearchNote, shard_of
from govpress.site import build
from govpress.site.build import build_site
from govpress.site.check import links
from govpress.site.engine.cache import BuildCache, CacheEntry
from govpress.site.engine.cache_codec import load_cache, load_value, save_cache, save_value
from govpress.site.engine.layouts import LayoutEntry, LayoutReuse
from govpress.site.engine.records import record_folder
from govpress.site.engine.stamps import FileStamp
from govpress.site.layout import page_layout, source_pages
from govpress.site.layout.templates import SECTIONS_GLOBAL, Breadcrumb, make_environment
from govpress.site.settings.config import SiteConfig
from govpress.site.sources.readers import Content
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, SiteContext
from govpress.site.write.output import SiteOutput
from support.builds import output_files

INTRODUCTION = "source/digital/strategy/01-introduction.md"
QUARTER = "source/digital/quarterly-reports/spring-26/index.html"
GUIDE = "source/digital/guide/index.html"


def _laid_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The outputs of the source pages laid out from now on."""
    done: list[str] = []
    real = page_layout.content_page

    def counting(content: Content, *args: Any) -> Any:
        done.append(str(content.output))
        return real(content, *args)

    monkeypatch.setattr(source_pages, "content_page", counting)
    return done


def _append(project: Path, name: str, text: str) -> None:
    path = project / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    found = path.read_text(encoding="utf-8")
    assert old in found
    path.write_text(found.replace(old, new), encoding="utf-8")


def test_one_changed_page_is_the_only_one_laid_out_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(project, generators=())
    others = {p: p.stat().st_mtime_ns for p in (project / "_site").rglob("*.html") if "strategy" not in p.parts}
    laid_out = _laid_out(monkeypatch)
    _append(project, QUARTER, "<p>One more line.</p>\n")
    build_site(project, generators=())
    assert laid_out == ["digital/quarterly-reports/spring-26/index.html"]
    after = {p: p.stat().st_mtime_ns for p in others}
    changed = [p.relative_to(project / "_site").as_posix() for p in others if after[p] != others[p]]
    assert "digital/index.html" not in changed  # not written again


def test_the_kept_pages_are_not_read_written_or_checked_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Their entries say all the build needs of them; the search reads again only those in the shard of the changed
    page (before the fix, stop 18's lazy layout handed the settler an empty map of kept pages: every page was hashed,
    handed to the writer and checked again)."""
    monkeypatch.setattr(shards_module, "SHARD_PAGES", 4)
    build_site(project, generators=())
    site = project / "_site"
    kept = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts}
    read, handed, recorded = _watch_reads(monkeypatch, site), _watch_writes(monkeypatch), _watch_check(monkeypatch)
    _append(project, QUARTER, "<p>One more line.</p>\n")
    build_site(project, generators=())
    changed = "digital/quarterly-reports/spring-26/index.html"
    assert set(handed) <= {changed, "index.html", "search/index.html"}  # the A to Z pages list every page
    count = len(json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"])
    shard_mates = {name for name in kept if shard_of(name, count) == shard_of(changed, count)} - {changed}
    assert len(shard_mates) >= 2
    assert set(read) - set(handed) == shard_mates - {"404.html", "error.html"}  # searchable: read for pagefind
    assert "digital/index.html" in recorded and changed not in recorded


def _watch_reads(monkeypatch: pytest.MonkeyPatch, site: Path) -> list[str]:
    """The pages of the site read from now on."""
    read: list[str] = []
    real = Path.read_bytes

    def reading(path: Path) -> bytes:
        if path.is_relative_to(site) and path.suffix == ".html":
            read.append(path.relative_to(site).as_posix())
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", reading)
    return read


def _watch_writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages handed to the output from now on."""
    handed: list[str] = []
    real = SiteOutput.write

    def writing(output: SiteOutput, name: str, data: bytes) -> Path:
        if name.endswith(".html"):
            handed.append(name)
        return real(output, name, data)

    monkeypatch.setattr(SiteOutput, "write", writing)
    return handed


def _watch_check(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The pages whose problems the next check takes from the last build's records."""
    recorded: set[str] = set()
    real = links.check_pages

    def checking(*args: Any) -> Any:
        recorded.update(args[-1])
        return real(*args)

    monkeypatch.setattr(build, "check_pages", checking)
    return recorded


def test_a_page_whose_file_was_changed_in_the_output_is_laid_out_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(project, generators=())
    page = project / "_site/digital/index.html"
    expected = page.read_bytes()
    page.write_text("tampered", encoding="utf-8")
    laid_out = _laid_out(monkeypatch)
    _append(project, QUARTER, "<p>One more line.</p>\n")
    build_site(project, generators=())
    assert "digital/index.html" in laid_out
    assert page.read_bytes() == expected


Change = Callable[[Path], None]


def _body(project: Path) -> None:
    _append(project, INTRODUCTION, "\nA new paragraph, with a [link to nowhere](/nowhere/).\n")


def _section_title(project: Path) -> None:  # the header's navigation, on every page
    _replace(project, "source/digital/index.html", "</h1>", " (revised)</h1>")


def _title(project: Path) -> None:  # not a section's: only the page below it shows it, in its breadcrumbs
    _replace(project, GUIDE, "<h1>Guide</h1>", "<h1>The guide</h1>")


def _setting(project: Path) -> None:
    _replace(project, "govpress.toml", 'site_name = "Harbourside Digital Plan"', 'site_name = "Harbourside Plan"')


def _template(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates/base.html").write_text(
        '{% extends "govpress/base.html" %}{% block head_extra %}<meta name="x-test" content="1">{% endblock %}\n',
        encoding="utf-8",
    )


def _removed(project: Path) -> None:  # the pages that linked to it now have broken links
    (project / QUARTER).unlink()


def _heading_id(project: Path) -> None:  # ids of a page change: a fragment link into it may break
    _replace(project, INTRODUCTION, "###Who this plan is for", "###Who this plan serves")


def _date(project: Path) -> None:
    meta = project / "source/digital/quarterly-reports/spring-26/meta.html"
    meta.write_text(
        meta.read_text(encoding="utf-8") + '\n<meta name="dcterms.modified" content="2026-05-01">\n', encoding="utf-8"
    )


def _welsh_title(project: Path) -> None:  # the English page's alternates name the Welsh one
    _replace(project, "source/cy/digital/index.html", "</h1>", " (newydd)</h1>")


@pytest.mark.parametrize(
    "change", [_body, _section_title, _title, _setting, _template, _removed, _heading_id, _date, _welsh_title]
)
def test_an_incremental_build_is_a_cold_build(project: Path, tmp_path: Path, change: Change) -> None:
    build_site(project, generators=())
    _append(project, QUARTER, '<p><a href="/digital/strategy/#who-this-plan-is-for">Who</a></p>\n')
    (project / GUIDE).parent.mkdir()
    (project / GUIDE).write_text("<h1>Guide</h1>\n<p>The guide.</p>\n", encoding="utf-8")
    (project / "source/digital/guide/part").mkdir()
    (project / "source/digital/guide/part/index.html").write_text("<h1>Part</h1>\n<p>A part.</p>\n", encoding="utf-8")
    build_site(project, generators=())  # every page now in the records, one of them linking to a fragment
    change(project)
    incremental = build_site(project, generators=())
    cold = build_site(project, tmp_path / "cold", generators=())
    assert cold.rendered > incremental.rendered
    assert output_files(project / "_site") == output_files(tmp_path / "cold")
    assert [str(p) for p in incremental.problems] == [str(p) for p in cold.problems]
    broken = any("no element with id 'who-this-plan-is-for'" in str(p) for p in cold.problems)
    assert broken == (change is _heading_id)


def test_with_the_generators_an_incremental_build_is_a_cold_build(project: Path, tmp_path: Path) -> None:
    build_site(project)
    _body(project)
    incremental = build_site(project)
    cold = build_site(project, tmp_path / "cold")
    assert output_files(project / "_site") == output_files(tmp_path / "cold")
    assert [str(p) for p in incremental.problems] == [str(p) for p in cold.problems]


def _reuse() -> LayoutReuse:
    body = CacheEntry("body", _content(), (FileStamp(Path("a.md"), 1, 1, "d1"),))
    return LayoutReuse("site", {}, {"a/index.html": body}, Path())


def _content(**changes: Any) -> Content:
    fields: dict[str, Any] = {
        "output": PurePosixPath("a/index.html"),
        "layout": "page",
        "body": "<h1>A</h1>",
        "title": "A",
        "source": Path("a.md"),
    }
    return Content(**{**fields, **changes})


def _key(reuse: LayoutReuse | None = None, environment_changes: dict[str, Any] | None = None, **changes: Any) -> str:
    environment = make_environment(SiteConfig())
    environment.globals.update(environment_changes or {})
    arguments: dict[str, Any] = {
        "content": _content(),
        "environment": environment,
        "breadcrumbs": [Breadcrumb(text="Home", href="/")],
        "updated": datetime(2026, 1, 1, tzinfo=UTC),
        "alternates": [],
        "extra": [],
    }
    arguments.update(changes)
    key = (reuse or _reuse()).page_key(**arguments)
    assert key is not None
    return key


@pytest.mark.parametrize(
    "change",
    [
        {"content": _content(body="<h1>B</h1>")},
        {"content": _content(title="B")},
        {"content": _content(layout="landing")},
        {"content": _content(dependencies=(Path("b.md"),))},
        {"content": _content(problems=(Problem.warning("w", "a.md"),))},
        {"content": _content(headings=((1, "A"),))},
        {"breadcrumbs": [Breadcrumb(text="Start", href="/")]},
        {"updated": datetime(2026, 1, 2, tzinfo=UTC)},
        {"updated": None},
        {"alternates": [{"language": "cy", "href": "/cy/a/"}]},
        {"extra": [Problem.warning("no date", "meta.html")]},
        {"environment_changes": {"navigation": [Breadcrumb(text="More", href="/more/")]}},
        {"environment_changes": {"site": {"name": "Other"}}},
        {"environment_changes": {SECTIONS_GLOBAL: {"/a/": ["<p>section</p>"]}}},
    ],
    ids=lambda change: next(iter(change)),
)
def test_each_input_of_a_layout_changes_its_key(change: dict[str, Any]) -> None:
    assert _key(**change) != _key()


def test_bodies_that_differ_only_in_a_lone_surrogate_or_its_escape_have_different_keys() -> None:
    # the body goes into the key as a digest of its bytes: every text must have bytes of its own
    bodies = ["<p>\udc80</p>", "<p>\\udc80</p>", "<p>?</p>", "<p>\ufffd</p>"]
    assert len({_key(content=_content(body=body)) for body in bodies}) == len(bodies)


def test_the_site_and_the_bodys_files_change_the_key() -> None:
    other_body = CacheEntry("body", _content(), (FileStamp(Path("a.md"), 1, 1, "d2"),))
    assert _key(LayoutReuse("site", {}, {"a/index.html": other_body}, Path())) != _key()
    assert _key(LayoutReuse("other", {}, _reuse().bodies, Path())) != _key()
    other_key = CacheEntry("other", _content(), _reuse().bodies["a/index.html"].stamps)
    assert _key(LayoutReuse("site", {}, {"a/index.html": other_key}, Path())) != _key()
    assert _key() == _key()  # the same inputs, the same key


class Replacing(BaseGenerator[None]):
    """Replaces the spring report's page with a page of its own (not planned: the source page is laid out too)."""

    name = "replacing"

    def generate(self, context: SiteContext, prepared: None = None) -> Iterator[Page]:
        main = '<main><h1>Made</h1><p><a href="/no-such-page/">a broken link</a></p></main>'
        html = f"<!DOCTYPE html><html lang=en><head><title>Made</title></head><body>{main}</body></html>"
        yield Page(PurePosixPath("digital/quarterly-reports/spring-26/index.html"), html, "Made")


def test_a_page_a_generator_starts_to_replace_is_the_generators(project: Path, tmp_path: Path) -> None:
    build_site(project, generators=())
    _append(project, INTRODUCTION, "\nAnother paragraph.\n")
    incremental = build_site(project, generators=(Replacing(),))
    cold = build_site(project, tmp_path / "cold", generators=(Replacing(),))
    assert "<h1>Made</h1>" in (project / "_site/digital/quarterly-reports/spring-26/index.html").read_text("utf-8")
    assert output_files(project / "_site") == output_files(tmp_path / "cold")
    assert [str(p) for p in incremental.problems] == [str(p) for p in cold.problems]
    assert any("no-such-page" in str(p) for p in cold.problems)


def test_the_layout_entries_keep_what_the_search_took_and_an_older_entry_has_none(tmp_path: Path) -> None:
    records = record_folder(tmp_path, tmp_path / "_site")
    assert records is not None
    layouts = {
        "a.html": LayoutEntry("k", 1, 2, "f", (), SearchNote(Listed("A", "/a.html"), "digest")),
        "b.html": LayoutEntry("k", 1, 2, "f", (), NOT_SEARCHABLE),
        "c.html": LayoutEntry("k", 1, 2, "f", ()),
    }
    save_cache(records, BuildCache({}, {}, {}, layouts))
    assert load_cache(records).layouts == layouts
    stored = load_value(records)
    assert isinstance(stored, dict) and isinstance(stored["layouts"], dict)
    stored["layouts"] = {"a.html": stored["layouts"]["a.html"][:5]}  # as an older govpress wrote it
    save_value(records, stored)
    assert load_cache(records).layouts == {"a.html": LayoutEntry("k", 1, 2, "f", ())}
