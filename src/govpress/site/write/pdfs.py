"""``govpress build --pdf``: one PDF per Markdown document folder page, written next to its ``index.html``.

The file's name comes from the document itself: the first relative link to a ``*.pdf`` in the same folder that the
page makes (``{PDF=government-digital-strategy.pdf}``, ``[PDF format](assisted-digital.pdf)``) and that is not
already a file of the site; otherwise the folder's name (``la-ida-review/la-ida-review.pdf``). The names are planned
before the link check, so links to the PDFs resolve; the files are written after the site
(:func:`govpress.pdf.write_pdf`). Each PDF's creation and modification dates are the page's "Last updated" date (from
git or the files, clamped to ``SOURCE_DATE_EPOCH``), never the build time: two builds give the same bytes.

Incremental: ``pdfs.json``, among the build's records (:mod:`govpress.site.engine.records`, never in the output folder,
signed, data only), records each PDF written, with a key of its inputs (the page's bytes and date, the link base,
this code, WeasyPrint's version) and every local file WeasyPrint read; a PDF whose key and files are unchanged, and
which is still there as written, is not written again. A recorded PDF that the build no longer plans is removed if
it is still the file written, is not a file of the site, and its recorded path is confined to the output folder
(:func:`govpress.site.write.output.confined`). A PDF is always written as a new file (never in place: the folder being
written may share its files with the previous site). Only ``--pdf`` builds call :func:`write_pdfs`.
"""

from __future__ import annotations

import hashlib
import logging
import stat as file_mode
import sys
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from govpress.extras import installed_version
from govpress.problems import GovpressError, Problem
from govpress.site.engine.records import RecordFolder
from govpress.site.engine.stamps import key_of
from govpress.site.structure.facts import PageFacts
from govpress.site.write.output import confined

logger = logging.getLogger(__name__)

PdfProgress = Callable[[int, int], None]
RECORD_FILE = "pdfs.json"
RECORD_KIND = "pdfs"
RECORD_FORMAT = 1


@dataclass(frozen=True)
class PlannedPdf:
    """A PDF to write: ``page`` (the built ``…/index.html``) as ``output`` (both relative to OUT); ``source``;
    ``date``: the page's "Last updated" date (its facts'), the PDF's dates."""

    page: PurePosixPath
    output: PurePosixPath
    source: Path
    date: str | None = None


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
        planned.append(PlannedPdf(output, output.parent / name, folder, fact.last_updated))
    return planned


def pdf_name(links: Iterable[str], here: PurePosixPath, files: Collection[str]) -> str | None:
    """The first PDF file name the page links to in its own folder that the site does not already have (a link that
    is not a URL at all, such as ``//[x``, names none)."""
    for url in links:
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            continue
        path = unquote(parts.path)
        if parts.scheme or parts.netloc or "/" in path or not path.lower().endswith(".pdf"):
            continue
        if str(here / path) not in files:
            return path
    return None


def write_pdfs(
    out: Path,
    planned: Iterable[PlannedPdf],
    link_base: str = "/",
    progress: PdfProgress | None = None,
    project: Path | None = None,
    records: RecordFolder | None = None,
    *,
    site_files: Collection[str] = (),
    failed: list[str] | None = None,
) -> list[Problem]:
    """Write each planned PDF under ``out`` that is not already there as it would come out; remove the PDFs that an
    earlier call wrote and this one does not plan. A page WeasyPrint cannot lay out is an error naming its source.

    ``planned`` is every PDF of the build (call this for ``--pdf`` builds only: a build without PDFs leaves them and
    the record alone). Links to the site are written against ``link_base`` (the config's ``base_url``), not the build
    folder. ``progress(done, total)`` is called for every PDF, written or not. WeasyPrint reads files of ``out`` and
    ``project`` only (:func:`govpress.pdf.local_url_fetcher`); each URL it was refused is a warning at the source, and
    a PDF with refused URLs is not recorded, so it is written (and warned about) again on the next build. So is a PDF
    whose page lacks what a tagged PDF needs (a language, a title: :func:`govpress.pdf.tagging_gaps`), a warning too.
    ``records``: where the record is kept (``None``: nowhere, every PDF is written); ``site_files``: the files of the
    site (relative to ``out``), which a stale record never removes. ``failed`` gets the output path of each PDF that
    could not be written (it is not there: the pages linking to it must not).
    """
    from govpress.pdf import write_pdf
    from govpress.site.write.pdf_fetch import refused_problems

    out = out.absolute()  # WeasyPrint reads the pages by ``file:`` URL: a relative OUT (``my-site/_site``) has none
    todo = list(planned)
    record = load_record(records)
    fixed = _fixed_inputs(link_base)
    problems: list[Problem] = []
    if progress is not None and todo:
        progress(0, len(todo))
    try:
        for done, pdf in enumerate(todo, start=1):
            html_file = out / pdf.page
            target = out / pdf.output
            key = _key(fixed, pdf, html_file)
            known = record.get(str(pdf.output))
            if key is not None and known is not None and known.current(out, key):
                logger.debug("unchanged: %s", target)
            else:
                read: list[Path] = []
                refused: list[str] = []
                gaps: list[str] = []
                try:
                    target.unlink(missing_ok=True)  # may be a link to the previous site's file: never written in place
                    write_pdf(
                        html_file,
                        target,
                        base_url=html_file.parent.as_uri() + "/",
                        site_root=out,
                        date=pdf.date,
                        link_base=link_base,
                        read=read,
                        project=project,
                        refused=refused,
                        gaps=gaps,
                    )
                except GovpressError as error:
                    problems.extend(error.problems)
                    _failed(failed, pdf)
                except Exception as error:  # WeasyPrint raises anything; report it on the page
                    problems.append(Problem.error(f"could not write {pdf.output}: {error}", pdf.source))
                    _failed(failed, pdf)
                else:
                    problems.extend(refused_problems(pdf, refused))
                    problems.extend(
                        Problem.warning(f"{pdf.output} is not fully tagged: {gap}", pdf.source) for gap in gaps
                    )
                    if key is not None and not refused and not gaps:
                        stamps = tuple(FileState.of(path, out) for path in dict.fromkeys(read))
                        record[str(pdf.output)] = RecordEntry(key, FileState.of(target, out), stamps)
            if progress is not None:
                progress(done, len(todo))
        _remove_stale(out, record, {str(pdf.output) for pdf in todo}, frozenset(site_files))
    finally:
        save_record(records, record)
    return problems


def _failed(failed: list[str] | None, pdf: PlannedPdf) -> None:
    logger.info("%s was not written: the links to it are left out of the pages", pdf.output)
    if failed is not None:
        failed.append(str(pdf.output))


@dataclass(frozen=True)
class FileState:
    """A file as it was: its path (relative to OUT when inside it), size (-1: it did not exist), mtime, content hash."""

    path: str
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path, out: Path) -> FileState:
        name = _relative(path, out)
        try:
            stat = path.stat()
            return cls(name, stat.st_size, stat.st_mtime_ns, _sha256(path))
        except OSError:
            return cls(name, -1, 0, "")

    def unchanged(self, out: Path) -> bool:
        """Still the same file (same size and mtime, else same bytes), or still missing."""
        path = out / self.path  # an absolute ``self.path`` stays as it is
        try:
            stat = path.stat()
        except (OSError, ValueError):
            return self.size == -1
        if stat.st_size != self.size or not file_mode.S_ISREG(stat.st_mode):
            return False
        if stat.st_mtime_ns == self.mtime_ns:
            return True
        try:
            return _sha256(path) == self.sha256
        except OSError:
            return False


@dataclass(frozen=True)
class RecordEntry:
    """A PDF this module wrote: the key of its inputs, the file as written, and every local file WeasyPrint read."""

    key: str
    pdf: FileState
    read: tuple[FileState, ...]

    def current(self, out: Path, key: str) -> bool:
        """The PDF is there as written and would come out the same: same key, same files read."""
        return (
            key == self.key
            and self.pdf.size >= 0
            and self.pdf.unchanged(out)
            and all(state.unchanged(out) for state in self.read)
        )


def load_record(records: RecordFolder | None) -> dict[str, RecordEntry]:
    """The PDFs the last ``--pdf`` build wrote (``pdfs.json`` in ``records``); a record that is missing, unreadable,
    not signed (:meth:`RecordFolder.load`), of another format or of the wrong shape is empty."""
    if records is None:
        return {}
    path = records.file(RECORD_FILE)
    stored = records.load(RECORD_FILE, RECORD_KIND)
    if stored is None:
        if path.exists():
            logger.debug("ignoring an unreadable PDF record %s", path)
        return {}
    try:
        if not isinstance(stored, dict) or stored["format"] != RECORD_FORMAT:
            logger.debug("ignoring a PDF record of another format: %s", path)
            return {}
        return {str(name): _entry(value) for name, value in stored["pdfs"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        logger.debug("ignoring a malformed PDF record %s: %r", path, error)
        return {}


def save_record(records: RecordFolder | None, record: Mapping[str, RecordEntry]) -> None:
    if records is None:
        return
    pdfs = {
        name: {"key": entry.key, "pdf": _state_json(entry.pdf), "read": [_state_json(s) for s in entry.read]}
        for name, entry in sorted(record.items())
    }
    records.save(RECORD_FILE, RECORD_KIND, {"format": RECORD_FORMAT, "pdfs": pdfs})


def _entry(value: Any) -> RecordEntry:
    key = value["key"]
    if not isinstance(key, str):
        raise TypeError("the key is not a string")
    return RecordEntry(key, _state(value["pdf"]), tuple(_state(item) for item in value["read"]))


def _state(value: Any) -> FileState:
    path, size, mtime_ns, sha256 = value
    if not (isinstance(path, str) and type(size) is int and type(mtime_ns) is int and isinstance(sha256, str)):
        raise TypeError(f"not a file state: {value!r}")
    if "\0" in path:
        raise ValueError("a path with a NUL character")
    return FileState(path, size, mtime_ns, sha256)


def _state_json(state: FileState) -> list[object]:
    return [state.path, state.size, state.mtime_ns, state.sha256]


def _fixed_inputs(link_base: str) -> tuple[object, ...]:
    """What every PDF of the build depends on besides its page and the files WeasyPrint reads: the link base, the code
    that turns a page into a PDF (this module and :mod:`govpress.pdf`, by content) and WeasyPrint's version. The rest of
    govpress shapes a PDF only through the built page and the files under OUT, which are checked themselves."""
    from govpress import pdf

    code = [_sha256(Path(module.__file__)) for module in (pdf, sys.modules[__name__]) if module.__file__]
    versions = [installed_version(name) for name in ("weasyprint", "pydyf", "tinycss2", "tinyhtml5", "cssselect2")]
    return (RECORD_FORMAT, link_base, code, versions)


def _key(fixed: tuple[object, ...], pdf: PlannedPdf, html_file: Path) -> str | None:
    """The hash of a PDF's inputs (but the files WeasyPrint reads, checked one by one); ``None``: no page to read."""
    try:
        html = html_file.read_bytes()
    except OSError:
        return None
    return key_of(fixed, str(pdf.page), str(pdf.output), hashlib.sha256(html).hexdigest(), pdf.date)


def _remove_stale(
    out: Path, record: dict[str, RecordEntry], planned: Collection[str], site_files: Collection[str]
) -> None:
    """Delete the recorded PDFs not planned now, if each is still the file written, not a file of the site
    (``site_files``) and its path is confined to ``out`` (relative, no ``..`` or NUL, no symbolic link on the way)."""
    for name in sorted(set(record) - set(planned)):
        entry = record.pop(name)
        found = confined(out, name) if _is_pdf(name) else None
        target = out / name.lstrip("/")
        if found is None or name in site_files or entry.pdf.path != name:
            logger.debug("not removing %s: not a PDF govpress wrote in the output folder", target)
        elif found.is_symlink() or not found.is_file():
            logger.debug("already gone: %s", target)
        elif not entry.pdf.unchanged(out):
            logger.info("not removing %s: changed since govpress wrote it", target)
        else:
            found.unlink()
            logger.info("removed %s (no longer built)", target)


def _is_pdf(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() == ".pdf"


def _relative(path: Path, out: Path) -> str:
    try:
        return path.relative_to(out).as_posix()
    except ValueError:
        return str(path)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
