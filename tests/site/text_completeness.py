"""Text completeness: the words of every paragraph, list item, heading and table cell of a source file, as runs of
lower-case words, each found in the text of the built page.

Markup is removed from both sides (Markdown syntax, dialect tags, kramdown attribute lists, HTML tags, entities,
punctuation), so only the words and their order are compared. A source line is split at footnote references and
dialect tags, whose output is not the source text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

INCLUDE = re.compile(r"\{include (?P<name>[^}\s]+)\}")
WORD = re.compile(r"[a-z0-9]+")
TAG = re.compile(r"<[^>]+>")
COMMENT_BLOCK = re.compile(r"\{::comment\}.*?\{:/comment\}", re.DOTALL)
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\([^)]*\)")
FOOTNOTE = re.compile(r"\[\^[^\]]+\]:?")
SPLITTERS = re.compile(r"\x00|\{[^}]*\}|<!--.*?-->")
SKIPPED_LINE = re.compile(r"^\s*(\{:.*\}|\{::.*|\{/?[a-z]+.*\}|[-|: ]+|\s*)$")
LIST_MARKER = re.compile(r"^\s*(?:\d+\.|[*+-])\s+")
# Not page text: scripts (legacy analytics are dropped on purpose), the <head> of complete documents (its <title>
# becomes the page title), the legacy header block, which the govpress layout replaces, and the legacy video player
# figure ("Watch on YouTube", "Captions"), which the accessible player and transcript replace (docs/video.md).
NOT_TEXT = re.compile(
    r"<script\b.*?</script>|<head\b.*?</head>|<div class=\"header\">.*?</div>"
    r"|<figure class=\"media-player-wrapper\">.*?</figure>",
    re.DOTALL,
)
CHROME_PARTIALS = frozenset({"_footer.html", "_header.html", "_header-digital.html", "_favicon.html"})


def words(text: str) -> str:
    return " ".join(WORD.findall(html.unescape(text).lower()))


def page_words(page_html: str) -> str:
    main = re.search(r"<main\b.*?</main>", page_html, re.DOTALL)
    body = main.group(0) if main else page_html
    return words(TAG.sub(" ", body.replace("^", " ")))


def source_runs(text: str) -> list[tuple[int, str]]:
    """``(line number, words)`` for every run of at least three words in a Markdown or HTML source.

    Links are replaced by their text before the text is split into lines (a link's text may span lines), keeping
    the line count.
    """
    text = text.replace("\r\n", "\n")
    for pattern in (COMMENT_BLOCK, NOT_TEXT, IMAGE):
        text = pattern.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = LINK.sub(lambda m: f" {m.group('text')} ", text)
    lines = text.split("\n")
    runs: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        following = lines[number] if number < len(lines) else ""
        if SKIPPED_LINE.match(line) or following.strip() == "{:toc}" or line.startswith("#Action"):
            continue
        line = LIST_MARKER.sub("", FOOTNOTE.sub("\x00", line)).replace("^", " ")
        for cell in re.split(r"\|", line):
            for piece in SPLITTERS.split(TAG.sub(" ", cell)):
                run = words(piece)
                if len(run.split()) >= 3:
                    runs.append((number, run))
    return runs


def included_partials(text: str, source_dir: Path) -> list[Path]:
    """The partials a text includes, and theirs, in order."""
    found: list[Path] = []
    for match in INCLUDE.finditer(text):
        name = match.group("name")
        folder, _, file_name = name.rpartition("/")
        path = source_dir / "partials" / folder / f"_{file_name}"
        if path.is_file() and path not in found and path.name not in CHROME_PARTIALS:
            found.append(path)
            found += [p for p in included_partials(path.read_text(encoding="utf-8"), source_dir) if p not in found]
    return found


def missing_runs(sources: list[Path], page_html: str) -> list[str]:
    """``file:line: words`` for each run of the sources not found in the page."""
    built = page_words(page_html)
    return [
        f"{path.name}:{number}: {run}"
        for path in sources
        for number, run in source_runs(path.read_text(encoding="utf-8"))
        if run not in built
    ]
