"""The commitments pages, written on their own, pass axe-core (WCAG 2.2 AA) and the Nu Html Checker.

The whole-site quality suites (``tests/quality``) check them again inside the built sites; these tests check them
as soon as they are generated (through the site's page generator hook, in the site's layout).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govpress.commitments.site import generate_pages
from govpress.site.assets import copy_static
from govpress.site.config import SiteConfig
from govpress.site.pages import SiteContext
from govpress.site.templates import make_environment
from support.axe import open_axe
from support.site_checks import axe_violations, report, vnu_errors
from support.tools import browser_tools, validator_tools

OVERLAY = Path(__file__).parent.parent / "fixtures" / "commitments" / "legacy-overlay"


class OverlayConfig(SiteConfig):
    """The site's settings plus overlay data folders (until ``govpress.toml`` has a ``data_dirs`` key)."""

    data_dirs: tuple[str, ...] = ()


@pytest.fixture(scope="module")
def written(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The commitments pages of the corpus, in the site's layout, with the site's static files beside them."""
    folder = tmp_path_factory.mktemp("commitments-pages")
    config = OverlayConfig(data_dirs=(str(OVERLAY),))
    context = SiteContext(corpus_dir, corpus_dir / "source", config, make_environment(config, "Digital"), "Digital")
    for page in generate_pages(context):
        path = folder / page.output
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.data())
    copy_static(folder)
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
