"""What may be published from other people's data files: links, HTML and spreadsheet cells.

- :func:`~govpress.safe_output.links.link_refusal` / :func:`~govpress.safe_output.links.is_safe_link` decide, in one
  place, whether a URL from a data file may be published as a link (http, https, mailto or a relative path).
- :func:`~govpress.safe_output.sanitise.sanitise_html` cleans HTML made from data files under an explicit allow-list
  (nh3); :func:`~govpress.safe_output.sanitise.sanitising_notes` says what it removes, for warnings.
- :func:`~govpress.safe_output.csv_cells.safe_cell` / :func:`~govpress.safe_output.csv_cells.safe_row` neutralise
  spreadsheet formulas in every CSV govpress writes (OWASP CSV injection).
"""

from __future__ import annotations

from govpress.safe_output.csv_cells import restore_cell, safe_cell, safe_row
from govpress.safe_output.links import SAFE_SCHEMES, is_safe_link, link_refusal, unsafe_link_message
from govpress.safe_output.sanitise import SanitisingNote, sanitise_html, sanitising_notes

__all__ = [
    "SAFE_SCHEMES",
    "SanitisingNote",
    "is_safe_link",
    "link_refusal",
    "restore_cell",
    "safe_cell",
    "safe_row",
    "sanitise_html",
    "sanitising_notes",
    "unsafe_link_message",
]
