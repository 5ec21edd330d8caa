"""``govpress serve``: a real HTTP server on 127.0.0.1 that rebuilds a changed page (bounded waits)."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from watchfiles import Change

import govpress.site.serve.preview
from govpress.problems import GovpressError, Problem
from govpress.site.build import build_site
from govpress.site.new import new_site
from govpress.site.serve.preview import BUILD_PATH, RELOAD_SCRIPT, PreviewServer, _wanted_paths

DEADLINE = 60.0  # a deadline, not a wait: each loop ends as soon as what it waits for is there


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[PreviewServer]:
    project = tmp_path / "example"
    new_site(project)
    server = PreviewServer(project, project / "_site")
    server.start(watch=True)
    try:
        yield server
    finally:
        server.stop()


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        body: bytes = response.read()
    return body.decode("utf-8")


def test_it_listens_on_localhost_only(preview: PreviewServer) -> None:
    assert preview.url.startswith("http://127.0.0.1:")


def test_pages_get_the_reload_script_but_the_files_do_not(preview: PreviewServer) -> None:
    served = _get(preview.url + "digital/")
    assert RELOAD_SCRIPT in served
    assert RELOAD_SCRIPT not in (preview.out / "digital/index.html").read_text(encoding="utf-8")
    assert _get(preview.url + BUILD_PATH.lstrip("/")) == "1"


def test_a_changed_source_is_rebuilt_and_served(preview: PreviewServer) -> None:
    page = preview.project / "source/partials/quarters/_spring-26.md"
    changed = page.read_text(encoding="utf-8") + "\n* a change the server must pick up\n"
    url = preview.url + "digital/quarterly-reports/spring-26/"
    deadline = time.monotonic() + DEADLINE
    polls = 0
    while "a change the server must pick up" not in _get(url):
        assert time.monotonic() < deadline, "the server did not rebuild the changed page in time"
        if polls % 10 == 0:  # (re)write the change: the watcher may not have been watching yet the first time
            page.write_text(changed, encoding="utf-8")
        polls += 1
        time.sleep(0.2)
    while int(_get(preview.url + BUILD_PATH.lstrip("/"))) < 2:  # the number moves once the build has returned
        assert time.monotonic() < deadline, "the build number did not move"
        time.sleep(0.1)


# --- Safety: a failed build, the 404 page, Host, paths, slow clients, many clients -------------------------------

TIMEOUT = 1.0


@pytest.fixture(scope="module")
def still(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PreviewServer]:
    """The example, built once and served without watching, with a short request timeout; a file outside the output
    folder (``secret.txt`` beside it) and a symbolic link to it inside (``static/leak.txt``)."""
    root = tmp_path_factory.mktemp("still")
    project = root / "example"
    new_site(project)
    server = PreviewServer(project, project / "_site", request_timeout=TIMEOUT)
    server.start(watch=False)
    (project / "secret.txt").write_text("outside the site\n", encoding="utf-8")
    (project / "_site" / "static" / "leak.txt").symlink_to(project / "secret.txt")
    try:
        yield server
    finally:
        server.stop()


def _request(
    server: PreviewServer, path: str, host: str | None = "default", method: str = "GET", timeout: float = 10.0
) -> tuple[int, str]:
    """Send one raw request (the path exactly as given); the status and the body."""
    port = urlsplit(server.url).port
    assert port is not None
    lines = [f"{method} {path} HTTP/1.1"]
    if host is not None:
        lines.append(f"Host: {f'127.0.0.1:{port}' if host == 'default' else host}")
    lines += ["Connection: close", "", ""]
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall("\r\n".join(lines).encode("latin-1"))
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body.decode("utf-8", "replace")


def test_the_sites_own_404_page_is_served_with_status_404(still: PreviewServer) -> None:
    status, body = _request(still, "/no/such/page/")
    assert status == 404
    assert "<h1>Page not found</h1>" in body, "the example's own error page"
    assert RELOAD_SCRIPT in body


def test_a_build_without_an_error_page_gets_a_404_page(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "source" / "doc").mkdir(parents=True)
    (project / "source" / "doc" / "01-doc.md").write_text("# A document\n\nText.\n", encoding="utf-8")
    report = build_site(project, project / "_site")
    assert not report.errors, [str(p) for p in report.errors]
    page = (project / "_site" / "404.html").read_text(encoding="utf-8")
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "If you typed the web address, check it is correct." in page
    assert '<a class="govuk-link" href="/">' in page
    (project / "source" / "404.html").write_text(
        "<!DOCTYPE html><html><head><title>Lost</title></head><body><h1>Lost</h1></body></html>", encoding="utf-8"
    )
    build_site(project, project / "_site")
    assert "<h1>Lost</h1>" in (project / "_site" / "404.html").read_text(encoding="utf-8"), "the source's own wins"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST:8000", "[::1]", "[::1]:8000", "127.0.0.1:1"])
def test_local_host_names_are_served(still: PreviewServer, host: str) -> None:
    assert _request(still, "/digital/", host)[0] == 200


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io", "[::2]", "localhost:x", ""],
)
def test_other_host_names_get_400(still: PreviewServer, host: str) -> None:
    assert _request(still, "/digital/", host)[0] == 400


def test_a_request_without_host_gets_400(still: PreviewServer) -> None:
    assert _request(still, "/digital/", None)[0] == 400


@pytest.mark.parametrize("path", ["/digital%00/", "/%00", "/digital/%ff", "/%c0%af", "/a%0d%0aSet-Cookie:x=1"])
def test_nul_control_and_undecodable_paths_get_400(still: PreviewServer, path: str) -> None:
    assert _request(still, path)[0] == 400


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/../../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/static%2f..%2f..%2fsecret.txt",
        "/static/leak.txt",
        "/%2fetc%2fpasswd",
        "//etc/passwd",
    ],
)
def test_nothing_outside_the_output_folder_is_served(still: PreviewServer, path: str) -> None:
    status, body = _request(still, path)
    assert status == 404
    assert "outside the site" not in body and "root:" not in body


def test_a_folder_without_its_slash_is_redirected_within_the_site(still: PreviewServer) -> None:
    port = urlsplit(still.url).port
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET /digital?x=1 HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n".encode())
        head = connection.recv(65536).decode("latin-1")
    assert head.startswith("HTTP/1.0 301") or head.startswith("HTTP/1.1 301")
    assert "\r\nLocation: /digital/?x=1\r\n" in head


def test_head_gets_the_headers_only(still: PreviewServer) -> None:
    status, body = _request(still, "/static/govpress/govpress.css", method="HEAD")
    assert (status, body) == (200, "")


def test_a_client_sending_its_headers_slowly_is_dropped(still: PreviewServer) -> None:
    port = urlsplit(still.url).port
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"GET /digital/ HTTP/1.1\r\n")
        closed = False
        for byte in b"Host: localhost\r\nX-Slow: " + b"a" * 100:
            try:
                connection.sendall(bytes([byte]))
                time.sleep(TIMEOUT / 4)  # each byte well within the per-read timeout
            except OSError:
                closed = True
                break
            if time.monotonic() - started > TIMEOUT * 6:
                break
        if not closed:
            connection.settimeout(TIMEOUT * 2)
            try:
                closed = connection.recv(1024) == b""
            except OSError:
                closed = True
    assert closed, "the server kept a client that never finished its headers"
    assert time.monotonic() - started < TIMEOUT * 6


def test_200_clients_at_once_are_all_served(still: PreviewServer) -> None:
    assert still.server is not None and still.server.request_queue_size >= 256
    count = 200
    barrier = threading.Barrier(count)
    statuses: list[int] = []
    lock = threading.Lock()

    def client() -> None:
        barrier.wait()
        try:  # a dropped connection would wait for the kernel's retries: longer than this timeout
            status, _ = _request(still, "/digital/", timeout=5.0)
        except OSError:
            status = 0
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=client) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses == [200] * count


def test_the_output_folder_is_looked_up_on_every_request(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    server = PreviewServer(project, project / "_site")
    server.start(watch=False)
    try:
        swapped = tmp_path / "new-site"
        (swapped / "digital").mkdir(parents=True)
        (swapped / "digital" / "index.html").write_text("<html><body>the new site</body></html>", encoding="utf-8")
        (project / "_site").rename(tmp_path / "old-site")
        swapped.rename(project / "_site")
        assert "the new site" in _get(server.url + "digital/")
    finally:
        server.stop()


def test_a_build_that_stops_is_shown_on_every_page_until_one_succeeds(
    still: PreviewServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_options: object) -> None:
        raise GovpressError(Problem.error("unknown setting '[/x][link=https://evil.example]<b>'", "govpress.toml", 3))

    outcome = None
    try:
        monkeypatch.setattr(govpress.site.serve.preview, "build_site", broken)
        outcome = still.rebuild()
        page = _get(still.url + "digital/")
        missing = _request(still, "/nowhere/")
    finally:
        monkeypatch.undo()
        still.rebuild()
    assert outcome is not None and outcome.failed
    shown = "govpress.toml:3: error: unknown setting &#x27;[/x][link=https://evil.example]&lt;b&gt;&#x27;"
    assert 'role="alert"' in page and shown in page, "the problem, as written and escaped"
    assert "Harbourside" in page, "the last site built is still served"
    assert missing[0] == 404 and shown in missing[1]
    assert 'role="alert"' not in _get(still.url + "digital/"), "gone after a good build"


def test_any_exception_in_a_build_is_a_problem_and_the_server_goes_on(
    still: PreviewServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*_args: object, **_options: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(govpress.site.serve.preview, "build_site", crash)
    try:
        outcome = still.rebuild()
        page = _get(still.url + "digital/")
    finally:
        monkeypatch.undo()
        still.rebuild()
    assert [str(p) for p in outcome.problems] == [
        f"{still.project}: error: the build stopped: RuntimeError: disk on fire"
    ]
    assert "the build stopped: RuntimeError: disk on fire" in page


def test_a_broken_settings_file_is_shown_and_the_next_change_builds_again(preview: PreviewServer) -> None:
    settings = preview.project / "govpress.toml"
    good = settings.read_text(encoding="utf-8")
    url = preview.url + "digital/"
    _wait_for(
        lambda: 'role="alert"' in _get(url), lambda: settings.write_text(good + "\nno_such_setting = 1\n", "utf-8")
    )
    page = _get(url)
    assert "govpress.toml:" in page and "no_such_setting" in page
    _wait_for(lambda: 'role="alert"' not in _get(url), lambda: settings.write_text(good, encoding="utf-8"))


def _wait_for(done: Callable[[], bool], change: Callable[[], object]) -> None:
    deadline = time.monotonic() + DEADLINE
    polls = 0
    while not done():
        assert time.monotonic() < deadline, "the server did not rebuild in time"
        if polls % 10 == 0:  # (re)write: the watcher may not have been watching yet the first time
            change()
        polls += 1
        time.sleep(0.2)


def test_the_watcher_leaves_out_the_output_hidden_files_and_the_build_s_own_folders(tmp_path: Path) -> None:
    project = tmp_path / ".hidden-parent" / "example"  # a project inside a hidden folder is still watched
    wanted = _wanted_paths(project / "_site", [project])
    assert wanted(Change.modified, str(project / "source" / "digital" / "01-plan.md"))
    assert wanted(Change.modified, str(project / "govpress.toml"))
    assert not wanted(Change.modified, str(project / "_site" / "index.html"))
    assert not wanted(Change.added, str(project / ".govpress-cache" / "new-1" / "index.html"))
    assert not wanted(Change.added, str(project / "._site.new-12-ab" / "index.html"))
    assert not wanted(Change.modified, str(project / ".git" / "index"))
    assert not wanted(Change.modified, str(project / "source" / ".01-plan.md.swp"))


def test_the_command_prints_a_failed_builds_problems_and_goes_on_serving(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "source" / "doc").mkdir(parents=True)
    (project / "source" / "doc" / "01-doc.md").write_text("# Doc\n\n{include _missing.md}\n", encoding="utf-8")
    govpress = Path(sys.executable).parent / "govpress"
    command = [str(govpress), "serve", str(project), "--port", "0", "--no-reload"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        assert process.stderr is not None
        printed: list[str] = []
        received = b""  # read from the pipe itself: a buffered readline may hold the next lines where select sees none
        deadline = time.monotonic() + DEADLINE
        while not (printed and printed[-1].startswith("Serving ")):
            assert time.monotonic() < deadline, f"the server did not start: {printed}"
            ready, _, _ = select.select([process.stderr], [], [], 0.5)
            if ready:
                chunk = os.read(process.stderr.fileno(), 65536)
                assert chunk, f"the command ended: {printed}"
                *lines, received = (received + chunk).split(b"\n")
                printed += [line.decode("utf-8") for line in lines]
        page = project / "source" / "doc" / "01-doc.md"
        assert f"{page}:3: error: {{include _missing.md}}: partial not found" in "\n".join(printed)
        assert "the problems are shown on every page until a build succeeds" in "\n".join(printed)
        url = printed[-1].split(" at ")[1].split(" ")[0]
        status, body = _get_status(url + "doc/")
        assert status == 404 and 'role="alert"' in body and "partial not found" in body
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get_status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
