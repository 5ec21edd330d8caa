"""A generator's pages are kept on disk, not in memory or in ``pages.json`` (govpress.site.engine.bodies): written as
they are made, held light, read back one at a time, reused from their body file while nothing they read changed,
and made again when that file is missing, short or not as the last build wrote it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import cast

import pytest

from govpress.problems import GovpressError, Problem
from govpress.site.build import build_site
from govpress.site.engine import bodies as bodies_module
from govpress.site.engine.bodies import BodyWriter, body_file, remove_unused
from govpress.site.engine.cache_codec import decode_cache, load_cache, load_value, save_value
from govpress.site.engine.layouts import section_key
from govpress.site.engine.records import RecordFolder, record_folder
from govpress.site.layout.templates import SECTIONS_GLOBAL
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext
from govpress.site.write.output import SiteOutput

PAGES = 30
MARK = "stored-body-marker"


class Counting(BaseGenerator[None]):
    """Makes ``PAGES`` pages (one asking search engines not to index it), a section and a file; counts its runs."""

    name = "counting"

    def __init__(self) -> None:
        self.runs = 0

    def generate(self, context: SiteContext, prepared: None = None) -> Iterable[Page]:
        self.runs += 1
        for number in range(PAGES):
            robots = '<meta name="robots" content="noindex">' if number == 0 else ""
            html = (
                f'<!DOCTYPE html><html lang="en"><head><title>Made {number}</title>{robots}</head>'
                f"<body><main data-pagefind-body>"
                f'<h1 id="made">Made {number}</h1><p>{MARK} {number} {"x" * 2000}</p></main></body></html>'
            )
            yield Page(PurePosixPath(f"made/{number}/index.html"), html, f"Made {number}")
        yield Page(PurePosixPath("made/data.bin"), bytes(range(256)) * 4, None)
        yield Page(PurePosixPath("index.html"), f"<p>{MARK} section</p>", None, section=True)


def _change_a_source_page(project: Path) -> None:
    changed = project / "source" / "digital" / "strategy" / "footnotes.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")


def _watch_writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files handed to the output from now on."""
    handed: list[str] = []
    real_write = SiteOutput.write

    def writing(output: SiteOutput, name: str, data: bytes) -> Path:
        handed.append(name)
        return real_write(output, name, data)

    monkeypatch.setattr(SiteOutput, "write", writing)
    return handed


def _records(project: Path) -> RecordFolder:
    records = record_folder(project, project / "_site")
    assert records is not None
    return records


def _body_files(project: Path) -> list[Path]:
    return sorted(_records(project).path.glob("generated-*.bodies"))


def test_the_pages_are_written_and_their_content_kept_out_of_the_cache_record(project: Path) -> None:
    generator = Counting()
    build_site(project, generators=[generator])
    site = project / "_site"
    assert "Made 7" in (site / "made" / "7" / "index.html").read_text(encoding="utf-8")
    assert (site / "made" / "data.bin").read_bytes() == bytes(range(256)) * 4
    assert f"{MARK} section" in (site / "index.html").read_text(encoding="utf-8"), "the section is added"
    record = json.dumps(load_value(_records(project)))
    assert f"{MARK} 7" not in record, "no page's content in the cache's record"
    assert f"{MARK} section" in record, "a section stays whole (it goes into another page)"
    (stored,) = _body_files(project)
    assert f"{MARK} 7".encode() in stored.read_bytes()
    cache = load_cache(_records(project))
    entry = cache.generated["counting"]
    assert sum(body is not None for body in entry.stored) == PAGES + 1, "every page but the section is stored"
    assert all(page.content in ("", b"") for page, body in entry.placed() if body is not None)


def test_the_search_leaves_out_a_stored_page_that_asks_not_to_be_indexed(project: Path) -> None:
    build_site(project, generators=[Counting()])
    search_page = (project / "_site" / "search" / "index.html").read_text(encoding="utf-8")
    assert "Made 7" in search_page and "Made 0<" not in search_page


def test_a_build_reuses_the_body_file_while_nothing_the_generator_read_changed(project: Path) -> None:
    generator = Counting()
    build_site(project, generators=[generator])
    (first,) = _body_files(project)
    page = project / "_site" / "made" / "3" / "index.html"
    written = page.read_bytes()
    page.unlink()  # the output changed by hand: the page comes back from the body file
    _change_a_source_page(project)
    build_site(project, generators=[generator])
    assert generator.runs == 1
    assert _body_files(project) == [first]
    assert page.read_bytes() == written


def test_a_generated_page_whose_file_is_as_written_is_neither_read_nor_written_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reused generator's pages are kept like source pages whose layout is unchanged
    (govpress.site.engine.finished): their layout entries say all the build needs of them."""
    generator = Counting()
    build_site(project, generators=[generator])
    site = project / "_site"
    before = {name: (site / name).stat().st_mtime_ns for name in ("made/7/index.html", "made/data.bin")}
    reads: list[Path] = []
    real_read = bodies_module._read_at

    def reading(path: Path, offset: int, length: int) -> bytes | None:
        reads.append(path)
        return real_read(path, offset, length)

    monkeypatch.setattr(bodies_module, "_read_at", reading)
    handed = _watch_writes(monkeypatch)
    _change_a_source_page(project)
    build_site(project, generators=[generator])
    assert generator.runs == 1 and not reads
    assert not [name for name in handed if name.startswith("made/")]
    assert before == {name: (site / name).stat().st_mtime_ns for name in before}
    search_page = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert "Made 7" in search_page and "Made 0<" not in search_page, "what the search took of them is kept"
    assert "/made/7/" in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["changed", "short", "missing"])
def test_a_damaged_body_file_makes_the_pages_again(project: Path, damage: str) -> None:
    generator = Counting()
    build_site(project, generators=[generator])
    (stored,) = _body_files(project)
    data = stored.read_bytes()
    if damage == "changed":  # the same size, other bytes
        stored.write_bytes(data.replace(f"{MARK} 5".encode(), f"{MARK} X".encode()))
    elif damage == "short":
        stored.write_bytes(data[:-10])
    else:
        stored.unlink()
    (project / "_site" / "made" / "5" / "index.html").unlink()  # the page must come from its stored content
    _change_a_source_page(project)
    build_site(project, generators=[generator])
    assert generator.runs == 2
    assert f"{MARK} 5 " in (project / "_site" / "made" / "5" / "index.html").read_text(encoding="utf-8")
    (made,) = _body_files(project)
    assert made != stored, "a new body file; the old one is removed"


def test_a_generator_made_again_leaves_one_body_file(project: Path) -> None:
    generator = Counting()
    build_site(project, generators=[generator])
    (first,) = _body_files(project)
    settings = project / "govpress.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace('site_name = "Harbourside Digital Plan"', 'site_name = "Another"'), encoding="utf-8"
    )
    build_site(project, generators=[generator])
    assert generator.runs == 2, "the settings changed"
    (made,) = _body_files(project)
    assert made != first


def test_a_body_that_changes_while_the_build_reads_it_is_a_located_error(tmp_path: Path) -> None:
    writer = BodyWriter.create(tmp_path)
    assert writer is not None
    page = Page(PurePosixPath("a/index.html"), "<p>é</p>", "A")
    stored = writer.put(page)
    writer.close()
    assert stored.read(page.light()) == page
    writer.path.write_bytes(writer.path.read_bytes().replace(b"p", b"q"))
    with pytest.raises(GovpressError) as raised:
        stored.read(page.light())
    assert raised.value.problems[0].path == str(writer.path)
    writer.path.unlink()
    with pytest.raises(GovpressError):
        stored.read(page.light())


@pytest.mark.parametrize(
    "name", ["../pages.json", "generated-x.bodies", "/etc/passwd", "generated-%s.bodies/.." % ("0" * 32)]
)
def test_a_record_naming_another_file_as_its_body_file_is_refused(project: Path, name: str) -> None:
    build_site(project, generators=[Counting()])
    records = _records(project)
    value = _record_value(records)
    value["generated"]["counting"][3] = name
    with pytest.raises(ValueError, match="body file"):
        decode_cache(value, records.path)
    assert body_file(records.path, name) is None


def test_remove_unused_removes_only_body_files(tmp_path: Path) -> None:
    keep, old = tmp_path / f"generated-{'a' * 32}.bodies", tmp_path / f"generated-{'b' * 32}.bodies"
    other = tmp_path / "pages.json"
    for path in (keep, old, other):
        path.write_bytes(b"")
    remove_unused(tmp_path, {keep.name})
    assert keep.exists() and other.exists() and not old.exists()


def _record_value(records: RecordFolder) -> dict[str, dict[str, list[object]]]:
    """The JSON of the cache record (its parts joined)."""
    value = load_value(records)
    assert isinstance(value, dict)
    return cast(dict[str, dict[str, list[object]]], value)


class Adding(BaseGenerator[None]):
    """Adds a section to a page the generator after it makes."""

    name = "adding"

    def __init__(self, text: str = "An added section.") -> None:
        self.text = text

    def cache_key(self, inputs: PrepareInputs) -> str:
        return self.text  # its section is made again when its text changes

    def generate(self, context: SiteContext, prepared: None = None) -> Iterable[Page]:
        warning = Problem.warning("a warning of the section's", context.project / "govpress.toml")
        yield Page(PurePosixPath("made/7/index.html"), f"<p>{self.text}</p>", problems=(warning,), section=True)


class Showing(Counting):
    """Shows the sections meant for its pages, as a page in the site's layout does."""

    def generate(self, context: SiteContext, prepared: None = None) -> Iterable[Page]:
        sections = context.environment.globals.get(SECTIONS_GLOBAL)
        assert isinstance(sections, dict)
        for page in super().generate(context, prepared):
            shown = "".join(sections.get(page.url, ())) if page.is_html else ""
            yield replace(page, content=str(page.content).replace("</main>", f"{shown}</main>")) if shown else page


def _watch_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stored bodies read back from now on (their pages' output paths)."""
    read: list[str] = []
    real_read = bodies_module.StoredBody.read

    def reading(stored: bodies_module.StoredBody, page: Page) -> Page:
        read.append(str(page.output))
        return real_read(stored, page)

    monkeypatch.setattr(bodies_module.StoredBody, "read", reading)
    return read


def test_a_kept_generated_page_that_a_section_is_meant_for_is_neither_read_nor_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build checks which sections each page shows (and the page takes on their problems): the page's layout
    entry says which, for the sections' contents, so its file is kept and its content not read."""
    showing = Showing()
    generators = [Adding(), showing]
    first = build_site(project, generators=generators)
    page = project / "_site" / "made" / "7" / "index.html"
    written, stamp = page.read_bytes(), page.stat().st_mtime_ns
    assert b"An added section." in written
    assert [p.message for p in first.problems if "section" in p.message] == ["a warning of the section's"]
    handed, read = _watch_writes(monkeypatch), _watch_reads(monkeypatch)
    _change_a_source_page(project)
    report = build_site(project, generators=generators)
    assert showing.runs == 1 and "made/7/index.html" not in handed and "made/7/index.html" not in read
    assert [p.message for p in report.problems if "section" in p.message] == ["a warning of the section's"]
    assert page.read_bytes() == written and page.stat().st_mtime_ns == stamp


def test_a_kept_page_is_read_to_see_a_section_its_entry_does_not_know(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry that does not say whether its page shows a section (written by an older govpress, without the
    sections): the page is read to see, not written, and its entry then says."""
    showing = Showing()
    generators = [Adding(), showing]
    build_site(project, generators=generators)
    records = _records(project)
    stored = _record_value(records)
    entry = stored["layouts"]["made/7/index.html"]
    assert entry[6] == [[section_key(Page(PurePosixPath("made/7/index.html"), "<p>An added section.</p>")), True]]
    stored["layouts"]["made/7/index.html"] = entry[:6]  # as an older govpress wrote it
    save_value(records, cast(dict[str, object], stored))
    handed, read = _watch_writes(monkeypatch), _watch_reads(monkeypatch)
    _change_a_source_page(project)
    report = build_site(project, generators=generators)
    assert showing.runs == 1 and "made/7/index.html" in read and "made/7/index.html" not in handed
    assert [p.message for p in report.problems if "section" in p.message] == ["a warning of the section's"]
    assert _record_value(records)["layouts"]["made/7/index.html"][6] == entry[6]
