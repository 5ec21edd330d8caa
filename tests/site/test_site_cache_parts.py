"""The page cache in parts (govpress.site.engine.parts): how many parts, which part a key falls in, when a loaded
part is kept as it is, and which files the clean-up removes."""

from __future__ import annotations

from pathlib import Path

from govpress.site.engine.cache import BuildCache
from govpress.site.engine.cache_codec import load_cache, save_cache
from govpress.site.engine.layouts import LayoutEntry
from govpress.site.engine.parts import (
    ENTRIES_PER_PART,
    MOST_PARTS,
    StoredParts,
    grouped,
    part_count,
    part_of,
    remembered,
    remove_unused_parts,
)
from govpress.site.engine.records import record_folder


def test_the_number_of_parts_is_a_power_of_two_kept_within_a_factor_of_two() -> None:
    assert part_count(0, None) == 1 and part_count(ENTRIES_PER_PART, None) == 1
    assert part_count(ENTRIES_PER_PART + 1, None) == 2
    assert part_count(100 * ENTRIES_PER_PART, None) == 128
    assert part_count(100 * ENTRIES_PER_PART, 64) == 64 and part_count(100 * ENTRIES_PER_PART, 256) == 256
    assert part_count(100 * ENTRIES_PER_PART, 32) == 128, "too far from the ideal: the ideal"
    assert part_count(10**9, None) == MOST_PARTS


def test_a_key_falls_in_the_same_part_every_time_and_every_part_has_every_mapping() -> None:
    groups = grouped({"known": {f"page/{n}": str(n) for n in range(100)}, "facts": {}}, 8)
    assert len(groups) == 8 and all(group.keys() == {"known", "facts"} for group in groups)
    assert all(part_of(key, 8) == index for index, group in enumerate(groups) for key in group["known"])
    assert sum(len(group["known"]) for group in groups) == 100
    assert part_of("a\udcff", 8) == part_of("a\udcff", 8), "a lone surrogate in a key is hashed too"


def test_a_part_is_kept_only_with_the_very_values_it_was_loaded_with() -> None:
    entry = LayoutEntry("k", 1, 2, "f", ())
    raw: dict[str, dict[str, object]] = {"layouts": {"a.html": []}, "known": {"a.html": []}}
    stored = StoredParts(
        ("pages-x.part",), (remembered(raw, {"layouts": {"a.html": entry}, "known": {"a.html": "f"}}),)
    )
    assert stored.kept(0, {"layouts": {"a.html": entry}, "known": {"a.html": "f"}}) == "pages-x.part"
    equal = LayoutEntry("k", 1, 2, "f", ())
    assert stored.kept(0, {"layouts": {"a.html": equal}, "known": {"a.html": "f"}}) is None, "equal is not enough"
    assert stored.kept(0, {"layouts": {"a.html": entry}, "known": {"a.html": "g"}}) is None
    assert stored.kept(0, {"layouts": {"a.html": entry, "b.html": entry}, "known": {"a.html": "f"}}) is None
    assert stored.kept(0, {"layouts": {"a.html": entry}}) is None


def test_a_value_the_build_left_out_makes_its_part_written_again() -> None:
    raw: dict[str, dict[str, object]] = {"generated": {"g": []}}
    stored = StoredParts(("pages-x.part",), (remembered(raw, {"generated": {}}),))
    assert stored.kept(0, {"generated": {"g": object()}}) is None


def test_saving_a_loaded_cache_unchanged_writes_no_part_and_the_clean_up_removes_only_unused_parts(
    tmp_path: Path,
) -> None:
    records = record_folder(tmp_path, tmp_path / "_site")
    assert records is not None
    layouts = {f"{n}.html": LayoutEntry("k", n, 2, "f", ()) for n in range(3 * ENTRIES_PER_PART)}
    save_cache(records, BuildCache({}, {}, {}, layouts))
    parts = sorted(p.name for p in records.path.glob("pages-*.part"))
    stamps = {name: records.file(name).stat().st_mtime_ns for name in parts}
    loaded = load_cache(records)
    assert loaded.layouts == layouts and loaded.parts is not None and len(loaded.parts.names) == 4
    save_cache(records, loaded)
    assert {name: records.file(name).stat().st_mtime_ns for name in parts} == stamps
    other = records.file("pages.json.note")
    other.write_text("not a part", encoding="utf-8")
    remove_unused_parts(records.path, parts[1:])
    assert not records.file(parts[0]).exists() and other.exists()
