"""The warnings for what WeasyPrint was refused while writing a document's PDF (:func:`govpress.pdf.local_url_fetcher`).

A PDF may only use files of the built site and of the project (and ``data:`` URLs): every other URL a page asks for
(``http:``, ``https:``, ``file:///etc/passwd``, a file outside the project, a hidden file) is left out of the PDF
and reported as a warning. The warning is placed at the first line of the document's source files that holds the
URL as written (an absolute URL usually is), else at the document's folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from govpress.problems import Problem
from govpress.site.write.pdfs import PlannedPdf

SOURCE_SUFFIXES = frozenset({".md", ".html", ".htm"})


def refused_problems(pdf: PlannedPdf, refused: Iterable[str]) -> list[Problem]:
    """One warning per URL refused while writing ``pdf``, naming the PDF and the URL, at the source when found."""
    problems: list[Problem] = []
    files = _source_files(pdf.source)
    for url in refused:
        message = (
            f"left out of {pdf.output}: {url} (a PDF may only use files of the built site and the project, "
            "never other files or the network)"
        )
        path, line = _where(url, files, pdf.source)
        problems.append(Problem.warning(message, path, line))
    return problems


def _source_files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    try:
        return sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    except OSError:
        return []


def _where(url: str, files: Iterable[Path], fallback: Path) -> tuple[Path, int | None]:
    """The first source file and line holding ``url`` as written, else ``fallback`` (no line)."""
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        at = text.find(url)
        if at != -1:
            return path, text.count("\n", 0, at) + 1
    return fallback, None
