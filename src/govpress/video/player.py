"""The accessible player that stands for a legacy video link (legacy-site.md §1.10).

What a legacy ``figure.media-player-wrapper`` links to decides the player:

- a YouTube video (``youtube.com/watch?v=ID``, ``youtu.be/ID``, ``youtube.com/embed/ID``; ``ID`` 11 characters of
  ``A-Z a-z 0-9 _ -``): a click-to-load embed. Nothing is asked of YouTube before the reader chooses: the page has a
  link "Play video on YouTube (loads content from youtube.com)" to the video on youtube.com; with JavaScript,
  ``static/govpress/video.js`` makes it a button that puts a ``youtube-nocookie.com`` player in its place, captions on
  (``cc_load_policy=1``);
- a media file (``.mp4``, ``.m4v``, ``.webm``, ``.ogv``): ``<video controls preload="none">`` with the captions as
  ``<track kind="captions" … default>`` and a link to the file for browsers that cannot play it;
- anything else: the figure is left as it is.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
)
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
MEDIA_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}
LOAD_TEXT = "Play video on YouTube (loads content from youtube.com)"
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
        self.video: str | None = None
        self.captions: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag != "a" or not values.get("href"):
            return
        if "captions" in values.get("class", "").split():
            self.captions = self.captions or values["href"]
        else:
            self.video = self.video or values["href"]


def figure_links(figure: str) -> FigureLinks:
    """The video and caption links of a player figure's HTML."""
    parser = _Links()
    parser.feed(figure)
    parser.close()
    return FigureLinks(parser.video, parser.captions)


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


def player_html(video: str, track: Track | None) -> str | None:
    """The player for the video at ``video`` (the figure that replaces the legacy one), or ``None`` when it links
    to neither a YouTube video nor a media file."""
    identifier = youtube_id(video)
    if identifier is not None:
        return _youtube(identifier, track)
    kind = media_type(video)
    if kind is not None:
        return _media(video, kind, track)
    return None


def _youtube(identifier: str, track: Track | None) -> str:
    language = f' data-captions-lang="{html.escape(track.language)}"' if track else ""
    watch = f"https://www.youtube.com/watch?v={identifier}"
    return (
        '<figure class="media-player-wrapper govpress-video">\n'
        f'<div class="govpress-video__frame" data-govpress-youtube="{identifier}"{language}>\n'
        f'<p class="govuk-body govpress-video__consent"><a class="govuk-link govpress-video__load" href="{watch}">'
        f"{LOAD_TEXT}</a></p>\n"
        "</div>\n"
        "</figure>"
    )


def _media(video: str, kind: str, track: Track | None) -> str:
    src = html.escape(video)
    captions = ""
    if track is not None:
        label = html.escape(LANGUAGE_NAMES.get(track.language.split("-")[0].lower(), track.language))
        captions = (
            f'<track kind="captions" srclang="{html.escape(track.language)}" label="{label}" '
            f'src="{html.escape(track.src)}" default>\n'
        )
    return (
        '<figure class="media-player-wrapper govpress-video">\n'
        '<video class="govpress-video__media" controls preload="none">\n'
        f'<source src="{src}" type="{kind}">\n'
        f"{captions}"
        f'<p class="govuk-body">Your browser cannot play this video. <a class="govuk-link" href="{src}">'
        "Download the video</a>.</p>\n"
        "</video>\n"
        "</figure>"
    )
