"""The search index in shards: which pages each pagefind index holds, and what pagefind reads of each page.

A site of up to :data:`SHARD_PAGES` searchable pages has one index, in ``OUT/pagefind/``. A bigger site has
:func:`shard_count` of them (a power of two: about ``pages / SHARD_PAGES`` rounded up), each page in the shard its
path hashes to (:func:`shard_of`), in ``OUT/pagefind/<n>/``: the first with pagefind's script and WebAssembly, the
others with their index only, and ``OUT/pagefind/shards.json`` lists them. The search page merges them in the
reader's browser (pagefind's ``mergeIndex``). Hashing the path keeps a page in the same shard whatever else the site
gains or loses, so a change to one page indexes only its shard again (:mod:`.index`); and it makes each shard a
sample of the whole site, so the word statistics pagefind ranks by are alike in every shard and the merged results
(sorted by pagefind's score) compare like with like. The count is a function of the number of pages only (never of
an earlier build), so the same pages always give the same shards and the same bytes.

pagefind reads only a page's ``<main data-pagefind-body>`` (``base.html``): :func:`indexed_text` gives it that
element alone in a bare document (the same index, byte for byte, as the whole page gives, a quarter faster to read),
and the shard's key is made of their digests, so a change to the header or footer of every page (a new section in the
navigation) indexes nothing again.

A page the build keeps from the last one without reading it (:mod:`govpress.site.engine.layouts`) comes with the
:class:`SearchNote` the last build took of it (its listing and the digest of what pagefind reads): the shard's key
needs only that, and its file is read again only when its shard is indexed again (:meth:`Shard.pages`).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from govpress.digest import short_digest
from govpress.problems import GovpressError, Problem
from govpress.search.pages import ERROR_PAGES, INDEX_FOLDER, SEARCH_PAGE, Listed, listed, searchable
from govpress.site.structure.pages import Page

SHARD_PAGES = 500  # pages a shard holds at most on average: pagefind reads about 1,000 pages a second
BODY = re.compile(r"<main\b[^>]*\bdata-pagefind-body\b", re.IGNORECASE)
BODY_END = "</main>"
LANGUAGE = re.compile(r"<html\b[^>]*?\blang=\"(?P<lang>[^\"]*)\"", re.IGNORECASE)


class Spool:
    """Bytes kept in an unnamed temporary file rather than in memory (what pagefind will read of each page: about 4
    KB a page, 400 MB at 100,000 pages): :meth:`append` says where they went (written in large pieces), :meth:`read`
    gives them back, from any thread once :meth:`flush` has been called after the last append. The file goes when
    the spool does."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="govpress-search-", buffering=1 << 20)  # noqa: SIM115 - lives with it
        self._size = 0

    def append(self, data: bytes) -> tuple[int, int]:
        """Keep ``data``; returns where (offset and length)."""
        self._file.write(data)
        where, self._size = (self._size, len(data)), self._size + len(data)
        return where

    def flush(self) -> None:
        """Write out what the appends left in the buffer (before any :meth:`read`)."""
        self._file.flush()

    def read(self, offset: int, length: int) -> bytes:
        return os.pread(self._file.fileno(), length, offset) if length else b""


@dataclass(frozen=True)
class SearchNote:
    """What the search took of a page: how the search page lists it (``None``: the page is not searchable) and the
    digest of what pagefind reads of it (:func:`~govpress.digest.short_digest`)."""

    listed: Listed | None
    text: str = ""


NOT_SEARCHABLE = SearchNote(None)
ReadBack = Callable[[str], bytes | None]  # what pagefind reads of the kept page at a path (under OUT), from its file


@dataclass(frozen=True)
class Shard:
    """One pagefind index: its number, its folder under OUT (:func:`shard_folder`) and its pages (their paths under
    OUT, where what pagefind reads of each is kept, and its digest, in path order). A page kept from the last build
    unread (offset -1) is read from its file with ``read_back``."""

    number: int
    folder: str
    kept: tuple[tuple[str, int, int, str], ...]
    spool: Spool = field(compare=False, repr=False)
    read_back: ReadBack | None = field(default=None, compare=False, repr=False)

    @property
    def pages(self) -> tuple[tuple[str, bytes], ...]:
        """Each page's path and what pagefind reads of it, read back from the spool (or from its file)."""
        return tuple((where[0], self._text(*where)) for where in self.kept)

    @property
    def digests(self) -> tuple[tuple[str, str], ...]:
        """Each page's path and the digest of what pagefind reads of it (no text read)."""
        return tuple((path, digest) for path, _, _, digest in self.kept)

    def _text(self, path: str, offset: int, length: int, digest: str) -> bytes:
        if offset >= 0:
            return self.spool.read(offset, length)
        text = self.read_back(path) if self.read_back is not None else None
        if text is None or short_digest(text) != digest:
            message = "the last build's page is not as it recorded it (the search index would not match): build again"
            raise GovpressError(Problem.error(message, path))
        return text


def shard_count(pages: int) -> int:
    """How many shards ``pages`` searchable pages are indexed in: 1 up to :data:`SHARD_PAGES`, else the smallest
    power of two that holds them with at most :data:`SHARD_PAGES` a shard on average."""
    count = 1
    while pages > count * SHARD_PAGES:
        count *= 2
    return count


def shard_of(path: str, count: int) -> int:
    """The shard of the page at ``path`` (under OUT) among ``count``: from a SHA-256 of the path."""
    return int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest()[:8], "big") % count


def shard_folder(number: int, count: int) -> str:
    """The folder (under OUT) of shard ``number`` among ``count``: ``pagefind`` for a single index, else
    ``pagefind/<number>`` (no folder's path starts with another's, as ``mergeIndex`` requires)."""
    return INDEX_FOLDER if count == 1 else f"{INDEX_FOLDER}/{number}"


def indexed_text(page: Page) -> bytes | None:
    """What pagefind reads of ``page``: its ``<main data-pagefind-body>`` element in a bare HTML document (its
    language kept), or ``None`` when it has none (pagefind leaves such a page out once any page has one)."""
    text = str(page.content)
    body = BODY.search(text, max(text.find("<main"), 0))  # str.find first: the header can be long
    end = text.rfind(BODY_END)
    if body is None or end < body.start():
        return None
    language = LANGUAGE.search(text, 0, body.start())
    opening = f'<html lang="{language.group("lang")}">' if language is not None else "<html>"
    return f"<!DOCTYPE html>{opening}<body>{text[body.start() : end + len(BODY_END)]}</body></html>".encode()


class Collected:
    """What the search needs of the site's pages, gathered one page at a time as the build settles them (it lets
    each page go once written): how the search page lists each searchable page, and what pagefind reads of it (the
    whole page while no page has a ``data-pagefind-body``); ``notes``: the :class:`SearchNote` of each page that
    has one (a page that is not searchable, or one with a ``data-pagefind-body``), for the next build.
    ``read_back``: how to read again a page kept unread (:meth:`add_kept`)."""

    def __init__(self, site_name: str = "", base_path: str = "/", read_back: ReadBack | None = None) -> None:
        self.listed: list[Listed] = []
        self.notes: dict[str, SearchNote] = {}
        self._site_name, self._base_path, self._read_back = site_name, base_path, read_back
        self._spool = Spool()
        self._texts: list[tuple[str, int, int, str]] = []
        self._whole: list[tuple[str, int, int, str]] = []
        self._plan: _Plan | None = None

    def plan(
        self,
        names: Iterable[str],
        unsearchable: Collection[str],
        ready: Callable[[Shard], None],
        first: Collection[str] = (),
    ) -> Callable[[str], tuple[bool, int, str]]:
        """Expect the pages at ``names`` (every page the build will settle; those at ``unsearchable`` are known not
        to be searchable): the shards are counted from those that may be, and each is handed to ``ready`` as soon
        as its last page is settled (pagefind can index it while the rest are laid out). Returns the order to settle
        the pages in: shard by shard, each in path order, the shards holding a page of ``first`` before the others
        (the pages rendered anew: in a build where a page changed, its shard is the one pagefind must index again,
        and it then does so while the rest are laid out, not after). What :meth:`shards` gives at the end is what
        counts: a shard handed over early whose pages turn out otherwise (a page found not searchable once laid out,
        which may change the count) is indexed again from those. The order changes no output: every page and shard
        is settled and written the same whatever it is."""
        names = list(names)
        count = shard_count(sum(1 for name in names if name not in unsearchable and _may_be_searchable(name)))
        numbers = {name: shard_of(name, count) for name in names}  # each page's hashed once
        waiting: dict[int, set[str]] = {}
        for name, number in numbers.items():
            waiting.setdefault(number, set()).add(name)
        self._plan = plan = _Plan(count, waiting, {}, ready, numbers)
        fresh = {plan.number(name) for name in first}

        def order(name: str) -> tuple[bool, int, str]:
            number = plan.number(name)
            return number not in fresh, number, name

        return order

    def add(self, page: Page) -> None:
        """Keep what the search needs of ``page`` if it is searchable."""
        name = str(page.output)
        if not searchable(page):
            self.notes[name] = NOT_SEARCHABLE
            self._settled(name)
            return
        entry = listed(page, self._site_name, self._base_path)
        self.listed.append(entry)
        text = indexed_text(page)
        if text is not None:
            digest = short_digest(text)
            self._text((name, *self._spool.append(text), digest))
            self.notes[name] = SearchNote(entry, digest)
            self._whole.clear()
        elif not self._texts:
            data = page.data()
            self._whole.append((name, *self._spool.append(data), short_digest(data)))
        self._settled(name)

    def add_kept(self, name: str, note: SearchNote) -> None:
        """Keep what the search needs of the page at ``name`` kept unread from the last build, as ``note`` says
        (its text is read back only if its shard is indexed again)."""
        self.notes[name] = note
        if note.listed is not None:
            self.listed.append(note.listed)
            self._text((name, -1, 0, note.text))
            self._whole.clear()
        self._settled(name)

    def _text(self, where: tuple[str, int, int, str]) -> None:
        self._texts.append(where)
        if self._plan is not None:
            self._plan.texts.setdefault(self._plan.number(where[0]), []).append(where)

    def _settled(self, name: str) -> None:
        """Hand over the shard of ``name`` if it was the last of its pages to come (as :meth:`plan` expects)."""
        plan = self._plan
        if plan is None:
            return
        number = plan.number(name)
        waiting = plan.waiting.get(number)
        if waiting is None or name not in waiting:
            return
        waiting.discard(name)
        if waiting or not plan.texts.get(number):
            return
        del plan.waiting[number]
        self._spool.flush()
        kept = tuple(sorted(plan.texts[number]))
        plan.ready(Shard(number, shard_folder(number, plan.count), kept, self._spool, self._read_back))

    def shards(self) -> list[Shard]:
        """The shards of the pages kept (each as :func:`indexed_text` gives it; the whole page when no page has a
        ``data-pagefind-body``); empty shards left out."""
        kept = self._texts or self._whole
        self._spool.flush()
        count = shard_count(len(kept))
        grouped: dict[int, list[tuple[str, int, int, str]]] = {}
        for where in sorted(kept):
            grouped.setdefault(shard_of(where[0], count), []).append(where)
        folders = {number: shard_folder(number, count) for number in grouped}
        return [
            Shard(number, folders[number], tuple(grouped[number]), self._spool, self._read_back)
            for number in sorted(grouped)
        ]


@dataclass
class _Plan:
    """The shards a build expects (:meth:`Collected.plan`): their count, the pages each still waits for, the texts
    each has so far, who takes each once it has all its pages, and the shard of each page expected."""

    count: int
    waiting: dict[int, set[str]]
    texts: dict[int, list[tuple[str, int, int, str]]]
    ready: Callable[[Shard], None]
    numbers: dict[str, int] = field(default_factory=dict)

    def number(self, name: str) -> int:
        """The shard of the page at ``name`` (:func:`shard_of`, hashed once a page)."""
        found = self.numbers.get(name)
        return shard_of(name, self.count) if found is None else found


def _may_be_searchable(name: str) -> bool:
    """Whether the page at ``name`` may be searchable (:func:`searchable` tells, once it is laid out)."""
    path = PurePosixPath(name)
    return path.suffix == ".html" and path != SEARCH_PAGE and path.name not in ERROR_PAGES


def shards(pages: Iterable[Page]) -> list[Shard]:
    """The shards of the searchable ``pages`` (:meth:`Collected.shards`)."""
    collected = Collected()
    for page in pages:
        collected.add(page)
    return collected.shards()
