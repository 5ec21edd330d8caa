"""Bad input to the build's cache and records: corrupt, truncated, tampered, of another version, planted by someone
else, or naming paths outside the output folder. Each is ignored (the build renders everything again) or confined;
nothing runs, nothing outside the output folder is touched, no traceback."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from govpress.problems import GovpressError
from govpress.site.build import build_site
from govpress.site.engine import cache_codec
from govpress.site.engine import parts as parts_module
from govpress.site.engine.cache_codec import CACHE_FILE, CACHE_KIND, FORMAT, decode_cache, load_value, save_value
from govpress.site.engine.parts import NAME as PART
from govpress.site.engine.records import RecordFolder, record_folder
from govpress.site.new import new_site
from govpress.site.write.writer import MANIFEST, MANIFEST_KIND

PAGES = 6  # the example site's source pages (without generators), two of them Welsh
PAGE = "digital/index.html"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    new_site(tmp_path / "example")
    built = build_site(tmp_path / "example", generators=())
    assert built.rendered == PAGES
    return tmp_path / "example"


def _records(project: Path) -> RecordFolder:
    records = record_folder(project, project / "_site")
    assert records is not None
    return records


def _stored(project: Path) -> dict[str, object]:
    stored = load_value(_records(project))
    assert isinstance(stored, dict)
    return stored


def _parts(project: Path) -> list[Path]:
    """The page cache's parts (govpress.site.engine.parts)."""
    return sorted(p for p in _records(project).path.iterdir() if PART.fullmatch(p.name))


def _damaged(project: Path, mapping: str, damage: Callable[[Any], object]) -> int:
    """Save the cache with the first entry of ``mapping`` changed by ``damage``, and build again: how many pages were
    rendered."""
    stored = _stored(project)
    entries = stored[mapping]
    assert isinstance(entries, dict)
    first = next(iter(entries))
    entries[first] = damage(entries[first])
    save_value(_records(project), stored)
    return _rebuilt(project)


def _rebuilt(project: Path) -> int:
    report = build_site(project, generators=())
    assert not report.errors, [str(p) for p in report.errors]
    return report.rendered


class Planted:
    """Creates ``path`` when unpickled: proof that a pickle was loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.path}",))


def test_a_legacy_pickle_in_the_output_is_never_loaded_and_is_removed(project: Path, tmp_path: Path) -> None:
    legacy = project / "_site/.govpress-cache"
    legacy.mkdir()
    (legacy / "pages.pickle").write_bytes(pickle.dumps((2, Planted(tmp_path / "ran"))))
    assert _rebuilt(project) == 0
    assert not (tmp_path / "ran").exists() and not legacy.exists()


def test_a_cache_of_random_bytes_is_ignored(project: Path) -> None:
    _records(project).file(CACHE_FILE).write_bytes(os.urandom(4096))
    assert _rebuilt(project) == PAGES


def test_a_truncated_cache_is_ignored(project: Path) -> None:
    path = _records(project).file(CACHE_FILE)
    path.write_bytes(path.read_bytes()[:-200])
    assert _rebuilt(project) == PAGES


@pytest.mark.parametrize("renamed", [False, True], ids=["in-place", "renamed-to-its-digest"])
def test_a_tampered_page_body_is_never_published(project: Path, renamed: bool) -> None:
    """A part of the cache is named for the SHA-256 of its bytes, and its name comes from the signed manifest: an
    edited part no longer has its name's digest, and one renamed to its new digest is not the part the manifest
    names (which is then missing)."""
    tampered = 0
    for path in _parts(project):
        data = path.read_bytes()
        if b"<h1" in data:
            path.write_bytes(data.replace(b"<h1", b"<script>alert(1)</script><h1"))
            if renamed:
                path.rename(path.with_name(f"pages-{hashlib.sha256(path.read_bytes()).hexdigest()}.part"))
            tampered += 1
    assert tampered
    assert _rebuilt(project) == PAGES
    assert b"alert(1)" not in (project / "_site" / PAGE).read_bytes()


@pytest.mark.parametrize(
    "parts",
    [["../pages.json"], ["pages-%s.part" % ("0" * 64)], [], ["x"] * 3, "pages.part"],
    ids=["a-path", "missing", "none", "not-a-power-of-two", "not-a-list"],
)
def test_a_manifest_naming_other_files_or_numbers_of_parts_is_ignored(project: Path, parts: object) -> None:
    _records(project).save(CACHE_FILE, CACHE_KIND, {"format": FORMAT, "parts": parts})  # signed, as if ours
    assert _rebuilt(project) == PAGES


def test_a_part_that_is_not_json_or_lacks_a_mapping_is_ignored(project: Path) -> None:
    records = _records(project)
    for data in (b"\xff\xfe", b"[]", b'{"contents": {}}'):
        name = f"pages-{hashlib.sha256(data).hexdigest()}.part"
        records.file(name).write_bytes(data)
        records.save(CACHE_FILE, CACHE_KIND, {"format": FORMAT, "parts": [name]})
        assert _rebuilt(project) == PAGES


def test_a_changed_page_rewrites_only_the_parts_holding_its_entries(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many parts, changing one page writes the part of its body, layout and facts' hash (one part: they are
    keyed by its path), and those of its old and new facts (keyed by their hash): at most three. The parts no longer
    named are removed; the next build reuses everything."""
    monkeypatch.setattr(parts_module, "ENTRIES_PER_PART", 1)  # as many parts as the entries call for
    (project / "source/digital/quarterly-reports/spring-26/index.html").unlink()  # something to build again
    _rebuilt(project)
    before = {p.name for p in _parts(project)}
    assert len(before) > 8
    written: list[str] = []

    def counted(records: RecordFolder, value: object) -> str:
        written.append(parts_module.write_part(records, value))
        return written[-1]

    monkeypatch.setattr(cache_codec, "write_part", counted)  # the name the codec calls
    page = project / "source/digital/strategy/01-introduction.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert _rebuilt(project) == 1
    after = {p.name for p in _parts(project)}
    assert 1 <= len(written) <= 3 and after - before <= set(written) <= after  # an emptied part: an old name
    manifest = _records(project).load(CACHE_FILE, CACHE_KIND)
    assert isinstance(manifest, dict) and set(manifest["parts"]) == after
    assert _rebuilt(project) == 0


def test_a_cache_planted_in_the_project_unsigned_is_ignored(project: Path) -> None:
    path = _records(project).file(CACHE_FILE)
    body = path.read_bytes().split(b"\n", 1)[1]
    path.write_bytes(b"govpress-record pages " + b"0" * 64 + b"\n" + body)
    assert _rebuilt(project) == PAGES


def test_a_cache_of_another_format_is_ignored(project: Path) -> None:
    stored = _stored(project)
    save_value(_records(project), {**stored, "format": 2})
    assert _rebuilt(project) == PAGES


def test_a_cache_with_a_field_missing_is_ignored(project: Path) -> None:
    stored = _stored(project)
    save_value(_records(project), {k: v for k, v in stored.items() if k != "facts"})
    assert _rebuilt(project) == PAGES


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: [entry[0], entry[1][:-1], entry[2]],  # a content of 8 values, not 9
        lambda entry: [entry[0], [*entry[1][:7], "yes", entry[1][8]], entry[2]],  # failed: a string
        lambda entry: [entry[0], entry[1], [["file", "a\u0000b", 1, 1, ""]]],  # a NUL in a path
        lambda entry: [entry[0], [entry[1][0], *entry[1][1:6], [[None, 1, None, "fatal", "x"]], *entry[1][7:]], []],
        lambda entry: [entry[0], ["../../outside.html", *entry[1][1:]], entry[2]],  # an output outside OUT
        lambda entry: [123, entry[1], entry[2]],  # the key: a number
        lambda entry: [entry[0], [*entry[1][:8], [[1, 2]]], entry[2]],  # a heading's text: a number
        lambda entry: [entry[0], [*entry[1][:8], [["1", "x"]]], entry[2]],  # a heading's level: a string
    ],
    ids=["short", "bool-as-string", "nul-path", "bad-severity", "output-outside", "key-type", "heading", "level"],
)
def test_a_cache_entry_of_the_wrong_shape_is_ignored(project: Path, damage: Callable[[Any], object]) -> None:
    assert _damaged(project, "contents", damage) == PAGES
    assert not (project.parent / "outside.html").exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda facts: [facts[0], facts[1], facts[2], [[1, 2, "text"]], facts[4]],  # a heading's id: a number
        lambda facts: [facts[0], facts[1], facts[2], [["1", None, "text"]], facts[4]],  # its level: a string
        lambda facts: [[*facts[0], 7], *facts[1:]],  # a link: a number
        lambda facts: [facts[0], "ids", *facts[2:]],  # the ids: a string
    ],
    ids=["heading-id", "heading-level", "link", "ids"],
)
def test_facts_of_the_wrong_shape_make_the_records_ignored(project: Path, damage: Callable[[Any], object]) -> None:
    assert _damaged(project, "facts", damage) == PAGES


@pytest.mark.parametrize(
    "sections",
    [{"a": True}, [["digest", "yes"]], [["digest"]], [[1, True]], "shown"],
    ids=["object", "shown-as-string", "short", "key-type", "string"],
)
def test_a_layout_entry_whose_sections_have_the_wrong_shape_makes_the_records_ignored(
    project: Path, sections: object
) -> None:
    assert _damaged(project, "layouts", lambda entry: [*entry[:6], sections]) == PAGES


def test_layout_entries_of_older_govpress_without_sections_are_read() -> None:
    entry = ["key", 1, 2, "facts", [], None]
    for items in (entry[:5], entry, [*entry, [["digest", True], ["other", False]]]):
        decoded = decode_cache(
            {"format": FORMAT, "contents": {}, "generated": {}, "facts": {}, "layouts": {"a": items}, "known": {}}
        )
        shown = decoded.layouts["a"].shows(["digest", "other"])
        assert shown == ((True, False) if len(items) == 7 else None)


def test_a_cache_key_naming_a_module_imports_nothing(project: Path, tmp_path: Path) -> None:
    """A key stamp names a generator of the build (by its name), never a module: an entry whose stamp names none of
    the build's generators is not reused, and nothing is imported."""
    (tmp_path / "planted_module.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w').close()\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        stored = _stored(project)
        stamp = ["key", str(project), 0, 0, "", "planted_module", True]
        stored["generated"] = {"x.generate_pages": ["k", [], [stamp], None, []]}
        save_value(_records(project), stored)
        assert _rebuilt(project) == 0, "the source pages' entries are sound and reused"
    finally:
        sys.path.remove(str(tmp_path))
    assert not (tmp_path / "ran").exists() and "planted_module" not in sys.modules


def test_a_cache_stamp_naming_a_fifo_does_not_hang(project: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    stored = _stored(project)
    contents = stored["contents"]
    assert isinstance(contents, dict)
    for entry in contents.values():
        entry[2] = [["file", str(fifo), 1, 1, "0" * 64]]
    save_value(_records(project), stored)
    assert _rebuilt(project) == PAGES


@pytest.mark.parametrize("name", ["../../victim.txt", "ABSOLUTE", "link/victim.txt", "a\u0000b"])
def test_a_written_record_naming_a_file_outside_the_output_deletes_nothing(
    project: Path, tmp_path: Path, name: str
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (project / "_site/link").symlink_to(tmp_path)
    name = str(victim) if name == "ABSOLUTE" else name
    records = _records(project)
    stored = records.load(MANIFEST, MANIFEST_KIND)
    assert isinstance(stored, list)
    records.save(MANIFEST, MANIFEST_KIND, [*stored, name])  # signed: as if govpress had written it
    (project / "source/digital/quarterly-reports/spring-26/index.html").unlink()  # something to switch
    assert _rebuilt(project) == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (project / "_site/link").is_symlink()


def test_a_records_folder_that_is_a_link_out_of_the_project_is_not_written_through(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".govpress-cache").symlink_to(elsewhere)
    assert build_site(project, generators=()).rendered == PAGES
    assert list(elsewhere.iterdir()) == []
    assert build_site(project, generators=()).rendered == 0, "the records went to the user's cache instead"


def test_a_leftover_new_folder_of_a_killed_build_is_removed(project: Path) -> None:
    leftover = project / ".govpress-cache" / "_site.new-999999999-abcd"
    leftover.mkdir()
    (leftover / "index.html").write_text("half a site", encoding="utf-8")
    (project / "source/digital/quarterly-reports/spring-26/index.html").unlink()
    _rebuilt(project)
    assert not leftover.exists()


def test_an_output_folder_that_is_a_file_is_a_located_error(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    with pytest.raises(GovpressError) as raised:
        build_site(project, tmp_path / "out", generators=())
    assert [str(p) for p in raised.value.problems] == [
        f"{tmp_path / 'out'}: error: the output folder is a file, not a folder"
    ]
    assert (tmp_path / "out").read_text(encoding="utf-8") == "a file"


def test_records_hold_no_pickle_only_signed_json(project: Path) -> None:
    """Every record is signed JSON, but the cache's parts: JSON named for its digest (which the signed manifest
    names)."""
    for path in _records(project).path.iterdir():
        if PART.fullmatch(path.name):
            assert path.name == f"pages-{hashlib.sha256(path.read_bytes()).hexdigest()}.part"
            json.loads(path.read_bytes())
            continue
        header, body = path.read_bytes().split(b"\n", 1)
        assert header.startswith(b"govpress-record ")
        json.loads(body)
