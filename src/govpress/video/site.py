"""The page generator (:class:`VideoGenerator`) that publishes every TTML caption file as WebVTT: ``X.vtt`` beside
``X.xml``.

Every ``*.xml`` file the build copies (from ``source/`` and the assets folder) that is a TTML document gets a
``.vtt`` twin at the same place in the output, unless the project has that ``.vtt`` file itself (it is copied as it
is). Other XML files are left alone; a caption file that cannot be read is reported by the pages that link to it
(:mod:`govpress.site.legacy_html.transcripts`). The pages depend on every folder walked, so a new caption file is seen
by the
next incremental build.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from govpress.problems import GovpressError
from govpress.site.sources.discover import discover
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, SiteContext
from govpress.site.write.assets import asset_files
from govpress.video.ttml import read_captions
from govpress.video.webvtt import webvtt

CAPTION_SUFFIX = ".xml"


def caption_files(context: SiteContext) -> list[tuple[Path, PurePosixPath]]:
    """Every ``.xml`` file the build copies, with its output path."""
    tree = context.tree or discover(context.source_dir, context.project)
    found = [(c.path, c.output) for c in tree.copies]
    found += [(path, PurePosixPath(output)) for path, output in asset_files(_assets(context), context.project)]
    return [(path, output) for path, output in found if output.suffix.lower() == CAPTION_SUFFIX]


class VideoGenerator(BaseGenerator[None]):
    """A ``.vtt`` file for each TTML caption file."""

    name = "video"

    def generate(self, context: SiteContext, prepared: None = None) -> Iterator[Page]:
        folders: tuple[Path, ...] | None = None  # walked only when there is a caption file (at 10,000 pages: 0.5 s)
        for path, output in caption_files(context):
            if path.with_suffix(".vtt").exists():
                continue
            try:
                captions = read_captions(path)
            except GovpressError:
                continue
            if folders is None:
                folders = tuple(_folders(context.source_dir) + _folders(_assets(context)))
            vtt = output.with_suffix(".vtt")
            yield Page(vtt, webvtt(captions).encode("utf-8"), None, path, (path, *folders), captions.problems)


def _assets(context: SiteContext) -> Path:
    return context.project / context.config.assets


def _folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return [root, *sorted(p for p in root.rglob("*") if p.is_dir() and not p.is_symlink())]
