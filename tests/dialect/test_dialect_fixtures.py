"""Every case of every dialect fixture file (``tests/fixtures/dialect/*.md``) renders to its expected HTML.

Regenerate the expected HTML after a deliberate change with ``GOVPRESS_REGENERATE_FIXTURES=1 pytest
tests/dialect/test_dialect_fixtures.py`` and review the diff: nothing is rewritten without that flag.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from govpress.render import render_document, render_markdown
from support.fixtures import FixtureCase, files_missing_a_kind, read_fixture_dir

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dialect"
FIXED_TIME = datetime(2012, 11, 1, 0, 30, tzinfo=UTC)
LAST_ACTION = 14
PARTIALS = {
    "_greeting.md": "Hello from a *partial*.",
    "case-studies/_study.md": "##01 Study\nA case study.",
    "_box.html": '<div class="box"><p>raw *html*</p></div>',
    "_word.md": "word",
    "_outer.md": "Outer:\n\n{include inner.md}",
    "_inner.md": "Inner ^2^.",
}
CASES = read_fixture_dir(FIXTURES)
WHOLE_PAGES = {"page_outline"}  # rules of a whole page: each case is a document of one file (render_document)


@pytest.fixture
def fixture_source(tmp_path: Path) -> Path:
    """A source tree holding the partials the include fixtures use."""
    for name, text in PARTIALS.items():
        path = tmp_path / "partials" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_every_rule_has_a_fixture_file() -> None:
    names = {path.stem for path in FIXTURES.glob("*.md")}
    rules = {
        "includes",
        "department",
        "navigation",
        "section_headings",
        "action_headings",
        "figures",
        "class_shortcuts",
        "superscript",
        "page_break",
        "elements",
        "pdf_link",
        "timestamp",
        "characters",
        "link_repairs",
        "page_outline",
    }
    assert rules <= names


def test_every_fixture_file_has_positive_negative_and_nesting_cases() -> None:
    assert {case.path for case in CASES} == set(FIXTURES.glob("*.md"))
    assert files_missing_a_kind(CASES) == []


@pytest.mark.parametrize("case", CASES, ids=[case.test_id for case in CASES])
def test_fixture(case: FixtureCase, fixture_source: Path) -> None:
    if case.path.stem in WHOLE_PAGES:
        document = fixture_source / "page" / "01-page.md"
        document.parent.mkdir()
        document.write_text(case.source, encoding="utf-8")
        result = render_document([document], source_dir=fixture_source, timestamp=FIXED_TIME, last_action=LAST_ACTION)
    else:
        result = render_markdown(case.source, source_dir=fixture_source, timestamp=FIXED_TIME, last_action=LAST_ACTION)
    actual = result.html.strip()
    if os.environ.get("GOVPRESS_REGENERATE_FIXTURES") == "1":
        regenerate(case, actual)
        pytest.skip("regenerated")
    assert actual == case.expected.strip()


def regenerate(case: FixtureCase, actual: str) -> None:
    """Write ``actual`` as the expected output of ``case`` in its fixture file."""
    text = case.path.read_text(encoding="utf-8")
    old = f"{case.title}\n.\n{case.source}.\n{case.expected}\n.\n"
    new = f"{case.title}\n.\n{case.source}.\n{actual}\n.\n"
    case.path.write_text(text.replace(old, new, 1), encoding="utf-8")
