"""The site's page generators, in the order they run (and add their sections and feeds): one line each.

A generator whose sections go on another generator's pages runs before it (the dashboards' links on the explorer's
pages): a page shows the sections made before it (:mod:`govpress.site.structure.additions`).

Imported by the build when it starts (:func:`govpress.site.build.run_build`), not by the command line, so
``govpress --help`` does not import the features.
"""

from __future__ import annotations

from typing import Any

from govpress.commitments.site import CommitmentsGenerator
from govpress.dashboards.site import DashboardsGenerator
from govpress.services.site import ServicesGenerator
from govpress.site.layout.cookies import CookiesGenerator
from govpress.site.layout.not_found import NotFoundGenerator
from govpress.site.structure.generator import Generator
from govpress.video.site import VideoGenerator

GENERATORS: tuple[Generator[Any], ...] = (
    CommitmentsGenerator(),
    DashboardsGenerator(),
    ServicesGenerator(),
    NotFoundGenerator(),
    VideoGenerator(),
    CookiesGenerator(),
)
