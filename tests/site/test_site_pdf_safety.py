"""``govpress build --pdf`` puts nothing into a PDF but the site's and the project's own files: no file of the
machine, no environment variable, no network request; what was refused is printed as located warnings.

One real build (a subprocess, so ``/proc/self/environ`` holds the variable set for it) of a one-page project whose
page asks for the machine's files, an attachment outside the project and an image from a local HTTP server that counts
its requests. The PDF's compressed streams are inflated before searching it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

SECRET = "govpress-secret-value-7d1c0e9a"
OUTSIDE = "outside-the-project-5b2f"
ALLOWED = "attached-from-the-project-91ce"
STREAM = re.compile(rb"stream\r?\n(?P<data>.*?)\r?\nendstream", re.DOTALL)


def _inflated(data: bytes) -> bytes:
    """The PDF with every Flate stream decompressed (objects, metadata, embedded files)."""
    parts = [data]
    for found in STREAM.finditer(data):
        try:
            parts.append(zlib.decompress(found.group("data")))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_a_pdf_holds_no_secret_no_outside_file_and_makes_no_request(
    tmp_path: Path, counting_server: tuple[str, list[str]]
) -> None:
    base, requests = counting_server
    outside = tmp_path / "elsewhere" / "notes.txt"
    outside.parent.mkdir()
    outside.write_text(OUTSIDE + "\n", encoding="utf-8")
    project = tmp_path / "project"
    document = project / "source" / "doc"
    document.mkdir(parents=True)
    allowed = project / "attachments" / "figures.txt"
    allowed.parent.mkdir()
    allowed.write_text(ALLOWED + "\n", encoding="utf-8")
    lines = [
        "# A document",
        '<img src="file:///proc/self/environ" alt="environment">',
        '<a rel="attachment" href="file:///proc/self/environ">environment</a>',
        '<link rel="stylesheet" href="file:///etc/passwd">',
        f'<a rel="attachment" href="{outside.as_uri()}">notes</a>',
        f'<img src="{base}pixel.gif" alt="pixel">',
        f'<a rel="attachment" href="{allowed.as_uri()}">figures</a>',
    ]
    (document / "01-doc.md").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    environment = {**os.environ, "GOVPRESS_SECRET_TEST": SECRET}
    govpress = Path(sys.executable).parent / "govpress"
    result = subprocess.run(
        [str(govpress), "build", str(project), "--pdf", "-j", "1"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = _inflated((project / "_site" / "doc" / "doc.pdf").read_bytes())
    assert ALLOWED.encode() in pdf, "a file of the project is attached (and the search sees inside the streams)"
    assert SECRET.encode() not in pdf
    assert b"GOVPRESS_SECRET_TEST" not in pdf
    assert OUTSIDE.encode() not in pdf
    assert Path("/etc/passwd").read_bytes().splitlines()[0] not in pdf
    assert requests == [], "the PDF build made no request"
    source = document / "01-doc.md"
    for line, url in [
        (3, "file:///proc/self/environ"),
        (7, "file:///etc/passwd"),
        (9, outside.as_uri()),
        (11, f"{base}pixel.gif"),
    ]:
        assert f"{source}:{line}: warning: left out of doc/doc.pdf: {url} " in result.stderr, result.stderr
    assert f"{allowed.as_uri()} " not in result.stderr
