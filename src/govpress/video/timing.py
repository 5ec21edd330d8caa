"""TTML time expressions (TTML 1 §10.3.1) read as whole milliseconds, and WebVTT timestamps written.

Grammar::

    time-expression := clock-time | offset-time
    clock-time      := hours ":" minutes ":" seconds ( fraction | ":" frames ( "." sub-frames )? )?
    offset-time     := time-count fraction? metric
    metric          := "h" | "m" | "s" | "ms" | "f" | "t"

``hours`` has two digits or more, ``minutes`` and ``seconds`` two; frames count at the document's frame rate
(``ttp:frameRate``, default 30, times ``ttp:frameRateMultiplier``), ticks at its ``ttp:tickRate`` (default 1).
Sub-frames (less than a frame) are ignored. Times are rounded to the nearest millisecond, halves up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

CLOCK = re.compile(
    r"(?P<h>\d{2,}):(?P<m>[0-5]\d):(?P<s>[0-5]\d|60)(?:(?P<fraction>\.\d+)|:(?P<frames>\d{2,})(?:\.\d+)?)?"
)
OFFSET = re.compile(r"(?P<count>\d+(?:\.\d+)?)(?P<metric>h|ms|m|s|f|t)")
SECONDS_PER = {"h": Fraction(3600), "m": Fraction(60), "s": Fraction(1), "ms": Fraction(1, 1000)}


@dataclass(frozen=True)
class Rates:
    """The document's frame rate (frames a second, multiplier applied) and tick rate."""

    frame_rate: Fraction = Fraction(30)
    tick_rate: Fraction = Fraction(1)


class TimeError(ValueError):
    """A time expression that is not one (its message says why)."""


def milliseconds(expression: str, rates: Rates = Rates()) -> int:
    """The time ``expression`` means, in whole milliseconds; :class:`TimeError` when it is not one."""
    text = expression.strip()
    clock = CLOCK.fullmatch(text)
    if clock is not None:
        return _rounded(_clock_seconds(clock, rates))
    offset = OFFSET.fullmatch(text)
    if offset is not None:
        count, metric = Fraction(offset.group("count")), offset.group("metric")
        if metric == "f":
            return _rounded(count / rates.frame_rate)
        if metric == "t":
            return _rounded(count / rates.tick_rate)
        return _rounded(count * SECONDS_PER[metric])
    raise TimeError(f"{expression!r} is not a TTML time (HH:MM:SS, HH:MM:SS.mmm, HH:MM:SS:FF or 12.5s, 500ms, 30f …)")


def _clock_seconds(clock: re.Match[str], rates: Rates) -> Fraction:
    seconds = Fraction(int(clock.group("h")) * 3600 + int(clock.group("m")) * 60 + int(clock.group("s")))
    if clock.group("fraction"):
        seconds += Fraction(clock.group("fraction"))
    if clock.group("frames"):
        frames = int(clock.group("frames"))
        if frames >= rates.frame_rate:
            raise TimeError(f"{clock.group(0)!r} counts {frames} frames, at {rates.frame_rate} frames a second")
        seconds += frames / rates.frame_rate
    return seconds


def _rounded(seconds: Fraction) -> int:
    thousandths = seconds * 1000
    return int(thousandths) + (1 if thousandths - int(thousandths) >= Fraction(1, 2) else 0)


def rate(text: str | None, default: Fraction) -> Fraction:
    """A positive rate attribute (``25``), else ``default``; :class:`TimeError` when it is not one."""
    if text is None:
        return default
    if not text.strip().isdigit() or int(text) == 0:
        raise TimeError(f"{text!r} is not a rate (a whole number above 0)")
    return Fraction(int(text))


def multiplier(text: str | None) -> Fraction:
    """``ttp:frameRateMultiplier`` (``"1000 1001"``), else 1; :class:`TimeError` when it is not one."""
    if text is None:
        return Fraction(1)
    parts = text.split()
    if len(parts) != 2 or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise TimeError(f"{text!r} is not a frame rate multiplier (two whole numbers above 0)")
    return Fraction(int(parts[0]), int(parts[1]))


def vtt_timestamp(total: int) -> str:
    """A WebVTT timestamp: ``HH:MM:SS.mmm`` (more hour digits when needed)."""
    seconds, millis = divmod(total, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"
