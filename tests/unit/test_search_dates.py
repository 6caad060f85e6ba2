"""Date ranges on the publication and decision dates: validated URL arguments, range filters."""

import pytest
from werkzeug.datastructures import MultiDict

from giai.access import ANONYMOUS
from portal.search import query
from portal.search.params import InvalidParams, SearchParams
from tests.fixtures.portal.vocab import small_vocabularies


def parse(*pairs):
    return SearchParams.from_args(MultiDict(pairs), small_vocabularies())


def codes(*pairs):
    with pytest.raises(InvalidParams) as caught:
        parse(*pairs)
    return {(e.param, e.code) for e in caught.value.errors}


def test_a_range_on_each_date_becomes_a_filter_of_the_whole_search():
    params = parse(("date_from", "2020-01-01"), ("date_to", "2020-12-31"), ("decided_from", "2019-05-04"))
    filters = query.build_body(params, ANONYMOUS)["query"]["bool"]["filter"]
    assert {"range": {"date": {"gte": "2020-01-01", "lte": "2020-12-31", "format": "yyyy-MM-dd"}}} in filters
    assert {"range": {"decided": {"gte": "2019-05-04", "format": "yyyy-MM-dd"}}} in filters


def test_the_ranges_survive_in_the_links_of_the_page():
    args = parse(("date_to", "2021-06-30"), ("decided_from", "2019-05-04")).to_args(page=2)
    assert (args["date_to"], args["decided_from"], args["page"]) == ("2021-06-30", "2019-05-04", 2)
    assert "date_from" not in args


@pytest.mark.parametrize("value", ["2020", "2020-13-01", "2020-02-30", "yesterday", "2020-1-1", "20200101"])
def test_anything_but_an_iso_date_is_refused_by_name(value):
    assert codes(("decided_to", value)) == {("decided_to", "bad_date")}


def test_a_range_that_ends_before_it_starts_is_refused():
    assert codes(("date_from", "2021-01-01"), ("date_to", "2020-01-01")) == {("date_to", "date_order")}


def test_empty_inputs_of_a_form_ask_for_no_range():
    params = parse(("date_from", ""), ("date_to", " "))
    assert params.dates == {}
    assert not any("range" in c for c in query.build_body(params, ANONYMOUS)["query"]["bool"]["filter"])


def test_searches_from_urls_group_language_versions_unless_asked_not_to():
    grouped = query.build_body(parse(), ANONYMOUS)
    assert grouped["collapse"]["field"] == "version_group"
    assert "collapse" not in query.build_body(parse(("group", "0")), ANONYMOUS)
    assert parse(("group", "0")).to_args()["group"] == "0"
    assert "group" not in parse().to_args()


def test_grouped_facet_counts_and_total_count_documents_not_files():
    aggs = query.build_body(parse(("country", "UA")), ANONYMOUS)["aggs"]
    assert aggs["country"]["aggs"]["country"]["aggs"]["documents"]["cardinality"]["field"] == "version_group"
    assert aggs[query.TOTAL_DOCUMENTS]["filter"] == {"bool": {"filter": [{"terms": {"country": ["UA"]}}]}}
