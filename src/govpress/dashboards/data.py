"""Where a site's dashboards read their figures: the services store the explorer reads, and the data API's data sets.

- The services store: ``services_database`` (a SQLite file or a PostgreSQL URL), opened for reading only (a build
  never creates it, never migrates the API's tables into it); or, for ``services_file``, an in-memory store holding
  that file's figures. Its service observations make the per-service dashboards; the data sets posted to its data API
  (``govpress api``) feed the configured dashboards' modules.
- The project's data set files, ``dashboards/data/<data-group>/<data-type>.json`` (one record or a list, Backdrop's
  record shape): checked by the API's own record checks and written through :class:`ApiStore` into an in-memory store,
  exactly as a POST would be, so a site without a store (or an example) can have dashboards too. A data set that the
  store holds already is read from the store; its file is not read, and a warning says so.

:func:`cache_key` is what a build's generator cache compares: the store's data version and the API's write record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govpress.api.records import check_records
from govpress.api.store import NAME, ApiStore, DataSet
from govpress.confinement import inside, resolved
from govpress.jsonfile import item_lines, parse_json
from govpress.problems import GovpressError, Problem
from govpress.services.site import service_data
from govpress.services.store import Contents, Store, open_store
from govpress.services.store.connection import Connection, PostgresConnection
from govpress.services.store_address import is_postgres
from govpress.site.settings.config import SiteConfig
from govpress.textfile import read_text_file

DATA_FOLDER = "dashboards/data"
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 200
API_TABLE = "api_data_sets"


@dataclass
class DashboardData:
    """The open stores: the services store with its figures (``contents``: ``None`` when the site publishes none) and
    the in-memory store of the project's data set files (``None`` without any)."""

    store: Store
    contents: Contents | None
    file_sets: Store | None = None
    files: tuple[Path, ...] = ()  # the files the figures were read from (for the build's cache)
    problems: list[Problem] = field(default_factory=list)

    def source(self, group: str, type_: str) -> tuple[DataSet, Connection, bool] | None:
        """The data set ``group/type_``, the connection that holds it and whether that is PostgreSQL (``None``: no
        such data set): the store's, else a data set file's."""
        for store in (self.store, self.file_sets):
            if store is not None and store.connection.table_exists(API_TABLE):
                found = ApiStore(store.connection).data_set(group, type_)
                if found is not None:
                    return found, store.connection, isinstance(store.connection, PostgresConnection)
        return None

    def close(self) -> None:
        self.store.close()
        if self.file_sets is not None:
            self.file_sets.close()


def missing_hint(group: str, type_: str) -> str:
    """How to make the data set ``group/type_`` that a module names."""
    return (
        f"post its records with the data API (`govpress api datasets create {group} {type_}`), "
        f"or add the file {DATA_FOLDER}/{group}/{type_}.json"
    )


def open_data(project: Path, config: SiteConfig) -> DashboardData:
    """The figures of the site at ``project`` (see the module's docstring)."""
    data = service_data(project, config)
    if data is not None and data.address:
        store = open_store(data.address, create=False)
        files: tuple[Path, ...] = () if is_postgres(data.address) else (Path(data.address),)
    else:
        store = open_store(":memory:")
        files = ()
        if data is not None and data.data_file is not None:
            from govpress.services.importing import import_file

            import_file(store, data.data_file)  # its problems are the explorer's to report
            files = (data.data_file,)
    opened = DashboardData(store, store.contents() if data is not None else None, None, files)
    try:
        _add_file_sets(opened, project)
    except BaseException:
        opened.close()
        raise
    return opened


def _add_file_sets(opened: DashboardData, project: Path) -> None:
    """Load the project's data set files into an in-memory store (a data set the store holds already is not read)."""
    paths = data_set_files(project)
    folder = project / DATA_FOLDER
    stray = sorted(p for p in folder.glob("**/*") if p.is_file() and p not in paths) if folder.is_dir() else []
    opened.problems.extend(Problem.warning(_STRAY, path) for path in stray[:MAX_FILES])
    if not paths:
        return
    opened.file_sets = open_store(":memory:")
    api = ApiStore(opened.file_sets.connection)
    api.migrate()
    for path in paths:
        if opened.source(path.parent.name, path.stem) is not None:
            opened.problems.append(Problem.warning(_IGNORED.format(f"{path.parent.name}/{path.stem}"), path))
            continue
        load_data_set_file(api, path, project)
    opened.files = (*opened.files, *paths)


_STRAY = f"not read: a data set file is {DATA_FOLDER}/<data-group>/<data-type>.json"
_IGNORED = "not read: the site's store holds the data set {} (posted with the data API), which is shown instead"


def data_set_files(project: Path) -> list[Path]:
    """The data set files ``dashboards/data/<group>/<type>.json`` of ``project``, in path order."""
    folder = project / DATA_FOLDER
    if not folder.is_dir():
        return []
    found = sorted(folder.glob("*/*.json"))
    if len(found) > MAX_FILES:
        raise GovpressError(Problem.error(f"{len(found)} data set files: at most {MAX_FILES} are read", folder))
    return found


def load_data_set_file(api: ApiStore, path: Path, project: Path) -> None:
    """Create the data set a file names and write its records (all or nothing: every problem at its line)."""
    group, type_ = path.parent.name, path.stem
    for name, what in ((group, "data group (the folder's name)"), (type_, "data type (the file's name)")):
        if not NAME.fullmatch(name):
            message = f"{what} {name!r} is not a valid name: lower-case letters, digits and -, at most 60"
            raise GovpressError(Problem.error(message, path))
    target, root = resolved(path), resolved(project)
    if target is None or root is None or not inside(target, root):
        raise GovpressError(Problem.error("a symbolic link that leaves the project: refused, never read", path))
    text = read_text_file(path, what="data set file", max_bytes=MAX_FILE_BYTES)
    body = parse_json(text, path)
    records, messages = check_records(body, ())
    if messages:
        lines = item_lines(text) if isinstance(body, list) else [1]
        raise GovpressError([_located(message, path, lines) for message in messages])
    data_set = DataSet(group, type_, None, (), None, True, True)
    api.create_data_set(data_set)
    api.write(data_set, records, "")


def _located(message: str, path: Path, lines: list[int]) -> Problem:
    """A record check's message (``record 3: …``) at the line where that record starts."""
    head, _, _ = message.partition(":")
    number = head.removeprefix("record ").strip()
    line = lines[int(number) - 1] if number.isdigit() and 0 < int(number) <= len(lines) else 1
    return Problem.error(message, path, line)


def store_address(project: Path, config: SiteConfig) -> str | None:
    """The address of the store the dashboards read (``services_database``, a database the data API writes); ``None``
    when they read only files."""
    data = service_data(project, config)
    return data.address if data is not None and data.address else None


def cache_key(project: Path, config: SiteConfig) -> str:
    """A digest that changes whenever anything the dashboards show may have: the store's data version and the API's
    audit trail and data sets (every write, empty, patch and delete adds an audit row). ``""`` without a store (the
    data files are watched as files)."""
    address = store_address(project, config)
    if address is None:
        return ""
    store = open_store(address, create=False)
    try:
        parts: list[Any] = [store.data_version().key]
        if store.connection.table_exists(API_TABLE):
            parts += store.connection.execute("SELECT COUNT(*), MAX(at) FROM api_audit")
            parts += store.connection.execute(f"SELECT COUNT(*), MAX(created_at) FROM {API_TABLE}")
    finally:
        store.close()
    return hashlib.sha256(repr(parts).encode()).hexdigest()
