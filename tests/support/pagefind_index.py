"""Reading what pagefind wrote: every indexed page's record (URL, title and other metadata, indexed text).

pagefind keeps one *fragment* per page in ``pagefind/fragment/*.pf_fragment`` (``pagefind/<n>/fragment/`` in each
shard of a big site): gzip, then ``pagefind_dcd`` and the page's JSON. The search itself runs in the browser
(tests/search/test_search_browser.py).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

FRAGMENT_MARK = b"pagefind_dcd"


@dataclass(frozen=True)
class IndexedPage:
    url: str
    title: str
    meta: dict[str, str]
    content: str


def indexed_pages(site: Path) -> dict[str, IndexedPage]:
    """Every page in the site's pagefind index, by URL."""
    found: dict[str, IndexedPage] = {}
    for path in sorted((site / "pagefind").rglob("*.pf_fragment")):  # every shard's fragments
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_MARK), path
        record = json.loads(data[len(FRAGMENT_MARK) :])
        meta = {str(key): str(value) for key, value in record.get("meta", {}).items()}
        found[record["url"]] = IndexedPage(record["url"], meta.get("title", ""), meta, record["content"])
    return found
