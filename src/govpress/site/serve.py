"""``govpress serve``: a localhost-only preview that rebuilds what changed and reloads the browser.

The server is the standard library's ``http.server`` in a thread, bound to 127.0.0.1. HTML responses get a small
script (dev server only, never written to the output) that polls ``/__govpress/build`` and reloads the page when the
build number changes. A watcher thread (``watchfiles``) rebuilds on any change to the project's sources, partials,
assets, settings or govpress's own templates and static files; the build cache makes that rebuild incremental.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

import watchfiles

from govpress.problems import GovpressError
from govpress.site.build import BuildReport, build_site, default_jobs
from govpress.site.cache import CACHE_DIR
from govpress.site.config import load_config

logger = logging.getLogger(__name__)
HOST = "127.0.0.1"
BUILD_PATH = "/__govpress/build"
RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;setInterval(function(){fetch('" + BUILD_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(n){if(seen!==null&&n!==seen){location.reload()}seen=n})"
    ".catch(function(){})},1000)})();</script>"
)


@dataclass
class BuildState:
    """The number of the last finished build (shared by the watcher and the request threads)."""

    number: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bump(self) -> int:
        with self.lock:
            self.number += 1
            return self.number


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the output folder; adds the reload script to HTML; answers the build number."""

    def __init__(self, *args: Any, state: BuildState, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if self.path.split("?")[0] == BUILD_PATH:
            self._send(str(self.state.number).encode(), "text/plain; charset=utf-8")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and (path / "index.html").is_file() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            html = path.read_text(encoding="utf-8")
            self._send(html.replace("</body>", RELOAD_SCRIPT + "</body>", 1).encode(), "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, media_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)


@dataclass
class PreviewServer:
    """A built project served on 127.0.0.1, rebuilt when its files change. ``start()``, then ``stop()``."""

    project: Path
    out: Path
    port: int = 0
    jobs: int = 1
    on_build: Callable[[BuildReport], None] | None = None
    state: BuildState = field(default_factory=BuildState)
    stop_event: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://{HOST}:{self.server.server_address[1]}/"

    def rebuild(self) -> BuildReport:
        report = build_site(self.project, self.out, jobs=self.jobs)
        self.state.bump()
        if self.on_build:
            self.on_build(report)
        return report

    def start(self, watch: bool = True) -> None:
        self.rebuild()
        handler = partial(PreviewHandler, directory=str(self.out), state=self.state)
        self.server = ThreadingHTTPServer((HOST, self.port), handler)
        self._thread(self.server.serve_forever)
        if watch:
            self._thread(self._watch)

    def stop(self) -> None:
        self.stop_event.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)

    def _thread(self, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        self.threads.append(thread)

    def _watch(self) -> None:
        for changes in self._changes():
            logger.info("changed: %s", ", ".join(sorted(path for _, path in changes)))
            try:
                self.rebuild()
            except GovpressError as error:
                logger.error("%s", error)

    def _changes(self) -> Iterator[set[tuple[watchfiles.Change, str]]]:
        out = self.out.resolve()
        watched = [self.project, Path(str(resources.files("govpress") / "templates"))]
        static = Path(str(resources.files("govpress") / "static"))
        watched += [static] if static.is_dir() else []

        def wanted(_change: watchfiles.Change, path: str) -> bool:
            resolved = Path(path).resolve()
            return not (resolved.is_relative_to(out) or CACHE_DIR in resolved.parts or "/.git/" in path)

        yield from watchfiles.watch(
            *watched, watch_filter=wanted, stop_event=self.stop_event, debounce=200, step=50, yield_on_timeout=False
        )


def serve_project(
    project: Path,
    port: int = 8000,
    watch: bool = True,
    announce: Callable[[str], None] = logger.info,
    out: Path | None = None,
) -> None:
    """Build into ``out`` (default: the project's output folder), serve and watch until interrupted (Ctrl-C)."""
    out = out if out is not None else project / load_config(project).output
    preview = PreviewServer(project, out, port, default_jobs(), on_build=lambda r: announce(_line(r)))
    preview.start(watch=watch)
    announce(f"Serving {out} at {preview.url} (Ctrl-C to stop)")
    try:
        preview.stop_event.wait()
    except KeyboardInterrupt:
        announce("Stopped.")
    finally:
        preview.stop()


def _line(report: BuildReport) -> str:
    return (
        f"Built {report.pages} pages in {report.seconds:.2f} s "
        f"({report.rendered} rendered, {len(report.warnings)} warnings, {len(report.errors)} errors)"
    )
