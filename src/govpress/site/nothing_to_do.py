"""A build with nothing to do, found before the build is imported: ``govpress build`` asks here first.

:func:`~govpress.site.engine.unchanged.unchanged_build` finds a build with nothing to do from stamps alone (one walk
of the project, one of the output folder), yet the build that asks it imports the whole of govpress first (the
settings' pydantic models, Jinja2, Python-Markdown and the dialect, every generator: about 0.4 s, most of such a
build's time). :func:`nothing_to_do` makes the same check with the modules it needs and nothing more: the records,
the stamps and their shapes (docs/scaling.md, "Stop 27").

What it leaves out is what the digest of the build's inputs already vouches for. The settings are not validated:
``govpress.toml`` is among the project's files, whose stamps are in the digest with govpress's own files, and a
record that matches was written by a build that read the same settings with the same code and found them good (a
build that found errors records no digest, so it never matches). Only the output folder is read from the settings,
with ``tomllib``, when ``-o`` is not given: where a build writes is where its records are; a settings file that
cannot be read so (too big, not TOML, an ``output`` that is not a string) leaves the answer to the build itself. A
generator's cache key (a database's version) can be asked only of the generator: a record holding one is checked
by importing the generators, as the build does.

No report means "build": the build takes the digest made here when it builds into the same folder
(:attr:`~govpress.site.build.BuildOptions.known_inputs`), and neither walks the project nor compares the record (nor
walks the output folder) again.
"""

from __future__ import annotations

import logging
import os
import stat
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govpress.site.engine.records import project_path, record_folder
from govpress.site.engine.stamps import code_fingerprints
from govpress.site.engine.unchanged import inputs_digest, inputs_settings, unchanged_build
from govpress.site.report import BuildReport
from govpress.site.settings.files import CONFIG_NAME, DEFAULT_OUTPUT, MAX_CONFIG_BYTES

if TYPE_CHECKING:
    from govpress.site.structure.generators import AnyGenerator

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Answer:
    """What the check found: the last build's report when there is nothing to do, else ``None``; and the output
    folder it looked at with the digest of the build's inputs (``None``: not known), for the build to take rather
    than walk the project again when it builds into that folder."""

    report: BuildReport | None
    inputs: tuple[Path, str] | None


def nothing_to_do(
    project: Path, out: Path | None, *, base_url: str | None = None, pdf: bool = False, strict: bool = False
) -> Answer:
    """The last build's report when a ``govpress build`` of ``project`` into ``out`` (default: the settings' output
    folder) with these options has nothing to do; its problems are the last build's (``strict`` as asked)."""
    started = time.perf_counter()
    project = project_path(project)  # as the build names it: its records' problems say where from its path
    target = out if out is not None else _output_folder(project)
    if target is None:
        return Answer(None, None)
    try:
        records = record_folder(project, target, warn=False)  # the build warns, if it comes to that
        settings = inputs_settings(base_url, pdf, skip_replaced=True)
        inputs = inputs_digest(project, target, code_fingerprints().package, settings, os.environ)
        last = unchanged_build(records, inputs, target, _registered) if records and inputs else None
    except (OSError, ValueError, RuntimeError) as error:  # a path it cannot use (a link loop…): the build says why
        logger.debug("no quick answer for %s (%s): building", target, error)
        return Answer(None, None)
    if inputs is None:
        return Answer(None, None)
    if last is None:
        return Answer(None, (target, inputs))
    logger.info("nothing has changed since the last build into %s", target)
    seconds = time.perf_counter() - started
    report = BuildReport(target, last.pages, last.files, 0, last.problems, seconds, True, strict)
    return Answer(report, (target, inputs))


def _output_folder(project: Path) -> Path | None:
    """``PROJECT/output`` as ``govpress.toml`` gives it (``_site`` without one); ``None`` when it cannot be read so."""
    path = project / CONFIG_NAME
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_CONFIG_BYTES:
            return None  # a bigger file, or not a file: the build says what is wrong
        output = tomllib.loads(path.read_text(encoding="utf-8")).get("output", DEFAULT_OUTPUT)
    except FileNotFoundError:
        return project / DEFAULT_OUTPUT
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    if not isinstance(output, str) or "\0" in output:
        return None  # the settings' own check says why, at its line
    return project / output


def _registered() -> Sequence[AnyGenerator]:
    """The registered generators (a record holding a generator's cache key is checked with them)."""
    from govpress.site.structure.registry import GENERATORS

    return GENERATORS
