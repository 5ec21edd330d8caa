"""The commitments pages, written on their own, pass axe-core (WCAG 2.2 AA) and the Nu Html Checker.

The whole-site quality suites (``tests/quality``) check them again inside the built sites; these tests check them
as soon as they are generated, with the commitments' standalone layout when the site's layout is not there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govpress.commitments.legacy.load import load_legacy
from govpress.commitments.pages.generate import commitments_output
from govpress.commitments.reports.load import load_reports
from support.axe import open_axe
from support.site_checks import axe_violations, report, vnu_errors
from support.tools import browser_tools, validator_tools

OVERLAY = Path(__file__).parent.parent / "fixtures" / "commitments" / "legacy-overlay"


@pytest.fixture(scope="module")
def written(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("commitments-pages")
    output = commitments_output(load_legacy(corpus_dir), load_reports(corpus_dir, [OVERLAY]))
    for page in output.pages:
        path = folder / page.output_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.html, encoding="utf-8")
    yield folder


@pytest.mark.vnu
def test_pages_are_valid_html(written: Path) -> None:
    errors = vnu_errors(written, validator_tools())
    assert not errors, report("vnu errors in the commitments pages", errors)


@pytest.mark.browser
def test_pages_pass_axe(written: Path) -> None:
    with open_axe(browser_tools()) as checker:
        violations = axe_violations(written, checker)
    assert not violations, report("axe-core violations in the commitments pages", violations)
