"""What readers see on built pages (the browser review of issue #11): the header's current section, breadcrumbs
without the site's name twice, screen-reader-only text hidden, sibling case study headings alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govpress.site.build import build_site
from govpress.site.new import new_site
from govpress.site.structure.current_section import navigation_state

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "govpress" / "templates"
LINKS = [
    {"text": "Home", "href": "/"},
    {"text": "Plan", "href": "/digital/"},
    {"text": "Strategy", "href": "/digital/strategy/"},
]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("reading") / "project"
    new_site(project)
    build_site(project, project / "_site")
    return project / "_site"


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reading-corpus") / "_site"
    build_site(corpus_dir, out)
    return out


def _nav_items(html: str) -> list[str]:
    return re.findall(r'<li class="govuk-service-navigation__item[^"]*">.*?</li>', html)


def _breadcrumbs(html: str) -> list[str]:
    found = re.search(r'<nav class="govuk-breadcrumbs".*?</nav>', html, re.DOTALL)
    return re.findall(r'class="govuk-breadcrumbs__link"[^>]*>(.*?)</a>', found.group(0)) if found else []


def test_the_deepest_folder_holding_the_page_is_its_section() -> None:
    assert navigation_state(LINKS, "/digital/strategy/actions/05/") == {"/digital/strategy/": "true"}
    assert navigation_state(LINKS, "/digital/other.html") == {"/digital/": "true"}
    assert navigation_state(LINKS, "/digital/index.html") == {"/digital/": "page"}
    assert navigation_state(LINKS, "/") == {"/": "page"}
    assert navigation_state(LINKS, "/elsewhere/") == {}
    assert navigation_state(LINKS, None) == {}
    assert navigation_state([{"text": "x", "href": "/sub/a/"}], "/sub/a/b.html", "/sub/") == {"/sub/a/": "true"}
    assert navigation_state([{"text": "x", "href": "/sub/"}], "/sub/a/b.html", "/sub/") == {}


@pytest.mark.parametrize(
    ("page", "current", "aria"),
    [
        ("digital/index.html", "/digital/", "page"),
        ("digital/strategy/actions/index.html", "/digital/", "true"),
        ("digital/strategy/commitments/index.html", "/digital/", "true"),
        ("performance/index.html", "/performance/", "page"),
        ("performance/high-volume-services/by-name/ascending.html", "/performance/", "true"),
    ],
)
def test_the_header_marks_the_current_section(example: Path, page: str, current: str, aria: str) -> None:
    items = _nav_items((example / page).read_text(encoding="utf-8"))
    active = [item for item in items if "govuk-service-navigation__item--active" in item]
    assert len(active) == 1, items
    assert f'href="{current}" aria-current="{aria}"' in active[0]
    assert "govuk-service-navigation__active-fallback" in active[0]


def test_the_home_page_marks_no_section(example: Path) -> None:
    assert "govuk-service-navigation__item--active" not in (example / "index.html").read_text(encoding="utf-8")


def test_breadcrumbs_never_repeat_a_name(corpus: Path, example: Path) -> None:
    for site in (corpus, example):
        for page in site.rglob("*.html"):
            crumbs = _breadcrumbs(page.read_text(encoding="utf-8"))
            assert len(crumbs) == len(set(crumbs)), (page, crumbs)
    foreword = _breadcrumbs((corpus / "digital/strategy/foreword/index.html").read_text(encoding="utf-8"))
    assert foreword[0] == "Home" and foreword[-1] == "Government Digital Strategy"


def test_templates_hide_text_only_with_govuk_visually_hidden() -> None:
    used = {
        (template.name, name)
        for template in TEMPLATES.rglob("*.html")
        for classes in re.findall(r'class="([^"]*)"', template.read_text(encoding="utf-8"))
        for name in classes.split()
        if ("hidden" in name or "sr-only" in name) and name != "govuk-visually-hidden"
    }
    assert used == set()


def test_every_crest_a_page_shows_is_an_image_of_the_site(corpus: Path, example: Path) -> None:
    """The example (a council: no crests in its data) shows none; the corpus's crests are all in its assets."""
    shown: dict[Path, set[str]] = {}
    for site in (corpus, example):
        stylesheet = site / "static/govpress/govpress.css"
        rules = re.findall(
            r"\.(logo-[a-z]+) \.organisation-logo span \{ background-image: url\(([^)]+)\)", stylesheet.read_text()
        )
        assert rules, "no crest rules in govpress.css"
        for name, url in rules:
            image = site / url.lstrip("/") if url.startswith("/") else stylesheet.parent / url
            used = [
                p for p in site.rglob("*.html") if f'class="{name}"><span class="organisation-logo">' in p.read_text()
            ]
            if used:
                shown.setdefault(site, set()).add(name)
                assert image.resolve().is_file(), (name, url, used[0])
    assert example not in shown
    assert shown[corpus] == {"logo-single", "logo-bis", "logo-ho", "logo-mod"}


def test_the_case_study_cards_are_sibling_headings(corpus: Path) -> None:
    html = (corpus / "digital/strategy/case-studies/index.html").read_text(encoding="utf-8")
    levels = re.findall(r'<h([1-6]) id="case-study[-0-9]*">Case study</h\1>', html)
    assert len(levels) == 10 and set(levels) == {"2"}, levels
