"""SearchParams.from_args: one validated request object, or a 400 naming every bad parameter."""

import pytest
from werkzeug.datastructures import MultiDict

from portal.search.params import MAX_QUERY_CHARS, Cursor, InvalidParams, SearchParams
from tests.fixtures.portal.vocab import small_vocabularies

VOCAB = small_vocabularies()


def parse(*pairs, page_size=20):
    return SearchParams.from_args(MultiDict(pairs), VOCAB, page_size)


def codes(*pairs):
    with pytest.raises(InvalidParams) as caught:
        parse(*pairs)
    return {(e.param, e.code) for e in caught.value.errors}


def test_no_arguments_is_every_document_newest_first():
    params = parse()
    assert (params.q, params.filters, params.sort, params.page) == ("", {}, "newest", 1)


def test_a_query_sorts_by_relevance_by_default():
    assert parse(("q", "torture")).sort == "relevance"


def test_repeated_facet_parameters_select_several_values():
    params = parse(("country", "UA"), ("country", "CD"), ("crime_type", "torture"))
    assert params.filters == {"country": ("UA", "CD"), "crime_type": ("torture",)}


def test_country_codes_are_accepted_in_lower_case():
    assert parse(("country", "ua")).filters == {"country": ("UA",)}


def test_duplicate_and_blank_values_are_dropped():
    assert parse(("country", "UA"), ("country", "UA"), ("country", " ")).filters == {"country": ("UA",)}


def test_unknown_facet_value_is_refused_with_its_name():
    with pytest.raises(InvalidParams) as caught:
        parse(("crime_type", "piracy"))
    error = caught.value.errors[0]
    assert (error.param, error.code, error.details["values"]) == ("crime_type", "unknown_value", ["piracy"])


def test_every_bad_parameter_is_reported_at_once():
    assert codes(("country", "XX"), ("page", "0"), ("sort", "random")) == {
        ("country", "unknown_value"), ("page", "bad_page"), ("sort", "unknown_sort")}


@pytest.mark.parametrize("page", ["0", "-1", "1000000", "abc", "1.5", "501"])
def test_pages_outside_one_to_the_result_window_are_refused(page):
    assert codes(("page", page)) == {("page", "bad_page")}


def test_the_last_reachable_page_is_the_result_window_over_the_page_size():
    assert parse(("page", "500")).page == 500
    assert parse(("page", "1000"), page_size=10).page == 1000


def test_a_query_longer_than_the_limit_is_refused():
    assert codes(("q", "a" * 10_000)) == {("q", "too_long")}
    assert parse(("q", "a" * MAX_QUERY_CHARS)).q == "a" * MAX_QUERY_CHARS


def test_broken_syntax_is_repaired_and_noted():
    params = parse(("q", '"enforced disappearance'))
    assert params.q == "enforced disappearance"
    assert params.notes == ("unclosed_quote",)


def test_years_are_validated_as_years():
    assert parse(("year", "2020")).filters == {"year": ("2020",)}
    assert codes(("year", "twenty")) == {("year", "unknown_value")}
    assert codes(("year", "99999")) == {("year", "unknown_value")}


def test_too_many_values_of_one_facet_are_refused():
    assert codes(*[("year", str(1950 + i)) for i in range(60)]) == {("year", "too_many_values")}


def test_unknown_arguments_are_ignored():
    assert parse(("utm_source", "mail"), ("q", "x")).q == "x"


def test_a_cursor_round_trips_and_sets_the_offset():
    cursor = Cursor("newest", (1700000000000, "doc-9"), 40)
    params = parse(("cursor", cursor.encode()))
    assert params.cursor == cursor
    assert params.offset == 40
    assert params.sort == "newest"


@pytest.mark.parametrize("text", ["garbage", "e30", "eyJzIjoibmV3ZXN0IiwiYSI6W10sIm4iOjF9"])
def test_a_forged_cursor_is_refused(text):
    assert codes(("cursor", text)) == {("cursor", "bad_cursor")}


@pytest.mark.parametrize("sort, after", [
    ("newest", ("2021-01-01", "doc")),  # dates are epoch milliseconds
    ("relevance", ("high", "doc")),
    ("oldest", (1700000000000,)),
    ("relevance", (1.5, "doc", "extra")),
    ("newest", (1700000000000, 7)),  # ids are strings
    ("oldest", (True, "doc")),
])
def test_a_cursor_whose_values_do_not_fit_its_sort_is_refused(sort, after):
    assert codes(("cursor", Cursor(sort, after, 20).encode())) == {("cursor", "bad_cursor")}


def test_a_relevance_cursor_takes_a_whole_or_fractional_score():
    for score in (3, 2.75):
        assert parse(("cursor", Cursor("relevance", (score, "doc"), 20).encode())).cursor.after == (score, "doc")


def test_a_cursor_of_another_sort_order_is_refused():
    cursor = Cursor("newest", (1, "a"), 20).encode()
    assert codes(("cursor", cursor), ("sort", "oldest")) == {("cursor", "cursor_sort_mismatch")}


def test_page_and_cursor_together_are_refused():
    cursor = Cursor("newest", (1, "a"), 20).encode()
    assert codes(("cursor", cursor), ("page", "2")) == {("cursor", "page_and_cursor")}


def test_to_args_reproduces_the_search_without_default_sort():
    params = parse(("q", "x"), ("country", "UA"), ("page", "3"))
    assert params.to_args() == {"q": "x", "country": ["UA"]}


def test_to_args_keeps_a_chosen_sort_and_applies_changes():
    params = parse(("q", "x"), ("sort", "oldest"), ("country", "UA"))
    assert params.to_args(country=None, page=2) == {"q": "x", "sort": "oldest", "page": 2}


def test_with_filters_returns_to_the_first_page():
    params = parse(("country", "UA"), ("page", "4")).with_filters({})
    assert (params.filters, params.page) == ({}, 1)
