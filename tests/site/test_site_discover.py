"""Source discovery (legacy-site.md §1.1): document folders, HTML pages and their layouts, copied files."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from govpress.problems import GovpressError
from govpress.site.sources.discover import discover


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_folder_of_markdown_is_one_page_in_byte_order(tmp_path: Path) -> None:
    source = _tree(
        tmp_path,
        {
            "docs/report/footnotes.md": "",
            "docs/report/01-a.md": "",
            "docs/report/05-Zeta.md": "",
            "docs/report/05-alpha.md": "",
            "docs/report/00-contents.md": "",
            "docs/report/meta.html": "<title>Report</title>",
        },
    )
    tree = discover(source)
    [document] = tree.documents
    assert [p.name for p in document.files] == [
        "00-contents.md",
        "01-a.md",
        "05-Zeta.md",
        "05-alpha.md",
        "footnotes.md",
    ]
    assert document.output == PurePosixPath("docs/report/index.html")
    assert document.meta == source / "docs/report/meta.html"
    assert tree.html_pages == ()


def test_html_pages_name_their_layout_and_partials_are_left_out(tmp_path: Path) -> None:
    source = _tree(
        tmp_path,
        {
            "site/index.html": "\n{landingpage_home_template}\n<h1>Home</h1>",
            "site/metadata/index.html": "{case_study_template}\n<h1>A page whose path holds 'meta'</h1>",
            "error.html": "<!DOCTYPE html><title>Not found</title>",
            "partials/_header.html": "<p>header</p>",
            "partials/_x.md": "text",
            "site/talk/transcript.xml": "<tt/>",
        },
    )
    tree = discover(source)
    layouts = {str(p.output): p.layout for p in tree.html_pages}
    assert layouts == {
        "error.html": None,
        "site/index.html": "landingpage_home",
        "site/metadata/index.html": "case_study",
    }
    assert [str(c.output) for c in tree.copies] == ["site/talk/transcript.xml"]
    assert tree.documents == ()
    assert tree.sections == ("site",)


def test_a_missing_source_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GovpressError, match="no source folder"):
        discover(tmp_path / "source")


def test_a_folder_that_cannot_be_read_is_a_located_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(As root, permissions do not stop reading: the refusal is simulated where the walk lists a folder.)"""
    source = _tree(tmp_path, {"plan/01-a.md": "# A\n", "locked/01-b.md": "# B\n"})
    real = os.scandir

    def refusing(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", refusing)
    with pytest.raises(GovpressError) as raised:
        discover(source)
    [problem] = raised.value.problems
    assert problem.path == str(source / "locked") and "cannot read this folder: Permission denied" in problem.message
