"""Every case of every kramdown fixture file (``tests/fixtures/kramdown/*.md``) renders to its expected HTML.

The expected HTML is what the kramdown layer writes. Where the layer claims fidelity (every case whose
title does not say ``(differs from kramdown``), the same input rendered by ruby kramdown 2.4 must give
the same HTML once both are normalised: white space between tags, attribute order and ``<br>`` versus
``<br />`` are ignored; tags, attributes, text and entity names are compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.dialect.kramdown import kramdown_markdown
from govpress.dialect.registry import RenderContext
from support.fixtures import FixtureCase, files_missing_a_kind, read_fixture_dir
from support.kramdown_oracle import KramdownUnavailableError, normalise, render_with_kramdown

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "kramdown"
CASES = read_fixture_dir(FIXTURES)
DIFFERS = "(differs from kramdown"
FEATURES = {
    "atx_headings",
    "block_ial",
    "block_html",
    "toc",
    "auto_ids",
    "extensions",
    "footnotes",
    "tables",
    "typography",
    "definition_lists",
    "entities",
    "abbreviations",
}


def render(case: FixtureCase) -> str:
    return kramdown_markdown(RenderContext()).convert(case.source)


def test_every_feature_has_a_fixture_file() -> None:
    assert {path.stem for path in FIXTURES.glob("*.md")} >= FEATURES


def test_every_fixture_file_has_positive_negative_and_nesting_cases() -> None:
    assert {case.path for case in CASES} == set(FIXTURES.glob("*.md"))
    assert files_missing_a_kind(CASES) == []


@pytest.mark.parametrize("case", CASES, ids=[case.test_id for case in CASES])
def test_fixture(case: FixtureCase) -> None:
    assert render(case).strip() == case.expected.strip()


@pytest.mark.kramdown
def test_fixtures_agree_with_kramdown() -> None:
    claimed = [case for case in CASES if DIFFERS not in case.title]
    try:
        truth = render_with_kramdown([case.source for case in claimed])
    except KramdownUnavailableError as error:
        pytest.skip(f"SKIPPED: the kramdown oracle needs ruby-kramdown: {error}")
    differing = [
        case.test_id for case, html in zip(claimed, truth, strict=True) if normalise(html) != normalise(render(case))
    ]
    assert not differing, f"the layer differs from kramdown on: {differing}"
