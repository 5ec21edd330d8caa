"""The pydantic models of the native data files (the edges: every key checked, unknown keys refused).

``data/actions.yaml``::

    strategy:                 # optional: the document the actions come from
      title: Government Digital Strategy
      url: /digital/strategy/
    actions:
      - number: 5
        title: All departments will redesign services handling over 100,000 transactions each year
        heading: …            # optional: the action page's wording, when it differs from the title
        short_title: …        # optional: the home page's wording
        principle: …          # optional: the strategy principle it sits under
        intro: …              # optional: the action page's first sentence

``data/organisations.yaml``::

    organisations:
      - id: home-office
        name: Home Office
        display_lines: [Home Office]     # optional: the name as broken over lines on action pages
        logo: logo-ho                    # optional crest class (logo-single, logo-bis, logo-ho, logo-mod); default none
        abbreviation: HO                 # optional
        strategy_url: http://…           # optional: its own digital strategy
        strategy_note: Coming soon       # optional: said instead of a link

``data/responses/NN.yaml`` (any file name; one action per file)::

    action: 5
    responses:
      - organisation: home-office
        status: responded                # optional: worked out from the text when left out
        text: |
          Markdown…
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActionEntry(_Strict):
    number: StrictInt = Field(ge=1)  # strict: true, 5.0 and '5' are mistakes, not 1 and 5
    title: Text
    heading: Text | None = None
    short_title: Text | None = None
    principle: Text | None = None
    intro: Text | None = None


class StrategyEntry(_Strict):
    title: Text
    url: Text


class ActionsFile(_Strict):
    strategy: StrategyEntry | None = None
    actions: list[ActionEntry]


class OrganisationEntry(_Strict):
    id: Slug
    name: Text
    display_lines: list[Text] | None = None
    logo: Annotated[str, StringConstraints(pattern=r"^([a-z0-9]+(-[a-z0-9]+)*)?$")] = ""
    abbreviation: Text | None = None
    strategy_url: Text | None = None
    strategy_note: Text | None = None


class OrganisationsFile(_Strict):
    organisations: list[OrganisationEntry]


class ResponseEntry(_Strict):
    organisation: Slug
    status: Literal["responded", "awaiting"] | None = None
    text: Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]


class ResponsesFile(_Strict):
    action: StrictInt = Field(ge=1)
    responses: list[ResponseEntry]
