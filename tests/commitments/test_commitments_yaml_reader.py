"""The data files' YAML reader: PyYAML's values on plain YAML, the line of every value, and a message otherwise.

Property-based: documents drawn as values and written by ``yaml.safe_dump`` read back as ``yaml.safe_load`` reads
them; arbitrary text gives a value or located problems, never another exception, within a time linear in its size.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govpress.commitments.native.yamlcompose import compose
from govpress.commitments.native.yamlfile import load_yaml
from govpress.problems import GovpressError

PROPERTIES = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates()
    | st.text(st.characters(blacklist_categories=("Cs", "Cc")))
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner) | st.dictionaries(st.text(min_size=1), inner), max_leaves=30
)
PIECES = [
    "a: ", "- ", "  ", "\n", "[", "]", "{", "}", ", ", ": ", "&a ", "*a", "&b ", "*b", "!!str ", "!!int ", "!!float ",
    "!!bool ", "!!timestamp ", "!!null ", "!!binary ", "!x ", "<<: ", "? ", "|\n", ">-\n", "'", '"', "2026-02-30",
    "2013-10-31", "yes", "1.0e+999", ".nan", "0x1F", "0o17", "1_000", "9" * 120, "~", "#", "---\n", "...\n",
    "%YAML 1.1\n", "\t", "\ufeff", "\x07",
]  # fmt: skip


@PROPERTIES
@given(VALUES, st.sampled_from([None, True, False]))
def test_plain_documents_read_as_pyyaml_reads_them(value: Any, flow: bool | None) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    assert compose(text, "x.yaml")[0] == yaml.safe_load(text)


@PROPERTIES
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=80).map("".join))
def test_any_text_gives_a_value_or_located_problems(text: str) -> None:
    start = time.perf_counter()
    try:
        compose(text, "x.yaml")
    except GovpressError as error:
        assert error.problems
        for problem in error.problems:
            assert (problem.path, problem.severity.value) == ("x.yaml", "error")
            assert problem.message and str(problem)
    assert time.perf_counter() - start < 3.0


def test_every_value_has_its_line(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(
        "action: 1\nresponses:\n- organisation: a\n  text: |\n    x\n- &second\n  organisation: b\n"
        "  text: y\ncopy: *second\n",
        encoding="utf-8",
    )
    document = load_yaml(path)
    assert document.data["copy"] == {"organisation": "b", "text": "y"}
    assert {loc: document.line(loc) for loc in document.lines} == {
        (): 1,
        ("action",): 1,
        ("responses",): 2,
        ("responses", 0): 3,
        ("responses", 0, "organisation"): 3,
        ("responses", 0, "text"): 4,
        ("responses", 1): 6,  # where its anchor is
        ("responses", 1, "organisation"): 7,
        ("responses", 1, "text"): 8,
        ("copy",): 9,
        ("copy", "organisation"): 7,
        ("copy", "text"): 8,
    }


def test_a_wide_file_within_the_limits_is_read(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    rows = "".join(f"- organisation: org-{n}\n  text: Statement {n}.\n" for n in range(5_000))
    path.write_text("action: 1\nresponses:\n" + rows, encoding="utf-8")
    document = load_yaml(path)
    assert len(document.data["responses"]) == 5_000
    assert document.line(("responses", 4_999, "text")) == 2 + 2 * 5_000
