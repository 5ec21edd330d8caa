"""The ``govpress`` command line. Only this package prints and picks exit statuses.

Each command group lives in a module of its own and is registered here.
"""

from __future__ import annotations

import click

from govpress import __version__
from govpress.cli.api import api
from govpress.cli.commitments import commitments
from govpress.cli.render import render
from govpress.cli.services import services
from govpress.cli.site import build, check, merge, new, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govpress")
def cli() -> None:
    """Publish a digital strategy in the open: publications, commitments and service performance."""


for command in (render, build, merge, check, serve, new, commitments, services, api):
    cli.add_command(command)


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="govpress")
