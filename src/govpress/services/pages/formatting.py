"""Number formats of the explorer pages, as Transactions Explorer wrote them.

- magnitude: k / m / bn suffixes; 2 decimal places below 10, 1 below 100, else 0 (``12.1m``).
- money: the same with ``£``, but 2 decimal places for amounts under £100 (``£1.30``, ``£12.1m``).
- percentage: a ratio as a percentage; 2 decimal places under 10%, else 1; trailing zeros stripped.
- change: a ratio as ``+x%`` / ``-x%``; changes smaller than 0.01 (1%) show as ``0%``.
- grouped: thousands separators (``9,321,067``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_SUFFIXES = ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"), (Decimal(10) ** 3, "k"))


def _places(value: Decimal, money: bool) -> int:
    if money and value < 100:
        return 2
    if value < 10:
        return 2
    return 1 if value < 100 else 0


def _fixed(value: Decimal, places: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")


def magnitude(value: Decimal | None, money: bool = False) -> str:
    if value is None:
        return ""
    prefix = "£" if money else ""
    for size, suffix in _SUFFIXES:
        if value >= size:
            scaled = value / size
            return f"{prefix}{_fixed(scaled, _places(scaled, False))}{suffix}"
    if not money and value == value.to_integral_value():
        return f"{prefix}{int(value)}"
    return f"{prefix}{_fixed(value, _places(value, money))}"


def money(value: Decimal | None) -> str:
    return magnitude(value, money=True)


def percentage(ratio: Decimal | None) -> str:
    if ratio is None:
        return ""
    percent = ratio * 100
    text = _fixed(percent, 2 if percent < 10 else 1)
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def change(ratio: Decimal | None) -> str:
    if ratio is None:
        return ""
    difference = ratio - 1
    if abs(difference) < Decimal("0.01"):
        return "0%"
    text = _fixed(difference * 100, 1).rstrip("0").rstrip(".")
    return ("+" if difference > 0 else "") + text + "%"


def grouped(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"
