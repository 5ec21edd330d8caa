"""Native data files: reading, the legacy round trip, and every kind of mistake reported with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govpress.commitments.legacy.load import load_legacy
from govpress.commitments.model import Status
from govpress.commitments.native.load import load_native
from govpress.commitments.native.write import write_native
from govpress.problems import GovpressError

FIXTURE = Path(__file__).parent.parent / "fixtures" / "commitments" / "native"


def test_reads_fixture_project() -> None:
    commitments = load_native(FIXTURE)
    assert [a.number for a in commitments.actions] == [1, 2]
    assert commitments.strategy is not None and commitments.strategy.title == "Example Digital Strategy"
    assert commitments.actions[1].heading == "Departments redesign their biggest services"
    assert commitments.actions[0].heading == commitments.actions[0].title
    examples = commitments.organisation("ministry-of-examples")
    assert examples is not None and examples.display_lines == ("Ministry", "of Examples")
    home = commitments.organisation("home-office")
    assert home is not None and (home.display_lines, home.logo_class) == (("Home Office",), "logo-ho")
    statuses = [(r.action, r.organisation, r.status) for r in commitments.responses]
    assert statuses == [
        (1, "home-office", Status.RESPONDED),
        (1, "ministry-of-examples", Status.AWAITING),
        (2, "ministry-of-examples", Status.AWAITING),
    ]
    response = commitments.response(1, "home-office")
    assert response is not None and response.source is not None
    assert (Path(response.source.path).name, response.source.line) == ("01.yaml", 3)


def test_round_trip_of_fixture(tmp_path: Path) -> None:
    original = load_native(FIXTURE)
    write_native(original, tmp_path)
    assert load_native(tmp_path) == original


def test_round_trip_of_corpus(corpus_dir: Path, tmp_path: Path) -> None:
    legacy = load_legacy(corpus_dir)
    write_native(legacy, tmp_path)
    native = load_native(tmp_path)
    assert native == legacy
    assert [r.text for r in native.responses] == [r.text for r in legacy.responses]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "project")
    return tmp_path / "project"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


MISTAKES = [
    ("responses/01.yaml", "organisation: home-office", "organisation: no-such-office", 3, "unknown organisation"),
    ("responses/02.yaml", "action: 2", "action: 9", 3, "unknown action 9"),
    (
        "responses/02.yaml",
        "organisation: ministry-of-examples",
        "organisation: home-office\n  text: x\n- organisation: home-office",
        5,
        "a second response",
    ),
    ("responses/01.yaml", "  text: Coming soon...\n", "", 5, "missing responses.1.text"),
    ("responses/01.yaml", "text: Coming soon...", "text: '  '", 6, "responses.1.text"),
    ("responses/02.yaml", "status: awaiting", "status: pending", 4, "responses.0.status"),
    ("responses/02.yaml", "status: awaiting", "colour: red", 4, "unknown key 'colour'"),
    ("organisations.yaml", "abbreviation: MoE", "abbreviaton: MoE", 9, "unknown key 'abbreviaton'"),
    ("organisations.yaml", "id: home-office", "id: Home Office", 2, "organisations.0.id"),
    ("actions.yaml", "number: 2", "number: 1", 10, "action 1 is defined twice"),
    ("actions.yaml", "number: 2", "number: two", 10, "actions.1.number"),
    ("responses/01.yaml", "responses:", "responses: [", 3, "not valid YAML"),
]


@pytest.mark.parametrize(("name", "old", "new", "line", "words"), MISTAKES, ids=[m[4] for m in MISTAKES])
def test_mistakes_name_file_and_line(project: Path, name: str, old: str, new: str, line: int, words: str) -> None:
    _edit(project / "data" / name, old, new)
    with pytest.raises(GovpressError) as caught:
        load_native(project)
    problems = caught.value.problems
    assert any(words in p.message for p in problems), [str(p) for p in problems]
    problem = next(p for p in problems if words in p.message)
    assert problem.path == str(project / "data" / name)
    assert problem.line == line


def test_missing_file_is_an_error(project: Path) -> None:
    (project / "data" / "organisations.yaml").unlink()
    with pytest.raises(GovpressError) as caught:
        load_native(project)
    assert caught.value.problems[0].path == str(project / "data" / "organisations.yaml")
    assert "missing data file" in caught.value.problems[0].message
