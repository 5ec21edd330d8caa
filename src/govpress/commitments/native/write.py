"""Write the model as native data files (what ``govpress commitments import-legacy`` produces).

Optional fields are left out when they hold nothing or what a reader would work out anyway (a heading equal to the
title, display lines equal to the name, a status equal to the one the text implies), so the files stay small and
reading them back gives the same model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from govpress.commitments.model import Action, Commitments, Organisation, Response, status_of_text
from govpress.commitments.native.load import ACTIONS, ORGANISATIONS, RESPONSES


class _Dumper(yaml.SafeDumper):
    """Block style for lists and maps, literal blocks for text over several lines."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_yaml(data: Any) -> str:
    """``data`` as readable YAML (keys in the order given, Unicode kept, long lines not folded)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000)


def write_native(commitments: Commitments, project: Path) -> list[Path]:
    """Write ``commitments`` under ``project/data``; the paths written."""
    written: list[Path] = []
    files: dict[Path, Any] = {
        ACTIONS: _strategy(commitments) | {"actions": [_action(a) for a in commitments.actions]},
        ORGANISATIONS: {"organisations": [_organisation(o) for o in commitments.organisations]},
    }
    for action in commitments.actions:
        responses = commitments.responses_to(action.number)
        if responses:
            files[RESPONSES / f"{action.code}.yaml"] = {
                "action": action.number,
                "responses": [_response(r) for r in responses],
            }
    for relative, data in files.items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_yaml(data), encoding="utf-8")
        written.append(path)
    return written


def _strategy(commitments: Commitments) -> dict[str, Any]:
    strategy = commitments.strategy
    return {"strategy": {"title": strategy.title, "url": strategy.url}} if strategy else {}


def _action(action: Action) -> dict[str, Any]:
    entry: dict[str, Any] = {"number": action.number, "title": action.title}
    if action.heading != action.title:
        entry["heading"] = action.heading
    optional = {"short_title": action.short_title, "principle": action.principle, "intro": action.intro}
    return entry | {key: value for key, value in optional.items() if value}


def _organisation(organisation: Organisation) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": organisation.id, "name": organisation.name}
    if organisation.display_lines != (organisation.name,):
        entry["display_lines"] = list(organisation.display_lines)
    if organisation.logo_class:
        entry["logo"] = organisation.logo_class
    optional = {
        "abbreviation": organisation.abbreviation,
        "strategy_url": organisation.strategy_url,
        "strategy_note": organisation.strategy_note,
    }
    return entry | {key: value for key, value in optional.items() if value}


def _response(response: Response) -> dict[str, Any]:
    entry: dict[str, Any] = {"organisation": response.organisation}
    if response.status is not status_of_text(response.text):
        entry["status"] = response.status.value
    return entry | {"text": response.text}
