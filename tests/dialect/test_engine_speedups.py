"""The engine's speed-ups change nothing: the quick inline stage, the quick block parser and a reused engine give the
same HTML and problems as Python-Markdown's own inline stage and block parser and a fresh ``Markdown`` instance, on
the whole legacy corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown.blockparser import BlockParser

import govpress.dialect
from govpress.commitments.legacy.load import load_legacy
from govpress.dialect import ENGINE_PROCESSORS, PROCESSORS, DialectEngine
from govpress.dialect.block_stage import QuickBlockParser
from govpress.dialect.context import DialectContext
from govpress.dialect.inline_stage import NEEDS
from govpress.problems import Problem
from govpress.render import RenderResult, render_document, render_html_includes, render_markdown


def _corpus_renders(source: Path, engine: DialectEngine | None = None) -> list[RenderResult]:
    """Every document folder, every Markdown partial and every HTML page of the corpus, rendered."""
    results: list[RenderResult] = []
    folders = sorted({p.parent for p in source.rglob("*.md") if "partials" not in p.relative_to(source).parts})
    for folder in folders:
        results.append(render_document(sorted(folder.glob("*.md")), source_dir=source, engine=engine))
    for path in sorted((source / "partials").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        results.append(render_markdown(text, path=path, source_dir=source, toc=False, engine=engine))
    for path in sorted(source.rglob("*.html")):
        if "partials" not in path.relative_to(source).parts and path.name != "meta.html":
            html = path.read_text(encoding="utf-8")
            results.append(render_html_includes(html, path=path, source_dir=source, engine=engine))
    return results


def test_the_quick_inline_stage_gives_the_stock_output(corpus_source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quick = _corpus_renders(corpus_source)
    stock_table = tuple(p for p in PROCESSORS if p not in ENGINE_PROCESSORS)
    monkeypatch.setattr(govpress.dialect, "PROCESSORS", stock_table)
    stock = _corpus_renders(corpus_source)
    assert len(quick) == len(stock) > 70
    for ours, theirs in zip(quick, stock, strict=True):
        assert ours.html == theirs.html
        assert ours.problems == theirs.problems


def test_the_quick_block_parser_gives_the_stock_output(corpus_source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    md = govpress.dialect.dialect_markdown(DialectContext())
    assert type(md.parser) is QuickBlockParser
    assert all(processor.parser is md.parser for processor in md.parser.blockprocessors)  # the very parser, changed
    quick = _corpus_renders(corpus_source, DialectEngine())
    monkeypatch.setattr(govpress.dialect, "quicken", lambda md: None)
    assert type(govpress.dialect.dialect_markdown(DialectContext()).parser) is BlockParser
    stock = _corpus_renders(corpus_source, DialectEngine())
    assert len(quick) == len(stock) > 70
    assert [(r.html, r.problems) for r in quick] == [(r.html, r.problems) for r in stock]


SAMPLES = {
    "backtick": "a `code` b",
    "timestamp": "{TIMESTAMP}",
    "pdf_link": "{PDF=strategy.pdf}",
    "escape": "a \\* b",
    "kramdown_footnote_reference": "a[^1] b",
    "reference": "[a][b]",
    "link": "[a](b)",
    "image_link": "![a](b.png)",
    "image_reference": "![a][b]",
    "short_reference": "[a]",
    "short_image_ref": "![a]",
    "autolink": "<https://www.gov.uk/>",
    "automail": "<someone@example.org>",
    "linebreak": "a  \nb",
    "html": "<span>a</span>",
    "kramdown_symbolic_entities": "&#163;",
    "entity": "&pound;",
    "superscript": "x^2^",
    "em_strong": "*a* _b_",
}


def test_each_skipped_pattern_needs_what_the_table_says(corpus_source: Path) -> None:
    """A pattern matches its sample, and finds nothing in it (or in any corpus file) once every string it needs is
    taken out."""
    md = govpress.dialect.dialect_markdown(DialectContext())
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_source.rglob("*.md"))]
    assert set(NEEDS) == set(SAMPLES)
    for name, needs in NEEDS.items():
        assert name in md.inlinePatterns
        expression = md.inlinePatterns[name].compiled_re
        assert expression.search(SAMPLES[name]), name
        for text in [SAMPLES[name], *texts]:
            without = re.sub("|".join(re.escape(n) for n in needs), "", text)
            assert expression.search(without) is None, (name, without[:80])


def test_a_reused_engine_gives_what_fresh_ones_give(corpus_source: Path, corpus_dir: Path) -> None:
    engine = DialectEngine()
    assert [(r.html, r.problems) for r in _corpus_renders(corpus_source, engine)] == [
        (r.html, r.problems) for r in _corpus_renders(corpus_source)
    ]
    statements = [r.text for r in load_legacy(corpus_dir).responses]
    reused = [render_markdown(text, toc=False, engine=engine) for text in statements]
    fresh = [render_markdown(text, toc=False) for text in statements]
    assert [r.html for r in reused] == [r.html for r in fresh]


def test_nothing_leaks_from_one_render_into_the_next() -> None:
    engine = DialectEngine()
    warned = render_markdown("{pull}\n\nText.[^1]\n\n[^1]: A note.\n\n*[HTML]: Hypertext\n", engine=engine)
    clean = render_markdown("Text about HTML.[^1]\n", engine=engine)
    assert [p.message for p in warned.problems] == ["{pull} has no block before it to mark"]
    assert clean.problems == ()
    assert clean.html == render_markdown("Text about HTML.[^1]\n").html
    assert "footnote" not in clean.html and "<abbr" not in clean.html


def test_problems_land_in_each_render_s_own_list() -> None:
    engine = DialectEngine()
    first, second = DialectContext(), DialectContext()
    engine.convert("{pull}\n", first)
    engine.convert("Plain.\n", second)
    assert [type(p) for p in first.problems] == [Problem]
    assert second.problems == []
