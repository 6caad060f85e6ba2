"""The citator through the portal, on the real Elasticsearch: a judgment of one case, documents
citing it at every access level, and what each viewer gets as "cited by", counts, the `cited`
filter and sort, and the `cites` of a document with links to the portal's copy of the case.

A document a viewer may not see is never listed, counted or used to sort.
"""

from __future__ import annotations

import csv
import io

import pytest

from tests.fixtures.auth import add_account, portal_app, sign_in
from tests.fixtures.portal.corpus import doc, index_corpus, pages

LUBANGA = "ICC-01/04-01/06"
TADIC = "IT-94-1"
ORG_A, ORG_B = "trial", "ecchr"
CITING = {  # citing document → access fields
    "cites-public": {"access": "public"},
    "cites-members": {"access": "members"},
    "cites-restricted-a": {"access": "restricted", "access_orgs": [ORG_A]},
    "cites-restricted-b": {"access": "restricted", "access_orgs": [ORG_B]},
}
VISIBLE_CITING = {
    "anonymous": {"cites-public"},
    "member of A": {"cites-public", "cites-members", "cites-restricted-a"},
    "member of B": {"cites-public", "cites-members", "cites-restricted-b"},
    "admin": set(CITING),
}
ACCOUNTS = {"member of A": (["member"], [ORG_A]), "member of B": (["member"], [ORG_B]), "admin": (["admin"], [])}


def case(name: str, numbers: list[str], keys: list[str], court: str, decided: str) -> dict:
    return {"case": {"name": name, "numbers": numbers, "keys": keys, "court": court, "decided": decided, "type": "judgment"},
            "court": court, "decided": decided, "decided_year": int(decided[:4])}


def corpus() -> list[dict]:
    lubanga = doc("lubanga-judgment", "en", "Judgment pursuant to Article 74 of the Statute", organisation="crd",
                  date="2012-03-14", year=2012, doc_type=["judgment"], body=["icc"],
                  pages=pages("en", 2, {1: "Trial Chamber I judgment in the Lubanga case."}),
                  cites=[{"case": TADIC, "page": 2, "text": "Tadić"}],
                  **case("The Prosecutor v. Thomas Lubanga Dyilo", ["ICC-01/04-01/06-2842"], [LUBANGA], "icc", "2012-03-14"))
    tadic = doc("tadic-judgment", "en", "Opinion and judgment", organisation="crd", date="1997-05-07", year=1997,
                doc_type=["judgment"], body=["icty"], pages=pages("en", 1, {1: "Tadić trial judgment."}),
                **case("Prosecutor v. Duško Tadić", ["IT-94-1-T"], [TADIC], "icty", "1997-05-07"))
    citing = [
        doc(doc_id, "en", f"Commentary {doc_id}", organisation="crd", date="2020-01-01", year=2020, doc_type=["report"],
            pages=pages("en", 3, {3: "As held in Lubanga, ICC-01/04-01/06-2842, child soldiers..."}),
            cites=[{"case": LUBANGA, "page": 3, "text": "Lubanga"}], **access)
        for doc_id, access in CITING.items()
    ]
    # Tadić is cited by two public documents: the Lubanga judgment and this one.
    citing.append(doc("cites-tadic", "en", "Note on joint criminal enterprise", organisation="crd", date="2021-01-01",
                      year=2021, doc_type=["report"], pages=pages("en", 1, {1: "Tadić, IT-94-1-A"}),
                      cites=[{"case": TADIC, "page": 1, "text": "IT-94-1-A"}]))
    return [lubanga, tadic, *citing]


@pytest.fixture
def clients(settings, es, alias, database, database_url, tmp_path, vocabularies):
    index_corpus(es, alias, corpus())
    app = portal_app(settings, alias, database_url, tmp_path, vocabularies)
    signed_in = {"anonymous": app.test_client()}
    for viewer, (roles, organisations) in ACCOUNTS.items():
        email = add_account(database, f"{viewer.replace(' ', '-')}@example.org", roles, organisations)
        signed_in[viewer] = app.test_client()
        assert sign_in(signed_in[viewer], email).status_code == 302
    return signed_in


@pytest.fixture
def anonymous(settings, es, alias, tmp_path, vocabularies):
    """An anonymous reader's client (no accounts: the database is never opened)."""
    index_corpus(es, alias, corpus())
    return portal_app(settings, alias, f"sqlite:///{tmp_path / 'unused.sqlite3'}", tmp_path, vocabularies).test_client()


def get_json(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:500])
    return response.get_json()


def test_cited_by_lists_exactly_the_citing_documents_each_viewer_may_see(clients):
    for viewer, client in clients.items():
        answer = get_json(client, "/api/v1/documents/lubanga-judgment")
        assert {c["id"] for c in answer["cited_by"]} == VISIBLE_CITING[viewer], viewer
        assert answer["cited_by_count"] == len(VISIBLE_CITING[viewer]), viewer
        assert all(c["title"] for c in answer["cited_by"])


def test_search_hits_carry_the_case_and_a_cited_by_count_under_the_viewers_access(clients):
    for viewer, client in clients.items():
        hits = {h["id"]: h for h in get_json(client, "/api/v1/search?court=icc")["hits"]}
        assert set(hits) == {"lubanga-judgment"}
        lubanga = hits["lubanga-judgment"]
        assert lubanga["cited_by_count"] == len(VISIBLE_CITING[viewer]), viewer
        assert lubanga["case"]["name"] == "The Prosecutor v. Thomas Lubanga Dyilo"
        assert lubanga["case"]["numbers"] == ["ICC-01/04-01/06-2842"]
        assert lubanga["case"]["decided"] == "2012-03-14"
        assert lubanga["case"]["court"] == "icc"
        assert lubanga["case"]["ecli"] is None


def test_documents_of_no_case_have_no_case_and_no_count(anonymous):
    hit = get_json(anonymous, "/api/v1/search?q=commentary")["hits"][0]
    assert hit["case"] is None and hit["cited_by_count"] == 0


def test_the_cited_filter_counts_only_citing_documents_the_viewer_may_see(clients):
    """Lubanga is cited by 1 public document (anonymous), 3 for a member, 4 for the admin; Tadić
    by 2 public ones for everyone."""
    for viewer, client in clients.items():
        visible = len(VISIBLE_CITING[viewer])
        at_least_two = {h["id"] for h in get_json(client, "/api/v1/search?cited=2")["hits"]}
        assert at_least_two == ({"tadic-judgment"} | ({"lubanga-judgment"} if visible >= 2 else set())), viewer
        at_least_four = {h["id"] for h in get_json(client, "/api/v1/search?cited=4")["hits"]}
        assert at_least_four == ({"lubanga-judgment"} if visible >= 4 else set()), viewer


def test_sorting_by_citations_puts_the_most_cited_case_first_for_each_viewer(clients):
    first = {viewer: [h["id"] for h in get_json(client, "/api/v1/search?sort=cited")["hits"]][:2]
             for viewer, client in clients.items()}
    assert first["anonymous"] == ["tadic-judgment", "lubanga-judgment"]  # 2 citing documents against 1
    assert first["member of A"] == ["lubanga-judgment", "tadic-judgment"]  # 3 against 2
    assert first["admin"] == ["lubanga-judgment", "tadic-judgment"]


def test_a_sort_by_citations_pages_on_with_its_cursor(anonymous):
    client = anonymous
    first = get_json(client, "/api/v1/search?sort=cited&page_size=2")
    ids = [h["id"] for h in first["hits"]]
    seen = list(ids)
    cursor = first["cursor"]
    while cursor:
        answer = get_json(client, f"/api/v1/search?sort=cited&cursor={cursor}")
        seen += [h["id"] for h in answer["hits"]]
        cursor = answer["cursor"]
    assert len(seen) == len(set(seen)) == len([d for d in corpus() if d["access"] == "public"])


def test_cites_name_the_page_and_the_portals_document_of_the_cited_case(anonymous):
    answer = get_json(anonymous, "/api/v1/documents/cites-public")
    assert answer["cites"] == [{"case": LUBANGA, "page": 3, "text": "Lubanga", "document_id": "lubanga-judgment",
                                "name": "The Prosecutor v. Thomas Lubanga Dyilo"}]


def test_court_and_decision_year_are_facets(anonymous):
    facets = get_json(anonymous, "/api/v1/search")["facets"]
    assert {b["value"]: b["count"] for b in facets["court"]} == {"icc": 1, "icty": 1}
    assert {b["value"]: b["count"] for b in facets["decided_year"]} == {"2012": 1, "1997": 1}
    assert [h["id"] for h in get_json(anonymous, "/api/v1/search?decided_year=1997")["hits"]] == ["tadic-judgment"]


def test_a_bad_cited_value_is_a_400_naming_it(anonymous):
    response = anonymous.get("/api/v1/search?cited=many")
    assert response.status_code == 400
    assert "cited" in response.get_json()["error"]["message"].lower()


def test_the_document_page_shows_the_case_what_it_cites_and_what_cites_it(clients):
    page = clients["admin"].get("/en/documents/lubanga-judgment").get_data(as_text=True)
    assert "The Prosecutor v. Thomas Lubanga Dyilo" in page and "ICC-01/04-01/06-2842" in page
    assert "Cited by 4 documents" in page
    assert all(f"/en/documents/{doc_id}" in page for doc_id in CITING)
    assert "Cases this document cites" in page and TADIC in page and "/en/documents/tadic-judgment" in page
    anonymous = clients["anonymous"].get("/fr/documents/lubanga-judgment").get_data(as_text=True)
    assert "cites-members" not in anonymous and "cites-restricted" not in anonymous


def test_the_csv_export_carries_the_case(anonymous):
    text = anonymous.get("/api/v1/export.csv?court=icc").get_data(as_text=True).lstrip("\ufeff")
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert (row["case_name"], row["case_numbers"], row["decided"], row["court"], row["ecli"]) == (
        "The Prosecutor v. Thomas Lubanga Dyilo", "ICC-01/04-01/06-2842", "2012-03-14", "icc", "")


def test_the_results_page_filters_and_sorts_by_citations_without_javascript(anonymous):
    page = anonymous.get("/fr/search?cited=2&sort=cited").get_data(as_text=True)
    assert 'name="cited"' in page and 'value="2"' in page
    assert "/fr/documents/tadic-judgment" in page and "/fr/documents/lubanga-judgment" not in page
    assert "cité par 2 documents" in page
    assert '<option value="cited" selected>' in page
