"""Videos on a page: each legacy player figure becomes an accessible player with the transcript under it.

A legacy player is ``<figure class="media-player-wrapper">`` holding a link to the video and, maybe, a caption link
``<a class="captions" href="X.xml">`` to a TTML file beside the page (or under ``/assets/``) (legacy-site.md §1.10).
The figure is replaced by the player of :mod:`govpress.video.player` (a figure linking to something else is kept as
it is) and followed by the transcript as prose (:mod:`govpress.video.transcript`) with a link to download the
captions as ``X.vtt``, the WebVTT file the build writes beside ``X.xml`` (:mod:`govpress.video.site`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from govpress.i18n import DEFAULT_LANGUAGE, N_, translations
from govpress.problems import GovpressError, Problem
from govpress.video.player import Gettext, Track, figure_links, player_html
from govpress.video.transcript import transcript_html, transcript_paragraphs
from govpress.video.ttml import Captions, read_captions

PLAYER_FIGURE = re.compile(
    r"<figure\b[^>]*\bclass=[\"'][^\"']*\bmedia-player-wrapper\b[^\"']*[\"'][^>]*>.*?</figure>", re.I | re.S
)
TRANSCRIPT = N_("Transcript")
DOWNLOAD_CAPTIONS = N_("Download the captions (WebVTT file)")
Locator = Callable[[str], tuple[Path | None, int | None]]


@dataclass
class Players:
    """A page body with its players, the caption files it looked for (read or not) and the problems found."""

    body: str
    captions: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def add_players(
    body: str, page_folder: Path, assets_dir: Path, locate: Locator, language: str = DEFAULT_LANGUAGE
) -> Players:
    """``body`` with every legacy player figure replaced by a player and followed by its transcript, their text in
    the page's ``language``. ``locate`` finds the file and line that wrote a text (for problems with a caption
    link)."""
    found = Players(body)
    if PLAYER_FIGURE.search(body) is None:
        return found
    page = _Page(page_folder, assets_dir, locate, language, translations(language).gettext)
    pieces: list[str] = []
    position = 0
    for match in PLAYER_FIGURE.finditer(body):
        pieces.append(body[position : match.start()])
        pieces.append(_player(match.group(0), page, found))
        position = match.end()
    pieces.append(body[position:])
    found.body = "".join(pieces)
    return found


@dataclass(frozen=True)
class _Page:
    """Where a page's caption links are looked for, how their problems are located, and the page's language."""

    folder: Path
    assets_dir: Path
    locate: Locator
    language: str
    gettext: Gettext


def _player(figure: str, page: _Page, found: Players) -> str:
    """The player for one legacy figure (the figure itself when it links to no video govpress can play), followed by
    the transcript when its caption file could be read."""
    links = figure_links(figure)
    captions = _captions(links.captions, page.folder, page.assets_dir, page.locate, found) if links.captions else None
    vtt = _vtt_href(links.captions) if links.captions else None
    track, transcript = None, ""
    if captions is not None and vtt is not None:
        track = Track(vtt, captions.language or DEFAULT_LANGUAGE)
        transcript = _transcript(captions, vtt, page.gettext)
    player = player_html(links.video, track, page.language, page.gettext) if links.video else None
    return (player or figure) + transcript


def _captions(href: str, page_folder: Path, assets_dir: Path, locate: Locator, found: Players) -> Captions | None:
    path = _caption_file(href, page_folder, assets_dir)
    if path is None or _vtt_href(href) is None:
        message = f"caption link '{href}' is not a .xml file in the site's source or assets: no captions or transcript"
        found.problems.append(_warning(message, href, locate))
        return None
    found.captions.append(path)  # a dependency even when missing or broken: the page is made again once it is fixed
    if not path.is_file():
        message = f"caption file '{href}' does not exist: no captions or transcript"
        found.problems.append(_warning(message, href, locate))
        return None
    try:
        captions = read_captions(path)
    except GovpressError as error:
        found.problems += [Problem.warning(p.message, p.path, p.line, p.column) for p in error.problems]
        return None
    found.problems += captions.problems
    return captions


def _warning(message: str, needle: str, locate: Locator) -> Problem:
    return Problem.warning(message, *locate(f'"{needle}"'))


def _transcript(captions: Captions, vtt: str, gettext: Gettext) -> str:
    paragraphs = transcript_html(transcript_paragraphs(captions.cues))
    return (
        '\n<div class="govpress-transcript">\n'
        f'<p class="govuk-body govpress-transcript__title"><strong>{html.escape(gettext(TRANSCRIPT))}</strong></p>\n'
        f"{paragraphs}\n"
        f'<p class="govuk-body govpress-transcript__download"><a class="govuk-link" href="{html.escape(vtt)}" '
        f'type="text/vtt" download>{html.escape(gettext(DOWNLOAD_CAPTIONS))}</a></p>\n'
        "</div>"
    )


def _vtt_href(href: str) -> str | None:
    """The address of the WebVTT file written beside the caption file ``href`` (``None``: not an ``.xml`` file)."""
    path = href.split("?", 1)[0].split("#", 1)[0]
    return path[: -len(".xml")] + ".vtt" if path.lower().endswith(".xml") else None


def _caption_file(href: str, page_folder: Path, assets_dir: Path) -> Path | None:
    if "://" in href or href.startswith("//") or "\\" in href or ".." in href.split("/"):
        return None
    if href.startswith("/assets/"):
        return assets_dir / href.removeprefix("/assets/")
    if href.startswith("/"):
        return None
    return page_folder / href
