"""The Nu Html Checker (``vnu.jar``) over many files in one Java run (it is slow to start)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from support.tools import ValidatorTools


@dataclass(frozen=True)
class VnuMessage:
    """One error: the file, its line (when known) and what is wrong."""

    path: Path
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.message}\n    {self.extract.strip()}"


class VnuReportError(RuntimeError):
    """vnu.jar did not produce a JSON report (it crashed, or java could not run it)."""


def validate_html(files: Iterable[Path], tools: ValidatorTools) -> list[VnuMessage]:
    """Every error vnu reports for ``files`` (HTML), in one java run; an empty list when they are all valid."""
    paths = [path.resolve() for path in files]
    if not paths:
        return []
    command = [str(tools.java), "-jar", str(tools.vnu_jar), "--format", "json", "--errors-only", "--no-langdetect"]
    done = subprocess.run([*command, *map(str, paths)], capture_output=True, text=True, check=False, timeout=900)
    return parse_vnu_report(done.stderr or done.stdout)


def parse_vnu_report(report: str) -> list[VnuMessage]:
    """The error messages of vnu's JSON report (``{"messages": [...]}``)."""
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError) as error:
        raise VnuReportError(f"vnu.jar gave no JSON report: {report[:2000]}") from error
    return [
        VnuMessage(
            path=_path_of(item.get("url", "")),
            line=item.get("lastLine"),
            message=str(item.get("message", "")),
            extract=str(item.get("extract", "")),
        )
        for item in messages
        if item.get("type") in {"error", "non-document-error"}
    ]


def _path_of(url: str) -> Path:
    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else Path(url)
