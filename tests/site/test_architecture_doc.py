"""docs/architecture.md names every part of the code: each package of ``govpress`` and each stage folder of
``govpress.site``, so the map stays true when a folder is added."""

from __future__ import annotations

from pathlib import Path

import govpress

DOC = Path(__file__).parents[2] / "docs" / "architecture.md"
PACKAGE = Path(govpress.__file__).parent
NOT_CODE = {"templates", "static", "locale", "scaffold", "__pycache__"}


def _packages(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.is_dir() and p.name not in NOT_CODE and (p / "__init__.py").exists()
    )


def test_every_site_stage_folder_is_in_the_architecture_doc() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in _packages(PACKAGE / "site") if f"`site/{name}/`" not in text]
    assert not missing, f"docs/architecture.md does not say what these site/ folders hold: {missing}"


def test_every_package_is_in_the_architecture_doc() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in _packages(PACKAGE) if name != "site" and f"`{name}/`" not in text]
    assert not missing, f"docs/architecture.md does not say what these packages hold: {missing}"
