"""bench/cold_split.py: a cold build as a new process, search on or off, reports its wall time and the CPU time of
its own process and of its workers; the build folder's file system is named."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def cold_split() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("cold_split", BENCH / "cold_split.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


@pytest.mark.parametrize("search", [True, False])
def test_a_cold_build_reports_its_time_and_its_workers(cold_split: ModuleType, tmp_path: Path, search: bool) -> None:
    project = tmp_path / "site"
    cold_split.write_site(project, 12, per_section=6)
    (project / "_site").mkdir()
    (project / "_site" / "left.html").write_text("from an earlier build", encoding="utf-8")

    figures = cold_split.cold_build(project, search, 1, False)

    assert list(figures) == list(cold_split.FIGURES)
    assert figures["wall"] > 0 and figures["main user"] > 0
    assert all(value >= 0 for value in figures.values())
    assert f"search = {str(search).lower()}" in (project / "govpress.toml").read_text(encoding="utf-8").splitlines()
    assert (project / "_site" / "pagefind").is_dir() is search  # the setting reached the build
    assert not (project / "_site" / "left.html").exists()  # cold: the previous output went first


def test_the_build_folder_s_file_system_is_named(cold_split: ModuleType, tmp_path: Path) -> None:
    kind = cold_split.file_system(tmp_path)
    assert kind and " " not in kind
    if Path("/proc/mounts").is_file():
        assert kind != "unknown"
