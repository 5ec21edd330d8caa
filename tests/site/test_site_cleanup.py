"""Page body clean-ups: exactly one h1, legacy analytics dropped, complete legacy documents reduced to their body."""

from __future__ import annotations

from govpress.site.legacy_html.cleanup import document_body, drop_legacy_analytics, one_h1


def test_a_page_without_h1_gets_its_title() -> None:
    assert one_h1("<p>x</p>", "A & B") == '<h1 class="govuk-heading-xl">A &amp; B</h1>\n<p>x</p>'


def test_later_h1s_become_h2s_and_empty_ones_go() -> None:
    body = '<h1 id="a">One</h1><h1></h1><p>x</p><h1 class="c">Two</h1>'
    assert one_h1(body, "T") == '<h1 id="a">One</h1><p>x</p><h2 class="c">Two</h2>'


def test_legacy_analytics_are_dropped_other_scripts_kept() -> None:
    body = "<p>a</p><script>var _gaq = _gaq || [];</script>\n<script src='//platform.twitter.com/widgets.js'></script>"
    assert drop_legacy_analytics(body) == "<p>a</p><script src='//platform.twitter.com/widgets.js'></script>"


def test_a_complete_document_keeps_its_body_without_the_legacy_header() -> None:
    document = (
        "<html><head><title>T</title></head><body>\n<div class='header'><div>logo</div><p>x</p></div>\n"
        "<h1>Page not found</h1>{include footer.html}\n</body></html>"
    )
    assert document_body(document) == "\n\n<h1>Page not found</h1>"
