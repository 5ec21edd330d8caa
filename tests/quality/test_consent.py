"""Analytics load only after consent: the example site with an ``analytics_id``, served on 127.0.0.1, in chromium.

Every request the browser makes is recorded. Before the reader accepts, none leaves 127.0.0.1; after "Accept analytics
cookies" (on the banner or on the cookies page) the page asks for Google's tag script, which the test answers itself
(the route is fulfilled locally: no network is needed). Rejecting loads nothing; without JavaScript the banner is a
link to the cookies page. axe-core and the Nu Html Checker check the cookies page and a page with the banner.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from support.axe import AxeChecker
from support.builds import build_site, new_site
from support.serve import Served, serve_folder
from support.tools import ValidatorTools
from support.vnu import validate_html

ANALYTICS_ID = "G-TEST12345"
TAG_URL = "https://www.googletagmanager.com/gtag/js"
TAG_SCRIPT = "window.govpressTestTagLoaded = true;"
HOME = "digital/"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example site with an analytics id, built and served on 127.0.0.1."""
    project = new_site(tmp_path_factory.mktemp("consent") / "example")
    settings = project / "govpress.toml"
    settings.write_text(f'analytics_id = "{ANALYTICS_ID}"\n' + settings.read_text("utf-8"), encoding="utf-8")
    out = build_site(project, project / "_site")
    with serve_folder(out) as site:
        yield site


@dataclass
class Recorder:
    """Every URL a browser context asked for; third-party requests answered locally (the tag) or refused."""

    local: str
    requests: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.local):
            route.continue_()
        elif url.startswith(TAG_URL):
            route.fulfill(status=200, content_type="text/javascript", body=TAG_SCRIPT)
        else:
            route.abort()

    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.local)]


@pytest.fixture
def browse(axe_checker: AxeChecker, served: Served) -> Iterator[Any]:
    """A function making a fresh browser context (no cookies) with a :class:`Recorder` on every request."""
    contexts: list[Any] = []

    def make(javascript: bool = True) -> tuple[Any, Recorder]:
        context = axe_checker.browser.new_context(java_script_enabled=javascript)
        recorder = Recorder(served.base_url)
        context.route("**/*", recorder.route)
        contexts.append(context)
        return context, recorder

    yield make
    for context in contexts:
        context.close()


def _consent_cookie(context: Any) -> str | None:
    return next((c["value"] for c in context.cookies() if c["name"] == "govpress_cookies_policy"), None)


def test_nothing_leaves_the_site_before_consent_and_the_tag_loads_after_accepting(browse: Any, served: Served) -> None:
    context, recorder = browse()
    page = context.new_page()
    for path in (HOME, "cookies/", "digital/strategy/", HOME):
        page.goto(served.base_url + path, wait_until="networkidle")
    assert len(recorder.requests) > 10
    assert recorder.outside() == [], "requests left 127.0.0.1 before consent"
    banner = page.locator("#govpress-cookie-banner")
    assert banner.is_visible()
    assert page.get_by_role("button", name="Reject analytics cookies").is_visible()
    with page.expect_request(lambda request: request.url.startswith(TAG_URL)) as tag:
        page.get_by_role("button", name="Accept analytics cookies").click()
    assert tag.value.url == f"{TAG_URL}?id={ANALYTICS_ID}"
    page.wait_for_function("window.govpressTestTagLoaded === true")  # the tag runs once its answer has arrived
    assert page.evaluate("window.govpressTestTagLoaded") is True
    assert page.evaluate("window.dataLayer.length") == 2  # gtag('js'), gtag('config', id)
    done = page.locator('[data-govpress-consent-done="accept"]')
    assert done.is_visible() and done.evaluate("element => element === document.activeElement")
    assert _consent_cookie(context) == "accept"
    page.get_by_role("button", name="Hide cookie message").click()
    assert not banner.is_visible()
    with page.expect_request(lambda request: request.url.startswith(TAG_URL)):
        page.goto(served.base_url + "digital/strategy/", wait_until="networkidle")
    assert not page.locator("#govpress-cookie-banner").is_visible()  # asked once only


def test_rejecting_loads_nothing_and_hides_the_banner_for_good(browse: Any, served: Served) -> None:
    context, recorder = browse()
    page = context.new_page()
    page.goto(served.base_url + HOME, wait_until="networkidle")
    page.get_by_role("button", name="Reject analytics cookies").click()
    assert page.locator('[data-govpress-consent-done="reject"]').is_visible()
    page.goto(served.base_url + "digital/strategy/", wait_until="networkidle")
    assert not page.locator("#govpress-cookie-banner").is_visible()
    assert _consent_cookie(context) == "reject"
    assert recorder.outside() == []


def test_the_cookies_page_form_saves_the_choice(browse: Any, served: Served) -> None:
    context, recorder = browse()
    page = context.new_page()
    page.goto(served.base_url + "cookies/", wait_until="networkidle")
    assert page.get_by_label("No").is_checked()
    assert not page.locator("#govpress-cookies-no-js").is_visible()
    page.get_by_label("Yes").check()
    with page.expect_request(lambda request: request.url.startswith(TAG_URL)):
        page.get_by_role("button", name="Save cookie settings").click()
    assert page.locator("#govpress-cookies-saved").is_visible()
    assert not page.locator("#govpress-cookie-banner").is_visible()
    assert _consent_cookie(context) == "accept"
    page.goto(served.base_url + "cookies/", wait_until="networkidle")
    assert page.get_by_label("Yes").is_checked()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Save cookie settings").click()
    assert _consent_cookie(context) == "reject"
    assert [url for url in recorder.outside() if not url.startswith(TAG_URL)] == []


def test_without_javascript_the_banner_links_to_the_cookies_page(browse: Any, served: Served) -> None:
    context, recorder = browse(javascript=False)
    page = context.new_page()
    page.goto(served.base_url + HOME, wait_until="networkidle")
    assert page.locator("#govpress-cookie-banner").is_visible()
    assert not page.get_by_role("button", name="Accept analytics cookies").is_visible()
    page.get_by_role("link", name="View cookies").click()
    page.wait_for_url(served.base_url + "cookies/")
    assert page.locator("#govpress-cookies-no-js").is_visible()
    assert not page.locator("#govpress-cookies-form").is_visible()
    assert recorder.outside() == []


def test_the_cookies_page_and_the_banner_pass_axe(axe_checker: AxeChecker, served: Served) -> None:
    found = [v for path in ("cookies/", HOME) for v in axe_checker.check(served.base_url + path)]
    assert not found, "\n".join(map(str, found))


@pytest.mark.vnu
def test_the_cookies_page_and_the_banner_are_valid_html(served: Served, vnu_tools: ValidatorTools) -> None:
    pages = [served.root / "cookies" / "index.html", served.root / HOME / "index.html"]
    assert all("govpress-cookie-banner" in page.read_text(encoding="utf-8") for page in pages)
    found = validate_html(pages, vnu_tools)
    assert not found, "\n".join(map(str, found))
