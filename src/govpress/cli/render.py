"""``govpress render [FILE|-] [--source DIR] [--language TAG] [--strict]``: print the HTML fragment of one document."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from govpress.cli.output import finish, user_errors
from govpress.i18n import DEFAULT_LANGUAGE, LANGUAGE
from govpress.textfile import decode_text, read_text_file

if TYPE_CHECKING:
    from govpress.render import RenderResult


def default_source(start: Path) -> Path | None:
    """The nearest folder, from ``start`` upwards, that holds a ``partials/`` folder."""
    for folder in (start, *start.parents):
        if (folder / "partials").is_dir():
            return folder
    return None


def _render(file: str, source: Path | None, language: str) -> RenderResult:
    from govpress.render import render_document, render_markdown  # here: ``govpress --help`` need not load Markdown

    if file == "-":
        text = decode_text(sys.stdin.buffer.read(), None)
        return render_markdown(text, source_dir=source or default_source(Path.cwd()), language=language)
    path = Path(file)
    if path.is_dir():
        files = sorted(path.glob("*.md"))
        return render_document(files, source_dir=source or default_source(path.resolve()) or path, language=language)
    text = read_text_file(path)
    folder = source or default_source(path.resolve().parent)
    return render_markdown(text, path=path, source_dir=folder, language=language)


def _language_tag(context: click.Context, parameter: click.Parameter, value: str) -> str:
    if not LANGUAGE.fullmatch(value):
        raise click.BadParameter(f"expected a language tag such as en or cy, found {value!r}")
    return value


@click.command()
@click.argument("file", default="-", metavar="[FILE|-]")
@click.option(
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The source tree whose partials/ folder {include} reads (default: the file's nearest ancestor with one).",
)
@click.option(
    "--language",
    default=DEFAULT_LANGUAGE,
    show_default=True,
    callback=_language_tag,
    help="The page's language tag: of the text govpress adds (a chart's unnamed series: Series 2, Cyfres 2).",
)
@click.option("--strict", is_flag=True, help="Fail (exit status 1) on warnings too.")
def render(file: str, source: Path | None, language: str, strict: bool) -> None:
    """Print the HTML fragment of one document written in the dialect.

    FILE is a Markdown file, a document folder (its .md files joined) or - for standard input.
    """
    with user_errors():
        result = _render(file, source, language)
    click.echo(result.html)
    finish(list(result.problems), strict)
