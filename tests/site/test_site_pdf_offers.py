"""A page never links to a PDF that the build did not make: a document's "Also available in PDF format" is kept when
the build makes the PDF (``--pdf``) or the site has it as a file, and left out otherwise, with one warning."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from govpress.site.build import build_site
from govpress.site.new import new_site
from govpress.site.sources.discover import DocumentSource
from govpress.site.sources.readers import Content
from govpress.site.structure.pdf_offers import may_name_pdf, offer_pdfs

OFFER = '<li>Also available in <a href="plan.pdf" title="Download the PDF version">PDF format</a></li>\n'
EDITED = "<li>Last edited on 3 March 2026</li>\n"
STRATEGY = f"""<h1>Plan</h1>
<ul class="no_toc meta">
{OFFER}{EDITED}</ul>
<p>Read <a href="plan.pdf">the plan</a> or <a href="annex.pdf">its annex</a>, see <a href="https://x.gov.uk/a.pdf">this</a>.</p>
<p>The <a href="old.pdf">old plan</a> as a file.</p>
"""
HOME = """<h1>Home</h1>
<ul>
<li><a href="/digital/plan/plan.pdf">The plan (PDF)</a></li>
</ul>
<p><a href="digital/plan/plan.pdf#page=2">Page two</a>, <a href="digital/other/missing.pdf">missing</a></p>
<ol class="filled-by-script"></ol>
"""

FILES = ("digital/plan/old.pdf",)
PLAN_SOURCE = "# Plan\n\n* Also available in {PDF=plan.pdf}\n\nRead [the plan](plan.pdf) or [its annex](annex.pdf).\n"


def _content(output: str, body: str, source: Path) -> Content:
    return Content(PurePosixPath(output), "document", body, "t", source, (source,))


@pytest.fixture
def site(tmp_path: Path) -> tuple[list[Content], list[DocumentSource]]:
    source = tmp_path / "source" / "digital" / "plan" / "00-plan.md"
    source.parent.mkdir(parents=True)
    source.write_text(PLAN_SOURCE, encoding="utf-8")
    home = tmp_path / "source" / "index.html"
    home.write_text(HOME, encoding="utf-8")
    contents = [_content("digital/plan/index.html", STRATEGY, source), _content("index.html", HOME, home)]
    document = DocumentSource(source.parent, (source,), None, PurePosixPath("digital/plan/index.html"))
    return contents, [document]


def test_without_pdf_every_link_to_the_documents_pdf_is_left_out(
    site: tuple[list[Content], list[DocumentSource]],
) -> None:
    contents, documents = site
    offers = offer_pdfs(contents, documents, FILES, "/", made=False)
    plan, home = (content.body for content in offers.contents)
    assert plan == (
        f'<h1>Plan</h1>\n<ul class="no_toc meta">\n{EDITED}</ul>\n'
        '<p>Read the plan or its annex, see <a href="https://x.gov.uk/a.pdf">this</a>.</p>\n'
        '<p>The <a href="old.pdf">old plan</a> as a file.</p>\n'
    ), "the offer's list item goes; links in prose are unwrapped; external links and the site's files stay"
    assert home == (
        '<h1>Home</h1>\n<p>Page two, <a href="digital/other/missing.pdf">missing</a></p>\n'
        '<ol class="filled-by-script"></ol>\n'
    ), "the offer's list goes with its only item, no other list; a PDF that is no document's is the link check's"
    assert [(p.path, p.line, p.severity.value) for p in offers.problems] == [
        (str(documents[0].files[0]), 3, "warning"),
        (str(documents[0].files[0]), 5, "warning"),
    ], "once per cause, at the first link's line"
    made_later, never = (p.message for p in offers.problems)
    assert "build with --pdf" in made_later
    assert "/digital/plan/ (plan.pdf)" in made_later
    assert "/ (/digital/plan/plan.pdf)" in made_later
    assert "/ (digital/plan/plan.pdf#page=2)" in made_later
    assert "no build makes" in never
    assert "/digital/plan/ (annex.pdf)" in never


def test_with_pdf_the_documents_pdf_is_linked_and_a_second_name_is_not(
    site: tuple[list[Content], list[DocumentSource]],
) -> None:
    contents, documents = site
    offers = offer_pdfs(contents, documents, FILES, "/", made=True)
    plan, home = (content.body for content in offers.contents)
    assert OFFER in plan
    assert '<a href="plan.pdf">the plan</a>' in plan
    assert "its annex" in plan
    assert 'href="annex.pdf"' not in plan
    assert home == HOME
    assert [p.message for p in offers.problems] == [
        "links to PDFs that no build makes are left out (a document's PDF is named by its first link to a PDF in "
        "its folder; link to that name): /digital/plan/ (annex.pdf)"
    ]


def test_a_pdf_the_site_has_as_a_file_stays_linked(site: tuple[list[Content], list[DocumentSource]]) -> None:
    contents, documents = site
    offers = offer_pdfs(contents, documents, ("digital/plan/plan.pdf",), "/", made=False)
    assert OFFER in offers.contents[0].body
    assert offers.contents[1].body == HOME


def test_under_a_base_path_root_relative_links_are_read_under_it(
    site: tuple[list[Content], list[DocumentSource]],
) -> None:
    contents, documents = site
    home = _content("index.html", '<p><a href="/sub/digital/plan/plan.pdf">Plan</a></p>', contents[1].source)
    offers = offer_pdfs([contents[0], home], documents, FILES, "/sub/", made=False)
    assert offers.contents[1].body == ""


def test_a_link_that_is_no_url_is_left_alone(site: tuple[list[Content], list[DocumentSource]]) -> None:
    contents, documents = site
    odd = _content("odd/index.html", '<p><a href="//[oops">odd</a> <a href="http://[::1">odd</a></p>', Path("x"))
    offers = offer_pdfs([*contents, odd], documents, FILES, "/", made=False)
    assert offers.contents[2] == odd


def _example(tmp_path: Path) -> Path:
    project = tmp_path / "example"
    new_site(project)
    (project / "source" / "digital" / "strategy" / "99-pdf.md").write_text(
        "\n* Also available in {PDF=harbourside-plan.pdf}\n{:.meta}\n", encoding="utf-8"
    )
    return project


def test_a_build_without_pdf_leaves_the_offer_out_and_says_how_to_make_it(tmp_path: Path) -> None:
    project = _example(tmp_path)
    report = build_site(project, tmp_path / "out", generators=())
    page = (tmp_path / "out" / "digital" / "strategy" / "index.html").read_text(encoding="utf-8")
    assert "harbourside-plan.pdf" not in page
    assert "Also available in" not in page
    offers = [p for p in report.warnings if "harbourside-plan.pdf" in p.message]
    assert [(Path(p.path or "").name, p.line) for p in offers] == [("99-pdf.md", 2)], "said once, where it is written"
    assert "build with --pdf" in offers[0].message
    assert not [p for p in report.warnings if "broken link" in p.message and ".pdf" in p.message]
    assert not list((tmp_path / "out").rglob("*.pdf"))


@pytest.mark.slow
def test_a_build_with_pdf_links_the_pdf_it_made(tmp_path: Path) -> None:
    project = _example(tmp_path)
    report = build_site(project, tmp_path / "out", generators=(), pdf=True)
    assert not [str(p) for p in report.problems if ".pdf" in p.message or "PDF" in p.message]
    page = (tmp_path / "out" / "digital" / "strategy" / "index.html").read_text(encoding="utf-8")
    assert '<a href="harbourside-plan.pdf">PDF format</a>' in page
    assert (tmp_path / "out" / "digital" / "strategy" / "harbourside-plan.pdf").read_bytes().startswith(b"%PDF-")


def test_a_pdf_link_with_its_letters_percent_encoded_is_left_out_too(
    site: tuple[list[Content], list[DocumentSource]],
) -> None:
    """Bodies are only searched for links when they may name a PDF: ``pdf`` in any case, or a ``%`` escape (not a
    figure's ``45%``, which most pages of figures hold)."""
    assert not may_name_pdf("<td>45%</td><td>100% </td>")
    assert may_name_pdf("a.P%44F") and may_name_pdf("a.PdF") and may_name_pdf("a%2epdf") and not may_name_pdf("a pdf")
    contents, documents = site
    encoded = _content("x/index.html", '<p><a href="/digital/plan/plan.%70%64%66">Plan</a></p>', Path("x"))
    upper = _content("y/index.html", '<p><a href="/digital/plan/PLAN.PDF">Plan</a></p>', Path("y"))
    offers = offer_pdfs([*contents, encoded, upper], documents, FILES, "/", made=False)
    assert offers.contents[2].body == "" and 'href="/digital/plan/PLAN.PDF"' in offers.contents[3].body
    assert "/x/ (/digital/plan/plan.%70%64%66)" in offers.problems[0].message
