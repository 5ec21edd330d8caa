"""``govpress build --pdf``: one PDF per Markdown document folder page, written next to its ``index.html``.

The file's name comes from the document itself: the first relative link to a ``*.pdf`` in the same folder that the
page makes (``{PDF=government-digital-strategy.pdf}``, ``[PDF format](assisted-digital.pdf)``) and that is not
already a file of the site; otherwise the folder's name (``la-ida-review/la-ida-review.pdf``). The names are planned
before the link check, so links to the PDFs resolve; the files are written after the site
(:func:`govpress.pdf.write_pdf`). Each PDF's creation and modification dates are the page's "Last updated" date (from
git or the files, clamped to ``SOURCE_DATE_EPOCH``), never the build time: two builds give the same bytes.

Incremental: ``OUT/.govpress-cache/pdfs.json`` records each PDF written, with a key of its inputs (the page's bytes and
date, the link base, this code, WeasyPrint's version) and every local file WeasyPrint read; a PDF whose key and files
are unchanged, and which is still there as written, is not written again. A recorded PDF that the build no longer
plans is removed if it is still the file written. Only ``--pdf`` builds call :func:`write_pdfs`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from govpress.problems import GovpressError, Problem
from govpress.site.cache import CACHE_DIR, key_of
from govpress.site.links import PageFacts
from govpress.site.writer import MANIFEST

logger = logging.getLogger(__name__)

LAST_UPDATED = re.compile(r'class="[^"]*govpress-last-updated[^"]*">[^<]*<time datetime="(?P<iso>[^"]+)"')
PdfProgress = Callable[[int, int], None]
RECORD_FILE = "pdfs.json"
RECORD_FORMAT = 1


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
    """Write each planned PDF under ``out`` that is not already there as it would come out; remove the PDFs that an
    earlier call wrote and this one does not plan. A page WeasyPrint cannot lay out is an error naming its source.

    ``planned`` is every PDF of the build (call this for ``--pdf`` builds only: a build without PDFs leaves them and
    the record alone). Links to the site are written against ``link_base`` (the config's ``base_url``), not the build
    folder. ``progress(done, total)`` is called for every PDF, written or not.
    """
    from govpress.pdf import write_pdf

    todo = list(planned)
    record = load_record(out)
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
                try:
                    write_pdf(
                        html_file,
                        target,
                        base_url=html_file.parent.as_uri() + "/",
                        site_root=out,
                        date=page_date(html_file),
                        link_base=link_base,
                        read=read,
                    )
                except GovpressError as error:
                    problems.extend(error.problems)
                except Exception as error:  # WeasyPrint raises anything; report it on the page
                    problems.append(Problem.error(f"could not write {pdf.output}: {error}", pdf.source))
                else:
                    if key is not None:
                        stamps = tuple(FileState.of(path, out) for path in dict.fromkeys(read))
                        record[str(pdf.output)] = RecordEntry(key, FileState.of(target, out), stamps)
            if progress is not None:
                progress(done, len(todo))
        _remove_stale(out, record, {str(pdf.output) for pdf in todo})
    finally:
        save_record(out, record)
    return problems


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
        except OSError:
            return self.size == -1
        if stat.st_size != self.size:
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


def load_record(out: Path) -> dict[str, RecordEntry]:
    """The PDFs the last ``--pdf`` build wrote (``OUT/.govpress-cache/pdfs.json``); an unreadable record is empty."""
    path = out / CACHE_DIR / RECORD_FILE
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError) as error:
        logger.debug("ignoring an unreadable PDF record %s: %s", path, error)
        return {}
    try:
        if stored["format"] != RECORD_FORMAT:
            logger.debug("ignoring a PDF record of another format: %s", path)
            return {}
        return {str(name): _entry(value) for name, value in stored["pdfs"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        logger.debug("ignoring a malformed PDF record %s: %r", path, error)
        return {}


def save_record(out: Path, record: Mapping[str, RecordEntry]) -> None:
    path = out / CACHE_DIR / RECORD_FILE
    pdfs = {
        name: {"key": entry.key, "pdf": _state_json(entry.pdf), "read": [_state_json(s) for s in entry.read]}
        for name, entry in sorted(record.items())
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"format": RECORD_FORMAT, "pdfs": pdfs}, indent=1) + "\n", encoding="utf-8")
    temporary.replace(path)


def _entry(value: Any) -> RecordEntry:
    key = value["key"]
    if not isinstance(key, str):
        raise TypeError("the key is not a string")
    return RecordEntry(key, _state(value["pdf"]), tuple(_state(item) for item in value["read"]))


def _state(value: Any) -> FileState:
    path, size, mtime_ns, sha256 = value
    if not (isinstance(path, str) and isinstance(size, int) and isinstance(mtime_ns, int) and isinstance(sha256, str)):
        raise TypeError(f"not a file state: {value!r}")
    return FileState(path, size, mtime_ns, sha256)


def _state_json(state: FileState) -> list[object]:
    return [state.path, state.size, state.mtime_ns, state.sha256]


def _fixed_inputs(link_base: str) -> tuple[object, ...]:
    """What every PDF of the build depends on besides its page and the files WeasyPrint reads: the link base, the code
    that turns a page into a PDF (this module and :mod:`govpress.pdf`, by content) and WeasyPrint's version. The rest of
    govpress shapes a PDF only through the built page and the files under OUT, which are checked themselves."""
    from govpress import pdf

    code = [_sha256(Path(module.__file__)) for module in (pdf, sys.modules[__name__]) if module.__file__]
    versions = [_version(name) for name in ("weasyprint", "pydyf", "tinycss2", "tinyhtml5", "cssselect2")]
    return (RECORD_FORMAT, link_base, code, versions)


def _key(fixed: tuple[object, ...], pdf: PlannedPdf, html_file: Path) -> str | None:
    """The hash of a PDF's inputs (but the files WeasyPrint reads, checked one by one); ``None``: no page to read."""
    try:
        html = html_file.read_bytes()
    except OSError:
        return None
    date = page_date(html_file)
    return key_of(fixed, str(pdf.page), str(pdf.output), hashlib.sha256(html).hexdigest(), date)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def _remove_stale(out: Path, record: dict[str, RecordEntry], planned: Collection[str]) -> None:
    """Delete the recorded PDFs not planned now, if each is still the file written (and not now a file of the site)."""
    site_files = _site_files(out)
    for name in sorted(set(record) - set(planned)):
        entry = record.pop(name)
        target = out / name
        if not _inside(name) or name in site_files or entry.pdf.path != name:
            logger.debug("not removing %s: not a PDF govpress wrote", target)
        elif not target.is_file():
            logger.debug("already gone: %s", target)
        elif not entry.pdf.unchanged(out):
            logger.info("not removing %s: changed since govpress wrote it", target)
        else:
            target.unlink()
            logger.info("removed %s (no longer built)", target)


def _site_files(out: Path) -> frozenset[str]:
    """The files the site build wrote (its manifest), which a stale PDF record must never remove."""
    try:
        return frozenset((out / CACHE_DIR / MANIFEST).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return frozenset()


def _inside(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and path.suffix.lower() == ".pdf"


def _relative(path: Path, out: Path) -> str:
    try:
        return path.relative_to(out).as_posix()
    except ValueError:
        return str(path)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def page_date(html_file: Path) -> str | None:
    """The page's "Last updated" date (``<time datetime>``), or ``None``."""
    found = LAST_UPDATED.search(html_file.read_text(encoding="utf-8"))
    return found.group("iso") if found else None
