"""What a build produces before anything is written: :class:`Page` values, from the source tree and from generators.

A *page generator* (:class:`govpress.site.structure.generator.Generator`) makes pages from a :class:`SiteContext`. The
build calls every generator after reading the source tree, so generated pages (commitments, services) join the same
link checking, caching and writing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from jinja2 import Environment

from govpress.problems import Problem
from govpress.site.settings.config import SiteConfig

if TYPE_CHECKING:
    from govpress.site.sources.discover import SourceTree


@dataclass(frozen=True)
class Page:
    """One file of the built site.

    ``output`` is relative to the output folder (``digital/strategy/index.html``). ``content`` is the whole HTML
    document (``str``) or any other file (``bytes``). ``source`` is the file problems are reported against;
    ``dependencies`` every file read to make it (for incremental rebuilds). ``problems`` are warnings found while
    making it.

    ``section=True`` (generators only): ``content`` is an HTML fragment that the build adds to the source page at the
    same ``output``, at the end of its main content (:mod:`govpress.site.structure.additions`), instead of replacing it.
    """

    output: PurePosixPath
    content: str | bytes
    title: str | None = None
    source: Path | None = None
    dependencies: tuple[Path, ...] = ()
    problems: tuple[Problem, ...] = ()
    section: bool = False

    @property
    def is_html(self) -> bool:
        return isinstance(self.content, str) and self.output.suffix == ".html"

    @property
    def url(self) -> str:
        """The page's path from the site root: ``/digital/strategy/`` for ``digital/strategy/index.html``."""
        return url_of(self.output)

    def data(self) -> bytes:
        return self.content.encode("utf-8") if isinstance(self.content, str) else self.content

    @property
    def text(self) -> str:
        """``content`` as text (bytes read as UTF-8)."""
        return self.content if isinstance(self.content, str) else self.content.decode("utf-8")

    def light(self) -> Page:
        """The page with its content emptied (a ``str`` for a ``str``: an HTML page stays one)."""
        empty = self.content[:0]
        return Page(self.output, empty, self.title, self.source, self.dependencies, self.problems, self.section)


@dataclass(frozen=True)
class SiteContext:
    """What a page generator may read: the project, its settings and the site's Jinja2 environment."""

    project: Path
    source_dir: Path
    config: SiteConfig
    environment: Environment
    site_name: str
    tree: SourceTree | None = None  # what the build found under the source folder (a generator need not walk it again)


@dataclass(frozen=True)
class PrepareInputs:
    """What a generator's ``prepare`` and other hooks may read (before any page is rendered, maybe in another
    process): the project, its source folder and settings, and the folder of compiled templates (``None`` when the
    build writes nothing) into which it may compile the templates it will need (``templates.compile_templates``)."""

    project: Path
    source_dir: Path
    config: SiteConfig
    template_cache: Path | None = None


def page_at(url: str) -> PurePosixPath:
    """The output path of a page URL: ``/a/b/`` → ``a/b/index.html``; ``/a/b.html`` stays ``a/b.html``. With
    :func:`url_of`, the site's one URL scheme: every generator converts between the two with these."""
    path = url.strip("/")
    if not path:
        return PurePosixPath("index.html")
    if url.endswith("/") or "." not in PurePosixPath(path).name:
        return PurePosixPath(path) / "index.html"
    return PurePosixPath(path)


def relative_root(path: str) -> str:
    """The way from the file at ``path`` (relative to a root: ``a/b/c.html``) up to that root, as a relative link's
    start: ``../../``; ``""`` for a file at the root."""
    return "../" * path.count("/")


def url_of(output: PurePosixPath | str) -> str:
    """The URL path (from the site root) of the file at ``output``, the inverse of :func:`page_at`:
    ``a/b/index.html`` → ``/a/b/``; ``index.html`` → ``/``; ``a/b.html`` stays ``/a/b.html``."""
    text = str(output) if isinstance(output, PurePosixPath) else PurePosixPath(output).as_posix()  # a path: its text
    if text == "index.html":
        return "/"
    if text.endswith("/index.html"):
        return "/" + text.removesuffix("index.html")
    return "/" + text
