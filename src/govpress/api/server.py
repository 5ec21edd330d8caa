"""The application uvicorn's workers build, from the environment the ``govpress api serve`` command sets.

``GOVPRESS_API_DB`` is the store; ``GOVPRESS_API_SITE``, when set, the project to rebuild after writes.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette

from govpress.api.app import create_app

DB_ENVIRONMENT = "GOVPRESS_API_DB"
SITE_ENVIRONMENT = "GOVPRESS_API_SITE"


def app_from_environment() -> Starlette:
    site = os.environ.get(SITE_ENVIRONMENT)
    if not site:
        return create_app(os.environ[DB_ENVIRONMENT])
    from govpress.api.rebuild import Rebuilder

    rebuilder = Rebuilder(Path(site))
    return create_app(os.environ[DB_ENVIRONMENT], on_write=rebuilder.mark, on_stop=rebuilder.stop)
