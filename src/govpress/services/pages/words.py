"""The explorer's and dashboards' interface text made in Python, in the site's language.

Text govpress writes on these pages (column names, captions, KPI names, page titles, notes on stale figures) is an
English message marked with ``N_`` where it is made, and translated by :class:`Words`, which the pages are made
with: ``words(MESSAGE)`` is the message in the page's language, ``words.period(period)`` a period's name in it.
English periods are written as Transactions Explorer wrote them (``Apr 2013 to Mar 2014``, ``Jul to Sep 2012``);
another language's month names come from Babel (``Ebr 2013 i Maw 2014``). Data (service and department names,
notes) is never translated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from govpress.i18n import N_, babel_locale, interface_language, translations
from govpress.services.model import Period, PeriodKind
from govpress.services.periods import period_label

if TYPE_CHECKING:
    from babel import Locale
    from jinja2 import Environment

Gettext = Callable[[str], str]
PERIOD_RANGE = N_("%(start)s to %(end)s")  # "Apr 2013 to Mar 2014"; a quarter: "Jul to Sep 2012"
MONTH_YEAR = "MMM y"  # Babel's pattern: "Ebr 2013"
MONTH = "MMM"


def _english(message: str) -> str:
    return message


@dataclass(frozen=True)
class Words:
    """Interface text in ``language``: ``gettext`` is that language's catalogue's (English: the message itself)."""

    language: str = "en"
    gettext: Gettext = field(default=_english)

    def __call__(self, message: str) -> str:
        return self.gettext(message)

    @cached_property
    def locale(self) -> Locale:
        """Babel's locale of the language, looked up once per :class:`Words` (a page names dozens of periods)."""
        return babel_locale(self.language)

    def period(self, period: Period) -> str:
        """The period's name: ``Apr 2013 to Mar 2014``, a quarter ``Jul to Sep 2012`` (in the language's words)."""
        if self.language.split("-")[0].lower() == "en":  # English: no locale to look up
            return period_label(period)
        locale = self.locale
        if locale.language == "en":
            return period_label(period)
        from babel.dates import format_date

        end = format_date(period.end, MONTH_YEAR, locale=locale)
        quarter = period.kind is PeriodKind.QUARTER and period.start.year == period.end.year
        start = format_date(period.start, MONTH if quarter else MONTH_YEAR, locale=locale)
        return self.gettext(PERIOD_RANGE) % {"start": start, "end": end}


ENGLISH = Words()


def words_for(environment: Environment) -> Words:
    """The words of ``environment``'s interface language."""
    language = interface_language(environment)
    return Words(language, translations(language).gettext)
