"""Answers to read queries, kept per worker while their data set is unchanged.

A data set's version (:meth:`govpress.api.store.ApiStore.version`) goes up with every write to it, in the write's
transaction, so an answer kept at a version is exactly what the query would return again: a read then costs one
indexed row instead of a grouping over every record. The key is the parsed query, whose time range is already
fixed (a ``duration`` counted back from now gives a new key as time passes). Least recently used answers go first,
within a count and a size.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

MAX_ANSWERS = 512
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    etag: str


@dataclass
class Answers:
    max_answers: int = MAX_ANSWERS
    max_bytes: int = MAX_BYTES
    _kept: OrderedDict[tuple[str, Any], tuple[str, Answer]] = field(default_factory=OrderedDict)
    _bytes: int = 0

    def get(self, data_set: str, query: Any, version: str) -> Answer | None:
        kept = self._kept.get((data_set, query))
        if kept is None or kept[0] != version:
            return None
        self._kept.move_to_end((data_set, query))
        return kept[1]

    def put(self, data_set: str, query: Any, version: str, answer: Answer) -> Answer:
        key = (data_set, query)
        if key in self._kept:
            self._bytes -= len(self._kept.pop(key)[1].body)
        if len(answer.body) <= self.max_bytes // 8:
            self._kept[key] = (version, answer)
            self._bytes += len(answer.body)
        while self._kept and (len(self._kept) > self.max_answers or self._bytes > self.max_bytes):
            _, (_, dropped) = self._kept.popitem(last=False)
            self._bytes -= len(dropped.body)
        return answer
