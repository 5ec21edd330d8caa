"""The HTTP side of ``govpress serve``: a localhost-only preview of the output folder that is safe to leave running.

- **Host check** (DNS rebinding): a request whose ``Host`` is not ``localhost``, ``127.0.0.1``, ``[::1]`` or the bound
  address (with or without a port) gets 400, so a web page on another name cannot read the preview.
- **Paths**: a path with a NUL byte (``%00``) or that is not UTF-8 once decoded (``%ff``) gets 400. A path is looked up
  under the output folder, resolved on every request (a build may swap the folder); ``..``, hidden files and any
  file whose real path (symbolic links resolved) is outside the folder are not found.
- **Base path**: a site built for ``base_url = "/sub/"`` is served under ``/sub/`` (``/sub/digital/`` is the output's
  ``digital/index.html``); ``/`` and ``/sub`` redirect to ``/sub/``, any other path outside it is not found.
- **Not found**: the site's own ``404.html`` (else ``error.html``), with status 404.
- **Slow clients**: every read of the socket times out, and a client that has not sent its request line and headers
  within ``request_timeout`` seconds is dropped. The listen backlog is 256 and each request has its own thread.
- **HTML** responses get the reload script, and the problems of the last build while it failed
  (:func:`problems_banner`), an accessible GOV.UK error summary at the top of the page.
"""

from __future__ import annotations

import contextlib
import html
import logging
import mimetypes
import re
import shutil
import socket
import threading
from collections.abc import Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote_to_bytes

from govpress.problems import Problem
from govpress.site.serve.state import BuildState

logger = logging.getLogger(__name__)
BUILD_PATH = "/__govpress/build"
REQUEST_TIMEOUT = 5.0
BACKLOG = 256
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
NOT_FOUND_PAGES = ("404.html", "error.html")
BANNER_LIMIT = 20
RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;setInterval(function(){fetch('" + BUILD_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(n){if(seen!==null&&n!==seen){location.reload()}seen=n})"
    ".catch(function(){})},1000)})();</script>"
)
FALLBACK_NOT_FOUND = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Page not found</title>\n</head>\n'
    "<body>\n<h1>Page not found</h1>\n<p>If you typed the web address, check it is correct.</p>\n</body>\n</html>\n"
)
BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


class PreviewHTTPServer(ThreadingHTTPServer):
    """A threading server for the preview: a deep listen backlog, and what its handlers need to know."""

    request_queue_size = BACKLOG
    daemon_threads = True

    def __init__(self, address: tuple[str, int], out: Path, state: BuildState, request_timeout: float) -> None:
        self.out = out
        self.state = state
        self.request_timeout = request_timeout
        super().__init__(address, PreviewHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (or any failure of one request) is logged, never printed as a traceback."""
        logger.debug("a request from %s failed", client_address, exc_info=True)


class PreviewHandler(BaseHTTPRequestHandler):
    """Serves the output folder (``GET`` and ``HEAD``); adds the reload script and problems to HTML."""

    server: PreviewHTTPServer
    server_version = "govpress-preview"

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.request_timeout)  # every read and write of the socket

    def handle_one_request(self) -> None:
        """Drop a client that does not send its request line and headers within the timeout (one byte at a time
        would otherwise keep a thread forever)."""
        self._deadline = threading.Timer(self.server.request_timeout, self._drop)
        self._deadline.daemon = True
        self._deadline.start()
        try:
            super().handle_one_request()
        finally:
            self._deadline.cancel()

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        self._deadline.cancel()  # the headers are in
        return parsed

    def _drop(self) -> None:
        logger.debug("dropping a client that was too slow to send its request: %s", self.address_string())
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        if not self._local_host():
            self.send_error(HTTPStatus.BAD_REQUEST, "Unknown host: the preview answers to localhost only")
            return
        path = request_path(self.path)
        if path is None:
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
            return
        if path == BUILD_PATH:
            self._send(HTTPStatus.OK, str(self.server.state.number).encode(), "text/plain; charset=utf-8", send_body)
            return
        base = self.server.state.base_path
        if base != "/" and path in ("/", base.rstrip("/")):
            self._redirect(base)
            return
        try:
            if path.startswith(base):
                self._serve_file("/" + path.removeprefix(base), send_body)
            else:
                self._not_found(send_body)
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _local_host(self) -> bool:
        return host_allowed(self.headers.get("Host"), str(self.server.server_address[0]))

    def _serve_file(self, path: str, send_body: bool) -> None:
        """The file at ``path`` from the site root (the base path taken off)."""
        out = self.server.out
        found = file_in(out, path)
        if found is not None and found.is_dir():
            if not path.endswith("/"):
                self._redirect(self.server.state.base_path + path.lstrip("/") + "/")
                return
            found = file_in(out, path + "index.html")
        if found is None or not found.is_file():
            self._not_found(send_body)
            return
        try:
            if found.suffix.lower() in (".html", ".htm"):
                self._send_html(HTTPStatus.OK, found.read_bytes().decode("utf-8", "replace"), send_body)
            else:
                self._send_file(found, send_body)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):  # the folder was swapped meanwhile
            self._not_found(send_body)

    def _not_found(self, send_body: bool) -> None:
        for name in NOT_FOUND_PAGES:
            page = file_in(self.server.out, name)
            if page is not None and page.is_file():
                try:
                    text = page.read_bytes().decode("utf-8", "replace")
                except OSError:
                    continue
                self._send_html(HTTPStatus.NOT_FOUND, text, send_body)
                return
        self._send_html(HTTPStatus.NOT_FOUND, FALLBACK_NOT_FOUND, send_body)

    def _redirect(self, path: str) -> None:
        query = self.path.partition("?")[2].partition("#")[0]
        location = quote(path, safe="/") + (f"?{query}" if query else "")
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_html(self, status: HTTPStatus, text: str, send_body: bool) -> None:
        with_problems = add_banner(text, self.server.state.problems)
        if "</body>" in with_problems:
            body = with_problems.replace("</body>", RELOAD_SCRIPT + "</body>", 1)
        else:
            body = with_problems + RELOAD_SCRIPT
        self._send(status, body.encode("utf-8"), "text/html; charset=utf-8", send_body)

    def _send_file(self, path: Path, send_body: bool) -> None:
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        with path.open("rb") as file:
            size = path.stat().st_size
            self._headers(HTTPStatus.OK, size, media_type)
            if send_body:
                shutil.copyfileobj(file, self.wfile)

    def _send(self, status: HTTPStatus, body: bytes, media_type: str, send_body: bool) -> None:
        self._headers(status, len(body), media_type)
        if send_body:
            self.wfile.write(body)

    def _headers(self, status: HTTPStatus, length: int, media_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)


def host_allowed(host: str | None, bound: str) -> bool:
    """Whether a ``Host`` header names this machine: a localhost name or the bound address, any numeric port."""
    if not host:
        return False
    name, port = host.strip().lower(), ""
    if name.startswith("["):
        name, _, rest = name.partition("]")
        name += "]"
        if rest:
            if not rest.startswith(":"):
                return False
            port = rest[1:]
    elif ":" in name:
        name, _, port = name.partition(":")
    if port and not port.isdigit():
        return False
    bound_name = f"[{bound}]" if ":" in bound else bound
    return name in LOCAL_NAMES or name == bound_name


def request_path(target: str) -> str | None:
    """The decoded path of a request target (``/a%20b/?x`` → ``/a b/``); ``None`` for one that is not a path, holds a
    NUL byte or a control character, or is not UTF-8 once decoded."""
    path = target.partition("?")[0].partition("#")[0]
    if not path.startswith("/"):
        return None
    try:
        decoded = unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in decoded):
        return None
    return decoded


def file_in(out: Path, path: str) -> Path | None:
    """The file or folder ``path`` (decoded, from the site root) names under ``out``, looked up now; ``None`` when it
    climbs (``..``), names a hidden file, or its real path is outside ``out``."""
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if any(part == ".." or part.startswith(".") or "\\" in part for part in parts):
        return None
    try:
        root = out.resolve(strict=True)
        found = root.joinpath(*parts).resolve()
    except (OSError, RuntimeError):  # no output folder (yet), a symlink loop
        return None
    return found if found.is_relative_to(root) else None


def add_banner(text: str, problems: Sequence[Problem]) -> str:
    """``text`` (an HTML page) with :func:`problems_banner` right after its ``<body>`` tag (else at its start)."""
    if not problems:
        return text
    banner = problems_banner(problems)
    body = BODY_TAG.search(text)
    at = body.end() if body else 0
    return text[:at] + banner + text[at:]


def problems_banner(problems: Sequence[Problem]) -> str:
    """The problems of a failed build as a GOV.UK error summary (``role="alert"``), every text escaped."""
    items = "".join(f"<li>{html.escape(str(problem))}</li>" for problem in problems[:BANNER_LIMIT])
    if len(problems) > BANNER_LIMIT:
        items += f"<li>… and {len(problems) - BANNER_LIMIT} more (see the terminal)</li>"
    return (
        '<div class="govuk-error-summary govpress-build-problems" role="alert" aria-labelledby="govpress-build-failed"'
        ' tabindex="-1" style="margin:15px;padding:15px;border:5px solid #d4351c;background:#fff;color:#0b0c0c">'
        '<h2 class="govuk-error-summary__title" id="govpress-build-failed">The last build failed: '
        "this page may be out of date</h2>"
        '<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">'
        f'{items}</ul><p class="govuk-body">Fix the files and save: the site is built again and this page reloads.'
        "</p></div></div>"
    )
