"""A project's own templates: ``PROJECT/templates/`` shadows govpress's (as MkDocs' ``custom_dir`` does).

``templates/base.html`` replaces the base layout, ``templates/site/document.html`` the document layout, and so on.
A template of one's own may extend govpress's, the one it shadows too, by its name under ``govpress/``:
``templates/base.html`` holding ``{% extends "govpress/base.html" %}`` and a ``{% block footer %}`` changes only the
footer of every page. The folder's files are checked like the assets (no symbolic link leaving the project, names in
UTF-8) and every ``*.html`` template is compiled before the build starts, so a syntax error is an error at its file
and line. The project's templates run in Jinja2's sandbox (:class:`jinja2.sandbox.SandboxedEnvironment`): they
cannot reach Python's internals, so building someone's pull request cannot run their code. A template error while
rendering is an error at the template's file and line (:func:`template_problem`). The build's cache of generated
pages is keyed by the folder's contents (:func:`overrides_fingerprint`), so changing an override remakes them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import TracebackType

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    TemplateError,
    TemplateSyntaxError,
)

from govpress.confinement import link_problem, name_problem, resolved
from govpress.problems import GovpressError, Problem

OVERRIDES_DIR = "templates"
PACKAGE = "govpress"  # govpress's own templates, under this prefix, for a project's template to extend


def overrides_folder(project: Path) -> Path | None:
    """The project's ``templates/`` folder, when it has one."""
    folder = project / OVERRIDES_DIR
    return folder if folder.is_dir() else None


def template_loader(package: BaseLoader, overrides: Path | None) -> BaseLoader:
    """``package``, or the ``overrides`` folder first, then ``package``, which is also reachable as
    ``govpress/NAME`` (so ``templates/base.html`` can extend ``govpress/base.html``)."""
    if overrides is None:
        return package
    return ChoiceLoader([FileSystemLoader(str(overrides), followlinks=True), package, PrefixLoader({PACKAGE: package})])


def override_files(folder: Path, project: Path) -> list[Path]:
    """Every file of ``folder`` in path order; :class:`GovpressError` with every symbolic link that leaves the
    project or loops, and every name that is not UTF-8."""
    root = resolved(project)
    if root is None:
        raise GovpressError(Problem.error("the project folder is a symbolic link loop", project))
    problems: list[Problem] = []
    found: list[Path] = []
    for path in sorted(folder.rglob("*")):
        problem = link_problem(path, root) or name_problem(path)
        if problem is not None:
            problems.append(problem)
        elif path.is_file():
            found.append(path)
    if problems:
        raise GovpressError(problems)
    return found


def check_overrides(environment: Environment, folder: Path, project: Path) -> None:
    """Compile every ``*.html`` template of ``folder``; :class:`GovpressError` at the file and line of each that is
    not valid Jinja2 (or not UTF-8)."""
    problems: list[Problem] = []
    for path in override_files(folder, project):
        if path.suffix != ".html":
            continue
        name = path.relative_to(folder).as_posix()
        try:
            environment.get_template(name)
        except TemplateSyntaxError as error:
            problems.append(Problem.error(f"template error: {error.message}", path, error.lineno))
        except UnicodeDecodeError:
            problems.append(Problem.error("the template is not UTF-8 text", path))
    if problems:
        raise GovpressError(problems)


def overrides_fingerprint(folder: Path | None, project: Path) -> str:
    """A digest of the overrides' names and bytes (``""`` without a folder): generated pages are remade when it
    changes (source pages are put in their layouts on every build)."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in override_files(folder, project):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def template_problem(error: TemplateError, folder: Path | None) -> GovpressError:
    """``error`` (raised while rendering) as a located error: the innermost frame of a template of ``folder`` (else
    of any template) names the file and line."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return GovpressError(Problem.error(f"template error: {error.message}", Path(error.filename), error.lineno))
    where = _template_frame(error.__traceback__, folder)
    message = f"template error: {error.message or type(error).__name__}"
    if where is None:
        return GovpressError(Problem.error(message, folder or Path(OVERRIDES_DIR)))
    return GovpressError(Problem.error(message, where[0], where[1]))


def _template_frame(trace: TracebackType | None, folder: Path | None) -> tuple[Path, int] | None:
    """The innermost template frame of ``trace``: of a template in ``folder`` when there is one."""
    frames: list[tuple[Path, int]] = []
    while trace is not None:
        name = Path(trace.tb_frame.f_code.co_filename)
        if name.suffix == ".html":
            frames.append((name, trace.tb_lineno))
        trace = trace.tb_next
    own = [frame for frame in frames if folder is not None and folder in frame[0].parents]
    chosen = own or frames
    return chosen[-1] if chosen else None
