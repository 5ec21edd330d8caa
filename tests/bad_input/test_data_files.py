"""Hostile and careless YAML and JSON data files: each gives the exact located message (or the safe value).

YAML goes through the real loaders of the commitments data (``load_native``, ``load_reports``, ``load_legacy``);
JSON through the shared reader (:mod:`govpress.jsonfile`) that importers and the data API use.
"""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.commitments.history import with_history
from govpress.commitments.legacy.load import load_legacy
from govpress.commitments.native.load import load_native
from govpress.commitments.reports.load import load_reports
from govpress.jsonfile import read_json_file
from govpress.problems import GovpressError

ACTIONS = "actions:\n- number: 1\n  title: Publish plans\n"
ORGANISATIONS = "organisations:\n- id: home-office\n  name: Home Office\n"
RESPONSES = "action: 1\nresponses:\n- organisation: home-office\n  text: We publish our plan in March.\n"
REPORTS = (
    "exemplars:\n- id: lpa\n  name: Lasting Power of Attorney\n"
    "reports:\n- id: october-13\n  title: October 2013\n  date: 2013-10-31\n  url: /reports/october-13/\n"
    "  exemplars:\n    counts:\n    - {phase: beta, count: 3}\n"
)
CONVERT_CP1252 = "save it as UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8)"
LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{below}'] * 10)}]\n" for below, name in zip("abcdefgh", "bcdefghi", strict=False)
)


def _project(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """A valid native project with ``data/<name>`` replaced by ``content``; the path of that file."""
    data = tmp_path / "data"
    (data / "responses").mkdir(parents=True)
    defaults = {"actions.yaml": ACTIONS, "organisations.yaml": ORGANISATIONS, "responses/01.yaml": RESPONSES}
    for file_name, text in defaults.items():
        (data / file_name).write_text(text, encoding="utf-8")
    target = data / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return target


def _native_problems(tmp_path: Path, name: str, content: str | bytes) -> tuple[Path, list[str]]:
    path = _project(tmp_path, name, content)
    with pytest.raises(GovpressError) as caught:
        load_native(tmp_path)
    return path, [str(p) for p in caught.value.problems]


def _responses(tmp_path: Path, content: str | bytes) -> tuple[Path, list[str]]:
    return _native_problems(tmp_path, "responses/01.yaml", content)


def _reports_problems(tmp_path: Path, content: str) -> tuple[Path, list[str]]:
    path = _project(tmp_path, "reports.yaml", content)
    with pytest.raises(GovpressError) as caught:
        load_reports(tmp_path)
    return path, [str(p) for p in caught.value.problems]


def _json_problems(tmp_path: Path, content: str | bytes) -> tuple[Path, list[str]]:
    path = tmp_path / "data.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GovpressError) as caught:
        read_json_file(path)
    return path, [str(p) for p in caught.value.problems]


# YAML: what a small file can blow up


def test_yaml_billion_laughs_is_refused(tmp_path: Path) -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + LAUGHS + "responses: []\n"
    path, problems = _responses(tmp_path, text)
    assert problems == [f"{path}:5:36: error: the file holds more than 100,000 values once its aliases are expanded"]


def test_yaml_too_many_aliases(tmp_path: Path) -> None:
    text = "action: &n 1\nresponses: []\nx: [" + ", ".join(["*n"] * 1001) + "]\n"
    path, problems = _responses(tmp_path, text)
    assert problems == [f"{path}:3:4005: error: more than 1,000 aliases"]


def test_yaml_deep_flow_nesting(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: " + "[" * 100_000 + "\n")
    assert problems == [f"{path}:1:73: error: nested more than 64 levels deep"]


def test_yaml_deep_block_nesting(tmp_path: Path) -> None:
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(100))
    path, problems = _responses(tmp_path, text)
    assert problems == [f"{path}:65:129: error: nested more than 64 levels deep"]


def test_yaml_file_over_the_size_limit(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, RESPONSES + "# " + "x" * (2 * 1024 * 1024) + "\n")
    assert problems == [f"{path}: error: data file is 2,097,242 bytes, over the limit of 2,097,152 bytes"]


def test_yaml_long_number(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: " + "9" * 5000 + "\nresponses: []\n")
    assert problems == [f"{path}:1:9: error: a number of 5,000 characters: the limit is 100"]


def test_yaml_number_beyond_a_double(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: 1.0e+999\nresponses: []\n")
    assert problems == [f"{path}:1:9: error: '1.0e+999' is not a finite number"]


# YAML: what a data file may not say


def test_yaml_duplicate_key(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: 1\nresponses: []\naction: 2\n")
    assert problems == [f"{path}:3:1: error: duplicate key 'action' (first at line 1)"]


def test_yaml_duplicate_key_in_an_entry(tmp_path: Path) -> None:
    text = "organisations:\n- id: home-office\n  name: Home Office\n  name: Cabinet Office\n"
    path, problems = _native_problems(tmp_path, "organisations.yaml", text)
    assert problems == [f"{path}:4:3: error: duplicate key 'name' (first at line 3)"]


def test_yaml_python_tag(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: !!python/object/apply:os.system [echo hi]\nresponses: []\n")
    assert problems == [
        f"{path}:1:9: error: the tag !!python/object/apply:os.system is not allowed:"
        " data files hold plain text, numbers, true/false, dates, lists and mappings"
    ]


def test_yaml_custom_tag(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: !x 1\nresponses: []\n")
    assert problems == [
        f"{path}:1:9: error: the tag !x is not allowed:"
        " data files hold plain text, numbers, true/false, dates, lists and mappings"
    ]


def test_yaml_merge_key(tmp_path: Path) -> None:
    text = "defaults: &d {status: responded}\naction: 1\nresponses:\n- <<: *d\n  organisation: home-office\n"
    path, problems = _responses(tmp_path, text)
    assert problems == [f"{path}:4:3: error: merge keys (<<) are not supported: write the values out in full"]


def test_yaml_second_document(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, RESPONSES + "---\naction: 2\nresponses: []\n")
    assert problems == [f"{path}:5:1: error: a data file holds one YAML document, and a second one starts here"]


def test_yaml_list_as_key(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "? [action]\n: 1\nresponses: []\n")
    assert problems == [f"{path}:1:3: error: a key must be text or a number, not a list or a mapping"]


def test_yaml_undefined_alias(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: *n\nresponses: []\n")
    assert problems == [f"{path}:1:9: error: alias *n names no anchor (&n) above it"]


def test_yaml_alias_inside_its_own_anchor(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: 1\nresponses: &r [*r]\n")
    assert problems == [f"{path}:2:16: error: alias *r is inside the value it names"]


def test_yaml_control_character(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: 1\nresponses:\n- organisation: home-office\n  text: a\x07b\n")
    assert problems == [f"{path}:4:10: error: not valid YAML: the character U+0007 is not allowed in YAML"]


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: 1\nresponses: [\n")
    assert problems == [f"{path}:3:1: error: not valid YAML: expected the node content, but found '<stream end>'"]


def test_yaml_int_tag_without_digits(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: !!int\nresponses: []\n")
    assert problems == [f"{path}:1:9: error: '' is not a whole number"]


def test_yaml_bool_tag_on_a_word(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "action: 1\nresponses: !!bool maybe\n")
    assert problems == [f"{path}:2:12: error: 'maybe' is not true or false"]


# YAML: values of the wrong kind, each at its line


def test_yaml_action_true(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, RESPONSES.replace("action: 1", "action: true"))
    assert problems == [f"{path}:1: error: action: Input should be a valid integer, not true"]


def test_yaml_action_fraction(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, RESPONSES.replace("action: 1", "action: 5.5"))
    assert problems == [f"{path}:1: error: action: Input should be a valid integer, not the number 5.5"]


def test_yaml_action_number_in_quotes(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, RESPONSES.replace("action: 1", "action: '1'"))
    assert problems == [f"{path}:1: error: action: Input should be a valid integer, not '1'"]


def test_yaml_action_number_true(tmp_path: Path) -> None:
    path, problems = _native_problems(tmp_path, "actions.yaml", ACTIONS.replace("number: 1", "number: yes"))
    assert problems == [f"{path}:2: error: actions.0.number: Input should be a valid integer, not true"]


def test_yaml_list_where_text_is_expected(tmp_path: Path) -> None:
    text = RESPONSES.replace("organisation: home-office", "organisation: [home-office, cabinet-office]")
    path, problems = _responses(tmp_path, text)
    assert problems == [f"{path}:3: error: responses.0.organisation: Input should be a valid string, not a list"]


def test_yaml_null_organisation(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, RESPONSES.replace("organisation: home-office", "organisation: null"))
    assert problems == [
        f"{path}:3: error: responses.0.organisation: Input should be a valid string, not an empty value (null)"
    ]


def test_yaml_yes_where_text_is_expected(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, RESPONSES.replace("text: We publish our plan in March.", "text: Yes"))
    assert problems == [
        f"{path}:4: error: responses.0.text: Input should be a valid string, not true"
        " (YAML reads yes, no, on, off, true and false as true or false: put the text in quotes)"
    ]


def test_yaml_date_where_text_is_expected(tmp_path: Path) -> None:
    text = ORGANISATIONS.replace("name: Home Office", "name: 2013-10-31")
    path, problems = _native_problems(tmp_path, "organisations.yaml", text)
    assert problems == [
        f"{path}:3: error: organisations.0.name: Input should be a valid string, not the date 2013-10-31"
    ]


def test_yaml_number_where_a_mapping_is_expected(tmp_path: Path) -> None:
    path, problems = _native_problems(tmp_path, "actions.yaml", "strategy: 5\n" + ACTIONS)
    assert problems == [f"{path}:1: error: strategy: expected a mapping, not the number 5"]


def test_yaml_top_level_list(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, "- action: 1\n")
    assert problems == [
        f"{path}:1: error: expected a mapping with the keys action, responses at the top of the file, not a list"
    ]


def test_yaml_empty_file(tmp_path: Path) -> None:
    path, problems = _native_problems(tmp_path, "organisations.yaml", "")
    assert problems == [
        f"{path}:1: error: expected a mapping with the keys organisations at the top of the file,"
        " not an empty value (null)"
    ]


# YAML: the reports' data file


def test_reports_impossible_day(tmp_path: Path) -> None:
    path, problems = _reports_problems(tmp_path, REPORTS.replace("2013-10-31", "2026-02-30"))
    assert problems == [f"{path}:7:9: error: '2026-02-30' is not a date (day is out of range for month)"]


def test_reports_impossible_month(tmp_path: Path) -> None:
    path, problems = _reports_problems(tmp_path, REPORTS.replace("2013-10-31", "2026-13-01"))
    assert problems == [f"{path}:7:9: error: '2026-13-01' is not a date (month must be in 1..12)"]


def test_reports_impossible_date_in_quotes(tmp_path: Path) -> None:
    path, problems = _reports_problems(tmp_path, REPORTS.replace("2013-10-31", "'2026-02-30'"))
    assert problems == [
        f"{path}:7: error: reports.0.date: Input should be a valid date or datetime,"
        " day value is outside expected range"
    ]


def test_reports_unknown_phase(tmp_path: Path) -> None:
    path, problems = _reports_problems(tmp_path, REPORTS.replace("phase: beta", "phase: gamma"))
    assert problems == [
        f"{path}:11: error: reports.0.exemplars.counts.0.phase: Input should be 'not-started', 'initial-engagement',"
        " 'discovery', 'alpha', 'beta' or 'live', not 'gamma'"
    ]


def test_reports_exemplar_key_not_a_slug(tmp_path: Path) -> None:
    text = REPORTS + "    services:\n      Lasting Power: beta\n"
    path, problems = _reports_problems(tmp_path, text)
    assert problems == [
        f"{path}:13: error: key 'Lasting Power' in reports.0.exemplars.services:"
        " String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'"
    ]


def test_reports_exemplar_key_is_a_date(tmp_path: Path) -> None:
    path, problems = _reports_problems(tmp_path, REPORTS + "    services:\n      lpa: beta\n      2013-10-31: beta\n")
    assert problems == [
        f"{path}:14: error: key 2013-10-31 in reports.0.exemplars.services: Input should be a valid string"
    ]


def test_reports_count_true(tmp_path: Path) -> None:
    path, problems = _reports_problems(tmp_path, REPORTS.replace("count: 3", "count: true"))
    assert problems == [
        f"{path}:11: error: reports.0.exemplars.counts.0.count: Input should be a valid integer, not true"
    ]


# Encodings


def test_yaml_utf16(tmp_path: Path) -> None:
    path, problems = _responses(tmp_path, codecs.BOM_UTF16_LE + RESPONSES.encode("utf-16-le"))
    assert problems == [
        f"{path}: error: the file is UTF-16 text, not UTF-8; save it as UTF-8"
        " (for example: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8)"
    ]


def test_yaml_windows_1252(tmp_path: Path) -> None:
    text = RESPONSES.replace("We publish", "We \u2018publish\u2019")
    path, problems = _responses(tmp_path, text.encode("cp1252"))
    assert problems == [
        f"{path}:4:12: error: the file is not valid UTF-8 (byte 0x91); it looks like Windows-1252 text"
        " (that byte is '\u2018' there): " + CONVERT_CP1252
    ]


def test_yaml_utf8_bom_is_accepted(tmp_path: Path) -> None:
    _project(tmp_path, "responses/01.yaml", codecs.BOM_UTF8 + RESPONSES.encode("utf-8"))
    commitments = load_native(tmp_path)
    assert [(r.action, r.organisation, r.text) for r in commitments.responses] == [
        (1, "home-office", "We publish our plan in March.")
    ]


def test_legacy_strategy_document_in_windows_1252(tmp_path: Path) -> None:
    source = tmp_path / "source"
    (source / "partials" / "departmentactions").mkdir(parents=True)
    partial = (
        "{{DEPARTMENTRESPONSE}}\n\n#Action 01: Publish plans\n\n{div .section}\n\n{div .department}\n##Home Office\n"
        "{: .logo-ho}\n\n{div .statement}\nWe publish.\n{/div}\n{/div}\n{/div}\n"
    )
    (source / "partials" / "departmentactions" / "_action01.md").write_text(partial, encoding="utf-8")
    (source / "strategy").mkdir()
    document = source / "strategy" / "index.md"
    document.write_bytes("# Strategy\n\n####Action 01: Publish plans \u2013 all of them\n".encode("cp1252"))
    with pytest.raises(GovpressError) as caught:
        load_legacy(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{document}:3:30: error: the file is not valid UTF-8 (byte 0x96); it looks like Windows-1252 text"
        " (that byte is '\u2013' there): " + CONVERT_CP1252
    ]


def test_legacy_partial_in_utf16(tmp_path: Path) -> None:
    folder = tmp_path / "source" / "partials" / "departmentactions"
    folder.mkdir(parents=True)
    partial = folder / "_action01.md"
    partial.write_bytes("{{DEPARTMENTRESPONSE}}\n\n#Action 01: Publish plans\n".encode("utf-16"))
    with pytest.raises(GovpressError) as caught:
        load_legacy(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{partial}: error: the file is UTF-16 text, not UTF-8; save it as UTF-8"
        " (for example: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8)"
    ]


def _git(repo: Path, *args: str) -> None:
    identity = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T"}
    env = os.environ | identity | {"GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_history_leaves_out_a_revision_that_was_not_utf8(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("SKIPPED: git is not installed")
    path = _project(
        tmp_path, "responses/01.yaml", RESPONSES.replace("We publish", "Caf\u00e9s publish").encode("cp1252")
    )
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "Windows-1252")
    path.write_text(RESPONSES, encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-a", "-m", "UTF-8")
    (response,) = with_history(load_native(tmp_path)).responses
    assert [change.summary for change in response.history] == ["first published"]


def test_cli_reports_a_duplicate_key_without_traceback(tmp_path: Path) -> None:
    path = _project(tmp_path, "responses/01.yaml", "action: 1\nresponses: []\naction: 1\n")
    result = CliRunner().invoke(cli, ["commitments", "export", str(tmp_path), "--no-history"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{path}:3:1: error: duplicate key 'action' (first at line 1)" in result.stderr
    assert "Traceback" not in result.output


# JSON (the shared reader)


def test_json_duplicate_key(tmp_path: Path) -> None:
    path, problems = _json_problems(tmp_path, '{"rows": [\n  {"service": "a", "volume": 1, "service": "b"}\n]}\n')
    assert problems == [f"{path}:2:33: error: duplicate key 'service' (first at line 2, column 4)"]


def test_json_deep_nesting(tmp_path: Path) -> None:
    path, problems = _json_problems(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert problems == [f"{path}:1:65: error: nested more than 64 levels deep"]


def test_json_nesting_just_past_the_limit(tmp_path: Path) -> None:
    path, problems = _json_problems(tmp_path, '{"a": ' * 65 + "1" + "}" * 65)
    assert problems == [f"{path}:1:385: error: nested more than 64 levels deep"]


def test_json_nesting_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"a": ' * 64 + '"]]]]"' + "}" * 64, encoding="utf-8")
    value = read_json_file(path)
    for _ in range(64):
        value = value["a"]
    assert value == "]]]]"


def test_json_number_with_thousands_of_digits(tmp_path: Path) -> None:
    path, problems = _json_problems(tmp_path, '{"volume": ' + "9" * 5000 + "}")
    assert problems == [f"{path}:1:12: error: a number of 5,000 characters: the limit is 100"]


def test_json_huge_exponent(tmp_path: Path) -> None:
    path, problems = _json_problems(tmp_path, '{"volume": 1e999999999}')
    assert problems == [f"{path}:1:12: error: the number 1e999999999 is out of range (exponents go from -308 to 308)"]


def test_json_nan_and_infinity(tmp_path: Path) -> None:
    path, problems = _json_problems(tmp_path, "[1,\n NaN,\n Infinity,\n -Infinity]")
    assert problems == [
        f"{path}:2:2: error: NaN is not a number JSON allows",
        f"{path}:3:2: error: Infinity is not a number JSON allows",
        f"{path}:4:2: error: -Infinity is not a number JSON allows",
    ]


def test_json_half_a_surrogate_pair(tmp_path: Path) -> None:
    path, problems = _json_problems(tmp_path, '{"name": "a\\ud800b"}')
    assert problems == [
        f"{path}:1:10: error: the text holds \\ud800, half of a surrogate pair and no character on its own"
    ]


def test_json_syntax_error(tmp_path: Path) -> None:
    path, problems = _json_problems(tmp_path, '{"a": 1,\n "b": }')
    assert problems == [f"{path}:2:7: error: not valid JSON: Expecting value"]


def test_json_utf16(tmp_path: Path) -> None:
    path, problems = _json_problems(tmp_path, '{"a": 1}'.encode("utf-16"))
    assert problems == [
        f"{path}: error: the file is UTF-16 text, not UTF-8; save it as UTF-8"
        " (for example: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8)"
    ]


def test_json_windows_1252(tmp_path: Path) -> None:
    path, problems = _json_problems(tmp_path, '{"name": "Caf\u00e9"}'.encode("cp1252"))
    assert problems == [
        f"{path}:1:14: error: the file is not valid UTF-8 (byte 0xE9); it looks like Windows-1252 text"
        " (that byte is '\u00e9' there): " + CONVERT_CP1252
    ]


def test_json_bom_is_accepted_and_numbers_are_exact(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(codecs.BOM_UTF8 + b'{"rate": 0.1, "volume": 52000, "big": 1e308, "pair": "\\ud83d\\ude00"}')
    assert read_json_file(path) == {"rate": Decimal("0.1"), "volume": 52000, "big": Decimal("1e308"), "pair": "😀"}


def test_json_whole_numbers_as_decimals_on_request(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"volume": 52000, "rate": 0.5}', encoding="utf-8")
    value = read_json_file(path, decimal_integers=True)
    assert value == {"volume": Decimal(52000), "rate": Decimal("0.5")}
    assert isinstance(value["volume"], Decimal)


def test_json_long_whole_number_refused_as_decimal_too(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text("[\n" + "1" * 101 + "]", encoding="utf-8")
    with pytest.raises(GovpressError) as caught:
        read_json_file(path, decimal_integers=True)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2:1: error: a number of 101 characters: the limit is 100"
    ]
