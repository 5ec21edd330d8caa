"""The quality suites can fail: known-bad pages give violations, known-good pages none."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.axe import AxeChecker
from support.serve import serve_folder
from support.site_checks import axe_violations, vnu_errors
from support.tools import ValidatorTools
from support.vnu import VnuReportError, parse_vnu_report

GOOD = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>A good page</title></head>
<body><main><h1>A good page</h1><p>Some text.</p><img src="a.png" alt="A chart"></main></body>
</html>
"""
BAD = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>A bad page</title></head>
<body><main><img src="a.png"><button></button><p id="twice">a</p><p id="twice">b</p>
<p style="color:#bbb">Faint text</p><span><div>block in inline</div></span>
<div style="width:900px">Too wide for a phone</div></main></body>
</html>
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "good").mkdir()
    (tmp_path / "bad").mkdir()
    (tmp_path / "good" / "index.html").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad" / "index.html").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_serve_folder_serves_files(site: Path) -> None:
    from urllib.request import urlopen

    with serve_folder(site) as served, urlopen(served.url_for(site / "good" / "index.html")) as response:
        assert served.base_url.startswith("http://127.0.0.1:")
        assert b"A good page" in response.read()


@pytest.mark.browser
def test_axe_finds_violations_on_a_bad_page(site: Path, axe_checker: AxeChecker) -> None:
    found = axe_violations(site / "bad", axe_checker)
    rules = {violation.rule for violation in found}
    assert {"image-alt", "button-name", "html-has-lang", "color-contrast", "reflow"} <= rules
    assert all(violation.page.endswith("/index.html") for violation in found)
    image = next(violation for violation in found if violation.rule == "image-alt")
    assert image.target == ("img",)
    assert "<img" in image.html


@pytest.mark.browser
def test_axe_finds_nothing_on_a_good_page(site: Path, axe_checker: AxeChecker) -> None:
    assert axe_violations(site / "good", axe_checker) == []


@pytest.mark.vnu
def test_vnu_reports_errors_with_file_and_line(site: Path, vnu_tools: ValidatorTools) -> None:
    found = vnu_errors(site, vnu_tools)
    assert {message.path for message in found} == {(site / "bad" / "index.html").resolve()}
    texts = " ".join(message.message for message in found)
    assert "alt" in texts
    assert "Duplicate ID" in texts
    assert all(message.line is not None for message in found)


def test_parse_vnu_report_keeps_errors_only() -> None:
    report = (
        '{"messages": [{"type": "error", "url": "file:/x/a%20b.html", "lastLine": 3,'
        ' "message": "Bad.", "extract": "<p>"},'
        ' {"type": "info", "url": "file:/x/a.html", "message": "Fine."}]}'
    )
    [message] = parse_vnu_report(report)
    assert (message.path, message.line, message.message) == (Path("/x/a b.html"), 3, "Bad.")


def test_parse_vnu_report_without_json_raises() -> None:
    with pytest.raises(VnuReportError):
        parse_vnu_report("Error: Unable to access jarfile")
