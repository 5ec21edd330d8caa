"""A finished page's facts are read once, by one module, and survive the build cache unchanged."""

from __future__ import annotations

from govpress.site.engine.cache_codec import _decode_facts, _facts
from govpress.site.structure.facts import (
    Heading,
    anchors,
    asks_noindex,
    last_updated,
    page_facts,
    text_of,
    title_in,
)

PAGE = """<!DOCTYPE html><html><head><title>Plan &amp;
 <b>budget</b> - Site</title><meta name="robots" content="noindex"></head>
<body><h2 id="skip">Not in main</h2><main id="content">
<h1 id="plan" class="x">The <em>plan</em></h1><p>See <a href="/a#b">a</a> <img src="i.png" alt=""></p>
<h3>Next &amp; last</h3>
<p class="govuk-body-s govpress-last-updated">Last updated <time datetime="2013-07-01">1 July 2013</time></p>
</main><footer><h2 id="f">Footer</h2></footer></body></html>"""


def test_a_page_gives_its_title_headings_ids_links_and_date() -> None:
    facts = page_facts(PAGE)
    assert facts.title == "Plan &amp; <b>budget</b> - Site"
    assert facts.headings == (Heading(1, "plan", "The plan"), Heading(3, None, "Next &amp; last"))
    assert facts.heading_levels == ((1, "The plan"), (3, "Next &amp; last"))
    assert facts.ids == frozenset({"robots", "skip", "content", "plan", "f"})  # a name is a fragment target too
    assert facts.links == ("/a#b", "i.png")
    assert facts.last_updated == "2013-07-01"


def test_a_page_without_the_last_updated_line_has_no_date() -> None:
    assert page_facts(PAGE.replace("govpress-last-updated", "other")).last_updated is None
    assert last_updated('<p class="govpress-last-updated">no time</p>') is None


def test_the_readers_of_fragments() -> None:
    assert title_in(PAGE) == "Plan & budget - Site"
    assert title_in(PAGE, tags=" ") == "Plan & budget - Site"
    assert title_in("<title> </title>") is None
    assert anchors('<a href="x">1</a><a name="n">2</a><A HREF=\'y\'>3</A>') == ["x", "", "y"]
    assert text_of("A<br>B &amp; <i>c</i>", line_breaks=True) == "A B & c"
    assert text_of("a <b>", tags=None) == "a <b>"


def test_noindex_counts_only_before_main() -> None:
    assert asks_noindex(PAGE)
    assert not asks_noindex('<main><meta name="robots" content="noindex"></main>')


def test_facts_round_trip_through_the_cache_codec() -> None:
    facts = page_facts(PAGE)
    assert _decode_facts(_facts(facts)) == facts
