"""Content notes on the real Elasticsearch: a graphic page's snippet waits behind a note in the API
(`content_note: true`, no text unless `content_notes=show`) and on the HTML pages (<details>,
without script), the reader's choice is kept (cookie, account), and protection and flags survive
re-ingestion through the real `giai ingest`."""

from __future__ import annotations

import re

import pytest

from giai.db.protection import ContentNoteMark
from giai.es import url_with_credentials
from tests.fixtures.auth import add_account, csrf_token, portal_app, sign_in
from tests.fixtures.portal.corpus import index_corpus
from tests.fixtures.protection import noted_document
from tests.integration.ingest_support import documents, giai, ingest_env, ingest_ok, write_pdf


@pytest.fixture
def app(settings, es, alias, database_url, tmp_path, vocabularies):
    index_corpus(es, alias, [noted_document()])
    return portal_app(settings, alias, database_url, tmp_path, vocabularies)


def test_the_rules_flag_the_graphic_page_only():
    assert [p["content_note"] for p in noted_document()["pages"]] == [False, True]


def test_the_api_marks_a_flagged_snippet_and_omits_its_text_unless_asked(app):
    client = app.test_client()
    hit, = client.get("/api/v1/search?q=cables").get_json()["hits"]
    snippet, = hit["snippets"]
    assert hit["content_note"] is True and snippet["content_note"] is True and "html" not in snippet
    shown, = client.get("/api/v1/search?q=cables&content_notes=show").get_json()["hits"][0]["snippets"]
    assert shown["content_note"] is True and "cables" in shown["html"]
    plain, = client.get("/api/v1/search?q=rosters").get_json()["hits"]
    assert "content_note" not in plain["snippets"][0] and "rosters" in plain["snippets"][0]["html"]


def test_the_search_page_hides_a_graphic_snippet_behind_a_note_the_reader_opens(app):
    body = app.test_client().get("/en/search?q=cables").get_data(as_text=True)
    note = re.search(r'<details class="content-note"><summary>(.*?)</summary>(.*?)</details>', body, re.S)
    assert note and "cables" in note.group(2) and "trigger" not in note.group(1).lower()


def test_the_document_page_shows_the_note_before_the_flagged_page_only(app):
    body = app.test_client().get("/en/documents/noted").get_data(as_text=True)
    assert body.count('<details class="content-note">') == 1
    assert body.index('<details class="content-note">') < body.index("cables") and body.index("rosters") < body.index("<details")


def test_an_anonymous_readers_choice_is_kept_in_a_cookie(app):
    client = app.test_client()
    token = csrf_token(client, "/en/search?q=cables")
    answer = client.post("/en/reading", data={"content_notes": "show", "next": "/en/search?q=cables", "csrf_token": token})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/en/search?q=cables")
    assert '<details class="content-note">' not in client.get("/en/search?q=cables").get_data(as_text=True)
    offsite = client.post("/en/reading", data={"content_notes": "notes", "next": "//evil.example/", "csrf_token": token})
    assert "evil.example" not in offsite.headers["Location"]


def test_a_signed_in_readers_choice_is_kept_in_the_account(app, database):
    add_account(database, "reader@example.org", ["member"], ["fidh"])
    client = app.test_client()
    sign_in(client, "reader@example.org")
    token = csrf_token(client, "/en/search?q=cables")
    client.post("/en/reading", data={"content_notes": "show", "next": "/en/", "csrf_token": token})
    again = app.test_client()
    sign_in(again, "reader@example.org")
    assert '<details class="content-note">' not in again.get("/en/search?q=cables").get_data(as_text=True)


def test_protection_and_content_note_flags_survive_re_ingestion(settings, es, alias, tmp_path, database, database_url):
    folder = tmp_path / "corpus"
    pages = [["Statement of the witness Lena Marsh about the camp."], ["The camp held many people in 2019."]]
    write_pdf(folder / "statement.pdf", pages, sidecar="organisation: fidh\nlanguage: en\n")
    env = ingest_env(settings, alias, tmp_path / "data", GIAI_INGEST_OCR_LANGUAGES="", GIAI_DATABASE_URL=database_url)
    ingest_ok(str(folder), env=env)
    (doc_id, source), = documents(es, alias).items()
    assert source["protection"]["candidates"][0]["name"] == "Lena Marsh"  # proposed, not applied
    assert "Lena Marsh" in source["pages"][0]["text"]
    protect_env = {**env, "GIAI_ES_URL": url_with_credentials(settings)}
    done = giai("protect", "Lena Marsh", "--org", "fidh", "--role", "witness", env=protect_env)
    assert done.returncode == 0, done.stderr
    with database.session() as session:
        session.add(ContentNoteMark(doc_id=doc_id, page=2, organisation="fidh", flagged=True, user_email="c@example.org"))
    for args in ((str(folder),), ("--force", str(folder))):
        ingest_ok(*args, env=env)
        source = documents(es, alias)[doc_id]
        assert "Lena" not in str({k: v for k, v in source.items() if not k.startswith("protect")}), args
        assert "[Witness 1]" in source["pages"][0]["text"]
    assert [p["content_note"] for p in source["pages"]] == [False, True]
    assert source["content_notes"] == [{"page": 2, "source": "curator", "terms": []}]
