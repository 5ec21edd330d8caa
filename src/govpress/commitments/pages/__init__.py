"""The commitments pages of a built site: action pages, organisation pages, the matrix, indexes, reports, open data.

:func:`govpress.commitments.pages.generate.commitments_output` gathers everything (nothing is written here); the
site build writes it, checks its links with the rest of the site.
"""
