"""The UI catalogs: complete in every language, placeholders intact, in step with the code."""

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from giai import PROJECT_ROOT
from portal.vocabulary import UI_LOCALES

TRANSLATIONS = PROJECT_ROOT / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalog(locale):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=locale)


def entries(locale):
    return [m for m in catalog(locale) if m.id]


def forms(message):
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


@pytest.mark.parametrize("locale", UI_LOCALES)
def test_every_message_is_translated(locale):
    untranslated = [m.id for m in entries(locale) if not all(forms(m))]
    assert untranslated == []


@pytest.mark.parametrize("locale", UI_LOCALES)
def test_no_translation_is_fuzzy(locale):
    assert [m.id for m in entries(locale) if m.fuzzy] == []


@pytest.mark.parametrize("locale", UI_LOCALES)
def test_placeholders_survive_translation(locale):
    broken = []
    for m in entries(locale):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        wanted = set().union(*(PLACEHOLDER.findall(i) for i in ids))
        if any(set(PLACEHOLDER.findall(form)) != wanted for form in forms(m)):
            broken.append(m.id)
    assert broken == []


@pytest.mark.parametrize("locale", UI_LOCALES)
def test_plural_messages_have_every_form_of_the_language(locale):
    cat = catalog(locale)
    assert all(len(forms(m)) == cat.num_plurals for m in entries(locale) if isinstance(m.id, tuple))


def test_every_message_in_the_code_is_in_the_catalogs():
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.xml", "jinja2")]
    in_code = {msg[2] if isinstance(msg[2], str) else msg[2][0]
               for msg in extract_from_dir(PROJECT_ROOT / "portal", method_map, keywords={"_": None, "_l": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None})}
    for locale in UI_LOCALES:
        in_catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in entries(locale)}
        assert in_code - in_catalog == set(), locale
