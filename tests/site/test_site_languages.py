"""Sites in Welsh and in two languages (docs/languages.md): ``language = "cy"`` leaves no English interface text on
the pages (every message of the catalogue is checked against each page's text), dates are written in Welsh, and the
bilingual example links each page to its other version both ways (switcher and ``hreflang`` alternates)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

import pytest
from babel.messages.pofile import read_po

from govpress.i18n import LOCALE_DIR
from govpress.problems import GovpressError
from govpress.site.build import build_site
from govpress.site.layout.not_found import NotFoundGenerator
from govpress.site.new import new_site
from govpress.site.settings.config import load_config
from govpress.site.structure.languages import SiteLanguages, alternates, language_name
from support.welsh import page_text, welsh_example

EPOCH = "1764547200"  # 1 December 2025
SCAFFOLD_WELSH = Path(__file__).resolve().parents[2] / "src" / "govpress" / "scaffold" / "source" / "cy"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")
QUOTE = "\u2019"  # the apostrophe of Welsh text
WORD_EDGE = rf"[\w{QUOTE}']"


def english_fragments() -> set[str]:
    """The English text of every message the Welsh catalogue translates differently: each run of words between its
    tags and placeholders (a run of one word only when it is the whole message)."""
    with (LOCALE_DIR / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    fragments: set[str] = set()
    for message in catalog:
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string or ())
        for english in ids:
            if not english or english in strings:
                continue
            text = page_text(PLACEHOLDER.sub("\0", english.replace("%%", "%")))
            runs = [" ".join(run.split()) for run in text.split("\0")]
            fragments |= {run for run in runs if re.search(r"[A-Za-z]{2}", run) and (" " in run or run == text)}
    return fragments


def _welsh_project(tmp_path: Path) -> Path:
    """A site all in Welsh: the example's Welsh tree as its whole source, with ``language = "cy"`` and the GOV.UK
    brand (so its footer has the Crown copyright and the Open Government Licence, whose names are interface text)."""
    project = tmp_path / "cymraeg"
    shutil.copytree(SCAFFOLD_WELSH, project / "source")
    settings = 'site_name = "Cynllun Digidol"\nlanguage = "cy"\ngovuk_brand = true\n'
    (project / "govpress.toml").write_text(settings, encoding="utf-8")
    return project


def _dated(meta: Path) -> None:
    """The page of ``meta`` (a ``meta.html``) last updated on 1 December 2025: outside git, it has no other date."""
    meta.write_text(meta.read_text("utf-8") + '<meta name="dcterms.modified" content="2025-12-01">\n', "utf-8")


@pytest.fixture
def welsh_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = _welsh_project(tmp_path)
    _dated(project / "source" / "digital" / "strategy" / "meta.html")
    report = build_site(project, tmp_path / "out", generators=[NotFoundGenerator()])
    assert report.problems == (), [str(p) for p in report.problems]
    return {
        p.relative_to(tmp_path / "out").as_posix(): p.read_text("utf-8") for p in (tmp_path / "out").rglob("*.html")
    }


def test_a_welsh_site_has_no_english_interface_text(welsh_site: dict[str, str]) -> None:
    fragments = english_fragments()
    assert {"Skip to main content", "Last updated", "Page not found", "Menu"} <= fragments
    assert {"digital/index.html", "digital/strategy/index.html", "404.html", "index.html"} <= set(welsh_site)
    for name, html in welsh_site.items():
        assert '<html lang="cy"' in html, name
        text = page_text(html)
        left = sorted(f for f in fragments if re.search(rf"(?<!{WORD_EDGE}){re.escape(f)}(?!{WORD_EDGE})", text))
        assert left == [], f"{name} still shows English interface text: {left}"
    assert f"Neidio i{QUOTE}r prif gynnwys" in welsh_site["404.html"]
    assert f"Heb ddod o hyd i{QUOTE}r dudalen" in welsh_site["404.html"]
    assert "Hawlfraint y Goron" in welsh_site["digital/strategy/index.html"]
    licence = rf"Mae{QUOTE}r holl gynnwys ar gael dan y <a [^>]*>Drwydded Llywodraeth Agored v3\.0</a>"
    licence += ", oni nodir yn wahanol"
    assert re.search(licence, welsh_site["digital/strategy/index.html"])


def test_dates_on_a_welsh_page_are_in_welsh(welsh_site: dict[str, str]) -> None:
    page = welsh_site["digital/strategy/index.html"]
    assert 'Diweddarwyd ddiwethaf <time datetime="2025-12-01">1 Rhagfyr 2025</time>' in page


def test_an_english_page_keeps_english_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    new_site(tmp_path / "example")
    _dated(tmp_path / "example" / "source" / "digital" / "strategy" / "meta.html")
    build_site(tmp_path / "example", tmp_path / "out", generators=())
    page = (tmp_path / "out" / "digital" / "strategy" / "index.html").read_text("utf-8")
    assert 'Last updated <time datetime="2025-12-01">1 December 2025</time>' in page


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site (English and Welsh), built under a sub-path."""
    folder = tmp_path_factory.mktemp("bilingual")
    new_site(folder / "example")
    build_site(folder / "example", folder / "out", generators=(), base_url="/plan/")
    return folder / "out"


def _read(out: Path, name: str) -> str:
    return (out / name).read_text("utf-8")


def test_the_bilingual_example_switches_language_both_ways(bilingual: Path) -> None:
    english, welsh = _read(bilingual, "digital/strategy/index.html"), _read(bilingual, "cy/digital/strategy/index.html")
    assert '<html lang="en"' in english and '<html lang="cy"' in welsh
    to_welsh = '<a class="govuk-link" href="/plan/cy/digital/strategy/" hreflang="cy" lang="cy" rel="alternate">Cymraeg'
    to_english = '<a class="govuk-link" href="/plan/digital/strategy/" hreflang="en" lang="en" rel="alternate">English'
    assert to_welsh in english and to_english in welsh
    assert '<span aria-current="true" lang="en">English</span>' in english
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in welsh
    for page in (english, welsh):
        assert '<link rel="alternate" hreflang="en" href="/plan/digital/strategy/">' in page
        assert '<link rel="alternate" hreflang="cy" href="/plan/cy/digital/strategy/">' in page


def test_a_welsh_page_has_the_welsh_trees_navigation_and_breadcrumbs(bilingual: Path) -> None:
    welsh = _read(bilingual, "cy/digital/strategy/index.html")
    header = welsh.split("<main", 1)[0]
    assert 'class="govuk-service-navigation__link" href="/plan/cy/digital/"' in header
    assert 'href="/plan/digital/"' not in header.replace('hreflang="en"', ""), "no English section in its header"
    crumbs = re.findall(r'govuk-breadcrumbs__link" href="([^"]+)"', welsh)
    assert crumbs == ["/plan/cy/digital/"]
    assert "Cynllun Digidol Glan yr Harbwr" in header, "its site name comes from its own tree"


def test_a_page_in_one_language_only_has_no_switcher(bilingual: Path) -> None:
    report = _read(bilingual, "digital/quarterly-reports/spring-26/index.html")
    assert "govpress-language-switcher" not in report and "hreflang" not in report
    index = _read(bilingual, "index.html")
    assert 'href="/plan/cy/"' not in index, "the Welsh tree is not one of the English site's sections"


def test_language_urls() -> None:
    languages = SiteLanguages("en", ("cy",))
    assert languages.of_url("/cy/digital/") == "cy"
    assert languages.of_url("/cymru/") == "en"
    assert languages.url_in("/digital/strategy/", "cy") == "/cy/digital/strategy/"
    assert languages.url_in("/cy/digital/strategy/", "en") == "/digital/strategy/"
    assert alternates("/a/", languages, {"/b/"}, "/") == [], "no other version: no switcher"
    found = alternates("/cy/a/", languages, {"/a/"}, "/x/")
    assert [(a["language"], a["href"], a["current"]) for a in found] == [
        ("en", "/x/a/", False),
        ("cy", "/x/cy/a/", True),
    ]
    assert (language_name("cy"), language_name("en-GB"), language_name("fr")) == ("Cymraeg", "English", "Français")
    whole = alternates("/a/", languages, {"/cy/a/"}, "/plan/", "https://example.gov.uk/plan/")
    assert [(a["href"], a["address"]) for a in whole] == [
        ("/plan/a/", "https://example.gov.uk/plan/a/"),
        ("/plan/cy/a/", "https://example.gov.uk/plan/cy/a/"),
    ]


def test_languages_must_include_the_sites_language(tmp_path: Path) -> None:
    (tmp_path / "govpress.toml").write_text('language = "cy"\nlanguages = ["en", "fr"]\n', encoding="utf-8")
    with pytest.raises(GovpressError) as raised:
        load_config(tmp_path)
    problem = raised.value.problems[0]
    assert (problem.line, "must include the site's language") == (2, "must include the site's language")
    assert "must include the site's language ('cy'" in problem.message


def test_the_example_welsh_tree_mirrors_english_pages() -> None:
    english = SCAFFOLD_WELSH.parent
    for page in (p for p in SCAFFOLD_WELSH.rglob("*") if p.is_file()):
        mirror = english / PurePosixPath(page.relative_to(SCAFFOLD_WELSH).as_posix())
        assert mirror.is_file(), f"{page} has no English page at {mirror}"


def test_the_generated_pages_of_a_welsh_site_are_in_welsh(tmp_path: Path) -> None:
    """The example as a Welsh-only site: the commitments pages' titles, breadcrumbs and links come from the catalogue,
    and so does the header's link to the performance explorer (the content and data stay as written)."""
    project = tmp_path / "example"
    welsh_example(project)
    report = build_site(project, tmp_path / "out")
    assert report.problems == (), [str(p) for p in report.problems]
    pages = {
        p.relative_to(tmp_path / "out").as_posix(): p.read_text("utf-8") for p in (tmp_path / "out").rglob("*.html")
    }
    assert all('<html lang="cy"' in html for html in pages.values())
    actions = page_text(pages["digital/strategy/actions/index.html"])
    assert "Camau gweithredu - Harbourside Digital Plan" in actions, "the page title"
    assert "Perfformiad gwasanaethau" in actions, "the header's link to the explorer"
    action = page_text(pages["digital/strategy/actions/01/index.html"])
    assert "Cam gweithredu 01: sut mae sefydliadau" in action and "Pob ymrwymiad fel JSON" in action
    matrix = page_text(pages["digital/strategy/commitments/index.html"])
    assert "Ymrwymiadau: camau gweithredu a sefydliadau" in matrix and "Wedi ymateb" in matrix
    for english in ("Skip to main content", "All commitments as JSON", "Responded", "Open data", "Last updated"):
        assert not any(english in page_text(html) for html in pages.values()), english


def test_a_welsh_sites_home_crumb_is_hafan(welsh_site: dict[str, str]) -> None:
    crumbs = re.findall(r'govuk-breadcrumbs__link" href="([^"]+)">([^<]*)<', welsh_site["digital/strategy/index.html"])
    assert crumbs[0] == ("/", "Hafan")


CHART = "# Figures\n\n|Year|Spend| |\n|-|-|-|\n|2012|1|2|\n|2013|3|4|\n{: .horizontal-bar-chart}\n"
KEY = re.compile(r'class="mc-key-item[^"]*"><span[^>]*></span>([^<]*)</li>')


def test_a_charts_unnamed_series_is_named_in_the_pages_language(tmp_path: Path) -> None:
    """A chart's key names a series its header leaves blank "Series 2" on an English page and "Cyfres 2" on a Welsh
    one (the page's language, not the site's), and a change of the site's language renders the page again (the
    language is part of a rendered body's cache key: a kept body would keep its English)."""
    project, out = tmp_path / "example", tmp_path / "out"
    new_site(project)
    for tree in (project / "source", project / "source" / "cy"):
        (tree / "digital" / "figures").mkdir(parents=True)
        (tree / "digital" / "figures" / "01-figures.md").write_text(CHART, "utf-8")
    build_site(project, out, generators=())
    assert KEY.findall(_read(out, "digital/figures/index.html")) == ["Spend", "Series 2"]
    assert KEY.findall(_read(out, "cy/digital/figures/index.html")) == ["Spend", "Cyfres 2"]
    settings = project / "govpress.toml"
    welsh = settings.read_text("utf-8").replace('language = "en"\nlanguages = ["en", "cy"]\n', 'language = "cy"\n')
    settings.write_text(welsh, "utf-8")
    shutil.rmtree(project / "source" / "cy")
    build_site(project, out, generators=())
    assert KEY.findall(_read(out, "digital/figures/index.html")) == ["Spend", "Cyfres 2"]
