"""repair_query: what simple_query_string would misread is dropped and reported."""

import pytest

from portal.search.syntax import UNBALANCED_BRACKET, UNCLOSED_QUOTE, repair_query, to_simple_query_string


@pytest.mark.parametrize("text", ['"crimes against humanity"', "torture -Syria", "(a OR b) c", "tortur*", ""])
def test_well_formed_queries_pass_unchanged(text):
    assert repair_query(text) == (text, ())


def test_an_unclosed_quote_is_dropped():
    assert repair_query('"enforced disappearance') == ("enforced disappearance", (UNCLOSED_QUOTE,))


def test_only_the_stray_quote_goes_when_a_phrase_is_closed():
    assert repair_query('"war crimes" and "Ukraine') == ('"war crimes" and Ukraine', (UNCLOSED_QUOTE,))


def test_an_unclosed_bracket_is_dropped():
    assert repair_query("(torture OR genocide") == ("torture OR genocide", (UNBALANCED_BRACKET,))


def test_a_closing_bracket_without_opener_is_dropped():
    assert repair_query("torture) Syria") == ("torture Syria", (UNBALANCED_BRACKET,))


def test_brackets_inside_a_phrase_are_words():
    assert repair_query('"article 7(1)(h"') == ('"article 7(1)(h"', ())


def test_both_problems_are_reported():
    assert repair_query('("a') == ("a", (UNCLOSED_QUOTE, UNBALANCED_BRACKET))


def test_whitespace_is_collapsed():
    assert repair_query("  war \n crimes ") == ("war crimes", ())


@pytest.mark.parametrize(("typed", "sent"), [
    ("genocide OR torture", "genocide | torture"),
    ("war AND crimes", "war + crimes"),
    ('"war OR peace" OR torture', '"war OR peace" | torture'),
    ("Oregon or ORANGE", "Oregon or ORANGE"),
    ("(a OR b) -c", "(a | b) -c"),
])
def test_or_and_and_become_simple_query_string_operators(typed, sent):
    assert to_simple_query_string(typed) == sent
