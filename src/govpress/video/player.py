"""The accessible player that stands for a legacy video link (legacy-site.md §1.10).

What a legacy ``figure.media-player-wrapper`` links to decides the player:

- a YouTube video (``youtube.com/watch?v=ID``, ``youtu.be/ID``, ``youtube.com/embed/ID``; ``ID`` 11 characters of
  ``A-Z a-z 0-9 _ -``): a click-to-load embed. Nothing is asked of YouTube before the reader chooses: the page has a
  link "Play video on YouTube (loads content from youtube.com)" to the video on youtube.com; with JavaScript,
  ``static/govpress/video.js`` makes it a button that puts the ``youtube-nocookie.com`` player this module's
  :func:`embed_url` names (``data-govpress-embed``) in its place: captions on (``cc_load_policy=1``) in the page's
  language (``cc_lang_pref``), the player's own text in it too (``hl``);
- a media file (``.mp4``, ``.m4v``, ``.webm``, ``.ogv``): ``<video controls preload="none">`` with the captions as
  ``<track kind="captions" … default>`` and a link to the file for browsers that cannot play it;
- anything else: the figure is left as it is.

A figure that links to both a media file and a YouTube video gets the ``<video>`` player: only it can show our own
captions (YouTube's frame shows YouTube's tracks, and a page cannot give it ours). The player's text is in the page's
language (``gettext``: that language's catalogue; the messages are marked with ``N_``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urlencode, urlsplit

from govpress.i18n import N_

YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
)
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
MEDIA_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}
EMBED = "https://www.youtube-nocookie.com/embed/"
LOAD_TEXT = N_("Play video on YouTube (loads content from youtube.com)")
FRAME_TITLE = N_("Video player (YouTube)")
CANNOT_PLAY = N_('Your browser cannot play this video. <a class="govuk-link" href="%(href)s">Download the video</a>.')
Gettext = Callable[[str], str]
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg", "gd": "Gàidhlig", "ga": "Gaeilge", "fr": "Français"}


@dataclass(frozen=True)
class FigureLinks:
    """The links of a legacy player figure: the video's, and the caption file's (``a.captions``)."""

    video: str | None
    captions: str | None


@dataclass(frozen=True)
class Track:
    """A captions track: the WebVTT file's address (as the page writes it) and its language."""

    src: str
    language: str


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.videos: list[str] = []
        self.captions: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag != "a" or not values.get("href"):
            return
        if "captions" in values.get("class", "").split():
            self.captions = self.captions or values["href"]
        else:
            self.videos.append(values["href"])


def figure_links(figure: str) -> FigureLinks:
    """The video and caption links of a player figure's HTML: the video is the first link to a media file, else the
    first link that is not the captions'."""
    parser = _Links()
    parser.feed(figure)
    parser.close()
    media = [href for href in parser.videos if media_type(href) is not None]
    return FigureLinks(next(iter(media or parser.videos), None), parser.captions)


def youtube_id(href: str) -> str | None:
    """The id of the YouTube video ``href`` links to, else ``None``."""
    parts = urlsplit(href)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https", ""):
        return None
    candidate: str | None = None
    if host == "youtu.be":
        candidate = parts.path.strip("/")
    elif host in YOUTUBE_HOSTS and parts.path == "/watch":
        candidate = next(iter(parse_qs(parts.query).get("v", [])), None)
    elif host in YOUTUBE_HOSTS and parts.path.startswith(("/embed/", "/v/")):
        candidate = parts.path.split("/")[2]
    return candidate if candidate is not None and YOUTUBE_ID.fullmatch(candidate) else None


def media_type(href: str) -> str | None:
    """The MIME type of the media file ``href`` names (by its suffix), else ``None``."""
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https", ""):
        return None
    return MEDIA_TYPES.get(PurePosixPath(parts.path).suffix.lower())


def embed_url(identifier: str, language: str) -> str:
    """The ``youtube-nocookie.com`` player of the video ``identifier``, captions on in ``language`` (a page's
    language tag: ``cy``, ``en-GB``) and the player's own text in it."""
    tag = language.split("-")[0].lower()
    query = {"cc_load_policy": "1", "cc_lang_pref": tag, "hl": tag, "autoplay": "1", "rel": "0"}
    return f"{EMBED}{identifier}?{urlencode(query)}"


def player_html(video: str, track: Track | None, language: str = "en", gettext: Gettext = str) -> str | None:
    """The player for the video at ``video`` (the figure that replaces the legacy one) on a page in ``language``
    whose catalogue's ``gettext`` translates its text, or ``None`` when it links to neither a YouTube video nor a
    media file."""
    identifier = youtube_id(video)
    if identifier is not None:
        return _youtube(identifier, track, language, gettext)
    kind = media_type(video)
    if kind is not None:
        return _media(video, kind, track, gettext)
    return None


def _youtube(identifier: str, track: Track | None, language: str, gettext: Gettext) -> str:
    captions = f' data-captions-lang="{html.escape(track.language)}"' if track else ""
    watch = f"https://www.youtube.com/watch?v={identifier}"
    embed = html.escape(embed_url(identifier, language))
    return (
        '<figure class="media-player-wrapper govpress-video">\n'
        f'<div class="govpress-video__frame" data-govpress-youtube="{identifier}"{captions} '
        f'data-govpress-embed="{embed}" data-frame-title="{html.escape(gettext(FRAME_TITLE))}">\n'
        f'<p class="govuk-body govpress-video__consent"><a class="govuk-link govpress-video__load" href="{watch}">'
        f"{html.escape(gettext(LOAD_TEXT))}</a></p>\n"
        "</div>\n"
        "</figure>"
    )


def _media(video: str, kind: str, track: Track | None, gettext: Gettext) -> str:
    src = html.escape(video)
    captions = ""
    if track is not None:
        label = html.escape(LANGUAGE_NAMES.get(track.language.split("-")[0].lower(), track.language))
        captions = (
            f'<track kind="captions" srclang="{html.escape(track.language)}" label="{label}" '
            f'src="{html.escape(track.src)}" default>\n'
        )
    fallback = gettext(CANNOT_PLAY) % {"href": src}
    return (
        '<figure class="media-player-wrapper govpress-video">\n'
        '<video class="govpress-video__media" controls preload="none">\n'
        f'<source src="{src}" type="{kind}">\n'
        f"{captions}"
        f'<p class="govuk-body">{fallback}</p>\n'
        "</video>\n"
        "</figure>"
    )
