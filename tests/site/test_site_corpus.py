"""The legacy corpus, built (issue 3, "Must hold on the legacy corpus")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_support import LEGACY_PAGES, BuiltSite, html_files, main_of

from govpress.site.build import build_site

pytestmark = pytest.mark.slow

CONTENT_BROKEN = {
    ("_october-13.md", "broken link '/service-manual': no such page or file"),
    ("_october-13.md", "broken link '/performance': no such page or file"),
    (
        "_july-13.md",
        "malformed link 'https:www.gov.uk/transformation' (no // after https:): "
        "published as 'https://www.gov.uk/transformation'",
    ),
    (
        "04-who-is-online-and-who-is-offline.md",
        "broken link '#data/': no element with id 'data/' on digital/research/index.html",
    ),
}


@pytest.fixture(scope="module")
def corpus_site(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The legacy corpus built into a temporary folder (with every registered page generator)."""
    out = tmp_path_factory.mktemp("corpus-site")
    return BuiltSite(out, build_site(corpus_dir, out, jobs=2))


def test_the_build_has_no_errors(corpus_site: BuiltSite) -> None:
    assert corpus_site.report.errors == []
    assert not corpus_site.report.failed(strict=False)


def test_every_legacy_page_is_at_its_path_plus_a_root_index(corpus_site: BuiltSite) -> None:
    missing = [page for page in (*LEGACY_PAGES, "index.html") if not (corpus_site.out / page).is_file()]
    assert missing == []
    assert len(LEGACY_PAGES) == 41


def test_the_root_index_lists_the_sections(corpus_site: BuiltSite) -> None:
    main = main_of(corpus_site.out / "index.html")
    assert 'href="/digital/"' in main
    assert 'href="/la-ida-review/"' in main
    assert 'href="/digital/assisted/the-need/">Assisted Digital Need</a>' in main, "a page with an empty h1"
    assert not re.search(r"<a [^>]*></a>", main), "every link has text"


def test_assets_and_transcripts_are_copied(corpus_site: BuiltSite, corpus_dir: Path) -> None:
    assert (corpus_site.out / "assets/images/crests/org_crest_18px.png").is_file()
    assert (corpus_site.out / "digital/strategy/case-studies/active-leadership/transcript.xml").is_file()
    assert (corpus_site.out / "static/govuk-frontend/govuk-frontend.min.css").is_file()
    assert not (corpus_site.out / "static/govuk-frontend/assets/fonts").exists(), "fonts only when govuk_brand"


def test_every_page_has_a_title_and_exactly_one_h1(corpus_site: BuiltSite) -> None:
    for page in html_files(corpus_site.out):
        html = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
        assert title and title.group(1).strip(), f"{page}: no title"
        assert len(re.findall(r"<h1\b", main_of(page))) == 1, f"{page}: not exactly one h1"


def test_only_content_broken_links_are_reported(corpus_site: BuiltSite) -> None:
    links = [p for p in corpus_site.report.warnings if "link" in p.message]
    unexpected = [
        str(p) for p in links if (Path(p.path or "").name, p.message) not in CONTENT_BROKEN and "--pdf" not in p.message
    ]
    assert unexpected == []
    reported = {(Path(p.path or "").name, p.message) for p in links}
    assert reported >= CONTENT_BROKEN
    assert all(p.line is not None for p in links), "every link problem names its line"


def test_no_page_links_to_a_pdf_the_build_did_not_make(corpus_site: BuiltSite) -> None:
    """Built without ``--pdf``: the five documents' "Also available in PDF format" are left out, said once."""
    for page in html_files(corpus_site.out):
        for url in re.findall(r'href="([^"#?]+\.pdf)[^"]*"', page.read_text(encoding="utf-8")):
            if "://" not in url:
                target = corpus_site.out / url.lstrip("/") if url.startswith("/") else page.parent / url
                assert target.is_file(), f"{page}: links to {url}, which the build did not make"
    assert "<li>Also available in" not in main_of(corpus_site.out / "digital/strategy/index.html")
    [offers] = [p for p in corpus_site.report.warnings if "build with --pdf" in p.message]
    for name in ("government-digital-strategy", "digital-efficiency-report", "assisted-digital", "la-ida-review"):
        assert f"({name}.pdf)" in offers.message


def test_a_strict_build_fails_on_those_warnings(corpus_site: BuiltSite) -> None:
    assert corpus_site.report.failed(strict=True)


@pytest.mark.parametrize("number", [f"{n:02d}" for n in range(1, 15)])
def test_action_pages(corpus_site: BuiltSite, number: str) -> None:
    main = main_of(corpus_site.out / f"digital/strategy/actions/{number}/index.html")
    departments = len(re.findall(r"<div class=\"department\"", main))
    assert departments == (1 if number == "04" else 18)
    assert ("Previous action" in main) is (number != "01")
    assert ("Next action" in main) is (number != "14")
    assert re.search(r'<h2 class="logo-(single|bis|ho|mod)"><span class="organisation-logo">', main)


def test_legacy_deep_links_land(corpus_site: BuiltSite) -> None:
    strategy = main_of(corpus_site.out / "digital/strategy/index.html")
    for anchor in ("action-05", "action-14", "markdown-toc", "executive-summary"):
        assert f'id="{anchor}"' in strategy
    assert 'id="fig-12"' in main_of(corpus_site.out / "digital/efficiency/index.html")


def test_case_studies_show_the_video_link_and_transcript(corpus_site: BuiltSite) -> None:
    main = main_of(corpus_site.out / "digital/strategy/case-studies/active-leadership/index.html")
    assert 'href="https://www.youtube.com/watch?v=Oi_n3rAjs40"' in main
    assert '<div class="govpress-transcript">' in main


def test_legacy_analytics_and_scripts_needing_js_are_gone(corpus_site: BuiltSite) -> None:
    for page in html_files(corpus_site.out):
        html = page.read_text(encoding="utf-8")
        assert "_gaq" not in html, page
        assert "{include" not in html, page


def test_the_legacy_corpus_keeps_the_govuk_footer_of_2012(corpus_site: BuiltSite) -> None:
    """No govpress.toml: a legacy GOV.UK publication (docs/site.md, "Whose site it is"), with no cookie banner."""
    for page in html_files(corpus_site.out):
        html = page.read_text(encoding="utf-8")
        assert "govuk-footer__copyright-logo" in html and "© Crown copyright</a>" in html, page
        assert "Open Government Licence v3.0</a>" in html and "/govuk-frontend/assets/images/favicon.svg" in html, page
        assert "govpress-cookie-banner" not in html, page


def test_two_builds_are_byte_identical(corpus_site: BuiltSite, corpus_dir: Path, tmp_path: Path) -> None:
    again = build_site(corpus_dir, tmp_path / "again", jobs=1)
    # 41 source pages; the 15 action pages the commitments generator replaces are not rendered
    assert again.rendered == corpus_site.report.rendered == 26, "a fresh output folder renders every source page"

    def files(out: Path) -> dict[str, bytes]:
        return {
            p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and ".govpress-cache" not in p.parts
        }

    first, second = files(corpus_site.out), files(tmp_path / "again")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
