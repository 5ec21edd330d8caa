"""A build split by section (``build --only``) and merged (``govpress merge``) is the whole build, byte for byte, with
the same problems; the merge finds what only the whole site shows (a broken link into another shard) and refuses
shards that overlap (docs/scaling.md, "Splitting the build across machines")."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.problems import GovpressError
from govpress.site.build import BuildOptions, build_site, run_build
from govpress.site.new import new_site
from govpress.site.report import BuildReport
from govpress.site.shards.merge import merge_shards
from govpress.site.shards.plan import Only, section_of
from govpress.site.shards.record import RECORD_NAME

BENCH = Path(__file__).resolve().parents[2] / "bench" / "synthetic_site.py"
WHOLE_SITE = ("index.html", "sitemap.xml", "robots.txt", "search", "pagefind", "static", "assets", "error.html")


@pytest.fixture(autouse=True)
def _pinned_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def manifest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def shard(project: Path, out: Path, *sections: str) -> BuildReport:
    return run_build(project, out, BuildOptions(only=Only(frozenset(sections))))


def split_and_merge(project: Path, tmp: Path, parts: Sequence[Sequence[str]]) -> BuildReport:
    folders = []
    for number, sections in enumerate(parts):
        folders.append(tmp / f"shard-{number}")
        shard(project, folders[-1], *sections)
    return merge_shards(project, folders, tmp / "merged")


def assert_same_site(whole: Path, merged: Path) -> None:
    expected, found = manifest(whole), manifest(merged)
    assert sorted(found) == sorted(expected)
    assert [name for name in expected if found[name] != expected[name]] == []


def synthetic(project: Path, pages: int, per_section: int) -> None:
    spec = importlib.util.spec_from_file_location("synthetic_site", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_site(project, pages, per_section)


def small_site(project: Path, link: str) -> None:
    """Two sections, ``a`` and ``b``; the page of ``a`` links to ``link``."""
    (project / "source" / "a" / "one").mkdir(parents=True)
    (project / "source" / "b" / "two").mkdir(parents=True)
    (project / "govpress.toml").write_text('site_name = "Small"\nsearch = false\n', encoding="utf-8")
    (project / "source" / "a" / "index.md").write_text("# Section A\n\n- [One](/a/one/)\n", encoding="utf-8")
    (project / "source" / "b" / "index.md").write_text("# Section B\n\n- [Two](/b/two/)\n", encoding="utf-8")
    one = f"# One\n\nSome text.\n\nSee [the other section's page]({link}).\n"
    (project / "source" / "a" / "one" / "index.md").write_text(one, encoding="utf-8")
    (project / "source" / "b" / "two" / "index.md").write_text(
        "# Two\n\n## Figures {#figures}\n\nText.\n", encoding="utf-8"
    )


@pytest.mark.parametrize("parts", [[["digital"], ["performance"]], [["digital"]], [["performance", "digital"]]])
def test_the_example_split_by_section_merges_into_the_whole_build(tmp_path: Path, parts: list[list[str]]) -> None:
    project = tmp_path / "example"
    new_site(project)
    whole = build_site(project, tmp_path / "whole")
    merged = split_and_merge(project, tmp_path, parts)
    assert_same_site(tmp_path / "whole", tmp_path / "merged")
    assert merged.problems == whole.problems
    assert merged.pages == whole.pages


@pytest.mark.parametrize("header_sections", [None, 3])
def test_a_synthetic_site_split_in_two_merges_into_the_whole_build(tmp_path: Path, header_sections: int | None) -> None:
    project = tmp_path / "synthetic"
    synthetic(project, pages=40, per_section=10)  # four sections, each page linking into the next section
    if header_sections is not None:  # a capped header: its "All sections" link depends on the source's root page
        with (project / "govpress.toml").open("a", encoding="utf-8") as config:
            config.write(f"\nheader_sections = {header_sections}\n")
    whole = build_site(project, tmp_path / "whole")
    merged = split_and_merge(project, tmp_path, [["s0000", "s0001"], ["s0002", "s0003"]])
    assert_same_site(tmp_path / "whole", tmp_path / "merged")
    assert merged.problems == whole.problems


def test_a_shard_writes_its_sections_pages_and_no_whole_site_page(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    report = shard(project, tmp_path / "shard", "digital")
    top = {p.name for p in (tmp_path / "shard").iterdir()}
    assert top == {"digital", "cy", RECORD_NAME}  # the Welsh pages of the section go with it
    assert not top & set(WHOLE_SITE)
    record = json.loads((tmp_path / "shard" / RECORD_NAME).read_text(encoding="utf-8"))
    assert record["sections"] == ["digital"]
    assert len(record["pages"]) == report.pages
    strategy = next(p for p in record["pages"] if p["output"] == "digital/strategy/index.html")
    assert strategy["source"].startswith("./source/digital/strategy/")
    assert "/digital/quarterly-reports/feed.atom" in strategy["facts"]["links"]
    whole = build_site(project, tmp_path / "whole")
    assert whole.problems == ()
    whole_files, shard_files = manifest(tmp_path / "whole"), manifest(tmp_path / "shard")
    # each page is already as the whole build writes it: the header lists every section, the titles are the site's
    assert all(whole_files[name] == digest for name, digest in shard_files.items() if name != RECORD_NAME)


def test_a_broken_link_into_another_shard_is_found_by_the_merge(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/two/#no-such-heading")
    whole = build_site(project, tmp_path / "whole")
    alone = shard(project, tmp_path / "shard-0", "a")
    assert alone.problems == ()  # the shard does not check links: the page it links to is not its own
    merged = split_and_merge(project, tmp_path, [["a"], ["b"]])
    [problem] = merged.problems
    assert "no element with id 'no-such-heading' on b/two/index.html" in problem.message
    assert problem.path == str(project / "source" / "a" / "one" / "index.md") and problem.line == 5
    assert merged.problems == whole.problems
    assert_same_site(tmp_path / "whole", tmp_path / "merged")


def test_a_link_to_a_page_no_shard_made_is_broken(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/three/")
    whole = build_site(project, tmp_path / "whole")
    merged = split_and_merge(project, tmp_path, [["b"], ["a"]])
    assert [p.message for p in merged.problems] == ["broken link '/b/three/': no such page or file"]
    assert merged.problems == whole.problems


def test_shards_that_build_the_same_section_do_not_merge(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/two/")
    shard(project, tmp_path / "first", "a")
    shard(project, tmp_path / "second", "a", "b")
    with pytest.raises(GovpressError) as raised:
        merge_shards(project, [tmp_path / "first", tmp_path / "second"], tmp_path / "merged")
    messages = [str(p) for p in raised.value.problems]
    assert any("section 'a' is built by this shard and by" in m for m in messages)
    assert any("written by another shard too: a/index.html (also in" in m for m in messages)
    assert all(p.path == str(tmp_path / "second" / RECORD_NAME) for p in raised.value.problems)
    assert not (tmp_path / "merged").exists()


def test_a_record_naming_a_file_outside_the_shard_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/two/")
    shard(project, tmp_path / "shard", "a")
    path = tmp_path / "shard" / RECORD_NAME
    record = json.loads(path.read_text(encoding="utf-8"))
    record["pages"][0]["output"] = "../../outside.html"
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(GovpressError) as raised:
        merge_shards(project, [tmp_path / "shard"], tmp_path / "merged")
    [problem] = raised.value.problems
    assert problem.path == str(path) and "not a file name inside the site" in problem.message


def test_a_shard_of_another_settings_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/two/")
    run_build(project, tmp_path / "shard", BuildOptions(base_url="/plan/", only=Only(frozenset({"a"}))))
    with pytest.raises(GovpressError, match="other settings than the project's"):
        merge_shards(project, [tmp_path / "shard"], tmp_path / "merged")


def test_a_shard_built_from_other_project_files_is_refused_naming_them(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/two/")
    shard(project, tmp_path / "first", "a")
    page = project / "source" / "b" / "two" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEdited after the first shard was built.\n", encoding="utf-8")
    (project / "source" / "b" / "new.md").write_text("# New\n", encoding="utf-8")
    shard(project, tmp_path / "second", "b")
    with pytest.raises(GovpressError) as raised:
        merge_shards(project, [tmp_path / "first", tmp_path / "second"], tmp_path / "merged")
    [problem] = raised.value.problems  # the second shard was built from the files as they are now
    assert problem.path == str(tmp_path / "first" / RECORD_NAME)
    assert problem.message == (
        "built from other project files than this checkout's (not the same: source/b/two/index.md; "
        "only here: source/b/new.md): build the shard again"
    )
    assert not (tmp_path / "merged").exists()


def test_shards_built_from_two_checkouts_of_the_same_files_merge(tmp_path: Path) -> None:
    project, other = tmp_path / "small", tmp_path / "checkout"
    small_site(project, "/b/two/")
    small_site(other, "/b/two/")  # the same files, other modification times
    (other / "_site").mkdir()  # its own output and build records are not the project's files
    (other / "_site" / "index.html").write_text("an older build", encoding="utf-8")
    shard(other, tmp_path / "first", "a")
    shard(project, tmp_path / "second", "b")
    assert (other / ".govpress-cache").is_dir()
    report = merge_shards(project, [tmp_path / "first", tmp_path / "second"], tmp_path / "merged")
    assert report.problems == build_site(project, tmp_path / "whole").problems
    assert_same_site(tmp_path / "whole", tmp_path / "merged")


def test_a_project_file_whose_name_is_not_utf_8_is_recorded_and_merges(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/two/")
    (project / os.fsdecode(b"notes-\xff.txt")).write_text("not a page", encoding="utf-8")  # outside the sources
    shard(project, tmp_path / "first", "a")
    report = merge_shards(project, [tmp_path / "first"], tmp_path / "merged")
    assert report.problems == ()


def test_an_unknown_section_is_named(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/two/")
    with pytest.raises(GovpressError, match=r"no such section: c \(the site's sections: a, b\)"):
        shard(project, tmp_path / "shard", "c")


def test_the_section_of_a_file() -> None:
    languages = ("cy",)
    assert section_of("digital/strategy/index.html", languages) == "digital"
    assert section_of("cy/digital/index.html", languages) == "digital"
    assert section_of("cy/index.html", languages) is None
    assert section_of("error.html", languages) is None


def test_the_commands(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/two/#nowhere")
    runner = CliRunner()
    for name in ("a", "b"):
        built = runner.invoke(cli, ["build", str(project), "--only", name, "-o", str(tmp_path / name)])
        assert built.exit_code == 0, built.output
        assert f"Built the shard {name}:" in built.output
    no_out = runner.invoke(cli, ["build", str(project), "--only", "a"])
    assert no_out.exit_code == 2 and "needs its own output folder" in no_out.output
    args = ["merge", str(tmp_path / "a"), str(tmp_path / "b"), "-p", str(project), "-o", str(tmp_path / "site")]
    merged = runner.invoke(cli, args)
    assert merged.exit_code == 0, merged.output
    assert "no element with id 'nowhere'" in merged.output and "Merged 2 shards:" in merged.output
    strict = runner.invoke(cli, [*args, "--strict"])
    assert strict.exit_code == 1
    clash = runner.invoke(cli, ["merge", str(tmp_path / "a"), str(tmp_path / "a"), "-p", str(project), "-o", "x"])
    assert clash.exit_code == 1 and "section 'a' is built by this shard and by" in clash.output


def test_problems_in_every_part_are_listed_as_a_whole_build_lists_them(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/nowhere/")
    two = project / "source" / "b" / "two" / "index.md"
    two.write_text("# Two\n\n### Skipped a level\n\nSee [nothing](../none/).\n", encoding="utf-8")
    (project / "source" / "about.html").write_text("<h1>About</h1>\n<p><a href='/c/'>C</a></p>\n", encoding="utf-8")
    whole = build_site(project, tmp_path / "whole")
    assert len(whole.problems) >= 4
    merged = split_and_merge(project, tmp_path, [["b"], ["a"]])
    assert merged.problems == whole.problems
    assert_same_site(tmp_path / "whole", tmp_path / "merged")


def test_copied_files_and_a_base_path_merge_as_a_whole_build_makes_them(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/a/one/figures.csv")
    (project / "source" / "a" / "one" / "figures.csv").write_text("year,count\n2026,3\n", encoding="utf-8")
    (project / "source" / "notes.txt").write_text("at the root\n", encoding="utf-8")
    options = BuildOptions(base_url="/plan/")
    whole = run_build(project, tmp_path / "whole", options)
    folders = [tmp_path / "shard-a", tmp_path / "shard-b"]
    for folder, section in zip(folders, ("a", "b"), strict=True):
        run_build(project, folder, BuildOptions(base_url="/plan/", only=Only(frozenset({section}))))
    assert manifest(folders[0]).keys() >= {"a/one/figures.csv", "a/one/index.html"}
    assert "notes.txt" not in manifest(folders[0]) and "notes.txt" not in manifest(folders[1])
    merged = merge_shards(project, folders, tmp_path / "merged", base_url="/plan/")
    assert_same_site(tmp_path / "whole", tmp_path / "merged")
    assert merged.problems == whole.problems == ()
    assert merged.files == whole.files


def test_a_source_that_fails_in_a_shard_is_reported_by_the_merge(tmp_path: Path) -> None:
    project = tmp_path / "small"
    small_site(project, "/b/two/")
    (project / "source" / "a" / "bad").mkdir()
    (project / "source" / "a" / "bad" / "index.md").write_bytes(b"# Bad \xff\xfe text\n")
    whole = build_site(project, tmp_path / "whole")
    assert whole.errors or whole.warnings
    alone = shard(project, tmp_path / "alone", "b")
    assert alone.problems == ()  # the failed page is not this shard's
    merged = split_and_merge(project, tmp_path, [["a"], ["b"]])
    assert merged.problems == whole.problems
    assert_same_site(tmp_path / "whole", tmp_path / "merged")
