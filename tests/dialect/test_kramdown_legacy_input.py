"""The legacy pre-processor's effects on structure and ids (``LEGACY_INPUT_PROCESSORS``)."""

from __future__ import annotations

import markdown
import pytest

from govpress.dialect.kramdown import KRAMDOWN_PROCESSORS, LEGACY_INPUT_PROCESSORS, kramdown_markdown
from govpress.dialect.kramdown.legacy_input import NbspBlankLines, legacy_id_text
from govpress.dialect.registry import RenderContext, register_all

NBSP = "\u00a0"


def legacy_markdown() -> markdown.Markdown:
    md = markdown.Markdown(output_format="xhtml")
    register_all(md, RenderContext(), KRAMDOWN_PROCESSORS + LEGACY_INPUT_PROCESSORS)
    return md


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("###Moving to a Federated Approach \u2013 Citizen Trust", "moving-to-a-federated-approach----citizen-trust"),
        (f"###Defining transactional services {NBSP} {NBSP}", "defining-transactional-services"),
        ("###Savings of \u00a31.2bn\u2026", "savings-of-pound12bnellipsis"),
        ("###\u201cQuoted\u201d and it\u2019s", "quoted-and-its"),
    ],
)
def test_ids_come_from_the_legacy_heading_text(heading: str, expected: str) -> None:
    assert f'id="{expected}"' in legacy_markdown().convert(heading)


def test_plain_kramdown_keeps_no_break_spaces_in_ids() -> None:
    html = kramdown_markdown().convert(f"###Defining transactional services {NBSP} {NBSP}")
    assert 'id="defining-transactional-services--"' in html


def test_a_line_of_no_break_spaces_is_blank() -> None:
    text = f"Paragraph.\n{NBSP} {NBSP}\n###Heading\n"
    assert legacy_markdown().convert(text) == '<p>Paragraph.</p>\n<h3 id="heading">Heading</h3>'
    assert "<h3" not in kramdown_markdown().convert(text)


def test_blank_lines_keep_the_line_count_and_other_no_break_spaces() -> None:
    lines = ["a", f"{NBSP} ", f"x{NBSP}y", "  "]
    assert NbspBlankLines(markdown.Markdown()).run(lines) == ["a", "", f"x{NBSP}y", "  "]


def test_legacy_id_text_strips_only_after_the_character_rules() -> None:
    assert legacy_id_text(f"A{NBSP}\u2013{NBSP}") == "A --"
