"""``govpress services``: owned by the service performance work (issue 5)."""

from __future__ import annotations

import click


@click.group()
def services() -> None:
    """Service performance: import, validate, store and publish management information."""
