"""Writing a built page as a PDF with WeasyPrint (the legacy site sent its pages to a SaaS, PDFCrowd).

The page is laid out for print media, so the site's ``@media print`` rules and ``@page`` rules apply
(margins, page numbers, running heads) and the server-drawn charts (``charts.css``) print as on screen.
Only local files are read: a root-relative URL (``/assets/…``) is looked up under ``site_root``, and any
other URL (``http:``, ``https:``, …) is refused, so a PDF build needs no network and cannot leak requests.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from govpress.problems import GovpressError, Problem

logger = logging.getLogger(__name__)


def write_pdf(
    html_file: Path,
    pdf_file: Path,
    *,
    base_url: str,
    site_root: Path | None = None,
    stylesheets: Sequence[Path] = (),
    date: str | None = None,
    link_base: str = "/",
    read: list[Path] | None = None,
) -> Path:
    """Render ``html_file`` (a built page) to ``pdf_file``; returns ``pdf_file``.

    ``base_url`` resolves the page's relative URLs (usually ``html_file.parent.as_uri() + "/"``);
    ``site_root`` (the built site's folder) resolves root-relative ones; ``stylesheets`` are added after
    the page's own (e.g. a PDF-only stylesheet); ``date`` (W3C, e.g. ``2013-07-10``) becomes the PDF's creation and
    modification date (default: none, so the bytes never depend on the build time). Raises :class:`GovpressError`
    when the page cannot be read. Links to files under ``site_root`` are written against ``link_base`` (where the
    site is published: ``https://example.org/plan/``, or a path), never as ``file:`` URLs of the build folder.
    ``read``, when given, gets every local file WeasyPrint asked for (stylesheets, images, fonts; also those that do not
    exist), so a caller can tell later whether the PDF would come out the same (:mod:`govpress.site.pdfs`).
    """
    from weasyprint import CSS, HTML

    if not html_file.is_file():
        raise GovpressError(Problem.error("no such page to write as PDF", html_file))
    document = HTML(
        filename=str(html_file), base_url=base_url, url_fetcher=local_url_fetcher(site_root, read), media_type="print"
    )
    extra = [CSS(filename=str(path)) for path in stylesheets]
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    rendered = document.render(stylesheets=extra)
    if site_root is not None:
        _publish_links(rendered.pages, site_root, link_base)
    if date is not None:
        rendered.metadata.created = rendered.metadata.modified = date
    rendered.write_pdf(str(pdf_file))
    logger.info("wrote %s", pdf_file)
    return pdf_file


def _publish_links(pages: Sequence[Any], site_root: Path, link_base: str) -> None:
    """Rewrite external links into ``site_root`` (``file:///…/_site/a/``) as ``link_base`` + ``a/``."""
    prefix = site_root.resolve().as_uri().rstrip("/") + "/"
    base = link_base.rstrip("/") + "/"
    for page in pages:
        page.links = [
            (kind, base + target.removeprefix(prefix), *rest)
            if kind == "external" and isinstance(target, str) and target.startswith(prefix)
            else (kind, target, *rest)
            for kind, target, *rest in page.links
        ]


def local_path(url: str, site_root: Path | None) -> Path:
    """The file a ``file:`` URL names; a root-relative one (``file:///assets/x``) is looked up under ``site_root``."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        raise ValueError(f"not fetched (only local files go into a PDF): {url}")
    path = Path(unquote(parsed.path))
    if site_root is not None and not path.exists():
        inside = site_root / path.relative_to(path.anchor)
        if inside.exists():
            return inside
    return path


def local_url_fetcher(site_root: Path | None, read: list[Path] | None = None) -> Any:
    """A WeasyPrint URL fetcher that reads ``file:`` and ``data:`` URLs only, root-relative ones under ``site_root``;
    the files it is asked for are appended to ``read`` (when given)."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                path = local_path(url.split("?")[0].split("#")[0], site_root)
                if read is not None:
                    read.append(path)
                url = path.as_uri()
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("file", "data"))
