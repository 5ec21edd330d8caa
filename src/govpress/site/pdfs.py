"""``govpress build --pdf``: one PDF per Markdown document folder page, written next to its ``index.html``.

The file's name comes from the document itself: the first relative link to a ``*.pdf`` in the same folder that the
page makes (``{PDF=government-digital-strategy.pdf}``, ``[PDF format](assisted-digital.pdf)``) and that is not
already a file of the site; otherwise the folder's name (``la-ida-review/la-ida-review.pdf``). The names are planned
before the link check, so links to the PDFs resolve; the files are written after the site
(:func:`govpress.pdf.write_pdf`). Each PDF's creation and modification dates are the page's "Last updated" date (from
git or the files, clamped to ``SOURCE_DATE_EPOCH``), never the build time: two builds give the same bytes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from govpress.problems import GovpressError, Problem
from govpress.site.links import PageFacts

logger = logging.getLogger(__name__)

LAST_UPDATED = re.compile(r'class="[^"]*govpress-last-updated[^"]*">[^<]*<time datetime="(?P<iso>[^"]+)"')
PdfProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class PlannedPdf:
    """A PDF to write: ``page`` (the built ``…/index.html``) as ``output`` (both relative to OUT); ``source``."""

    page: PurePosixPath
    output: PurePosixPath
    source: Path


def plan_pdfs(
    documents: Iterable[tuple[PurePosixPath, Path]], facts: Mapping[str, PageFacts], files: Collection[str]
) -> list[PlannedPdf]:
    """The PDFs of the document pages ``(output, folder)`` that were built (have ``facts``), in output order."""
    planned: list[PlannedPdf] = []
    for output, folder in sorted(documents):
        fact = facts.get(str(output))
        if fact is None:
            continue
        name = pdf_name(fact.links, output.parent, files) or f"{folder.name}.pdf"
        planned.append(PlannedPdf(output, output.parent / name, folder))
    return planned


def pdf_name(links: Iterable[str], here: PurePosixPath, files: Collection[str]) -> str | None:
    """The first PDF file name the page links to in its own folder that the site does not already have."""
    for url in links:
        parts = urlsplit(url.strip())
        path = unquote(parts.path)
        if parts.scheme or parts.netloc or "/" in path or not path.lower().endswith(".pdf"):
            continue
        if str(here / path) not in files:
            return path
    return None


def write_pdfs(
    out: Path, planned: Iterable[PlannedPdf], link_base: str = "/", progress: PdfProgress | None = None
) -> list[Problem]:
    """Write each planned PDF under ``out``; a page WeasyPrint cannot lay out is an error naming its source.

    Links to the site are written against ``link_base`` (the config's ``base_url``), not the build folder.
    """
    from govpress.pdf import write_pdf

    todo = list(planned)
    problems: list[Problem] = []
    if progress is not None and todo:
        progress(0, len(todo))
    for done, pdf in enumerate(todo, start=1):
        html_file = out / pdf.page
        try:
            write_pdf(
                html_file,
                out / pdf.output,
                base_url=html_file.parent.as_uri() + "/",
                site_root=out,
                date=page_date(html_file),
                link_base=link_base,
            )
        except GovpressError as error:
            problems.extend(error.problems)
        except Exception as error:  # WeasyPrint raises anything; report it on the page
            problems.append(Problem.error(f"could not write {pdf.output}: {error}", pdf.source))
        if progress is not None:
            progress(done, len(todo))
    return problems


def page_date(html_file: Path) -> str | None:
    """The page's "Last updated" date (``<time datetime>``), or ``None``."""
    found = LAST_UPDATED.search(html_file.read_text(encoding="utf-8"))
    return found.group("iso") if found else None
