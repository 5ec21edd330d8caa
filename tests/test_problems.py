from __future__ import annotations

import time

from govpress.problems import GovpressError, Problem, ProblemLog


def test_problem_prints_its_location() -> None:
    problem = Problem.error("unclosed {div .section}", "source/a.md", 12, 3)
    assert str(problem) == "source/a.md:12:3: error: unclosed {div .section}"
    assert str(Problem.warning("odd", None, 4)) == "<stdin>:4: warning: odd"


def test_problem_log_fails_on_warnings_only_when_strict() -> None:
    log = ProblemLog()
    log.add(Problem.warning("leftover {pull-left}", "a.md", 2))
    log.add(Problem.warning("leftover {pull-left}", "a.md", 2))
    assert len(log.problems) == 1
    assert not log.failed(strict=False)
    assert log.failed(strict=True)
    log.add(Problem.error("missing partial", "a.md", 3))
    assert log.failed(strict=False)


def test_error_carries_problems() -> None:
    error = GovpressError(Problem.error("include cycle", "b.md", 1))
    assert error.problems[0].line == 1
    assert "b.md:1: error: include cycle" in str(error)


def test_problem_log_adds_in_constant_time_keeping_order_and_no_duplicates() -> None:
    log = ProblemLog()
    problems = [Problem.warning(f"dialect tag '{{x{i}}}' was not rendered", "a.md", i) for i in range(50_000)]
    started = time.perf_counter()
    log.extend(problems)
    log.extend(reversed(problems))  # every one a duplicate: a list scan each would take minutes
    assert time.perf_counter() - started < 5.0
    assert log.problems == problems


def test_problem_log_sees_problems_put_in_its_list_directly() -> None:
    first = Problem.error("missing partial", "a.md", 3)
    log = ProblemLog([first])
    log.problems.append(Problem.warning("odd", "a.md", 4))
    log.add(first)
    log.add(Problem.warning("odd", "a.md", 4))
    assert log.problems == [first, Problem.warning("odd", "a.md", 4)]
