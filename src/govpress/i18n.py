"""Interface text in the page's language: govpress's gettext message catalogues (read with Babel) and dates.

Every string govpress itself puts on a page (the layout's skip link, footer, headings and table headers of the
generated pages, "Last updated") is an English message id marked in the templates with ``_()`` (Jinja2's
``jinja2.ext.i18n``, new-style: ``_("%(n)s services", n=3)``) or in Python with :func:`N_`, and translated from
``locale/<language>/LC_MESSAGES/messages.mo``. English needs no catalogue: the message ids are the English text.
A language without a catalogue falls back to English text (its dates are still in that language when Babel knows
it). ``docs/languages.md`` says how to add a string or a language.
"""

from __future__ import annotations

import gettext
import logging
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

# Babel and Jinja2 are imported where they are used: the settings mark their strings with N_ (brand.py), and the
# settings are read at start-up (`govpress --help` need not load either).
if TYPE_CHECKING:
    from babel import Locale
    from jinja2 import Environment

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"  # the message ids' language: a page's when it says none
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")  # a language tag (BCP 47's shape: en, en-GB, cy)
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
EXTENSION = "jinja2.ext.i18n"
DATE_FORMAT = "d MMMM y"  # 5 November 2012; 5 Tachwedd 2012
LANGUAGE_GLOBAL = "interface_language"
TRANSLATED_FILTER = "translated"
PLURAL_SEARCH = 1000  # the numbers looked through for a sample of each plural category


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools know)
    """Mark ``message`` for the catalogue where it is made; it is translated where it is shown (``_(value)``)."""
    return message


def babel_locale(language: str) -> Locale:
    """Babel's locale of a language tag (``cy``, ``en-GB``): the whole tag, else its language, else English."""
    from babel import Locale, UnknownLocaleError

    for tag in (language, language.split("-")[0]):
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    logger.debug("no locale data for %r: English dates", language)
    return Locale("en")


def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language`` (English text when govpress has none for it)."""
    from babel.support import Translations

    locale = babel_locale(language)
    found = Translations.load(str(LOCALE_DIR), [str(locale), locale.language], DOMAIN)
    if not isinstance(found, Translations) and locale.language != "en":
        logger.info("no interface translation for %r: the interface is in English", language)
    return found


def install_language(environment: Environment, language: str) -> None:
    """Translate ``environment``'s ``_``, ``gettext`` and ``ngettext`` (of :data:`EXTENSION`), and its
    ``translated`` filter, into ``language``."""
    catalogue = translations(language)
    environment.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
    environment.globals[LANGUAGE_GLOBAL] = language
    # ``value | translated``: a value made in code or set in the settings (marked with N_ where govpress makes it),
    # looked up as it is: no %-formatting, and escaped as any text (``_()`` would take it for trusted markup).
    environment.filters[TRANSLATED_FILTER] = catalogue.gettext


def interface_language(environment: Environment) -> str:
    """The language :func:`install_language` gave ``environment`` (English when none)."""
    language = environment.globals.get(LANGUAGE_GLOBAL)
    return language if isinstance(language, str) else "en"


def gettext_for(environment: Environment) -> Callable[[str], str]:
    """Python's ``gettext`` in ``environment``'s language: for text made in code (marked with :func:`N_`). The
    catalogue :func:`install_language` gave the environment (read once, not per page), else the language's."""
    installed = environment.filters.get(TRANSLATED_FILTER)
    if installed is not None and LANGUAGE_GLOBAL in environment.globals:
        return cast(Callable[[str], str], installed)
    return translations(interface_language(environment)).gettext


def plural_samples(language: str) -> dict[str, int]:
    """A number of each of ``language``'s CLDR plural categories (``Intl.PluralRules`` in a browser names them):
    ``{"one": 1, "other": 0}`` in English; Welsh has ``zero``, ``one``, ``two``, ``few``, ``many`` and ``other``.
    ``ngettext(…, n)`` of each gives the message a script shows for any count of that category."""
    rule = babel_locale(language).plural_form
    samples: dict[str, int] = {}
    for number in range(PLURAL_SEARCH):
        samples.setdefault(rule(number), number)
    return dict(sorted(samples.items()))


def display_date(when: date, language: str) -> str:
    """``5 November 2012`` in ``language`` (``5 Tachwedd 2012`` in Welsh)."""
    from babel.dates import format_date

    return format_date(when, DATE_FORMAT, locale=babel_locale(language))
