"""Saved searches and their e-mail digests, end to end: a signed-in reader saves a search on the
results page, documents arrive in the index, `send_alerts` mails the digest through a real SMTP
server (aiosmtpd on loopback) in the reader's language, with only what the reader may see, and the
unsubscribe link works without signing in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from giai.db.models import utcnow
from giai.db.saved_searches import SavedSearch
from portal.alerts.digest import send_alerts
from tests.fixtures.auth import add_account, csrf_token, portal_app, sign_in
from tests.fixtures.portal.corpus import doc, index_corpus, pages
from tests.fixtures.smtp import smtp_server  # noqa: F401


def arrival(doc_id: str, at, **fields):
    return doc(doc_id, "en", f"Report {doc_id} on torture", indexed_at=at.isoformat(),
               pages=pages("en", 1, {1: f"Torture evidence {doc_id}."}), **({"country": ["UA"]} | fields))


@pytest.fixture
def setup(settings, es, alias, database, database_url, tmp_path, vocabularies, smtp_server):  # noqa: F811
    inbox, port = smtp_server
    index_corpus(es, alias, [arrival("before", utcnow() - timedelta(days=3))])
    app = portal_app(settings, alias, database_url, tmp_path, vocabularies, smtp_host="127.0.0.1", smtp_port=port,
                     portal_base_url="https://portal.example")
    email = add_account(database, "reader@example.org", ["member"], ["fidh"])
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return app, client, inbox, es, alias, database


def save(client, query="q=torture&country=UA", frequency="daily", locale="fr"):
    token = csrf_token(client, f"/{locale}/search?{query}")
    return client.post(f"/{locale}/alerts", data={"csrf_token": token, "query": query, "name": "torture UA",
                                                  "frequency": frequency})


def test_a_saved_search_mails_only_new_documents_the_reader_may_see_in_their_language(setup):
    app, client, inbox, es, alias, database = setup
    assert save(client).status_code == 302
    assert "torture UA" in client.get("/fr/alerts").get_data(as_text=True)
    soon = utcnow() + timedelta(minutes=1)
    index_corpus(es, alias, [
        arrival("public-new", soon),
        arrival("fidh-new", soon, access="restricted", access_orgs=["fidh"]),
        arrival("other-new", soon, access="restricted", access_orgs=["trial"]),
        arrival("elsewhere", soon, country=["SY"]),
    ])
    assert send_alerts(app, now=utcnow() + timedelta(hours=2)).sent == 0  # not due yet: a day after saving
    report = send_alerts(app, now=utcnow() + timedelta(days=1, minutes=2))
    assert (report.sent, report.failed) == (1, 0)
    [message] = inbox.messages
    assert inbox.recipients == [["reader@example.org"]]
    assert message["Content-Language"] == "fr" and "torture UA" in message["Subject"]
    body = message.get_content()
    assert "2 nouveaux documents" in body
    assert "Report public-new on torture" in body and "Report fidh-new on torture" in body
    assert "other-new" not in body and "elsewhere" not in body and "Report before" not in body
    assert "https://portal.example/fr/documents/public-new" in body
    assert send_alerts(app, now=utcnow() + timedelta(days=1, minutes=3)).sent == 0  # sent once
    unsubscribe = re.search(r"https://portal\.example(/fr/alerts/unsubscribe/\S+)", body).group(1)
    assert message["List-Unsubscribe"] == f"<https://portal.example{unsubscribe}>"

    stranger = app.test_client()
    page = stranger.get(unsubscribe)
    assert page.status_code == 200 and "torture UA" in page.get_data(as_text=True)
    done = stranger.post(unsubscribe, data={"csrf_token": csrf_token(stranger, unsubscribe)})
    assert done.status_code == 200
    with database.session() as session:
        assert session.scalars(select(SavedSearch)).all() == []
    assert stranger.get(unsubscribe).status_code == 404


def test_a_weekly_search_waits_a_week_and_nothing_new_sends_nothing(setup):
    app, client, inbox, es, alias, database = setup
    assert save(client, frequency="weekly", locale="en").status_code == 302
    index_corpus(es, alias, [arrival("fresh", utcnow() + timedelta(minutes=1))])
    assert send_alerts(app, now=utcnow() + timedelta(days=2)).sent == 0
    assert send_alerts(app, now=utcnow() + timedelta(days=7, minutes=2)).sent == 1
    assert "1 new document matches" in inbox.messages[0].get_content()
    assert send_alerts(app, now=utcnow() + timedelta(days=15)).nothing_new == 1
    assert len(inbox.messages) == 1


def test_saving_needs_a_sign_in_and_a_valid_search(setup):
    app, client, inbox, es, alias, database = setup
    assert save(client, query="date_from=yesterday").status_code == 400
    assert save(client, frequency="hourly").status_code == 400
    anonymous = app.test_client()
    token = csrf_token(anonymous, "/en/login")
    response = anonymous.post("/en/alerts", data={"csrf_token": token, "query": "q=x", "frequency": "daily"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert "Sign in to save this search" in anonymous.get("/en/search?q=torture").get_data(as_text=True)


def test_a_reader_deletes_only_their_own_saved_searches(setup):
    app, client, inbox, es, alias, database = setup
    save(client)
    with database.session() as session:
        search_id = session.scalars(select(SavedSearch.id)).one()
    other = app.test_client()
    sign_in(other, add_account(database, "other@example.org", ["member"]))
    token = csrf_token(other, "/en/alerts")
    assert other.post(f"/en/alerts/{search_id}/delete", data={"csrf_token": token}).status_code == 404
    token = csrf_token(client, "/en/alerts")
    assert client.post(f"/en/alerts/{search_id}/delete", data={"csrf_token": token}).status_code == 302
    assert "You have no saved searches" in client.get("/en/alerts").get_data(as_text=True)
