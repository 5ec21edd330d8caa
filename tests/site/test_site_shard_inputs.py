"""What a shard records of the project it was built from (:mod:`govpress.site.shards.inputs`): every file by the
digest of its bytes, never the output, the records, git's folder or another shard's output; links named, not
followed; a FIFO never opened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govpress.digest import short_digest
from govpress.problems import GovpressError
from govpress.site.shards.inputs import differences, project_files
from govpress.site.shards.record import RECORD_NAME


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_every_file_by_its_content_and_nothing_a_build_writes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write(project / "govpress.toml", 'site_name = "S"\n')
    write(project / "source" / "a" / "index.md", "# A\n")
    write(project / "data" / "store.db", "tables")
    for left_out in (
        ".git/HEAD",
        ".govpress-cache/x/pages.json",
        "source/__pycache__/x.pyc",
        "data/store.db-wal",
        "data/store.db-shm",
        "data/store.db-journal",
        "_site/index.html",
        "elsewhere/out/index.html",
        f"shard-1/{RECORD_NAME}",
        "shard-1/a/index.html",
    ):
        write(project / left_out, "not an input")
    found = project_files(project, skip=(project / "_site", project / "elsewhere" / "out"))
    assert found == {
        "data/store.db": short_digest(b"tables"),
        "govpress.toml": short_digest(b'site_name = "S"\n'),
        "source/a/index.md": short_digest(b"# A\n"),
    }
    assert list(found) == sorted(found)


def test_the_same_files_elsewhere_at_other_times_are_the_same_inputs(tmp_path: Path) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    for project in (one, other):
        write(project / "source" / "a" / "index.md", "# A\n")
    os.utime(other / "source" / "a" / "index.md", ns=(0, 0))
    assert project_files(one) == project_files(other)


def test_a_link_is_named_by_its_target_and_not_followed(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write(tmp_path / "outside" / "secret.txt", "outside the project")
    project.mkdir()
    (project / "linked").symlink_to(tmp_path / "outside")
    assert project_files(project) == {"linked": f"link:{tmp_path / 'outside'}"}


def test_a_name_that_is_not_utf_8_is_kept_as_printable_text(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / os.fsdecode(b"bad\xffname.txt")).write_bytes(b"x")
    assert project_files(project) == {"bad\\xffname.txt": short_digest(b"x")}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    os.mkfifo(project / "pipe")
    assert project_files(project) == {"pipe": "other"}  # opening it to read would wait for a writer


def test_a_file_that_cannot_be_read_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    write(project / "locked.md", "# Locked\n")
    real_open = os.open

    def refusing(path: str, flags: int, *args: int) -> int:
        if str(path).endswith("locked.md"):  # as a file of another user's, even where the tests run as root
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing)
    with pytest.raises(GovpressError) as raised:
        project_files(project)
    [problem] = raised.value.problems
    assert problem.path == str(project / "locked.md")
    assert problem.message == "cannot read this file: Permission denied"


def test_differences_name_the_first_files_of_each_kind() -> None:
    recorded = {f"f{n}": "x" for n in range(8)} | {"gone": "x"}
    here = {f"f{n}": "y" for n in range(8)} | {"new": "x"}
    assert differences(recorded, recorded) is None
    assert differences(recorded, here) == (
        "not the same: f0, f1, f2, f3, f4 and 3 more; not here: gone; only here: new"
    )
