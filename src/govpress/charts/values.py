"""Reading numbers out of table cells the way magna-charta did.

Grammar of a cell value (after magna-charta 3.0's ``parseFloat(text.replace(/,|£|%|[a-z]/gi, ""))``)::

    cell    := { noise } [ "-" | "+" ] digits [ "." digits ] { any }
    noise   := "," | "£" | "%" | letter | whitespace      (removed before reading the number)

So ``-£0.04m`` is -0.04, ``1.162bn`` is 1.162, ``16%`` is 16 and ``1,298`` is 1298. A cell with no number
(``n/a``, empty) has no value: it draws no bar; nor has a number too large for a float (hundreds of digits), which
would otherwise make every bar's width ``nan%``.
"""

from __future__ import annotations

import math
import re

_NOISE = re.compile(r"[,£%\s]|[^\W\d_]", re.UNICODE)
_LEADING_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")


def parse_value(text: str) -> float | None:
    """The number a cell shows, or ``None`` when it shows none (like ``parseFloat`` giving ``NaN``)."""
    cleaned = _NOISE.sub("", text)
    found = _LEADING_NUMBER.match(cleaned)
    if found is None:
        return None
    value = float(found.group())
    return value if math.isfinite(value) else None


def format_percent(value: float) -> str:
    """A CSS percentage with at most three decimals and no trailing zeros (``12.5%``, ``0%``)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return f"{'0' if text in {'-0', ''} else text}%"
