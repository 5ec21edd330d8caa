"""Bad input to the services store: missing, mistyped, foreign, locked and unreachable stores, and secrets in store
addresses. Each test builds its input in ``tmp_path``, runs the real code path (the CLI or the library) and asserts
the exact located message, or that nothing unsafe came out (no traceback, no password, no store made by mistake).
"""

from __future__ import annotations

import os
import socket
import sqlite3
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.problems import GovpressError
from govpress.services.importing import import_file
from govpress.services.store import display_address, open_store
from govpress.services.store.schema import MIGRATIONS
from govpress.site.new import new_site
from support.postgres import fresh_database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "services"
HINT = "`govpress services import FILE --db ADDRESS` creates a store"
SECRET = "s3cr3t-Pa55"


def run(*args: str) -> tuple[int, str]:
    """Run the CLI; return the exit status and standard error, after checking no exception escaped."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


def import_small(db: str) -> None:
    code, err = run("services", "import", str(FIXTURES / "te-small.csv"), "--db", db)
    assert code == 0, err


def project_with(tmp_path: Path, setting: str) -> Path:
    """The example site publishing the service data named by ``setting`` (a line of govpress.toml)."""
    project = tmp_path / "site"
    new_site(project)
    config = project / "govpress.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('services_file = "data/services/services.csv"', setting), encoding="utf-8")
    return project


def setting_line(project: Path, setting: str) -> int:
    lines = (project / "govpress.toml").read_text(encoding="utf-8").splitlines()
    return lines.index(setting) + 1


# A store that is not there.


@pytest.mark.parametrize("command", ["summary", "export"])
def test_a_missing_store_is_an_error_and_is_not_created(tmp_path: Path, command: str) -> None:
    db = tmp_path / "servces.db"
    code, err = run("services", command, "--db", str(db))
    assert (code, err) == (1, f"{db}: error: no services store here (no such file): {HINT}\n")
    assert not db.exists()


def test_services_build_from_a_missing_store_publishes_nothing(tmp_path: Path) -> None:
    db, out = tmp_path / "servces.db", tmp_path / "explorer"
    code, err = run("services", "build", str(db), "-o", str(out))
    assert (code, err.splitlines()) == (1, ["", f"{db}: error: no services store here (no such file): {HINT}"])
    assert not db.exists() and not out.exists()


def test_services_build_from_a_missing_data_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "servces.csv"
    code, err = run("services", "build", str(path), "-o", str(tmp_path / "explorer"))
    assert (code, err.splitlines()) == (1, ["", f"{path}: error: no such data file"])  # "": the progress bar's line
    assert not path.exists()


def test_create_makes_an_empty_store_on_purpose(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    result = CliRunner().invoke(cli, ["services", "summary", "--db", str(db), "--create", "--format", "json"])
    assert result.exit_code == 0 and '"services": 0' in result.stdout
    assert db.is_file()


def test_import_into_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    db = tmp_path / "no-such-folder" / "services.db"
    code, err = run("services", "import", str(FIXTURES / "te-small.csv"), "--db", str(db))
    assert (code, err) == (1, f"{db}: error: cannot create the store: no folder {db.parent}\n")


def test_a_missing_store_in_govpress_toml_is_an_error_at_its_line(tmp_path: Path) -> None:
    setting = 'services_database = "servces.db"'
    project = project_with(tmp_path, setting)
    code, err = run("build", str(project))
    line = setting_line(project, setting)
    expected = (
        f"{project / 'govpress.toml'}:{line}: error: services_database = 'servces.db': "
        f"no services store here (no such file): {HINT}\n"
    )
    assert code == 1 and expected in err
    assert not (project / "servces.db").exists()
    assert not (project / "_site" / "performance").exists()


def test_a_missing_data_file_in_govpress_toml_is_an_error_at_its_line(tmp_path: Path) -> None:
    setting = 'services_file = "data/services/servces.csv"'
    project = project_with(tmp_path, setting)
    code, err = run("build", str(project))
    line = setting_line(project, setting)
    expected = f"{project / 'govpress.toml'}:{line}: error: {setting.replace(' = ', ' = ').replace(chr(34), chr(39))}"
    assert code == 1 and f"{expected}: no such data file\n" in err
    assert not (project / "data" / "services" / "servces.csv").exists()


def test_a_data_file_setting_that_is_not_a_data_file_is_an_error_at_its_line(tmp_path: Path) -> None:
    setting = 'services_file = "services.db"'
    project = project_with(tmp_path, setting)
    code, err = run("build", str(project))
    line = setting_line(project, setting)
    expected = (
        f"{project / 'govpress.toml'}:{line}: error: services_file = 'services.db': "
        "expected a data file ending in .csv or .json\n"
    )
    assert code == 1 and expected in err


# A path that is not a store.


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    code, err = run("services", "summary", "--db", str(tmp_path))
    message = "this is a folder, not a services store (a file such as services.db)"
    assert (code, err) == (1, f"{tmp_path}: error: {message}\n")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("just some notes\n", encoding="utf-8")
    code, err = run("services", "import", str(FIXTURES / "te-small.csv"), "--db", str(db))
    assert (code, err) == (1, f"{db}: error: not a SQLite database (file is not a database)\n")
    assert db.read_text(encoding="utf-8") == "just some notes\n"  # untouched


def test_a_data_file_given_as_the_store(tmp_path: Path) -> None:
    db = tmp_path / "services.csv"
    db.write_bytes((FIXTURES / "te-small.csv").read_bytes())
    code, err = run("services", "summary", "--db", str(db))
    expected = "not a SQLite database (file is not a database): it looks like a data file (import it with"
    assert code == 1 and err == f"{db}: error: {expected} `govpress services import`)\n"


def test_a_database_of_another_program_is_not_a_store(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as other:
        other.execute("CREATE TABLE people (name TEXT)")
    code, err = run("services", "export", "--db", str(db))
    message = f"this database holds no services store (no schema_migrations table): {HINT}"
    assert (code, err) == (1, f"{db}: error: {message}\n")
    with sqlite3.connect(db) as other:
        assert [r[0] for r in other.execute("SELECT name FROM sqlite_master")] == ["people"]  # nothing added


def test_a_damaged_store(tmp_path: Path) -> None:
    db = tmp_path / "services.db"
    import_small(str(db))
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's b-tree: the schema cannot be read
    db.write_bytes(bytes(data))
    code, err = run("services", "summary", "--db", str(db))
    message = "the store is damaged (database disk image is malformed): restore it or import the data again"
    assert (code, err) == (1, f"{db}: error: {message}\n")


def test_a_store_from_a_newer_govpress(tmp_path: Path) -> None:
    db = tmp_path / "services.db"
    import_small(str(db))
    newer = MIGRATIONS[-1].version + 1
    with sqlite3.connect(db) as store:
        store.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', '2030-01-01')", (newer,))
    code, err = run("services", "summary", "--db", str(db))
    message = (
        f"this store was written by a newer govpress (schema version {newer}; this one knows up to "
        f"{MIGRATIONS[-1].version}): upgrade govpress"
    )
    assert (code, err) == (1, f"{db}: error: {message}\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="SKIPPED: root reads any file, so an unreadable store cannot be made")
def test_an_unreadable_store(tmp_path: Path) -> None:
    db = tmp_path / "services.db"
    import_small(str(db))
    db.chmod(0)
    code, err = run("services", "summary", "--db", str(db))
    assert (code, err) == (1, f"{db}: error: cannot read the store: Permission denied\n")


def test_a_path_with_a_nul_character(tmp_path: Path) -> None:
    db = f"{tmp_path}/a\0b.db"
    with pytest.raises(GovpressError) as raised:
        open_store(db)
    assert str(raised.value) == f"{db}: error: not a usable path for a services store: it holds a NUL character"


def test_a_store_locked_past_the_timeout(tmp_path: Path) -> None:
    db = tmp_path / "services.db"
    import_small(str(db))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process's import, still running
    store = open_store(db, create=False, timeout=0.2)
    try:
        with pytest.raises(GovpressError) as raised:
            import_file(store, FIXTURES / "public-small.csv")
    finally:
        store.close()
        holder.execute("ROLLBACK")
        holder.close()
    message = "the store is locked by another process (gave up after waiting 0.2 s): try again when the other import"
    assert str(raised.value) == f"{db}: error: {message} has finished"


# PostgreSQL: unreachable, malformed, locked; never a password.


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_database("govpress_bad_store") as url:
        yield url


@pytest.fixture
def refused_port() -> int:
    """A local TCP port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


REFUSED = (
    'cannot connect to PostgreSQL: connection failed: connection to server at "127.0.0.1", port {port} failed: '
    "Connection refused Is the server running on that host and accepting TCP/IP connections?"
)


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("postgresql://ann:{secret}@127.0.0.1:{port}/db", "postgresql://ann:***@127.0.0.1:{port}/db"),
        ("postgres://ann@127.0.0.1:{port}/db?password={secret}", "postgres://ann@127.0.0.1:{port}/db?password=***"),
        (
            "postgresql://ann@127.0.0.1:{port}/db?sslmode=disable&sslpassword={secret}",
            "postgresql://ann@127.0.0.1:{port}/db?sslmode=disable&sslpassword=***",
        ),
        ("host=127.0.0.1 port={port} password={secret} dbname=db", "host=127.0.0.1 port={port} password=*** dbname=db"),
        (
            "host=127.0.0.1 port={port} password='{secret} x' dbname=db",
            "host=127.0.0.1 port={port} password=*** dbname=db",
        ),
    ],
)
def test_a_refused_connection_never_shows_the_password(address: str, shown: str, refused_port: int) -> None:
    db = address.format(secret=SECRET, port=refused_port)
    code, err = run("services", "summary", "--db", db)
    expected = f"{shown.format(port=refused_port)}: error: {REFUSED.format(port=refused_port)}\n"
    assert (code, err) == (1, expected)
    assert SECRET not in err


def test_a_malformed_postgresql_url(refused_port: int) -> None:
    code, err = run("services", "summary", "--db", f"postgresql://ann:{SECRET}@127.0.0.1:notaport/db")
    message = 'cannot connect to PostgreSQL: connection is bad: invalid integer value "notaport" for connection option'
    assert (code, err) == (1, f'postgresql://ann:***@127.0.0.1:notaport/db: error: {message} "port"\n')


@pytest.mark.parametrize(
    ("address", "echoed"),
    [
        # psycopg's own messages repeat these addresses, password included.
        (f"postgresql://ann:{SECRET}%ZZ@127.0.0.1/db", 'invalid percent-encoded token: "***"'),
        (f"postgresql://ann:{SECRET}@[::1/db", 'end of string reached when looking for matching "]" in IPv6 host'),
    ],
)
def test_a_driver_message_that_echoes_the_address_is_scrubbed(address: str, echoed: str) -> None:
    code, err = run("services", "summary", "--db", address)
    assert code == 1 and echoed in err
    assert SECRET not in err and "Traceback" not in err


class WrongPasswordServer:
    """A PostgreSQL server (its wire protocol, just enough) that asks for a password and rejects it."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.received: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with client:
                self._session(client)

    def _session(self, client: socket.socket) -> None:
        client.settimeout(5)
        while True:
            length, code = struct.unpack("!ii", _read(client, 8))
            if code in (80877103, 80877104):  # SSLRequest, GSSENCRequest: not here
                client.sendall(b"N")
                continue
            _read(client, length - 8)  # the startup message's parameters
            break
        client.sendall(b"R" + struct.pack("!ii", 8, 3))  # AuthenticationCleartextPassword
        _, length = struct.unpack("!ci", _read(client, 5))
        self.received.append(_read(client, length - 4))
        fields = [b"SFATAL", b"VFATAL", b"C28P01", b'Mpassword authentication failed for user "ann"']
        body = b"".join(field + b"\0" for field in fields) + b"\0"
        client.sendall(b"E" + struct.pack("!i", len(body) + 4) + body)

    def close(self) -> None:
        self.listener.close()


def _read(client: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = client.recv(size - len(data))
        if not chunk:
            raise ConnectionError("client went away")
        data += chunk
    return data


@pytest.fixture
def wrong_password_server() -> Iterator[WrongPasswordServer]:
    server = WrongPasswordServer()
    yield server
    server.close()


def test_a_wrong_password_never_shows_the_password(wrong_password_server: WrongPasswordServer) -> None:
    port = wrong_password_server.port
    code, err = run("services", "summary", "--db", f"postgresql://ann:{SECRET}@127.0.0.1:{port}/db?sslmode=disable")
    message = (
        f'cannot connect to PostgreSQL: connection failed: connection to server at "127.0.0.1", port {port} failed: '
        'FATAL: password authentication failed for user "ann"'
    )
    assert (code, err) == (1, f"postgresql://ann:***@127.0.0.1:{port}/db?sslmode=disable: error: {message}\n")
    assert wrong_password_server.received == [SECRET.encode() + b"\0"]  # the password was sent, and never shown


def test_a_postgresql_database_without_a_store(postgres_url: str) -> None:
    code, err = run("services", "summary", "--db", postgres_url)
    message = f"this database holds no services store (no schema_migrations table): {HINT}"
    assert (code, err) == (1, f"{postgres_url}: error: {message}\n")


def test_a_postgresql_store_locked_past_the_timeout(postgres_url: str) -> None:
    import psycopg

    from govpress.services.store.connection import WRITE_LOCK

    import_small(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as holder, holder.transaction():
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))  # another process's import, still running
        store = open_store(postgres_url, create=False, timeout=0.3)
        try:
            with pytest.raises(GovpressError) as raised:
                import_file(store, FIXTURES / "public-small.csv")
        finally:
            store.close()
    message = "the store is locked by another process (gave up after waiting 0.3 s): try again when the other import"
    assert str(raised.value) == f"{postgres_url}: error: {message} has finished"


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("postgresql://u:secret@host/db", "postgresql://u:***@host/db"),
        ("postgresql://u:se/cr@et@host:5/db", "postgresql://u:***@host:5/db"),
        (
            "postgresql://u@host/db?password=secret&sslmode=require",
            "postgresql://u@host/db?password=***&sslmode=require",
        ),
        ("postgres://host/db?sslpassword=secret", "postgres://host/db?sslpassword=***"),
        ("host=h password=secret dbname=x", "host=h password=*** dbname=x"),
        ("host=h password = 'sec ret' dbname=x", "host=h password = *** dbname=x"),
        ("services.db", "services.db"),
        ("postgresql://u@host/db", "postgresql://u@host/db"),
    ],
)
def test_display_address_masks_every_password(address: str, shown: str) -> None:
    assert display_address(address) == shown


def test_an_unreachable_store_in_govpress_toml_never_shows_its_password(tmp_path: Path, refused_port: int) -> None:
    setting = f'services_database = "postgresql://ann:{SECRET}@127.0.0.1:{refused_port}/db"'
    project = project_with(tmp_path, setting)
    code, err = run("build", str(project))
    line = setting_line(project, setting)
    expected = (
        f"{project / 'govpress.toml'}:{line}: error: services_database = "
        f"'postgresql://ann:***@127.0.0.1:{refused_port}/db': {REFUSED.format(port=refused_port)}\n"
    )
    assert code == 1 and expected in err
    assert SECRET not in err
    published = b"".join(p.read_bytes() for p in (project / "_site").rglob("*") if p.is_file())
    assert SECRET.encode() not in published
