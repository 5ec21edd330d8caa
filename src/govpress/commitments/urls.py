"""Where the commitments pages live in a built site (paths from the site root, ending in ``/`` for pages)."""

from __future__ import annotations

STRATEGY = "/digital/strategy/"
ACTIONS_INDEX = f"{STRATEGY}actions/"
ORGANISATIONS_INDEX = f"{STRATEGY}organisations/"
MATRIX = f"{STRATEGY}commitments/"
DATA_JSON = f"{MATRIX}commitments.json"
DATA_CSV = f"{MATRIX}commitments.csv"


def action_url(number: int) -> str:
    """``/digital/strategy/actions/05/``."""
    return f"{ACTIONS_INDEX}{number:02d}/"


def organisation_url(organisation_id: str) -> str:
    """``/digital/strategy/organisations/home-office/``."""
    return f"{ORGANISATIONS_INDEX}{organisation_id}/"


def response_anchor(organisation_id: str) -> str:
    """The id of an organisation's block on an action page."""
    return f"response-{organisation_id}"


def response_url(number: int, organisation_id: str) -> str:
    """An organisation's response on its action page."""
    return f"{action_url(number)}#{response_anchor(organisation_id)}"
