"""``govpress render [FILE|-] [--source DIR] [--strict]``: print the HTML fragment of one document."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from govpress.cli.output import finish, user_errors
from govpress.textfile import decode_text, read_text_file

if TYPE_CHECKING:
    from govpress.render import RenderResult


def default_source(start: Path) -> Path | None:
    """The nearest folder, from ``start`` upwards, that holds a ``partials/`` folder."""
    for folder in (start, *start.parents):
        if (folder / "partials").is_dir():
            return folder
    return None


def _render(file: str, source: Path | None) -> RenderResult:
    from govpress.render import render_document, render_markdown  # here: ``govpress --help`` need not load Markdown

    if file == "-":
        text = decode_text(sys.stdin.buffer.read(), None)
        return render_markdown(text, source_dir=source or default_source(Path.cwd()))
    path = Path(file)
    if path.is_dir():
        files = sorted(path.glob("*.md"))
        return render_document(files, source_dir=source or default_source(path.resolve()) or path)
    text = read_text_file(path)
    return render_markdown(text, path=path, source_dir=source or default_source(path.resolve().parent))


@click.command()
@click.argument("file", default="-", metavar="[FILE|-]")
@click.option(
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The source tree whose partials/ folder {include} reads (default: the file's nearest ancestor with one).",
)
@click.option("--strict", is_flag=True, help="Fail (exit status 1) on warnings too.")
def render(file: str, source: Path | None, strict: bool) -> None:
    """Print the HTML fragment of one document written in the dialect.

    FILE is a Markdown file, a document folder (its .md files joined) or - for standard input.
    """
    with user_errors():
        result = _render(file, source)
    click.echo(result.html)
    finish(list(result.problems), strict)
