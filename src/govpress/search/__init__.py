"""Site-wide search: the search page with every page A to Z (:mod:`.pages`) and the pagefind index (:mod:`.index`).

A build with ``search = true`` (the default in ``govpress.toml``) adds ``/search/`` to the finished pages and, once
the pages are written, indexes them with pagefind into ``/pagefind/``. See docs/search.md.
"""
