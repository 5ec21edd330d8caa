"""The output folder holds only the site, is replaced whole (never a mix of two builds), and a build that fails or is
killed leaves the previous site as it was, with no worker left behind."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govpress.problems import GovpressError
from govpress.site.build import build_site
from govpress.site.engine.parts import NAME as PART
from govpress.site.engine.records import record_folder
from govpress.site.new import new_site
from govpress.site.write import output as output_module
from govpress.site.write.assets import copy_static
from govpress.site.write.output import SiteOutput
from support.builds import output_files

REPO = Path(__file__).resolve().parents[2]
PAGE = "digital/quarterly-reports/spring-26/index.html"
PARTIAL = "source/partials/quarters/_spring-26.md"


def _change(project: Path, text: str) -> None:
    partial = project / PARTIAL
    partial.write_text(partial.read_text(encoding="utf-8") + f"\n* {text}\n", encoding="utf-8")


def test_the_output_holds_only_the_site(project: Path) -> None:
    build_site(project, generators=())
    out = project / "_site"
    assert not (out / ".govpress-cache").exists()
    published = {"static", "pagefind"}  # govpress's static files and the search index are the site's own
    assert not [p for p in out.rglob("*") if p.suffix in (".pickle", ".json") and not published & set(p.parts)]
    records = record_folder(project, out)
    assert records is not None and records.path.parent == project / ".govpress-cache"
    found = {p.name for p in records.path.iterdir() if not PART.fullmatch(p.name)}  # and the cache's parts
    assert found == {"pages.json", "written.json", "search.json", "inputs.json"}


def test_two_outputs_never_share_records(project: Path, tmp_path: Path) -> None:
    one, two = record_folder(project, tmp_path / "one"), record_folder(project, tmp_path / "two")
    assert one is not None and two is not None and one.path != two.path


def test_an_older_govpresss_cache_in_the_output_is_removed(project: Path) -> None:
    build_site(project, generators=())
    old = project / "_site/.govpress-cache"
    old.mkdir()
    (old / "pages.pickle").write_bytes(b"old")
    build_site(project, generators=())
    assert not old.exists()


def test_readers_see_the_previous_site_until_the_switch(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(project, generators=())
    out = project / "_site"
    before = output_files(out)
    seen: list[dict[str, bytes]] = []
    finish = SiteOutput.finish

    def spy(self: SiteOutput, names: set[str]) -> bool:
        seen.append(output_files(out))  # every new file is written by now, beside OUT
        return finish(self, names)

    monkeypatch.setattr(SiteOutput, "finish", spy)
    _change(project, "the new version")
    build_site(project, generators=())
    assert seen == [before], "OUT was not touched before the switch"
    assert "the new version" in (out / PAGE).read_text(encoding="utf-8")
    assert not [p for p in (project / ".govpress-cache").iterdir() if ".new-" in p.name], "the old site is removed"


def test_unchanged_files_are_hard_linked_and_the_previous_file_keeps_its_bytes(project: Path) -> None:
    build_site(project, generators=())
    out = project / "_site"
    inodes = {name: (out / name).stat().st_ino for name in output_files(out)}
    with (out / PAGE).open("rb") as previous:
        _change(project, "a second version")
        build_site(project, generators=())
        assert b"a second version" not in previous.read(), "the page was written anew, not in place"
    now = {name: (out / name).stat().st_ino for name in output_files(out)}
    # the search index (named by its content) holds the page's text: it changes with it
    assert [name for name in inodes if not name.startswith("pagefind/") and now[name] != inodes[name]] == [PAGE]


def test_a_build_that_changes_nothing_switches_nothing(project: Path) -> None:
    build_site(project, generators=())
    folder = (project / "_site").stat().st_ino
    build_site(project, generators=())
    assert (project / "_site").stat().st_ino == folder


def test_files_govpress_did_not_write_stay(project: Path) -> None:
    build_site(project, generators=())
    (project / "_site/CNAME").write_text("plan.example.org\n", encoding="utf-8")
    _change(project, "with a CNAME")
    build_site(project, generators=())
    assert (project / "_site/CNAME").read_text(encoding="utf-8") == "plan.example.org\n"


def test_a_failed_build_leaves_the_previous_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(project, generators=())
    before = output_files(project / "_site")
    real = SiteOutput.write

    def failing(self: SiteOutput, name: str, data: bytes) -> Path:
        if name == PAGE:
            raise OSError(28, "No space left on device")
        return real(self, name, data)

    monkeypatch.setattr(SiteOutput, "write", failing)
    _change(project, "never published")
    with pytest.raises(OSError, match="No space left"):
        build_site(project, generators=())
    assert output_files(project / "_site") == before
    assert not [p for p in (project / ".govpress-cache").iterdir() if ".new-" in p.name], "its new folder is removed"


def test_a_symbolic_link_output_stays_a_link_to_the_new_site(project: Path, tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    link = tmp_path / "published"
    link.symlink_to(tmp_path / "www")
    build_site(project, link, generators=())
    _change(project, "through the link")
    build_site(project, link, generators=())
    assert link.is_symlink()
    assert "through the link" in (tmp_path / "www" / PAGE).read_text(encoding="utf-8")


def test_without_renameat2_two_renames_switch(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output_module, "_exchange", lambda one, other: False)
    build_site(project, generators=())
    _change(project, "switched by renames")
    build_site(project, generators=())
    assert "switched by renames" in (project / "_site" / PAGE).read_text(encoding="utf-8")
    assert not [p for p in (project / ".govpress-cache").iterdir() if ".new-" in p.name]


# --- A killed build: no worker left, the previous site intact, its leftovers removed by the next build ----------

BUILD = """
import sys
from pathlib import Path
from govpress.site.build import build_site
build_site(Path(sys.argv[1]), jobs=2, generators=())
"""


def _big_project(tmp_path: Path, pages: int) -> Path:
    project = tmp_path / "big"
    new_site(project)
    for number in range(pages):
        folder = project / "source" / "notes" / f"note-{number}"
        folder.mkdir(parents=True)
        text = "".join(f"Paragraph {n} of note {number}, with *emphasis* and a [link](#x).\n\n" for n in range(40))
        (folder / "01-note.md").write_text(f"#Note {number}\n\n{text}", encoding="utf-8")
    return project


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; the parent-death signal is Linux's")
@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_build_leaves_no_worker_and_the_previous_site(tmp_path: Path, kill: signal.Signals) -> None:
    project = _big_project(tmp_path, 300)
    command = [sys.executable, "-c", BUILD, str(project)]
    subprocess.run(command, check=True, cwd=REPO, timeout=120)
    before = output_files(project / "_site")
    for page in (project / "source/notes").glob("*/01-note.md"):
        page.write_text(page.read_text(encoding="utf-8") + "\nChanged.\n", encoding="utf-8")
    build = subprocess.Popen(command, cwd=REPO)
    deadline = time.monotonic() + 30
    while not (workers := _children(build.pid)):
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before its workers started"
        time.sleep(0.02)
    time.sleep(0.1)
    assert build.poll() is None, "the build was too quick to be killed mid-way"
    build.send_signal(kill)
    build.wait(timeout=10)
    deadline = time.monotonic() + 5
    while any(_running(pid) for pid in workers):
        assert time.monotonic() < deadline, f"workers left running after {kill.name}: {workers}"
        time.sleep(0.05)
    at_kill = output_files(project / "_site")
    subprocess.run(command, check=True, cwd=REPO, timeout=120)
    assert not [p for p in (project / ".govpress-cache").iterdir() if ".new-" in p.name], "leftovers removed"
    after = output_files(project / "_site")
    assert b"Changed." in after["notes/note-0/index.html"]
    # Killed before the switch, the previous site; after it (a fast machine), the whole new one: never a mix.
    assert at_kill in (before, after), "the site the kill left is the previous one or the whole new one"


def test_a_read_only_project_gets_no_records_folder(project: Path, tmp_path: Path) -> None:
    project.chmod(0o555)
    try:
        first = build_site(project, tmp_path / "out", generators=())
        second = build_site(project, tmp_path / "out", generators=())
    finally:
        project.chmod(0o755)
    assert not (project / ".govpress-cache").exists(), "not even root writes into a read-only project"
    assert (first.rendered, second.rendered) == (6, 0), "the records are kept in the user's cache instead"


def test_a_new_file_is_made_in_one_step_and_anything_in_its_place_goes_the_checked_way(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    output = SiteOutput(out)
    folder = output.begin()
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's", encoding="utf-8")
    (folder / "a").mkdir()
    (folder / "a" / "link.html").symlink_to(outside)  # a link where a page goes: replaced, never followed
    (folder / "a" / "dir.html").mkdir()  # a folder where a page goes: replaced
    made: list[str] = []
    real_create = output_module._create

    def watched(path: Path, data: bytes) -> bool:
        done = real_create(path, data)
        made.append(f"{path.relative_to(folder)} {done}")
        return done

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(output_module, "_create", watched)
        for name in ("a/new.html", "a/link.html", "a/dir.html", "b/c/new.html", "a/new.html"):
            output.write(name, f"<p>{name}</p>".encode())
        output.write("a/new.html", b"<p>changed</p>")
    assert made == [
        "a/new.html True",
        "a/link.html False",
        "a/dir.html False",
        "b/c/new.html True",
        "a/new.html False",
        "a/new.html False",
    ]
    assert outside.read_text(encoding="utf-8") == "not the site's"
    assert not (folder / "a" / "link.html").is_symlink()
    assert (folder / "a" / "link.html").read_bytes() == b"<p>a/link.html</p>"
    assert (folder / "a" / "dir.html").read_bytes() == b"<p>a/dir.html</p>"
    assert (folder / "a" / "new.html").read_bytes() == b"<p>changed</p>"
    assert output.changed == 5  # the same bytes again are no change
    assert output.finish({"a/new.html", "a/link.html", "a/dir.html", "b/c/new.html"})
    assert (out / "b" / "c" / "new.html").read_bytes() == b"<p>b/c/new.html</p>"


@pytest.mark.parametrize("changed", [1, 300], ids=["one page: file by file, then the whole folder", "300 pages"])
def test_a_link_where_the_site_needs_a_folder_is_refused_never_written_through(tmp_path: Path, changed: int) -> None:
    """``OUT/many`` made a link to a folder outside: the pages under it were written there (found by hand at stop
    25). Now the build stops at the link, writes nothing outside, and leaves the previous site as it was."""
    project, out, outside = tmp_path / "p", tmp_path / "p" / "_site", tmp_path / "outside"
    new_site(project)
    pages = [project / "source" / "many" / f"page-{n:03}" / "index.md" for n in range(300)]
    for number, page in enumerate(pages):
        page.parent.mkdir(parents=True)
        page.write_text(f"#Page {number}\n\nText.\n", encoding="utf-8")
    build_site(project, out)
    outside.mkdir()
    shutil.rmtree(out / "many")
    (out / "many").symlink_to(outside)
    before = output_files(out)
    for page in pages[:changed]:
        page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    with pytest.raises(GovpressError) as raised:
        build_site(project, out)
    [problem] = raised.value.problems
    assert problem.path == str(out / "many")
    assert problem.message.startswith(f"a symbolic link (to {outside}) where the site needs a folder")
    assert not any(outside.iterdir())
    assert (out / "many").is_symlink() and output_files(out) == before


def test_a_file_where_the_site_needs_a_folder_is_a_located_error(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    output = SiteOutput(out)
    folder = output.begin()
    (folder / "a").write_text("a file", encoding="utf-8")
    with pytest.raises(GovpressError) as raised:
        output.write("a/b/index.html", b"<p>page</p>")
    [problem] = raised.value.problems
    assert (problem.path, problem.message) == (
        str(out / "a"),
        "a file where the site needs a folder; remove it, or build into another folder",
    )
    assert (folder / "a").read_text(encoding="utf-8") == "a file"


def test_the_static_files_are_never_written_through_a_link(tmp_path: Path) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    out.mkdir()
    (out / "static").symlink_to(outside)
    with pytest.raises(GovpressError) as raised:
        copy_static(out)
    assert raised.value.problems[0].path == str(out / "static")
    assert not any(outside.iterdir())
    (out / "static").unlink()
    written = copy_static(out)
    (outside / "kept.css").write_text("outside", encoding="utf-8")
    written[0].unlink()
    written[0].symlink_to(outside / "kept.css")  # a link where a static file goes: replaced by the file
    copy_static(out)
    assert not written[0].is_symlink() and (outside / "kept.css").read_text(encoding="utf-8") == "outside"
