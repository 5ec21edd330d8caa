"""Importers: each reads one file format into services and observations, reporting problems with places.

An importer is a :class:`Format`: a name, the service and figure fields the format supplies (a re-import
from a format that lacks a field never clears it), a ``detect`` test on the header
and a ``read`` function that streams records (each service before its observations) while adding problems
to a :class:`~govpress.problems.ProblemLog`. Nothing is stored when any error was found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from govpress.problems import ProblemLog
from govpress.services.model import Observation, Service

Record = Service | Observation
Reader = Callable[[Path, ProblemLog], Iterator[Record]]


@dataclass(frozen=True)
class Format:
    """A file format govpress can import."""

    name: str
    description: str
    service_fields: frozenset[str]
    figure_fields: frozenset[str]
    detect: Callable[[Path, list[str]], bool]
    read: Reader
    # The file has no high-volume flag: a new service is marked by the strategy's rule (an import note says so).
    high_volume_by_rule: bool = False
