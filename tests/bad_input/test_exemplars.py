"""Bad input in ``exemplars.yaml``: each mistake is an error at its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.commitments.reports.load import load_reports
from govpress.problems import GovpressError

REPORTS = """\
reports:
- id: april-13
  title: Quarterly Progress Report April 2013
  date: 2013-04-04
  url: /reports/april-13/
- id: july-13
  title: Quarterly Progress Report July 2013
  date: 2013-07-10
  url: /reports/july-13/
  exemplars:
    services:
      carers-allowance: alpha
exemplars:
- id: carers-allowance
  name: Carer's Allowance
"""

GOOD = """\
exemplars:
- id: visas
  name: Visit visas
  organisation: home-office
  service: visit-visas
  phases:
  - {report: april-13, phase: discovery, date: 2013-03-01}
  - {report: july-13, phase: alpha}
"""


def _problems(tmp_path: Path, exemplars: str, reports: str | None = REPORTS) -> list[str]:
    data = tmp_path / "data"
    data.mkdir()
    if reports is not None:
        (data / "reports.yaml").write_text(reports, encoding="utf-8")
    (data / "exemplars.yaml").write_text(exemplars, encoding="utf-8")
    with pytest.raises(GovpressError) as caught:
        load_reports(tmp_path, organisations=["home-office"])
    return [str(p) for p in caught.value.problems]


def test_good_file_adds_phases_to_the_reports(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "reports.yaml").write_text(REPORTS, encoding="utf-8")
    (tmp_path / "data" / "exemplars.yaml").write_text(GOOD, encoding="utf-8")
    reports = load_reports(tmp_path, organisations=["home-office"])
    assert reports is not None
    assert [(r.id, r.services) for r in reports.reports] == [
        ("july-13", (("carers-allowance", "alpha"), ("visas", "alpha"))),
        ("april-13", (("visas", "discovery"),)),
    ]
    visas = reports.exemplar("visas")
    assert visas is not None and (visas.service, visas.phases[0].date) == ("visit-visas", "2013-03-01")


def test_unknown_phase(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("phase: alpha}", "phase: gamma}"))
    assert problems == [
        f"{tmp_path / 'data' / 'exemplars.yaml'}:8: error: exemplars.0.phases.1.phase: Input should be "
        "'not-started', 'initial-engagement', 'discovery', 'alpha', 'beta' or 'live', not 'gamma'"
    ]


def test_impossible_date(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("2013-03-01", "2013-02-30"))
    assert problems == [
        f"{tmp_path / 'data' / 'exemplars.yaml'}:7:48: error: '2013-02-30' is not a date "
        "(day is out of range for month)"
    ]


def test_unknown_organisation(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("home-office", "home-offce"))
    assert problems == [f"{tmp_path / 'data' / 'exemplars.yaml'}:4: error: unknown organisation 'home-offce'"]


def test_unknown_report(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("report: july-13", "report: july-31"))
    assert problems == [
        f"{tmp_path / 'data' / 'exemplars.yaml'}:8: error: unknown report 'july-31' "
        "(the reports are: april-13, july-13)"
    ]


def test_unknown_key(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("  service: visit-visas", "  servce: visit-visas"))
    assert problems == [f"{tmp_path / 'data' / 'exemplars.yaml'}:5: error: unknown key 'servce' (in exemplars.0)"]


def test_exemplar_listed_twice(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("id: visas", "id: carers-allowance"))
    assert problems == [f"{tmp_path / 'data' / 'exemplars.yaml'}:2: error: exemplar 'carers-allowance' is listed twice"]


def test_two_phases_at_one_report(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("report: april-13", "report: july-13"))
    assert problems == [
        f"{tmp_path / 'data' / 'exemplars.yaml'}:8: error: exemplar 'visas' has two phases at report 'july-13'"
    ]


def test_phase_differs_from_reports_file(tmp_path: Path) -> None:
    text = GOOD + "- id: carers\n  name: Carers\n  phases:\n  - {report: july-13, phase: beta}\n"
    problems = _problems(tmp_path, text.replace("id: carers\n", "id: carers-allowance\n"))
    assert problems == [
        f"{tmp_path / 'data' / 'exemplars.yaml'}:9: error: exemplar 'carers-allowance' is listed twice",
        f"{tmp_path / 'data' / 'exemplars.yaml'}:12: error: exemplar 'carers-allowance' is beta at report "
        "'july-13' here but alpha in reports.yaml",
    ]


def test_no_reports_to_follow(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD, reports=None)
    assert problems == [
        f"{tmp_path / 'data' / 'exemplars.yaml'}:1: error: there are no reports for the exemplars' phases "
        "(add reports.yaml or report pages)"
    ]
