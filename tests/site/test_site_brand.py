"""Whose site it is: ``[brand]`` in ``govpress.toml``, no Crown marks unless asked, ``extra_css`` / ``extra_js``, and
bad settings as errors at their line."""

from __future__ import annotations

from pathlib import Path

import pytest

import govpress
from govpress.problems import GovpressError
from govpress.site.build import build_site
from govpress.site.new import new_site
from govpress.site.settings.config import load_config

# What would show the Crown: the words, the Royal Arms (GOV.UK Frontend draws it for this class, from govuk-crest.svg),
# the GOV.UK favicons and icons, the GDS Transport font.
CROWN_MARKS = (
    "Crown copyright",
    "govuk-footer__copyright-logo",
    "govuk-crest",
    "favicon.ico",
    "govuk-icon",
    "GDS Transport",
)
CROWN_FILES = ("govuk-crest.svg", "favicon.ico", "favicon.svg", "govuk-icon-mask.svg", "govuk-icon-180.png")
FRONTEND_IMAGES = Path(govpress.__file__).parent / "static" / "govuk-frontend" / "assets" / "images"
PAGE = "<h1>Hello</h1>\n\n<p>Hello.</p>\n"


def _project(folder: Path, settings: str | None = None) -> Path:
    """A one-page project (``settings``: its govpress.toml; ``None``: no such file)."""
    (folder / "source" / "hello").mkdir(parents=True)
    (folder / "source" / "hello" / "index.html").write_text(PAGE, encoding="utf-8")
    if settings is not None:
        (folder / "govpress.toml").write_text(settings, encoding="utf-8")
    return folder


def _page(out: Path, name: str = "hello/index.html") -> str:
    return (out / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``govpress new`` example, built."""
    project = tmp_path_factory.mktemp("brand") / "example"
    new_site(project)
    build_site(project, project / "_site")
    return project / "_site"


def test_the_example_shows_its_own_brand_and_no_crown_marks(example: Path) -> None:
    pages = sorted(example.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = [mark for mark in CROWN_MARKS if mark in html]
        assert not found, f"{page}: {found}"
        assert "Open Government Licence" not in html
        if "<footer" in html:
            assert '<span class="govpress-footer__copyright">© Harbourside Council</span>' in html
            assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
            assert '<link rel="icon" sizes="any" href="/assets/images/favicon.svg" type="image/svg+xml">' in html
            assert 'src="/assets/images/harbourside-logo.svg" alt="">Harbourside Council</a>' in html
    crown = {(FRONTEND_IMAGES / name).read_bytes() for name in CROWN_FILES}
    assert not [path for path in example.rglob("*") if path.is_file() and path.read_bytes() in crown]
    assert not [path for path in example.rglob("*") if path.suffix in (".woff", ".woff2")]
    for css in example.rglob("*.css"):
        assert "crown" not in css.read_text(encoding="utf-8").lower() or css.name == "govuk-frontend.min.css"
    assert (example / "assets" / "images" / "harbourside-logo.svg").is_file()


def test_the_example_has_no_cookie_banner_without_analytics(example: Path) -> None:
    assert not (example / "cookies").exists()
    assert not [p for p in example.rglob("*.html") if "cookie-banner" in p.read_text(encoding="utf-8")]


def test_a_site_with_analytics_gets_the_banner_and_the_cookies_page_and_no_tag(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", 'base_url = "/plan/"\nanalytics_id = "G-ABC123"\n')
    report = build_site(project, project / "_site")
    assert not report.problems
    cookies = _page(project / "_site", "cookies/index.html")
    assert (
        '<h1 class="govuk-heading-l">Cookies</h1>' in cookies
        and '<td class="govuk-table__cell">_ga_ABC123</td>' in cookies
    )
    assert (
        '<form class="govpress-cookies-form" id="govpress-cookies-form" action="/plan/cookies/" method="get" hidden>'
        in cookies
    )
    for page in sorted((project / "_site").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert "googletagmanager" not in html and "gtag(" not in html, page
        assert html.count('id="govpress-cookie-banner"') == 1, page
        assert '<script src="/plan/static/govpress/consent.js" data-analytics-id="G-ABC123"' in html, page
        assert '<a class="govuk-footer__link" href="/plan/cookies/">Cookies</a>' in html, page
    assert (project / "_site" / "static" / "govpress" / "consent.js").is_file()


def test_no_settings_file_keeps_the_legacy_govuk_footer(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    build_site(project, project / "_site")
    html = _page(project / "_site")
    assert "govuk-footer__copyright-logo" in html and "© Crown copyright</a>" in html
    assert "Open Government Licence v3.0</a>" in html and "govuk-footer__licence-logo" in html
    assert '<link rel="icon" sizes="48x48" href="/static/govuk-frontend/assets/images/favicon.ico">' in html
    assert (project / "_site" / "static" / "govuk-frontend" / "assets" / "images" / "govuk-crest.svg").is_file()
    assert "<header" not in html  # no organisation and no GOV.UK header, as before


def test_a_settings_file_without_brand_shows_no_owner_marks(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", 'site_name = "Plain"\n')
    build_site(project, project / "_site")
    html = _page(project / "_site")
    assert not [mark for mark in CROWN_MARKS if mark in html]
    assert 'rel="icon"' not in html and 'rel="license"' not in html and 'govuk-footer__meta-item">' not in html
    assert not (project / "_site" / "static" / "govuk-frontend" / "assets").exists()


def test_govuk_brand_gives_the_govuk_marks_and_an_empty_string_turns_one_off(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", 'govuk_brand = true\n[brand]\nlicence = ""\n')
    build_site(project, project / "_site")
    html = _page(project / "_site")
    assert "govuk-footer__copyright-logo" in html and "© Crown copyright</a>" in html
    assert "favicon.svg" in html and ">GOV.UK</a>" in html
    assert "Open Government Licence" not in html and "All content is available" not in html


def test_explicit_settings_ask_for_the_royal_arms_and_a_crest_image(tmp_path: Path) -> None:
    settings = '[brand]\ncrest = "royal-arms"\ncopyright = "© Crown copyright"\nfavicon = "govuk"\n'
    project = _project(tmp_path / "p", settings)
    build_site(project, project / "_site")
    html = _page(project / "_site")
    assert '<span class="govpress-footer__copyright govuk-footer__copyright-logo">© Crown copyright</span>' in html
    assert (project / "_site" / "static" / "govuk-frontend" / "assets" / "images" / "govuk-crest.svg").is_file()
    other = _project(tmp_path / "q", "")
    (other / "assets").mkdir()
    (other / "assets" / "crest.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    settings = (
        'organisation = "Anytown"\n[brand]\ncrest = "assets/crest.png"\ncopyright = "© Anytown"\n'
        'copyright_url = "https://anytown.example/copyright"\nlicence = "Anytown Licence"\n'
    )
    (other / "govpress.toml").write_text(settings, encoding="utf-8")
    build_site(other, other / "_site")
    html = _page(other / "_site")
    crest = '<img class="govpress-footer__crest" src="/assets/crest.png" alt="">'
    assert f'<a class="govuk-footer__link" href="https://anytown.example/copyright">{crest}© Anytown</a>' in html
    assert "available under the Anytown Licence, except" in html and "govuk-footer__licence-logo" not in html
    assert "govuk-crest" not in html


def test_extra_css_and_js_are_linked_on_every_page_under_the_base_url(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", "")
    (project / "source" / "hello" / "more").mkdir()
    (project / "source" / "hello" / "more" / "index.html").write_text(PAGE, encoding="utf-8")
    (project / "assets" / "css").mkdir(parents=True)
    (project / "assets" / "css" / "site.css").write_text("body { color: black; }\n", encoding="utf-8")
    (project / "assets" / "site.js").write_text("console.log('hi');\n", encoding="utf-8")
    (project / "assets" / "site one.mjs").write_text("export {};\n", encoding="utf-8")
    settings = 'base_url = "/plan/"\nextra_css = ["assets/css/site.css"]\n'
    settings += 'extra_js = ["assets/site.js", "assets/site one.mjs"]\n'
    (project / "govpress.toml").write_text(settings, encoding="utf-8")
    report = build_site(project, project / "_site")
    assert not report.warnings
    pages = sorted((project / "_site").rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<link rel="stylesheet" href="/plan/assets/css/site.css">\n</head>' in html, page
        assert '<script src="/plan/assets/site.js" defer></script>' in html, page
        assert '<script src="/plan/assets/site%20one.mjs" type="module"></script>' in html, page


@pytest.mark.parametrize(
    ("settings", "line", "message"),
    [
        ('site_name = "x"\n[brand]\nlogo = "assets/logo.svg"\n', 3, "brand.logo: 'assets/logo.svg': no such file"),
        ('[brand]\nfavicon = "../outside.svg"\n', 2, "brand.favicon: '../outside.svg' leads outside the project"),
        ('[brand]\ncrest = "/etc/crest.png"\n', 2, "brand.crest: '/etc/crest.png' is an absolute path"),
        ('[brand]\nlogo = "source/hello/index.html"\n', 2, "is not inside the assets folder 'assets'"),
        ('[brand]\nlogo = "assets/notes.txt"\n', 2, "brand.logo: 'assets/notes.txt' is not a .svg or .png"),
        ('[brand]\nfavicon = "assets/logo.gif"\n', 2, "is not a .svg or .png or .ico file"),
        (
            '\n[brand]\nlicence_url = "javascript:alert(1)"\n',
            3,
            "licence_url: expected an http:// or https:// URL",
        ),
        ('[brand]\ncopyright_url = "https://x.example/a b"\n', 2, "brand.copyright_url: expected a URL without spaces"),
        ('[brand]\n\nlicence_url = "https://x.example/l"\n', 3, "brand.licence_url: no licence is shown to link"),
        ('govuk_brand = true\n[brand]\ncopyright = ""\ncopyright_url = "https://x.example"\n', 4, "no copyright is"),
        ('[brand]\nlogo = "assets/' + "a" * 300 + '.svg"\n', 2, ".svg' cannot be read: File name too long"),
        ('[brand]\ncolour = "blue"\n', 2, "unknown key 'brand.colour' (known keys: copyright, copyright_url, crest,"),
        ("[brand]\nlogo = true\n", 2, "brand.logo: expected a string, found the boolean true"),
        (
            'site_name = "x"\n\nextra_css = ["assets/missing.css"]\n',
            3,
            "extra_css.0: 'assets/missing.css': no such",
        ),
        ('extra_js = ["assets/notes.txt"]\n', 1, "extra_js.0: 'assets/notes.txt' is not a .js or .mjs file"),
        ('extra_css = "assets/a.css"\n', 1, "extra_css: expected an array, found the string"),
    ],
)
def test_a_bad_brand_or_asset_setting_is_an_error_at_its_line(
    tmp_path: Path, settings: str, line: int, message: str
) -> None:
    project = _project(tmp_path / "p", settings)
    (project / "assets").mkdir()
    (project / "assets" / "notes.txt").write_text("x", encoding="utf-8")
    (project / "assets" / "logo.gif").write_bytes(b"GIF89a")
    with pytest.raises(GovpressError) as raised:
        load_config(project)
    [problem] = raised.value.problems
    assert problem.path == str(project / "govpress.toml")
    assert problem.line == line
    assert message in problem.message, problem.message


def test_a_symbolic_link_out_of_the_assets_is_refused_for_a_logo(tmp_path: Path) -> None:
    outside = tmp_path / "logo.svg"
    outside.write_text("<svg/>", encoding="utf-8")
    project = _project(tmp_path / "p", '[brand]\nlogo = "assets/logo.svg"\n')
    (project / "assets").mkdir()
    (project / "assets" / "logo.svg").symlink_to(outside)
    with pytest.raises(GovpressError) as raised:
        load_config(project)
    [problem] = raised.value.problems
    assert problem.line == 2 and "leads outside the project folder" in problem.message
