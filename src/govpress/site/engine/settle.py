"""Pages settle one at a time, so a build holds the finished HTML of a few pages, never of the whole site.

settler = Settler(known, kept, generated, write, search, keep=False)
for page in laid_out:            # laid out when its turn comes (govpress.site.structure.site_model.merged)
    settler.add(page)
settled = settler.finish()       # light pages in output order, their facts, the sections they show

Each page, as it comes, gives what the whole-site stages need of it and nothing more is kept:

- its facts (links, ids, headings, title: :mod:`govpress.site.structure.facts`) under the hash of its bytes, taken
  from ``known`` (the last build's records) by that hash; a page kept from the last build (``kept``) is not
  hashed again, its layout entry holds the hash;
- what the search keeps of it (:class:`govpress.search.shards.Collected`: its title, its link and its ``<main>``;
  for a kept page left unread, its entry's search note);
- which of the generated sections meant for it it shows (:func:`govpress.site.structure.additions.shows`; for a
  kept page read earlier for that, ``shown``);
- its file, handed to the writer in batches of :data:`BATCH` (``write``, which lets the writer fall a few batches
  behind at most), unless the last build's file is kept or the page was written already (``written``: the output
  paths of the generators' finished pages);

then a *light* copy stays (the same page with its content emptied) for the link check and the sitemap, which read
only each page's path, source, dependencies and problems. A build that reads the pages again after they are written
keeps them whole (``keep``): one with ``--pdf`` (the links to PDFs that failed are withdrawn from written pages), a
shard and the merge (their records describe their pages).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govpress.site.engine.layouts import UNREAD, LayoutEntry
from govpress.site.structure.additions import sections_by_output, shows
from govpress.site.structure.facts import PageFacts, page_facts
from govpress.site.structure.pages import Page

if TYPE_CHECKING:
    from govpress.search.shards import Collected

BATCH = 64  # pages handed to the writer at a time


@dataclass(frozen=True)
class Facts:
    """The facts of a site's HTML pages, by output path and by the hash of the page's bytes; ``known``: every path
    of the site, with the hash its page's facts are kept under ("": not an HTML page)."""

    by_output: dict[str, PageFacts]
    by_hash: dict[str, PageFacts]
    known: dict[str, str]


@dataclass(frozen=True)
class Settled:
    """The settled site: its pages in output order (light unless kept whole: the files for search engines last),
    their facts, and the ``id`` of each generated section a page shows."""

    pages: list[Page]
    facts: Facts
    shown: frozenset[int]


class Settler:
    """Settles the pages of one build (see the module's docstring)."""

    def __init__(
        self,
        known: Mapping[str, PageFacts],
        kept: Mapping[str, LayoutEntry],
        generated: Iterable[Page],
        write: Callable[[list[Page]], None] | None,
        search: Collected | None = None,
        *,
        keep: bool = False,
        written: Collection[str] = (),
        shown: Mapping[str, Collection[int]] | None = None,
    ) -> None:
        self._known, self._kept, self._write, self._search = known, kept, write, search
        self._keep, self._written, self._known_shown = keep, written, shown or {}
        self._sections = sections_by_output(generated)
        self._pages: dict[str, Page] = {}
        self._last: dict[str, Page] = {}  # added after the rest: the files for search engines
        self._facts: dict[str, PageFacts] = {}
        self._by_hash: dict[str, PageFacts] = {}
        self._hashes: dict[str, str] = {}
        self._shown: set[int] = set()
        self._batch: list[Page] = []

    def add(self, page: Page, *, last: bool = False) -> None:
        """Settle ``page`` (a page at the same path as one settled before replaces it); ``last``: it goes after the
        others, out of output order (the files for search engines)."""
        name = str(page.output)
        unread = self._unread(page)
        digest, found = page_fact(page, self._known, self._kept)
        self._hashes[name] = digest
        if found is not None:
            self._facts[name] = self._by_hash[digest] = found
        if name in self._known_shown:  # a kept page read earlier to see which it shows
            self._shown.update(self._known_shown[name])
        else:
            self._shown.update(id(section) for section in self._sections.get(name, ()) if shows(page, section))
        if self._search is not None and unread is not None and unread.search is not None:
            self._search.add_kept(name, unread.search)
        elif self._search is not None:
            self._search.add(page)
        if self._write is not None and name not in self._written and name not in self._kept:
            self._batch.append(page)
            if len(self._batch) >= BATCH:
                self._flush()
        (self._last if last else self._pages)[name] = page if self._keep else page.light()

    def pages(self) -> list[Page]:
        """The pages settled so far, in output order (then those added ``last``)."""
        return [*(self._pages[name] for name in sorted(self._pages)), *self._last.values()]

    def finish(self) -> Settled:
        """Hand the last batch to the writer; the settled site."""
        self._flush()
        pages = self.pages()
        order = [str(page.output) for page in pages]
        by_output = {name: self._facts[name] for name in order if name in self._facts}
        facts = Facts(by_output, self._by_hash, {name: self._hashes[name] for name in order})
        return Settled(pages, facts, frozenset(self._shown))

    def _unread(self, page: Page) -> LayoutEntry | None:
        """The entry of ``page`` when it is kept from the last build without its file read (its content is
        :data:`~govpress.site.engine.layouts.UNREAD`), which must hold all that settling needs of it."""
        entry = self._kept.get(str(page.output)) if page.content == UNREAD and page.is_html else None
        if entry is None:
            return None
        name = str(page.output)
        lacking = name in self._sections and name not in self._known_shown
        if lacking or not entry.says_all(self._known, self._search is not None):  # LayoutReuse.kept_html sees to it
            raise ValueError(f"{page.output}: kept unread, but its entry does not say all the build needs of it")
        return entry

    def _flush(self) -> None:
        if self._write is not None and self._batch:
            self._write(self._batch)
            self._batch = []


def page_fact(
    page: Page, known: Mapping[str, PageFacts], kept: Mapping[str, LayoutEntry] | None = None
) -> tuple[str, PageFacts | None]:
    """The hash ``page``'s facts are kept under and its facts (``known`` by that hash, else found in its HTML);
    ``("", None)`` for a file that is not an HTML page. A page ``kept`` from the last build is not hashed again."""
    if not page.is_html:
        return "", None
    entry = kept.get(str(page.output)) if kept else None
    digest = entry.facts if entry is not None else hashlib.sha1(page.data(), usedforsecurity=False).hexdigest()
    return digest, known.get(digest) or page_facts(str(page.content))


def facts_of(pages: Iterable[Page], known: Mapping[str, PageFacts]) -> Facts:
    """The facts of ``pages`` (reused from ``known`` by content hash)."""
    by_output: dict[str, PageFacts] = {}
    by_hash: dict[str, PageFacts] = {}
    hashes: dict[str, str] = {}
    for page in pages:
        name = str(page.output)
        hashes[name], found = page_fact(page, known)
        if found is not None:
            by_output[name] = by_hash[hashes[name]] = found
    return Facts(by_output, by_hash, hashes)
