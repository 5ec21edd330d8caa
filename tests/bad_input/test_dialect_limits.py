"""Hostile dialect input stays cheap: each case of about 200 KB renders, or is refused with a located message, within
a budget of work counted, not timed (the machine is loaded and shared): the Python function calls the command makes,
at most :data:`CALLS_PER_CHARACTER` for each character of input (a quadratic case makes thousands). A case whose
extra work would hide in a regular expression's C code is caught by the backstop of :data:`CPU_SECONDS` of this
process's CPU time, which only the quadratic cases (minutes) ever came near.

Every test writes its input to a file and runs ``govpress render FILE`` (the real command), so the messages are the
ones a user reads: ``FILE:LINE: error: …``.
"""

from __future__ import annotations

import cProfile
import pstats
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from click.testing import CliRunner, Result

from govpress.cli import cli
from govpress.render import render_html_includes

SIZE = 200_000
CALLS_PER_CHARACTER = 300  # the costliest case (a chart of thousands of columns) makes about 115
CPU_SECONDS = 60.0  # a backstop: the quadratic cases took minutes; every case now takes a second or two
T = TypeVar("T")


def within_budget(size: int, work: Callable[[], T]) -> T:
    """``work()``, checked to make at most :data:`CALLS_PER_CHARACTER` function calls per character of its input
    (``size``) and to use less than :data:`CPU_SECONDS` of CPU."""
    profile = cProfile.Profile()
    started = time.process_time()
    result = profile.runcall(work)
    used = time.process_time() - started
    calls = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    assert calls <= CALLS_PER_CHARACTER * size, f"{calls:,} calls for {size:,} characters"
    assert used < CPU_SECONDS, f"{used:.1f} s of CPU for {size:,} characters"
    return result


def render(tmp_path: Path, text: str) -> tuple[Result, Path]:
    path = tmp_path / "hostile.md"
    path.write_text(text, encoding="utf-8")
    result = within_budget(len(text), lambda: CliRunner().invoke(cli, ["render", str(path)]))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result, path


def refused(tmp_path: Path, text: str, line: int, message: str) -> None:
    result, path = render(tmp_path, text)
    assert result.exit_code == 1
    assert f"{path}:{line}: error: {message}" in result.stderr.splitlines()


def rendered(tmp_path: Path, text: str) -> str:
    result, _ = render(tmp_path, text)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def repeat(unit: str, size: int = SIZE) -> str:
    return unit * (size // len(unit))


LINKS = (
    "too many '[' left open (nested, or with no ']') in one paragraph: the link rules would read the rest of "
    "the paragraph again for each one; close them or write them as '\\['"
)
TAGS = (
    "too many '<' starting an HTML tag that no '>' closes (the HTML reader would read the rest of the text again "
    "for each one): write them as '&lt;'"
)


def nesting(tags: int = 0, html: int = 0, lists: int = 0, emphasis: int = 0) -> str:
    return (
        f"nesting deeper than 100 levels ({tags} {{tag}} blocks, {html} HTML elements, {lists} quote or list "
        f"levels, {emphasis} emphasis markers open here)"
    )


def block(lines: int) -> str:
    return (
        f"a block of {lines} lines with no blank line between them (at most 250, except tables, lists and footnote "
        "definitions): put blank lines between its paragraphs"
    )


def inline(length: int, markup: int) -> str:
    return (
        f"a paragraph of {length:,} characters holding {markup:,} pieces of markup (\\x, `, *, _, [, &, <, ^): "
        "rendering rebuilds its text for each one; split it into shorter paragraphs"
    )


# Runs that Python-Markdown or html.parser read in quadratic time: refused, at the line where they start


def test_run_of_open_brackets_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "Intro.\n\n" + repeat("["), 3, LINKS)


def test_run_of_open_brackets_over_lines_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, ("x " + "[" * 800 + "\n") * 240, 1, LINKS)


def test_deeply_nested_brackets_are_refused(tmp_path: Path) -> None:
    refused(tmp_path, "[" * 20_000 + "x" + "]" * 20_000, 1, LINKS)


def test_run_of_image_openers_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, repeat("!["), 1, LINKS)


def test_bracket_followed_by_many_link_ends_renders(tmp_path: Path) -> None:
    assert rendered(tmp_path, "[" + repeat("](")).startswith("<p>[](")


def test_closed_links_render(tmp_path: Path) -> None:
    assert rendered(tmp_path, repeat("[a](b)\n\n")).count('<a href="b">a</a>') == SIZE // 8


def test_run_of_unclosed_a_tags_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "Intro.\n\n" + repeat("<a "), 3, TAGS)


def test_unclosed_a_tags_over_lines_are_refused(tmp_path: Path) -> None:
    refused(tmp_path, ("x " + "<a y " * 160 + "\n") * 240, 1, TAGS)


def test_a_tags_closed_by_one_bracket_render(tmp_path: Path) -> None:
    rendered(tmp_path, "<p>" + "<a " * 1000 + ">x</p>\n")


def test_escape_run_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, repeat("\\"), 1, inline(SIZE, SIZE // 2))


def test_mixed_emphasis_markers_are_refused(tmp_path: Path) -> None:
    refused(tmp_path, repeat("*_"), 1, inline(SIZE, SIZE))


def test_long_paragraph_of_code_spans_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "Intro.\n\n" + repeat("`a` "), 3, inline(SIZE, SIZE // 2))


def test_code_spans_in_paragraphs_render(tmp_path: Path) -> None:
    assert rendered(tmp_path, repeat("`a` b `c`\n\n")).count("<code>a</code>") == SIZE // 11


def test_star_and_underscore_runs_render(tmp_path: Path) -> None:
    rendered(tmp_path, "*" * 100_000 + "\n\n" + "_" * 100_000)


def test_backtick_run_renders(tmp_path: Path) -> None:
    rendered(tmp_path, "`" * SIZE)


def test_brace_run_renders(tmp_path: Path) -> None:
    rendered(tmp_path, "{" * SIZE)


def test_very_long_line_renders(tmp_path: Path) -> None:
    assert rendered(tmp_path, repeat("word ")).startswith("<p>word word")


def test_long_hash_run_heading_renders(tmp_path: Path) -> None:
    assert rendered(tmp_path, "#" * SIZE + " x").startswith('<h6 id="x">#######')


def test_table_with_thousands_of_columns_renders(tmp_path: Path) -> None:
    columns = 10_000
    text = "|a" * columns + "|\n" + "|-" * columns + "|\n" + "|b" * columns + "|\n"
    assert rendered(tmp_path, text).count("<td>b</td>") == columns


# Footnotes


def test_thousands_of_footnotes_render(tmp_path: Path) -> None:
    notes = 5000
    text = "".join(f"x[^{i}] " for i in range(1, notes + 1)) + "\n\n"
    text += "".join(f"[^{i}]: note {i}\n" for i in range(1, notes + 1))
    html = rendered(tmp_path, text)
    assert html.count('<li id="fn:') == notes and 'role="doc-endnote"' not in html  # the deprecated role dropped
    assert f'<li id="fn:{notes}">' in html


def test_thousands_of_undefined_footnote_references_stay_text(tmp_path: Path) -> None:
    text = "".join(f"x[^{i}] " + ("\n\n" if i % 100 == 0 else "") for i in range(1, 20_001))
    html = rendered(tmp_path, text)
    assert "x[^20000]" in html
    assert "doc-noteref" not in html


# Nesting: refused at the line that goes deeper than 100 levels, never a RecursionError


def test_deeply_nested_tag_blocks_are_refused(tmp_path: Path) -> None:
    text = "{div .a}\n\n" * 1000 + "x\n\n" + "{/div}\n\n" * 1000
    refused(tmp_path, text, 201, nesting(tags=101))


def test_deeply_nested_list_markers_are_refused(tmp_path: Path) -> None:
    refused(tmp_path, repeat("- ") + "x", 1, nesting(lists=SIZE // 2))


def test_deeply_indented_lists_are_refused(tmp_path: Path) -> None:
    text = "".join("  " * level + "- x\n\n" for level in range(300))
    refused(tmp_path, text, 201, nesting(lists=101))


def test_deeply_nested_blockquotes_are_refused(tmp_path: Path) -> None:
    refused(tmp_path, repeat("> ") + "x", 1, nesting(lists=SIZE // 2))


def test_deeply_nested_html_blocks_are_refused(tmp_path: Path) -> None:
    refused(tmp_path, "<div>" * 20_000 + "x" + "</div>" * 20_000, 1, nesting(html=20_000))


def test_nested_html_blocks_over_lines_are_refused(tmp_path: Path) -> None:
    refused(tmp_path, "<div>\n" * 1000 + "x\n" + "</div>\n" * 1000, 101, nesting(html=101))


def test_deeply_nested_emphasis_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "*a " * 5000 + "x" + " a*" * 5000, 1, nesting(emphasis=5000))


def test_deeply_nested_strong_emphasis_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "**a " * 5000 + "x" + " a**" * 5000, 1, nesting(emphasis=5000))


def test_nesting_just_under_the_limit_renders(tmp_path: Path) -> None:
    text = "{div .a}\n\n" * 30 + "> " * 20 + "- " * 20 + "<div>" * 10 + "**a *b " * 5 + "x\n\n" + "{/div}\n\n" * 30
    assert rendered(tmp_path, text).count('<div class="a">') == 30


# Blocks whose lines each rule takes one at a time (handing the rest back to every rule)


def test_long_block_of_class_shortcuts_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "Intro.\n\nx\n" + repeat("{pull}\n"), 3, block(1 + SIZE // 7))


def test_long_block_of_definitions_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "term\n" + repeat(": definition\n"), 1, block(1 + SIZE // 13))


def test_long_block_with_indented_lines_between_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, repeat("> {:toc}\n    code\n"), 1, block(2 * (SIZE // 18)))


def test_long_block_of_definitions_holding_pipes_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "term\n" + repeat(": a | b\n"), 1, block(1 + SIZE // 8))


def test_blocks_just_under_the_line_limit_stay_cheap(tmp_path: Path) -> None:
    unit = "term\n" + ": d\n" * 249 + "\n"
    assert rendered(tmp_path, repeat(unit)).count("<dd>") == 249 * (SIZE // len(unit))


def test_long_table_and_long_list_are_not_limited(tmp_path: Path) -> None:
    table = "|a|b|\n|-|-|\n" + "|c|d|\n" * 5000
    items = "- item\n" * 5000
    html = rendered(tmp_path, table + "\n" + items)
    assert html.count("<td>c</td>") == 5000
    assert html.count("<li>item</li>") == 5000


# Thousands of problems stay cheap end to end


def test_twenty_thousand_leftover_tags_are_each_reported(tmp_path: Path) -> None:
    result, path = render(tmp_path, "".join(f"{{x{i}}}\n\n" for i in range(20_000)))
    lines = result.stderr.splitlines()
    assert f"{path}:39999: warning: dialect tag '{{x19999}}' was not rendered" in lines
    assert len([line for line in lines if "was not rendered" in line]) == 20_000


# Chart tables


def test_chart_cell_too_large_for_a_number_draws_no_bar(tmp_path: Path) -> None:
    text = "|a|b|\n|-|-|\n|r|" + "9" * 400 + "|\n|s|2|\n{: .horizontal-bar-chart}\n"
    html = rendered(tmp_path, text)
    assert "nan" not in html
    assert 'style="width:0%"' in html  # the cell with no number
    assert 'style="width:70%"' in html  # 2, the largest value, gets the full bar


def test_chart_of_thousands_of_columns_renders(tmp_path: Path) -> None:
    columns = 3000
    text = "|a" * columns + "|\n" + "|-" * columns + "|\n" + ("|x" + "|1" * (columns - 1) + "|\n") * 20
    assert rendered(tmp_path, text + "{: .horizontal-bar-chart}\n").count("<td") >= 20 * columns


# Reading what a fragment holds (headings, ids, leftovers) is linear, whatever raw HTML it carries


def test_thousands_of_unclosed_raw_headings_render(tmp_path: Path) -> None:
    assert rendered(tmp_path, repeat("x <h1>\n\n")).count("<p>x <h1></p>") == SIZE // 8


def test_html_page_of_unclosed_headings_and_tags_is_read_in_time(tmp_path: Path) -> None:
    page = tmp_path / "source" / "page.html"
    page.parent.mkdir()
    page.write_text(repeat("<h1 x") + repeat("<h2>") + repeat("<a id='x") + repeat("<code>{x}"), encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    result = within_budget(len(text), lambda: render_html_includes(text, path=page, source_dir=page.parent))
    assert result.headings == ()
    assert result.problems == ()
