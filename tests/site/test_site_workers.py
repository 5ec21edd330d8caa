"""The build's workers (a process pool or this process), the gathering of page bodies through them, and where the
compiled templates are kept."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from govpress.problems import GovpressError, Problem
from govpress.render import last_action_number
from govpress.site.engine.workers import Workers
from govpress.site.layout.templates import template_cache_dir
from govpress.site.new import new_site
from govpress.site.sources import gather
from govpress.site.sources.discover import discover
from govpress.site.sources.gather import POOL_THRESHOLD, Source, plan_gather, start_gather
from govpress.site.sources.readers import ReadContext


def process_id() -> int:
    return os.getpid()


def fail(message: str) -> None:
    raise GovpressError(Problem.error(message, Path("where.md"), 3))


def test_serial_workers_run_at_once_and_hand_errors_through_the_future() -> None:
    with Workers(1) as workers:
        assert not workers.parallel
        assert workers.submit(process_id).result() == os.getpid()
        failed = workers.submit(fail, "bad input")
        assert failed.done()
        with pytest.raises(GovpressError):
            failed.result()


def test_a_pool_runs_elsewhere_and_errors_cross_it_whole() -> None:
    with Workers(2) as workers:
        assert workers.parallel
        assert workers.submit(process_id).result() != os.getpid()
        with pytest.raises(GovpressError) as raised:
            workers.submit(fail, "bad input").result()
    [problem] = raised.value.problems
    assert (problem.path, problem.line, problem.message) == ("where.md", 3, "bad input")


@pytest.fixture
def pages(tmp_path: Path) -> tuple[Path, ReadContext]:
    new_site(tmp_path / "example")
    source = tmp_path / "example" / "source"
    for number in range(POOL_THRESHOLD + 2):
        folder = source / "notes" / f"note-{number}"
        folder.mkdir(parents=True)
        (folder / "01-note.md").write_text(f"#Note {number}\n\nA note.\n", encoding="utf-8")
    return source, ReadContext(source, tmp_path / "example" / "assets", last_action_number(source), {})


@pytest.mark.parametrize("jobs", [1, 2])
def test_first_pages_then_the_rest_less_the_dropped(pages: tuple[Path, ReadContext], jobs: int) -> None:
    source, context = pages
    tree = discover(source)
    sources: list[Source] = [*tree.documents, *tree.html_pages]
    plan = plan_gather(sources, context, {}, "code")
    first = {"notes/note-0/index.html", "notes/note-1/index.html"}
    dropped = {"notes/note-2/index.html", "notes/note-1/index.html"}
    with Workers(jobs) as workers:
        pending = start_gather(plan, context, workers)
        pending.submit(first)
        pending.drop(dropped)
        early = pending.first_contents(first)
        gathered = pending.finish()
    assert [str(c.output) for c in early] == ["notes/note-0/index.html"]
    outputs = [str(c.output) for c in gathered.contents]
    assert outputs == [str(s.output) for s in sources if str(s.output) not in dropped]
    assert gathered.rendered == len(outputs) and set(gathered.entries) == set(outputs)
    assert all(entry.stamps for entry in gathered.entries.values()), "each page's files are stamped for the cache"


def test_compiled_templates_go_to_the_user_cache(tmp_path: Path) -> None:
    fallback = tmp_path / "out-cache"
    named = template_cache_dir({"GOVPRESS_CACHE_DIR": str(tmp_path / "mine"), "HOME": str(tmp_path)}, fallback)
    assert named.parent == tmp_path / "mine" and named.name.startswith("templates-") and named.is_dir()
    xdg = template_cache_dir({"XDG_CACHE_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path)}, fallback)
    assert xdg.parent == tmp_path / "xdg" / "govpress"
    home = template_cache_dir({"HOME": str(tmp_path / "home")}, fallback)
    assert home.parent == tmp_path / "home" / ".cache" / "govpress"
    assert named.name == xdg.name == home.name, "named for Jinja2 and the options, not the place"


def test_compiled_templates_fall_back_to_the_output_when_the_cache_cannot_be_written(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    fallback = tmp_path / "out-cache"
    assert template_cache_dir({"GOVPRESS_CACHE_DIR": str(blocked)}, fallback) == fallback
    assert template_cache_dir({}, fallback) == fallback
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
        assert template_cache_dir({"GOVPRESS_CACHE_DIR": str(locked)}, fallback) == fallback


class _Recording(Workers):
    """A pool that records what each chunk is handed (and renders it here)."""

    def __init__(self) -> None:
        super().__init__(2)
        self.handed: list[tuple[list[str], ReadContext]] = []

    def submit(self, function: Any, *args: Any, **kwargs: Any) -> Any:
        chunk, context = args
        self.handed.append(([str(s.output) for s in chunk], context))
        return Workers.serial().submit(function, *args, **kwargs)


def test_chunks_hold_at_most_about_chunk_weight_of_source_and_only_their_own_dates(
    pages: tuple[Path, ReadContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, context = pages
    tree = discover(source)
    sources: list[Source] = [*tree.documents, *tree.html_pages]
    dated = {str(s.output): datetime(2026, 1, n + 1, tzinfo=UTC) for n, s in enumerate(sources)}
    context = replace(context, dates=dated)
    monkeypatch.setattr(gather, "CHUNK_WEIGHT", 2100)  # one small source a chunk (each weighs its size and 2,000 more)
    workers = _Recording()
    pending = start_gather(plan_gather(sources, context, {}, "code"), context, workers)
    pending.submit()
    gathered = pending.finish()
    assert len(sources) > 2 * gather.CHUNKS_PER_WORKER, "more chunks than the workers alone would have"
    assert [len(outputs) for outputs, _ in workers.handed] == [1] * len(sources)
    assert sorted(o for outputs, _ in workers.handed for o in outputs) == sorted(dated)
    for outputs, handed in workers.handed:
        assert handed.dates == {output: dated[output] for output in outputs}
    assert len(gathered.contents) == len(sources)
