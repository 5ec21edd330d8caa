"""Unit tests of the kramdown layer: the IAL grammar, problems, auto ids, TOC levels and the registration table."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.dialect.kramdown import KRAMDOWN_PROCESSORS, kramdown_markdown
from govpress.dialect.kramdown.attribute_lists import (
    AttributeList,
    IalSyntaxError,
    match_block_ial,
    parse_attribute_list,
)
from govpress.dialect.kramdown.auto_ids import basic_id, unique_id
from govpress.dialect.registry import RenderContext
from govpress.problems import Severity


def test_classes_id_pairs_and_references() -> None:
    parsed = parse_attribute_list(' .a #b key="v \\" x" toc .c ')
    assert parsed == AttributeList(("a", "c"), "b", (("key", 'v " x'),), ("toc",))


def test_single_quotes_and_the_last_id_wins() -> None:
    assert parse_attribute_list("#one #two k='v'") == AttributeList((), "two", (("k", "v"),), ())


@pytest.mark.parametrize("body", ["k=v", ".", "#", "k='open", "@x"])
def test_malformed_lists_are_rejected(body: str) -> None:
    with pytest.raises(IalSyntaxError):
        parse_attribute_list(body)


@pytest.mark.parametrize(
    ("line", "body"),
    [("{: .mc-stacked }  ", " .mc-stacked "), ("   {:.no_toc}", ".no_toc"), ("{:toc}", "toc")],
)
def test_block_ial_lines(line: str, body: str) -> None:
    assert match_block_ial(line) == body


@pytest.mark.parametrize("line", ["{::comment}", "{:/comment}", "    {: .code}", "{: .x} text", "text {: .x}"])
def test_lines_that_are_not_block_ials(line: str) -> None:
    assert match_block_ial(line) is None


def test_apply_appends_classes_and_replaces_the_rest() -> None:
    attrib = {"class": "old", "id": "x"}
    AttributeList(("new",), "y", (("title", "t"),)).apply_to(attrib)
    assert attrib == {"class": "old new", "id": "y", "title": "t"}


def test_a_malformed_ial_is_an_error_with_the_file() -> None:
    context = RenderContext(path=Path("doc.md"))
    html = kramdown_markdown(context).convert("Text\n{: foo=bar}\n")
    assert html == "<p>Text</p>"
    [problem] = context.problems
    assert problem.severity is Severity.ERROR
    assert problem.path == "doc.md"
    assert "foo=bar" in problem.message


def test_a_malformed_option_is_an_error() -> None:
    context = RenderContext()
    kramdown_markdown(context).convert("{::options auto_ids=false /}\n")
    assert [p.severity for p in context.problems] == [Severity.ERROR]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Digital leader role - devolved administration representatives",
            "digital-leader-role---devolved-administration-representatives",
        ),
        ("01 Executive summary", "executive-summary"),
        ("What's new? (2013)", "whats-new-2013"),
        ("Intro *em* <br>x", "intro-em-brx"),
        ("Caf\u00e9 \u00a3", "caf-"),
        ("2013", ""),
    ],
)
def test_basic_ids_follow_kramdown(text: str, expected: str) -> None:
    assert basic_id(text) == expected


def test_repeated_ids_are_numbered_and_empty_ones_are_section() -> None:
    used: dict[str, int] = {}
    assert [unique_id(t, used) for t in ("A", "A", "1", "A", "2")] == ["a", "a-1", "section", "a-2", "section-1"]


def test_the_table_names_each_processor_once_and_says_why() -> None:
    names = [(entry.stage, entry.name) for entry in KRAMDOWN_PROCESSORS]
    assert len(names) == len(set(names))
    assert all(len(entry.why) > 20 for entry in KRAMDOWN_PROCESSORS)


def test_renders_do_not_share_state() -> None:
    first = kramdown_markdown(RenderContext()).convert("##Intro\n\nA[^1]\n\n[^1]: n")
    second = kramdown_markdown(RenderContext()).convert("##Intro\n\nA[^1]\n\n[^1]: n")
    assert first == second
    assert 'id="intro"' in first


def test_an_unclosed_comment_is_a_warning_and_stays_text() -> None:
    context = RenderContext(path=Path("doc.md"))
    html = kramdown_markdown(context).convert("{::comment}\nnever closed\n\nstill here\n")
    assert html == "<p>{::comment}\nnever closed</p>\n<p>still here</p>"
    assert [(p.severity, p.path) for p in context.problems] == [(Severity.WARNING, "doc.md")]


def test_without_toc_levels_the_toc_takes_kramdowns_default_of_six() -> None:
    text = "* x\n{:toc}\n\n##Two\n\n####Four\n"
    with_levels = kramdown_markdown(RenderContext(toc=True)).convert(text)
    default_levels = kramdown_markdown(RenderContext(toc=False)).convert(text)
    assert "markdown-toc-four" not in with_levels
    assert 'href="#four" id="markdown-toc-four"' in default_levels
