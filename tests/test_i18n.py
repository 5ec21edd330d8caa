"""The message catalogues: the template (``messages.pot``) holds every string the code and templates mark, each
language's ``.po`` translates every one of them with the same placeholders, and the committed ``.mo`` is the ``.po``
compiled. Run ``pybabel`` as docs/languages.md says when one of these fails."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import Environment

from govpress.i18n import LOCALE_DIR, display_date, gettext_for, install_language, translations

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "govpress"
LANGUAGES = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%")
TAG = re.compile(r"<[^>]+>")
QUOTE = "\u2019"  # Welsh text uses the typographic apostrophe


def _catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalog: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def _extracted() -> set[str]:
    """What pybabel would extract now (babel.cfg's method map, the ``N_`` keyword besides gettext's own)."""
    config = io.StringIO((REPO / "babel.cfg").read_text(encoding="utf-8"))
    method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found = extract_from_dir(str(PACKAGE), method_map, options_map, keywords=keywords)
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def test_the_template_holds_every_marked_string() -> None:
    extracted = _extracted()
    template = _ids(_catalog(LOCALE_DIR / "messages.pot"))
    assert extracted - template == set(), "strings not in messages.pot: run pybabel extract (docs/languages.md)"
    assert template - extracted == set(), "strings no longer used in messages.pot: run pybabel extract"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_with_its_placeholders_and_tags(language: str) -> None:
    catalog = _catalog(LOCALE_DIR / language / "LC_MESSAGES" / "messages.po")
    assert _ids(catalog) == _ids(_catalog(LOCALE_DIR / "messages.pot")), f"run pybabel update -l {language}"
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string or ())
        assert all(strings), f"{language}: untranslated: {ids[0]!r}"
        assert not message.fuzzy, f"{language}: fuzzy: {ids[0]!r}"
        expected = sorted(set(PLACEHOLDER.findall(ids[-1])) - {"%(num)s"})
        for string in strings:
            assert sorted(set(PLACEHOLDER.findall(string)) - {"%(num)s"}) == expected, f"{language}: {string!r}"
            assert len(TAG.findall(string)) == len(TAG.findall(ids[0])), f"{language}: tags differ: {string!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_is_the_po_compiled(language: str) -> None:
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(folder / "messages.po"))
    assert (folder / "messages.mo").read_bytes() == compiled.getvalue(), f"run pybabel compile -d {LOCALE_DIR}"


def test_english_needs_no_catalogue_and_welsh_has_one() -> None:
    assert translations("en").gettext("Skip to main content") == "Skip to main content"
    assert translations("cy").gettext("Skip to main content") == f"Neidio i{QUOTE}r prif gynnwys"
    assert translations("cy-GB").gettext("© Crown copyright") == "© Hawlfraint y Goron"
    assert translations("fr").gettext("Menu") == "Menu"  # no catalogue: English text


def test_templates_translate_with_placeholders_escaped() -> None:
    environment = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    install_language(environment, "cy")
    template = environment.from_string('{{ _("Run by %(organisation)s.", organisation=name) }}')
    assert template.render(name="<Cyngor & Co>") == "Yn cael ei redeg gan &lt;Cyngor &amp; Co&gt;."
    plural = '{{ ngettext("%(num)s response published.", "%(num)s responses published.", n) }}'
    assert environment.from_string(plural).render(n=1) == f"1 ymateb wedi{QUOTE}i gyhoeddi."
    assert environment.from_string(plural).render(n=4) == f"4 ymateb wedi{QUOTE}u cyhoeddi."


def test_dates_are_written_in_the_language() -> None:
    assert display_date(date(2012, 11, 5), "en") == "5 November 2012"
    assert display_date(date(2025, 12, 1), "cy") == "1 Rhagfyr 2025"
    assert display_date(date(2026, 3, 9), "en-GB") == "9 March 2026"
    assert display_date(date(2026, 3, 9), "xx-unknown") == "9 March 2026"


def test_gettext_for_reuses_the_catalogue_the_environment_was_given(monkeypatch: pytest.MonkeyPatch) -> None:
    environment = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    install_language(environment, "cy")

    def read_again(language: str) -> None:
        raise AssertionError(f"the {language} catalogue was read again")

    monkeypatch.setattr("govpress.i18n.translations", read_again)
    assert gettext_for(environment)("Home") == "Hafan"
