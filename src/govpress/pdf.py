"""Writing a built page as a PDF with WeasyPrint (the legacy site sent its pages to a SaaS, PDFCrowd).

The page is laid out for print media, so the site's ``@media print`` rules and ``@page`` rules apply
(margins, page numbers, running heads) and the server-drawn charts (``charts.css``) print as on screen.

What WeasyPrint may read is confined (:func:`local_url_fetcher`): ``data:`` URLs, and ``file:`` URLs whose file
(symbolic links resolved) lies inside the built site or the project, and in no hidden folder or file of them
(``.git``, ``.env``, the build cache). A root-relative URL (``/assets/…``) is looked up under ``site_root``. Any other
URL (``http:``, ``https:``, ``ftp:``, ``file:///etc/passwd``, ``file:///proc/self/environ``, a symbolic link out of
the project) is refused before anything is opened, so a PDF build makes no network request and cannot put another
file of the machine (or the environment of the build) into a published PDF. Stylesheets, images, fonts and
attachments (``<a rel="attachment">``, ``<link rel="attachment">``) all go through the same fetcher; the refused
URLs are handed back to the caller (``refused``), which reports them. Links to ``file:`` URLs outside the site are
not written into the PDF: they could not work for a reader and would show the build machine's folders.

The PDF is tagged, PDF/UA-1 (WeasyPrint's ``pdf_variant``): a structure tree (headings, paragraphs, lists, tables
with their header cells, links, figures with the images' ``alt`` text), the page's language (``<html lang>``) and
title (``<title>``, shown as the window title: ``DisplayDocTitle``), an outline from the headings, and the PDF/UA
identification in the XMP metadata. Decorative images (``alt=""``, ``role="presentation"``, an ``aria-hidden`` SVG)
are left out: a tagged PDF must give every figure a text, and WeasyPrint cannot mark an image as decoration (an
artifact). What the page lacks for a tagged PDF (a language, a title) is handed back (``gaps``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from govpress.extras import PDF, require
from govpress.problems import GovpressError, Problem

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"
PDF_ONLY_CSS = 'img[alt=""], img[role="presentation"], svg[aria-hidden="true"] { display: none !important; }'


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
    project: Path | None = None,
    refused: list[str] | None = None,
    gaps: list[str] | None = None,
) -> Path:
    """Render ``html_file`` (a built page) to ``pdf_file``; returns ``pdf_file``.

    ``base_url`` resolves the page's relative URLs (usually ``html_file.parent.as_uri() + "/"``);
    ``site_root`` (the built site's folder) resolves root-relative ones; ``stylesheets`` are added after
    the page's own (e.g. a PDF-only stylesheet); ``date`` (W3C, e.g. ``2013-07-10``) becomes the PDF's creation and
    modification date (default: none, so the bytes never depend on the build time). Raises :class:`GovpressError`
    when the page cannot be read. Links to files under ``site_root`` are written against ``link_base`` (where the
    site is published: ``https://example.org/plan/``, or a path), never as ``file:`` URLs of the build folder.
    ``read``, when given, gets every local file WeasyPrint asked for (stylesheets, images, fonts; also those that do not
    exist), so a caller can tell later whether the PDF would come out the same (:mod:`govpress.site.write.pdfs`).
    Files are read only from ``site_root`` (else the page's folder) and ``project``; ``refused``, when given, gets
    every URL that was not fetched; ``gaps``, what the page lacks for a tagged PDF (:func:`tagging_gaps`).
    """
    require("weasyprint", PDF, "writing PDFs", html_file)
    from weasyprint import CSS, HTML

    if not html_file.is_file():
        raise GovpressError(Problem.error("no such page to write as PDF", html_file))
    roots = [site_root if site_root is not None else html_file.parent, *([project] if project is not None else [])]
    base_path = urlparse(link_base).path or "/"  # root-relative URLs start with it (``/plan/static/…``)
    fetcher = local_url_fetcher(site_root, read, roots=roots, refused=refused, base_path=base_path)
    document = HTML(filename=str(html_file), base_url=base_url, url_fetcher=fetcher, media_type="print")
    extra = [CSS(string=PDF_ONLY_CSS), *(CSS(filename=str(path), url_fetcher=fetcher) for path in stylesheets)]
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    rendered = document.render(stylesheets=extra)
    _publish_links(rendered.pages, roots[0], link_base if site_root is not None else None)
    if date is not None:
        rendered.metadata.created = rendered.metadata.modified = date
    if gaps is not None:
        gaps.extend(tagging_gaps(rendered.metadata))
    rendered.write_pdf(str(pdf_file), pdf_variant=PDF_VARIANT)
    logger.info("wrote %s", pdf_file)
    return pdf_file


def tagging_gaps(metadata: Any) -> list[str]:
    """What a rendered page (its WeasyPrint ``metadata``) lacks for a tagged PDF: a language, a title."""
    gaps = []
    if not (metadata.lang or "").strip():
        gaps.append("no language (the page's <html lang>)")
    if not (metadata.title or "").strip():
        gaps.append("no title (the page's <title>)")
    return gaps


def _publish_links(pages: Sequence[Any], site_root: Path, link_base: str | None) -> None:
    """Rewrite external links into ``site_root`` (``file:///…/_site/a/``) as ``link_base`` + ``a/`` (when given);
    drop the other ``file:`` links, which name the build machine's folders."""
    prefix = site_root.resolve().as_uri().rstrip("/") + "/"
    base = None if link_base is None else link_base.rstrip("/") + "/"
    for page in pages:
        kept = []
        for kind, target, *rest in page.links:
            if kind == "external" and isinstance(target, str) and target.startswith("file:"):
                if not target.startswith(prefix):
                    logger.debug("not linking to a file outside the site: %s", target)
                    continue
                if base is not None:
                    target = base + target.removeprefix(prefix)
            kept.append((kind, target, *rest))
        page.links = kept


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


def allowed_file(url: str, site_root: Path | None, roots: Sequence[Path], base_path: str = "/") -> Path | None:
    """The file a ``file:`` URL names, when it lies (symbolic links resolved) inside one of ``roots`` and in no hidden
    folder or file of it; else ``None``. A root-relative URL (``file:///assets/a.css``; under the base path ``/plan/``,
    ``file:///plan/assets/a.css``) names the site's file when there is one; an absolute path that exists elsewhere
    (``file:///etc/passwd``) is refused, not looked up in the site."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    path = Path(unquote(parsed.path))
    site_path = unquote(parsed.path)
    site_path = site_path.removeprefix(base_path.rstrip("/")) if site_path.startswith(base_path) else site_path
    inside = site_root / site_path.lstrip("/") if site_root is not None and path.is_absolute() else None
    resolved_roots = [root.resolve() for root in roots]
    if inside is not None and inside.exists() and _confined(inside, resolved_roots):
        return inside
    if _confined(path, resolved_roots):
        return path
    if inside is not None and not path.exists() and _confined(inside, resolved_roots):
        return inside  # a missing file of the site: recorded, so the PDF is written again once it exists
    return None


def _confined(path: Path, roots: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(root) and not _hidden(resolved.relative_to(root)) for root in roots)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def local_url_fetcher(
    site_root: Path | None,
    read: list[Path] | None = None,
    *,
    roots: Sequence[Path] | None = None,
    refused: list[str] | None = None,
    base_path: str = "/",
) -> Any:
    """A WeasyPrint URL fetcher that reads ``data:`` URLs and ``file:`` URLs inside ``roots`` (default: ``site_root``)
    only, root-relative ones under ``site_root`` (``base_path``, where the site is published, taken off: the site's
    ``/plan/static/a.css`` is ``site_root/static/a.css``); the files it reads are appended to ``read`` and the URLs it
    refuses to ``refused`` (when given). A refused URL is never opened (no network request, no file read)."""
    from weasyprint.urls import URLFetcher

    allowed_roots = tuple(roots) if roots is not None else ((site_root,) if site_root is not None else ())

    class LocalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.partition(":")[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            path = None
            if scheme == "file":
                path = allowed_file(url.split("?")[0].split("#")[0], site_root, allowed_roots, base_path)
            if path is None:
                logger.info("not fetched into a PDF: %s", url)
                if refused is not None and url not in refused:
                    refused.append(url)
                raise ValueError(f"not fetched (a PDF may only use files of the site and the project): {url}")
            if read is not None:
                read.append(path)
            return super().fetch(path.resolve().as_uri(), headers)

    return LocalFetcher(allowed_protocols=("file", "data"))
