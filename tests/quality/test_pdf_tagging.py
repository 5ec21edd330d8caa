"""A document's PDF is tagged (PDF/UA-1): structure tree, language, title shown as the window's title, an outline
that follows the headings, figures with their alt text, the PDF/UA identification; a caption keeps with its figure.
Read back with pikepdf, the way a checker or an assistive technology reads the file."""

from __future__ import annotations

import base64
import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from govpress.pdf import write_pdf
from support.tools import REPO_ROOT

PRINT_CSS = REPO_ROOT / "src" / "govpress" / "static" / "govpress" / "print.css"
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f8a26b0000000049454e44ae426082"
    )
).decode()
IMAGE = f"data:image/png;base64,{PIXEL}"
PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/static/print.css" media="print"></head>
<body><main>
<h1>Harbourside digital plan</h1>
<p>What the council will do.</p>
<h2>Services</h2>
<p class="fig" id="fig-1">Figure 1: Take-up of online services</p>
<p><img src="{image}" alt="Take-up rises from 20% to 80% in three years" width="200" height="120"></p>
<p><img src="{image}" alt="" width="40" height="40"> A decorative bullet, left out of the PDF.</p>
<h3>Parking permits</h3>
<table><caption>Table 1: Permits issued</caption>
<thead><tr><th scope="col">Year</th><th scope="col">Permits</th></tr></thead>
<tbody><tr><th scope="row">2025</th><td>1,204</td></tr></tbody></table>
<h2>Money</h2>
<div style="height: {filler}px"></div>
<p class="fig" id="fig-2">Figure 2: What moving online saves</p>
<p><img src="{image}" alt="Savings by year" width="300" height="300"></p>
</main></body></html>
"""
HEADING = re.compile(r"<h(?P<level>[1-6])>(?P<text>.*?)</h(?P=level)>")
ALT = re.compile(r'<img [^>]*alt="(?P<alt>[^"]+)"')


def _page(tmp_path: Path, *, lang: str = "en", title: str = "Harbourside digital plan", filler: int = 460) -> Path:
    (tmp_path / "static").mkdir(exist_ok=True)
    shutil.copyfile(PRINT_CSS, tmp_path / "static" / "print.css")
    page = tmp_path / "plan" / "index.html"
    page.parent.mkdir(exist_ok=True)
    page.write_text(PAGE.format(lang=lang, title=title, image=IMAGE, filler=filler), encoding="utf-8")
    return page


def _write(page: Path, site: Path, name: str = "plan.pdf", gaps: list[str] | None = None) -> Path:
    base_url = page.parent.as_uri() + "/"
    return write_pdf(page, site / name, base_url=base_url, site_root=site, date="2026-03-01", gaps=gaps)


def _elements(node: Any) -> Iterator[Any]:
    """Every structure element under ``node``, in document order."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _outline(items: Any, level: int = 1) -> Iterator[tuple[int, str]]:
    for item in items:
        yield level, str(item.title)
        yield from _outline(item.children, level + 1)


@pytest.fixture
def tagged(tmp_path: Path) -> Iterator[tuple[Path, pikepdf.Pdf]]:
    page = _page(tmp_path)
    with pikepdf.open(_write(page, tmp_path)) as pdf:
        yield page, pdf


def test_the_pdf_is_tagged_with_language_and_title(tagged: tuple[Path, pikepdf.Pdf]) -> None:
    _, pdf = tagged
    root = pdf.Root
    assert "/StructTreeRoot" in root, "a tagged PDF has a structure tree"
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == "en"
    assert str(pdf.docinfo.Title) == "Harbourside digital plan"
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True, "the title, not the file name, is shown"
    kinds = [str(element.S) for element in _elements(root.StructTreeRoot)]
    for kind in ("/Document", "/H1", "/H2", "/H3", "/P", "/Table", "/TH", "/TD", "/Caption", "/Figure"):
        assert kind in kinds, f"{kind} is missing from the structure tree"


def test_the_xmp_metadata_names_pdf_ua_1_and_the_title(tagged: tuple[Path, pikepdf.Pdf]) -> None:
    _, pdf = tagged
    meta = pdf.open_metadata()
    assert meta["pdfuaid:part"] == "1"
    assert meta["dc:title"] == "Harbourside digital plan"


def test_the_outline_follows_the_headings(tagged: tuple[Path, pikepdf.Pdf]) -> None:
    page, pdf = tagged
    headings = [(int(m["level"]), html.unescape(m["text"])) for m in HEADING.finditer(page.read_text("utf-8"))]
    with pdf.open_outline() as outline:
        entries = list(_outline(outline.root))
    assert len(headings) == 4
    assert entries == headings


def test_figures_carry_the_images_alt_text_and_decoration_is_left_out(tagged: tuple[Path, pikepdf.Pdf]) -> None:
    page, pdf = tagged
    figures = [element for element in _elements(pdf.Root.StructTreeRoot) if element.S == "/Figure"]
    assert [str(figure.get("/Alt")) for figure in figures] == ALT.findall(page.read_text("utf-8"))
    assert all("/Alt" in figure for figure in figures), "every figure has a text (PDF/UA-1 7.3)"


def _laid_out(page: Path, site: Path, extra_css: str = "") -> list[tuple[int, Any]]:
    """Each element of ``page`` laid out for print (as in its PDF), in order, with the page (0-based) it starts on."""
    from weasyprint import CSS, HTML

    from govpress.pdf import PDF_ONLY_CSS, local_url_fetcher

    document = HTML(
        filename=str(page), base_url=page.parent.as_uri() + "/", url_fetcher=local_url_fetcher(site), media_type="print"
    ).render(stylesheets=[CSS(string=PDF_ONLY_CSS), CSS(string=extra_css)])
    found: dict[int, tuple[int, Any]] = {}
    for number, laid_out in enumerate(document.pages):
        for box in _boxes(laid_out._page_box):
            element = getattr(box, "element", None)
            if element is not None:
                found.setdefault(id(element), (number, element))
    return list(found.values())


def _pages_of(page: Path, site: Path, extra_css: str = "") -> dict[str, int]:
    """The page each element with an ``id`` or an ``alt`` starts on when the page is laid out for print."""
    return {
        name: number
        for number, element in reversed(_laid_out(page, site, extra_css))
        if (name := element.get("id") or element.get("alt"))
    }


def _captions_apart(page: Path, site: Path) -> list[str]:
    """The captions (``p.fig``) on another page than the figure, image or table that follows them."""
    elements = _laid_out(page, site)
    apart = []
    for at, (number, element) in enumerate(elements):
        if element.tag == "p" and "fig" in (element.get("class") or "").split():
            figure = next((n for n, e in elements[at + 1 :] if e.tag in ("img", "table", "figure")), number)
            if figure != number:
                apart.append(f"{element.get('id')}: page {number + 1}, its figure on page {figure + 1}")
    return apart


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def test_a_caption_keeps_with_its_figure(tmp_path: Path) -> None:
    page = _page(tmp_path)
    kept = _pages_of(page, tmp_path)
    assert kept["Savings by year"] == 1, "the last figure does not fit on the first page"
    assert kept["fig-2"] == 1, "its caption (before it) goes to the next page with it"
    # Without the print rule the caption would stay behind at the foot of the first page: the fixture is a real test
    # (the filler's height puts the caption there with the system's fonts; if they change, tune ``filler``).
    loose = _pages_of(page, tmp_path, "p.fig { break-after: auto !important; }")
    assert (loose["fig-2"], loose["Savings by year"]) == (0, 1)


def test_a_page_without_language_or_title_is_reported(tmp_path: Path) -> None:
    gaps: list[str] = []
    _write(_page(tmp_path, lang="", title=""), tmp_path, gaps=gaps)
    assert gaps == ["no language (the page's <html lang>)", "no title (the page's <title>)"]
    complete: list[str] = []
    _write(_page(tmp_path), tmp_path, "complete.pdf", gaps=complete)
    assert complete == []


def test_the_tagged_pdf_is_reproducible(tmp_path: Path) -> None:
    page = _page(tmp_path)
    first = _write(page, tmp_path, "1.pdf").read_bytes()
    second = _write(page, tmp_path, "2.pdf").read_bytes()
    assert first == second, "no random identifier, no build time"
    with pikepdf.open(tmp_path / "1.pdf") as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:20260301"), "the page's date, not the build's"
        assert "/ID" not in pdf.trailer
        xmp = pdf.Root.Metadata.read_bytes()
        assert b"DocumentID" not in xmp and b"InstanceID" not in xmp


@pytest.mark.slow
def test_a_corpus_documents_pdf_is_tagged(corpus_site: Path, tmp_path: Path) -> None:
    """The legacy research report: its outline is its headings (those that print), in order; figures keep alt text."""
    from govpress.site.structure.facts import page_facts

    page = corpus_site / "digital" / "research" / "index.html"
    pdf_file = write_pdf(page, tmp_path / "research.pdf", base_url=page.parent.as_uri() + "/", site_root=corpus_site)
    headings = [" ".join(text.split()) for _, text in page_facts(page.read_text("utf-8")).heading_levels]
    with pikepdf.open(pdf_file) as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert str(pdf.docinfo.Title).startswith("Digital Landscape Research")
        elements = list(_elements(pdf.Root.StructTreeRoot))
        with pdf.open_outline() as outline:
            entries = [" ".join(title.split()) for _, title in _outline(outline.root)]
    tagged_headings = [e for e in elements if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert len(entries) == len(tagged_headings) > 20
    remaining = iter(headings)
    assert all(entry in remaining for entry in entries), "every entry is a heading of the page, in the page's order"
    figures = [e for e in elements if e.S == "/Figure"]
    assert figures
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures)


@pytest.mark.slow
def test_the_corpus_captions_keep_with_their_figures(corpus_site: Path) -> None:
    """The research report: four captions (one with a note between it and its chart) fell at a page's foot, apart
    from their charts, before ``print.css`` kept them together."""
    assert _captions_apart(corpus_site / "digital" / "research" / "index.html", corpus_site) == []
