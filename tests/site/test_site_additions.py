"""Sections a generator adds to a page (``Page(section=True)``): rendered by the layout's block, text kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath

from markupsafe import Markup

from govpress.problems import Problem
from govpress.site.build import build_site
from govpress.site.layout.templates import make_environment, render_page, set_sections
from govpress.site.new import new_site
from govpress.site.settings.config import SiteConfig
from govpress.site.structure.additions import sections_by_url, shows, unplaced, with_sections
from govpress.site.structure.pages import Page

REPORT = "digital/quarterly-reports/spring-26/index.html"
SECTION = "<section><h2>Added</h2></section>"


def _section(output: str = "r/index.html") -> Page:
    source = Path("data/x.yaml")
    return Page(PurePosixPath(output), SECTION + "\n", source=source, dependencies=(source,), section=True)


def unplaced_sections(pages: list[Page], generated: list[Page]) -> list[Problem]:
    """The warnings for the generated sections none of ``pages`` shows (as the build finds them page by page)."""
    shown = {id(s) for s in generated for page in pages if page.output == s.output and shows(page, s)}
    return unplaced(generated, shown)


def _laid_out(sections: list[Page]) -> str:
    """A page at ``/r/`` in the base layout, with a "Last updated" line, after ``sections`` were set."""
    config = SiteConfig()
    environment = make_environment(config, "Example")
    set_sections(environment, sections_by_url(sections))
    updated = {"iso": "2026-01-02", "text": "2 January 2026"}
    context = {"page_title": "Report", "page_url": "/r/", "body": Markup("<p>Text.</p>"), "last_updated": updated}
    return render_page(environment, "site/page.html", context)


def test_the_layout_shows_the_section_after_the_content_and_before_last_updated() -> None:
    html = _laid_out([_section()])
    assert html.index("<p>Text.</p>") < html.index(SECTION) < html.index("govpress-last-updated")
    assert html.count(SECTION) == 1
    assert _laid_out([_section("other/index.html")]).count(SECTION) == 0, "only the page at the section's URL"


def test_the_page_showing_a_section_gains_its_dependencies_and_problems() -> None:
    warned = replace(_section(), problems=(Problem.warning("a warning of the section", Path("data/x.yaml")),))
    page = Page(PurePosixPath("r/index.html"), _laid_out([warned]), source=Path("source/r/index.html"))
    added = with_sections(page, [warned])
    assert added.content == page.content and added.source == page.source
    assert Path("data/x.yaml") in added.dependencies
    assert [p.message for p in added.problems] == ["a warning of the section"]
    assert unplaced_sections([added], [warned]) == []


def test_a_section_no_page_shows_is_a_warning_at_its_source() -> None:
    [problem] = unplaced_sections([], [_section()])
    assert problem.path == "data/x.yaml"
    assert "/r/" in problem.message
    without = Page(PurePosixPath("r/index.html"), _laid_out([]))
    assert with_sections(without, [_section()]) is without, "a page made before the section does not show it"
    assert len(unplaced_sections([without], [_section()])) == 1


def test_the_report_page_keeps_its_text_and_gains_the_exemplars(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    with_generators = build_site(project, tmp_path / "with")
    build_site(project, tmp_path / "without", generators=())
    assert not with_generators.problems, [str(p) for p in with_generators.problems]
    page = (tmp_path / "with" / REPORT).read_text(encoding="utf-8")
    plain = (tmp_path / "without" / REPORT).read_text(encoding="utf-8")
    start = page.index('<section class="section report-exemplars"')
    end = page.index("</section>", start) + len("</section>\n")
    assert 'id="exemplar-services"' in page[start:end]
    assert "<caption" in page[start:end]
    explorer = (
        '<li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="/performance/">'
        "Service performance</a></li>\n"
    )
    assert explorer in page and explorer not in plain, "the services generator adds its section to the navigation"
    feed = (
        '<link rel="alternate" type="application/atom+xml" title="Quarterly progress reports"'
        ' href="/digital/quarterly-reports/feed.atom">\n'
    )
    assert feed in page and feed not in plain, "the commitments generator's feed is linked from every page"
    assert (page[:start] + page[end:]).replace(explorer, "").replace(feed, "") == plain, "the report's own text stays"
