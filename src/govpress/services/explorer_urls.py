"""Where the services explorer sits in a site and what it is called: the values the site's generator
(:mod:`govpress.services.site`) and the explorer's pages (:mod:`govpress.services.pages`) both need, in a module of
their own so neither imports the other for them."""

from __future__ import annotations

from govpress.i18n import N_

PREFIX = "performance/"  # the explorer's folder in a site
TITLE = N_("Service performance")  # the explorer's index page, and its link in the site's navigation (translated)
