"""The application uvicorn's workers build: the store address comes from ``GOVPRESS_API_DB`` (set by the CLI)."""

from __future__ import annotations

import os

from starlette.applications import Starlette

from govpress.api.app import create_app


def app_from_environment() -> Starlette:
    return create_app(os.environ["GOVPRESS_API_DB"])
