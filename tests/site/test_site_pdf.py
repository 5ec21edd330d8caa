"""``govpress build --pdf``: one PDF per document folder, named as the document links to it, the same bytes twice."""

from __future__ import annotations

import logging
import re
import zlib
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.site.build import build_site
from govpress.site.links import PageFacts
from govpress.site.new import new_site
from govpress.site.pdfs import pdf_name, plan_pdfs

STREAM = re.compile(rb"stream\r?\n(?P<data>.*?)\r?\nendstream", re.DOTALL)


def _pdf_text(data: bytes) -> bytes:
    """The PDF with its compressed streams inflated (the metadata and outline titles are in object streams)."""
    inflated = [data]
    for found in STREAM.finditer(data):
        try:
            inflated.append(zlib.decompress(found.group("data")))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def _facts(*links: str) -> PageFacts:
    return PageFacts(links=links, ids=frozenset(), title="t", heading_levels=())


def test_the_name_is_the_pdf_the_document_links_to_in_its_folder() -> None:
    here = PurePosixPath("digital/strategy")
    links = ("/static/a.css", "http://x.gov.uk/report.pdf", "../other/x.pdf", "government-digital-strategy.pdf")
    assert pdf_name(links, here, set()) == "government-digital-strategy.pdf"
    assert pdf_name(("copied.pdf",), here, {"digital/strategy/copied.pdf"}) is None


def test_without_a_link_the_name_is_the_folders() -> None:
    documents = [(PurePosixPath("la-ida-review/index.html"), Path("/p/source/la-ida-review"))]
    planned = plan_pdfs(documents, {"la-ida-review/index.html": _facts("#top")}, set())
    assert [str(p.output) for p in planned] == ["la-ida-review/la-ida-review.pdf"]
    assert plan_pdfs(documents, {}, set()) == [], "a page that was not built gets no PDF"


@pytest.mark.slow
def test_build_with_pdf_writes_the_same_pdf_twice(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    (project / "source" / "digital" / "strategy" / "99-pdf.md").write_text(
        "\n[The plan as PDF](harbourside-plan.pdf)\n", encoding="utf-8"
    )
    first = build_site(project, tmp_path / "one", pdf=True)
    second = build_site(project, tmp_path / "two", pdf=True)
    assert not first.problems, [str(p) for p in first.problems]
    pdf = tmp_path / "one" / "digital" / "strategy" / "harbourside-plan.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    text = _pdf_text(data)
    assert b"/Title (Harbourside Digital Plan)" in text
    assert b"file:" not in text, "links point at the published site, not the build folder"
    assert (tmp_path / "two" / pdf.relative_to(tmp_path / "one")).read_bytes() == data
    assert not second.problems


def test_without_pdf_the_link_is_broken(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    (project / "source" / "digital" / "strategy" / "99-pdf.md").write_text(
        "\n[The plan as PDF](harbourside-plan.pdf)\n", encoding="utf-8"
    )
    report = build_site(project, tmp_path / "out", generators=())
    assert any("harbourside-plan.pdf" in p.message for p in report.warnings)
    assert not list((tmp_path / "out").rglob("*.pdf"))


@pytest.mark.slow
def test_the_command_writes_the_pdfs_and_quietens_weasyprint(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    result = CliRunner().invoke(cli, ["build", str(project), "--pdf", "--strict", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert "0 warnings, 0 errors" in result.stderr
    assert (project / "_site" / "digital" / "strategy" / "strategy.pdf").read_bytes().startswith(b"%PDF-")
    assert logging.getLogger("weasyprint").level == logging.ERROR
