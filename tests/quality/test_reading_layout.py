"""What readers see at 1280 and 375 CSS pixels, measured in chromium (issue #11's browser review).

Figures in tables never break over lines; the commitments matrix shows every action on a desktop and scrolls in
its own region on a phone, with its words whole and a visible cue; crests sit above organisation names, not on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support.axe import AxeChecker
from support.serve import Served, serve_folder

DESKTOP, PHONE = 1280, 375
MATRIX = "digital/strategy/commitments/index.html"

#: The pieces of text matching ``pattern`` inside table cells that the browser laid out over more than one line.
_BROKEN = """(pattern) => {
  const broken = [];
  for (const cell of document.querySelectorAll("main td, main th")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const found of node.data.matchAll(new RegExp(pattern, "g"))) {
        const range = document.createRange();
        range.setStart(node, found.index);
        range.setEnd(node, found.index + found[0].length);
        const lines = new Set([...range.getClientRects()].map((box) => Math.round(box.top)));
        if (lines.size > 1) broken.push(found[0]);
      }
    }
  }
  return broken;
}"""
#: Regular expressions (JavaScript's), passed to the page as values: a figure, and a word of two characters or more.
FIGURE = r"[£$€]?\d[\d,.]*\d(?:%|bn|m|k)?"
WORD = r"\S{2,}"

#: The matrix's region: its widths, the page's, its cue and how many action headings are inside its visible box.
_MATRIX = """() => {
  const region = document.querySelector(".table-scroll");
  const box = region.getBoundingClientRect();
  const headings = [...region.querySelectorAll("thead th a")];
  const visible = headings.filter((a) => a.getBoundingClientRect().right <= box.right + 1).length;
  return {scroll: region.scrollWidth, client: region.clientWidth, page: document.documentElement.scrollWidth,
          viewport: document.documentElement.clientWidth, actions: headings.length, visible: visible,
          cue: getComputedStyle(region).backgroundImage};
}"""

#: Each crest's drawn height (from its background size and the image's own shape) and the room above the name.
_CRESTS = """async () => {
  const found = [];
  for (const span of document.querySelectorAll(".organisation-logo span")) {
    const style = getComputedStyle(span);
    const url = style.backgroundImage.match(/url\\("?(.*?)"?\\)/);
    if (!url) continue;
    const image = new Image();
    image.src = url[1];
    await image.decode();
    const [width, height] = style.backgroundSize.split(" ");
    const drawn = height && height !== "auto" ? parseFloat(height)
      : width && width !== "auto" ? parseFloat(width) * image.naturalHeight / image.naturalWidth : image.naturalHeight;
    found.push({name: span.textContent.trim(), drawn: drawn, room: parseFloat(style.paddingTop)});
  }
  return found;
}"""


@pytest.fixture(scope="module")
def corpus(corpus_site: Path) -> Iterator[Served]:
    with serve_folder(corpus_site) as served:
        yield served


@pytest.fixture(scope="module")
def example(example_site: Path) -> Iterator[Served]:
    with serve_folder(example_site) as served:
        yield served


def _evaluate(checker: AxeChecker, url: str, width: int, script: str, argument: Any = None) -> Any:
    page = checker.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    try:
        page.goto(url, wait_until="load")
        return page.evaluate(script, argument) if argument is not None else page.evaluate(script)
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize(
    ("site", "path"),
    [
        ("corpus", "digital/efficiency/index.html"),
        ("corpus", "digital/research/index.html"),
        ("corpus", MATRIX),
        ("example", "performance/high-volume-services/by-name/ascending.html"),
        ("example", "performance/departments/by-department/ascending.html"),
        ("example", "performance/savings/index.html"),
    ],
)
def test_no_figure_breaks_over_lines_on_a_phone(
    request: pytest.FixtureRequest, axe_checker: AxeChecker, site: str, path: str
) -> None:
    served: Served = request.getfixturevalue(site)
    url = served.url_for(served.root / path)
    assert _evaluate(axe_checker, url, PHONE, _BROKEN, FIGURE) == []


@pytest.mark.browser
@pytest.mark.slow
def test_the_matrix_shows_every_action_on_a_desktop(corpus: Served, axe_checker: AxeChecker) -> None:
    found = _evaluate(axe_checker, corpus.url_for(corpus.root / MATRIX), DESKTOP, _MATRIX)
    assert found["actions"] == 14
    assert found["visible"] == 14, found
    assert found["scroll"] <= found["client"], found


@pytest.mark.browser
@pytest.mark.slow
def test_the_matrix_scrolls_in_its_region_on_a_phone_with_words_whole(corpus: Served, axe_checker: AxeChecker) -> None:
    url = corpus.url_for(corpus.root / MATRIX)
    found = _evaluate(axe_checker, url, PHONE, _MATRIX)
    assert found["page"] <= found["viewport"], found
    assert found["scroll"] > found["client"], found
    assert "gradient" in found["cue"], found
    assert _evaluate(axe_checker, url, PHONE, _BROKEN, WORD) == []


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_crests_sit_above_the_names(corpus: Served, axe_checker: AxeChecker, width: int) -> None:
    url = corpus.url_for(corpus.root / "digital/strategy/actions/05/index.html")
    crests = _evaluate(axe_checker, url, width, _CRESTS)
    assert len(crests) == 18
    assert [c for c in crests if c["drawn"] > c["room"]] == []
