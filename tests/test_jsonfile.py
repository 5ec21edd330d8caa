"""The shared JSON reader: the same values as Python's reader on valid JSON, a located message on anything else.

Property-based: valid documents (drawn as values, then written by ``json.dumps``) must read back exactly as
``json.loads`` with exact decimals reads them; arbitrary text must give a value or located problems, never another
exception, and within a time that grows linearly with its size.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govpress.jsonfile import MAX_DEPTH, parse_json
from govpress.problems import GovpressError

PROPERTIES = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
PIECES = [
    "{", "}", "[", "]", ",", ":", '"a"', '"b"', '"\\\\"', '"\\"', '"]"', '"["', "1", "-0", "0.5", "1e5", "1E-7",
    "1e999999999", "NaN", "Infinity", "-Infinity", "true", "false", "null", '"\\ud800"', '"\\udc00"',
    '"\\ud83d\\ude00"', " ", "\n", "\t", "\ufeff", '{"a": 1, "a": 2}', "9" * 120,
]  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text()
    | st.floats(min_value=-1e300, max_value=1e300).filter(lambda f: f == 0 or abs(f) > 1e-300)  # within ±308
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=40)


@PROPERTIES
@given(VALUES, st.booleans())
def test_valid_documents_read_as_pythons_reader_reads_them(value: Any, ascii_only: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only)
    assert parse_json(text) == json.loads(text, parse_float=Decimal)


@PROPERTIES
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=80).map("".join))
def test_any_text_gives_a_value_or_located_problems(text: str) -> None:
    start = time.perf_counter()
    try:
        value = parse_json(text, "x.json")
    except GovpressError as error:
        assert error.problems
        for problem in error.problems:
            assert (problem.path, problem.severity.value) == ("x.json", "error")
            assert problem.line is not None and problem.column is not None, problem
    else:
        assert value == json.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize("opener", ["[", '{"a": '])
@pytest.mark.parametrize("size", [1_000, 100_000, 1_000_000])
def test_deep_nesting_is_refused_at_the_same_place_whatever_the_size(opener: str, size: int) -> None:
    with pytest.raises(GovpressError) as caught:
        parse_json(opener * size)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (1, MAX_DEPTH * len(opener) + 1)
    assert problem.message == f"nested more than {MAX_DEPTH} levels deep"


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = '["' + "[" * 500 + '", {"a": "' + "}" * 500 + '"}]'
    assert parse_json(text) == ["[" * 500, {"a": "}" * 500}]


def test_nesting_hidden_among_brackets_in_strings_is_still_found() -> None:
    text = '["]", ' * 70 + "1" + "]" * 70
    with pytest.raises(GovpressError) as caught:
        parse_json(text)
    assert [(p.line, p.column, p.message) for p in caught.value.problems] == [
        (1, 64 * 6 + 1, f"nested more than {MAX_DEPTH} levels deep")
    ]


def test_item_lines_of_a_top_level_array_and_of_a_keys_array() -> None:
    from govpress.jsonfile import item_lines

    document = '{"format": "x",\n "note": "[not] {this}",\n "rows": [\n  {"a": [1, 2]},\n  5,\n  {"b": "]"}\n ]}'
    assert item_lines(document, "rows") == [4, 5, 6]
    assert item_lines('\ufeff[\n{"a": 1},\n\n"x", [1,\n2], 3]') == [2, 4, 4, 5]
    assert (item_lines("{}", "rows"), item_lines("[]"), item_lines("{}")) == ([], [], [])
