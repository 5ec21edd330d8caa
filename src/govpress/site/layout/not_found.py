"""The site's "Page not found" page: ``404.html`` at the root of the output, the page ``govpress serve`` answers
unknown addresses with (status 404) and the one most static hosts show.

A project whose source folder has its own error page (``404.html`` or the legacy ``error.html`` at its top) keeps it;
otherwise this generator (:class:`NotFoundGenerator`) adds ``404.html`` in the site's layout (template
``site/not_found.html``, the GOV.UK "Page not found" pattern). The page depends on the source folder's listing, so
adding an error page of one's own replaces it on the next build.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from govpress.i18n import N_, gettext_for
from govpress.site.layout.templates import PageContext, render_page
from govpress.site.sources.readers import ERROR_PAGES
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext

NOT_FOUND = PurePosixPath("404.html")
TITLE = N_("Page not found")


def has_error_page(source_dir: Path) -> bool:
    """Whether the source folder has an error page of its own at its top."""
    return any((source_dir / name).is_file() for name in ERROR_PAGES)


class NotFoundGenerator(BaseGenerator[None]):
    """``404.html``, unless the source folder has an error page of its own."""

    name = "not-found"

    def outputs(self, inputs: PrepareInputs) -> Iterator[PurePosixPath]:
        """The page this generator will make (none when the source has an error page of its own)."""
        if not has_error_page(inputs.source_dir):
            yield NOT_FOUND

    def generate(self, context: SiteContext, prepared: None = None) -> Iterator[Page]:
        if has_error_page(context.source_dir):
            return
        title = gettext_for(context.environment)(TITLE)
        html = render_page(context.environment, "site/not_found.html", PageContext(page_title=title))
        yield Page(NOT_FOUND, html, title, source=None, dependencies=(context.source_dir,))
