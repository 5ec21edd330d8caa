"""The site: ``govpress build``, ``check``, ``serve`` and ``new``.

Stages (gather, then write): ``discover`` finds the source files, ``readers`` turns each into :class:`Page` values,
generators add theirs, ``links`` checks the whole site, ``writer`` writes it. ``build.build_site`` runs them all.
"""
