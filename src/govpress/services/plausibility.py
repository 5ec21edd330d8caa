"""Implausible figures: read and stored, but reported as warnings naming the cell (``--strict`` fails on them).

The checks, on the figures of one service for one period:

- a negative figure (a count, a cost or a rate);
- a digital volume above the volume (a digital take-up over 100 %);
- a completion rate or a user satisfaction over 1: rates are fractions (0.85 is 85 %).

A take-up outside 0 to 1 can only come from the first two, since take-up is derived (digital volume / volume).
Each importer turns the ``(field, message)`` pairs into warnings at the cell that holds the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from govpress.services.model import Figure

RATES = {"completion_rate": "completion rate", "user_satisfaction": "user satisfaction"}
_ONE = Decimal(1)


def implausible(figures: Mapping[str, Figure]) -> list[tuple[str, str]]:
    """What is implausible among one period's figures, as ``(field, message)`` pairs (usually none)."""
    found: list[tuple[str, str]] = []
    for name, value in figures.items():
        if isinstance(value, Decimal) and value < 0:
            found.append((name, f"{value} is negative: implausible (read as written)"))
    volume, digital = figures.get("volume"), figures.get("digital_volume")
    if isinstance(volume, Decimal) and isinstance(digital, Decimal) and digital > volume >= 0:
        takeup = f"a take-up of {digital / volume:.1%}" if volume else "no take-up can be worked out"
        found.append(
            ("digital_volume", f"digital volume {digital} is above the volume {volume} ({takeup}): implausible")
        )
    for name, label in RATES.items():
        rate = figures.get(name)
        if isinstance(rate, Decimal) and rate > _ONE:
            found.append((name, f"{label} {rate} is over 1 (100 %): rates are fractions (0.85 is 85 %): implausible"))
    return found
