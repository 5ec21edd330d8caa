"""Video transcripts from TTML caption files (legacy-site.md §1.10), shown on the page under the video link.

A caption link is ``<a class="captions" href="X.xml">`` inside a ``figure.media-player-wrapper``; the transcript is
put after that figure as a ``<details>`` block (readable with JavaScript off; hidden in print with the player).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from govpress.problems import Problem

CAPTIONS_LINK = re.compile(r"<a\b[^>]*class=[\"']captions[\"'][^>]*href=[\"'](?P<href>[^\"']+)[\"'][^>]*>", re.I)
FIGURE_END = re.compile(r"</figure>", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    begin: str
    text: str


def read_cues(path: Path) -> list[Cue]:
    """The cues of a TTML/DFXP file, in order (namespaces ignored)."""
    root = ElementTree.parse(path).getroot()
    cues: list[Cue] = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "p":
            text = " ".join(" ".join(element.itertext()).split())
            if text:
                cues.append(Cue(element.get("begin", ""), text))
    return cues


def transcript_html(cues: list[Cue]) -> str:
    items = "\n".join(
        f'<p><span class="cue-time">{html.escape(cue.begin)}</span>{html.escape(cue.text)}</p>' for cue in cues
    )
    return f'\n<details class="govpress-transcript">\n<summary>Transcript</summary>\n{items}\n</details>'


def add_transcripts(
    body: str, page_folder: Path, assets_dir: Path, source: Path
) -> tuple[str, list[Path], list[Problem]]:
    """``body`` with a transcript after each captioned video; also the caption files read and any problems."""
    read: list[Path] = []
    problems: list[Problem] = []
    pieces: list[str] = []
    position = 0
    for link in CAPTIONS_LINK.finditer(body):
        end = FIGURE_END.search(body, link.end())
        if end is None or end.start() < position:
            continue
        path = _caption_file(link.group("href"), page_folder, assets_dir)
        if path is None or not path.is_file():
            continue
        try:
            cues = read_cues(path)
        except ElementTree.ParseError as error:
            problems.append(Problem.warning(f"caption file {path.name} is not well-formed XML: {error}", source))
            continue
        read.append(path)
        pieces.append(body[position : end.end()])
        pieces.append(transcript_html(cues))
        position = end.end()
    pieces.append(body[position:])
    return "".join(pieces), read, problems


def _caption_file(href: str, page_folder: Path, assets_dir: Path) -> Path | None:
    if "://" in href:
        return None
    if href.startswith("/assets/"):
        return assets_dir / href.removeprefix("/assets/")
    if href.startswith("/"):
        return None
    return page_folder / href
