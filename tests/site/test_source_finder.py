"""Locating problems in the source stays cheap with thousands of them (one search per needle, not a loop over lines)."""

from __future__ import annotations

import time
from pathlib import Path

from govpress.site.sources.locate import SourceFinder


def test_twenty_thousand_broken_links_are_each_located_at_their_line(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("".join(f"[l](/broken/{i}.html)\n\n" for i in range(20_000)), encoding="utf-8")
    finder = SourceFinder()
    started = time.perf_counter()
    found = [finder.locate(f"/broken/{i}.html)", [page], None) for i in range(20_000)]
    assert time.perf_counter() - started < 10.0  # a loop over the lines for each took minutes
    assert found == [(page, 2 * i + 1) for i in range(20_000)]


def test_lines_are_counted_as_splitlines_counts_them(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("a\r\nb\u2028c [x]\n", encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    finder = SourceFinder()
    assert finder.locate("[x]", [empty, page], None) == (page, 3)
    assert finder.locate("a\nb", [page], empty) == (empty, None)
    assert finder.locate("", [empty], None) == (None, None)
