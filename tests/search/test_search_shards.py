"""The index in shards: which shard a page goes to, what pagefind reads of it, and a build that indexes again only the
shards whose pages changed (the example site with a shard size of a few pages, so that it has several)."""

from __future__ import annotations

import dataclasses
import filecmp
import gzip
import json
import shutil
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import accumulate
from pathlib import Path, PurePosixPath

import pytest

from govpress.problems import GovpressError
from govpress.search import index as index_module
from govpress.search import shards as shards_module
from govpress.search.index import Indexed
from govpress.search.record import ShardRecord, kept_files, shard_key
from govpress.search.shards import NOT_SEARCHABLE, Collected, Spool, indexed_text, shard_count, shard_of, shards
from govpress.site.build import build_site
from govpress.site.structure.pages import Page
from support.pagefind_index import FRAGMENT_MARK, indexed_pages

SMALL = 6  # pages a shard holds on average in these tests: the example's 40-odd searchable pages make 8 shards
PAGE = (
    '<!DOCTYPE html>\n<html lang="en-GB" class="govuk-template">\n<head><title>{title} - Site</title></head>\n'
    '<body><header><nav><a href="/">Home</a></nav></header>\n'
    '<main class="govuk-main-wrapper" id="main-content" data-pagefind-body data-title="{title}">'
    "<h1>{title}</h1><p>{text}</p></main>\n<footer>Licence</footer></body></html>\n"
)


def _page(path: str, title: str = "A page", text: str = "Some text.") -> Page:
    return Page(PurePosixPath(path), PAGE.format(title=title, text=text))


@pytest.mark.parametrize(
    ("pages", "count"), [(0, 1), (1, 1), (500, 1), (501, 2), (1000, 2), (1001, 4), (10_000, 32), (10_101, 32)]
)
def test_the_number_of_shards_is_a_power_of_two_of_at_most_500_pages_each_on_average(pages: int, count: int) -> None:
    assert shard_count(pages) == count


def test_a_page_stays_in_its_shard_whatever_else_the_site_holds() -> None:
    paths = [f"s{section:02}/p{number:03}/index.html" for section in range(20) for number in range(50)]
    assignment = {path: shard_of(path, 8) for path in paths}
    assert set(assignment.values()) == set(range(8))  # every shard used
    sizes = [list(assignment.values()).count(shard) for shard in range(8)]
    assert max(sizes) < 2 * min(sizes), sizes  # and about evenly
    site = [_page(path) for path in paths]
    fewer = [page for page in site if not str(page.output).startswith("s07/")]
    before = {path: shard.number for shard in _as_shards(site, 8) for path, _ in shard.pages}
    after = {path: shard.number for shard in _as_shards(fewer, 8) for path, _ in shard.pages}
    assert after == {path: number for path, number in before.items() if not path.startswith("s07/")}


def _as_shards(pages: list[Page], size: int) -> list[shards_module.Shard]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shards_module, "SHARD_PAGES", size)
        return shards(pages)


def test_pagefind_reads_only_the_main_element_with_the_pages_language() -> None:
    found = indexed_text(_page("a/index.html", "Vehicle tax", "Renew it online."))
    assert found is not None
    text = found.decode()
    assert text.startswith('<!DOCTYPE html><html lang="en-GB"><body><main ')
    assert text.endswith("</main></body></html>")
    assert "Renew it online." in text and "Licence" not in text and "Home" not in text and "<title>" not in text


def test_a_page_without_a_pagefind_body_is_left_out_unless_no_page_has_one() -> None:
    plain = Page(PurePosixPath("plain.html"), "<!DOCTYPE html><html><body><p>Plain.</p></body></html>")
    assert indexed_text(plain) is None
    assert [path for shard in shards([plain, _page("a.html")]) for path, _ in shard.pages] == ["a.html"]
    assert [shard.pages for shard in shards([plain])] == [(("plain.html", plain.data()),)]


def test_the_shards_folders_are_pagefind_alone_or_numbered() -> None:
    site = [_page(f"p{number}.html") for number in range(40)]
    assert [shard.folder for shard in _as_shards(site, 100)] == ["pagefind"]
    assert [shard.folder for shard in _as_shards(site, 5)] == [f"pagefind/{number}" for number in range(8)]


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shards_module, "SHARD_PAGES", SMALL)


@pytest.fixture
def pagefind_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of pages of each run of pagefind, as the build runs it."""
    ran: list[int] = []
    original = index_module._run

    def counting(pages: Sequence[tuple[str, bytes]], primary: bool, language: str) -> dict[str, bytes]:
        ran.append(len(pages))
        return original(pages, primary, language)

    monkeypatch.setattr(index_module, "_run", counting)
    return ran


def _manifest(out: Path) -> list[str]:
    shards_found: list[str] = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    return shards_found


@pytest.mark.usefixtures("small_shards")
def test_a_big_site_is_indexed_in_shards_that_together_hold_every_page_once(
    example_project: Path, example_out: Path, tmp_path: Path
) -> None:
    out = build_site(example_project, tmp_path / "_site").out
    listed = _manifest(out)
    assert listed == [f"{number}/" for number in range(len(listed))] and len(listed) == 8
    # pagefind's script and WebAssembly in the first shard only: the others are searched with them
    assert (out / "pagefind/0/pagefind.js").is_file() and (out / "pagefind/0/wasm.en.pagefind").is_file()
    assert not [p for p in (out / "pagefind").rglob("pagefind*.js") if p.parent.name != "0"]
    assert not (out / "pagefind/pagefind.js").exists()
    every = [url for shard in listed for url in _fragment_urls(out / "pagefind" / shard)]
    assert sorted(every) == sorted(set(every))  # no page in two shards
    assert set(every) == set(indexed_pages(example_out))  # the same pages as one index holds
    assert indexed_pages(out) == indexed_pages(example_out)  # with the same title, metadata and text


def _fragment_urls(folder: Path) -> list[str]:
    """The URLs of the pages in the shard in ``folder`` (its fragments: gzip, ``pagefind_dcd``, JSON)."""
    urls = []
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        urls.append(str(json.loads(data[len(FRAGMENT_MARK) :])["url"]))
    return urls


@pytest.mark.usefixtures("small_shards")
def test_sharded_builds_into_different_folders_give_the_same_bytes(example_project: Path, tmp_path: Path) -> None:
    first = build_site(example_project, tmp_path / "one" / "_site").out
    second = build_site(example_project, tmp_path / "elsewhere" / "out").out
    _assert_same_index(first, second)


def _assert_same_index(one: Path, other: Path) -> None:
    """The two sites' ``pagefind/`` folders hold the same files, byte for byte."""
    names = sorted(p.relative_to(one).as_posix() for p in (one / "pagefind").rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(other).as_posix() for p in (other / "pagefind").rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(one, other, names, shallow=False)
    assert not mismatch and not errors, (mismatch, errors)


@pytest.mark.usefixtures("small_shards")
def test_a_changed_page_indexes_only_its_shard_and_nothing_changed_indexes_nothing(
    example_project: Path, tmp_path: Path, pagefind_runs: list[int]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(example_project, project, ignore=shutil.ignore_patterns("_site", ".govpress-cache"))
    out = build_site(project, project / "_site").out
    assert len(pagefind_runs) == 8
    cold = {p: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}

    pagefind_runs.clear()
    build_site(project, out)
    assert pagefind_runs == []  # nothing changed: pagefind not run at all
    assert {p: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()} == cold

    source = next(p for p in sorted((project / "source").rglob("*.md")) if "Nothing like it" not in p.read_text())
    source.write_text(source.read_text(encoding="utf-8") + "\n\nNothing like it: zyzzogeton.\n", encoding="utf-8")
    build_site(project, out)
    assert len(pagefind_runs) == 1  # one page changed: its shard only
    found = [page for page in indexed_pages(out).values() if "zyzzogeton" in page.content]
    assert len(found) == 1
    again = build_site(tmp_path / "project", tmp_path / "fresh").out
    _assert_same_index(out, again)  # the same bytes as a cold build


@pytest.mark.usefixtures("small_shards")
def test_a_missing_file_of_a_shard_indexes_that_shard_again(
    example_project: Path, tmp_path: Path, pagefind_runs: list[int]
) -> None:
    out = build_site(example_project, tmp_path / "_site").out
    removed = sorted((out / "pagefind" / "3" / "fragment").glob("*.pf_fragment"))[0]
    data = removed.read_bytes()
    removed.unlink()
    pagefind_runs.clear()
    build_site(example_project, out)
    assert len(pagefind_runs) == 1 and removed.read_bytes() == data


def test_a_recorded_file_outside_the_index_folder_is_never_looked_at(tmp_path: Path) -> None:
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "secret").write_text("x", encoding="utf-8")
    found = (tmp_path / "secret").stat()
    stamp = (found.st_size, found.st_mtime_ns)
    names = ("secret", "pagefind/../secret", "../secret", "pagefind/./../secret", "pagefind//../secret", "/secret")
    for name in (*names, "pagefind", "pagefind/", "pagefind/.", "pagefind/x\0"):
        assert kept_files(ShardRecord("k", 1, {name: stamp}), "k", tmp_path) is None, name
    (tmp_path / "pagefind" / "entry").write_text("x", encoding="utf-8")
    found = (tmp_path / "pagefind" / "entry").stat()
    kept = ShardRecord("k", 1, {"pagefind/entry": (found.st_size, found.st_mtime_ns)})
    assert kept_files(kept, "k", tmp_path) == ["pagefind/entry"]
    assert kept_files(kept, "another key", tmp_path) is None


def test_the_spool_gives_back_what_it_kept_from_any_thread() -> None:
    spool = Spool()
    places = [spool.append(data) for data in (b"first", b"", "é".encode() * 3000)]
    spool.flush()
    with ThreadPoolExecutor(max_workers=2) as threads:
        back = list(threads.map(lambda where: spool.read(*where), reversed(places)))
    assert back == ["é".encode() * 3000, b"", b"first"]


def test_a_page_kept_unread_gives_its_shard_the_same_key_and_listing_and_its_text_when_indexed() -> None:
    pages = [_page(f"p{number}.html", f"Page {number}", f"Text {number}.") for number in range(4)]
    laid_out = Collected("Site")
    for page in pages:
        laid_out.add(page)
    files = {str(page.output): indexed_text(page) for page in pages}
    kept = Collected("Site", read_back=files.get)
    kept.add(pages[0])  # laid out again
    for page in pages[1:]:
        kept.add_kept(str(page.output), laid_out.notes[str(page.output)])
    assert kept.listed == laid_out.listed
    one, other = laid_out.shards(), kept.shards()
    assert [shard_key(s, True, b"") for s in one] == [shard_key(s, True, b"") for s in other]
    assert [s.pages for s in one] == [s.pages for s in other]  # the kept pages' texts read from their files


def test_a_kept_page_whose_file_is_not_as_recorded_fails_the_index_not_silently() -> None:
    page = _page("a.html", "A", "Recorded text.")
    laid_out = Collected("Site")
    laid_out.add(page)
    changed = indexed_text(_page("a.html", "A", "Other text."))
    kept = Collected("Site", read_back=lambda name: changed)
    kept.add_kept("a.html", laid_out.notes["a.html"])
    with pytest.raises(GovpressError, match="not as it recorded it"):
        _ = kept.shards()[0].pages


def test_a_page_that_is_not_searchable_is_noted_as_such() -> None:
    collected = Collected("Site")
    collected.add(Page(PurePosixPath("404.html"), PAGE.format(title="Not found", text="")))
    assert collected.notes == {"404.html": NOT_SEARCHABLE} and collected.listed == []
    collected.add_kept("other.html", NOT_SEARCHABLE)
    assert collected.shards() == [] and collected.listed == []


def test_a_planned_shard_is_handed_over_once_its_last_page_is_settled_as_the_end_gives_it() -> None:
    pages = [_page(f"s{n % 3}/p{n}.html", f"Page {n}") for n in range(30)]
    not_searchable = Page(PurePosixPath("404.html"), PAGE.format(title="Not found", text=""))
    collected, ready = Collected("Site"), list[tuple[int, int]]()
    early: dict[int, shards_module.Shard] = {}

    def taken(shard: shards_module.Shard) -> None:
        ready.append((shard.number, len(collected.listed)))
        early[shard.number] = shard

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shards_module, "SHARD_PAGES", 8)
        order = collected.plan([str(p.output) for p in [*pages, not_searchable]], {"404.html"}, taken)
        for page in sorted([*pages, not_searchable], key=lambda page: order(str(page.output))):
            collected.add(page)
        final = collected.shards()
    assert [number for number, _ in ready] == [0, 1, 2, 3]  # shard by shard, in the order given
    assert [settled for _, settled in ready] == list(accumulate(len(shard.kept) for shard in final))  # at once
    assert [early[shard.number].pages for shard in final] == [shard.pages for shard in final]
    assert [early[shard.number].folder for shard in final] == [shard.folder for shard in final]


def test_the_shard_of_a_page_rendered_anew_is_settled_and_handed_over_first() -> None:
    pages = [_page(f"s{n % 3}/p{n}.html", f"Page {n}") for n in range(30)]
    names = [str(p.output) for p in pages]

    def settle(first: set[str]) -> tuple[list[int], list[str], list[shards_module.Shard]]:
        collected, ready = Collected("Site"), list[int]()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(shards_module, "SHARD_PAGES", 8)
            order = collected.plan(names, set(), lambda shard: ready.append(shard.number), first)
            settled = sorted(pages, key=lambda page: order(str(page.output)))
            for page in settled:
                collected.add(page)
            return ready, [str(page.output) for page in settled], collected.shards()

    plain_ready, _, plain_shards = settle(set())
    changed = next(name for name in names if shards_module.shard_of(name, 4) == 2)
    ready, settled, shards = settle({changed})
    assert plain_ready == [0, 1, 2, 3] and ready == [2, 0, 1, 3]
    first_shard = [name for name in settled if shards_module.shard_of(name, 4) == 2]
    assert settled[: len(first_shard)] == sorted(first_shard)  # its pages first, in path order
    same = [(shard.folder, shard.digests) for shard in shards]
    assert same == [(shard.folder, shard.digests) for shard in plain_shards]  # only the order of the work moved


@pytest.mark.usefixtures("small_shards")
def test_a_cold_build_indexes_each_shard_once_while_it_lays_out_the_rest(
    example_project: Path, tmp_path: Path, pagefind_runs: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    handed: list[int] = []
    real = index_module.Indexer.early

    def early(indexer: index_module.Indexer, shard: shards_module.Shard) -> None:
        handed.append(shard.number)
        real(indexer, shard)

    monkeypatch.setattr(index_module.Indexer, "early", early)
    out = build_site(example_project, tmp_path / "_site").out
    shards_made = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    assert handed == list(range(len(shards_made))) and len(pagefind_runs) == len(shards_made)  # none run twice


@pytest.mark.usefixtures("small_shards")
def test_after_a_page_changes_its_shard_is_indexed_first_and_the_index_is_a_cold_build_s(
    example_project: Path, tmp_path: Path, pagefind_runs: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(example_project, project, ignore=shutil.ignore_patterns("_site", ".govpress-cache"))
    handed: list[shards_module.Shard] = []
    real = index_module.Indexer.early

    def early(indexer: index_module.Indexer, shard: shards_module.Shard) -> None:
        handed.append(shard)
        real(indexer, shard)

    monkeypatch.setattr(index_module.Indexer, "early", early)
    build_site(project, project / "_site")
    with_source = [
        (shard.number, name)
        for shard in handed
        for name, *_ in shard.kept
        if name.endswith("/index.html") and any((project / "source" / name.removesuffix("/index.html")).glob("*.md"))
    ]
    number, name = with_source[-1]  # a page of the last shard settled: without the order, its shard would wait
    assert number != handed[0].number
    source = sorted((project / "source" / name.removesuffix("/index.html")).glob("*.md"))[-1]
    source.write_text(source.read_text(encoding="utf-8") + "\nA sentence added to this page.\n", encoding="utf-8")
    handed.clear()
    pagefind_runs.clear()
    out = build_site(project, project / "_site").out
    assert handed[0].number == number and name in [where[0] for where in handed[0].kept]
    assert len(pagefind_runs) == 1  # that shard alone
    cold = build_site(project, tmp_path / "cold").out  # another output folder: its own records, none yet
    assert _index_files(out) == _index_files(cold)


def _index_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}


@pytest.mark.usefixtures("small_shards")
def test_a_shard_indexed_early_that_the_index_does_not_take_leaves_nothing_in_the_site(
    example_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = build_site(example_project, tmp_path / "reference").out
    real = index_module.Indexer.early

    def early(indexer: index_module.Indexer, shard: shards_module.Shard) -> None:  # its pages turned out otherwise
        real(indexer, dataclasses.replace(shard, folder=f"{shard.folder}/early"))

    monkeypatch.setattr(index_module.Indexer, "early", early)
    out = build_site(example_project, tmp_path / "_site").out
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert not [name for name in files if "/early/" in name]
    assert files == {
        p.relative_to(reference).as_posix(): p.read_bytes() for p in (reference / "pagefind").rglob("*") if p.is_file()
    }


@pytest.mark.usefixtures("small_shards")
def test_a_shard_indexed_early_from_other_pages_never_overwrites_the_index_in_its_folder(
    example_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = build_site(example_project, tmp_path / "reference").out
    real_early, real_indexed = index_module.Indexer.early, index_module.Indexer._indexed
    handed: set[tuple[str, ...]] = set()  # the pages of each shard handed over early, by path
    shortened: set[tuple[str, ...]] = set()
    written = threading.Event()  # set once a shard indexed by the index itself (not early) is written

    def early(indexer: index_module.Indexer, shard: shards_module.Shard) -> None:  # its folder, a page fewer
        if len(shard.kept) > 1:
            shard = dataclasses.replace(shard, kept=shard.kept[:-1])
            shortened.add(tuple(where[0] for where in shard.kept))
        handed.add(tuple(where[0] for where in shard.kept))
        real_early(indexer, shard)

    def indexed(
        indexer: index_module.Indexer, folder: str, pages: Sequence[tuple[str, bytes]], key: str, primary: bool
    ) -> Indexed:
        paths = tuple(path for path, _ in pages)
        if paths in shortened:  # a late early run: it writes after the index's own, if they run together
            written.wait(timeout=5)
            return real_indexed(indexer, folder, pages, key, primary)
        found = real_indexed(indexer, folder, pages, key, primary)
        if paths not in handed:
            written.set()
        return found

    monkeypatch.setattr(index_module, "RUNNERS", 32)  # the early runs wait: the index's own must not queue behind
    monkeypatch.setattr(index_module.Indexer, "early", early)
    monkeypatch.setattr(index_module.Indexer, "_indexed", indexed)
    out = build_site(example_project, tmp_path / "_site").out
    assert shortened
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert files == {
        p.relative_to(reference).as_posix(): p.read_bytes() for p in (reference / "pagefind").rglob("*") if p.is_file()
    }
