"""The access matrix: four documents (public, members, restricted to organisation A, restricted to
organisation B) × five viewers (anonymous, member of A, member of B, curator of A, admin), through
every read path of the portal, on the real Elasticsearch and both databases.

Each document carries a word of its own ("zq<level>") in its title and text, and a country of its
own, so a leak shows up as that word in a response or as a count. A document a viewer may not see
answers 404, never 403.
"""

from __future__ import annotations

import csv
import hashlib
import io
import xml.etree.ElementTree as ET

import pytest

from giai.raw_store import raw_path
from tests.fixtures.auth import add_account, portal_app, sign_in
from tests.fixtures.portal.corpus import doc, file_record, index_corpus, pages

ORG_A, ORG_B = "trial", "ecchr"
LEVELS = {  # document id → (access fields, its own country)
    "public": ({"access": "public"}, "FR"),
    "members": ({"access": "members"}, "DE"),
    "restricted-a": ({"access": "restricted", "access_orgs": [ORG_A]}, "UA"),
    "restricted-b": ({"access": "restricted", "access_orgs": [ORG_B]}, "SY"),
}
VISIBLE = {
    "anonymous": {"public"},
    "member of A": {"public", "members", "restricted-a"},
    "member of B": {"public", "members", "restricted-b"},
    "curator of A": {"public", "members", "restricted-a"},
    "admin": {"public", "members", "restricted-a", "restricted-b"},
}
ACCOUNTS = {  # viewer → (roles, organisations)
    "member of A": (["member"], [ORG_A]),
    "member of B": (["member"], [ORG_B]),
    "curator of A": (["curator"], [ORG_A]),
    "admin": (["admin"], []),
}
ATOM = "{http://www.w3.org/2005/Atom}"
# GET routes that read no document (or only redirect); every other one is checked by this matrix.
NOT_DOCUMENT_READS = {
    "/",
    "/search",
    "/login",
    "/<locale:locale>/login",
    "/<locale:locale>/account",
    "/<locale:locale>/admin/users",
    "/api/v1/openapi.json",
    "/static/<path:filename>",
}


def word(doc_id: str) -> str:
    return "zq" + doc_id.replace("-", "")


def file_bytes(doc_id: str) -> bytes:
    return f"%PDF-1.4\n% matrix {doc_id}\n".encode()


def matrix_documents() -> list[dict]:
    """The four documents: one organisation (neither A nor B, so only `access` decides), one
    translation group (so each page lists the others) and a file each."""
    return [
        doc(
            doc_id,
            "en",
            f"Matrixword dossier {word(doc_id)}",
            organisation="crd",
            country=[country],
            crime_type=["torture"],
            date="2024-01-01",
            year=2024,
            translation_group="matrix",
            summary=f"Summary {word(doc_id)}",
            file=file_record(f"{doc_id}.pdf", file_bytes(doc_id), "application/pdf"),
            pages=pages("en", 1, {1: f"Matrixword evidence {word(doc_id)} on torture."}),
            **access,
        )
        for doc_id, (access, country) in LEVELS.items()
    ]


@pytest.fixture
def clients(settings, es, alias, database, database_url, tmp_path, vocabularies):
    """viewer kind → a test client signed in as that viewer (anonymous: not signed in)."""
    index_corpus(es, alias, matrix_documents())
    app = portal_app(settings, alias, database_url, tmp_path, vocabularies)
    for doc_id in LEVELS:
        path = raw_path(app.extensions["giai"].settings, hashlib.sha256(file_bytes(doc_id)).hexdigest())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file_bytes(doc_id))
    signed_in = {"anonymous": app.test_client()}
    for viewer, (roles, organisations) in ACCOUNTS.items():
        email = add_account(database, f"{viewer.replace(' ', '-')}@example.org", roles, organisations)
        signed_in[viewer] = app.test_client()
        assert sign_in(signed_in[viewer], email).status_code == 302
    return signed_in


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def leaked(body: str, viewer: str) -> set[str]:
    """Documents hidden from `viewer` whose own word appears in `body`."""
    return {d for d in LEVELS if d not in VISIBLE[viewer] and word(d) in body}


def check_each_viewer(clients, read) -> None:
    """`read(client, viewer)` → what the viewer got; it must be exactly what VISIBLE allows."""
    wrong = {}
    for viewer, client in clients.items():
        got = read(client, viewer)
        if got != VISIBLE[viewer]:
            wrong[viewer] = sorted(got)
    assert wrong == {}, f"expected {VISIBLE}"


def test_search_hits_are_exactly_the_documents_each_viewer_may_see(clients):
    check_each_viewer(clients, lambda c, v: {h["id"] for h in get(c, "/api/v1/search?q=matrixword").get_json()["hits"]})


def test_a_hidden_documents_own_word_finds_nothing(clients):
    def found(client, viewer):
        return {d for d in LEVELS if get(client, f"/api/v1/search?q={word(d)}").get_json()["total"]}

    check_each_viewer(clients, found)


def test_did_you_mean_never_suggests_a_word_of_a_document_the_viewer_may_not_see(clients):
    """A misspelling of each document's word ("zx…" for "zq…"): the index knows every word, so a
    suggestion must be drawn only from what the viewer may read."""
    for viewer, client in clients.items():
        for doc_id in LEVELS:
            misspelt = "zx" + word(doc_id)[2:]
            suggestion = get(client, f"/api/v1/search?q={misspelt}").get_json().get("suggestion") or ""
            assert leaked(suggestion, viewer) == set(), (viewer, misspelt, suggestion)


def test_whether_did_you_mean_answers_depends_only_on_what_the_viewer_may_see(clients):
    """A hidden document's own word must get the suggestion (or none) that a word no document holds
    gets: an answer that differed would tell the viewer the hidden document exists. A visible
    document's word is spelt right and gets none."""
    def suggestion(client, q):
        return get(client, f"/api/v1/search?q={q}").get_json().get("suggestion")

    differing = {}
    for viewer, client in clients.items():
        for doc_id in LEVELS:
            own, nobodys = word(doc_id), word(doc_id)[:-1] + "x"
            expected = None if doc_id in VISIBLE[viewer] else suggestion(client, nobodys)
            if suggestion(client, own) != expected:
                differing[(viewer, own)] = (suggestion(client, own), expected)
    assert differing == {}
    assert suggestion(clients["member of B"], word("restricted-a")) == word("restricted-b")


def test_facet_counts_count_only_what_each_viewer_may_see(clients):
    country_of = {country: doc_id for doc_id, (_, country) in LEVELS.items()}

    def counted(client, viewer):
        answer = get(client, "/api/v1/search").get_json()
        countries = {b["value"]: b["count"] for b in answer["facets"]["country"] if b["count"]}
        assert all(count == 1 for count in countries.values())
        assert {b["value"]: b["count"] for b in answer["facets"]["organisation"] if b["count"]} == {
            "crd": answer["total"]
        }
        return {country_of[c] for c in countries}

    check_each_viewer(clients, counted)


def test_the_facets_endpoint_counts_only_what_each_viewer_may_see(clients):
    country_of = {country: doc_id for doc_id, (_, country) in LEVELS.items()}

    def counted(client, viewer):
        facets = get(client, "/api/v1/facets").get_json()["facets"]
        return {country_of[b["value"]] for b in facets["country"] if b["count"]}

    check_each_viewer(clients, counted)


def test_snippets_quote_only_documents_each_viewer_may_see(clients):
    def quoted(client, viewer):
        hits = get(client, "/api/v1/search?q=evidence").get_json()["hits"]
        snippets = " ".join(s["html"] for h in hits for s in h["snippets"])
        return {d for d in LEVELS if word(d) in snippets}

    check_each_viewer(clients, quoted)


def test_the_html_search_page_shows_and_counts_only_what_each_viewer_may_see(clients):
    def shown(client, viewer):
        body = get(client, "/en/search?q=matrixword").get_data(as_text=True)
        return {d for d in LEVELS if word(d) in body}

    check_each_viewer(clients, shown)


def test_the_home_page_counts_only_what_each_viewer_may_see(clients):
    def counted(client, viewer):
        body = get(client, "/en/").get_data(as_text=True)
        assert f"{len(VISIBLE[viewer])} documents" in body or f"{len(VISIBLE[viewer])} document " in body
        return VISIBLE[viewer] - leaked(body, viewer)

    check_each_viewer(clients, counted)


def test_document_pages_answer_404_never_403_for_documents_a_viewer_may_not_see(clients):
    def opened(client, viewer):
        statuses = {d: client.get(f"/en/documents/{d}").status_code for d in LEVELS}
        assert set(statuses.values()) <= {200, 404}, statuses
        return {d for d, status in statuses.items() if status == 200}

    check_each_viewer(clients, opened)


def test_a_document_page_lists_only_translations_and_related_documents_the_viewer_may_see(clients):
    for viewer, client in clients.items():
        body = get(client, "/en/documents/public").get_data(as_text=True)
        assert leaked(body, viewer) == set(), viewer


def test_the_api_document_answers_404_never_403_and_lists_only_visible_translations(clients):
    def opened(client, viewer):
        statuses = {d: client.get(f"/api/v1/documents/{d}").status_code for d in LEVELS}
        assert set(statuses.values()) <= {200, 404}, statuses
        translations = {t["id"] for t in get(client, "/api/v1/documents/public").get_json()["translations"]}
        assert translations <= VISIBLE[viewer]
        return {d for d, status in statuses.items() if status == 200}

    check_each_viewer(clients, opened)


def test_the_csv_export_holds_only_what_each_viewer_may_see(clients):
    def exported(client, viewer):
        rows = csv.DictReader(
            io.StringIO(get(client, "/api/v1/export.csv?q=matrixword").get_data(as_text=True).lstrip("\ufeff"))
        )
        return {row["id"] for row in rows}

    check_each_viewer(clients, exported)


def test_the_atom_feed_holds_only_what_each_viewer_may_see(clients):
    def entries(client, viewer):
        feed = ET.fromstring(get(client, "/en/search.atom?q=matrixword").get_data())
        titles = " ".join(e.findtext(f"{ATOM}title") or "" for e in feed.iter(f"{ATOM}entry"))
        return {d for d in LEVELS if word(d) in titles}

    check_each_viewer(clients, entries)


def test_original_files_answer_404_never_403_for_documents_a_viewer_may_not_see(clients):
    def downloaded(client, viewer):
        responses = {d: client.get(f"/files/{d}") for d in LEVELS}
        assert {r.status_code for r in responses.values()} <= {200, 404}
        for d, response in responses.items():
            if response.status_code == 200:
                assert response.data == file_bytes(d)
        return {d for d, response in responses.items() if response.status_code == 200}

    check_each_viewer(clients, downloaded)


CHECKED_ABOVE = {
    "api.search",
    "api.facets",
    "api.document",
    "api.export",
    "ui.search",
    "ui.home",
    "ui.feed",
    "documents.document",
    "files.original",
}
# Values for the other arguments of a route: a document the viewer may always see, a language.
ROUTE_VALUES = {"locale": "en", "other_id": "public", "language": "fr"}
MISSING = "no-such-document"


def other_read_routes(app) -> list:
    """GET routes not checked one by one above nor declared to read no document."""
    return [
        rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint not in CHECKED_ABOVE and rule.rule not in NOT_DOCUMENT_READS
    ]


def test_every_other_read_path_treats_a_hidden_document_as_a_missing_one(clients):
    """Routes added later (curation, translation, review, …), checked the same way: for a document
    the viewer may not see, the same status as for a document that does not exist, and none of its
    words; lists show no word of a hidden document."""
    app = clients["anonymous"].application
    urls = app.url_map.bind("localhost")
    for rule in other_read_routes(app):
        for viewer, client in clients.items():
            if "doc_id" not in rule.arguments:
                response = client.get(urls.build(rule.endpoint, ROUTE_VALUES))
                assert leaked(response.get_data(as_text=True), viewer) == set(), (rule.rule, viewer)
                continue
            missing = client.get(urls.build(rule.endpoint, ROUTE_VALUES | {"doc_id": MISSING})).status_code
            for doc_id in LEVELS.keys() - VISIBLE[viewer]:
                response = client.get(urls.build(rule.endpoint, ROUTE_VALUES | {"doc_id": doc_id}))
                assert response.status_code == missing, (rule.rule, viewer, doc_id, response.status_code, missing)
                assert leaked(response.get_data(as_text=True), viewer) == set(), (rule.rule, viewer, doc_id)
