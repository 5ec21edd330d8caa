"""The build cache as data: explicit JSON encoders and decoders for what it holds, and loading and saving it.

Nothing here can run code when a cache is read (no pickle): every value is rebuilt from JSON lists, strings, numbers
and booleans by a decoder that checks its type and shape. A cache that is missing, unreadable, not signed for this
output (:mod:`govpress.site.engine.records`), of another format or with any value of the wrong shape is logged and
ignored: the build renders everything again.

The shapes (JSON arrays, in this order):

- ``FileStamp``: ``["file", path, size, mtime_ns, digest]``; a generator's ``KeyStamp``: ``["key", path, size,
  mtime_ns, digest, generator, known]`` (a generator's name: only a generator of the build by that name is asked for
  its key, nothing is imported);
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
from typing import Any, TypeVar, cast

from govpress.problems import Problem, Severity
from govpress.search.pages import Listed
from govpress.search.shards import NOT_SEARCHABLE, SearchNote
from govpress.site.engine import heap
from govpress.site.engine.bodies import StoredBody, body_file, remove_unused, usable
from govpress.site.engine.cache import BuildCache, CacheEntry, FileStamp, GeneratedEntry, empty_cache
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
from govpress.site.engine.records import Entries, RecordFolder
from govpress.site.sources.readers import Content
from govpress.site.structure.facts import Heading, PageFacts
from govpress.site.structure.generators import KeyStamp
from govpress.site.structure.pages import Page

logger = logging.getLogger(__name__)
CACHE_FILE = "pages.json"  # the manifest: the cache's parts (govpress.site.engine.parts)
CACHE_KIND = "pages"
FORMAT = 7
MAPPINGS = ("contents", "generated", "facts", "layouts", "known")  # BuildCache's fields, as the record names them
T = TypeVar("T")
Json = object


class BadRecordError(ValueError):
    """A value of a record that does not have the shape it must have."""


def load_cache(records: RecordFolder | None) -> BuildCache:
    """The cache the last build kept in ``records``; empty (logged) when there is none or it cannot be trusted. The
    cache remembers its parts (:mod:`govpress.site.engine.parts`): saving it again writes only those that changed."""
    if records is None:
        return empty_cache()
    with heap.paused():  # a million objects, none in a cycle: the collector's passes would walk them over and over
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
    names = _list(manifest.get("parts"), _str)
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
        "contents": Entries((n, [e.key, _content(e.content), _stamps(e.stamps)]) for n, e in group["contents"].items()),
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
    contents = _mapping(value.get("contents"), _cache_entry)
    decoded = _mapping(value.get("generated"), partial(_generated_entry, folder=folder))
    generated = {name: entry for name, entry in decoded.items() if usable([s for s in entry.stored if s is not None])}
    facts = _mapping(value.get("facts"), _decode_facts)
    layouts = _mapping(value.get("layouts"), _layout_entry)
    return BuildCache(contents, generated, facts, layouts, _mapping(value.get("known"), _str))


def _layout(e: LayoutEntry) -> Json:
    sections = [[key, shown] for key, shown in e.sections]
    return [e.key, e.size, e.mtime_ns, e.facts, encode_problems(e.problems), _search_note(e.search), sections]


def _layout_entry(value: Json) -> LayoutEntry:
    items = _list(value, _same)
    older: dict[int, list[Json]] = {5: [None, []], 6: [[]]}  # written before the search note, before the sections
    key, size, mtime_ns, facts, problems, search, sections = _fixed([*items, *older.get(len(items), [])], 7)
    note = _decode_search_note(search)
    shown = tuple(_list(sections, _section_shown))
    return LayoutEntry(_str(key), _int(size), _int(mtime_ns), _str(facts), decode_problems(problems), note, shown)


def _section_shown(value: Json) -> tuple[str, bool]:
    key, shown = _fixed(value, 2)
    return _str(key), _bool(shown)


def _search_note(note: SearchNote | None) -> Json:
    if note is None or note.listed is None:
        return None if note is None else False
    return [note.listed.title, note.listed.href, note.text]


def _decode_search_note(value: Json) -> SearchNote | None:
    if value is None or value is False:
        return None if value is None else NOT_SEARCHABLE
    title, href, text = _fixed(value, 3)
    return SearchNote(Listed(_str(title), _str(href)), _str(text))


def _cache_entry(value: Json) -> CacheEntry:
    key, content, stamps = _fixed(value, 3)
    paths: dict[str, Path] = {}  # a page's source is its first dependency and stamp too: one Path for the three
    return CacheEntry(_str(key), _decode_content(content, paths), _decode_stamps(stamps, paths))


def _generated(e: GeneratedEntry) -> list[Json]:
    stored = [None if s is None else [s.offset, s.length, s.digest, s.text] for s in e.stored]
    return [e.key, (_page(p) for p in e.pages), _stamps(e.stamps), _body_file(e), stored]


def _body_file(entry: GeneratedEntry) -> str | None:
    """The name of the body file of ``entry``'s pages (``None``: its pages are whole)."""
    return next((s.path.name for s in entry.stored if s is not None), None)


def _generated_entry(value: Json, folder: Path | None) -> GeneratedEntry:
    key, pages, stamps, name, stored = _fixed(value, 5)
    decoded = tuple(_list(pages, _decode_page))
    places = _list(stored, _place)
    if name is None:
        if places:
            raise BadRecordError("stored pages without a body file")
        return GeneratedEntry(_str(key), decoded, _decode_stamps(stamps))
    path = body_file(folder, _str(name)) if folder is not None else None
    if path is None or len(places) != len(decoded):
        raise BadRecordError(f"not a body file of this build's, or not one place a page: {name!r}")
    bodies = tuple(None if p is None else StoredBody(path, *p) for p in places)
    if any(b is not None and (page.content or page.section) for page, b in zip(decoded, bodies, strict=True)):
        raise BadRecordError("a stored page with its content or a stored section")
    return GeneratedEntry(_str(key), decoded, _decode_stamps(stamps), bodies)


def _place(value: Json) -> tuple[int, int, str, bool] | None:
    if value is None:
        return None
    offset, length, digest, text = _fixed(value, 4)
    if _int(offset) < 0 or _int(length) < 0:
        raise BadRecordError("a negative place in a body file")
    return _int(offset), _int(length), _str(digest), _bool(text)


def _stamps(stamps: tuple[FileStamp, ...]) -> list[Json]:
    encoded: list[Json] = []
    for s in stamps:
        common = [str(s.path), s.size, s.mtime_ns, s.digest]
        encoded.append(["key", *common, s.generator, s.known] if isinstance(s, KeyStamp) else ["file", *common])
    return encoded


def _decode_stamps(value: Json, paths: dict[str, Path] | None = None) -> tuple[FileStamp, ...]:
    return tuple(_list(value, partial(_decode_stamp, paths=paths)))


def encode_stamps(stamps: tuple[FileStamp, ...]) -> list[Json]:
    """File stamps (and generators' key stamps) as JSON, for another record."""
    return _stamps(stamps)


def decode_stamps(value: Json) -> tuple[FileStamp, ...]:
    """The stamps :func:`encode_stamps` wrote (:class:`BadRecordError` when ``value`` has another shape)."""
    return _decode_stamps(value)


def encode_problems(problems: tuple[Problem, ...]) -> list[Json]:
    """Problems as JSON, for another record."""
    return [_problem(problem) for problem in problems]


def decode_problems(value: Json) -> tuple[Problem, ...]:
    """The problems :func:`encode_problems` wrote (:class:`BadRecordError` when ``value`` has another shape)."""
    return tuple(_list(value, _decode_problem))


def _decode_stamp(value: Json, paths: dict[str, Path] | None = None) -> FileStamp:
    items = _list(value, _same)
    if items[:1] == ["file"] and len(items) == 5:
        return FileStamp(_path(items[1], paths), _int(items[2]), _int(items[3]), _str(items[4]))
    if items[:1] == ["key"] and len(items) == 7:
        path, generator = _path(items[1], paths), _str(items[5])
        return KeyStamp(path, _int(items[2]), _int(items[3]), _str(items[4]), generator, _bool(items[6]))
    raise BadRecordError("not a file stamp")


def _problem(problem: Problem) -> Json:
    return [problem.path, problem.line, problem.column, problem.severity.value, problem.message]


def _decode_problem(value: Json) -> Problem:
    path, line, column, severity, message = _fixed(value, 5)
    if severity not in ("error", "warning"):
        raise BadRecordError(f"not a severity: {severity!r}")
    return Problem(
        _optional(path, _text), _optional(line, _int), _optional(column, _int), Severity(severity), _str(message)
    )


def _content(c: Content) -> Json:
    problems = [_problem(p) for p in c.problems]
    dependencies = [str(p) for p in c.dependencies]
    headings = [[level, text] for level, text in c.headings]
    return [str(c.output), c.layout, c.body, c.title, str(c.source), dependencies, problems, c.failed, headings]


def _decode_content(value: Json, paths: dict[str, Path] | None = None) -> Content:
    output, layout, body, title, source, dependencies, problems, failed, headings = _fixed(value, 9)
    return Content(
        _output(output),
        _str(layout),
        _str(body),
        _str(title),
        _path(source, paths),
        tuple(_list(dependencies, partial(_path, paths=paths))),
        tuple(_list(problems, _decode_problem)),
        _bool(failed),
        tuple(_list(headings, _heading)),
    )


def _page(p: Page) -> Json:
    content = ["s", p.content] if isinstance(p.content, str) else ["b", base64.b64encode(p.content).decode("ascii")]
    source = None if p.source is None else str(p.source)
    dependencies = [str(d) for d in p.dependencies]
    return [str(p.output), content, p.title, source, dependencies, [_problem(x) for x in p.problems], p.section]


def _decode_page(value: Json) -> Page:
    output, content, title, source, dependencies, problems, section = _fixed(value, 7)
    kind, data = _fixed(content, 2)
    if kind == "s":
        body: str | bytes = _str(data)
    elif kind == "b":
        try:
            body = base64.b64decode(_str(data), validate=True)
        except binascii.Error as error:
            raise BadRecordError(f"not base64: {error}") from error
    else:
        raise BadRecordError(f"not a page's content: {kind!r}")
    return Page(
        _output(output),
        body,
        _optional(title, _str),
        _optional(source, _path),
        tuple(_list(dependencies, _path)),
        tuple(_list(problems, _decode_problem)),
        _bool(section),
    )


def _facts(f: PageFacts) -> Json:
    headings: Json = [[h.level, h.id, h.text] for h in f.headings]
    return [list(f.links), sorted(f.ids), f.title, headings, f.last_updated]


def _decode_facts(value: Json) -> PageFacts:
    links, ids, title, headings, last_updated = _fixed(value, 5)
    return PageFacts(
        tuple(map(sys.intern, _strings(links))),  # as page_facts: the same links on every page held once
        frozenset(map(sys.intern, _strings(ids))),
        _str(title),
        tuple(_list(headings, _fact_heading)),
        _optional(last_updated, _str),
    )


def _heading(value: Json) -> tuple[int, str]:
    level, text = _fixed(value, 2)
    if type(level) is not int or type(text) is not str:  # checked inline: a page has a dozen headings
        raise BadRecordError(f"expected a level and a text, found {_shape(level)} and {_shape(text)}")
    return level, text


def _fact_heading(value: Json) -> Heading:
    level, name, text = _fixed(value, 3)
    if type(level) is not int or (name is not None and type(name) is not str) or type(text) is not str:
        raise BadRecordError(f"expected a level, an id or null and a text, found {_shape(value)}")
    return Heading(level, name, text)


# The checks every decoder is made of.


def _same(value: Json) -> Json:
    return value


def _fixed(value: Json, length: int) -> list[Json]:
    if not isinstance(value, list) or len(value) != length:
        raise BadRecordError(f"expected a list of {length} values, found {_shape(value)}")
    return value


def _list(value: Json, item: Callable[[Json], T]) -> list[T]:
    if not isinstance(value, list):
        raise BadRecordError(f"expected a list, found {_shape(value)}")
    return [item(x) for x in value]


def _mapping(value: Json, item: Callable[[Json], T]) -> dict[str, T]:
    if not isinstance(value, dict):
        raise BadRecordError(f"expected an object, found {_shape(value)}")
    return {_str(name): item(x) for name, x in value.items()}


def _optional(value: Json, item: Callable[[Json], T]) -> T | None:
    return None if value is None else item(value)


def _strings(value: Json) -> list[str]:
    """A list of strings, checked in one pass (the records' commonest shape: a page's links and ids)."""
    if not isinstance(value, list) or not all(type(item) is str for item in value):
        raise BadRecordError(f"expected a list of strings, found {_shape(value)}")
    return value


def _str(value: Json) -> str:
    if not isinstance(value, str):
        raise BadRecordError(f"expected a string, found {_shape(value)}")
    return value


def _text(value: Json) -> str:
    """A string that can name a file (no NUL)."""
    text = _str(value)
    if "\0" in text:
        raise BadRecordError("a path with a NUL character")
    return text


def _path(value: Json, paths: dict[str, Path] | None = None) -> Path:
    """A path (``paths``: those made so far from the same strings, to make each once)."""
    text = _text(value)
    if paths is None:
        return Path(text)
    found = paths.get(text)
    if found is None:
        found = paths[text] = Path(text)
    return found


def _output(value: Json) -> PurePosixPath:
    """A path inside the output folder: relative, without ``..`` or NUL."""
    path = PurePosixPath(_text(value))
    if not path.parts or path.is_absolute() or ".." in path.parts or "\\" in str(path):
        raise BadRecordError(f"not a path inside the output folder: {str(path)!r}")
    return path


def _int(value: Json) -> int:
    if type(value) is not int:
        raise BadRecordError(f"expected a whole number, found {_shape(value)}")
    return value


def _bool(value: Json) -> bool:
    if not isinstance(value, bool):
        raise BadRecordError(f"expected true or false, found {_shape(value)}")
    return value


def _shape(value: Json) -> str:
    return type(value).__name__
