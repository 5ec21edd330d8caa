"""``govpress new``: the example site builds with --strict and no warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.problems import GovpressError
from govpress.site.build import build_site
from govpress.site.new import new_site, scaffold_files


def test_the_scaffold_is_package_data() -> None:
    names = [name for name, _ in scaffold_files()]
    assert "govpress.toml" in names
    assert "source/digital/strategy/00-contents.md" in names
    assert not any(name.endswith((".pyc", "__init__.py")) for name in names)


def test_new_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(GovpressError, match="not an empty folder"):
        new_site(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_the_new_site_builds_strict_with_no_warnings(tmp_path: Path) -> None:
    new_site(tmp_path / "site")
    report = build_site(tmp_path / "site", strict=True)
    assert [str(p) for p in report.problems] == []
    assert not report.failed(strict=True)
    out = tmp_path / "site/_site"
    for page in (
        "index.html",
        "digital/index.html",
        "digital/strategy/index.html",
        "digital/strategy/actions/01/index.html",
        "digital/quarterly-reports/spring-26/index.html",
        "error.html",
    ):
        assert (out / page).is_file(), page


def test_the_new_site_has_contents_footnotes_and_a_chart(tmp_path: Path) -> None:
    new_site(tmp_path / "site")
    build_site(tmp_path / "site", generators=())
    html = (tmp_path / "site/_site/digital/strategy/index.html").read_text(encoding="utf-8")
    assert 'id="markdown-toc"' in html
    assert 'class="footnotes"' in html
    assert "horizontal-bar-chart" in html
    assert html.count("<h1") == 1
