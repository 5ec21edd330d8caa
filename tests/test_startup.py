"""Start-up counts: ``govpress --help`` (and so every command before it runs) loads no heavy library; each command
imports its work when it runs. Checked by what is imported, not by a timing."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("markdown", "jinja2", "pydantic", "yaml", "ruamel", "weasyprint", "psycopg", "starlette", "uvicorn", "nh3")
OURS = ("govpress.render", "govpress.site.build", "govpress.dialect", "govpress.commitments.project")


def _imported_by(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_the_help_imports_no_heavy_library() -> None:
    code = "from govpress.cli import cli\ntry:\n    cli(['--help'], prog_name='govpress')\nexcept SystemExit:\n    pass"
    modules = _imported_by(code)
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY or m in OURS)
    assert not loaded, f"govpress --help imports {loaded}: import them where they are used"


def test_the_package_imports_the_render_api_on_first_use() -> None:
    assert "govpress.render" not in _imported_by("import govpress")
    assert "govpress.render" in _imported_by("import govpress\ngovpress.render_markdown")
