"""Web conventions of the built site: sitemap.xml, robots.txt, canonical URLs, Open Graph and Twitter card metadata,
feed discovery links, ``govpress serve`` under a base path, ``python -m govpress``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from govpress.pdf import allowed_file, write_pdf
from govpress.problems import GovpressError
from govpress.site.build import build_site
from govpress.site.legacy_html.base_links import rebased
from govpress.site.new import new_site
from govpress.site.report import BuildReport
from govpress.site.serve.preview import PreviewServer
from govpress.site.settings.config import load_config
from govpress.site.structure.describe import page_description
from support.golden import check_golden

GOLDEN = Path(__file__).parent / "golden" / "web"
REPO = Path(__file__).resolve().parents[2]
SITE = "https://www.harbourside.example/plan/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _project(folder: Path, settings: str = "") -> Path:
    """The example site, with ``settings`` added to its govpress.toml (before its first table)."""
    new_site(folder)
    project = folder
    toml = project / "govpress.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(settings + "\n" + text, encoding="utf-8")
    return project


def _built(tmp_path: Path, settings: str = "", name: str = "site") -> tuple[Path, BuildReport]:
    project = _project(tmp_path / f"{name}-project", settings)
    text = (project / "govpress.toml").read_text(encoding="utf-8")
    (project / "govpress.toml").write_text(text.replace('base_url = "/"\n', ""), encoding="utf-8")
    report = build_site(project, tmp_path / name)
    assert not report.errors, [str(p) for p in report.errors]
    return tmp_path / name, report


class _Head(HTMLParser):
    """The ``<meta>`` and ``<link>`` elements of a page, as attribute dictionaries."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")
        elif tag == "link":
            self.links.append(values)


def _head(page: Path) -> _Head:
    head = _Head()
    head.feed(page.read_text(encoding="utf-8"))
    return head


@pytest.fixture(scope="module")
def absolute_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built for an absolute base URL, with a description and an image to share."""
    settings = f'base_url = "{SITE}"\ndescription = "How Harbourside goes digital."\nsocial_image = "/assets/share.png"'
    out, _report = _built(tmp_path_factory.mktemp("absolute"), settings)
    return out


def test_the_sitemap_of_the_example(absolute_site: Path) -> None:
    check_golden(GOLDEN / "sitemap.xml", (absolute_site / "sitemap.xml").read_text(encoding="utf-8"))


def test_the_sitemap_lists_every_html_page_but_the_error_pages(absolute_site: Path) -> None:
    listed = [loc.text or "" for loc in ElementTree.parse(absolute_site / "sitemap.xml").iter(f"{SITEMAP}loc")]
    assert listed == sorted(listed)
    pages = set()
    for page in absolute_site.rglob("*.html"):
        relative = page.relative_to(absolute_site).as_posix()
        if relative not in ("404.html", "error.html"):
            pages.add(SITE + relative.removesuffix("index.html"))
    assert set(listed) == pages
    assert len(pages) > 50


def test_the_sitemap_is_reproducible_and_never_dated_by_the_copy_or_the_build(tmp_path: Path) -> None:
    """The example is outside git: its files' dates are when they were written, which the sitemap never shows."""
    first, _ = _built(tmp_path, f'base_url = "{SITE}"', "first")
    second, _ = _built(tmp_path, f'base_url = "{SITE}"', "second")
    assert (first / "sitemap.xml").read_bytes() == (second / "sitemap.xml").read_bytes()
    assert b"<lastmod>" not in (first / "sitemap.xml").read_bytes()


def _git(folder: Path, *arguments: str, date: str = "2024-03-05T10:00:00+00:00") -> None:
    environment = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    environment |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t"}
    environment |= {"GIT_COMMITTER_EMAIL": "t@x", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", *arguments], cwd=folder, env=environment, check=True, capture_output=True, timeout=30)


def test_lastmod_is_the_last_commit_of_the_pages_files(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "source" / "guide").mkdir(parents=True)
    (project / "source" / "guide" / "01-guide.md").write_text("# Guide\n\nText.\n", encoding="utf-8")
    (project / "source" / "other").mkdir()
    (project / "source" / "other" / "01-other.md").write_text("# Other\n\nText.\n", encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "source/guide")
    _git(project, "commit", "-q", "-m", "guide")
    _git(project, "add", "source/guide/01-guide.md")
    (project / "source" / "guide" / "01-guide.md").write_text("# Guide\n\nMore text.\n", encoding="utf-8")
    _git(project, "commit", "-q", "-am", "guide again", date="2025-06-07T23:30:00+01:00")
    build_site(project, tmp_path / "out")
    sitemap = (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<url><loc>/guide/</loc><lastmod>2025-06-07</lastmod></url>" in sitemap
    assert "<url><loc>/other/</loc></url>" in sitemap, "not committed: no date"


def test_robots_allows_all_and_names_the_sitemap(absolute_site: Path) -> None:
    robots = (absolute_site / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\nSitemap: {SITE}sitemap.xml\n"


def test_robots_under_a_path_base_cannot_name_the_sitemap_and_says_why(tmp_path: Path) -> None:
    out, _ = _built(tmp_path, 'base_url = "/plan/"')
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines()[:2] == ["User-agent: *", "Allow: /"]
    assert "Sitemap:" not in robots.replace("# Sitemap:", "")
    assert "/plan/sitemap.xml" in robots
    assert "<loc>/plan/digital/</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_a_draft_site_asks_not_to_be_indexed(tmp_path: Path) -> None:
    out, _ = _built(tmp_path, f'base_url = "{SITE}"\nallow_indexing = false')
    assert (out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    for page in (out / "index.html", out / "digital" / "index.html", out / "performance" / "index.html"):
        assert _head(page).meta["robots"] == "noindex, nofollow", page
    assert "robots" not in _head(_built(tmp_path, "", "indexed")[0] / "index.html").meta


def test_a_source_robots_txt_is_the_projects_own(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    (project / "source" / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    build_site(project, tmp_path / "out")
    assert (tmp_path / "out" / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /private/\n"
    assert (tmp_path / "out" / "sitemap.xml").is_file()


def test_a_page_has_its_canonical_url_and_shared_page_metadata(absolute_site: Path) -> None:
    head = _head(absolute_site / "digital" / "index.html")
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [f"{SITE}digital/"]
    first = "The Harbourside Digital Plan sets out how the council will make its services simple enough"
    assert head.meta["description"].startswith(first)
    assert head.meta["og:description"] == head.meta["twitter:description"] == head.meta["description"]
    assert head.meta["og:url"] == f"{SITE}digital/"
    assert head.meta["og:title"] == head.meta["twitter:title"] == "Services people choose to use online"
    assert head.meta["og:site_name"] == "Harbourside Digital Plan"
    assert head.meta["og:type"] == "website"
    assert head.meta["og:image"] == head.meta["twitter:image"] == f"{SITE}assets/share.png"
    assert head.meta["twitter:card"] == "summary_large_image"


def test_generated_pages_have_their_canonical_url_and_the_sites_description(absolute_site: Path) -> None:
    for relative, address in (
        ("performance/index.html", "performance/"),
        ("digital/strategy/commitments/index.html", "digital/strategy/commitments/"),
        ("index.html", ""),
    ):
        head = _head(absolute_site / relative)
        assert [link["href"] for link in head.links if link.get("rel") == "canonical"] == [SITE + address]
        assert head.meta["og:url"] == SITE + address
        assert head.meta["description"], relative
    assert _head(absolute_site / "performance" / "index.html").meta["description"] == "How Harbourside goes digital."
    for error_page in ("error.html", "404.html"):
        if (absolute_site / error_page).is_file():
            assert not [link for link in _head(absolute_site / error_page).links if link.get("rel") == "canonical"]
    dashboards = _head(absolute_site / "performance" / "dashboards" / "index.html")
    assert [link["href"] for link in dashboards.links if link.get("rel") == "canonical"] == [
        SITE + "performance/dashboards/"
    ]


def test_without_an_absolute_base_url_there_is_no_canonical_url_nor_image(tmp_path: Path) -> None:
    out, _ = _built(tmp_path, 'social_image = "/assets/share.png"')
    head = _head(out / "digital" / "index.html")
    assert not [link for link in head.links if link.get("rel") == "canonical"]
    assert "og:url" not in head.meta and "og:image" not in head.meta
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["og:title"] == "Services people choose to use online"


def test_every_page_links_to_the_sites_feed(absolute_site: Path) -> None:
    feed = "/plan/digital/quarterly-reports/feed.atom"
    assert (absolute_site / "digital" / "quarterly-reports" / "feed.atom").is_file()
    pages = list(absolute_site.rglob("*.html"))
    for page in pages:
        feeds = [link for link in _head(page).links if link.get("type") == "application/atom+xml"]
        assert [(f["rel"], f["href"], f["title"]) for f in feeds] == [
            ("alternate", feed, "Quarterly progress reports")
        ], page


def test_a_site_without_reports_has_no_feed_link(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "source" / "guide").mkdir(parents=True)
    (project / "source" / "guide" / "01-guide.md").write_text("# Guide\n\nText.\n", encoding="utf-8")
    build_site(project, tmp_path / "out")
    assert "application/atom+xml" not in (tmp_path / "out" / "guide" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('social_image = "share.png"', "social_image: expected a path of the site"),
        ('social_image = "//cdn.example/x.png"', "social_image: expected a path of the site"),
        ('allow_indexing = "no"', "allow_indexing: expected true or false"),
    ],
)
def test_wrong_web_settings_are_errors_at_their_line(tmp_path: Path, setting: str, message: str) -> None:
    (tmp_path / "govpress.toml").write_text(f'site_name = "x"\n{setting}\n', encoding="utf-8")
    with pytest.raises(GovpressError) as raised:
        load_config(tmp_path)
    assert message in str(raised.value)
    assert "govpress.toml:2" in str(raised.value)


@pytest.fixture
def preview_under_sub(tmp_path: Path) -> Iterator[PreviewServer]:
    project = _project(tmp_path / "project")
    server = PreviewServer(project, tmp_path / "out", base_url="/sub/")
    server.start(watch=False)
    try:
        yield server
    finally:
        server.stop()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_arguments: object, **_options: object) -> None:
        return None


def _answer(url: str) -> tuple[int, str, str]:
    """Status, Location and body of a GET, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return int(response.status), response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode()


def test_serve_serves_the_site_under_its_base_path(preview_under_sub: PreviewServer) -> None:
    assert preview_under_sub.url.endswith("/sub/")
    origin = preview_under_sub.url.removesuffix("/sub/")
    status, _, body = _answer(origin + "/sub/digital/")
    assert status == 200 and 'href="/sub/static/govpress/govpress.css"' in body
    assert _answer(origin + "/sub/static/govpress/govpress.css")[0] == 200
    assert _answer(origin + "/")[:2] == (301, "/sub/")
    assert _answer(origin + "/sub")[:2] == (301, "/sub/")
    assert _answer(origin + "/sub/digital")[:2] == (301, "/sub/digital/")
    status, _, body = _answer(origin + "/digital/")
    assert status == 404 and "Page not found" in body, "outside the base path nothing is served"
    assert _answer(origin + "/sub/no-such-page/")[0] == 404


def test_python_m_govpress_is_the_command(tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    helped = subprocess.run(
        [sys.executable, "-m", "govpress", "--help"], capture_output=True, text=True, env=environment, timeout=60
    )
    assert helped.returncode == 0, helped.stderr
    assert re.search(r"^\s+build\b", helped.stdout, re.MULTILINE) and re.search(r"^\s+serve\b", helped.stdout, re.M)
    rendered = subprocess.run(
        [sys.executable, "-m", "govpress", "render", "-"],
        input="##01 Introduction\n",
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert rendered.returncode == 0, rendered.stderr
    assert 'class="section-title" id="introduction"' in rendered.stdout
    failed = subprocess.run(
        [sys.executable, "-m", "govpress", "build", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert failed.returncode != 0 and "Traceback" not in failed.stderr


@pytest.mark.parametrize(
    ("written", "published"),
    [
        ('<a href="/digital/">x</a>', '<a href="/sub/digital/">x</a>'),
        ("<img src='/a.png' alt=\"\">", "<img src='/sub/a.png' alt=\"\">"),
        ("<form action=/search><input></form>", "<form action=/sub/search><input></form>"),
        (
            '<img srcset="/a.png 1x, b.png 2x,/c.png 3x" src="/a.png">',
            '<img srcset="/sub/a.png 1x, b.png 2x,/sub/c.png 3x" src="/sub/a.png">',
        ),
        (
            '<video poster="/p.jpg"><source src="/v.mp4"></video>',
            '<video poster="/sub/p.jpg"><source src="/sub/v.mp4"></video>',
        ),
        ('<A HREF="/up">', '<A HREF="/sub/up">'),
    ],
)
def test_site_paths_in_content_are_published_under_the_base_path(written: str, published: str) -> None:
    assert rebased(written, "/sub/") == published
    assert rebased(written, "/") == written


@pytest.mark.parametrize(
    "unchanged",
    [
        '<a href="//cdn.example/x">x</a> <a href="https://x.example/">y</a> <a href="#top">z</a> <a href="a/b">r</a>',
        '<p>write <code>&lt;a href="/x"&gt;</code> for a link</p>',
        '<script>var a = \'<a href="/y">\';</script><style>a[href="/z"] {}</style><!-- <a href="/c"> -->',
        '<a title="see href=\'/q\'" data-x="/not-a-link">x</a>',
    ],
)
def test_text_scripts_comments_and_other_links_are_left_as_written(unchanged: str) -> None:
    assert rebased(unchanged, "/sub/") == unchanged


def test_a_description_is_the_first_paragraph_that_reads_as_prose(tmp_path: Path) -> None:
    body = (
        '<p class="kicker">Case study</p><figure><p>Watch the video of this report about something long</p></figure>'
        "<details><summary>Transcript</summary><p>00:00 Hello, this is a transcript of more than ten words.</p>"
        "</details><p><a href='/a'>A link</a> and <a href='/b'>another link</a> and some words here</p>"
        '<p>The plan sets out how the council<sup id="fnref:1"><a href="#fn:1">1</a></sup> will make its'
        " services 3<sup>rd</sup> simple &amp; quick for everyone.</p>"
    )
    expected = "The plan sets out how the council will make its services 3rd simple & quick for everyone."
    assert page_description(body) == expected
    assert page_description("<p>Short one.</p>") == "Short one."
    assert page_description("<h1>No paragraph</h1>") is None
    long = "<p>" + " ".join(["word"] * 100) + "</p>"
    described = page_description(long)
    assert described is not None and len(described) <= 200 and described.endswith("word…")
    meta = tmp_path / "meta.html"
    meta.write_text('<title>T</title>\n<meta name="description" content="Written &amp; meant.">\n', encoding="utf-8")
    assert page_description(body, [tmp_path / "01.md", meta]) == "Written & meant."


def test_a_pdf_of_a_site_under_a_base_path_reads_the_sites_own_files(absolute_site: Path, tmp_path: Path) -> None:
    """The page names ``/plan/static/…``: the PDF reads ``OUT/static/…``, not ``/plan/…`` of the machine."""
    page = absolute_site / "digital" / "index.html"
    assert 'href="/plan/static/govpress/print.css"' in page.read_text(encoding="utf-8")
    read: list[Path] = []
    refused: list[str] = []
    base = page.parent.as_uri() + "/"
    write_pdf(
        page, tmp_path / "page.pdf", base_url=base, site_root=absolute_site, link_base=SITE, read=read, refused=refused
    )
    assert absolute_site / "static" / "govpress" / "print.css" in read
    assert absolute_site / "static" / "govpress" / "govpress.css" in read
    assert not refused
    assert allowed_file("file:///plan/static/govpress/print.css", absolute_site, [absolute_site], "/plan/") == (
        absolute_site / "static" / "govpress" / "print.css"
    )
    assert allowed_file("file:///plan/../../etc/passwd", absolute_site, [absolute_site], "/plan/") is None
