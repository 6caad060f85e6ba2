"""What researchers reach for, against the real Elasticsearch: date ranges on the publication and
decision dates, language versions grouped into one hit, search inside a document, citations and
reference-manager exports."""

import json

import bibtexparser
import pytest
import rispy

from tests.fixtures.portal.corpus import PUBLIC_IDS, doc, index_corpus, pages

DECIDED = [  # judgments with a decision date apart from their publication date
    doc("decided-2019", "en", "Appeal judgment of 2019", decided="2019-03-08", date="2020-01-15", year=2020,
        doc_type=["judgment"], pages=pages("en", 1, {1: "The appeals chamber decided."})),
    doc("decided-2021", "en", "Trial judgment of 2021", decided="2021-07-14", date="2021-09-01", year=2021,
        doc_type=["judgment"], pages=pages("en", 1, {1: "The trial chamber decided."})),
]


@pytest.fixture
def decided(es, portal_settings):
    index_corpus(es, portal_settings.index, DECIDED)


def ids(client, query):
    response = client.get("/api/v1/search?group=0&" + query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return {h["id"] for h in response.get_json()["hits"]}


def test_a_publication_date_range_keeps_the_documents_published_within_it(client):
    assert ids(client, "date_from=2020-03-15&date_to=2021-12-31") == {"congo-fr", "congo-en", "markup"}
    assert ids(client, "date_to=2016-12-31") == {"guatemala-es"}


def test_a_decision_date_range_is_not_the_publication_date(client, decided):
    assert ids(client, "decided_from=2019-01-01&decided_to=2019-12-31") == {"decided-2019"}
    assert ids(client, "date_from=2020-01-01&date_to=2020-12-31") >= {"decided-2019"}
    assert ids(client, "decided_from=2020-01-01") == {"decided-2021"}


def test_date_ranges_narrow_the_facet_counts_too(client):
    answer = client.get("/api/v1/search?date_from=2022-01-01").get_json()
    years = {b["value"] for b in answer["facets"]["year"] if b["count"]}
    assert years and all(int(y) >= 2022 for y in years)


@pytest.mark.parametrize("query, param", [("date_from=2020", "date_from"), ("decided_to=2020-02-31", "decided_to"),
                                          ("date_from=2021-01-01&date_to=2020-01-01", "date_to")])
def test_a_bad_date_is_a_clear_400_naming_it(client, query, param):
    response = client.get("/api/v1/search?" + query)
    assert response.status_code == 400
    assert param in {d["param"] for d in response.get_json()["error"]["details"]}
    page = client.get("/fr/search?" + query)
    assert page.status_code == 400 and param in page.get_data(as_text=True)


def test_the_results_page_keeps_the_range_in_its_inputs_and_links(client, decided):
    html = client.get("/en/search?decided_from=2019-01-01&date_to=2021-12-31").get_data(as_text=True)
    assert 'name="decided_from" form="search-form" value="2019-01-01"' in html
    assert 'name="date_to" form="search-form" value="2021-12-31"' in html
    assert 'href="/en/search?date_to=2021-12-31&amp;decided_from=2019-01-01&amp;group=0"' in html


def test_language_versions_are_one_hit_in_the_readers_language_with_the_others_named(client):
    answer = client.get("/api/v1/search?q=congo&locale=fr").get_json()
    congo = [h for h in answer["hits"] if h["id"] in ("congo-fr", "congo-en")]
    assert len(congo) == 1 and congo[0]["id"] == "congo-fr"
    assert {v["id"]: v["language"] for v in congo[0]["versions"]} == {"congo-fr": "fr", "congo-en": "en"}
    assert congo[0]["files"] == 2
    english = client.get("/api/v1/search?q=congo&locale=en").get_json()
    assert "congo-en" in {h["id"] for h in english["hits"]} and "congo-fr" not in {h["id"] for h in english["hits"]}


def test_grouped_totals_and_facet_counts_count_documents_and_the_api_tells_files_too(client):
    grouped = client.get("/api/v1/search").get_json()
    assert grouped["total"] == len(PUBLIC_IDS) - 1 and grouped["total_files"] == len(PUBLIC_IDS)
    assert len(grouped["hits"]) == min(grouped["total"], 5)
    country = {b["value"]: b["count"] for b in grouped["facets"]["country"]}
    flat = client.get("/api/v1/search?group=0").get_json()
    flat_country = {b["value"]: b["count"] for b in flat["facets"]["country"]}
    assert (country["CD"], flat_country["CD"]) == (flat_country["CD"] - 1, flat_country["CD"])
    assert flat["total"] == flat["total_files"] == len(PUBLIC_IDS) and flat["cursor"]
    assert grouped["cursor"] is None


def test_the_results_page_links_the_other_versions_by_language(client):
    html = client.get("/en/search?q=congo").get_data(as_text=True)
    assert 'href="/en/documents/congo-fr?q=congo" hreflang="fr"' in html
    assert "(3 files with their language versions)" in html
    flat = client.get("/en/search?q=congo&group=0").get_data(as_text=True)
    assert 'name="group" value="0"' in flat and "Group language versions" in flat


def test_search_inside_a_document_lists_every_matching_page_with_a_snippet(client):
    html = client.get("/en/documents/long-judgment?q=command+responsibility").get_data(as_text=True)
    assert 'id="q-inside" name="q" type="search" value="command responsibility"' in html
    found = html.split('class="matches"')[1].split("</ol>")[0]
    assert found.count("<li>") == 2
    assert 'href="#page-3"' in found and "/en/documents/long-judgment?q=command+responsibility&amp;start=21#page-30" in found
    assert "<mark>Command</mark> <mark>responsibility</mark> was proven" in found
    assert "Next hit (p. 30)" in html


def test_cite_this_page_names_organisation_title_date_page_and_a_permanent_address(client):
    html = client.get("/en/documents/long-judgment?q=proven").get_data(as_text=True)
    assert ("REDRESS, “<bdi lang=\"en\">Judgment on command responsibility</bdi>”, June 30, 2023, p. 30, "
            "http://localhost/en/documents/long-judgment#page-30") in html
    assert 'href="/api/v1/documents/long-judgment/export.ris?locale=en"' in html


def test_a_result_set_exports_as_ris_bibtex_and_csl_json_in_the_order_of_the_search(client):
    flat = [h["id"] for h in client.get("/api/v1/search?q=torture&group=0&page=1").get_json()["hits"]]
    ris = client.get("/api/v1/export.ris?q=torture")
    assert ris.status_code == 200 and ris.mimetype == "application/x-research-info-systems"
    assert "attachment" in ris.headers["Content-Disposition"]
    records = rispy.loads(ris.get_data(as_text=True))
    assert [r["id"] for r in records][:len(flat)] == flat
    bib = bibtexparser.parse_string(client.get("/api/v1/export.bib?q=torture").get_data(as_text=True))
    assert [e.key for e in bib.entries] == [f"giai-{r['id']}" for r in records] and not bib.failed_blocks
    csl = json.loads(client.get("/api/v1/export.csl.json?q=torture").get_data(as_text=True))
    assert [i["id"] for i in csl] == [e.key for e in bib.entries]
    assert {i["id"] for i in csl}.isdisjoint({"giai-members-only", "giai-restricted-fidh"})


def test_one_judgment_exports_as_a_case_with_its_court_and_page(client):
    [record] = rispy.loads(client.get("/api/v1/documents/long-judgment/export.ris?page=30").get_data(as_text=True))
    assert record["type_of_reference"] == "CASE" and record["publisher"] == "International Criminal Court"
    assert record["start_page"] == "30" and record["urls"] == ["http://localhost/en/documents/long-judgment#page-30"]
    assert client.get("/api/v1/documents/members-only/export.bib").status_code == 404
    assert client.get("/api/v1/export.ris?date_from=yesterday").status_code == 400


def test_the_openapi_description_names_the_dates_grouping_and_exports(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    names = {p.get("name") for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"date_from", "date_to", "decided_from", "decided_to", "group"} <= names
    for fmt in ("ris", "bib", "csl.json"):
        assert f"/api/v1/export.{fmt}" in spec["paths"] and f"/api/v1/documents/{{id}}/export.{fmt}" in spec["paths"]
    assert {"versions", "files"} <= set(spec["components"]["schemas"]["Hit"]["properties"])
