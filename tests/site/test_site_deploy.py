"""docs/deploy.md's nginx configuration, as written there, serves a built site: real nginx (Debian ``nginx-light``;
skipped without it) on 127.0.0.1, the configuration taken from the guide's ``nginx`` block."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from govpress.site.build import build_site
from govpress.site.new import new_site

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
NGINX_BLOCK = re.compile(r"```nginx\n(?P<conf>.*?)```", re.DOTALL)
INLINE_SCRIPT = re.compile(r"<script(?: type=\"module\")?>(?P<body>.*?)</script>", re.DOTALL)


def guide_server_block() -> str:
    found = NGINX_BLOCK.search(GUIDE.read_text(encoding="utf-8"))
    assert found, "docs/deploy.md has an nginx block"
    return found.group("conf")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _main_conf(folder: Path, site: Path, port: int) -> Path:
    """The guide's server block inside a main configuration that runs nginx in the foreground from ``folder``."""
    server = guide_server_block().replace("listen 8080;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /usr/share/nginx/html;", f"root {site};")
    temp = "\n".join(
        f"{kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""  # the workers must read the test's private folders
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}\n{server}\n}}\n",
        encoding="utf-8",
    )
    return conf


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if nginx is None:
        pytest.skip("SKIPPED: nginx is not installed (Debian nginx-light; scripts/setup installs it)")
    folder = tmp_path_factory.mktemp("nginx")
    project = folder / "project"
    new_site(project)
    site = folder / "site"
    assert not build_site(project, site).errors
    port = _free_port()
    conf = _main_conf(folder, site, port)
    checked = subprocess.run([nginx, "-t", "-c", str(conf)], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([nginx, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    origin = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield origin, site
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(url: str, gzip: bool = False) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status), {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_the_guides_nginx_serves_pages_with_short_caching_and_security_headers(nginx_site: tuple[str, Path]) -> None:
    origin, _site = nginx_site
    status, headers, body = _get(origin + "/digital/")
    assert status == 200 and b"<h1" in body
    assert headers["cache-control"] == "public, max-age=300, must-revalidate"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_the_guides_csp_allows_exactly_the_pages_inline_scripts(nginx_site: tuple[str, Path]) -> None:
    origin, site = nginx_site
    policy = _get(origin + "/")[1]["content-security-policy"]
    allowed = set(re.findall(r"'(sha256-[^']+)'", policy))
    for page in (site / "index.html", site / "digital" / "index.html", site / "performance" / "index.html"):
        for found in INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(found.group("body").encode()).digest()).decode()
            assert f"sha256-{digest}" in allowed, f"{page}: an inline script the policy blocks"


def test_the_guides_nginx_caches_files_and_compresses_text(nginx_site: tuple[str, Path]) -> None:
    origin, _site = nginx_site
    status, headers, _body = _get(origin + "/static/govpress/govpress.css", gzip=True)
    assert status == 200 and headers["cache-control"] == "public, max-age=86400, must-revalidate"
    assert headers.get("content-encoding") == "gzip"
    assert headers["x-content-type-options"] == "nosniff"
    status, headers, _body = _get(origin + "/digital/quarterly-reports/feed.atom")
    assert status == 200 and headers["content-type"].startswith("application/atom+xml")


def test_the_guides_nginx_answers_an_unknown_address_with_the_sites_404_page(nginx_site: tuple[str, Path]) -> None:
    origin, _site = nginx_site
    status, headers, body = _get(origin + "/no-such-page/")
    assert status == 404 and b"Page not found" in body
    assert "content-security-policy" in headers
    assert _get(origin + "/.govpress-cache/x")[0] == 404
