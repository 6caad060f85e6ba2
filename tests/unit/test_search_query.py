"""build_body and the other request bodies: pure dictionaries, checked without a server."""

import json
import re

from werkzeug.datastructures import MultiDict

from giai.access import ANONYMOUS, Viewer
from giai.index_schema import FACETS, LANGUAGES
from portal.search import query
from portal.search.expansion import Expansion
from portal.search.params import Cursor, SearchParams
from tests.fixtures.portal.vocab import small_vocabularies

PUBLIC_ONLY = {"term": {"access": "public"}}


def params(*pairs, page_size=20):
    return SearchParams.from_args(MultiDict(pairs), small_vocabularies(), page_size)


def nested_pages(body):
    return body["query"]["bool"]["should"][1]["nested"]


def test_the_access_filter_is_in_the_query_so_counts_obey_it():
    body = query.build_body(params(("q", "torture"), ("country", "UA")), ANONYMOUS)
    assert PUBLIC_ONLY in body["query"]["bool"]["filter"]
    assert "access" not in json.dumps(body.get("post_filter"))


def test_every_read_applies_the_viewers_access_filter():
    viewer = Viewer(user_id=7, roles=frozenset({"member"}), organisations=frozenset({"fidh"}))
    expected = json.dumps(query.access_filter(viewer))
    bodies = [
        query.build_body(params(("q", "x")), viewer),
        query.facets_body(viewer),
        query.export_body(params(("q", "x")), viewer, "pit", None, 10),
        query.document_body("d1", viewer, "x", 1),
        query.file_body("d1", viewer),
        query.siblings_body("d1", "g", viewer),
        query.related_body({"id": "d1", "crime_type": ["torture"]}, viewer),
    ]
    assert all(expected in json.dumps(body["query"]) for body in bodies)


def test_no_query_text_matches_everything_visible_without_text_clauses():
    body = query.build_body(params(), ANONYMOUS)
    assert body["query"] == {"bool": {"filter": [PUBLIC_ONLY]}}


def test_text_searches_titles_and_pages_in_all_languages_plus_neutral():
    body = query.build_body(params(("q", "torture")), ANONYMOUS)
    title = body["query"]["bool"]["should"][0]["simple_query_string"]
    pages = nested_pages(body)["query"]["simple_query_string"]
    assert {f"title_{lang}^2" for lang in LANGUAGES} | {"title^2"} <= set(title["fields"])
    assert set(pages["fields"]) == {"pages.text", *(f"pages.text_{lang}" for lang in LANGUAGES)}
    assert body["query"]["bool"]["minimum_should_match"] == 1


def test_quoted_phrases_search_the_exact_sub_fields():
    body = query.build_body(params(("q", '"war crimes"')), ANONYMOUS)
    assert nested_pages(body)["query"]["simple_query_string"]["quote_field_suffix"] == ".exact"
    assert body["query"]["bool"]["should"][0]["simple_query_string"]["quote_field_suffix"] == ".exact"


def test_only_the_documented_operators_are_enabled():
    flags = query.text_query("x", ["f"])["simple_query_string"]["flags"].split("|")
    assert "FUZZY" not in flags and "NEAR" not in flags and {"PHRASE", "NOT", "OR", "PREFIX"} <= set(flags)


def test_snippets_come_from_page_inner_hits_with_page_numbers_and_the_html_encoder():
    inner = nested_pages(query.build_body(params(("q", "torture")), ANONYMOUS))["inner_hits"]
    assert inner["highlight"]["encoder"] == "html"
    assert {"pages.number", "pages.label"} <= set(inner["docvalue_fields"])
    assert inner["_source"] is False
    assert inner["size"] == query.SNIPPET_PAGES


def test_running_headers_are_searched_at_a_fifth_of_a_summary_word():
    text = query.build_body(params(("q", "torture")), ANONYMOUS)["query"]["bool"]["should"][0]["simple_query_string"]
    assert "furniture^0.2" in text["fields"] and "summary" in text["fields"]


def test_only_the_language_fields_are_highlighted_without_a_phrase():
    inner = nested_pages(query.build_body(params(("q", "x")), ANONYMOUS))["inner_hits"]
    assert set(inner["highlight"]["fields"]) == {f"pages.text_{lang}" for lang in LANGUAGES}


def test_a_phrase_adds_the_exact_fields_to_the_highlight():
    inner = nested_pages(query.build_body(params(("q", '"x y"')), ANONYMOUS))["inner_hits"]
    assert "pages.text_ru.exact" in inner["highlight"]["fields"]


def test_a_language_filter_narrows_the_highlighted_fields():
    inner = nested_pages(query.build_body(params(("q", '"x"'), ("language", "fr")), ANONYMOUS))["inner_hits"]
    assert set(inner["highlight"]["fields"]) == {"pages.text_fr", "pages.text_fr.exact"}


def test_facet_filters_go_to_post_filter():
    body = query.build_body(params(("country", "UA"), ("country", "CD"), ("year", "2020")), ANONYMOUS)
    assert body["post_filter"] == {"bool": {"filter": [{"terms": {"country": ["UA", "CD"]}}, {"terms": {"year": [2020]}}]}}


def test_each_selected_facet_is_counted_under_every_filter_but_its_own():
    body = query.build_body(params(("country", "UA"), ("crime_type", "torture")), ANONYMOUS)
    aggs = body["aggs"]
    assert aggs["country"]["filter"] == {"bool": {"filter": [{"terms": {"crime_type": ["torture"]}}]}}
    assert aggs["crime_type"]["filter"] == {"bool": {"filter": [{"terms": {"country": ["UA"]}}]}}
    assert set(aggs["country"]["aggs"]) == {"country"}


def test_the_facets_with_nothing_selected_are_counted_together_under_every_filter():
    aggs = query.build_body(params(("country", "UA"), ("crime_type", "torture")), ANONYMOUS)["aggs"]
    together = aggs[query.UNSELECTED]
    assert set(together["aggs"]) == set(FACETS) - {"country", "crime_type"}
    assert sorted(map(json.dumps, together["filter"]["bool"]["filter"])) == sorted(
        map(json.dumps, [{"terms": {"country": ["UA"]}}, {"terms": {"crime_type": ["torture"]}}]))


def test_there_is_an_aggregation_for_every_facet_and_a_year_histogram():
    aggs = query.build_body(params(), ANONYMOUS)["aggs"]
    assert set(aggs) == {query.UNSELECTED, query.TOTAL_DOCUMENTS}
    values = aggs[query.UNSELECTED]["aggs"]
    assert set(values) == set(FACETS)
    assert values["year"]["histogram"]["interval"] == 1
    assert values["language"]["terms"]["field"] == "languages"
    assert aggs[query.UNSELECTED]["filter"] == {"match_all": {}}


def test_facet_buckets_are_read_from_every_group():
    response = {query.UNSELECTED: {"doc_count": 9, "year": {"buckets": [{"key": 2020.0, "doc_count": 2}]}},
                "country": {"doc_count": 4, "country": {"buckets": [{"key": "UA", "doc_count": 4}]}}}
    assert query.facet_buckets(response) == {"year": [{"key": 2020.0, "doc_count": 2}],
                                             "country": [{"key": "UA", "doc_count": 4}]}


def test_no_filters_means_no_post_filter():
    assert "post_filter" not in query.build_body(params(("q", "x")), ANONYMOUS)


def test_the_total_is_tracked_exactly():
    assert query.build_body(params(), ANONYMOUS)["track_total_hits"] is True


def test_hits_carry_only_the_fields_a_result_line_shows():
    source = query.build_body(params(), ANONYMOUS)["_source"]
    assert "pages" not in source and "title" in source


def test_pages_become_from_and_size():
    body = query.build_body(params(("page", "3"), page_size=10), ANONYMOUS)
    assert (body["from"], body["size"]) == (20, 10)
    assert "from" not in query.build_body(params(), ANONYMOUS)


def test_a_cursor_becomes_search_after():
    cursor = Cursor("newest", (1600000000000, "doc-3"), 20).encode()
    body = query.build_body(params(("cursor", cursor)), ANONYMOUS)
    assert body["search_after"] == [1600000000000, "doc-3"]
    assert "from" not in body


def test_every_sort_ends_with_the_id_for_a_total_order():
    assert query.sort_clause("relevance") == ["_score", {"id": "asc"}]
    assert query.sort_clause("newest")[0] == {"date": {"order": "desc", "missing": "_last"}}
    assert query.sort_clause("oldest")[0] == {"date": {"order": "asc", "missing": "_last"}}
    assert all(query.sort_clause(s)[-1] == {"id": "asc"} for s in ("relevance", "newest", "oldest"))


def test_export_reads_a_point_in_time_with_filters_in_the_query_and_no_aggregations():
    body = query.export_body(params(("q", "x"), ("country", "UA")), ANONYMOUS, "PIT", [1, 2], 500)
    assert body["pit"]["id"] == "PIT" and body["search_after"] == [1, 2]
    assert {"terms": {"country": ["UA"]}} in body["query"]["bool"]["filter"]
    assert "aggs" not in body and "post_filter" not in body
    assert body["sort"][-1] == {"_shard_doc": "asc"}
    assert "inner_hits" not in json.dumps(body)


def test_a_document_page_reads_one_window_of_pages_and_lists_matching_pages():
    body = query.document_body("d1", ANONYMOUS, "torture", 21)
    window, matches = (clause["nested"] for clause in body["query"]["bool"]["should"])
    assert window["query"]["bool"]["filter"][0] == {"range": {"pages.number": {"gte": 21, "lt": 21 + query.DOCUMENT_PAGES_WINDOW}}}
    assert window["inner_hits"]["highlight"]["number_of_fragments"] == 0
    assert window["inner_hits"]["highlight"]["encoder"] == "html"
    assert matches["inner_hits"]["name"] == "matches"
    assert body["_source"]["excludes"][:2] == ["pages", "fragments"]
    # the originals kept for protected names never leave the server
    assert {"protected_text", "protection.original"} <= set(body["_source"]["excludes"])


def test_a_document_page_without_query_highlights_nothing():
    body = query.document_body("d1", ANONYMOUS, "", 1)
    assert len(body["query"]["bool"]["should"]) == 1
    assert "highlight" not in json.dumps(body)


def test_window_start_is_the_first_page_of_its_window():
    size = query.DOCUMENT_PAGES_WINDOW
    assert [query.window_start(n) for n in (1, size, size + 1, 3 * size + 2)] == [1, 1, size + 1, 3 * size + 1]


def test_related_documents_share_facets_and_exclude_the_document_its_translations_and_copies():
    body = query.related_body({"id": "d1", "crime_type": ["torture"], "country": ["UA"], "version_group": "t:g"}, ANONYMOUS)
    assert {"ids": {"values": ["d1"]}} in body["query"]["bool"]["must_not"]
    assert {"term": {"version_group": "t:g"}} in body["query"]["bool"]["must_not"]
    assert body["query"]["bool"]["minimum_should_match"] == 1


def test_a_document_without_facets_has_no_related_query():
    assert query.related_body({"id": "d1"}, ANONYMOUS) is None


def test_each_page_field_is_highlighted_by_the_clauses_on_that_field_alone():
    disappearance = Expansion("enforced-disappearance", "crime_type", "disparition forcée", {},
                              {"fr": ("disparition forcée",), "ru": ("насильственное исчезновение",)})
    body = query.build_body(params(("q", "disparition forcée")), ANONYMOUS, [disappearance])
    pages = next(c["nested"] for c in body["query"]["bool"]["should"] if "nested" in c)
    fields = pages["inner_hits"]["highlight"]["fields"]
    for lang in LANGUAGES:
        searched = json.dumps(fields[f"pages.text_{lang}"]["highlight_query"], ensure_ascii=False)
        assert set(re.findall(r"pages\.text_\w+", searched)) == {f"pages.text_{lang}"}
    assert "насильственное исчезновение" in json.dumps(fields["pages.text_ru"], ensure_ascii=False)
    assert "насильственное" not in json.dumps(fields["pages.text_fr"], ensure_ascii=False)


def test_a_phrase_is_highlighted_on_the_exact_field_by_the_same_clauses():
    fields = nested_pages(query.build_body(params(("q", '"war crimes"')), ANONYMOUS))["inner_hits"]["highlight"]["fields"]
    assert fields["pages.text_en.exact"] == fields["pages.text_en"]
