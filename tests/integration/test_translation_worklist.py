"""The translators' worklist and claims on the real Elasticsearch and both databases: effort,
demand from the portal's own counts, sorting, filters, paging, one claim per document and
language, states, release, expiry, reassignment by curators, and the document's history."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select, update

from giai.db.translation import ClaimEvent, DemandCount, TranslationClaim
from tests.fixtures.auth import csrf_token, portal_app, signed_in
from tests.fixtures.portal.corpus import doc, index_corpus, pages

DOCUMENTS = [
    doc("big-en", "en", "Big judgment", date="2019-01-01", year=2019, word_count=5000, pages=pages("en", 3, {}),
        doc_type=["judgment"], crime_type=["torture"], country=["UA"]),
    doc("small-en", "en", "Small brief", date="2021-01-01", year=2021, word_count=300, pages=pages("en", 1, {}),
        doc_type=["policy-brief"], crime_type=["genocide"], country=["GT"]),
    doc("mid-fr", "fr", "Rapport moyen", date="2023-01-01", year=2023, word_count=1200, pages=pages("fr", 2, {}),
        organisation="trial", doc_type=["report"], crime_type=["torture"], country=["CD"]),
    doc("already-ru", "ru", "Уже по-русски", word_count=10, pages=pages("ru", 1, {})),
]


@pytest.fixture
def app(settings, es, alias, database, database_url, tmp_path, vocabularies):
    index_corpus(es, alias, DOCUMENTS)
    return portal_app(settings, alias, database_url, tmp_path, vocabularies, portal_page_size=5)


@pytest.fixture
def translator(app, database):
    return signed_in(app, database, "ru@example.org", ["translator"], ["fidh"], ["ru"])


def listed(client, query: str = "") -> list[str]:
    response = client.get(f"/en/translations/ru{query}")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return re.findall(r'<tr class="missing" data-doc="([\w-]+)"', response.get_data(as_text=True))


def claim_action(client, doc_id: str, action: str, **fields):
    token = csrf_token(client, "/en/translations/ru")
    return client.post(f"/en/translations/ru/claims/{doc_id}", data={"csrf_token": token, "action": action, **fields})


def test_the_worklist_shows_effort_and_sorts_by_size_date_and_demand(translator, app):
    assert listed(translator, "?sort=size") == ["small-en", "mid-fr", "big-en"]
    assert listed(translator, "?sort=date") == ["mid-fr", "small-en", "big-en"]
    page = translator.get("/en/translations/ru?sort=size").get_data(as_text=True)
    assert re.search(r'data-doc="big-en".*?<td class="words">5,000</td>\s*<td>3</td>', page, re.DOTALL)
    reader = app.test_client()
    for _ in range(3):
        reader.get("/en/documents/big-en?q=judgment")  # found in a search and opened
    reader.get("/en/documents/small-en")
    assert listed(translator, "?sort=demand") == ["big-en", "small-en", "mid-fr"]
    assert listed(translator) == ["big-en", "small-en", "mid-fr"]  # demand is the default
    assert re.search(r'data-doc="big-en".*?<td class="demand">3</td>', translator.get("/en/translations/ru").get_data(as_text=True), re.DOTALL)


def test_demand_counts_opens_and_finds_per_day(app, database):
    client = app.test_client()
    client.get("/en/documents/small-en")
    client.get("/en/documents/small-en?q=brief")
    client.get("/en/documents/small-en?start=1")  # a further window of pages is not another open
    with database.session() as session:
        row = session.scalars(select(DemandCount)).one()
    assert (row.doc_id, row.opens, row.finds) == ("small-en", 2, 1)


def test_the_worklist_filters_and_pages(translator):
    assert listed(translator, "?organisation=trial") == ["mid-fr"]
    assert listed(translator, "?crime_type=torture&sort=size") == ["mid-fr", "big-en"]
    assert listed(translator, "?country=GT&doc_type=policy-brief") == ["small-en"]
    assert listed(translator, "?page=2") == []


@pytest.mark.parametrize("query, message", [
    ("?sort=popular", "Unknown sort order popular: use demand, date or size."),
    ("?organisation=nowhere", "unknown value nowhere"),
    ("?page=0", "Page 0 does not exist"),
])
def test_bad_worklist_parameters_are_a_clear_400(translator, query, message):
    response = translator.get(f"/en/translations/ru{query}")
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_one_claim_per_document_and_language_with_states_and_release(translator, app, database):
    other = signed_in(app, database, "ru2@example.org", ["translator"], ["fidh"], ["ru"])
    assert claim_action(translator, "small-en", "claim").status_code == 302
    assert claim_action(other, "small-en", "claim").status_code == 409
    assert claim_action(other, "small-en", "state", state="done").status_code == 403
    assert claim_action(translator, "small-en", "state", state="in_progress").status_code == 302
    assert claim_action(translator, "small-en", "state", state="finished").status_code == 400
    page = other.get("/en/translations/ru").get_data(as_text=True)
    assert "In progress: ru@example.org" in page
    assert claim_action(translator, "small-en", "release").status_code == 302
    assert claim_action(other, "small-en", "claim").status_code == 302
    with database.session() as session:
        held = session.scalars(select(TranslationClaim)).one()
        actions = [e.action for e in session.scalars(select(ClaimEvent).order_by(ClaimEvent.id))]
    assert (held.doc_id, held.language, held.user_email, held.state) == ("small-en", "ru", "ru2@example.org", "claimed")
    assert actions == ["claim", "state", "release", "claim"]


def test_a_claim_without_activity_expires(translator, app, database):
    assert claim_action(translator, "small-en", "claim").status_code == 302
    with database.session() as session:
        session.execute(update(TranslationClaim).values(active_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=31)))
    page = translator.get("/en/translations/ru").get_data(as_text=True)
    assert "Claimed: ru@example.org" not in page
    with database.session() as session:
        assert session.scalars(select(TranslationClaim)).all() == []
        assert [e.action for e in session.scalars(select(ClaimEvent).order_by(ClaimEvent.id))] == ["claim", "expire"]


def test_a_curator_of_the_organisation_reassigns_and_sees_the_history(translator, app, database):
    signed_in(app, database, "ru2@example.org", ["translator"], ["fidh"], ["ru"])
    curator = signed_in(app, database, "curator@example.org", ["curator"], ["fidh"])
    outsider = signed_in(app, database, "trial@example.org", ["curator"], ["trial"])
    assert claim_action(translator, "small-en", "claim").status_code == 302
    assert claim_action(outsider, "small-en", "reassign", assignee="ru2@example.org").status_code == 403
    assert claim_action(curator, "small-en", "reassign", assignee="nobody@example.org").status_code == 400
    assert claim_action(curator, "small-en", "reassign", assignee="RU2@example.org").status_code == 302
    assert "Claimed: ru2@example.org" in curator.get("/en/translations/ru").get_data(as_text=True)
    history = curator.get("/en/documents/small-en/history").get_data(as_text=True)
    assert history.count('class="claim-event"') == 2 and "Reassigned" in history


def test_claiming_needs_the_language_and_a_csrf_token(app, database, translator):
    spanish = signed_in(app, database, "es@example.org", ["translator"], ["fidh"], ["es"])
    token = csrf_token(spanish, "/en/translations/es")
    assert spanish.post("/en/translations/ru/claims/small-en", data={"csrf_token": token, "action": "claim"}).status_code == 403
    assert translator.post("/en/translations/ru/claims/small-en", data={"action": "claim"}).status_code == 400


def test_paging_by_demand_runs_on_from_the_most_opened_to_the_newest(settings, es, alias, database, database_url, tmp_path,
                                                                     vocabularies):
    many = [doc(f"d{n}", "en", f"Document {n}", date=f"20{10 + n}-01-01", year=2010 + n, pages=pages("en", 1, {}))
            for n in range(8)]
    index_corpus(es, alias, many)
    app = portal_app(settings, alias, database_url, tmp_path, vocabularies, portal_page_size=5)
    client = signed_in(app, database, "ru@example.org", ["translator"], ["fidh"], ["ru"])
    reader = app.test_client()
    for doc_id, opens in (("d1", 2), ("d0", 1), ("d6", 1)):
        for _ in range(opens):
            reader.get(f"/en/documents/{doc_id}")
    assert listed(client) + listed(client, "?page=2") == ["d1", "d6", "d0", "d7", "d5", "d4", "d3", "d2"]
    assert listed(client, "?sort=date&page=2") == ["d2", "d1", "d0"]
    assert "8 documents" in client.get("/en/translations/ru?page=2").get_data(as_text=True)
