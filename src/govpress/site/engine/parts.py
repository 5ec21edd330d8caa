"""The page cache kept in parts, so that a build which changes a few pages rewrites a few small files, not the whole
cache (docs/scaling.md, "Stop 26").

``pages.json``, a signed record (:mod:`govpress.site.engine.records`), is the cache's *manifest*: its format and the
names of its parts. A part is one JSON object holding, for each of the cache's mappings (``contents``, ``facts``…),
the entries whose key falls in it (by the CRC-32 of the key: the same key always falls in the same part while the
number of parts stays the same). Parts are data only, and each is named for the SHA-256 of its bytes
(``pages-<64 hex digits>.part``, never a path from a record): a part is read only when its bytes have the digest its
name gives, and its name comes from the signed manifest, so a part can be neither edited nor swapped for another.

A build remembers, for each part it loaded, which entry it decoded from it (a weak reference to the value: the build
lets stale values go). When it saves, a part whose keys are the same and whose every value is the very one it loaded
(reused, not made again) is kept as it is; only the others are encoded and written. The number of parts is a power of
two chosen for about :data:`ENTRIES_PER_PART` entries each, and kept while the cache stays within a factor of two of
that size (a page more or less never moves every key).
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from govpress.site.engine.records import RecordFolder, encoded_chunks, read_regular, remove_unused

PREFIX, SUFFIX = "pages-", ".part"
NAME = re.compile(r"pages-(?P<digest>[0-9a-f]{64})\.part\Z")
ENTRIES_PER_PART = 512
MOST_PARTS = 4096


class BadPartError(ValueError):
    """A part that is missing, unreadable, not the bytes its name says, or not a JSON object."""


Raw = dict[str, dict[str, object]]  # a part as read: each mapping's entries (JSON values) by key


@dataclass(frozen=True)
class StoredParts:
    """The parts a build loaded: their names (in order: the part of index ``i`` holds the keys whose CRC-32 is ``i``
    modulo their number) and, for each, each mapping's keys with what was decoded from them (a weak reference to
    the value, or the value itself when it is a string)."""

    names: tuple[str, ...]
    loaded: tuple[dict[str, dict[str, object]], ...]

    def kept(self, index: int, group: Mapping[str, Mapping[str, object]]) -> str | None:
        """The name of the part ``index`` when ``group`` (its mappings' entries as they are now) is what was
        loaded from it, value for value; else ``None`` (it is written again)."""
        loaded = self.loaded[index]
        if loaded.keys() != group.keys():
            return None
        for mapping, entries in group.items():
            before = loaded[mapping]
            if before.keys() != entries.keys():
                return None
            if not all(_same(before[key], value) for key, value in entries.items()):
                return None
        return self.names[index]


def _same(held: object, value: object) -> bool:
    """Whether ``value`` is what was loaded: the very object (``held``: a weak reference to it), or an equal string."""
    if isinstance(held, weakref.ref):
        return held() is value
    return isinstance(value, str) and held == value


def part_of(key: str, count: int) -> int:
    """The part the key ``key`` falls in, among ``count`` (a power of two)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) & (count - 1)


def part_count(entries: int, last: int | None) -> int:
    """How many parts a cache of ``entries`` entries is kept in: ``last`` (the last build's number) while it is
    within a factor of two of the ideal, else the ideal (a power of two, about :data:`ENTRIES_PER_PART` each)."""
    ideal = 1
    while ideal * ENTRIES_PER_PART < entries and ideal < MOST_PARTS:
        ideal *= 2
    if last is not None and last // 2 <= ideal <= last * 2:
        return last
    return ideal


def read_parts(records: RecordFolder, names: Sequence[str]) -> list[Raw]:
    """Each part of ``names`` (from a signed manifest) as read; :class:`BadPartError` when one cannot be."""
    return [_read_part(records, name) for name in names]


def _read_part(records: RecordFolder, name: str) -> Raw:
    found = NAME.fullmatch(name)
    if found is None:
        raise BadPartError(f"not the name of a part of the page cache: {name!r}")
    try:
        data = read_regular(records.file(name))
    except OSError as error:
        raise BadPartError(f"cannot read {name}: {error}") from error
    if hashlib.sha256(data).hexdigest() != found.group("digest"):
        raise BadPartError(f"{name} is not the part the cache names (changed since it was written)")
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BadPartError(f"{name} is not JSON: {error}") from error
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise BadPartError(f"{name} is not an object of mappings")
    return value


def remembered(raw: Raw, decoded: Mapping[str, Mapping[str, object]]) -> dict[str, dict[str, object]]:
    """What a build remembers of a part it read (``raw``), given every mapping as decoded: for each key of the part,
    a weak reference to its decoded value (the value itself when it is a string; ``None`` when the build left it
    out, as a generator's pages whose body file is gone: the part is then written again)."""
    kept: dict[str, dict[str, object]] = {}
    for mapping, entries in raw.items():
        values = decoded.get(mapping, {})
        kept[mapping] = {key: _held(values.get(key)) for key in entries}
    return kept


def _held(value: object) -> object:
    """What is remembered of a decoded value: a weak reference to it, or a string (or ``None``) itself."""
    if value is None or isinstance(value, str):
        return value
    return weakref.ref(value)


def grouped(mappings: Mapping[str, Mapping[str, object]], count: int) -> list[dict[str, dict[str, object]]]:
    """Each mapping's entries split among ``count`` parts by their keys (every part has every mapping)."""
    groups: list[dict[str, dict[str, object]]] = [{name: {} for name in mappings} for _ in range(count)]
    for name, entries in mappings.items():
        for key, value in entries.items():
            groups[part_of(key, count)][name][key] = value
    return groups


def write_part(records: RecordFolder, value: object) -> str:
    """Write one part (``value``: plain JSON, or holding :class:`~govpress.site.engine.records.Entries`) among
    ``records``, named for the digest of its bytes; its name."""

    def named_for_digest(stream: BinaryIO) -> str:
        digest = hashlib.sha256()
        for chunk in encoded_chunks(value):
            digest.update(chunk)
            stream.write(chunk)
        return f"{PREFIX}{digest.hexdigest()}{SUFFIX}"

    return records.write_atomically(PREFIX.rstrip("-"), named_for_digest)


def remove_unused_parts(folder: Path, used: Iterable[str]) -> None:
    """Remove the parts in ``folder`` that ``used`` does not name (older builds'), logging what cannot be."""
    remove_unused(folder, NAME, set(used), "part of the page cache")
