"""The path settings of ``govpress.toml`` stay inside the project, and the output folder is one a build may empty.

Path settings: ``output``, ``source``, ``assets``, ``services_file``, ``services_database`` (when it is a SQLite file,
not a ``postgresql://`` URL) and each of ``data_dirs``. Each is relative to the project folder and, every symbolic
link followed, stays inside it. The output folder (``output``, or ``-o/--output`` on the command line, which may lie
outside the project) is emptied and replaced by a build: it may not be the project folder, a folder holding it, nor
an input (the settings file, the source, assets and data folders, the services data, ``.git``), inside one or
holding one (:func:`govpress.confinement.output_problem`). Problems are reported at the setting's line of
``govpress.toml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from govpress.confinement import output_problem, resolved, setting_problem
from govpress.problems import Problem
from govpress.site.layout.overrides import OVERRIDES_DIR
from govpress.site.settings.toml_lines import key_line

if TYPE_CHECKING:
    from govpress.site.settings.config import SiteConfig

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
DATA_DIR = "data"


def path_settings(config: SiteConfig) -> list[tuple[str, str]]:
    """Every path setting of ``config`` as ``(key, value)``, in the order of the settings."""
    found = [("output", config.output), ("source", config.source), ("assets", config.assets)]
    if config.services_file is not None:
        found.append(("services_file", config.services_file))
    database = config.services_database
    if database is not None and not database.startswith(POSTGRES_SCHEMES):
        found.append(("services_database", database))
    found += [("data_dirs", folder) for folder in config.data_dirs]
    return found


def path_problems(config: SiteConfig, project: Path, path: Path, text: str | None) -> list[Problem]:
    """The path settings of ``config`` (read from ``text`` at ``path``; ``None``: no file) that leave ``project``
    or name an output folder a build may not empty."""
    root = resolved(project)
    if root is None:
        return [Problem.error("the project folder is a symbolic link loop", project)]
    lines = text.splitlines() if text is not None else []
    problems: list[Problem] = []
    for key, value in path_settings(config):
        problem = setting_problem(value, root)
        if problem is not None:
            problems.append(_at(key, problem, path, lines))
    if not problems:
        problem = output_problem(root / config.output, root, input_places(config, project))
        if problem is not None:
            problems.append(
                _at("output", f"the output folder {config.output!r} may not be used: {problem}", path, lines)
            )
    return problems


def input_places(config: SiteConfig, project: Path) -> list[tuple[str, Path]]:
    """What a build reads in ``project``, as ``(what, path)``: an output folder must keep clear of them."""
    places = [
        ("settings file", project / "govpress.toml"),
        ("source folder", project / config.source),
        ("assets folder", project / config.assets),
        ("templates folder", project / OVERRIDES_DIR),
        ("data folder", project / DATA_DIR),
        *(("data folder", project / folder) for folder in config.data_dirs),
    ]
    database = config.services_database
    if database is not None and not database.startswith(POSTGRES_SCHEMES):
        places.append(("services store", project / database))
    if config.services_file is not None:
        places.append(("services data file", project / config.services_file))
    return places


def output_option_problem(out: Path, project: Path, config: SiteConfig) -> str | None:
    """Why ``out`` (given on the command line) may not be the output folder of ``project``; ``None`` when it may."""
    root = resolved(project)
    if root is None:
        return "the project folder is a symbolic link loop"
    return output_problem(out, root, input_places(config, project))


def _at(key: str, problem: str, path: Path, lines: list[str]) -> Problem:
    """``problem`` with the setting's line, or, when the setting is a default, where the default points."""
    if not lines or (line := key_line(lines, key)) is None:
        return Problem.error(f"{key} (the default): {problem}", path.parent)
    return Problem.error(f"{key}: {problem}", path, line)
