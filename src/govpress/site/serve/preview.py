"""``govpress serve``: a localhost-only preview that rebuilds what changed and reloads the browser.

The server (:mod:`govpress.site.serve.http_server`) is the standard library's threading ``http.server`` in a thread,
bound to
127.0.0.1; it checks ``Host``, refuses bad paths, never serves a file outside the output folder, serves the site's own
404 page and drops slow clients. HTML responses get a small script (dev server only, never written to the output) that
polls ``/__govpress/build`` and reloads the page when the build number changes. A watcher thread (``watchfiles``)
rebuilds on any change to the project's sources, partials, assets, settings or govpress's own templates and static
files; the build cache makes that rebuild incremental.

A build that fails, whatever the reason, never stops the server: its problems go to ``on_build`` (the command prints
them) and are shown at the top of every served HTML page until a build succeeds; the last site written is served
meanwhile, and the next change builds again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import watchfiles

from govpress.problems import GovpressError, Problem
from govpress.site.build import build_site, default_jobs
from govpress.site.report import BuildReport
from govpress.site.serve.http_server import BUILD_PATH, RELOAD_SCRIPT, REQUEST_TIMEOUT, PreviewHTTPServer
from govpress.site.serve.state import BuildState
from govpress.site.settings.config import SiteConfig, load_config

__all__ = ["BUILD_PATH", "RELOAD_SCRIPT", "BuildOutcome", "BuildState", "PreviewServer", "serve_project"]
logger = logging.getLogger(__name__)
HOST = "127.0.0.1"


@dataclass(frozen=True)
class BuildOutcome:
    """One build of the preview: its report (``None`` when it stopped) and every problem it found."""

    report: BuildReport | None
    problems: tuple[Problem, ...]

    @property
    def failed(self) -> bool:
        return self.report is None or bool(self.report.errors)


@dataclass
class PreviewServer:
    """A built project served on 127.0.0.1, rebuilt when its files change. ``start()``, then ``stop()``."""

    project: Path
    out: Path
    port: int = 0
    jobs: int = 1
    on_build: Callable[[BuildOutcome], None] | None = None
    request_timeout: float = REQUEST_TIMEOUT
    base_url: str | None = None  # overrides govpress.toml's, as ``--base-url`` does
    state: BuildState = field(default_factory=BuildState)
    stop_event: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    server: PreviewHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://{HOST}:{self.server.server_address[1]}{self.state.base_path}"

    def rebuild(self) -> BuildOutcome:
        """Build once; whatever goes wrong becomes problems of the outcome (the server goes on)."""
        report: BuildReport | None = None
        try:
            report = build_site(self.project, self.out, jobs=self.jobs, base_url=self.base_url)
            problems: Sequence[Problem] = report.problems
            self.state.base_path = _base_path(self.project, self.base_url)
        except GovpressError as error:
            problems = error.problems
        except Exception as error:  # a preview must outlive any failure of a build
            logger.debug("the build failed", exc_info=True)
            problems = [Problem.error(f"the build stopped: {type(error).__name__}: {error}", self.project)]
        outcome = BuildOutcome(report, tuple(problems))
        self.state.finish(outcome.problems if outcome.failed else ())
        if self.on_build:
            self.on_build(outcome)
        return outcome

    def start(self, watch: bool = True) -> None:
        self.rebuild()
        self.server = PreviewHTTPServer((HOST, self.port), self.out, self.state, self.request_timeout)
        self._thread(self.server.serve_forever)
        if watch:
            self._thread(self._watch)

    def stop(self) -> None:
        self.stop_event.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)

    def _thread(self, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        self.threads.append(thread)

    def _watch(self) -> None:
        for changes in self._changes():
            logger.info("changed: %s", ", ".join(sorted(path for _, path in changes)))
            self.rebuild()

    def _changes(self) -> Iterator[set[tuple[watchfiles.Change, str]]]:
        watched = [self.project, Path(str(resources.files("govpress") / "templates"))]
        static = Path(str(resources.files("govpress") / "static"))
        watched += [static] if static.is_dir() else []
        yield from watchfiles.watch(
            *watched,
            watch_filter=_wanted_paths(self.out, watched),
            stop_event=self.stop_event,
            debounce=200,
            step=50,
            yield_on_timeout=False,
        )


def _wanted_paths(out: Path, watched: Sequence[Path]) -> Callable[[watchfiles.Change, str], bool]:
    """A watch filter leaving out the output folder and every hidden file or folder under a watched folder: ``.git``,
    editors' files, the build's records and the folder a build writes its new site into (``.govpress-cache/``,
    ``.OUT.new-…``)."""
    resolved_out = out.resolve()
    roots = [root.absolute() for root in watched]

    def wanted(_change: watchfiles.Change, path: str) -> bool:
        found = Path(path)
        if found.resolve().is_relative_to(resolved_out):
            return False
        inside = next((found.relative_to(root) for root in roots if found.is_relative_to(root)), found)
        return not any(part.startswith(".") for part in inside.parts)

    return wanted


def serve_project(
    project: Path,
    port: int = 8000,
    watch: bool = True,
    announce: Callable[[str], None] = logger.info,
    out: Path | None = None,
    show_problems: Callable[[Sequence[Problem]], None] | None = None,
    base_url: str | None = None,
) -> None:
    """Build into ``out`` (default: the project's output folder), serve and watch until interrupted (Ctrl-C).
    After every build its problems go to ``show_problems`` (default: the log) and a summary line to ``announce``."""
    out = out if out is not None else project / load_config(project).output

    def on_build(outcome: BuildOutcome) -> None:
        if show_problems is not None:
            show_problems(outcome.problems)
        else:
            for problem in outcome.problems:
                logger.warning("%s", problem)
        announce(_line(outcome))

    preview = PreviewServer(project, out, port, default_jobs(), on_build=on_build, base_url=base_url)
    preview.start(watch=watch)
    announce(f"Serving {out} at {preview.url} (Ctrl-C to stop)")
    try:
        preview.stop_event.wait()
    except KeyboardInterrupt:
        announce("Stopped.")
    finally:
        preview.stop()


def _base_path(project: Path, base_url: str | None) -> str:
    """Where the site is served: the path of ``base_url`` (else of the project's setting)."""
    config = load_config(project)
    if base_url is not None:
        config = SiteConfig.model_validate({**config.model_dump(), "base_url": base_url})
    return config.base_path


def _line(outcome: BuildOutcome) -> str:
    report = outcome.report
    if report is None:
        return (
            f"The build stopped ({len(outcome.problems)} problems): still serving the last site built; "
            "the next change builds again"
        )
    line = (
        f"Built {report.pages} pages in {report.seconds:.2f} s "
        f"({report.rendered} rendered, {len(report.warnings)} warnings, {len(report.errors)} errors)"
    )
    return line + (": the problems are shown on every page until a build succeeds" if report.errors else "")
