"""Search against the real Elasticsearch: facet counts, multi-select, access filter, paging,
snippets, feeds and exports, through the Flask test client."""

import csv
import dataclasses
import io
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from elasticsearch import helpers
from markupsafe import escape

from giai.index_schema import FACETS
from portal import create_app
from portal.search.params import Cursor
from tests.fixtures.portal.corpus import DOCUMENTS, HIDDEN_IDS, PUBLIC_IDS, doc

ATOM = "{http://www.w3.org/2005/Atom}"


def search(client, query=""):
    """The API's answer, every language version a hit of its own (grouping: test_portal_research.py)."""
    response = client.get("/api/v1/search?group=0&" + query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def counts(answer, facet):
    return {b["value"]: b["count"] for b in answer["facets"][facet]}


def all_ids(client, query=""):
    """Every hit of a search, following the cursor."""
    ids, answer = [], search(client, query)
    while True:
        ids += [h["id"] for h in answer["hits"]]
        if not answer["cursor"]:
            return ids
        answer = search(client, f"{query}&cursor={answer['cursor']}")


def test_an_empty_query_lists_every_public_document(client):
    answer = search(client)
    assert answer["total"] == len(PUBLIC_IDS)
    assert set(all_ids(client)) == PUBLIC_IDS


def test_each_facet_count_equals_the_hits_of_that_filter(client):
    answer = search(client)
    for facet in FACETS:
        for value, count in counts(answer, facet).items():
            assert search(client, f"{facet}={value}")["total"] == count, (facet, value)


def test_selecting_a_country_keeps_other_countries_countable(client):
    before = counts(search(client), "country")
    after = search(client, "country=UA")
    assert counts(after, "country") == before
    assert next(b for b in after["facets"]["country"] if b["value"] == "UA")["selected"] is True


def test_selecting_a_country_narrows_the_other_facets(client):
    answer = search(client, "country=UA")
    assert sum(counts(answer, "organisation").values()) == answer["total"]
    assert counts(answer, "crime_type") == {"war-crimes": 2, "torture": 1}


def test_values_of_one_facet_combine_with_or_and_facets_with_and(client):
    ua, sy = search(client, "country=UA")["total"], search(client, "country=SY")["total"]
    assert search(client, "country=UA&country=SY")["total"] == ua + sy
    assert search(client, "country=UA&crime_type=torture")["total"] == 1


def test_a_parent_concept_finds_documents_filed_under_its_children(client):
    ids = {h["id"] for h in search(client, "crime_type=crimes-against-humanity")["hits"]}
    assert "undated" in ids


def test_documents_hidden_from_the_viewer_are_never_found_or_counted(client):
    answer = search(client, "q=zanzibarword")
    assert answer["total"] == 0 and answer["hits"] == []
    assert all(b["count"] == 0 for f in FACETS for b in answer["facets"][f])


def test_hidden_documents_do_not_inflate_facet_counts(client):
    torture = counts(search(client), "crime_type")["torture"]
    public_torture = sum(1 for d in DOCUMENTS if d["access"] == "public" and "torture" in d.get("crime_type", []))
    assert torture == public_torture


def test_snippets_name_their_page_and_mark_the_hits(client):
    hit = next(h for h in search(client, "q=disparitions")["hits"] if h["id"] == "congo-fr")
    assert hit["snippets"][0]["page"] == 2
    assert "<mark>disparitions</mark>" in hit["snippets"][0]["html"]


def test_snippets_are_html_escaped_around_the_marks(client):
    hit = search(client, "q=torture")["hits"][0]
    html = hit["snippets"][0]["html"]
    assert "&lt;img" in html and "<img" not in html and "<b>" not in html


def test_a_quoted_phrase_matches_the_words_as_written(client):
    ids = {h["id"] for h in search(client, 'q="disparitions forcées"')["hits"]}
    assert ids == {"congo-fr"}


def test_an_unclosed_quote_still_searches_and_says_so(client):
    answer = search(client, 'q="disparitions')
    assert answer["total"] >= 1
    assert answer["notes"][0]["code"] == "unclosed_quote"


def test_exclusion_and_or_work_on_the_words_as_typed(client):
    # expand=0: cross-lingual expansion would rightly add the other languages' torture documents
    assert {h["id"] for h in search(client, "q=genocidio OR пыток&expand=0")["hits"]} == {"guatemala-es", "ukraine-ru"}
    assert "markup" in {h["id"] for h in search(client, "q=torture&expand=0")["hits"]}
    assert "markup" not in {h["id"] for h in search(client, "q=torture -alert&expand=0")["hits"]}


def test_the_cursor_walks_every_hit_exactly_once(client):
    ids = all_ids(client, "sort=oldest")
    assert sorted(ids) == sorted(PUBLIC_IDS)


@pytest.mark.parametrize("sort, after", [
    ("newest", ("not a date", "doc")),
    ("relevance", ("high", "doc")),
    ("oldest", (1700000000000,)),
    ("relevance", (1.5, "doc", "extra")),
    ("newest", (1700000000000, 7)),
])
def test_a_well_formed_cursor_that_does_not_fit_its_sort_is_a_clear_400(client, sort, after):
    response = client.get(f"/api/v1/search?cursor={Cursor(sort, after, 20).encode()}")
    assert response.status_code == 400, response.get_data(as_text=True)
    assert "cursor" in response.get_data(as_text=True)


def test_pages_do_not_overlap(client):
    first = [h["id"] for h in search(client, "page=1")["hits"]]
    second = [h["id"] for h in search(client, "page=2")["hits"]]
    assert first and second and not set(first) & set(second)


def test_newest_first_puts_undated_documents_last(client):
    ids = all_ids(client, "sort=newest")
    dates = [d.get("date") for i in ids for d in DOCUMENTS if d["id"] == i]
    assert ids[-1] == "undated"
    assert dates[:-1] == sorted(dates[:-1], reverse=True)


def test_the_search_response_validates_against_the_openapi_schema(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    schema = {"$ref": "#/components/schemas/SearchResponse", "components": spec["components"]}
    for query in ("", "q=disparitions", "country=UA&page=2", "q=nothingatall"):
        jsonschema.validate(search(client, query), schema)


def test_the_document_response_validates_against_the_openapi_schema(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    schema = {"$ref": "#/components/schemas/Document", "components": spec["components"]}
    jsonschema.validate(client.get("/api/v1/documents/congo-fr").get_json(), schema)


def test_the_facets_endpoint_counts_everything_visible(client):
    answer = client.get("/api/v1/facets?locale=fr").get_json()
    assert answer["total"] == len(PUBLIC_IDS)
    assert {"value": "SY", "label": "Syrie", "count": 2, "selected": False} in answer["facets"]["country"]


def test_the_csv_export_holds_the_whole_result_set_and_nothing_hidden(client):
    response = client.get("/api/v1/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert {r["id"] for r in rows} == PUBLIC_IDS
    assert "zanzibarword" not in response.get_data(as_text=True)


def test_the_csv_export_obeys_the_filters_and_neutralises_formulas(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/export.csv?country=UA").get_data(as_text=True).lstrip("\ufeff"))))
    assert {r["id"] for r in rows} == {"ukraine-ru", "long-judgment"}


def test_the_atom_feed_lists_the_documents_of_the_search_by_arrival_with_both_dates(client):
    """The Syrian report of 2019 entered the index last: it comes first, so a subscriber sees it."""
    response = client.get("/fr/search.atom?crime_type=torture")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    entries = [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated"), e.findtext(f"{ATOM}published"))
               for e in feed.findall(f"{ATOM}entry")]
    assert entries == [
        ("التعذيب في مراكز الاحتجاز في سوريا", "2026-11-30T09:00:00Z", "2019-11-20T00:00:00Z"),
        ("Пытки военнопленных в Украине", "2026-10-01T09:00:00Z", "2022-09-01T00:00:00Z"),
        ("<script>alert(1)</script> Torture report", "2026-09-01T09:00:00Z", "2021-04-01T00:00:00Z"),
    ]


def test_recently_added_sorts_by_arrival(client):
    answer = search(client, "crime_type=torture&sort=added")
    assert [h["id"] for h in answer["hits"]] == ["syria-ar", "ukraine-ru", "markup"]
    assert answer["hits"][0]["added_at"] == "2026-11-30T09:00:00+00:00"


def test_the_atom_feed_keeps_expansion_off_when_the_search_turned_it_off(client):
    def feed_titles(query: str) -> set[str]:
        feed = ET.fromstring(client.get(f"/en/search.atom?{query}").data)
        return {e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")}

    typed = feed_titles("q=genocidio OR пыток&expand=0")
    assert typed == {h["title"] for h in search(client, "q=genocidio OR пыток&expand=0")["hits"]}
    assert typed < feed_titles("q=genocidio OR пыток")


def test_the_results_page_shows_total_chips_snippets_and_feed(client):
    html = client.get("/en/search?q=disparitions&country=CD").get_data(as_text=True)
    assert '<p class="total" role="status">1 document</p>' in html
    assert "Remove filter Country: Congo - Kinshasa" in html
    assert "/en/documents/congo-fr?q=disparitions#page-2" in html
    assert 'type="application/atom+xml" href="/en/search.atom?q=disparitions&amp;country=CD"' in html


def test_the_results_page_escapes_titles(client):
    html = client.get("/en/search?q=torture").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Torture report" in html and "<script>alert" not in html


def test_no_results_offers_to_drop_the_filters(client):
    html = client.get("/en/search?q=genocide&country=UA").get_data(as_text=True)
    assert "No documents match this search." in html
    assert 'href="/en/search?q=genocide"' in html


def test_facet_labels_follow_the_interface_language(client, vocabularies):
    html = client.get("/fr/search").get_data(as_text=True)
    assert "Syrie" in html and str(escape(vocabularies.label("crime_type", "crimes-against-humanity", "fr"))) in html
    arabic = client.get("/ar/search").get_data(as_text=True)
    assert str(escape(vocabularies.label("crime_type", "torture", "ar"))) in arabic and "سوريا" in arabic


def test_a_missing_alias_reads_as_an_empty_collection(portal_settings, vocabularies):
    settings = dataclasses.replace(portal_settings, index="no-such-alias-for-portal-tests")
    client = create_app({"SETTINGS": settings, "VOCABULARIES": vocabularies, "SECRET_KEY": "t"}).test_client()
    assert search(client)["total"] == 0


@pytest.mark.parametrize("path", ["/api/v1/search?q=x", "/en/search?q=x", "/en/documents/congo-fr", "/api/v1/export.csv", "/files/congo-fr"])
def test_elasticsearch_down_is_a_503(portal_settings, vocabularies, path):
    settings = dataclasses.replace(portal_settings, es_url="http://127.0.0.1:1")
    client = create_app({"SETTINGS": settings, "VOCABULARIES": vocabularies, "SECRET_KEY": "t"}).test_client()
    response = client.get(path)
    assert response.status_code == 503
    assert "Traceback" not in response.get_data(as_text=True)


def test_the_total_is_exact_past_ten_thousand(es, alias, portal_settings, vocabularies):
    many = (doc(f"bulk-{i}", "en", f"Bulk {i}", year=2000) for i in range(10_050))
    helpers.bulk(es, ({"_index": alias, "_id": d["id"], "_source": d} for d in many), refresh="wait_for", chunk_size=2000)
    client = create_app({"SETTINGS": portal_settings, "VOCABULARIES": vocabularies, "SECRET_KEY": "t"}).test_client()
    answer = search(client, "year=2000")
    assert answer["total"] == 10_050
    assert counts(search(client), "year")["2000"] == 10_050
    assert HIDDEN_IDS.isdisjoint(h["id"] for h in answer["hits"])
