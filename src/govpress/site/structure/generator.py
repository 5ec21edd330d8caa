"""A page type of the site: the :class:`Generator` protocol, and :class:`BaseGenerator`, its no-op defaults.

A generator makes pages that no source file holds (the commitments' pages, the explorer, ``404.html``) and joins
the build through what it says of itself, all optional but :meth:`Generator.generate`:

- ``name``: its cache entry's name (unique in the list; :mod:`govpress.site.structure.registry`);
- ``settings_section``: the ``govpress.toml`` table it reads (``None``: only top-level keys, or none);
- ``sections(inputs)`` / ``feeds(inputs)``: the links it adds to every page's navigation (and the root index) and
  ``<head>``, as ``(text, site path)``;
- ``prepare(inputs)``: the part of its work that needs no rendered page, run in a worker process while the source
  pages render; its result must pickle, and reaches :meth:`Generator.generate` as ``prepared`` (a generator must
  work without it too: a failed preparation is left out). A result with an ``outputs`` attribute names the pages it
  will make (:class:`~govpress.site.structure.generators.PlannedPages`);
- ``outputs(inputs)``: the output paths it will make, known before the site is rendered, so the build does not
  render the source pages they replace (used when its preparation does not say);
- ``cache_key(inputs)``: a cheap digest of what its pages read that no file shows (a database's data version);
  ``None``: nothing but files. The pages are then reused only while it returns the same; one that raises counts as
  changed. An empty key says the same as ``None`` for this project (its pages read only the project's files and
  settings: the explorer without a store), and a build that finds every file as it was does not ask it again;
- ``key_day(inputs)``: the day (:func:`~govpress.site.engine.stamps.utc_day`) the key holds when, beyond the
  project's files and settings, it holds nothing else (the dashboards without a store: a query counts back from
  today); ``None`` otherwise. A build that finds every file as it was on that same day does not ask the key again
  (nor imports the generators: :mod:`govpress.site.nothing_to_do`);
- ``generate(context, prepared)``: its pages. Problems it raises stop the build with their locations; warnings
  travel on its pages.

A generator runs in the build process and, for ``prepare``, in a worker: an instance must pickle (a class defined
at a module's top level, with picklable attributes).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import ClassVar, Protocol, TypeVar

from govpress.site.structure.pages import Page, PrepareInputs, SiteContext

P = TypeVar("P")


class Generator(Protocol[P]):
    """A page type; see the module's docstring. ``P``: the type of its preparation (``None`` when it has none)."""

    name: ClassVar[str]
    settings_section: ClassVar[str | None]
    prepares: ClassVar[bool]

    def sections(self, inputs: PrepareInputs) -> Iterable[tuple[str, str]]: ...

    def feeds(self, inputs: PrepareInputs) -> Iterable[tuple[str, str]]: ...

    def prepare(self, inputs: PrepareInputs) -> P | None: ...

    def outputs(self, inputs: PrepareInputs) -> Iterable[PurePosixPath]: ...

    def cache_key(self, inputs: PrepareInputs) -> str | None: ...

    def key_day(self, inputs: PrepareInputs) -> str | None: ...

    def generate(self, context: SiteContext, prepared: P | None = None) -> Iterable[Page]: ...


class BaseGenerator(Generator[P]):
    """The defaults: no settings, sections, feeds, preparation, planned outputs, cache key or key day. A generator sets
    ``name`` and defines ``generate`` (mypy holds a subclass without it abstract), and what else it needs
    (``prepares = True`` with :meth:`prepare`)."""

    name: ClassVar[str] = ""
    settings_section: ClassVar[str | None] = None
    prepares: ClassVar[bool] = False  # True: the build runs :meth:`prepare` in a worker

    def sections(self, inputs: PrepareInputs) -> Iterable[tuple[str, str]]:
        return ()

    def feeds(self, inputs: PrepareInputs) -> Iterable[tuple[str, str]]:
        return ()

    def prepare(self, inputs: PrepareInputs) -> P | None:
        return None

    def outputs(self, inputs: PrepareInputs) -> Iterable[PurePosixPath]:
        return ()

    def cache_key(self, inputs: PrepareInputs) -> str | None:
        return None

    def key_day(self, inputs: PrepareInputs) -> str | None:
        return None
