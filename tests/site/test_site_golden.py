"""Whole-site golden test on the example site (``govpress new``): every page the site work writes, byte for byte.

The page generators (commitments, services) are left out: their own golden tests cover their pages. Dates are
pinned with ``SOURCE_DATE_EPOCH``. Regenerate the golden files, after checking the differences, with
``GOVPRESS_REGENERATE_FIXTURES=1 pytest tests/site/test_site_golden.py``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from govpress.site.build import build_site
from govpress.site.new import new_site

GOLDEN = Path(__file__).parent / "golden" / "example"
EPOCH = "1767225600"  # 1 January 2026


def _built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    new_site(tmp_path / "example")
    out = tmp_path / "out"
    report = build_site(tmp_path / "example", out, generators=())
    # Without the generators, the only problems allowed are links to the pages they write (checked in a full build).
    full_out = tmp_path / "full"
    assert build_site(tmp_path / "example", full_out).problems == ()
    for problem in report.problems:
        target = re.search(r"broken link '/?([^']*)'", problem.message)
        assert target, problem
        written = [path.as_posix() + "/" for path in full_out.rglob("*") if path.is_dir()]
        assert any(folder.endswith("/" + target.group(1)) for folder in written), problem
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def test_the_example_site_matches_its_golden_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _built(tmp_path, monkeypatch)
    if os.environ.get("GOVPRESS_REGENERATE_FIXTURES") == "1":
        for name, html in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(html, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*.html"))}
    assert sorted(built) == sorted(golden)
    for name, html in built.items():
        assert html == golden[name], f"{name} differs from tests/site/golden/example/{name}"
