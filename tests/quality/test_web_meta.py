"""The Nu Html Checker finds no error in pages carrying every head element the web conventions add: canonical URL,
description, robots, Open Graph, Twitter card and feed discovery links (the example built for an absolute base URL,
with an image to share and indexing turned off)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.builds import build_site, new_site
from support.site_checks import report
from support.tools import ValidatorTools
from support.vnu import validate_html

SETTINGS = (
    'base_url = "https://www.harbourside.example/plan/"\n'
    'description = "How Harbourside goes digital."\n'
    'social_image = "/assets/share.png"\n'
    "allow_indexing = false\n"
)
PAGES = (
    "index.html",
    "digital/index.html",
    "digital/quarterly-reports/index.html",
    "digital/strategy/commitments/index.html",
    "performance/index.html",
)


@pytest.mark.vnu
def test_pages_with_every_web_convention_are_valid_html(tmp_path: Path, vnu_tools: ValidatorTools) -> None:
    project = new_site(tmp_path / "project")
    toml = project / "govpress.toml"
    toml.write_text(SETTINGS + toml.read_text(encoding="utf-8").replace('base_url = "/"\n', ""), encoding="utf-8")
    site = build_site(project, project / "_site")
    pages = [site / name for name in PAGES]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for element in ('rel="canonical"', 'property="og:image"', 'name="robots"', "application/atom+xml"):
            assert element in text, f"{page}: {element}"
    found = validate_html(pages, vnu_tools)
    assert not found, report("Nu Html Checker errors", found)
