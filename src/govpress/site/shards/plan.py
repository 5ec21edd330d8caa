"""Which part of the site a build makes (:class:`Only`): the pages of some top-level sections (a shard, ``govpress
build --only SECTION``), or everything else and the whole-site pages, with the shards' pages added (the merge,
``govpress merge``). See docs/scaling.md, "Splitting the build across machines".

A page belongs to the top-level section its output path starts with; a page of another language's tree
(``cy/digital/…``) to the section after the language (``digital``); a page at the root (``error.html``,
``cy/index.html``) to none: the merge makes it. A build of part of the site still renders the pages every page's
layout reads (:func:`identity_outputs`: the sections' home pages, the language roots, the pages the site's names come
from), but lays out, checks and writes only its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from govpress.problems import GovpressError, Problem
from govpress.site.settings.config import SiteConfig
from govpress.site.sources.discover import SourceTree
from govpress.site.structure.facts import PageFacts
from govpress.site.structure.generators import Generated
from govpress.site.structure.pages import Page, page_at
from govpress.site.structure.sections import SECTIONS_PAGE

Headings = tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Foreign:
    """What the shards made, for the merge: their pages (read back from their folders), each page's facts by the
    SHA-1 of its bytes, their copied files (``(file in the shard's folder, output path)``), the pages they list on the
    root index (``(output, short title)``), the problems of their sources that failed and of sections added to no
    page, the links to PDFs left out of their pages, and their pages' headings as
    the source writes them (by output)."""

    pages: tuple[Page, ...] = ()
    facts: Mapping[str, PageFacts] = field(default_factory=dict)
    files: tuple[tuple[Path, str], ...] = ()
    listed: tuple[tuple[str, str], ...] = ()
    failed: tuple[Problem, ...] = ()
    unplaced: tuple[Problem, ...] = ()
    offers: tuple[Problem, ...] = ()
    headings: Mapping[str, Headings] = field(default_factory=dict)


@dataclass(frozen=True)
class Only:
    """Part of the site: the top-level ``sections`` (a shard), or with ``complement`` every page but theirs and the
    whole-site pages (root index, search, sitemap, crawler files, static files), plus the ``foreign`` pages (the
    merge)."""

    sections: frozenset[str]
    complement: bool = False
    foreign: Foreign = field(default_factory=Foreign)

    @property
    def whole(self) -> bool:
        """Whether this build makes the whole-site pages and runs the link check (the merge)."""
        return self.complement

    def member(self, output: PurePosixPath | str, config: SiteConfig) -> bool:
        """Whether the file at ``output`` is this build's to lay out and write."""
        return (section_of(output, config.other_languages) in self.sections) != self.complement


def section_of(output: PurePosixPath | str, languages: Iterable[str]) -> str | None:
    """The top-level section a file belongs to (see the module); ``None``: the root's."""
    parts = PurePosixPath(output).parts
    if parts[:1] and parts[0] in tuple(languages):
        parts = parts[1:]
    return parts[0] if len(parts) > 1 else None


def identity_outputs(tree: SourceTree, config: SiteConfig) -> frozenset[str]:
    """The sources every page's layout reads, whichever part of the site is built: each section's home page (the
    header's navigation), each language's root (breadcrumbs), every page of another language's tree (its name and
    navigation come from them: :func:`govpress.site.structure.languages.localise`), the root page and the sections
    page (whether the source has them decides where a capped header's "All sections" links:
    :func:`govpress.site.structure.sections.sections_page`), and, when ``govpress.toml`` names no site, every
    document (the name comes from one: :func:`govpress.site.structure.site_model.name_site`)."""
    languages = config.other_languages
    homes = {f"{section}/index.html" for section in tree.sections}
    homes |= {f"{language}/index.html" for language in languages}
    homes |= {"index.html", str(page_at(SECTIONS_PAGE))}
    every = [str(d.output) for d in tree.documents] + [str(p.output) for p in tree.html_pages]
    translated = {output for output in every if PurePosixPath(output).parts[0] in languages}
    named = {str(d.output) for d in tree.documents} if config.site_name is None else set()
    return frozenset(homes | translated | named)


def part_of_tree(only: Only, tree: SourceTree, config: SiteConfig, generated: Sequence[str]) -> SourceTree:
    """The source tree this build reads: its own pages and files, and the pages every layout reads; ``generated``:
    the top-level folders the generators' sections are in (``performance``), which ``--only`` may name too."""
    known = sorted({*tree.sections, *generated})
    unknown = sorted(only.sections - set(known)) if not only.complement else []
    if unknown:
        message = f"no such section: {', '.join(unknown)} (the site's sections: {', '.join(known) or 'none'})"
        raise GovpressError(Problem.error(message, tree.source_dir))
    keep = identity_outputs(tree, config)
    return replace(
        tree,
        documents=tuple(d for d in tree.documents if only.member(d.output, config) or str(d.output) in keep),
        html_pages=tuple(p for p in tree.html_pages if only.member(p.output, config) or str(p.output) in keep),
        copies=tuple(c for c in tree.copies if only.member(c.output, config)),
    )


def part_copies(only: Only, tree: SourceTree, assets: Sequence[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """The files this build copies: the tree's (already its part), and the project's assets and the shards' files
    when it is the merge."""
    copies = [(c.path, str(c.output)) for c in tree.copies]
    return [*copies, *assets, *only.foreign.files] if only.whole else copies


def part_generated(only: Only, made: Generated, config: SiteConfig) -> Generated:
    """The generators' pages (and sections added to pages) that are this build's."""
    return replace(made, pages=tuple(p for p in made.pages if only.member(p.output, config)))


def part_pages(only: Only, pages: Sequence[Page], config: SiteConfig) -> list[Page]:
    """This build's pages out of those laid out, with the shards' pages when it is the merge, in output order."""
    own = [page for page in pages if only.member(page.output, config)]
    return sorted([*own, *only.foreign.pages], key=lambda page: str(page.output))


def listed_stand_ins(only: Only, laid_out: Iterable[PurePosixPath]) -> list[Page]:
    """For the merge's root index and breadcrumbs: a title-only page for each page a shard lists that this build did
    not render (as the generated pages that replace source pages lend theirs)."""
    here = {str(output) for output in laid_out}
    return [Page(PurePosixPath(output), "", title) for output, title in only.foreign.listed if output not in here]


def generated_folders(sections: Iterable[tuple[str, str]]) -> list[str]:
    """The top-level folders of the generators' sections (``("Services", "/performance/")`` → ``performance``)."""
    return [part for _, path in sections if (part := path.strip("/").split("/")[0])]
