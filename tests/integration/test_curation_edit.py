"""Curation on the real Elasticsearch and both databases: editing a document's metadata (who may,
what is recorded, what the index shows and where each value came from), history and undo, and
the refusals (anonymous, wrong role, another organisation's document, no CSRF token)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from giai.db.curation import Change, Correction
from tests.fixtures.auth import (
    add_account,
    csrf_token,
    form_of,
    portal_app,
    sign_in,
)
from tests.fixtures.portal.corpus import doc, index_corpus, pages

RULE_EVIDENCE = {
    "crime_type": [{"value": "torture", "source": "rule", "terms": ["torture", "tortured"]}],
    "doc_type": [{"value": "report", "source": "metadata", "terms": []}],
}
DOCUMENTS = [
    doc("fidh-report", "en", "Report on torture in detention", crime_type=["torture"], doc_type=["report"],
        country=["CD"], date="2020-03-15", year=2020, evidence=RULE_EVIDENCE, pages=pages("en", 1, {1: "torture"})),
    doc("fidh-restricted", "en", "Restricted dossier", access="restricted", access_orgs=["fidh"],
        pages=pages("en", 1, {})),
    doc("trial-judgment", "es", "Sentencia", organisation="trial", doc_type=["judgment"], pages=pages("es", 1, {})),
]


@pytest.fixture
def app(settings, es, alias, database, database_url, tmp_path, vocabularies):
    index_corpus(es, alias, DOCUMENTS)
    return portal_app(settings, alias, database_url, tmp_path, vocabularies)


@pytest.fixture
def accounts(database):
    return {
        "curator": add_account(database, "curator@fidh.example", ["curator"], ["fidh"]),
        "other": add_account(database, "curator@trial.example", ["curator"], ["trial"]),
        "member": add_account(database, "member@fidh.example", ["member"], ["fidh"]),
        "translator": add_account(database, "translator@fidh.example", ["translator"], ["fidh"], ["fr"]),
        "admin": add_account(database, "admin@example.org", ["admin"]),
    }


def client_of(app, email: str | None):
    client = app.test_client()
    if email:
        assert sign_in(client, email).status_code == 302
    return client


def indexed(es, alias, doc_id):
    es.indices.refresh(index=alias)
    return es.get(index=alias, id=doc_id)["_source"]


def test_a_curator_corrects_crime_types_and_title_the_index_shows_them_at_once_with_their_ancestors(app, accounts, es, alias, database):
    client = client_of(app, accounts["curator"])
    data = form_of(client, "fidh-report", crime_type=["torture", "persecution"], title="Torture in detention, 2020")
    response = client.post("/en/documents/fidh-report/edit", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    source = indexed(es, alias, "fidh-report")
    assert source["title"] == source["title_en"] == "Torture in detention, 2020"
    assert set(source["crime_type"]) == {"torture", "persecution", "crimes-against-humanity"}
    assert {e["source"] for e in source["evidence"]["crime_type"]} == {"curator"}
    assert source["doc_type"] == ["report"]  # unchanged fields are left alone
    with database.session() as session:
        corrections = {c.field: c.value for c in session.scalars(select(Correction))}
        changes = list(session.scalars(select(Change).order_by(Change.field)))
    assert corrections == {"crime_type": ["torture", "persecution"], "title": "Torture in detention, 2020"}
    assert [(c.field, c.old_value, c.user_email) for c in changes] == [
        ("crime_type", ["torture"], "curator@fidh.example"),
        ("title", "Report on torture in detention", "curator@fidh.example"),
    ]


def test_the_edit_page_says_where_each_value_came_from(app, accounts):
    client = client_of(app, accounts["curator"])
    page = client.get("/en/documents/fidh-report/edit").get_data(as_text=True)
    assert '<td class="origin origin-rule">rule: <q>torture</q>, <q>tortured</q></td>' in page
    assert '<td class="origin origin-metadata">source metadata</td>' in page
    client.post("/en/documents/fidh-report/edit", data=form_of(client, "fidh-report", doc_type="judgment"))
    page = client.get("/en/documents/fidh-report/edit").get_data(as_text=True)
    assert re.search(r'<td>Judgment</td>\s*<td class="origin origin-curator">curator \(curator@fidh.example, <time', page)


def test_access_level_and_language_corrections_change_who_sees_it_and_its_language_fields(app, accounts, es, alias):
    client = client_of(app, accounts["curator"])
    client.post("/en/documents/fidh-report/edit", data=form_of(client, "fidh-report", access="restricted", language="fr"))
    source = indexed(es, alias, "fidh-report")
    assert source["access"] == "restricted" and source["access_orgs"] == ["fidh"]
    assert source["language"] == "fr" and source["languages"][0] == "fr"
    assert source.get("title_en") is None and source["title_fr"] == "Report on torture in detention"
    assert app.test_client().get("/en/documents/fidh-report").status_code == 404


def test_history_lists_changes_and_undo_restores_the_old_value_and_is_itself_recorded(app, accounts, es, alias, database):
    client = client_of(app, accounts["curator"])
    client.post("/en/documents/fidh-report/edit", data=form_of(client, "fidh-report", crime_type=["genocide"]))
    assert indexed(es, alias, "fidh-report")["crime_type"] == ["genocide"]
    page = client.get("/en/documents/fidh-report/history").get_data(as_text=True)
    change_id = re.search(r'/history/(\d+)/undo', page).group(1)
    token = csrf_token(client, "/en/documents/fidh-report/history")
    response = client.post(f"/en/documents/fidh-report/history/{change_id}/undo", data={"csrf_token": token})
    assert response.status_code == 302
    source = indexed(es, alias, "fidh-report")
    assert source["crime_type"] == ["torture"] and source["evidence"]["crime_type"] == RULE_EVIDENCE["crime_type"]
    with database.session() as session:
        assert session.scalars(select(Correction)).all() == []
        undo = session.scalars(select(Change).where(Change.undoes_id.is_not(None))).one()
    assert (undo.old_value, undo.new_value) == (["genocide"], ["torture"])
    assert "(undo)" in client.get("/en/documents/fidh-report/history").get_data(as_text=True)


def test_only_the_newest_change_of_a_field_can_be_undone(app, accounts):
    client = client_of(app, accounts["curator"])
    client.post("/en/documents/fidh-report/edit", data=form_of(client, "fidh-report", title="First"))
    client.post("/en/documents/fidh-report/edit", data=form_of(client, "fidh-report", title="Second"))
    page = client.get("/en/documents/fidh-report/history").get_data(as_text=True)
    ids = sorted(int(i) for i in re.findall(r'id="change-(\d+)"', page))
    token = csrf_token(client, "/en/documents/fidh-report/history")
    assert client.post(f"/en/documents/fidh-report/history/{ids[0]}/undo", data={"csrf_token": token}).status_code == 409
    assert client.post(f"/en/documents/fidh-report/history/{ids[1]}/undo", data={"csrf_token": token}).status_code == 302


def test_an_unknown_value_is_refused_and_nothing_is_recorded(app, accounts, database):
    client = client_of(app, accounts["curator"])
    response = client.post("/en/documents/fidh-report/edit", data=form_of(client, "fidh-report", crime_type=["not-a-crime"]))
    assert response.status_code == 400
    with database.session() as session:
        assert session.scalars(select(Change)).all() == []


# --- refusals -------------------------------------------------------------------------------------

CURATION_URLS = ["/en/documents/fidh-report/edit", "/en/documents/fidh-report/history"]


@pytest.mark.parametrize("url", CURATION_URLS)
def test_anonymous_visitors_are_sent_to_sign_in(app, url):
    response = app.test_client().get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["member", "translator"])
@pytest.mark.parametrize("url", CURATION_URLS)
def test_users_without_the_curator_role_are_refused(app, accounts, role, url):
    assert client_of(app, accounts[role]).get(url).status_code == 403


def test_anonymous_and_wrong_role_posts_change_nothing(app, accounts, es, alias):
    assert app.test_client().post("/en/documents/fidh-report/edit", data={"title": "x"}).status_code in (302, 400)
    member = client_of(app, accounts["member"])
    token = csrf_token(member, "/en/account")
    assert member.post("/en/documents/fidh-report/edit", data={"title": "x", "csrf_token": token}).status_code == 403
    assert indexed(es, alias, "fidh-report")["title"] == "Report on torture in detention"


def test_a_curator_cannot_see_or_edit_another_organisations_document(app, accounts, es, alias):
    other = client_of(app, accounts["other"])
    assert other.get("/en/documents/fidh-report/edit").status_code == 404
    assert other.get("/en/documents/fidh-restricted/edit").status_code == 404
    assert other.get("/en/documents/fidh-report/history").status_code == 404
    token = csrf_token(other, "/en/documents/trial-judgment/edit")
    assert other.post("/en/documents/fidh-report/edit", data={"csrf_token": token, "title": "Hijacked"}).status_code == 404
    assert indexed(es, alias, "fidh-report")["title"] == "Report on torture in detention"
    assert other.get("/en/documents/trial-judgment/edit").status_code == 200


def test_an_admin_edits_any_organisations_document(app, accounts):
    assert client_of(app, accounts["admin"]).get("/en/documents/trial-judgment/edit").status_code == 200


def test_an_edit_without_a_csrf_token_is_rejected(app, accounts, es, alias):
    client = client_of(app, accounts["curator"])
    data = form_of(client, "fidh-report", title="No token")
    del data["csrf_token"]
    assert client.post("/en/documents/fidh-report/edit", data=data).status_code == 400
    assert indexed(es, alias, "fidh-report")["title"] == "Report on torture in detention"


def test_an_undo_without_a_csrf_token_is_rejected(app, accounts):
    client = client_of(app, accounts["curator"])
    client.post("/en/documents/fidh-report/edit", data=form_of(client, "fidh-report", title="Changed"))
    page = client.get("/en/documents/fidh-report/history").get_data(as_text=True)
    change_id = re.search(r'/history/(\d+)/undo', page).group(1)
    assert client.post(f"/en/documents/fidh-report/history/{change_id}/undo").status_code == 400


@pytest.mark.parametrize("role", [None, "member", "translator"])
def test_undo_is_refused_to_anonymous_and_wrong_role_users(app, accounts, database, role):
    curator = client_of(app, accounts["curator"])
    curator.post("/en/documents/fidh-report/edit", data=form_of(curator, "fidh-report", title="Changed"))
    with database.session() as session:
        change_id = session.scalars(select(Change.id)).one()
    client = client_of(app, accounts[role] if role else None)
    token = csrf_token(client, "/en/account" if role else "/en/login")
    response = client.post(f"/en/documents/fidh-report/history/{change_id}/undo", data={"csrf_token": token})
    assert response.status_code == (403 if role else 302)
    with database.session() as session:
        assert len(session.scalars(select(Change)).all()) == 1


def test_when_the_index_refuses_the_update_nothing_is_recorded_and_the_curator_is_told(app, accounts, es, alias, database):
    client = client_of(app, accounts["curator"])
    data = form_of(client, "fidh-report", title="Refused")
    es.indices.put_settings(index=alias, settings={"index.blocks.write": True})
    try:
        response = client.post("/en/documents/fidh-report/edit", data=data)
    finally:
        es.indices.put_settings(index=alias, settings={"index.blocks.write": None})
    assert response.status_code == 503
    with database.session() as session:
        assert session.scalars(select(Change)).all() == [] and session.scalars(select(Correction)).all() == []
    assert indexed(es, alias, "fidh-report")["title"] == "Report on torture in detention"


def test_the_document_page_offers_edit_and_history_to_its_curator_only(app, accounts):
    page = "/en/documents/fidh-report"
    curator_html = client_of(app, "curator@fidh.example").get(page).get_data(as_text=True)
    assert "/en/documents/fidh-report/edit" in curator_html and "/en/documents/fidh-report/history" in curator_html
    for email in (None, "curator@trial.example", "member@fidh.example"):
        assert "/edit" not in client_of(app, email).get(page).get_data(as_text=True)


def test_the_header_links_curators_to_their_queues_and_translators_to_their_worklist(app, accounts):
    curator_html = client_of(app, "curator@fidh.example").get("/en/").get_data(as_text=True)
    assert "/en/curation/review" in curator_html and "/en/curation/upload" in curator_html
    translator_html = client_of(app, "translator@fidh.example").get("/en/").get_data(as_text=True)
    assert "/en/translations/fr" in translator_html and "/en/curation/review" not in translator_html
