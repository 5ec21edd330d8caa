"""The cycle collector while a build holds the last build's records (:mod:`govpress.site.engine.heap`): paused while
the records are made into objects, those objects kept out of its passes until the build ends, whatever its end."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import pytest

from govpress.site.build import build_site
from govpress.site.engine import cache_codec, heap
from govpress.site.engine.cache import BuildCache
from govpress.site.engine.records import record_folder
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext


class Watching(BaseGenerator[None]):
    """Notes how many objects are kept out of the collector's passes while the build runs it; fails when told to."""

    name = "watching"

    def __init__(self, fail: bool = False) -> None:
        self.frozen: list[int] = []
        self.fail = fail

    def cache_key(self, inputs: PrepareInputs) -> str:
        return str(id(self))  # each one runs: its pages are never the last build's

    def generate(self, context: SiteContext, prepared: None = None) -> Iterable[Page]:
        self.frozen.append(gc.get_freeze_count())
        if self.fail:
            raise RuntimeError("a generator's bug")
        yield Page(PurePosixPath("watched/index.html"), "<!DOCTYPE html><title>W</title><main><h1>W</h1></main>", "W")


@pytest.fixture(autouse=True)
def _nothing_frozen_before() -> None:
    gc.unfreeze()


def test_paused_turns_the_collector_off_and_back_as_it_was() -> None:
    assert gc.isenabled()
    with heap.paused():
        assert not gc.isenabled()
        with heap.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it as it found it: off
    assert gc.isenabled()
    with pytest.raises(ValueError), heap.paused():
        raise ValueError("in the block")
    assert gc.isenabled()
    gc.disable()
    try:
        with heap.paused():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()


def test_kept_what_the_block_made_is_out_of_the_passes_before_the_collector_is_back_on() -> None:
    made: list[object] = []
    with heap.paused(keep=True):
        made.extend([index] for index in range(1000))
        assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() >= 1000, "frozen on leaving: no pass over them when the collector is back"
    assert gc.get_count()[0] < 100, "the collector's count of new objects starts again"
    gc.unfreeze()
    with heap.paused():
        pass
    assert gc.get_freeze_count() == 0, "without keep, nothing is left out"


def test_the_records_are_made_into_objects_with_the_collector_paused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(project)
    records = record_folder(project, project / "_site")
    assert records is not None
    seen: list[bool] = []
    real_decode = cache_codec.decode_cache

    def decoding(value: object, folder: Path | None = None) -> BuildCache:
        seen.append(gc.isenabled())
        return real_decode(value, folder)

    monkeypatch.setattr(cache_codec, "decode_cache", decoding)
    cache = cache_codec.load_cache(records)
    assert seen == [False]
    assert cache.contents  # the records were read, not refused
    assert gc.isenabled()


def test_a_build_keeps_the_last_builds_records_out_of_the_collectors_passes_until_it_ends(project: Path) -> None:
    build_site(project, generators=[Watching()])
    watching = Watching()
    changed = project / "source" / "digital" / "strategy" / "footnotes.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    build_site(project, generators=[watching])
    assert watching.frozen and watching.frozen[0] > 0  # the loaded records (and all else alive then) left out
    assert gc.get_freeze_count() == 0  # and let back in when the build ended


def test_a_build_that_fails_lets_its_objects_back_into_the_collectors_passes(project: Path) -> None:
    build_site(project)
    with pytest.raises(RuntimeError, match="a generator's bug"):
        build_site(project, generators=[Watching(fail=True)])
    assert gc.get_freeze_count() == 0
