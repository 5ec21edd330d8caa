"""`govpress api serve --site PROJECT`: a write is published on the project's pages soon after, in the background."""

from __future__ import annotations

import time
from pathlib import Path

from support.api_server import govpress, make_data_set, start_server

NAME = "A service posted through the API"
RECORD = {
    "_timestamp": "2013-04-01T00:00:00Z",
    "end_at": "2014-04-01T00:00:00Z",
    "type": "seasonally-adjusted",
    "service_id": "api-posted-service",
    "name": NAME,
    "department": "HO",
    "department_name": "Home Office",
    "number_of_transactions": 1200000,
}


def project_with_a_store(folder: Path) -> Path:
    project = folder / "proj"
    assert govpress("new", str(project)).returncode == 0
    settings = project / "govpress.toml"
    lines = settings.read_text(encoding="utf-8").splitlines()
    settings.write_text(
        "\n".join('services_database = "services.db"' if line.startswith("services_file") else line for line in lines)
        + "\n",
        encoding="utf-8",
    )
    return project


def published(project: Path, text: str) -> bool:
    return any(text in page.read_text(encoding="utf-8") for page in (project / "_site").rglob("*.html"))


def test_a_write_is_published_in_the_background_and_a_failed_build_never_fails_a_write(tmp_path: Path) -> None:
    project = project_with_a_store(tmp_path)
    db = str(project / "services.db")
    token = make_data_set(db, "transactional-services", "summaries")
    assert govpress("build", str(project)).returncode == 0
    assert not published(project, NAME)
    server = start_server(db, tmp_path / "server.log", "--site", str(project))
    try:
        started = time.monotonic()
        status, answer = server.json("POST", "/data/transactional-services/summaries", [RECORD], token)
        answered = time.monotonic() - started
        assert (status, answer) == (200, {"status": "ok"})
        while not published(project, NAME) and time.monotonic() - started < 60:
            time.sleep(0.1)
        assert published(project, NAME), (tmp_path / "server.log").read_text()
        assert answered < 5  # the write did not wait for the build
        # A project that no longer builds: the write still succeeds; the failure is logged.
        (project / "govpress.toml").write_text("site_name = [\n", encoding="utf-8")
        status, _ = server.json(
            "POST", "/data/transactional-services/summaries", [{**RECORD, "number_of_transactions": 1300000}], token
        )
        assert status == 200
        deadline = time.monotonic() + 60
        while "rebuild of" not in (tmp_path / "server.log").read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "failed" in (tmp_path / "server.log").read_text()
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
