"""``govpress serve``: a real HTTP server on 127.0.0.1 that rebuilds a changed page (bounded waits)."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from govpress.site.new import new_site
from govpress.site.serve import BUILD_PATH, RELOAD_SCRIPT, PreviewServer

DEADLINE = 20.0


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
    assert int(_get(preview.url + BUILD_PATH.lstrip("/"))) >= 2
