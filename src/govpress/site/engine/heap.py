"""Python's cycle collector while a build holds the last build's records (docs/scaling.md, "Stop 21").

The records a build loads (``pages.json``: at 10,000 pages about a million lists, strings, paths and dataclasses)
hold no reference cycles: reference counting frees each of them as soon as the build lets it go. The cycle
collector cannot know that. While they are made it runs a full pass each time the objects that survived grew by a
quarter, each pass walking everything made so far (about half the time of loading them); and for the rest of the
build every full pass walks them all again. So the build:

- pauses the collector while it makes a record's objects (:func:`paused`), and
- once the records are loaded, moves every object then alive out of the collector's passes (``gc.freeze``) until
  the build ends (:func:`released`): they are still freed when no longer used (reference counting does not
  look at generations), and any cycle among them is collected after the build, when they are let back in.

A long-lived process (``govpress serve``) runs build after build: each releases what it froze when it ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(keep: bool = False) -> Iterator[None]:
    """The cycle collector off while the block runs (as it was before once it ends). With ``keep``, what the block
    made is then left out of the collector's passes (:func:`keep_out`, before the collector is let back on): the
    collector counts what was made while it was off, and the first object made after it is back would start a pass
    over all of it (0.1-0.15 s for the records of 10,000 pages, only to find no cycle)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            keep_out()
        if enabled:
            gc.enable()


def keep_out() -> None:
    """Every object alive now left out of the collector's passes until :func:`released` ends."""
    gc.freeze()


@contextmanager
def released() -> Iterator[None]:
    """On leaving the block, the objects :func:`keep_out` left out of the collector's passes go back to them."""
    try:
        yield
    finally:
        gc.unfreeze()
