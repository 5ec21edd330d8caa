"""A site built with ``--base-url /sub/`` works under ``/sub/``: every link, image, stylesheet, script, form, feed and
CSS ``url()`` of the output, served by ``govpress serve``'s HTTP server on 127.0.0.1 under ``/sub/``, resolves to a
file there, and none leaves ``/sub/`` for the host's root. The only links that do not resolve are the ones the build
itself reports as broken (the legacy corpus's own)."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from govpress.site.build import build_site
from govpress.site.new import new_site
from govpress.site.report import BuildReport
from govpress.site.serve.http_server import PreviewHTTPServer
from govpress.site.serve.state import BuildState

BASE = "/sub/"
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "data"})
CSS_URL = re.compile(r"url\(\s*[\"']?(?P<url>[^\"')]+)")
BROKEN = re.compile(r"broken link '(?P<url>[^']+)'")
# What a stylesheet may name that a site need not have: GOV.UK Frontend's fonts and images (copied only with
# govuk_brand = true, or the crown's images with brand.crest) and the crest images of the legacy `.logo-*` classes (a
# project's own assets).
OPTIONAL_IN_CSS = (
    BASE + "static/govuk-frontend/assets/fonts/",
    BASE + "static/govuk-frontend/assets/images/",
    BASE + "assets/images/crests/",
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.urls.append(value)
            elif name == "srcset":
                self.urls += [item.split()[0] for item in value.split(",") if item.strip()]


def page_address(out: Path, file: Path) -> str:
    """The address of an output file under the base path (a folder's ``index.html`` is the folder)."""
    relative = file.relative_to(out).as_posix()
    return BASE + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative)


def links_of(out: Path, optional: bool = True) -> dict[str, set[str]]:
    """Every same-site address the output's pages, feeds and stylesheets name, resolved: address → where named
    (without ``optional``: leaving out what a stylesheet may name that the site need not have)."""
    found: dict[str, set[str]] = {}
    for file in sorted(out.rglob("*")):
        if file.suffix not in (".html", ".atom", ".css") or not file.is_file():
            continue
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".html":
            parser = _Links()
            parser.feed(text)
            urls = parser.urls
        elif file.suffix == ".atom":
            urls = [link.get("href", "") for link in ElementTree.fromstring(text).iter("{*}link")]
        else:
            urls = [m.group("url").strip() for m in CSS_URL.finditer(text)]
        here = "http://site" + page_address(out, file)
        wanted = (lambda _address: True) if optional or file.suffix != ".css" else _needed
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != "site"):
                continue  # another site, mailto:, data:
            if not parts.path:
                continue  # a fragment of this page
            address = unquote(urlsplit(urljoin(here, url)).path)
            if wanted(address):
                found.setdefault(address, set()).add(file.relative_to(out).as_posix())
    return found


def _needed(address: str) -> bool:
    return not address.startswith(OPTIONAL_IN_CSS)


def file_for(out: Path, address: str) -> Path:
    path = out / address.removeprefix(BASE)
    return path / "index.html" if address.endswith("/") or path.is_dir() else path


def reported_broken(report: BuildReport, addresses: Iterable[str]) -> set[str]:
    """Those of ``addresses`` that the build warned are broken links: as published (under the base path), or as
    written relative to their page (``la-ida-review.pdf``: any address ending with it)."""
    written = {m.group("url") for p in report.warnings if (m := BROKEN.search(p.message))}
    return {a for a in addresses if a in written or any(a.endswith("/" + w) for w in written if "/" not in w)}


@pytest.fixture(scope="module")
def example_under_sub(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    project = tmp_path_factory.mktemp("example") / "project"
    new_site(project)
    (project / "govpress.toml").write_text(
        (project / "govpress.toml").read_text(encoding="utf-8").replace('base_url = "/"', 'base_url = "/sub/"'),
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("example-sub") / "_site"
    return out, build_site(project, out)


@pytest.fixture(scope="module")
def corpus_under_sub(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    out = tmp_path_factory.mktemp("corpus-sub") / "_site"
    return out, build_site(corpus_dir, out, base_url=BASE, jobs=2)


@pytest.fixture(params=["example_under_sub", pytest.param("corpus_under_sub", marks=pytest.mark.slow)])
def built(request: pytest.FixtureRequest) -> tuple[Path, BuildReport]:
    value = request.getfixturevalue(request.param)
    assert isinstance(value, tuple)
    return value


@pytest.fixture
def served(built: tuple[Path, BuildReport]) -> Iterator[str]:
    """The output folder served by the preview's HTTP server under ``/sub/``: its origin."""
    server = PreviewHTTPServer(("127.0.0.1", 0), built[0], BuildState(base_path=BASE), request_timeout=5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _status(url: str) -> int:
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_no_link_of_the_built_site_leaves_the_base_path(built: tuple[Path, BuildReport]) -> None:
    out, report = built
    assert not report.errors, [str(p) for p in report.errors]
    links = links_of(out)
    assert len(links) > 50, "the check found the site's links"
    escaping = {address: sorted(pages)[:3] for address, pages in links.items() if not address.startswith(BASE)}
    assert not escaping, f"links leaving {BASE}: {escaping}"


def test_every_link_resolves_on_disk_except_those_the_build_reports(built: tuple[Path, BuildReport]) -> None:
    out, report = built
    links = links_of(out)
    for kind in ("static/govuk-frontend/govuk-frontend.min.css", "static/govpress/govpress.css", "sitemap.xml"):
        assert BASE + kind in links or (out / kind).is_file()
    missing = {a for a in links_of(out, optional=False) if a.startswith(BASE) and not file_for(out, a).is_file()}
    unreported = missing - reported_broken(report, missing)
    assert not unreported, f"not found and not reported by the build: {sorted(unreported)}"


def test_every_link_is_served_under_the_base_path(built: tuple[Path, BuildReport], served: str) -> None:
    out, report = built
    links = links_of(out, optional=False)
    broken = reported_broken(report, links)
    wrong = {}
    for address in sorted(links):
        expected = 404 if address in broken else 200
        if (status := _status(served + address)) != expected:
            wrong[address] = status
    assert not wrong, f"statuses under {BASE}: {wrong}"
    assert _status(served + "/static/govpress/govpress.css") == 404, "nothing is served outside the base path"


def test_the_example_under_a_sub_path_has_every_kind_of_page(example_under_sub: tuple[Path, BuildReport]) -> None:
    out, _report = example_under_sub
    links = links_of(out)
    for address in (
        "/sub/performance/",  # the services explorer
        "/sub/digital/strategy/commitments/",  # the commitments matrix
        "/sub/digital/quarterly-reports/feed.atom",  # the reports feed
        "/sub/assets/",
    ):
        assert any(link.startswith(address) for link in links), address
    feed = (out / "digital/quarterly-reports/feed.atom").read_text(encoding="utf-8")
    assert 'href="/sub/digital/quarterly-reports/' in feed
