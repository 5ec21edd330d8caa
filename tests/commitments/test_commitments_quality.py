"""The commitments pages, written on their own, pass axe-core (WCAG 2.2 AA) and the Nu Html Checker.

The whole-site quality suites (``tests/quality``) check them again inside the built sites; these tests check them
as soon as they are generated (through the site's page generator hook, in the site's layout).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govpress.commitments.site import CommitmentsGenerator
from govpress.site.layout.templates import make_environment
from govpress.site.settings.config import SiteConfig
from govpress.site.structure.pages import Page, SiteContext
from govpress.site.write.assets import copy_static
from support.axe import AxeChecker
from support.site_checks import axe_violations, report, vnu_errors
from support.tools import validator_tools

OVERLAY = Path(__file__).parent.parent / "fixtures" / "commitments" / "legacy-overlay"


class OverlayConfig(SiteConfig):
    """The site's settings plus overlay data folders (until ``govpress.toml`` has a ``data_dirs`` key)."""

    data_dirs: tuple[str, ...] = ()


#: One page of each kind for axe-core (a browser is slow); vnu checks every page.
AXE_SAMPLE = (
    "digital/strategy/actions/01/index.html",
    "digital/strategy/actions/04/index.html",
    "digital/strategy/actions/index.html",
    "digital/strategy/organisations/index.html",
    "digital/strategy/organisations/department-for-communities-and-local-government/index.html",
    "digital/strategy/commitments/index.html",
    "digital/quarterly-reports/index.html",
    "digital/quarterly-reports/exemplars/index.html",
)


def _write(folder: Path, pages: list[Page], only: tuple[str, ...] | None = None) -> Path:
    for page in pages:
        if page.section:  # a fragment of a source page (the report's exemplars), checked in the built site
            continue
        if only is None or str(page.output) in only:
            path = folder / page.output
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(page.data())
    copy_static(folder)
    return folder


@pytest.fixture(scope="module")
def generated(corpus_dir: Path) -> list[Page]:
    """The commitments pages of the corpus (with the legacy reports overlay), in the site's layout."""
    config = OverlayConfig(data_dirs=(str(OVERLAY),))
    context = SiteContext(corpus_dir, corpus_dir / "source", config, make_environment(config, "Digital"), "Digital")
    pages = CommitmentsGenerator().generate(context)
    assert {str(page.output) for page in pages} >= set(AXE_SAMPLE)
    return pages


@pytest.fixture(scope="module")
def written(generated: list[Page], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield _write(tmp_path_factory.mktemp("commitments-pages"), generated)


@pytest.fixture(scope="module")
def sample(generated: list[Page], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield _write(tmp_path_factory.mktemp("commitments-sample"), generated, AXE_SAMPLE)


@pytest.mark.vnu
def test_pages_are_valid_html(written: Path) -> None:
    errors = vnu_errors(written, validator_tools())
    assert not errors, report("vnu errors in the commitments pages", errors)


@pytest.mark.browser
def test_pages_pass_axe(sample: Path, axe_checker: AxeChecker) -> None:
    violations = axe_violations(sample, axe_checker)
    assert not violations, report("axe-core violations in the commitments pages", violations)
