"""Importing one file into a store: pick the format (given or detected), read, validate, write all or nothing."""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from pathlib import Path

from govpress.problems import GovpressError, Problem, ProblemLog
from govpress.services.importers import Format
from govpress.services.importers.native import NATIVE_CSV, NATIVE_JSON
from govpress.services.importers.public_download import PUBLIC_DOWNLOAD
from govpress.services.importers.te_export import TE_EXPORT
from govpress.services.store import ImportCounts, Store

log = logging.getLogger(__name__)
FORMATS: tuple[Format, ...] = (TE_EXPORT, PUBLIC_DOWNLOAD, NATIVE_CSV, NATIVE_JSON)


@dataclass(frozen=True)
class ImportResult:
    path: Path
    format: Format
    counts: ImportCounts
    problems: list[Problem]


def format_named(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    names = ", ".join(f.name for f in FORMATS)
    raise GovpressError(Problem.error(f"unknown format {name!r}: use one of {names}"))


def detect_format(path: Path) -> Format:
    """The format of a file, from its extension and header row."""
    headers: list[str] = []
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            headers = next(csv.reader(handle), [])
    for fmt in FORMATS:
        if fmt.detect(path, headers):
            return fmt
    names = ", ".join(f.name for f in FORMATS)
    raise GovpressError(Problem.error(f"cannot tell the format of this file: give --format ({names})", path, 1))


def import_file(store: Store, path: Path, format_name: str | None = None) -> ImportResult:
    """Import one file. Raises :class:`GovpressError` (nothing stored) when any error was found."""
    fmt = format_named(format_name) if format_name else detect_format(path)
    log.info("importing %s as %s", path, fmt.name)
    problems = ProblemLog()
    counts = store.import_records(fmt.read(path, problems), fmt, problems)
    return ImportResult(path, fmt, counts, problems.problems)
