"""Change history from git: the legacy story of 20-21 December 2012, replayed in a repository made here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from govpress.commitments.export import export_data
from govpress.commitments.model import Status
from govpress.commitments.project import load_commitments

PARTIAL = """{{{{DEPARTMENTRESPONSE}}}}
#Action 01: Boards will include a digital leader
{{div .section}}

{{navigation}}

Here's how departments are responding to this action:

{{div .department}}
##Department for<br>Communities and<br>Local Government
{{: .logo-single}}
{{div .statement}}
{dclg}
{{/div}}
{{/div}}

{{div .department}}
##Her Majesty's<br>Treasury
{{: .logo-single}}
{{div .statement}}
{hmt}
{{/div}}
{{/div}}

{{navigation}}

{{/div}}
"""
STATEMENT = (
    "HM Treasury's board has a digital leader. [Read more »](http://www.hm-treasury.gov.uk/digital_strategy.htm)"
)
STORY = [
    ("2012-12-10T12:00:00+00:00", "Coming soon...", STATEMENT, "department responses as partials"),
    ("2012-12-20T19:54:00+00:00", "Coming soon...", "Coming soon...", "hmt pending"),
    ("2012-12-21T10:00:00+00:00", "Coming soon...", STATEMENT, "hmt link"),
    ("2012-12-21T11:00:00+00:00", "Awaiting DCLG confirmation", STATEMENT, "dclg updated"),
]


def _git(repo: Path, *args: str, date: str = "2012-12-01T00:00:00+00:00") -> None:
    env = os.environ | {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("SKIPPED: git is not installed")
    folder = tmp_path / "source/partials/departmentactions"
    folder.mkdir(parents=True)
    _git(tmp_path, "init", "-q", "-b", "main")
    for date, dclg, hmt, message in STORY:
        (folder / "_action01.md").write_text(PARTIAL.format(dclg=dclg, hmt=hmt), encoding="utf-8")
        _git(tmp_path, "add", ".")
        _git(tmp_path, "commit", "-q", "-m", message, date=date)
    return tmp_path


def test_history_of_each_response(story: Path) -> None:
    commitments = load_commitments(story)
    dclg = commitments.response(1, "department-for-communities-and-local-government")
    hmt = commitments.response(1, "her-majestys-treasury")
    assert dclg is not None and hmt is not None
    assert [(c.date[:10], c.status_before, c.status_after, c.summary) for c in dclg.history] == [
        ("2012-12-10", None, Status.AWAITING, "first published"),
        ("2012-12-21", Status.AWAITING, Status.AWAITING, "text changed"),
    ]
    assert [(c.date[:10], c.status_before, c.status_after, c.summary) for c in hmt.history] == [
        ("2012-12-10", None, Status.RESPONDED, "first published"),
        (
            "2012-12-20",
            Status.RESPONDED,
            Status.AWAITING,
            "status responded \u2192 awaiting; link removed; text rewritten",
        ),
        (
            "2012-12-21",
            Status.AWAITING,
            Status.RESPONDED,
            "status awaiting \u2192 responded; link added; text rewritten",
        ),
    ]
    assert dclg.last_changed == "2012-12-21T11:00:00+00:00"
    assert hmt.last_changed == "2012-12-21T10:00:00+00:00"


def test_history_in_export(story: Path) -> None:
    data = export_data(load_commitments(story), story)
    hmt = next(r for r in data["responses"] if r["organisation"] == "her-majestys-treasury")
    assert [c["status_after"] for c in hmt["history"]] == ["responded", "awaiting", "responded"]
    assert hmt["source"] == "source/partials/departmentactions/_action01.md:21"
    json.dumps(data)


def test_no_history_outside_git(tmp_path: Path, story: Path) -> None:
    shutil.rmtree(story / ".git")
    commitments = load_commitments(story)
    assert all(r.history == () for r in commitments.responses)


def test_history_follows_a_renamed_file(story: Path) -> None:
    folder = story / "source/partials/departmentactions"
    _git(story, "mv", str(folder / "_action01.md"), str(folder / "_action1.md"))
    _git(story, "commit", "-q", "-m", "rename", date="2013-01-15T09:00:00+00:00")
    hmt = load_commitments(story).response(1, "her-majestys-treasury")
    assert hmt is not None and hmt.source is not None and hmt.source.path.endswith("_action1.md")
    assert [c.date[:10] for c in hmt.history] == ["2012-12-10", "2012-12-20", "2012-12-21"]
