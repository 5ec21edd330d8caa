"""The kramdown oracle: Debian's ruby-kramdown 2.4 and govpress's kramdown layer read the same corpus files.

Which files: every corpus Markdown file (documents' ``.md`` files and ``partials/**/*.md``) that kramdown
can read without the legacy pre-processor changing its structure first. A file is left out when it holds

- ``{include …}``: its content lives in other files, pasted in before kramdown runs;
- ``{{DEPARTMENTRESPONSE}}``: department mode rewrites every ``##`` heading into raw HTML.

Every other legacy rule rewrites text inside one block (section and annex headings stay headings,
``{pull}`` and ``{div …}`` lines stay one-line paragraphs, ``^x^``, ``{TIMESTAMP}``, ``{PDF=…}`` and the
character rules change text only), so the raw file is still plain kramdown input and both engines must
agree on it. Both renderings are reduced to the sequence of (tag, class, id) of their elements, which
must be identical for at least 88 files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.dialect.kramdown import kramdown_markdown
from govpress.dialect.registry import RenderContext
from support.kramdown_oracle import (
    KramdownUnavailableError,
    element_signature,
    normalise,
    render_with_kramdown,
)

pytestmark = pytest.mark.kramdown

STRUCTURAL_TAGS = ("{include ", "{{DEPARTMENTRESPONSE}}")
REQUIRED_IDENTICAL = 88
KNOWN_TEXT_DIFFERENCE = "partials/case-studies/_open-policy.md"  # kramdown escapes the tweet's end tags


def oracle_files(source: Path) -> list[Path]:
    """The corpus Markdown files kramdown can read as they are (see the module docstring)."""
    return [
        path
        for path in sorted(source.rglob("*.md"))
        if not any(tag in path.read_text(encoding="utf-8") for tag in STRUCTURAL_TAGS)
    ]


def kramdown_render_texts(texts: list[str]) -> list[str]:
    """Render every text with ruby kramdown; skip the test loudly when it cannot run."""
    try:
        return render_with_kramdown(texts)
    except KramdownUnavailableError as error:
        pytest.skip(f"SKIPPED: the kramdown oracle needs ruby-kramdown: {error}")


def kramdown_render_all(paths: list[Path]) -> dict[str, str]:
    """Render every file with ruby kramdown, keyed by path."""
    texts = [path.read_text(encoding="utf-8") for path in paths]
    return dict(zip((str(path) for path in paths), kramdown_render_texts(texts), strict=True))


def govpress_render(path: Path) -> str:
    """Render one file with the kramdown layer only."""
    return kramdown_markdown(RenderContext(path=path)).convert(path.read_text(encoding="utf-8"))


Rendering = tuple[str, str, str]


@pytest.fixture(scope="module")
def renderings(corpus_source: Path) -> list[Rendering]:
    """(relative path, kramdown's HTML, govpress's HTML) for every oracle file."""
    paths = oracle_files(corpus_source)
    truth = kramdown_render_all(paths)
    return [(str(path.relative_to(corpus_source)), truth[str(path)], govpress_render(path)) for path in paths]


def test_selection_rule_keeps_about_ninety_files(corpus_source: Path) -> None:
    assert 85 <= len(oracle_files(corpus_source)) <= 95


def test_kramdown_and_govpress_agree_on_the_corpus(renderings: list[Rendering]) -> None:
    differing = [name for name, truth, ours in renderings if element_signature(truth) != element_signature(ours)]
    identical = len(renderings) - len(differing)
    assert identical >= REQUIRED_IDENTICAL, f"{identical}/{len(renderings)} identical; differing: {differing}"


def test_text_and_entities_agree_too(renderings: list[Rendering]) -> None:
    """Stricter: the normalised HTML (tags, attributes, text, entity names) is identical."""
    differing = [name for name, truth, ours in renderings if normalise(truth) != normalise(ours)]
    assert set(differing) <= {KNOWN_TEXT_DIFFERENCE}, differing


def test_normalise_ignores_layout_but_not_entities() -> None:
    assert normalise('<p class="a" id="b">x\n  <br />y</p>') == normalise('<p id="b" class="a">x <br>y</p>')
    assert normalise("<p>&rsquo;</p>") != normalise("<p>\u2019</p>")


def test_signature_sees_tag_class_and_id() -> None:
    assert element_signature('<p class="a" id="b">x<em>y</em></p>') == [("p", "a", "b"), ("em", "", "")]


def test_the_history_drafts_agree_exactly(corpus_dir: Path) -> None:
    """The historic drafts (the README's sample document shows every syntax, abbreviations included)."""
    paths = sorted((corpus_dir / "history").rglob("*.md"))
    assert paths, "no history drafts found"
    truth = kramdown_render_all(paths)
    differing = [path.name for path in paths if normalise(truth[str(path)]) != normalise(govpress_render(path))]
    assert not differing
