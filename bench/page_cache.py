"""Emptying the kernel's page cache before a timed cold build, so that build after build starts alike.

On the 2-core virtual machine the figures of docs/scaling.md come from, each cold build of 10,000 pages ran slower
than the one before it in the same minutes (24 -> 35 -> 40 -> 43 s): its *system* time grew with the page cache the
builds before it had filled (19.7, 23.5, 26.0 s), and emptying the page cache alone (``1`` in
``/proc/sys/vm/drop_caches``) brought it back (6.8, 7.2 s) where emptying the dentry and inode caches (``2``) did
not. With ``--drop-caches`` a benchmark writes what is dirty to disk and empties the page cache before each cold
build: it needs root (Linux only), and says so when it cannot.

    from page_cache import add_option, drop_page_cache
    add_option(parser)
    drop_page_cache(args.drop_caches)   # before each cold build
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--drop-caches",
        action="store_true",
        help="empty the kernel's page cache before each cold build (root, Linux): steadier figures on a machine "
        "whose builds slow down as its page cache fills",
    )


def drop_page_cache(enabled: bool) -> None:
    """Write dirty pages out and empty the page cache, when ``enabled``; stop with a clear message when it cannot."""
    if not enabled:
        return
    os.sync()
    try:
        DROP_CACHES.write_text("1\n", encoding="ascii")
    except OSError as error:
        raise SystemExit(
            f"--drop-caches: cannot write {DROP_CACHES} ({error.strerror}): run as root on Linux"
        ) from None
