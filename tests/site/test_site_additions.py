"""Sections a generator adds to a source page (``Page(section=True)``): placed at the end of main, text kept."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from govpress.site.build import build_site
from govpress.site.new import new_site
from govpress.site.structure.additions import add_sections, unplaced_sections, with_section
from govpress.site.structure.pages import Page

REPORT = "digital/quarterly-reports/spring-26/index.html"
PAGE = (
    '<html><body><main id="main-content"><h1>Report</h1><p>Text.</p>\n'
    '<p class="govuk-body-s govpress-last-updated">Last updated</p>\n</main></body></html>'
)


def _section(output: str = "r/index.html") -> Page:
    source = Path("data/x.yaml")
    html = "<section><h2>Added</h2></section>\n"
    return Page(PurePosixPath(output), html, source=source, dependencies=(source,), section=True)


def test_the_section_goes_before_last_updated() -> None:
    page = Page(PurePosixPath("r/index.html"), PAGE, source=Path("source/r/index.html"))
    added = with_section(page, _section())
    assert str(added.content).index("<p>Text.</p>") < str(added.content).index("<section>")
    assert str(added.content).index("</section>") < str(added.content).index("govpress-last-updated")
    assert added.source == page.source
    assert Path("data/x.yaml") in added.dependencies


def test_a_section_without_its_page_is_a_warning_at_its_source() -> None:
    by_output: dict[str, Page] = {}
    add_sections(by_output, [_section()])
    assert by_output == {}
    whole = Page(PurePosixPath("r/index.html"), PAGE)
    by_output = {"r/index.html": whole}
    add_sections(by_output, [whole])
    assert by_output["r/index.html"] is whole, "a whole generated page is never a section"
    [problem] = unplaced_sections([], [_section()])
    assert problem.path == "data/x.yaml"
    assert "/r/" in problem.message


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
