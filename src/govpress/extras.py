"""The optional extras: what a default ``pip install govpress`` leaves out, and the message when a command needs it.

``pdf`` (WeasyPrint, for ``govpress build --pdf``), ``postgres`` (psycopg, for a ``postgresql://`` store) and ``api``
(starlette and uvicorn, for ``govpress api serve``); ``all`` is the three (``pyproject.toml``). Each place that
imports one of them calls :func:`require` first, so a missing extra is a :class:`~govpress.problems.GovpressError`
that says what to install, never a traceback.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import logging
from dataclasses import dataclass
from pathlib import Path

from govpress.problems import GovpressError, Problem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extra:
    """One extra of ``pyproject.toml``: its name and the distributions it installs (as a reader knows them)."""

    name: str
    packages: str


PDF = Extra("pdf", "WeasyPrint")
POSTGRES = Extra("postgres", "psycopg")
API = Extra("api", "starlette and uvicorn")


def install_hint(extra: Extra) -> str:
    """The command that installs ``extra``."""
    return f"pip install 'govpress[{extra.name}]'"


def missing(module: str, extra: Extra, needed_by: str) -> str | None:
    """``None`` when ``module`` (which ``extra`` installs) can be imported (it is then imported), else the message
    that ``needed_by`` (a command or a feature: ``govpress build --pdf``) needs the extra, and how to install it.

    An ``OSError`` counts as missing too: WeasyPrint raises one when a system library it needs (Pango) is absent."""
    try:
        importlib.import_module(module)
    except (ImportError, OSError) as error:
        log.debug("cannot import %s: %s", module, error)
        message = f"{needed_by} needs {extra.packages}: {install_hint(extra)}"
        if isinstance(error, OSError):  # installed, but a library it loads is missing
            message += f" (importing {module} failed: {error})"
        return message
    return None


def require(module: str, extra: Extra, needed_by: str, where: Path | str) -> None:
    """A :class:`GovpressError` located at ``where`` when ``module`` cannot be imported (:func:`missing`)."""
    message = missing(module, extra, needed_by)
    if message is not None:
        raise GovpressError(Problem.error(message, where))


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution`` (``""`` when it is not installed): part of the keys of what a
    build keeps, so that a new WeasyPrint or pagefind makes its PDFs or index again."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""
