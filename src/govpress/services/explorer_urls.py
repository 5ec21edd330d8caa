"""Where the services explorer sits in a site and what it is called: the values the site's generator
(:mod:`govpress.services.site`) and the explorer's pages (:mod:`govpress.services.pages`) both need, in a module of
their own so neither imports the other for them."""

from __future__ import annotations

PREFIX = "performance/"  # the explorer's folder in a site
TITLE = "Service performance"  # the explorer's index page, and its link in the site's navigation
