"""Importing one file into a store: pick the format (given or detected), read, validate, write all or nothing.

With ``strict``, a file with warnings is not imported either (an error says so), so that ``--strict`` never
leaves half-trusted data behind.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from govpress.problems import GovpressError, Problem, ProblemLog
from govpress.services.importers import Format, Record
from govpress.services.importers.native import NATIVE_CSV
from govpress.services.importers.native_json import NATIVE_JSON
from govpress.services.importers.public_download import IDENTITY as PUBLIC_IDENTITY
from govpress.services.importers.public_download import PUBLIC_DOWNLOAD
from govpress.services.importers.te_export import TE_EXPORT
from govpress.services.importers.te_layout import IDENTITY as TE_IDENTITY
from govpress.services.model import Service
from govpress.services.slugs import SlugClashError
from govpress.services.store import ImportCounts, Store
from govpress.textfile import read_text_file

log = logging.getLogger(__name__)
FORMATS: tuple[Format, ...] = (TE_EXPORT, PUBLIC_DOWNLOAD, NATIVE_CSV, NATIVE_JSON)
# The columns a CSV file of each format starts with: a file with most of them is read as that format, so that the
# reader names the missing or misspelt ones.
_FIRST_COLUMNS = ((TE_EXPORT, TE_IDENTITY), (PUBLIC_DOWNLOAD, PUBLIC_IDENTITY))
_SNIFF_BYTES = 1 << 20


@dataclass(frozen=True)
class ImportResult:
    path: Path
    format: Format
    counts: ImportCounts
    problems: list[Problem]
    notes: list[str] = field(default_factory=list)


def format_named(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    names = ", ".join(f.name for f in FORMATS)
    raise GovpressError(Problem.error(f"unknown format {name!r}: use one of {names}"))


def detect_format(path: Path) -> Format:
    """The format of a file, from its extension and header row."""
    headers = _first_row(path) if path.suffix.lower() == ".csv" else []
    for fmt in FORMATS:
        if fmt.detect(path, headers):
            return fmt
    for fmt, first in _FIRST_COLUMNS:
        if len(set(first) & {h.strip() for h in headers[: len(first) + 1]}) >= 3:
            return fmt  # its reader reports the columns that are missing
    text = read_text_file(path, what="data file")  # an encoding problem is the better message
    if not text.strip():
        raise GovpressError(Problem.error("the file is empty", path))
    names = ", ".join(f.name for f in FORMATS)
    raise GovpressError(Problem.error(f"cannot tell the format of this file: give --format ({names})", path, 1))


def _first_row(path: Path) -> list[str]:
    """The header cells as far as the first MiB shows them (undecodable bytes are the reader's to report)."""
    try:
        with path.open("rb") as handle:
            sample = handle.read(_SNIFF_BYTES)
    except OSError:
        return []
    text = sample.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace")
    try:
        return next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return []


def import_file(store: Store, path: Path, format_name: str | None = None, *, strict: bool = False) -> ImportResult:
    """Import one file. Raises :class:`GovpressError` (nothing stored) when any error was found, or with
    ``strict`` any warning."""
    fmt = format_named(format_name) if format_name else detect_format(path)
    log.info("importing %s as %s", path, fmt.name)
    services: list[Service] = []

    def records(problems: ProblemLog) -> Iterator[Record]:  # read again when a concurrent write got in the way
        services.clear()
        return _watched(fmt.read(path, problems), services, path, problems, strict)

    try:
        counts, problems = store.import_retrying(records, fmt)
    except SlugClashError as clash:  # found by the store, which does not know the file
        raise GovpressError([replace(p, path=str(path)) for p in clash.problems]) from None
    return ImportResult(path, fmt, counts, problems.problems, _notes(fmt, services))


def _watched(
    records: Iterable[Record], services: list[Service], path: Path, problems: ProblemLog, strict: bool
) -> Iterator[Record]:
    """The records, noting the services; with ``strict``, warnings become a final error (before the store commits)."""
    for record in records:
        if isinstance(record, Service):
            services.append(record)
        yield record
    if strict and problems.warnings and not problems.errors:
        count = len(problems.warnings)
        problems.add(Problem.error(f"{count} warning{'s' * (count != 1)} and --strict: file not imported", path))


def _notes(fmt: Format, services: list[Service]) -> list[str]:
    if not fmt.high_volume_by_rule or not services:
        return []
    marked = sum(service.high_volume for service in services)
    return [
        f"this {fmt.name} file has no high-volume column: {marked} of {len(services)} services are high-volume by the "
        "strategy's rule (over 100,000 transactions in their latest rolling year); a service already in the store "
        "keeps its flag"
    ]
