"""Repairs of legacy markup: heading outline, duplicate ids, block spans, malformed links."""

from __future__ import annotations

from govpress.site.legacy_html.repairs import block_spans, outline_levels, repair_links, repaired, unique_ids


def test_headings_after_the_h1_go_at_most_one_level_deeper() -> None:
    body = '<h4>Kicker</h4><h1>T</h1><h4 id="a" class="b">x</h4><h4>y</h4><h2>z</h2><h5>w</h5>'
    assert outline_levels(body) == '<h4>Kicker</h4><h1>T</h1><h2 id="a" class="b">x</h2><h2>y</h2><h2>z</h2><h3>w</h3>'


def test_headings_written_at_one_level_under_one_parent_stay_siblings() -> None:
    """The case studies index: a row of cards, each an ``h5``, right under the ``h1`` (seen as h2, h3, h4, h5)."""
    cards = "".join(f'<div class="case-study"><h5 id="c{n}">Case study</h5><p>x</p></div>' for n in range(4))
    assert outline_levels(f"<h1>Case studies</h1>{cards}") == "<h1>Case studies</h1>" + cards.replace("h5", "h2")
    body = "<h1>T</h1><h3>a</h3><h5>b</h5><h5>c</h5><h4>d</h4><h6>e</h6><h3>f</h3><h5>g</h5>"
    assert outline_levels(body) == "<h1>T</h1><h2>a</h2><h3>b</h3><h3>c</h3><h3>d</h3><h4>e</h4><h2>f</h2><h3>g</h3>"


def test_a_sound_outline_is_unchanged() -> None:
    body = "<h1>T</h1><h2>a</h2><h3>b</h3><h2>c</h2>"
    assert outline_levels(body) == body


def test_duplicate_ids_get_a_free_suffix() -> None:
    assert (
        unique_ids('<p id="a"></p><p id="a"></p><p id="a-1"></p>') == '<p id="a"></p><p id="a-2"></p><p id="a-1"></p>'
    )


def test_action_spans_holding_blocks_become_divs() -> None:
    body = '<span class="action"><h2><span>A</span></h2><div>t</div></span><span>x</span>'
    assert block_spans(body) == '<div class="action"><h2><span>A</span></h2><div>t</div></div><span>x</span>'


def test_links_without_slashes_are_repaired_and_reported() -> None:
    body, repairs = repair_links('<a href="https:www.gov.uk/x">a</a><a href="https://ok.example/">b</a>')
    assert body == '<a href="https://www.gov.uk/x">a</a><a href="https://ok.example/">b</a>'
    [repair] = repairs
    assert repair.needle == "https:www.gov.uk/x"


def test_the_deprecated_endnote_role_is_dropped() -> None:
    body, _ = repaired('<h1>T</h1><ol><li id="fn:1" role="doc-endnote"><p>n</p></li></ol>')
    assert body == '<h1>T</h1><ol><li id="fn:1"><p>n</p></li></ol>'


def test_a_name_ending_in_id_is_not_an_id() -> None:
    body = '<p id="a">1</p><p xid="a">3</p><p id="a">4</p>'
    assert unique_ids(body) == '<p id="a">1</p><p xid="a">3</p><p id="a-1">4</p>'


def test_links_with_slashes_and_upper_case_schemes() -> None:
    assert repair_links('<a href="https://www.gov.uk/">x</a>') == ('<a href="https://www.gov.uk/">x</a>', [])
    fixed, repairs = repair_links('<a HREF="HTTP:www.gov.uk">x</a>')
    assert fixed == '<a HREF="HTTP://www.gov.uk">x</a>' and len(repairs) == 1
