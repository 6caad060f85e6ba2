"""The UI locale: from the URL, remembered in a cookie, first guessed from Accept-Language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from flask import Request, g, request
from flask_babel import get_locale, get_translations
from jinja2 import Environment
from werkzeug.routing import AnyConverter, Map

from portal.vocabulary import DEFAULT_LOCALE, UI_LOCALES

COOKIE = "giai_locale"
RTL_LOCALES = frozenset({"ar"})
COOKIE_MAX_AGE_S = 365 * 24 * 3600


def guess_locale(req: Request) -> str:
    """The remembered choice, else the browser's best match, else English."""
    remembered = req.cookies.get(COOKIE)
    if remembered in UI_LOCALES:
        return remembered
    return req.accept_languages.best_match(UI_LOCALES) or DEFAULT_LOCALE


def select_locale() -> str:
    """Flask-Babel's selector: the URL's locale on pages, `?locale=` or the guess elsewhere (API)."""
    if g.get("locale"):
        return g.locale
    asked = request.args.get("locale")
    return asked if asked in UI_LOCALES else guess_locale(request)


def translations():
    """This request's message catalogue. Flask-Babel looks it up anew at every call, through
    several context proxies (~10 µs), and a results page translates ~70 strings: kept in `g`."""
    found = g.get("_giai_translations")
    if found is None:
        found = g._giai_translations = get_translations()
    return found


def current_locale() -> str:
    """This request's locale ("fr"), as `get_locale()` has it, kept in `g` like `translations()`:
    a results page formats ~60 lists and dates, and each lookup went through several proxies."""
    found = g.get("_giai_locale")
    if found is None:
        found = g._giai_locale = str(get_locale())
    return found


def install_gettext(env: Environment) -> None:
    """The templates' `_`, `ngettext`, `pgettext` and `npgettext`, reading `translations()`
    (in place of Flask-Babel's, which read its lookup)."""
    env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )


def format_items(items: Iterable[str]) -> str:
    """Items joined as the UI language lists them ("a, b et c", "a, b и c")."""
    return _joined(tuple(str(item) for item in items), current_locale())


@lru_cache(maxsize=4096)
def _joined(items: tuple[str, ...], locale: str) -> str:
    # A results page lists the languages of each of its hits: the same few lists again and again.
    return format_list(list(items), locale=locale)


def format_day(day: dt.date | str, width: str = "medium") -> str:
    """A date (or an ISO date string, as the API's case law carries it) as the UI language writes
    it (`width`: short, medium, long or full)."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return _day(day, width, current_locale())


@lru_cache(maxsize=16_384)
def _day(day: dt.date, width: str, locale: str) -> str:
    # Babel takes ~40 µs a date and a results page shows twenty; dates repeat from page to page.
    return format_date(day, width, locale=locale)


@lru_cache(maxsize=16_384)
def format_count(count: int, locale: str) -> str:
    """A count as `locale` writes it ("12,345", "12 345"). A results page shows a few hundred
    (its facets), mostly the same small numbers, and Babel takes ~20 µs for each: kept."""
    return format_decimal(count, locale=locale)


def text_direction(locale: str) -> str:
    return "rtl" if locale in RTL_LOCALES else "ltr"


class LocaleConverter(AnyConverter):
    """`<locale:locale>` in a route matches exactly the UI locales."""

    def __init__(self, url_map: Map):
        super().__init__(url_map, *UI_LOCALES)
