"""Service performance: the management information of government transactional services.

Action 13 of the strategy. Files are read by importers (:mod:`govpress.services.importers`), checked with
pydantic, written to a store (:mod:`govpress.services.store`: SQLite or PostgreSQL), turned into the
Transactions Explorer figures (:mod:`govpress.services.figures`) and published as pages
(:mod:`govpress.services.pages`). See ``docs/services.md``.
"""
