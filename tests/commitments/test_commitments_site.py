"""The page generator that `govpress build` calls: pages in the site layout, sources, dependencies."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import pytest

from govpress.commitments.legacy.load import load_legacy
from govpress.commitments.native.load import load_native
from govpress.commitments.native.write import write_native
from govpress.commitments.reports.load import load_reports
from govpress.commitments.site import CommitmentsGenerator
from govpress.site.build import build_site
from govpress.site.layout.templates import make_environment
from govpress.site.new import new_site
from govpress.site.settings.config import SiteConfig
from govpress.site.structure.pages import SiteContext

NATIVE = Path(__file__).parent.parent / "fixtures" / "commitments" / "native"


def _context(project: Path, source: Path | None = None) -> SiteContext:
    config = SiteConfig()
    return SiteContext(project, source or project / "source", config, make_environment(config, "Example"), "Example")


class _AsRead(HTMLParser):
    """A page as a browser reads it: tags with their attributes and the text, character references decoded (a native
    project's statements are sanitised, which writes ``&rsquo;`` as the character itself)."""

    def __init__(self, page: str | bytes) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, object]] = []
        self.feed(page if isinstance(page, str) else page.decode("utf-8"))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((tag, sorted(attrs, key=lambda a: a[0])))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("/" + tag, None))

    def handle_data(self, data: str) -> None:
        self.events.append(("text", data))


def _as_read(page: str | bytes | None) -> list[tuple[str, object]]:
    assert page is not None
    return _AsRead(page).events


def test_nothing_without_commitments(tmp_path: Path) -> None:
    assert CommitmentsGenerator().generate(_context(tmp_path)) == []


def test_pages_of_a_native_project() -> None:
    pages = {page.output: page for page in CommitmentsGenerator().generate(_context(NATIVE))}
    action = pages[PurePosixPath("digital/strategy/actions/01/index.html")]
    assert action.source is not None and action.source.name == "actions.yaml"
    assert isinstance(action.content, str) and 'class="govuk-template"' in action.content
    assert "Action 01: how organisations are responding - Example" in action.content
    assert NATIVE / "data" / "responses" / "02.yaml" in action.dependencies
    assert PurePosixPath("digital/strategy/commitments/commitments.json") in pages
    assert PurePosixPath("digital/strategy/organisations/ministry-of-examples/index.html") in pages
    assert not any(page.problems for page in pages.values())


def test_native_and_legacy_sites_have_the_same_action_pages(corpus_dir: Path, tmp_path: Path) -> None:
    write_native(load_legacy(corpus_dir), tmp_path)
    legacy = {p.output: p.content for p in CommitmentsGenerator().generate(_context(corpus_dir))}
    native = {p.output: p.content for p in CommitmentsGenerator().generate(_context(tmp_path))}
    actions = [path for path in legacy if path.parts[:3] == ("digital", "strategy", "actions")]
    assert len(actions) == 15
    assert all(_as_read(native[path]) == _as_read(legacy[path]) for path in actions)


@pytest.mark.slow
def test_built_sites_native_and_legacy_have_the_same_action_pages(corpus_source: Path, tmp_path: Path) -> None:
    """``govpress build`` of the corpus, and of the corpus plus its commitments as native data files."""
    legacy_project = tmp_path / "legacy"
    native_project = tmp_path / "native"
    for project in (legacy_project, native_project):
        shutil.copytree(corpus_source, project / "source")
    write_native(load_legacy(legacy_project), native_project)
    legacy = build_site(legacy_project, tmp_path / "legacy-site")
    native = build_site(native_project, tmp_path / "native-site")
    assert not [p for p in legacy.problems if "commitments" in str(p.path) or "organisations" in str(p.path)]
    pages = sorted((tmp_path / "legacy-site" / "digital/strategy/actions").rglob("index.html"))
    assert len(pages) == 15
    for page in pages:
        twin = tmp_path / "native-site" / page.relative_to(tmp_path / "legacy-site")
        assert _as_read(twin.read_bytes()) == _as_read(page.read_bytes()), page
    assert len(native.problems) == len(legacy.problems)
    assert (tmp_path / "native-site/digital/strategy/commitments/commitments.csv").is_file()


def test_new_site_uses_native_data(tmp_path: Path) -> None:
    """``govpress new`` writes the commitments as native data files, and its build has no problems of ours."""
    project = tmp_path / "example"
    new_site(project)
    assert (project / "data" / "actions.yaml").is_file()
    commitments = load_native(project)
    assert (len(commitments.actions), len(commitments.organisations), len(commitments.responses)) == (3, 3, 6)
    reports = load_reports(project, organisations=[o.id for o in commitments.organisations])
    assert reports is not None and [r.id for r in reports.reports] == ["spring-26"]
    report = build_site(project, tmp_path / "site")
    assert not report.problems, [str(p) for p in report.problems]
    assert (tmp_path / "site/digital/quarterly-reports/feed.atom").is_file()
    assert (tmp_path / "site/digital/strategy/organisations/parks-department/index.html").is_file()


def test_links_under_the_base_path() -> None:
    config = SiteConfig(base_url="https://example.org/plan/")
    context = SiteContext(NATIVE, NATIVE / "source", config, make_environment(config, "Example"), "Example")
    pages = {page.output: page for page in CommitmentsGenerator().generate(context)}
    html = pages[PurePosixPath("digital/strategy/actions/01/index.html")].content
    assert isinstance(html, str)
    assert 'href="/plan/digital/strategy/actions/02/"' in html
    assert 'href="/plan/digital/strategy/"' in html
    assert 'href="/plan/digital/strategy/organisations/home-office/"' in html
    assert 'href="http://example.org/home-office/strategy"' in html
    assert 'href="/digital/' not in html


def test_feed_links_to_an_absolute_base_url(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    config = SiteConfig(base_url="https://example.org/plan/")
    context = SiteContext(project, project / "source", config, make_environment(config, "Example"), "Example")
    pages = {page.output: page for page in CommitmentsGenerator().generate(context)}
    feed = pages[PurePosixPath("digital/quarterly-reports/feed.atom")].content
    assert isinstance(feed, str)
    assert 'href="https://example.org/plan/digital/quarterly-reports/spring-26/"' in feed
