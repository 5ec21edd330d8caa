"""A page never links to a PDF that the build did not make.

A document offers its PDF with a link into its own folder: "Also available in {PDF=report.pdf}" or "[PDF
format](report.pdf)" in the legacy sources. A ``--pdf`` build makes one PDF per document, named by the first such link
that is not a file of the site (:func:`govpress.site.write.pdfs.pdf_name`; else the folder's name). Any other link to a
document's PDF would be broken: the build without ``--pdf``, and a second PDF name no build makes. Before the pages
are laid out, such a link (in any page, to a PDF the build does not make and the site does not have as a file) is
left out:

- a list item or paragraph whose whole content is that link and plain text ("Also available in PDF format") is
  removed, and the list with it when it was the list's only item;
- elsewhere the link is unwrapped: its text stays, without the link.

Links to other PDFs (a file the source names but does not hold) are left to the link check, which reports them
as broken. What was left out is one warning per cause, at the first offer's source line, naming every page:
build with ``--pdf`` to make the PDFs, or (for a name no build makes) link to the name the document's PDF has.
The pages' cached renderings are not changed: this runs on every build, on the rendered bodies.

A ``--pdf`` build writes its PDFs from the pages it has written; a PDF WeasyPrint then fails to write is an error at
its document, and the pages linking to it are written again without those links (:func:`withdraw_offers`, the same
rule as above), so no page links to a PDF that is not there.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from govpress.problems import Problem
from govpress.site.sources.discover import DocumentSource
from govpress.site.sources.locate import SourceFinder
from govpress.site.sources.readers import Content
from govpress.site.structure.facts import ANCHOR, anchors, href_of
from govpress.site.structure.pages import Page
from govpress.site.write.pdfs import pdf_name

TEXT = r"[^<]*"  # plain text: no element
OFFER = rf"{TEXT}(?P<link><a\b[^>]*>{TEXT}</a>){TEXT}"  # a link and plain text around it, nothing else
OFFER_ITEM = re.compile(rf"<li\b[^>]*>{OFFER}</li>\n?", re.IGNORECASE)
OFFER_LIST = re.compile(rf"<(?P<tag>ul|ol)\b[^>]*>\s*<li\b[^>]*>{OFFER}</li>\s*</(?P=tag)>\n?", re.IGNORECASE)
OFFER_PARAGRAPH = re.compile(rf"<p\b[^>]*>{OFFER}</p>\n?", re.IGNORECASE)
ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


@dataclass(frozen=True)
class LeftOut:
    """A link left out of ``page`` (an output path): ``url`` as written, to ``target`` (a site path)."""

    page: PurePosixPath
    url: str
    target: str
    source: Content


@dataclass(frozen=True)
class PdfOffers:
    """The pages' bodies without links to PDFs the build does not make, and the warnings saying so."""

    contents: list[Content]
    problems: list[Problem]


def offer_pdfs(
    contents: Sequence[Content],
    documents: Iterable[DocumentSource],
    files: Collection[str],
    base_path: str,
    made: bool,
) -> PdfOffers:
    """``contents`` with every link to a document's PDF that this build does not make left out (``made``: a
    ``--pdf`` build, which makes each document's first-named PDF); ``files``: the site's files that are not pages."""
    searched = [not c.failed and may_name_pdf(c.body) for c in contents]  # most bodies: no link to look at
    by_output = {str(c.output): (c, maybe) for c, maybe in zip(contents, searched, strict=True) if not c.failed}
    named: dict[str, bool] = {}  # a document PDF's site path: whether a --pdf build makes it
    for document in documents:
        found = by_output.get(str(document.output))
        if found is None:
            continue
        content, maybe = found
        here = document.output.parent
        links = anchors(content.body) if maybe else []
        first = pdf_name(links, here, files) or f"{document.folder.name}.pdf"
        named[str(here / first)] = True
        for url in links:
            if (other := _own_pdf(url, here, files)) is not None:
                named.setdefault(str(here / other), False)
    unmade = {path for path, makes in named.items() if not (made and makes) and path not in files}
    left_out: list[LeftOut] = []
    result = []
    for content, maybe in zip(contents, searched, strict=True):
        dropped = _links_in(content.body, content.output, unmade, base_path) if unmade and maybe else {}
        if dropped:
            result.append(replace(content, body=_without(content.body, set(dropped))))
            left_out += [LeftOut(content.output, url, target, content) for url, target in dropped.items()]
        else:
            result.append(content)
    return PdfOffers(result, _problems(left_out, named))


def _own_pdf(url: str, here: PurePosixPath, files: Collection[str]) -> str | None:
    """The PDF file name ``url`` names in the page's own folder (as :func:`pdf_name` reads links), when it is not a
    file of the site."""
    return pdf_name((url,), here, files)


def withdraw_offers(pages: Iterable[Page], failed: Collection[str], base_path: str) -> list[Page]:
    """The HTML pages of ``pages`` that link to a PDF in ``failed`` (site paths of PDFs the build could not write),
    without those links: the offer's list item or paragraph, else the link alone (as :func:`offer_pdfs`)."""
    if not failed:
        return []
    changed: list[Page] = []
    for page in pages:
        if not page.is_html or not isinstance(page.content, str):
            continue
        dropped = _links_to_pdfs(page.content, page.output, failed, base_path)
        if dropped:
            changed.append(replace(page, content=_without(page.content, set(dropped))))
    return changed


def _links_to_pdfs(body: str, output: PurePosixPath, unmade: Collection[str], base_path: str) -> dict[str, str]:
    """The links (as written) of ``body``, the page at ``output``, to a PDF in ``unmade``, with their site paths."""
    return _links_in(body, output, unmade, base_path) if may_name_pdf(body) else {}


def _links_in(body: str, output: PurePosixPath, unmade: Collection[str], base_path: str) -> dict[str, str]:
    """:func:`_links_to_pdfs` of a body known to :func:`may_name_pdf`."""
    here = posixpath.dirname(str(output))
    found: dict[str, str] = {}
    for url in anchors(body):
        target = _site_path(url, here, base_path)
        if target is not None and target in unmade:
            found[url] = target
    return found


def may_name_pdf(text: str) -> bool:
    """Whether ``text`` may hold a link to a PDF, whose path ends ``.pdf`` in any case, maybe %-escaped: it then
    holds ``.p``, ``.P`` or ``%`` and two hex digits (a figure's ``45%`` is not one). Far quicker than finding the
    links, which most bodies need not (plain substring searches, no regular expression over the whole text)."""
    return ".p" in text or ".P" in text or ("%" in text and ESCAPE.search(text) is not None)


def _site_path(url: str, here: str, base_path: str) -> str | None:
    """The site path a link of a page in folder ``here`` names (``None``: not a path of the site)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # not a URL (``//[x``): no path of the site
        return None
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        return posixpath.normpath(path.removeprefix(base_path).lstrip("/") or ".")
    return posixpath.normpath(posixpath.join(here, path)).removeprefix("./")


def _without(body: str, urls: Collection[str]) -> str:
    """``body`` without the links to ``urls``: their list item or paragraph when that is all it says, else the link
    alone (its text kept). A list whose only item it is goes too."""

    def block(found: re.Match[str]) -> str:
        return "" if _links_to(ANCHOR.match(found.group("link")), urls) else found.group(0)

    for offer in (OFFER_LIST, OFFER_ITEM, OFFER_PARAGRAPH):
        body = offer.sub(block, body)
    return ANCHOR.sub(lambda found: found.group("text") if _links_to(found, urls) else found.group(0), body)


def _links_to(link: re.Match[str] | None, urls: Collection[str]) -> bool:
    return link is not None and href_of(link.group("attrs")) in urls


def _problems(left_out: Sequence[LeftOut], named: dict[str, bool]) -> list[Problem]:
    """One warning per cause (a PDF a ``--pdf`` build makes; a name no build makes), at the first link's source."""
    causes: dict[str, list[LeftOut]] = {}
    for out in left_out:
        causes.setdefault(_NOT_MADE if named.get(out.target, False) else _NEVER_MADE, []).append(out)
    problems: list[Problem] = []
    finder = SourceFinder()
    for message, these in causes.items():
        first = these[0]
        path, line = finder.locate(first.url, first.source.dependencies, first.source.source)
        pages = ", ".join(dict.fromkeys(f"{Page(out.page, '').url} ({out.url})" for out in these))
        problems.append(Problem.warning(message.format(pages=pages), path, line))
    return problems


_NOT_MADE = (
    "links to PDFs this build does not make are left out (build with --pdf to make them and keep the links): {pages}"
)
_NEVER_MADE = (
    "links to PDFs that no build makes are left out (a document's PDF is named by its first link to a PDF in its "
    "folder; link to that name): {pages}"
)
