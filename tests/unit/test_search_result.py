"""Result shaping: Elasticsearch answers into hits, facets, snippets and pages (pure)."""

import datetime as dt

from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from portal.search.params import Cursor, SearchParams
from portal.search.result import (
    best_fragment,
    most_specific,
    parse_date,
    shape_document,
    shape_facets,
    shape_search,
)
from portal.search.result_json import hit_json
from tests.fixtures.portal.vocab import small_vocabularies

VOCAB = small_vocabularies()


def params(*pairs):
    return SearchParams.from_args(MultiDict(pairs), VOCAB, 2)


def raw_hit(doc_id="d1", **source):
    base = {"title": "Title", "organisation": "fidh", "language": "fr", "languages": ["fr", "en"], "date": "2020-03-15",
            "year": 2020, "doc_type": ["report"], "crime_type": ["crimes-against-humanity", "persecution", "gender-based-persecution"],
            "country": ["UA"], "gender": [], "body": []}
    return {"_id": doc_id, "_source": base | source, "sort": [1584230400000, doc_id]}


def response(hits, total, aggs=None):
    return {"hits": {"total": {"value": total, "relation": "eq"}, "hits": hits}, "aggregations": aggs or {}}


def test_labels_follow_the_locale_and_fall_back_to_english():
    hit = shape_search(response([raw_hit()], 1), params(), VOCAB, "fr").hits[0]
    assert hit.facets["country"][0].label == "Ukraine"
    assert hit.language.label == "français"
    assert shape_search(response([raw_hit()], 1), params(), VOCAB, "ru").hits[0].language.label == "French"


def test_ancestors_stored_beside_a_concept_are_not_shown_as_badges():
    hit = shape_search(response([raw_hit()], 1), params(), VOCAB, "en").hits[0]
    assert [x.value for x in hit.facets["crime_type"]] == ["gender-based-persecution"]


def test_most_specific_keeps_unrelated_concepts():
    assert most_specific("crime_type", ["torture", "war-crimes"], VOCAB) == ["torture", "war-crimes"]


def test_snippets_carry_their_page_number_and_the_fragment_with_most_marks():
    hit = raw_hit()
    hit["inner_hits"] = {"pages": {"hits": {"hits": [
        {"fields": {"pages.number": [12], "pages.label": ["x"]},
         "highlight": {"pages.text": ["opening words"], "pages.text_fr.exact": ["les <mark>crimes</mark> <mark>graves</mark>"]}},
        {"fields": {"pages.number": [3]}, "highlight": {}},
    ]}}}
    snippets = shape_search(response([hit], 1), params(), VOCAB, "en").hits[0].snippets
    assert [(s.page, s.label, str(s.html)) for s in snippets] == [(12, "x", "les <mark>crimes</mark> <mark>graves</mark>")]
    assert isinstance(snippets[0].html, Markup)


def test_best_fragment_of_nothing_is_none():
    assert best_fragment({}) is None


def test_facet_buckets_are_labelled_counted_and_ordered():
    aggs = {"country": {"country": {"buckets": [{"key": "UA", "doc_count": 2}, {"key": "SY", "doc_count": 5}]}},
            "unselected": {"year": {"buckets": [{"key": 2019.0, "doc_count": 1}, {"key": 2021.0, "doc_count": 4}]}}}
    facets = shape_facets(aggs, params(), VOCAB, "fr")
    assert [(b.value, b.label, b.count) for b in facets["country"]] == [("SY", "Syrie", 5), ("UA", "Ukraine", 2)]
    assert [b.value for b in facets["year"]] == ["2021", "2019"]


def test_a_selected_value_without_matches_stays_listed_with_zero():
    facets = shape_facets({}, params(("country", "GT")), VOCAB, "en")
    assert [(b.value, b.count, b.selected) for b in facets["country"]] == [("GT", 0, True)]


def test_every_facet_is_present_even_when_empty():
    assert set(shape_facets({}, params(), VOCAB, "en")) == {"crime_type", "country", "gender", "organisation", "doc_type", "body", "court", "language", "year", "decided_year"}


def test_a_cursor_is_offered_while_more_hits_follow():
    result = shape_search(response([raw_hit("a"), raw_hit("b")], 5), params(("group", "0")), VOCAB, "en")
    cursor = Cursor.decode(result.next_cursor)
    assert (cursor.after, cursor.offset, cursor.sort) == ((1584230400000, "b"), 2, "newest")


def test_no_cursor_on_the_last_page():
    assert shape_search(response([raw_hit("a")], 1), params(), VOCAB, "en").next_cursor is None


def test_result_pages_stop_at_the_result_window():
    result = shape_search(response([], 50_000), params(), VOCAB, "en")
    assert result.pages == result.params.max_page


def test_dates_are_parsed_leniently():
    assert parse_date("2020-03-15T10:00:00Z") == dt.date(2020, 3, 15)
    assert parse_date(None) is None and parse_date("not a date") is None


def test_a_hit_as_json_has_the_api_fields():
    data = hit_json(shape_search(response([raw_hit()], 1), params(), VOCAB, "en").hits[0])
    assert {"id", "title", "language", "organisation", "snippets", "date", "doc_type", "facets"} <= set(data)
    assert data["date"] == "2020-03-15" and data["languages"] == ["fr", "en"]


def test_a_document_shows_highlighted_pages_and_escapes_the_others():
    hit = raw_hit(page_count=3)
    hit["inner_hits"] = {
        "window": {"hits": {"hits": [
            {"_source": {"number": 1, "language": "fr", "text": "<b>plain</b>", "label": "i"}},
            {"_source": {"number": 2, "language": "fr", "text": "x"}, "highlight": {"pages.text_fr": ["a <mark>hit</mark> &lt;b&gt;"]}},
        ]}},
        "matches": {"hits": {"hits": [{"fields": {"pages.number": [2]}}, {"fields": {"pages.number": [30], "pages.label": ["28"]}}]}},
    }
    hit["_source"]["furniture"] = ["Rapport · version de travail"]
    doc = shape_document(hit, 1, VOCAB, "en")
    assert [p.label for p in doc.pages] == ["i", None] and doc.labels == {30: "28"}
    assert doc.furniture == ["Rapport · version de travail"]
    assert str(doc.pages[0].html) == "&lt;b&gt;plain&lt;/b&gt;"
    assert (str(doc.pages[1].html), doc.pages[1].hits) == ("a <mark>hit</mark> &lt;b&gt;", 1)
    assert doc.matched_pages == [2, 30]
    assert doc.page_count == 3


def grouped_response(hit, *files):
    """A grouped search's answer with the hit's version group holding `files` (raw hits)."""
    answer = response([hit], 1)
    answer["versions"] = {hit["_source"]["version_group"]: list(files)}
    return answer


def test_a_file_several_organisations_publish_is_one_hit_naming_each_publisher():
    fidh = raw_hit("a", version_group="c:f00d", organisation="fidh", language="en")
    trial = raw_hit("b", version_group="c:f00d", organisation="trial", language="en")
    hit = shape_search(grouped_response(fidh, fidh, trial), params(), VOCAB, "en").hits[0]
    assert [p.value for p in hit.publishers] == ["fidh", "trial"]
    assert [v.id for v in hit.copies] == ["b"] and hit.other_versions == []
    shown = hit_json(hit)
    assert shown["publishers"] == [{"value": "fidh", "label": "FIDH"}, {"value": "trial", "label": "TRIAL"}]
    assert [v["organisation"] for v in shown["versions"]] == ["fidh", "trial"] and shown["files"] == 2


def test_a_hit_alone_names_its_own_organisation_only():
    hit = shape_search(response([raw_hit("a", organisation="crd")], 1), params(), VOCAB, "en").hits[0]
    assert [p.value for p in hit.publishers] == ["crd"] and hit.copies == []


def test_versions_in_other_languages_are_offered_whoever_translated_them():
    en = raw_hit("a", version_group="t:g", organisation="fidh", language="en")
    fr_fidh = raw_hit("b", version_group="t:g", organisation="fidh", language="fr")
    fr_trial = raw_hit("c", version_group="t:g", organisation="trial", language="fr")
    en_second = raw_hit("d", version_group="t:g", organisation="fidh", language="en")
    hit = shape_search(grouped_response(en, en, fr_fidh, fr_trial, en_second), params(), VOCAB, "en").hits[0]
    assert [v.id for v in hit.other_versions] == ["b", "c", "d"]
    assert hit.copies == []
    assert [p.value for p in hit.publishers] == ["fidh", "trial"]


def test_the_readers_language_version_is_shown_with_its_own_publisher_first():
    en = raw_hit("a", version_group="t:g", organisation="fidh", language="en")
    fr = raw_hit("b", version_group="t:g", organisation="trial", language="fr")
    hit = shape_search(grouped_response(en, en, fr), params(), VOCAB, "fr").hits[0]
    assert hit.id == "b" and hit.organisation.value == "trial" and hit.matched_id == "a"
    assert [p.value for p in hit.publishers] == ["trial", "fidh"]
