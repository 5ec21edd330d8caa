"""``govpress commitments``: owned by the commitments work (issue 4)."""

from __future__ import annotations

import click


@click.group()
def commitments() -> None:
    """Actions, organisations and their responses as data."""
