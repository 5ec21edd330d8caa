"""The page generators a build runs, found by module name: ``govpress.commitments.site`` and
``govpress.services.site``, each with ``generate_pages(context: SiteContext) -> Iterable[Page]``.

A generator module that is not there (yet) is skipped. Problems a generator raises stop the build with their
locations; warnings travel on its pages.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence

from govpress.site.pages import Page, PageGenerator, SiteContext

logger = logging.getLogger(__name__)
GENERATOR_MODULES = ("govpress.commitments.site", "govpress.services.site")
ENTRY_POINT = "generate_pages"


def site_generators() -> list[PageGenerator]:
    found: list[PageGenerator] = []
    for name in GENERATOR_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            logger.debug("no page generator %s", name)
            continue
        generator = getattr(module, ENTRY_POINT, None)
        if callable(generator):
            found.append(generator)
    return found


def run_generators(generators: Sequence[PageGenerator], context: SiteContext) -> list[Page]:
    pages: list[Page] = []
    for generator in generators:
        made = list(generator(context))
        logger.info("%s made %d pages", getattr(generator, "__module__", generator), len(made))
        pages.extend(made)
    return pages
