"""A generator's key stamp: what it keeps of the key (the day it holds, when it holds nothing else that no file shows)
and when a build whose files are all as they were may take it as unchanged without asking the generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.site.engine import stamps
from govpress.site.engine.record_shapes import BadRecordError, decode_stamps, encode_stamps
from govpress.site.engine.stamps import FileStamp, KeyStamp, utc_day


def test_a_key_is_settled_by_the_files_when_empty_or_holding_only_today(monkeypatch: pytest.MonkeyPatch) -> None:
    project = Path("/project")
    assert KeyStamp(project, 0, 0, "", "services").files_only()
    assert not KeyStamp(project, 0, 0, "version-7", "services").files_only(), "a store's version: asked"
    assert KeyStamp(project, 0, 0, "k", "dashboards", day=utc_day()).files_only()
    assert not KeyStamp(project, 0, 0, "k", "dashboards", day="2000-01-01").files_only(), "another day: asked"
    assert not KeyStamp(project, 0, 0, "", "dashboards", known=False).files_only(), "no key had: never reused"
    monkeypatch.setattr(stamps, "utc_day", lambda: "2999-01-01")
    assert not KeyStamp(project, 0, 0, "k", "dashboards", day="2026-12-06").files_only(), "a day later: asked"


def test_the_day_is_kept_in_the_record() -> None:
    kept = (
        FileStamp(Path("/project/a.md"), 3, 4, "digest"),
        KeyStamp(Path("/project"), 0, 0, "k", "dashboards", day="2026-12-06"),
        KeyStamp(Path("/project"), 0, 0, "v", "services"),
    )
    assert decode_stamps(encode_stamps(kept)) == kept


def test_a_stamp_of_an_older_govpress_has_no_day() -> None:
    [stamp] = decode_stamps([["key", "/project", 0, 0, "k", "dashboards", True]])
    assert isinstance(stamp, KeyStamp) and stamp.day == "" and not stamp.files_only()
    with pytest.raises(BadRecordError):
        decode_stamps([["key", "/project", 0, 0, "k", "dashboards", True, 20261206]])


def test_the_day_is_asked_before_the_key() -> None:
    """Across midnight the key then holds a later day than the stamp, which the next day's check asks: never a stamp
    of today on yesterday's key (its pages would be kept a day too long)."""
    from types import SimpleNamespace
    from typing import cast

    from govpress.site.structure.generator import BaseGenerator
    from govpress.site.structure.generators import _key_stamp
    from govpress.site.structure.pages import Page, PrepareInputs, SiteContext

    asked: list[str] = []

    class Daily(BaseGenerator[None]):
        name = "daily"

        def key_day(self, inputs: PrepareInputs) -> str | None:
            asked.append("day")
            return "2026-12-06"

        def cache_key(self, inputs: PrepareInputs) -> str:
            asked.append("key")
            return "key of 2026-12-07"

        def generate(self, context: SiteContext, prepared: None = None) -> list[Page]:
            return []

    context = cast(
        SiteContext, SimpleNamespace(project=Path("/project"), source_dir=Path("/project/source"), config=None)
    )
    [stamp] = _key_stamp(Daily(), context)
    assert asked == ["day", "key"]
    assert isinstance(stamp, KeyStamp) and stamp.day == "2026-12-06" and stamp.digest == "key of 2026-12-07"
