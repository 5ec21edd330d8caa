"""The strategy's action headings and principles, and the home page's short action titles.

Grammar (line by line, in the strategy's Markdown files)::

    principle  = "###" " "* "Principle:" text       the principle of every action heading that follows
    action     = "####Action " DIGITS ":" text       one action of the strategy (its id is ``action-NN``)

and in the site's HTML pages, the home page's action blocks include a partial per action::

    include    = "{include action" DIGITS "-text.html}"   → ``partials/_actionNN-text.html`` holds the short title
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govpress.commitments.legacy.tokens import action_number
from govpress.dialect.includes import read_partial_file
from govpress.textfile import read_text_file


@dataclass(frozen=True)
class StrategyAction:
    number: int
    title: str
    principle: str | None
    path: str
    line: int


def strategy_actions(source: Path) -> list[StrategyAction]:
    """Every ``####Action NN: …`` heading of the Markdown documents under ``source`` (partials left out)."""
    found: list[StrategyAction] = []
    for path in sorted(source.rglob("*.md")):
        if "partials" in path.relative_to(source).parts:
            continue
        found.extend(_actions_in(path))
    return found


def _actions_in(path: Path) -> list[StrategyAction]:
    found: list[StrategyAction] = []
    principle: str | None = None
    for number, raw in enumerate(read_text_file(path).splitlines(), start=1):
        line = raw.strip()
        if line.startswith("###") and not line.startswith("####"):
            label, sep, text = line.lstrip("#").partition(":")
            principle = text.strip() if sep and label.strip() == "Principle" else principle
        elif line.startswith("####Action "):
            parsed = action_number(line[4:])
            if parsed is not None:
                found.append(StrategyAction(parsed[0], parsed[1], principle, str(path), number))
    return found


def strategy_document(source: Path, actions: list[StrategyAction]) -> tuple[str, str] | None:
    """The title (the first ``#`` heading of its first file) and page path of the document holding the actions."""
    if not actions:
        return None
    folder = Path(actions[0].path).parent
    for path in sorted(folder.glob("*.md"), key=lambda p: p.name.encode("utf-8")):
        for raw in read_text_file(path).splitlines():
            line = raw.strip()
            if line.startswith("#") and not line.startswith("##"):
                return line.lstrip("#").strip(), "/" + folder.relative_to(source).as_posix() + "/"
    return None


def short_titles(source: Path) -> dict[int, str]:
    """Action number → the home page's short title, from the ``{include actionNN-text.html}`` tags of HTML pages."""
    titles: dict[int, str] = {}
    for page in sorted(source.rglob("*.html")):
        if "partials" in page.relative_to(source).parts:
            continue
        for number in _included_action_texts(read_text_file(page)):
            partial = source / "partials" / f"_action{number:02d}-text.html"
            if (partial.is_file() or partial.is_symlink()) and number not in titles:
                titles[number] = " ".join(read_partial_file(partial, source).split())
    return titles


def _included_action_texts(text: str) -> list[int]:
    numbers: list[int] = []
    for chunk in text.split("{include ")[1:]:
        name = chunk.partition("}")[0].strip()
        if name.startswith("action") and name.endswith("-text.html") and name[6:-10].isdigit():
            numbers.append(int(name[6:-10]))
    return numbers
