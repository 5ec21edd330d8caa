"""Session fixtures of the quality suites: one browser for every page, the validator's tools."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.axe import AxeChecker, open_axe
from support.tools import ValidatorTools, browser_tools, validator_tools


@pytest.fixture(scope="session")
def axe_checker() -> Iterator[AxeChecker]:
    """axe-core in one chromium for the whole session (skips loudly without chromium or axe-core)."""
    with open_axe(browser_tools()) as checker:
        yield checker


@pytest.fixture(scope="session")
def vnu_tools() -> ValidatorTools:
    """Java and vnu.jar (skips loudly without them)."""
    return validator_tools()
