"""``govpress build --pdf``: one PDF per document folder, named as the document links to it, the same bytes twice;
unchanged PDFs are not written again and those of removed documents are deleted."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import zlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from click.testing import CliRunner

import govpress.pdf
from govpress.cli import cli
from govpress.site.build import build_site
from govpress.site.engine.records import RecordFolder, record_folder
from govpress.site.new import new_site
from govpress.site.structure.facts import PageFacts
from govpress.site.write.pdfs import RECORD_FILE, RECORD_KIND, load_record, pdf_name, plan_pdfs

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
    return PageFacts(links=links, ids=frozenset(), title="t")


def test_the_name_is_the_pdf_the_document_links_to_in_its_folder() -> None:
    here = PurePosixPath("digital/strategy")
    links = ("/static/a.css", "http://x.gov.uk/report.pdf", "../other/x.pdf", "government-digital-strategy.pdf")
    assert pdf_name(links, here, set()) == "government-digital-strategy.pdf"
    assert pdf_name(("copied.pdf",), here, {"digital/strategy/copied.pdf"}) is None
    assert pdf_name(("//[not-a-url", "plan.pdf"), here, set()) == "plan.pdf", "a link that is no URL names nothing"


def test_without_a_link_the_name_is_the_folders() -> None:
    documents = [(PurePosixPath("la-ida-review/index.html"), Path("/p/source/la-ida-review"))]
    planned = plan_pdfs(documents, {"la-ida-review/index.html": _facts("#top")}, set())
    assert [str(p.output) for p in planned] == ["la-ida-review/la-ida-review.pdf"]
    assert plan_pdfs(documents, {}, set()) == [], "a page that was not built gets no PDF"


@pytest.mark.slow
def test_build_with_pdf_writes_the_same_pdf_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "example"
    _new_english_site(project)
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
    # Again into the first folder: nothing to write; the record lists what WeasyPrint read.
    calls: list[Path] = []
    real = govpress.pdf.write_pdf

    def spy(html: Path, target: Path, **options: Any) -> Path:
        calls.append(target)
        return real(html, target, **options)

    monkeypatch.setattr(govpress.pdf, "write_pdf", spy)
    stamp = pdf.stat().st_mtime_ns
    progress: list[tuple[int, int]] = []
    third = build_site(
        project, tmp_path / "one", pdf=True, pdf_progress=lambda done, total: progress.append((done, total))
    )
    assert not third.problems
    assert (calls, pdf.stat().st_mtime_ns, pdf.read_bytes()) == ([], stamp, data)
    assert progress[-1] == (1, 1), "the progress bar completes"
    record = load_record(record_folder(project, tmp_path / "one"))
    read = {state.path for state in record["digital/strategy/harbourside-plan.pdf"].read}
    assert "static/govpress/print.css" in read


@pytest.mark.slow
def test_the_command_writes_the_pdfs_and_quietens_weasyprint(tmp_path: Path) -> None:
    project = tmp_path / "example"
    _new_english_site(project)
    result = CliRunner().invoke(cli, ["build", str(project), "--pdf", "--strict", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert "0 warnings, 0 errors" in result.stderr
    assert (project / "_site" / "digital" / "strategy" / "strategy.pdf").read_bytes().startswith(b"%PDF-")
    assert logging.getLogger("weasyprint").level == logging.ERROR


# Incremental PDFs: ``write_pdf`` is replaced by a fast stand-in, so only the bookkeeping of ``write_pdfs`` runs.

STRATEGY_PDF = "digital/strategy/strategy.pdf"
ANNEX_PDF = "digital/annex/annex.pdf"


class FakeWriter:
    """Writes a small file whose bytes depend on the page and the link base; "reads" ``picture.png`` next to the page
    (whether or not it exists, as WeasyPrint asks for an image). ``fail``: output paths to raise for."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.dates: dict[str, str | None] = {}
        self.fail: set[str] = set()
        self.out = Path()

    def __call__(
        self,
        html_file: Path,
        pdf_file: Path,
        *,
        base_url: str,
        site_root: Path | None = None,
        stylesheets: Sequence[Path] = (),
        date: str | None = None,
        link_base: str = "/",
        read: list[Path] | None = None,
        project: Path | None = None,
        refused: list[str] | None = None,
        gaps: list[str] | None = None,
    ) -> Path:
        assert site_root is not None
        assert not pdf_file.exists(), "a PDF is written as a new file, never in place"
        name = pdf_file.relative_to(site_root).as_posix()
        self.calls.append(name)
        self.dates[name] = date
        if name in self.fail:
            raise RuntimeError("cannot lay out")
        picture = html_file.parent / "picture.png"
        if read is not None:
            read.append(picture)
        extra = picture.read_bytes() if picture.is_file() else b""
        digest = hashlib.sha256(html_file.read_bytes() + link_base.encode() + extra).hexdigest()
        pdf_file.write_bytes(b"%PDF-fake " + digest.encode())
        return pdf_file


@pytest.fixture
def writer(monkeypatch: pytest.MonkeyPatch) -> FakeWriter:
    fake = FakeWriter()
    monkeypatch.setattr(govpress.pdf, "write_pdf", fake)
    return fake


@pytest.fixture
def site(tmp_path: Path, writer: FakeWriter) -> Path:
    """The example site with a second document, ``digital/annex``; ``writer.out`` is its output folder."""
    project = tmp_path / "example"
    _new_english_site(project)
    annex = project / "source" / "digital" / "annex"
    annex.mkdir()
    (annex / "01-annex.md").write_text("# Annex\n\nThe annex to the plan.\n", encoding="utf-8")
    writer.out = project / "_site"
    return project


def _new_english_site(project: Path) -> None:
    """The example site without its Welsh tree: these tests count the PDFs of the English documents."""
    new_site(project)
    shutil.rmtree(project / "source" / "cy")


def _build(project: Path, pdf: bool = True, base_url: str | None = None) -> list[tuple[int, int]]:
    progress: list[tuple[int, int]] = []
    report = build_site(
        project, generators=(), pdf=pdf, base_url=base_url, pdf_progress=lambda d, t: progress.append((d, t))
    )
    assert not report.errors, [str(p) for p in report.errors]
    return progress


def _records(project: Path) -> RecordFolder:
    records = record_folder(project, project / "_site")
    assert records is not None
    return records


def _record(project: Path) -> Path:
    return _records(project).file(RECORD_FILE)


def test_a_second_pdf_build_writes_nothing_and_a_changed_input_is_written_again(site: Path, writer: FakeWriter) -> None:
    _build(site)
    assert sorted(writer.calls) == [ANNEX_PDF, STRATEGY_PDF]
    out = site / "_site"
    before = {name: (out / name).stat().st_mtime_ns for name in (ANNEX_PDF, STRATEGY_PDF)}
    writer.calls.clear()
    assert _build(site) == [(0, 2), (1, 2), (2, 2)], "skipped PDFs still move the progress bar"
    assert writer.calls == []
    assert {name: (out / name).stat().st_mtime_ns for name in before} == before

    (site / "source/digital/annex/01-annex.md").write_text("# Annex\n\nChanged.\n", encoding="utf-8")
    _build(site)
    assert writer.calls == [ANNEX_PDF], "only the changed page's PDF"

    writer.calls.clear()
    (site / "source/digital/annex/picture.png").write_bytes(b"not really a png")
    _build(site)
    assert writer.calls == [ANNEX_PDF], "a file the PDF read appeared"

    writer.calls.clear()
    _build(site, base_url="https://example.org/plan/")
    assert sorted(writer.calls) == [ANNEX_PDF, STRATEGY_PDF], "links are written against another base"

    writer.calls.clear()
    (out / STRATEGY_PDF).write_bytes(b"%PDF-damaged")
    _build(site, base_url="https://example.org/plan/")
    assert writer.calls == [STRATEGY_PDF], "a PDF changed since it was written is written again"


def test_a_pdf_is_dated_by_its_pages_last_updated_date(site: Path, writer: FakeWriter) -> None:
    (site / "source/digital/annex/meta.html").write_text(
        '<title>Annex</title>\n<meta name="dcterms.modified" content="2013-07-01">\n', encoding="utf-8"
    )
    _build(site)
    page = (writer.out / "digital/annex/index.html").read_text(encoding="utf-8")
    assert 'datetime="2013-07-01' in page
    assert (writer.dates[ANNEX_PDF] or "").startswith("2013-07-01"), "the page's date, read from its facts"
    assert writer.dates[STRATEGY_PDF] is None, "a page with no Last updated date gives its PDF none"


def test_a_removed_or_renamed_document_loses_its_pdf(
    site: Path, writer: FakeWriter, caplog: pytest.LogCaptureFixture
) -> None:
    _build(site)
    out = site / "_site"
    strategy = (out / STRATEGY_PDF).stat().st_mtime_ns
    (site / "source/digital/annex/02-pdf.md").write_text("\n[The annex as PDF](annex-2026.pdf)\n", encoding="utf-8")
    _build(site)
    assert not (out / ANNEX_PDF).exists(), "renamed: the old name is removed"
    assert (out / "digital/annex/annex-2026.pdf").is_file()

    for path in (site / "source/digital/annex").iterdir():
        path.unlink()
    (site / "source/digital/annex").rmdir()
    with caplog.at_level(logging.INFO, logger="govpress.site.write.pdfs"):
        _build(site)
    assert not (out / "digital/annex/annex-2026.pdf").exists()
    assert "removed" in caplog.text and "annex-2026.pdf" in caplog.text
    assert (out / STRATEGY_PDF).stat().st_mtime_ns == strategy
    assert set(load_record(_records(site))) == {STRATEGY_PDF}


def test_a_build_without_pdf_keeps_the_pdfs_and_the_record(site: Path, writer: FakeWriter) -> None:
    _build(site)
    record = _record(site).read_bytes()
    (site / "source/digital/annex/01-annex.md").unlink()
    _build(site, pdf=False)
    assert (site / "_site" / ANNEX_PDF).is_file()
    assert _record(site).read_bytes() == record
    assert not (site / "_site/digital/annex/index.html").exists(), "the page itself is gone"
    _build(site)
    assert not (site / "_site" / ANNEX_PDF).exists(), "the next --pdf build removes it"


@pytest.mark.parametrize(
    ("record", "signed"),
    [
        (None, False),
        (b"{not json", False),
        (b"\xff\xfe", False),
        (b'{"format": 1, "pdfs": {}}', False),
        (b"[]", True),
        (b'{"format": 99, "pdfs": {}}', True),
        (b'{"format": 1, "pdfs": {"a.pdf": 3}}', True),
        (b'{"format": 1, "pdfs": {"a.pdf": {"key": "k", "pdf": ["a\\u0000.pdf", 1, 1, ""], "read": []}}}', True),
        (b'{"format": 1, "pdfs": {"a.pdf": {"key": "k", "pdf": ["a.pdf", true, 1, ""], "read": []}}}', True),
    ],
    ids=["missing", "not-json", "not-utf8", "not-signed", "a-list", "other-format", "bad-entry", "nul", "bool-size"],
)
def test_a_bad_or_missing_record_is_taken_as_empty(
    site: Path, writer: FakeWriter, record: bytes | None, signed: bool, caplog: pytest.LogCaptureFixture
) -> None:
    _build(site)
    if record is None:
        _record(site).unlink()
    elif signed:
        _records(site).save(RECORD_FILE, RECORD_KIND, json.loads(record))
    else:
        _record(site).write_bytes(record)
    writer.calls.clear()
    with caplog.at_level(logging.DEBUG, logger="govpress.site.write.pdfs"):
        _build(site)
    assert sorted(writer.calls) == [ANNEX_PDF, STRATEGY_PDF], "everything is written again"
    stored = _records(site).load(RECORD_FILE, RECORD_KIND)
    assert isinstance(stored, dict) and set(stored["pdfs"]) == {ANNEX_PDF, STRATEGY_PDF}
    if record is not None:
        assert "PDF record" in caplog.text


def test_only_pdfs_govpress_wrote_are_removed(site: Path, writer: FakeWriter, tmp_path: Path) -> None:
    _build(site)
    out = site / "_site"
    mine = out / "digital/annex/mine.pdf"
    mine.write_bytes(b"%PDF-the user's")
    (out / ANNEX_PDF).write_bytes(b"%PDF-edited by hand")
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"%PDF-outside")
    stored = _records(site).load(RECORD_FILE, RECORD_KIND)
    assert isinstance(stored, dict)
    forged = {"key": "", "pdf": ["../../outside.pdf", 12, outside.stat().st_mtime_ns, ""], "read": []}
    stored["pdfs"]["../../outside.pdf"] = forged
    absolute = {"key": "", "pdf": [str(outside), 12, outside.stat().st_mtime_ns, ""], "read": []}
    stored["pdfs"][str(outside)] = absolute
    _records(site).save(RECORD_FILE, RECORD_KIND, stored)  # signed: as if govpress had written it
    (site / "source/digital/annex/01-annex.md").unlink()
    _build(site)
    assert (out / ANNEX_PDF).read_bytes() == b"%PDF-edited by hand", "changed since govpress wrote it"
    assert mine.is_file() and outside.is_file()
    assert set(load_record(_records(site))) == {STRATEGY_PDF}


def test_a_pdf_that_could_not_be_written_is_tried_again(site: Path, writer: FakeWriter) -> None:
    _build(site)
    writer.fail = {ANNEX_PDF}
    writer.calls.clear()
    (site / "source/digital/annex/01-annex.md").write_text("# Annex\n\nChanged.\n", encoding="utf-8")
    report = build_site(site, generators=(), pdf=True)
    assert [p.message for p in report.errors] == [f"could not write {ANNEX_PDF}: cannot lay out"]
    writer.fail = set()
    writer.calls.clear()
    _build(site)
    assert writer.calls == [ANNEX_PDF]


def test_a_relative_project_path_builds_its_pdfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``govpress build my-site --pdf`` from the folder above: the pages are read by ``file:`` URL all the same."""
    document = tmp_path / "site" / "source" / "doc"
    document.mkdir(parents=True)
    (document / "01-doc.md").write_text("# A document\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = build_site(Path("site"), Path("site/_site"), pdf=True, generators=())
    assert report.errors == [], [str(p) for p in report.errors]
    assert (tmp_path / "site" / "_site" / "doc" / "doc.pdf").read_bytes().startswith(b"%PDF-")


def test_a_pdf_that_could_not_be_written_is_not_offered(site: Path, writer: FakeWriter) -> None:
    """WeasyPrint fails on the annex's PDF: an error at the annex's folder, and its page no longer links to it (its
    offer is left out), while the strategy keeps the link to its PDF."""
    offer = "\n* Also available in {PDF=%s}\n{:.meta}\n"
    strategy = site / "source" / "digital" / "strategy"
    (strategy / "99-pdf.md").write_text(offer % PurePosixPath(STRATEGY_PDF).name, encoding="utf-8")
    annex = site / "source" / "digital" / "annex"
    (annex / "99-pdf.md").write_text(offer % PurePosixPath(ANNEX_PDF).name, encoding="utf-8")
    writer.fail = {ANNEX_PDF}
    report = build_site(site, generators=(), pdf=True)
    assert [(p.message, p.path) for p in report.errors] == [
        (f"could not write {ANNEX_PDF}: cannot lay out", str(annex))
    ]
    out = writer.out
    annex_page = (out / "digital" / "annex" / "index.html").read_text(encoding="utf-8")
    assert PurePosixPath(ANNEX_PDF).name not in annex_page and "Also available in" not in annex_page
    assert not (out / ANNEX_PDF).exists()
    strategy_page = (out / "digital" / "strategy" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{PurePosixPath(STRATEGY_PDF).name}">PDF format</a>' in strategy_page
    assert (out / STRATEGY_PDF).is_file()
    writer.fail = set()
    _build(site)
    assert PurePosixPath(ANNEX_PDF).name in (out / "digital" / "annex" / "index.html").read_text(encoding="utf-8")
    assert (out / ANNEX_PDF).is_file(), "written once it can be, and offered again"
