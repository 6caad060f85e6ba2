"""Curators' protection pages on the real Elasticsearch and both databases: protecting a proposed
name, adding and removing a name, marking the original safe, flagging a page; each change reaches
the index at once and the document's history."""

from __future__ import annotations

import pytest

from giai.db.protection import ProtectionState
from ingest.protect import protect_source
from tests.fixtures.auth import add_account, csrf_token, form_of, portal_app, sign_in
from tests.fixtures.portal.corpus import doc, index_corpus

TEXT = "The witness Nadia Korhonen saw the guards beat the detainees with cables until they bled."


@pytest.fixture
def curator(settings, es, alias, database, database_url, tmp_path, vocabularies):
    source = doc("case", "en", "Case of Nadia Korhonen", organisation="trial",
                 pages=[{"number": 1, "language": "en", "text": TEXT, "text_en": TEXT},
                        {"number": 2, "language": "en", "text": "A calm page.", "text_en": "A calm page."}])
    index_corpus(es, alias, [protect_source(source, ProtectionState())])
    app = portal_app(settings, alias, database_url, tmp_path, vocabularies)
    add_account(database, "curator@trial.example", ["curator"], ["trial"])
    add_account(database, "other@ecchr.example", ["curator"], ["ecchr"])
    client = app.test_client()
    sign_in(client, "curator@trial.example")
    return client, app


def post(client, url: str, **data):
    data["csrf_token"] = csrf_token(client, "/en/documents/case/protection")
    return client.post(url, data=data)


def test_a_proposed_name_is_protected_only_when_a_curator_accepts_it(curator, es, alias):
    client, app = curator
    page = client.get("/en/documents/case/protection").get_data(as_text=True)
    assert "Nadia Korhonen" in page and "Names proposed for protection" in page
    assert "Nadia" in es.get(index=alias, id="case")["_source"]["pages"][0]["text"]  # never applied unseen
    answer = post(client, "/en/documents/case/protection/candidates", name="Nadia Korhonen", decision="protected", role="witness")
    assert answer.status_code == 302
    source = es.get(index=alias, id="case")["_source"]
    assert source["title"] == "Case of [Witness 1]" and "Nadia" not in source["pages"][0]["text"]
    anonymous = app.test_client().get("/api/v1/search?q=Korhonen").get_json()
    assert anonymous["total"] == 0
    assert client.get("/api/v1/search?q=Korhonen").get_json()["total"] == 1
    history = client.get("/en/documents/case/history").get_data(as_text=True)
    assert "Nadia Korhonen (witness)" in history


def test_removing_a_name_gives_the_text_back(curator, es, alias):
    client, _ = curator
    post(client, "/en/documents/case/protection/names", spellings="Nadia Korhonen\nНадя Корхонен", role="victim", scope="organisation")
    assert es.get(index=alias, id="case")["_source"]["title"] == "Case of [Victim 1]"
    page = client.get("/en/documents/case/protection").get_data(as_text=True)
    assert "Надя Корхонен" in page and "[Victim 1]" in page
    name_id = int(page.split("/protection/names/")[1].split("/")[0])
    assert post(client, f"/en/documents/case/protection/names/{name_id}/remove").status_code == 302
    source = es.get(index=alias, id="case")["_source"]
    assert source["title"] == "Case of Nadia Korhonen" and source["pages"][0]["text"] == TEXT
    assert "protected_text" not in source


def test_a_curator_flags_and_unflags_pages_and_marks_the_original_safe(curator, es, alias):
    client, _ = curator
    assert [p["content_note"] for p in es.get(index=alias, id="case")["_source"]["pages"]] == [True, False]
    post(client, "/en/documents/case/protection/pages/1", flagged="0")
    post(client, "/en/documents/case/protection/pages/2", flagged="1")
    source = es.get(index=alias, id="case")["_source"]
    assert [p["content_note"] for p in source["pages"]] == [False, True]
    assert {(e["page"], e["source"]) for e in source["content_notes"]} == {(1, "curator"), (2, "curator")}
    post(client, "/en/documents/case/protection/safe", safe="1")
    assert es.get(index=alias, id="case")["_source"]["protection"]["safe"] is True


def test_another_organisations_curator_cannot_open_the_page(curator):
    _, app = curator
    other = app.test_client()
    sign_in(other, "other@ecchr.example")
    assert other.get("/en/documents/case/protection").status_code == 404
    assert other.get("/en/documents/no-such/protection").status_code == 404


def test_a_curated_title_naming_a_protected_person_is_protected_too(curator, es, alias):
    client, app = curator
    post(client, "/en/documents/case/protection/names", spellings="Nadia Korhonen", role="witness", scope="organisation")
    data = form_of(client, "case", title="Nadia Korhonen's statement")
    assert client.post("/en/documents/case/edit", data=data).status_code == 302
    source = es.get(index=alias, id="case")["_source"]
    assert source["title"] == "[Witness 1]'s statement" and source["protection"]["original"]["title"] == "Nadia Korhonen's statement"
    assert "Nadia" not in app.test_client().get("/en/documents/case").get_data(as_text=True)
