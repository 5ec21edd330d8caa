"""Serving a folder over HTTP on 127.0.0.1 (a free port) in a background thread, for browser tests."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        return


@dataclass(frozen=True)
class Served:
    """A folder being served: its root URL (ending in ``/``) and the folder."""

    base_url: str
    root: Path

    def url_for(self, page: Path) -> str:
        """The URL of ``page`` (a file under the root)."""
        return self.base_url + page.relative_to(self.root).as_posix()


@contextmanager
def serve_folder(root: Path) -> Iterator[Served]:
    """Serve ``root`` at ``http://127.0.0.1:<free port>/`` until the ``with`` block ends."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"serve {root}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield Served(f"http://{host!s}:{port}/", root)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
