"""Every paragraph, list item, heading and table cell of the corpus sources appears in its built page."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_support import BuiltSite
from text_completeness import included_partials, missing_runs, source_runs

from govpress.site.build import build_site
from govpress.site.sources.discover import discover

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_site(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    out = tmp_path_factory.mktemp("corpus-text")
    return BuiltSite(out, build_site(corpus_dir, out, jobs=2))


def test_the_comparison_sees_words_not_markup() -> None:
    runs = source_runs("##01 Big [linked words](/x) here[^1] and more\n{: .fig}\n| Cell one two | 3 |\n")
    assert runs == [(1, "01 big linked words here"), (3, "cell one two")]


def test_every_document_is_complete(corpus_site: BuiltSite, corpus_source: Path) -> None:
    missing: list[str] = []
    for document in discover(corpus_source).documents:
        page = (corpus_site.out / document.output).read_text(encoding="utf-8")
        sources = list(document.files)
        for path in document.files:
            sources += included_partials(path.read_text(encoding="utf-8"), corpus_source)
        missing += missing_runs(sources, page)
    # Built without --pdf, each document's "Also available in PDF format" is left out on purpose (no page links to a
    # PDF the build did not make: tests/site/test_site_pdf_offers.py); every other run is there.
    offers = [run for run in missing if run.partition(": ")[2] in ("also available in", "also available in pdf format")]
    assert len(offers) == 5
    assert [run for run in missing if run not in offers] == []


def test_every_html_page_is_complete(corpus_site: BuiltSite, corpus_source: Path) -> None:
    missing: list[str] = []
    for html_page in discover(corpus_source).html_pages:
        page = (corpus_site.out / html_page.output).read_text(encoding="utf-8")
        text = html_page.path.read_text(encoding="utf-8")
        sources = [html_page.path, *included_partials(text, corpus_source)]
        missing += [f"{html_page.output}: {m}" for m in missing_runs(sources, page)]
    assert missing == []
