"""``govpress render``: owned by the dialect engine work (issue 2)."""

from __future__ import annotations

import click


@click.command()
def render() -> None:
    """Print the HTML fragment of one document written in the dialect."""
    raise click.ClickException("not built yet")
