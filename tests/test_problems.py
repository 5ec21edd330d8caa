from __future__ import annotations

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
