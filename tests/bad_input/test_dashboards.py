"""Hostile and careless dashboard configurations (``dashboards/*.yaml``) and data set files (``dashboards/data/``).

Each test builds its input in ``tmp_path`` and runs the real code path (the loader, the module answering that
``govpress build`` runs, or the CLI) and asserts the exact located message, or that the output is safe.
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.dashboards.config import load_dashboards
from govpress.dashboards.data import open_data
from govpress.dashboards.site import answer_boards
from govpress.problems import GovpressError, Problem
from govpress.site.new import new_site
from govpress.site.settings.config import load_config

TYPES = "kpi, single_timeseries, grouped_timeseries, channel_breakdown, completion_rate, user_satisfaction, table"
SOURCE = "  data-source: {data-group: ferry, data-type: journeys, query: {period: week, duration: 2}}\n"
KPI = "- type: kpi\n  title: Journeys\n" + SOURCE + "  value-attribute: count:sum\n"
RECORDS = [
    {"_timestamp": "2026-01-05T00:00:00Z", "channel": "online", "count": 10},
    {"_timestamp": "2026-01-12T00:00:00Z", "channel": "paper", "count": 5},
]
WEEKS = "period: week, start_at: '2026-01-05T00:00:00Z', end_at: '2026-01-19T00:00:00Z'"


def _dashboard(project: Path, text: str | bytes, name: str = "ferry.yaml") -> Path:
    path = project / "dashboards" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _data_set(project: Path, records: object = RECORDS, group: str = "ferry", type_: str = "journeys") -> Path:
    path = project / "dashboards" / "data" / group / f"{type_}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(records, indent=1) if not isinstance(records, str) else records
    path.write_text(text, encoding="utf-8")
    return path


def _refused(project: Path) -> list[str]:
    """The messages of loading the project's dashboards (which must fail)."""
    with pytest.raises(GovpressError) as caught:
        load_dashboards(project)
    return [str(problem) for problem in caught.value.problems]


def _answered(project: Path) -> list[Problem]:
    """Load and answer every dashboard as ``govpress build`` does; the warnings (errors raise)."""
    data = open_data(project, load_config(project))
    try:
        boards = answer_boards(load_dashboards(project), data)
    finally:
        data.close()
    return [*data.problems, *(p for board in boards for p in board.problems)]


def _answer_refused(project: Path) -> list[str]:
    with pytest.raises(GovpressError) as caught:
        _answered(project)
    return [str(problem) for problem in caught.value.problems]


# The YAML itself.


def test_not_yaml(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: [x\n")
    assert _refused(tmp_path) == [f"{path}:2:1: error: not valid YAML: expected ',' or ']', but got '<stream end>'"]


def test_a_list_at_the_top(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "- kpi\n")
    assert _refused(tmp_path) == [
        f"{path}:1: error: expected a mapping with the keys title, modules at the top of the file, not a list"
    ]


def test_missing_title(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "modules:\n" + KPI)
    assert _refused(tmp_path) == [f"{path}:1: error: missing title"]


def test_title_that_is_a_number(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: 5\nmodules:\n" + KPI)
    assert _refused(tmp_path) == [f"{path}:1: error: title: Input should be a valid string, not the number 5"]


def test_unknown_key(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\ncolour: red\nmodules:\n" + KPI)
    assert _refused(tmp_path) == [f"{path}:2: error: unknown key 'colour'"]


def test_duplicate_key(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\ntitle: U\nmodules:\n" + KPI)
    assert _refused(tmp_path) == [f"{path}:2:1: error: duplicate key 'title' (first at line 1)"]


def test_no_modules(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\nmodules: []\n")
    assert _refused(tmp_path) == [f"{path}:2: error: modules: List should have at least 1 item after validation, not 0"]


def test_too_many_modules(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\nmodules:\n" + KPI * 51)
    assert _refused(tmp_path) == [
        f"{path}:2: error: modules: List should have at most 50 items after validation, not 51"
    ]


def test_a_module_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\nmodules:\n- kpi\n")
    assert _refused(tmp_path) == [f"{path}:3: error: modules.0: Input should be a valid dictionary, not 'kpi'"]


def test_a_module_without_a_type(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\nmodules:\n- title: A\n")
    assert _refused(tmp_path) == [f"{path}:3: error: modules.0.type: missing; expected one of {TYPES}"]


def test_an_unknown_module_type(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\nmodules:\n" + KPI + "- type: pie\n  title: B\n")
    assert _refused(tmp_path) == [
        f"{path}:7: error: modules.1.type: 'pie' is not a module type; expected one of {TYPES}"
    ]


def test_a_module_with_an_unknown_key_and_a_missing_option(tmp_path: Path) -> None:
    text = "title: T\nmodules:\n- type: table\n  title: C\n  colour: red\n" + SOURCE
    path = _dashboard(tmp_path, text)
    assert _refused(tmp_path) == [
        f"{path}:3: error: missing modules.0.columns",
        f"{path}:5: error: modules.0: unknown key 'colour'",
    ]


def test_an_unknown_format(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\nmodules:\n" + KPI + "  format: pounds\n")
    assert _refused(tmp_path) == [
        f"{path}:7: error: modules.0.format: Input should be 'number', 'currency' or 'percent', not 'pounds'"
    ]


def test_five_ratings_or_none(tmp_path: Path) -> None:
    text = "title: T\nmodules:\n- type: user_satisfaction\n  title: A\n" + SOURCE + "  rating-attributes: [a, b]\n"
    path = _dashboard(tmp_path, text)
    assert _refused(tmp_path) == [
        f"{path}:6: error: modules.0.rating-attributes: Tuple should have at least 5 items after validation, not 2"
    ]


def test_a_data_group_that_is_not_a_name(tmp_path: Path) -> None:
    text = "title: T\nmodules:\n- type: kpi\n  title: A\n  data-source: {data-group: ../etc, data-type: t}\n"
    path = _dashboard(tmp_path, text + "  value-attribute: x\n")
    assert _refused(tmp_path) == [
        f"{path}:5: error: modules.0.data-source.data-group: expected lower-case letters, digits and -, "
        "at most 60 characters"
    ]


def test_an_unknown_query_parameter(tmp_path: Path) -> None:
    text = "title: T\nmodules:\n- type: kpi\n  title: A\n  data-source:\n    data-group: g\n    data-type: t\n"
    path = _dashboard(tmp_path, text + "    query: {colour: red}\n  value-attribute: x\n")
    assert _refused(tmp_path) == [
        f"{path}:8: error: modules.0: query: An unrecognised parameter was provided: 'colour'"
    ]


def test_a_query_field_starting_with_a_dollar(tmp_path: Path) -> None:
    text = "title: T\nmodules:\n- type: table\n  title: A\n  data-source:\n    data-group: g\n    data-type: t\n"
    path = _dashboard(tmp_path, text + "    query: {filter_by: '$where:1'}\n  columns: [{attribute: a, label: A}]\n")
    assert _refused(tmp_path) == [f"{path}:8: error: modules.0: query: filter_by: field names cannot start with $"]


def test_a_query_value_that_is_a_mapping(tmp_path: Path) -> None:
    text = "title: T\nmodules:\n- type: kpi\n  title: A\n  data-source:\n    data-group: g\n    data-type: t\n"
    path = _dashboard(tmp_path, text + "    query: {period: {a: 1}}\n  value-attribute: x\n")
    assert _refused(tmp_path) == [
        f"{path}:8: error: modules.0: query: period: expected text, a whole number, true/false or a date "
        "(or a list), not a mapping"
    ]


def test_a_time_series_without_a_period(tmp_path: Path) -> None:
    text = "title: T\nmodules:\n- type: single_timeseries\n  title: A\n"
    path = _dashboard(
        tmp_path,
        text + "  data-source: {data-group: g, data-type: t, query: {group_by: channel}}\n  value-attribute: x\n",
    )
    assert _refused(tmp_path) == [
        f"{path}:5: error: modules.0: query: a single_timeseries module needs a period (day, week, month, quarter "
        "or year)"
    ]


def test_a_grouped_time_series_without_group_by(tmp_path: Path) -> None:
    text = "title: T\nmodules:\n- type: grouped_timeseries\n  title: A\n" + SOURCE + "  value-attribute: x\n"
    path = _dashboard(tmp_path, text)
    assert _refused(tmp_path) == [
        f"{path}:5: error: modules.0: query: a grouped_timeseries module needs group_by (and no flatten)"
    ]


def test_one_slug_for_two_dashboards(tmp_path: Path) -> None:
    _dashboard(tmp_path, "title: T\nslug: ferry\nmodules:\n" + KPI, "a.yaml")
    second = _dashboard(tmp_path, "title: U\nslug: ferry\nmodules:\n" + KPI, "b.yaml")
    assert _refused(tmp_path) == [
        f"{second}:2: error: slug 'ferry' is already used by a.yaml: give this dashboard its own"
    ]


def test_a_slug_that_is_not_a_name(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\nslug: ../../index\nmodules:\n" + KPI)
    assert _refused(tmp_path) == [
        f"{path}:2: error: slug: expected lower-case letters, digits and -, at most 60 characters"
    ]


def test_a_file_name_that_is_not_a_slug(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\nmodules:\n" + KPI, "Ferry Times.yaml")
    assert _refused(tmp_path) == [
        f"{path}:1: error: the file name 'Ferry Times' is not a usable slug: add `slug:` (lower-case letters, "
        "digits and -)"
    ]


def test_a_link_that_leaves_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    outside = tmp_path / "secret.yaml"
    outside.write_text("title: T\nmodules:\n" + KPI, encoding="utf-8")
    (project / "dashboards").mkdir(parents=True)
    path = project / "dashboards" / "ferry.yaml"
    path.symlink_to(outside)
    assert _refused(project) == [f"{path}: error: a symbolic link that leaves the project: refused, never read"]


def test_windows_1252(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: Caf\xe9 permits\nmodules:\n".encode("cp1252") + KPI.encode())
    assert _refused(tmp_path) == [
        f"{path}:1:11: error: the file is not valid UTF-8 (byte 0xE9); it looks like Windows-1252 text (that byte is "
        "'é' there): save it as UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8)"
    ]


def test_utf16(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, codecs.BOM_UTF16_LE + ("title: T\nmodules:\n" + KPI).encode("utf-16-le"))
    assert _refused(tmp_path) == [
        f"{path}: error: the file is UTF-16 text, not UTF-8; save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8 "
        "FILE > FILE.utf8)"
    ]


def test_alias_bomb(tmp_path: Path) -> None:
    laughs = "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=False))
    path = _dashboard(tmp_path, "a: &a [x]\n" + laughs + "title: T\nmodules:\n" + KPI)
    assert _refused(tmp_path) == [
        f"{path}:6:20: error: the file holds more than 100,000 values once its aliases are expanded"
    ]


def test_every_files_problems_together(tmp_path: Path) -> None:
    first = _dashboard(tmp_path, "modules:\n" + KPI, "a.yaml")
    second = _dashboard(tmp_path, "title: T\nmodules: []\n", "b.yaml")
    assert _refused(tmp_path) == [
        f"{first}:1: error: missing title",
        f"{second}:2: error: modules: List should have at least 1 item after validation, not 0",
    ]


# What a module's query answers (as `govpress build` runs it).


def test_a_data_set_that_does_not_exist(tmp_path: Path) -> None:
    path = _dashboard(tmp_path, "title: T\nmodules:\n" + KPI)
    assert _answer_refused(tmp_path) == [
        f"{path}:5: error: module 'Journeys': no data set ferry/journeys: post its records with the data API "
        "(`govpress api datasets create ferry journeys`), or add the file dashboards/data/ferry/journeys.json"
    ]


def test_a_query_the_api_refuses_when_run(tmp_path: Path) -> None:
    _data_set(tmp_path)
    text = "title: T\nmodules:\n- type: kpi\n  title: Journeys\n  data-source:\n    data-group: ferry\n"
    text += f"    data-type: journeys\n    query: {{{WEEKS}, collect: 'channel:sum'}}\n  value-attribute: channel:sum\n"
    path = _dashboard(tmp_path, text)
    assert _answer_refused(tmp_path) == [
        f"{path}:5: error: module 'Journeys': the data API refuses the query: invalid collect function: sum and "
        "mean need numbers"
    ]


def test_a_value_attribute_the_answer_does_not_have(tmp_path: Path) -> None:
    _data_set(tmp_path)
    text = "title: T\nmodules:\n- type: kpi\n  title: Journeys\n  data-source:\n    data-group: ferry\n"
    text += f"    data-type: journeys\n    query: {{{WEEKS}, collect: 'count:sum'}}\n  value-attribute: count:mean\n"
    path = _dashboard(tmp_path, text)
    assert _answer_refused(tmp_path) == [
        f"{path}:3: error: module 'Journeys': 'count:mean' is not in what the query answers (it has: _count, "
        "_end_at, _start_at, count:sum)"
    ]


def test_a_value_that_is_not_a_number_is_a_warning(tmp_path: Path) -> None:
    _data_set(tmp_path, [{**RECORDS[0], "count": "ten"}, RECORDS[1]])
    text = "title: T\nmodules:\n- type: table\n  title: Journeys\n  data-source:\n    data-group: ferry\n"
    text += "    data-type: journeys\n  columns: [{attribute: count, label: Journeys, format: number}]\n"
    path = _dashboard(tmp_path, text)
    assert [str(p) for p in _answered(tmp_path)] == [
        f"{path}:3: warning: module 'Journeys': 'count' holds a value that is not a number ('ten'): shown as no figure"
    ]


# Data set files.


def test_a_data_set_file_that_is_not_json(tmp_path: Path) -> None:
    path = _data_set(tmp_path, '[{"count": 1},\n {"count": }]')
    _dashboard(tmp_path, "title: T\nmodules:\n" + KPI)
    [message] = _answer_refused(tmp_path)
    assert message.startswith(f"{path}:2:") and ": error: " in message


def test_a_record_with_a_nested_value_is_refused_at_its_line(tmp_path: Path) -> None:
    path = _data_set(tmp_path, [RECORDS[0], {**RECORDS[1], "count": {"a": 1}}])
    _dashboard(tmp_path, "title: T\nmodules:\n" + KPI)
    assert _answer_refused(tmp_path) == [
        f"{path}:7: error: record 2: count: values are strings, numbers, booleans or null, not an object"
    ]


def test_a_record_with_a_bad_timestamp_is_refused_at_its_line(tmp_path: Path) -> None:
    path = _data_set(tmp_path, [RECORDS[0], {**RECORDS[1], "_timestamp": "2026-02-30T00:00:00Z"}])
    _dashboard(tmp_path, "title: T\nmodules:\n" + KPI)
    assert _answer_refused(tmp_path) == [
        f"{path}:7: error: record 2: _timestamp must be a date and time such as 2014-01-01T00:00:00Z; "
        "got '2026-02-30T00:00:00Z'"
    ]


def test_a_data_set_folder_that_is_not_a_name(tmp_path: Path) -> None:
    path = _data_set(tmp_path, group="Ferry_Data")
    _dashboard(tmp_path, "title: T\nmodules:\n" + KPI)
    assert _answer_refused(tmp_path) == [
        f"{path}: error: data group (the folder's name) 'Ferry_Data' is not a valid name: lower-case letters, "
        "digits and -, at most 60"
    ]


def test_a_data_set_file_that_leaves_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    outside = tmp_path / "elsewhere.json"
    outside.write_text(json.dumps(RECORDS), encoding="utf-8")
    path = project / "dashboards" / "data" / "ferry" / "journeys.json"
    path.parent.mkdir(parents=True)
    path.symlink_to(outside)
    _dashboard(project, "title: T\nmodules:\n" + KPI)
    assert _answer_refused(project) == [f"{path}: error: a symbolic link that leaves the project: refused, never read"]


def test_a_file_in_the_data_folder_that_is_not_a_data_set_is_a_warning(tmp_path: Path) -> None:
    _data_set(tmp_path)
    stray = tmp_path / "dashboards/data/ferry/journeys.csv"
    stray.write_text("count\n1\n", encoding="utf-8")
    text = "title: T\nmodules:\n- type: table\n  title: Journeys\n  data-source:\n    data-group: ferry\n"
    _dashboard(tmp_path, text + "    data-type: journeys\n  columns: [{attribute: channel, label: Channel}]\n")
    assert [str(p) for p in _answered(tmp_path)] == [
        f"{stray}: warning: not read: a data set file is dashboards/data/<data-group>/<data-type>.json"
    ]


# Published output.


def test_markup_in_titles_and_data_is_shown_as_written(tmp_path: Path) -> None:
    project = tmp_path / "site"
    new_site(project)
    for old in (project / "dashboards").glob("*.yaml"):
        old.unlink()
    _data_set(project, [{**RECORDS[0], "channel": "<script>alert(1)</script>"}, RECORDS[1]])
    text = "title: <b>Ferry</b>\ndescription: <img src=x onerror=alert(1)>\nmodules:\n"
    text += "- type: channel_breakdown\n  title: <i>By channel</i>\n  data-source:\n    data-group: ferry\n"
    text += "    data-type: journeys\n    query: {group_by: channel, collect: 'count:sum'}\n"
    _dashboard(project, text)
    result = CliRunner().invoke(cli, ["build", str(project), "--strict"])
    assert result.exit_code == 0, result.output
    page = (project / "_site/performance/dashboards/ferry.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Ferry" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;Ferry&lt;/b&gt;" in page


def test_the_build_prints_the_located_error_and_fails(tmp_path: Path) -> None:
    project = tmp_path / "site"
    new_site(project)
    path = _dashboard(project, "title: T\nmodules:\n" + KPI.replace("type: kpi", "type: pie"))
    result = CliRunner().invoke(cli, ["build", str(project)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    relative = os.path.relpath(path)
    shown = [line for line in result.stderr.splitlines() if "ferry.yaml" in line]
    assert shown in (
        [f"{path}:3: error: modules.0.type: 'pie' is not a module type; expected one of {TYPES}"],
        [f"{relative}:3: error: modules.0.type: 'pie' is not a module type; expected one of {TYPES}"],
    )
