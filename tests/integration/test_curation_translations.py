"""Translators' tools on the real Elasticsearch and both databases: linking two documents as
translations (recorded, undoable, shown as "also available in"), the worklist of a language, the
side-by-side view, and who may use them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from giai.db.curation import Correction, FragmentMark
from tests.fixtures.auth import csrf_token, portal_app, signed_in
from tests.fixtures.portal.corpus import doc, index_corpus, page, pages

DOCUMENTS = [
    doc("report-en", "en", "Report on torture", pages=[page(1, "en", "First page in English."), page(2, "en", "Second page.")]),
    doc("report-fr", "fr", "Rapport sur la torture", pages=[page(1, "fr", "Première page en français.")]),
    doc("brief-ru", "ru", "Записка о пытках", translation_group="brief", pages=pages("ru", 1, {}),
        fragments=[{"page": 1, "language": "en", "text": "Key recommendations"}]),
    doc("brief-fr", "fr", "Note sur la torture", translation_group="brief", pages=pages("fr", 1, {})),
    doc("trial-en", "en", "TRIAL's public report", organisation="trial", pages=pages("en", 1, {})),
    doc("hidden-en", "en", "Restricted to TRIAL", organisation="trial", access="restricted", access_orgs=["trial"],
        pages=pages("en", 1, {})),
]


@pytest.fixture
def app(settings, es, alias, database, database_url, tmp_path, vocabularies):
    index_corpus(es, alias, DOCUMENTS)
    return portal_app(settings, alias, database_url, tmp_path, vocabularies)


@pytest.fixture
def translator(app, database):
    return signed_in(app, database, "translator@example.org", ["translator"], ["fidh"], ["fr"])


def test_a_translator_links_two_documents_and_each_page_offers_the_other(translator, es, alias, database):
    token = csrf_token(translator, "/en/documents/report-en/compare/report-fr")
    response = translator.post("/en/documents/report-fr/translations", data={"csrf_token": token, "other": "report-en"})
    assert response.status_code == 302
    es.indices.refresh(index=alias)
    groups = {d: es.get(index=alias, id=d)["_source"].get("translation_group") for d in ("report-en", "report-fr")}
    assert groups["report-en"] == groups["report-fr"] and groups["report-en"]
    with database.session() as session:
        assert {c.doc_id for c in session.scalars(select(Correction).where(Correction.field == "translation_group"))} == {
            "report-en", "report-fr"}
    page_en = translator.get("/en/documents/report-en").get_data(as_text=True)
    assert "/en/documents/report-fr" in page_en
    assert "/en/documents/report-en" in translator.get("/en/documents/report-fr").get_data(as_text=True)


def test_the_worklist_lists_documents_without_a_version_in_the_language_and_fragments(app, database):
    client = signed_in(app, database, "ru@example.org", ["translator"], ["fidh"], ["ru"])
    page = client.get("/en/translations/ru").get_data(as_text=True)
    missing = re.findall(r'<li class="missing"><a href="/en/documents/([\w-]+)"', page)
    assert sorted(missing) == ["report-en", "report-fr", "trial-en"]  # brief-fr has a Russian version; hidden-en is not visible
    assert "Key recommendations" in page


def test_the_side_by_side_view_aligns_pages(translator):
    page = translator.get("/en/documents/report-en/compare/report-fr").get_data(as_text=True)
    assert re.search(r'id="page-1">.*First page in English\..*Première page en français\.', page, re.DOTALL)
    assert 'id="page-2"' in page and "Second page." in page


def test_documents_the_viewer_cannot_see_are_not_found(translator):
    assert translator.get("/en/documents/report-en/compare/hidden-en").status_code == 404
    token = csrf_token(translator, "/en/documents/report-en/compare/report-fr")
    assert translator.post("/en/documents/report-fr/translations", data={"csrf_token": token, "other": "hidden-en"}).status_code == 404


def test_a_translator_may_link_only_documents_in_their_languages(app, database):
    client = signed_in(app, database, "es@example.org", ["translator"], ["fidh"], ["es"])
    token = csrf_token(client, "/en/documents/report-en/compare/report-fr")
    assert client.post("/en/documents/report-fr/translations", data={"csrf_token": token, "other": "report-en"}).status_code == 404
    assert client.get("/en/translations/ru").status_code == 403


@pytest.mark.parametrize("roles, languages", [(["translator"], ["fr"]), (["curator"], [])])
def test_no_one_of_one_organisation_changes_another_organisations_links(app, database, es, alias, roles, languages):
    """A translator or curator of FIDH sees TRIAL's public report but may not write its link."""
    client = signed_in(app, database, "fidh@example.org", roles, ["fidh"], languages)
    token = csrf_token(client, "/en/documents/report-fr/compare/trial-en")
    answer = client.post("/en/documents/report-fr/translations", data={"csrf_token": token, "other": "trial-en"})
    assert answer.status_code == 404
    es.indices.refresh(index=alias)
    assert {d: es.get(index=alias, id=d)["_source"].get("translation_group") for d in ("report-fr", "trial-en")} == {
        "report-fr": None, "trial-en": None}


def test_a_curator_of_both_organisations_links_their_documents(app, database, es, alias):
    client = signed_in(app, database, "both@example.org", ["curator"], ["fidh", "trial"])
    token = csrf_token(client, "/en/documents/report-fr/compare/trial-en")
    assert client.post("/en/documents/report-fr/translations", data={"csrf_token": token, "other": "trial-en"}).status_code == 302


def test_linking_without_a_csrf_token_is_rejected(translator, es, alias):
    assert translator.post("/en/documents/report-fr/translations", data={"other": "report-en"}).status_code == 400
    assert es.get(index=alias, id="report-en")["_source"].get("translation_group") is None


def test_translation_pages_are_refused_to_anonymous_and_members(app, database):
    urls = ["/en/translations/fr", "/en/documents/report-en/compare/report-fr"]
    for url in urls:
        assert app.test_client().get(url).status_code == 302
    member = signed_in(app, database, "member@example.org", ["member"], ["fidh"])
    for url in urls:
        assert member.get(url).status_code == 403
    assert app.test_client().post("/en/documents/report-fr/translations", data={"other": "report-en"}).status_code in (302, 400)


def test_a_fragment_marked_fixed_or_intended_leaves_the_worklist_and_the_mark_is_recorded(app, database):
    client = signed_in(app, database, "ru@example.org", ["translator"], ["fidh"], ["ru"])
    page = client.get("/en/translations/ru").get_data(as_text=True)
    digest = re.search(r'name="digest" value="(\w+)"', page).group(1)
    token = csrf_token(client, "/en/translations/ru")
    data = {"csrf_token": token, "page": "1", "digest": digest, "mark": "intended", "back": "ru"}
    assert client.post("/en/documents/brief-ru/fragments", data=data).status_code == 302
    assert "Key recommendations" not in client.get("/en/translations/ru").get_data(as_text=True)
    with database.session() as session:
        mark = session.scalars(select(FragmentMark)).one()
    assert (mark.doc_id, mark.page, mark.mark, mark.user_email) == ("brief-ru", 1, "intended", "ru@example.org")


def test_marking_a_fragment_needs_a_csrf_token_and_the_documents_language(app, database):
    es_translator = signed_in(app, database, "es@example.org", ["translator"], ["fidh"], ["es"])
    token = csrf_token(es_translator, "/en/translations/es")
    data = {"page": "1", "digest": "0" * 16, "mark": "fixed"}
    assert es_translator.post("/en/documents/brief-ru/fragments", data=data).status_code == 400
    assert es_translator.post("/en/documents/brief-ru/fragments", data=data | {"csrf_token": token}).status_code == 404
