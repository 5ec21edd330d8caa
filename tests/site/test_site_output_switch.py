"""How the new site is switched in (govpress.site.write.output): a small change replaces its files one by one in OUT
(the folder stays, the unchanged files are not touched), a larger one swaps the whole folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.site.build import build_site
from govpress.site.write import output as output_module

PAGE = "digital/quarterly-reports/spring-26/index.html"


def _change(project: Path, text: str) -> None:
    page = project / "source" / PAGE
    page.write_text(page.read_text(encoding="utf-8") + f"<p>{text}</p>\n", encoding="utf-8")


def _inodes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}


def _leftovers(project: Path) -> list[Path]:
    return [p for p in (project / ".govpress-cache").iterdir() if ".new-" in p.name]


def test_a_small_change_replaces_only_its_files(project: Path) -> None:
    build_site(project, generators=())
    out = project / "_site"
    folder, before = out.stat().st_ino, _inodes(out)
    _change(project, "file by file")
    build_site(project, generators=())
    after = _inodes(out)
    assert out.stat().st_ino == folder, "the folder was not swapped"
    changed = sorted(name for name in before if after.get(name) != before[name])
    assert PAGE in changed
    assert [name for name in changed if not name.startswith("pagefind/") and name != PAGE] == []
    assert "file by file" in (out / PAGE).read_text(encoding="utf-8")
    assert not _leftovers(project)


def test_a_new_page_in_a_new_folder_and_a_removed_page_file_by_file(project: Path, tmp_path: Path) -> None:
    build_site(project, generators=())
    out = project / "_site"
    folder = out.stat().st_ino
    (project / "source/digital/new/deeper").mkdir(parents=True)
    (project / "source/digital/new/deeper/index.html").write_text("<h1>New</h1>\n<p>New.</p>\n", encoding="utf-8")
    (project / "source" / PAGE).unlink()
    build_site(project, generators=())
    assert out.stat().st_ino == folder
    assert (out / "digital/new/deeper/index.html").is_file()
    assert not (out / PAGE).exists()
    build_site(project, tmp_path / "cold", generators=())
    assert sorted(_inodes(out)) == sorted(_inodes(tmp_path / "cold"))


def test_a_larger_change_swaps_the_whole_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(project, generators=())
    out = project / "_site"
    folder, before = out.stat().st_ino, _inodes(out)
    monkeypatch.setattr(output_module, "FILE_BY_FILE", 1)
    _change(project, "the whole folder")
    build_site(project, generators=())
    assert out.stat().st_ino != folder, "the folder was swapped"
    after = _inodes(out)
    assert [name for name in before if after.get(name) != before[name] and not name.startswith("pagefind/")] == [PAGE]
    assert "the whole folder" in (out / PAGE).read_text(encoding="utf-8")
    assert not _leftovers(project)


def test_a_file_taken_back_is_not_published_in_either_mode(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    out.mkdir()
    (out / "kept.html").write_bytes(b"old")
    for file_by_file in (0, 256):  # the whole new folder; the folder of changes
        output = output_module.SiteOutput(out, frozenset({"kept.html"}), file_by_file=file_by_file)
        output.write("kept.html", b"old")
        output.write("early/a.pf", b"taken back")
        output.write("early/b.pf", b"published")
        output.discard("early/a.pf")
        output.discard("kept.html")  # OUT's own file, not written by this build: left to the switch
        output.finish({"kept.html", "early/b.pf"})
        assert (out / "kept.html").read_bytes() == b"old" and (out / "early/b.pf").read_bytes() == b"published"
        assert not (out / "early/a.pf").exists()
        (out / "early/b.pf").unlink()


def test_two_threads_write_into_one_output(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    out = tmp_path / "_site"
    out.mkdir()
    (out / "old.html").write_bytes(b"old")
    names = [f"t{thread}/f{number}.html" for thread in range(2) for number in range(300)]
    output = output_module.SiteOutput(out, frozenset({"old.html"}))  # starts file by file, then the whole folder
    with ThreadPoolExecutor(2) as pool:
        for thread in range(2):
            pool.submit(lambda t: [output.write(n, n.encode()) for n in names if n.startswith(f"t{t}/")], thread)
    output.finish({*names, "old.html"})
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == {
        **{name: name.encode() for name in names},
        "old.html": b"old",
    }
    assert output.changed == len(names)
