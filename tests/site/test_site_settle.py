"""Pages settle one at a time (site/engine/settle.py): a build never holds the whole site's HTML, only the pages the
writer has not written yet; and a record is written one entry at a time, in the same bytes as the whole value."""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from govpress.search.shards import NOT_SEARCHABLE, Collected
from govpress.site import build
from govpress.site.build import build_site
from govpress.site.engine import settle
from govpress.site.engine.layouts import UNREAD, LayoutEntry
from govpress.site.engine.records import Entries, record_folder
from govpress.site.engine.settle import Settler
from govpress.site.layout import page_layout, source_pages
from govpress.site.new import new_site
from govpress.site.structure.facts import page_facts
from govpress.site.structure.pages import Page


def _html(title: str, links: str = "", main: str = "") -> str:
    return f"<html><head><title>{title}</title></head><body>{links}<main data-pagefind-body>{main}</main></body></html>"


def test_a_settled_page_is_let_go_with_its_facts_kept_and_written_in_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settle, "BATCH", 3)
    batches: list[list[str]] = []
    section = Page(PurePosixPath("p3.html"), "<p>added</p>", section=True)
    settler = Settler({}, {}, [section], lambda pages: batches.append([str(p.output) for p in pages]))
    pages = [Page(PurePosixPath(f"p{n}.html"), _html(f"Page {n}", '<a href="/p1.html">one</a>')) for n in range(7)]
    pages[3] = Page(PurePosixPath("p3.html"), _html("Page 3", main="<p>added</p>"))
    for page in reversed(pages):
        settler.add(page)
    settler.add(Page(PurePosixPath("sitemap.xml"), b"<urlset/>"), last=True)
    settled = settler.finish()
    assert batches == [["p6.html", "p5.html", "p4.html"], ["p3.html", "p2.html", "p1.html"], ["p0.html", "sitemap.xml"]]
    assert [str(p.output) for p in settled.pages] == [*(f"p{n}.html" for n in range(7)), "sitemap.xml"]
    assert all(p.content in ("", b"") for p in settled.pages), "only light copies stay"
    assert settled.facts.by_output["p2.html"] == page_facts(str(pages[2].content))
    assert settled.facts.known["sitemap.xml"] == "" and "sitemap.xml" not in settled.facts.by_output
    assert settled.shown == frozenset({id(section)})


def test_a_page_kept_from_the_last_build_is_not_written_nor_hashed_again() -> None:
    written: list[str] = []
    page = Page(PurePosixPath("a.html"), _html("A"))
    facts = page_facts(str(page.content))
    kept = {"a.html": LayoutEntry("key", 1, 1, "recorded-hash", ())}
    settler = Settler({"recorded-hash": facts}, kept, [], lambda pages: written.extend(str(p.output) for p in pages))
    settler.add(page)
    settled = settler.finish()
    assert written == [] and settled.facts.known == {"a.html": "recorded-hash"}


def test_a_page_kept_unread_settles_from_its_entry() -> None:
    page = Page(PurePosixPath("a.html"), _html("A", '<a href="/b.html">b</a>', "<p>Text.</p>"))
    laid_out = Collected("Site")
    laid_out.add(page)
    facts = page_facts(str(page.content))
    entry = LayoutEntry("key", 1, 1, "recorded-hash", (), laid_out.notes["a.html"])
    search, written = Collected("Site"), list[Page]()
    settler = Settler({"recorded-hash": facts}, {"a.html": entry}, [], written.extend, search)
    settler.add(Page(page.output, UNREAD, "A"))
    settled = settler.finish()
    assert written == [] and settled.facts.by_output == {"a.html": facts}
    assert search.listed == laid_out.listed and search.notes == laid_out.notes


FACTS = page_facts("")


@pytest.mark.parametrize(
    ("known", "note", "sections"),
    [({}, True, False), ({"recorded-hash": FACTS}, False, False), ({"recorded-hash": FACTS}, True, True)],
    ids=["facts unknown", "no search note", "a section meant for it"],
)
def test_a_page_kept_unread_whose_entry_lacks_something_is_a_mistake_not_a_guess(
    known: dict[str, Any], note: bool, sections: bool
) -> None:
    entry = LayoutEntry("key", 1, 1, "recorded-hash", (), NOT_SEARCHABLE if note else None)
    generated = [Page(PurePosixPath("a.html"), "<p>added</p>", section=True)] if sections else []
    settler = Settler(known, {"a.html": entry}, generated, None, Collected("Site"))
    with pytest.raises(ValueError, match="kept unread"):
        settler.add(Page(PurePosixPath("a.html"), UNREAD))


def test_a_build_that_keeps_its_pages_keeps_them_whole() -> None:
    settler = Settler({}, {}, [], None, keep=True)
    page = Page(PurePosixPath("a.html"), _html("A"))
    settler.add(page)
    assert settler.finish().pages == [page]


def test_a_build_holds_only_the_pages_the_writer_has_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every laid-out page is watched (a weak reference); when the check begins, the pages still alive are at most
    those the writer may be behind by, not the whole site."""
    project = tmp_path / "example"
    new_site(project)
    for number in range(60):
        page = project / "source" / "many" / f"page-{number:02}" / "index.md"  # a folder of Markdown is a page
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"#Page {number}\n\nText of page {number}.\n", encoding="utf-8")
    monkeypatch.setattr(settle, "BATCH", 2)
    watched: list[weakref.ref[Page]] = []
    real_layout, real_check = page_layout.content_page, build._check

    def watching(*args: Any) -> Page:
        page = real_layout(*args)
        watched.append(weakref.ref(page))
        return page

    alive: list[int] = []

    def checking(*args: Any) -> Any:
        gc.collect()
        alive.append(sum(1 for ref in watched if ref() is not None))
        return real_check(*args)

    monkeypatch.setattr(source_pages, "content_page", watching)
    monkeypatch.setattr(build, "_check", checking)
    build_site(project, tmp_path / "out")
    assert len(watched) > 60
    assert alive[0] <= 2 * (build.WRITER_BACKLOG + 1), f"{alive[0]} of {len(watched)} laid-out pages still held"


def test_a_record_written_entry_by_entry_is_the_same_bytes_as_the_whole_value(tmp_path: Path) -> None:
    records = record_folder(tmp_path, tmp_path / "_site")
    assert records is not None
    pages: dict[str, object] = {"a": [1, "é", [2, 3]], "b": {"c": None}, "d": []}
    whole = {"format": 1, "pages": pages, "none": {}, "list": [1, 2]}
    records.save("whole.json", "test", whole)
    lazy = {"format": 1, "pages": Entries(iter(pages.items()), levels=2), "none": Entries(()), "list": [1, 2]}
    records.save("lazy.json", "test", lazy)
    assert records.file("lazy.json").read_bytes() == records.file("whole.json").read_bytes()
    assert records.load("lazy.json", "test") == whole
    with pytest.raises(TypeError):
        records.save("bad.json", "test", {"pages": Entries([(1, 2)])})  # type: ignore[list-item]
    body = records.file("lazy.json").read_bytes().partition(b"\n")[2]
    assert body == json.dumps(whole, separators=(",", ":")).encode("ascii")
    records.save("surrogate.json", "test", {"path": "caf\udce9.md"})  # a name that is not UTF-8, as Python holds it
    assert records.load("surrogate.json", "test") == {"path": "caf\udce9.md"}
