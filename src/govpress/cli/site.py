"""``govpress build|check|serve|new``: owned by the site work (issue 3)."""

from __future__ import annotations

import click


@click.command()
def build() -> None:
    """Build a site."""
    raise click.ClickException("not built yet")


@click.command()
def check() -> None:
    """Check a site."""
    raise click.ClickException("not built yet")


@click.command()
def serve() -> None:
    """Serve a site."""
    raise click.ClickException("not built yet")


@click.command()
def new() -> None:
    """Scaffold a site."""
    raise click.ClickException("not built yet")
