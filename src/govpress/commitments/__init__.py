"""Commitments: the strategy's actions, the organisations that respond, and their responses, as data.

Two ways in (legacy department-response partials, native YAML data files), one model
(:mod:`govpress.commitments.model`), history from git, open-data export and the pages of a built site.
"""
