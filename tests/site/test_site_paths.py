"""A page's address from its output path, and the way back up to the root from it."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from govpress.site.structure.pages import page_at, relative_root, url_of


@pytest.mark.parametrize(
    ("path", "root"),
    [
        ("index.html", ""),
        ("a/index.html", "../"),
        ("service-details/x/dashboard.html", "../../"),
        ("a/b/c/d.csv", "../../../"),
    ],
)
def test_the_way_up_to_the_root_is_one_step_a_folder(path: str, root: str) -> None:
    assert relative_root(path) == root


@pytest.mark.parametrize(
    ("output", "url"),
    [("index.html", "/"), ("a/b/index.html", "/a/b/"), ("a/b.html", "/a/b.html"), ("a/data.csv", "/a/data.csv")],
)
def test_a_page_s_url_is_its_folder_for_an_index_and_its_path_otherwise(output: str, url: str) -> None:
    assert url_of(output) == url_of(PurePosixPath(output)) == url
    assert page_at(url) == PurePosixPath(output)  # the inverse
