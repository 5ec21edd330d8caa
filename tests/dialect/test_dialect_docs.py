"""docs/dialect.md shows real behaviour: every example in it is a case of a fixture file."""

from __future__ import annotations

import re
from pathlib import Path

from govpress.dialect import DIALECT_PROCESSORS
from support.fixtures import read_fixture_dir

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = re.compile(r"```markdown\n(?P<source>.*?)\n```\n```html\n(?P<expected>.*?)\n```", re.DOTALL)


def test_every_example_in_the_dialect_guide_is_a_fixture_case() -> None:
    cases = {(c.source.rstrip("\n"), c.expected) for c in read_fixture_dir(REPO / "tests" / "fixtures" / "dialect")}
    examples = [
        (m.group("source"), m.group("expected"))
        for m in EXAMPLE.finditer((REPO / "docs" / "dialect.md").read_text(encoding="utf-8"))
    ]
    assert len(examples) >= 13
    assert [e for e in examples if e not in cases] == []


def test_the_guide_lists_every_dialect_processor_with_its_stage_and_priority() -> None:
    guide = (REPO / "docs" / "dialect.md").read_text(encoding="utf-8")
    for entry in DIALECT_PROCESSORS:
        assert f"| {entry.stage} | {entry.priority:g} | `{entry.name}` | dialect |" in guide, entry.name
