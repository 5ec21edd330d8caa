"""The explorer pages: build every page of the service performance explorer into a folder.

:func:`build_service_pages` is the entry point (``govpress services build`` and ``govpress build`` use it;
the quality suites can point at its output). See ``docs/services.md``.
"""

from __future__ import annotations

from govpress.services.pages.build import BuildResult, build_service_pages, explorer_site_pages

__all__ = ["BuildResult", "build_service_pages", "explorer_site_pages"]
