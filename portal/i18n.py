"""The UI locale: from the URL, remembered in a cookie, first guessed from Accept-Language."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from babel.lists import format_list
from babel.numbers import format_decimal
from flask import Request, g, request
from flask_babel import get_locale
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


def format_items(items: Iterable[str]) -> str:
    """Items joined as the UI language lists them ("a, b et c", "a, b и c")."""
    return format_list([str(item) for item in items], locale=get_locale())


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
