"""kramdown's typographic conversions (``smart_quotes`` and typographic symbols), with symbolic entities.

Grammar (in text, not in code spans or raw HTML)::

    "---"  → &mdash;        "--"  → &ndash;        "..." → &hellip;
    "<<"   → &laquo;        ">>"  → &raquo;
    '  "   → &lsquo; &rsquo; &ldquo; &rdquo;   (opening after space or start, closing otherwise;
                                             an apostrophe inside a word is &rsquo;)

``entity_output: symbolic``: kramdown writes the entities it makes by name (``&rsquo;``) and leaves
every character of the source as it is (``£``, ``€``, en dash, ellipsis and U+00A0 stay UTF-8; checked
with kramdown 2.4), which is also what Python-Markdown does, so no entity conversion is needed.

Built on Python-Markdown's ``smarty`` patterns with kramdown's entity names; they run as a second
inline pass over the finished tree, like smarty's own tree processor.
"""

from __future__ import annotations

from typing import cast

import markdown
from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import InlineProcessor

from govpress.dialect.registry import RenderContext

KRAMDOWN_SUBSTITUTIONS = {
    "left-angle-quote": "&laquo;",
    "right-angle-quote": "&raquo;",
    "ndash": "&ndash;",
    "mdash": "&mdash;",
    "ellipsis": "&hellip;",
    "left-single-quote": "&lsquo;",
    "right-single-quote": "&rsquo;",
    "left-double-quote": "&ldquo;",
    "right-double-quote": "&rdquo;",
}


def make_typography(md: markdown.Markdown, context: RenderContext) -> InlineProcessor:
    """Factory: an inline pass holding smarty's patterns with kramdown's entities."""
    smarty = SmartyExtension(substitutions=KRAMDOWN_SUBSTITUTIONS)
    smarty.inlinePatterns = markdown.util.Registry()
    smarty.educateEllipses(md)
    smarty.educateQuotes(md)
    smarty.educateAngledQuotes(md)
    smarty.educateDashes(md)
    for char in ('"', "'"):
        if char not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append(char)
    processor = InlineProcessor(md)
    # The stubs type this registry as holding tree processors; it holds inline patterns.
    processor.inlinePatterns = cast("markdown.util.Registry[InlineProcessor]", smarty.inlinePatterns)
    return processor
