"""axe-core in Debian's chromium through Playwright: WCAG 2.2 A/AA violations of many pages.

One browser serves a whole test session (:func:`open_axe`); each page is loaded, axe-core is injected
from ``node_modules/axe-core/axe.min.js`` and run with the WCAG 2.0/2.1/2.2 A and AA tags. Requests
that leave the local server (fonts, analytics, video sites) are aborted, so the checks need no network.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from support.tools import BrowserTools

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.map((t) => String(t)), html: n.html})),
  }));
}"""


#: WCAG 1.4.10 Reflow, which axe-core does not test: at a 320 CSS pixel wide viewport nothing may make the whole
#: page scroll sideways (wide tables may scroll inside their own region). Returns the widest offending elements.
REFLOW_WIDTH = 320
_FIND_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.right > width + 1 && !element.parentElement.closest("[tabindex]")) wide.push(element);
  }
  const outermost = wide.filter((e) => !wide.includes(e.parentElement));
  const classes = (e) => (e.className ? "." + String(e.className).trim().split(/\\s+/).join(".") : "");
  const name = (e) => e.tagName.toLowerCase() + classes(e);
  return outermost.slice(0, 5).map((e) => ({target: name(e), html: e.outerHTML.slice(0, 120)}));
}"""


@dataclass(frozen=True)
class AxeViolation:
    """One rule broken on one element of one page."""

    page: str
    rule: str
    impact: str | None
    help: str
    target: tuple[str, ...]
    html: str

    def __str__(self) -> str:
        return f"{self.page}: {self.rule} ({self.impact}): {self.help}\n    at {' '.join(self.target)}: {self.html}"


class AxeChecker:
    """Runs axe-core on pages, in one browser context."""

    def __init__(self, context: Any, tools: BrowserTools) -> None:
        self._context = context
        self._axe = tools.axe_script.read_text(encoding="utf-8")

    def new_page(self) -> Any:
        """A new page in this checker's browser context (it loads local URLs only), for tests that drive a page."""
        return self._context.new_page()

    @property
    def browser(self) -> Any:
        """The running chromium, for tests that need a context of their own (Playwright's sync API allows one
        browser at a time, so they share this one)."""
        return self._context.browser

    def check(self, url: str) -> list[AxeViolation]:
        """The WCAG 2.2 A/AA violations of the page at ``url``: axe-core's, then govpress's reflow check."""
        page = self._context.new_page()
        try:
            page.goto(url, wait_until="load")
            return self.check_open(page, url)
        finally:
            page.close()

    def check_open(self, page: Any, url: str) -> list[AxeViolation]:
        """The violations of ``page`` as it is now (loaded from ``url``, maybe changed by a test since)."""
        page.add_script_tag(content=self._axe)
        found = page.evaluate(_RUN_AXE, list(AXE_TAGS))
        page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
        overflowing = page.evaluate(_FIND_OVERFLOW)
        violations = [
            AxeViolation(url, item["id"], item["impact"], item["help"], tuple(node["target"]), node["html"])
            for item in found
            for node in item["nodes"]
        ]
        reflow = "The page scrolls sideways at 320 CSS pixels (WCAG 1.4.10 Reflow)"
        violations += [AxeViolation(url, "reflow", "serious", reflow, (e["target"],), e["html"]) for e in overflowing]
        return violations


@contextmanager
def open_axe(tools: BrowserTools, allowed_origin: str = "http://127.0.0.1:") -> Iterator[AxeChecker]:
    """A running chromium with one context that only loads URLs starting with ``allowed_origin``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(tools.chromium), args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(java_script_enabled=True)
            context.route("**/*", lambda route: _local_only(route, allowed_origin))
            yield AxeChecker(context, tools)
        finally:
            browser.close()


def _local_only(route: Any, allowed_origin: str) -> None:
    if route.request.url.startswith(allowed_origin):
        route.continue_()
    else:
        route.abort()
