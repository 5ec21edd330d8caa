"""The build cache as data: explicit JSON encoders and decoders for what it holds, and loading and saving it.

Nothing here can run code when a cache is read (no pickle): every value is rebuilt from JSON lists, strings, numbers
and booleans by a decoder that checks its type and shape. A cache that is missing, unreadable, not signed for this
output (:mod:`govpress.site.engine.records`), of another format or with any value of the wrong shape is logged and
ignored: the build renders everything again.

The shapes (JSON arrays, in this order):

- ``FileStamp``: ``["file", path, size, mtime_ns, digest]``; a generator's ``KeyStamp``: ``["key", path, size,
  mtime_ns, digest, generator, known, day]`` (a generator's name: only a generator of the build by that name is asked
  for its key, nothing is imported; ``day``: ``""``, or the day the key holds, as ``YYYY-MM-DD``; a stamp without it,
  of an older govpress, has none);
- ``Problem``: ``[path|null, line|null, column|null, "error"|"warning", message]``;
- ``Content``: ``[output, layout, body, title, source, [dependency…], [problem…], failed, [[level, text]…]]``;
- ``Page``: ``[output, ["s", text] | ["b", base64], title|null, source|null, [dependency…], [problem…], section]``;
- a generator's entry: ``[key, [page…], [stamp…], body file|null, [[offset, length, digest, text]|null…]]``: with a
  body file (:mod:`govpress.site.engine.bodies`, named ``generated-<hex>.bodies`` in the records' folder), the
  last list goes with the pages, and a page with a place in the file is kept without its content; an entry whose
  body file is missing or too short is left out (its generator runs again);
- ``PageFacts``: ``[[link…], [id…], title, [[level, id|null, text]…], last_updated|null]``;
- ``LayoutEntry``: ``[key, size, mtime_ns, facts hash, [problem…], search, [[section key, shown]…]]``, ``search``
  being ``null`` (not known: an older govpress wrote entries of 5 items, without it), ``false`` (not searchable) or
  ``[title, href, text digest]`` (:class:`~govpress.search.shards.SearchNote`), the last list saying whether a
  generator's page showed each section meant for it (entries of 5 or 6 items: nothing recorded); ``known``:
  ``{output path: facts hash}``.
"""

from __future__ import annotations

import base64
import binascii
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, cast

from govpress.search.pages import Listed
from govpress.search.shards import NOT_SEARCHABLE, SearchNote
from govpress.site.engine import heap
from govpress.site.engine.bodies import StoredBody, body_file, remove_unused, usable
from govpress.site.engine.cache import BuildCache, CacheEntry, GeneratedEntry, empty_cache
from govpress.site.engine.layouts import LayoutEntry
from govpress.site.engine.parts import (
    MOST_PARTS,
    BadPartError,
    StoredParts,
    grouped,
    part_count,
    read_parts,
    remembered,
    remove_unused_parts,
    write_part,
)
from govpress.site.engine.record_shapes import (
    BadRecordError,
    Json,
    boolean,
    decode_problem,
    decode_problems,
    decode_stamps,
    encode_problem,
    encode_problems,
    encode_stamps,
    fixed,
    list_of,
    mapping_of,
    optional,
    path_text,
    path_value,
    same,
    shape_of,
    string,
    strings,
    whole,
)
from govpress.site.engine.records import Entries, RecordFolder
from govpress.site.sources.readers import Content
from govpress.site.structure.facts import Heading, PageFacts
from govpress.site.structure.pages import Page

logger = logging.getLogger(__name__)
CACHE_FILE = "pages.json"  # the manifest: the cache's parts (govpress.site.engine.parts)
CACHE_KIND = "pages"
FORMAT = 7
MAPPINGS = ("contents", "generated", "facts", "layouts", "known")  # BuildCache's fields, as the record names them


def load_cache(records: RecordFolder | None, keep: bool = False) -> BuildCache:
    """The cache the last build kept in ``records``; empty (logged) when there is none or it cannot be trusted. The
    cache remembers its parts (:mod:`govpress.site.engine.parts`): saving it again writes only those that changed.
    ``keep``: a build's, which holds it to the end: out of the cycle collector's passes (:func:`heap.paused
    <govpress.site.engine.heap.paused>`) until the build ends (:func:`heap.released
    <govpress.site.engine.heap.released>`)."""
    if records is None:
        return empty_cache()
    with heap.paused(keep):  # a million objects, none in a cycle: the collector's passes would walk them over and over
        manifest = records.load(CACHE_FILE, CACHE_KIND)
        if manifest is None:
            return empty_cache()
        try:
            names = _part_names(manifest)
            raws = read_parts(records, names)
            cache = decode_cache(_joined(raws), records.path)
        except (BadRecordError, BadPartError, RecursionError) as error:
            logger.info("ignoring the build cache %s: %s", records.file(CACHE_FILE), error)
            return empty_cache()
        decoded = _mappings(cache)
        return replace(cache, parts=StoredParts(tuple(names), tuple(remembered(raw, decoded) for raw in raws)))


def save_cache(records: RecordFolder | None, cache: BuildCache) -> None:
    """Save ``cache`` in ``records``: the parts whose entries are the very ones loaded from them are kept, the others
    written (:mod:`govpress.site.engine.parts`); then remove the parts and the body files it does not name (older
    builds')."""
    if records is None or not records.ready():
        return
    names = _save_parts(records, _mappings(cache), _encoded_part, FORMAT, cache.parts)
    remove_unused_parts(records.path, names)
    remove_unused(records.path, {name for e in cache.generated.values() if (name := _body_file(e)) is not None})


def load_value(records: RecordFolder) -> dict[str, object] | None:
    """The whole cache's JSON value (its format and every mapping, joined from its parts), or ``None``: for tests
    and tools that look into the records."""
    manifest = records.load(CACHE_FILE, CACHE_KIND)
    if not isinstance(manifest, dict):
        return None
    try:
        names = _part_names(manifest, any_format=True)
        return {**_joined(read_parts(records, names)), "format": manifest.get("format")}
    except (BadRecordError, BadPartError):
        return None


def save_value(records: RecordFolder, value: dict[str, object]) -> None:
    """Save a cache's whole JSON value (as :func:`load_value` gives it) in parts, as it is: its format and every
    mapping it has (each an object)."""
    mappings = {name: entries for name, entries in value.items() if name != "format"}
    if not all(isinstance(entries, dict) for entries in mappings.values()) or not records.ready():
        raise ValueError("a cache's mappings are objects, saved in a folder of this user's")
    _save_parts(records, cast(dict[str, dict[str, Any]], mappings), lambda group: group, value.get("format"))


def _save_parts(
    records: RecordFolder,
    mappings: dict[str, dict[str, Any]],
    encoded: Callable[[dict[str, dict[str, Any]]], object],
    format_: object,
    last: StoredParts | None = None,
) -> list[str]:
    """Write ``mappings`` in parts (each ``encoded``) but those ``last`` (the parts they were loaded from) keeps, and
    the manifest naming them, of the format ``format_``; the parts' names."""
    count = part_count(sum(map(len, mappings.values())), len(last.names) if last is not None else None)
    names: list[str] = []
    for index, group in enumerate(grouped(mappings, count)):
        kept = last.kept(index, group) if last is not None and len(last.names) == count else None
        names.append(kept if kept is not None else write_part(records, encoded(group)))
    records.save(CACHE_FILE, CACHE_KIND, {"format": format_, "parts": names})
    return names


def _part_names(manifest: Json, any_format: bool = False) -> list[str]:
    """The parts a manifest names (a power of two of them, at most :data:`MOST_PARTS`)."""
    if not isinstance(manifest, dict) or (manifest.get("format") != FORMAT and not any_format):
        raise BadRecordError("not a build cache of this govpress (another format)")
    names = list_of(manifest.get("parts"), string)
    if not names or len(names) > MOST_PARTS or len(names) & (len(names) - 1):
        raise BadRecordError(f"not a number of parts a cache is kept in: {len(names)}")
    return names


def _joined(raws: list[dict[str, dict[str, object]]]) -> dict[str, object]:
    """The cache's value from its parts: each mapping's entries from every part (each part has every mapping)."""
    joined: dict[str, dict[str, object]] = {name: {} for name in MAPPINGS}
    for raw in raws:
        if raw.keys() != joined.keys():
            raise BadRecordError(f"a part with other mappings than the cache's: {sorted(raw)}")
        for name, entries in raw.items():
            joined[name].update(entries)
    return {"format": FORMAT, **joined}


def _mappings(cache: BuildCache) -> dict[str, dict[str, Any]]:
    """The cache's mappings by the names its record gives them (its fields' names: :data:`MAPPINGS`)."""
    return {name: getattr(cache, name) for name in MAPPINGS}


def _encoded_part(group: dict[str, dict[str, Any]]) -> dict[str, object]:
    """A part's record: each mapping's entries as :class:`Entries`, each entry encoded as it is written."""
    return {
        "contents": Entries(
            (n, [e.key, _content(e.content), encode_stamps(e.stamps)]) for n, e in group["contents"].items()
        ),
        "generated": Entries(
            ((name, _generated(e)) for name, e in group["generated"].items()),
            levels=2,  # a generator's pages, one at a time (the services explorer makes thousands)
        ),
        "facts": Entries((digest, _facts(f)) for digest, f in group["facts"].items()),
        "layouts": Entries((name, _layout(e)) for name, e in group["layouts"].items()),
        "known": group["known"],
    }


def decode_cache(value: Json, folder: Path | None = None) -> BuildCache:
    """The cache ``value`` holds (``folder``: the records' folder, where its body files are); :class:`BadRecordError`
    on any value of the wrong shape or another format."""
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise BadRecordError("not a build cache of this govpress (another format)")
    contents = mapping_of(value.get("contents"), _cache_entry)
    decoded = mapping_of(value.get("generated"), partial(_generated_entry, folder=folder))
    generated = {name: entry for name, entry in decoded.items() if usable([s for s in entry.stored if s is not None])}
    facts = mapping_of(value.get("facts"), _decode_facts)
    layouts = mapping_of(value.get("layouts"), _layout_entry)
    return BuildCache(contents, generated, facts, layouts, mapping_of(value.get("known"), string))


def _body_entry(e: CacheEntry) -> Json:
    return [e.key, _content(e.content), encode_stamps(e.stamps)]


def _layout(e: LayoutEntry) -> Json:
    sections = [[key, shown] for key, shown in e.sections]
    return [e.key, e.size, e.mtime_ns, e.facts, encode_problems(e.problems), _search_note(e.search), sections]


def _layout_entry(value: Json) -> LayoutEntry:
    items = list_of(value, same)
    older: dict[int, list[Json]] = {5: [None, []], 6: [[]]}  # written before the search note, before the sections
    key, size, mtime_ns, facts, problems, search, sections = fixed([*items, *older.get(len(items), [])], 7)
    note = _decode_search_note(search)
    shown = tuple(list_of(sections, _section_shown))
    return LayoutEntry(string(key), whole(size), whole(mtime_ns), string(facts), decode_problems(problems), note, shown)


def _section_shown(value: Json) -> tuple[str, bool]:
    key, shown = fixed(value, 2)
    return string(key), boolean(shown)


def _search_note(note: SearchNote | None) -> Json:
    if note is None or note.listed is None:
        return None if note is None else False
    return [note.listed.title, note.listed.href, note.text]


def _decode_search_note(value: Json) -> SearchNote | None:
    if value is None or value is False:
        return None if value is None else NOT_SEARCHABLE
    title, href, text = fixed(value, 3)
    return SearchNote(Listed(string(title), string(href)), string(text))


def _cache_entry(value: Json) -> CacheEntry:
    key, content, stamps = fixed(value, 3)
    paths: dict[str, Path] = {}  # a page's source is its first dependency and stamp too: one Path for the three
    return CacheEntry(string(key), _decode_content(content, paths), decode_stamps(stamps, paths))


def _generated(e: GeneratedEntry) -> list[Json]:
    stored = [None if s is None else [s.offset, s.length, s.digest, s.text] for s in e.stored]
    return [e.key, (_page(p) for p in e.pages), encode_stamps(e.stamps), _body_file(e), stored]


def _body_file(entry: GeneratedEntry) -> str | None:
    """The name of the body file of ``entry``'s pages (``None``: its pages are whole)."""
    return next((s.path.name for s in entry.stored if s is not None), None)


def _generated_entry(value: Json, folder: Path | None) -> GeneratedEntry:
    key, pages, stamps, name, stored = fixed(value, 5)
    decoded = tuple(list_of(pages, _decode_page))
    places = list_of(stored, _place)
    if name is None:
        if places:
            raise BadRecordError("stored pages without a body file")
        return GeneratedEntry(string(key), decoded, decode_stamps(stamps))
    path = body_file(folder, string(name)) if folder is not None else None
    if path is None or len(places) != len(decoded):
        raise BadRecordError(f"not a body file of this build's, or not one place a page: {name!r}")
    bodies = tuple(None if p is None else StoredBody(path, *p) for p in places)
    if any(b is not None and (page.content or page.section) for page, b in zip(decoded, bodies, strict=True)):
        raise BadRecordError("a stored page with its content or a stored section")
    return GeneratedEntry(string(key), decoded, decode_stamps(stamps), bodies)


def _place(value: Json) -> tuple[int, int, str, bool] | None:
    if value is None:
        return None
    offset, length, digest, text = fixed(value, 4)
    if whole(offset) < 0 or whole(length) < 0:
        raise BadRecordError("a negative place in a body file")
    return whole(offset), whole(length), string(digest), boolean(text)


def _content(c: Content) -> Json:
    problems = [encode_problem(p) for p in c.problems]
    dependencies = [str(p) for p in c.dependencies]
    headings = [[level, text] for level, text in c.headings]
    return [str(c.output), c.layout, c.body, c.title, str(c.source), dependencies, problems, c.failed, headings]


def _decode_content(value: Json, paths: dict[str, Path] | None = None) -> Content:
    output, layout, body, title, source, dependencies, problems, failed, headings = fixed(value, 9)
    return Content(
        _output(output),
        string(layout),
        string(body),
        string(title),
        path_value(source, paths),
        tuple(list_of(dependencies, partial(path_value, paths=paths))),
        tuple(list_of(problems, decode_problem)),
        boolean(failed),
        tuple(list_of(headings, _heading)),
    )


def _page(p: Page) -> Json:
    content = ["s", p.content] if isinstance(p.content, str) else ["b", base64.b64encode(p.content).decode("ascii")]
    source = None if p.source is None else str(p.source)
    dependencies = [str(d) for d in p.dependencies]
    return [str(p.output), content, p.title, source, dependencies, [encode_problem(x) for x in p.problems], p.section]


def _decode_page(value: Json) -> Page:
    output, content, title, source, dependencies, problems, section = fixed(value, 7)
    kind, data = fixed(content, 2)
    if kind == "s":
        body: str | bytes = string(data)
    elif kind == "b":
        try:
            body = base64.b64decode(string(data), validate=True)
        except binascii.Error as error:
            raise BadRecordError(f"not base64: {error}") from error
    else:
        raise BadRecordError(f"not a page's content: {kind!r}")
    return Page(
        _output(output),
        body,
        optional(title, string),
        optional(source, path_value),
        tuple(list_of(dependencies, path_value)),
        tuple(list_of(problems, decode_problem)),
        boolean(section),
    )


def _facts(f: PageFacts) -> Json:
    headings: Json = [[h.level, h.id, h.text] for h in f.headings]
    return [list(f.links), sorted(f.ids), f.title, headings, f.last_updated]


def _decode_facts(value: Json) -> PageFacts:
    links, ids, title, headings, last_updated = fixed(value, 5)
    return PageFacts(
        tuple(map(sys.intern, strings(links))),  # as page_facts: the same links on every page held once
        frozenset(map(sys.intern, strings(ids))),
        string(title),
        tuple(list_of(headings, _fact_heading)),
        optional(last_updated, string),
    )


def _heading(value: Json) -> tuple[int, str]:
    level, text = fixed(value, 2)
    if type(level) is not int or type(text) is not str:  # checked inline: a page has a dozen headings
        raise BadRecordError(f"expected a level and a text, found {shape_of(level)} and {shape_of(text)}")
    return level, text


def _fact_heading(value: Json) -> Heading:
    level, name, text = fixed(value, 3)
    if type(level) is not int or (name is not None and type(name) is not str) or type(text) is not str:
        raise BadRecordError(f"expected a level, an id or null and a text, found {shape_of(value)}")
    return Heading(level, name, text)


def _output(value: Json) -> PurePosixPath:
    """A path inside the output folder: relative, without ``..`` or NUL."""
    path = PurePosixPath(path_text(value))
    if not path.parts or path.is_absolute() or ".." in path.parts or "\\" in str(path):
        raise BadRecordError(f"not a path inside the output folder: {str(path)!r}")
    return path
