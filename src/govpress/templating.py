"""The one Jinja2 environment factory: every page govpress renders comes from an environment made here.

The site's environment (:func:`govpress.site.layout.templates.make_environment`: the ``site``, ``navigation`` and
``layout`` globals, a project's template overrides in Jinja2's sandbox, the compiled-template cache) and the
commitments' standalone one (:func:`govpress.commitments.pages.environment.commitments_environment`) are both this
environment over the package's ``templates/``, with the options every page shares: HTML autoescaped, an undefined
name is an error, the template's final newline kept, govpress's translation extension installed in ``language``,
and each template read once (``auto_reload`` off: Jinja2 would otherwise look at every template's file again each
time a page uses it, several times a page; a build makes its own environment, so a template changed between two
builds is read by the second).

They differ in one option, whitespace control (``trim``): the site trims block tags' lines (``trim_blocks`` and
``lstrip_blocks``), the standalone commitments pages do not. That is kept because their output is published and
pinned as it is (the same templates give other bytes with trimming); inside a site the commitments pages render with
the site's environment, trimmed like every page of it.
"""

from __future__ import annotations

from jinja2 import BaseLoader, BytecodeCache, Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from govpress.i18n import EXTENSION, install_language

TEMPLATES_PACKAGE = ("govpress", "templates")


def package_loader() -> PackageLoader:
    """The package's own templates (``src/govpress/templates/``)."""
    return PackageLoader(*TEMPLATES_PACKAGE)


def template_environment(
    *,
    loader: BaseLoader | None = None,
    sandboxed: bool = False,
    trim: bool = True,
    bytecode_cache: BytecodeCache | None = None,
    language: str | None = "en",
) -> Environment:
    """An environment over ``loader`` (default: :func:`package_loader`) with govpress's options (module docstring).

    ``sandboxed``: Jinja2's sandbox, for a loader that reads a project's own templates (they must not reach Python's
    internals); ``trim``: trim block tags' lines; ``bytecode_cache`` keeps compiled templates between runs;
    ``language``: the interface language of ``_()`` and the ``translated`` filter (:mod:`govpress.i18n`); ``None``
    when the caller installs it itself (:func:`govpress.site.layout.templates.set_site`)."""
    environment_class = SandboxedEnvironment if sandboxed else Environment
    environment = environment_class(
        loader=loader if loader is not None else package_loader(),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=trim,
        lstrip_blocks=trim,
        bytecode_cache=bytecode_cache,
        extensions=[EXTENSION],
        auto_reload=False,
    )
    if language is not None:
        install_language(environment, language)
    return environment
