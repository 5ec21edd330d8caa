"""Command-line options of ``govpress services savings``: each bad value is an error naming its option."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # imported where used: the savings model brings the whole explorer with it
    from govpress.services.savings import Assumptions

RATIO_NAMES = {"digital": "ratio_digital", "phone": "ratio_phone", "face_to_face": "ratio_face_to_face"}
MAX_NUMBER_TEXT = 40


class DecimalType(click.ParamType[Decimal]):
    """A finite decimal number, read exactly (``0.82`` is 82/100, not the nearest float)."""

    name = "number"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Decimal:
        if isinstance(value, Decimal):
            return value
        number = decimal_of(str(value))
        if number is None:
            self.fail(f"{str(value)[:MAX_NUMBER_TEXT]!r} is not a number", param, ctx)
        return number


def decimal_of(text: str) -> Decimal | None:
    """``text`` as a finite Decimal, or ``None`` (too long, not a number, infinite or NaN)."""
    if len(text.strip()) > MAX_NUMBER_TEXT:
        return None
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_ratios(text: str) -> dict[str, Decimal]:
    """``digital=0.02,phone=0.33,face_to_face=1`` as setting names and values (raises ``ValueError``)."""
    found: dict[str, Decimal] = {}
    for part in text.split(","):
        name, equals, value = part.partition("=")
        name = name.strip()
        if not equals or name not in RATIO_NAMES:
            raise ValueError(f"{part.strip()!r}: expected NAME=NUMBER with NAME one of digital, phone, face_to_face")
        if RATIO_NAMES[name] in found:
            raise ValueError(f"{name!r} is given twice")
        number = decimal_of(value)
        if number is None:
            raise ValueError(f"{name}: {value.strip()[:MAX_NUMBER_TEXT]!r} is not a number")
        found[RATIO_NAMES[name]] = number
    return found


def assumptions_from(
    options: dict[str, Decimal | None], ratios: str | None, base: Assumptions | None = None
) -> Assumptions:
    """``base`` (default: the defaults) with the options given; raises ``click.BadParameter`` naming the option."""
    from govpress.services.savings import Assumptions

    chosen = {name: value for name, value in options.items() if value is not None}
    if ratios is not None:
        try:
            chosen.update(parse_ratios(ratios))
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="'--ratios'") from None
    assumptions = replace(base or Assumptions(), **chosen)
    for setting, message in assumptions.problems():
        hint = "'--ratios'" if setting.startswith("ratio_") else f"'--{setting.replace('_', '-')}'"
        raise click.BadParameter(f"{setting.removeprefix('ratio_')} {message}", param_hint=hint)
    return assumptions
