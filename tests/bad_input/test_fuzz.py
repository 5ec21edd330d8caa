"""Property-based fuzzing of every reader of user input: a located message or a result, never a traceback.

Each test draws hostile-looking input (the syntax each reader cares about, mixed with arbitrary characters and
bytes) and runs the real code path. It fails when anything other than :class:`GovpressError` escapes, when a problem
comes without a location, or when one input takes longer than a budget that grows linearly with its size (a
quadratic or exponential case blows the budget by orders of magnitude; the budget is generous so that a loaded
machine does not make the test flaky).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govpress.api.body import BodyError
from govpress.api.body import parse_json as parse_body
from govpress.api.records import check_records
from govpress.commitments.native.load import load_native
from govpress.problems import GovpressError, Problem
from govpress.render import render_markdown
from govpress.services.importing import import_file
from govpress.services.store import open_store
from govpress.site.settings.config import load_config

FUZZ = settings(
    max_examples=200,
    deadline=None,  # the budget below grows with the input's size
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same examples on every run: a failure in CI is a failure on every machine
)
SECONDS_BASE = 3.0
SECONDS_PER_KB = 1.0

DIALECT_PIECES = [
    "{div .department}\n",
    "{/div}\n",
    "{div #x .a .b}\n",
    "##01 Introduction\n",
    "#Action 05: Title\n",
    "####Action 5: x\n",
    "{include _missing.md}\n",
    "{navigation}\n",
    "{{DEPARTMENTRESPONSE}}\n",
    "{:toc}\n",
    "* toc\n",
    "{: .logo-ho}\n",
    "{:.no_toc}\n",
    "[^1]",
    "[^1]: note\n",
    "[^",
    "[",
    "]",
    "](",
    "(",
    ")",
    "<a ",
    "<a href='x'>",
    "</a>",
    "<div>",
    "</div>",
    '<div markdown="1">',
    "<script>",
    "<!--",
    "-->",
    "|a|b|\n",
    "|---|---|\n",
    "- ",
    "  - ",
    "1. ",
    "> ",
    "    code\n",
    "```\n",
    "`",
    "*",
    "**",
    "_",
    "__",
    "3^rd^",
    "{page-break}\n",
    "{collapsed}\n",
    "{/collapsed}\n",
    "{pull}\n",
    "{PDF=x.pdf}\n",
    "{TIMESTAMP}\n",
    "Figure 3: caption\n{: .fig #fig-3}\n",
    "{: .horizontal-bar-chart}\n",
    "{::comment}\n",
    "{:/comment}\n",
    "[link](javascript:alert(1))",
    "![img](file:///etc/passwd)",
    "&",
    "&#0;",
    "&#x110000;",
    "\\",
    "\n",
    "\n\n",
    " ",
    "\t",
    "text ",
    "£",
    "\u202e",
    "\ud7ff",
    "[insert date]",
]
YAML_PIECES = [
    "action: ",
    "number: ",
    "title: ",
    "organisation: ",
    "responses:\n",
    "- ",
    "  ",
    "text: ",
    "&a ",
    "*a ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    "!!python/object/apply:os.system ",
    "!x ",
    "<<: ",
    "? ",
    "|\n",
    ">\n",
    "'",
    '"',
    "2026-02-30",
    "true",
    "null",
    "1e999999999",
    "0x1F",
    "~",
    "#",
    "\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\t",
    "x",
    "1",
    "-1",
    "é",
]
JSON_PIECES = [
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    '"service"',
    '"period"',
    '"volume"',
    '"x"',
    "1",
    "-1",
    "1e999999999",
    "NaN",
    "Infinity",
    "0.1",
    "true",
    "false",
    "null",
    '"\\ud800"',
    '"\\u0000"',
    " ",
    "\n",
    "\ufeff",
    '"a":1',
]
TOML_PIECES = [
    "site_name = ",
    "base_url = ",
    "output = ",
    "assets = ",
    "govuk_brand = ",
    "services_file = ",
    "analytics_id = ",
    "[[navigation]]\n",
    "extra_css = ",
    "social_image = ",
    "allow_indexing = ",
    "description = ",
    "[brand]\n",
    "logo = ",
    "crest = ",
    "licence_url = ",
    '"assets/x.svg"',
    '["assets/x.css"]',
    "text = ",
    "path = ",
    '"x"',
    '"/"',
    '"../x"',
    '"/etc"',
    "true",
    "3",
    "[",
    "]",
    "{",
    "}",
    "1979-05-27",
    "\n",
    "=",
    "'",
    '"',
    "[link=x]",
    "\ufeff",
    "é",
    "#",
]
CSV_HEADER = (
    "service,name,department,department_name,body,body_name,category,customer_type,business_model,url,"
    "description,notes_on_costs,other_notes,keywords,high_volume,period_kind,period,period_start,period_end,"
    "volume,digital_volume,cost_per_transaction,digital_cost_per_transaction,completion_rate,user_satisfaction"
)
CSV_ROW = (
    "svc,Service,DEP,Department,,,Category,Individuals,Fees,https://example.org/s,About it.,,,kw,true,"
    "rolling-year,2025-Q2,2024-04-01,2025-03-31,52000,32240,6.10,,,"
)
CSV_PIECES = [
    ",",
    '"',
    '""',
    "\n",
    "\r",
    "\r\n",
    "=SUM(1)",
    "-1",
    "1e999999999",
    "NaN",
    "9" * 400,
    "2026-02-30",
    "true",
    "javascript:alert(1)",
    "svc",
    "2025-Q2",
    "rolling-year",
    "é",
    "\ufeff",
    "\0",
    " ",
    "x" * 50,
]


def mixed(pieces: list[str], max_pieces: int = 120) -> st.SearchStrategy[str]:
    """Text made of the syntax a reader cares about, mixed with arbitrary characters."""
    piece = st.one_of(st.sampled_from(pieces), st.text(max_size=8))
    return st.lists(piece, max_size=max_pieces).map("".join)


def repeated(pieces: list[str]) -> st.SearchStrategy[str]:
    """One piece of syntax repeated many times: the shape that finds quadratic and deeply nested cases."""
    return st.tuples(st.sampled_from(pieces), st.integers(min_value=50, max_value=3000)).map(lambda t: t[0] * t[1])


def assert_located(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.message, problem
        assert str(problem)  # printing a problem never fails


@contextmanager
def within_budget(size: int) -> Iterator[None]:
    budget = SECONDS_BASE + SECONDS_PER_KB * size / 1024
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    assert elapsed < budget, f"{size} characters took {elapsed:.1f} s (budget {budget:.1f} s)"


def outcome(run: Callable[[], object], size: int) -> None:
    """Run ``run``: it may succeed or raise GovpressError with located problems; nothing else, and in time."""
    with within_budget(size):
        try:
            run()
        except GovpressError as error:
            assert error.problems
            assert_located(error.problems)


@FUZZ
@given(st.one_of(mixed(DIALECT_PIECES), repeated(DIALECT_PIECES)))
def test_dialect_never_raises_and_stays_linear(text: str) -> None:
    def run() -> None:
        result = render_markdown(text)
        assert_located(list(result.problems))

    outcome(run, len(text))


@FUZZ
@given(st.one_of(mixed(DIALECT_PIECES), repeated(DIALECT_PIECES)))
def test_dialect_with_a_source_tree_never_raises(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source"
        (source / "partials").mkdir(parents=True)
        (source / "partials" / "_x.md").write_text(text, encoding="utf-8", errors="surrogatepass")
        page = source / "page.md"
        body = "{include x.md}\n" + text
        outcome(lambda: render_markdown(body, path=page, source_dir=source), len(body) * 2)


def commitments_project(folder: Path, actions: str, responses: str) -> Path:
    data = folder / "data"
    (data / "responses").mkdir(parents=True)
    (data / "actions.yaml").write_text(actions, encoding="utf-8", errors="surrogatepass")
    (data / "organisations.yaml").write_text("- id: o\n  name: O\n", encoding="utf-8")
    (data / "responses" / "01.yaml").write_text(responses, encoding="utf-8", errors="surrogatepass")
    return folder


@FUZZ
@given(st.one_of(mixed(YAML_PIECES), repeated(YAML_PIECES)), mixed(YAML_PIECES))
def test_commitments_yaml_never_raises(actions: str, responses: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = commitments_project(Path(folder), actions, responses)
        outcome(lambda: load_native(project), len(actions) + len(responses))


@FUZZ
@given(st.binary(max_size=2000))
def test_commitments_yaml_bytes_never_raise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = commitments_project(Path(folder), "actions: []\n", "action: 1\nresponses: []\n")
        (project / "data" / "actions.yaml").write_bytes(data)
        outcome(lambda: load_native(project), len(data))


def import_text(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        db = Path(folder) / "services.db"

        def run() -> None:
            store = open_store(db)
            try:
                result = import_file(store, path)
                assert_located(result.problems)
            finally:
                close = getattr(store, "close", None)
                if callable(close):
                    close()

        outcome(run, len(data))


@FUZZ
@given(st.lists(st.one_of(st.just(CSV_ROW), mixed(CSV_PIECES, 40)), max_size=12))
def test_services_csv_never_raises(rows: list[str]) -> None:
    import_text((CSV_HEADER + "\n" + "\n".join(rows) + "\n").encode("utf-8", "surrogatepass"), "services.csv")


@FUZZ
@given(st.binary(max_size=3000))
def test_services_csv_bytes_never_raise(data: bytes) -> None:
    import_text(CSV_HEADER.encode() + b"\n" + data, "services.csv")


@FUZZ
@given(st.one_of(mixed(JSON_PIECES), repeated(JSON_PIECES)))
def test_services_json_never_raises(text: str) -> None:
    import_text(text.encode("utf-8", "surrogatepass"), "services.json")


@FUZZ
@given(st.one_of(mixed(TOML_PIECES), st.binary(max_size=500).map(lambda b: b.decode("latin-1"))))
def test_settings_never_raise(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "source").mkdir()
        (project / "govpress.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
        outcome(lambda: load_config(project), len(text))


@FUZZ
@given(
    st.one_of(mixed(JSON_PIECES), repeated(JSON_PIECES), st.binary(max_size=2000).map(lambda b: b.decode("latin-1")))
)
def test_api_bodies_never_raise(text: str) -> None:
    """A request body: a 400 message or checked records, never an exception (the server would answer 500)."""

    def run() -> None:
        try:
            body = parse_body(text.encode("utf-8", "surrogatepass"))
        except BodyError as error:
            assert error.status in (400, 413) and str(error)
            return
        records, messages = check_records(body, ("service", "period"))
        assert all(isinstance(message, str) and message for message in messages)
        for record in records:
            json.dumps(record.fields, default=float, allow_nan=False)

    outcome(run, len(text))
