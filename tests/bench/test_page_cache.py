"""bench/page_cache.py: the page cache emptied before a timed cold build only when asked, and a clear stop when it
cannot be."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "page_cache.py"


@pytest.fixture
def page_cache() -> ModuleType:
    spec = importlib.util.spec_from_file_location("page_cache", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.pop("page_cache", None)
    spec.loader.exec_module(module)
    return module


def test_the_option_is_off_unless_given(page_cache: ModuleType) -> None:
    parser = argparse.ArgumentParser()
    page_cache.add_option(parser)
    assert parser.parse_args([]).drop_caches is False
    assert parser.parse_args(["--drop-caches"]).drop_caches is True


@pytest.mark.parametrize(("asked", "written"), [(False, None), (True, "1\n")])
def test_it_writes_1_to_the_kernel_file_only_when_asked(
    page_cache: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, asked: bool, written: str | None
) -> None:
    target = tmp_path / "drop_caches"
    monkeypatch.setattr(page_cache, "DROP_CACHES", target)
    page_cache.drop_page_cache(asked)
    found = target.read_text(encoding="ascii") if target.exists() else None
    assert found == written  # "1": the page cache only, not the dentries and inodes ("2")


def test_it_stops_with_a_clear_message_when_it_cannot(
    page_cache: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_cache, "DROP_CACHES", tmp_path / "missing" / "drop_caches")
    with pytest.raises(SystemExit, match=r"--drop-caches: cannot write .*drop_caches .*run as root on Linux"):
        page_cache.drop_page_cache(True)
