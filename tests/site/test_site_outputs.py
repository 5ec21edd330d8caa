"""Every published file, byte for byte: the corpus, the example (with every page generator) and the services explorer.

Each build's output is summed up as one line per file (``sha256  path``) and compared with the list kept in
``tests/site/golden/outputs/``. A change to the build's code that is meant to change no output (a restructuring)
must leave these lists as they are; a change that is meant to change output updates them, and the diff of the lists
shows which files it changed. Regenerate, after checking the differences, with
``GOVPRESS_REGENERATE_FIXTURES=1 pytest tests/site/test_site_outputs.py``.

Dates are pinned with ``SOURCE_DATE_EPOCH`` and no source here is in git, so the lists do not depend on when or where
the test runs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.site.build import build_site
from govpress.site.new import new_site

GOLDEN = Path(__file__).parent / "golden" / "outputs"
EPOCH = "1767225600"  # 1 January 2026
REGENERATE = os.environ.get("GOVPRESS_REGENERATE_FIXTURES") == "1"
SHOWN = 20  # differing files named in a failure


def manifest(folder: Path) -> str:
    """One line per file under ``folder``: its SHA-256 and its path, sorted by path."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    return "\n".join(lines) + "\n"


def _differences(expected: str, actual: str) -> list[str]:
    old, new = _by_path(expected), _by_path(actual)
    found = [f"missing: {p}" for p in sorted(old.keys() - new.keys())]
    found += [f"new: {p}" for p in sorted(new.keys() - old.keys())]
    found += [f"changed: {p}" for p in sorted(old.keys() & new.keys()) if old[p] != new[p]]
    return found


def _by_path(listing: str) -> dict[str, str]:
    pairs = (line.split("  ", 1) for line in listing.splitlines())
    return {path: digest for digest, path in pairs}


def check_manifest(name: str, folder: Path) -> None:
    """``folder``'s manifest equals the golden list ``name`` (written instead when regenerating)."""
    golden = GOLDEN / f"{name}.txt"
    actual = manifest(folder)
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"{golden} is missing: run with GOVPRESS_REGENERATE_FIXTURES=1 to write it")
    differences = _differences(golden.read_text(encoding="utf-8"), actual)
    shown = "\n".join(differences[:SHOWN]) + (
        f"\n… and {len(differences) - SHOWN} more" if len(differences) > SHOWN else ""
    )
    assert not differences, f"the {name} output differs from {golden.name} in {len(differences)} files:\n{shown}"


@pytest.fixture(autouse=True)
def _pinned_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_the_corpus_output_is_unchanged(corpus_dir: Path, tmp_path: Path) -> None:
    report = build_site(corpus_dir, tmp_path / "corpus")
    assert not report.errors
    check_manifest("corpus", tmp_path / "corpus")


def test_the_example_output_is_unchanged(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    report = build_site(project, tmp_path / "out")
    assert report.problems == ()
    check_manifest("example", tmp_path / "out")


def test_the_explorer_output_is_unchanged(shared_dir: Path, tmp_path: Path) -> None:
    services = shared_dir / "data" / "spotlight" / "assets" / "data" / "services.csv"
    database = tmp_path / "services.db"
    runner = CliRunner()
    imported = runner.invoke(cli, ["services", "import", str(services), "--db", str(database)])
    assert imported.exit_code == 0, imported.output
    built = runner.invoke(cli, ["services", "build", str(database), "-o", str(tmp_path / "explorer")])
    assert built.exit_code == 0, built.output
    check_manifest("explorer", tmp_path / "explorer")


def test_a_changed_file_is_named() -> None:
    before = "aa  a.html\nbb  b.html\ncc  c.html\n"
    after = "aa  a.html\nbx  b.html\ndd  d.html\n"
    assert _differences(before, after) == ["missing: c.html", "new: d.html", "changed: b.html"]
