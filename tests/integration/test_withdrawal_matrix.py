"""After `giai withdraw`, a document is absent from every read path for every viewer, within the
same command: the access matrix's four documents × five viewers, on the real Elasticsearch and
both databases. Its page, its API answer and its file say 410 Gone to those who could see it, 404
to the others; the withdrawal is in the audit trail."""

from __future__ import annotations

import csv
import dataclasses
import io
import xml.etree.ElementTree as ET

from ingest_support import giai, ingest_env
from sqlalchemy import select

from giai.db.audit import AuditEvent
from giai.ledger import ledger_path
from ingest.ledger import Entry, Ledger
from tests.integration.test_access_matrix import ATOM, LEVELS, VISIBLE, clients, get, word  # noqa: F401


def withdraw_all(settings, alias, data_dir, database_url) -> None:  # noqa: F811
    ledger = Ledger(ledger_path(dataclasses.replace(settings, data_dir=data_dir), alias))
    ledger.record(
        Entry(doc_id=d, organisation="crd", source_kind="folder", locator=f"m/{d}.pdf", path=f"/m/{d}.pdf",
              sha256="0" * 64, size=1, status="indexed")
        for d in LEVELS
    )
    ledger.close()
    env = ingest_env(settings, alias, data_dir, GIAI_DATABASE_URL=database_url)
    for doc_id in LEVELS:
        result = giai("withdraw", doc_id, "--reason", "a witness asked", env=env)
        assert result.returncode == 0, result.stderr


def test_a_withdrawn_document_is_gone_from_every_read_path(clients, settings, alias, tmp_path, database, database_url):  # noqa: F811
    withdraw_all(settings, alias, tmp_path, database_url)
    everything = "matrixword"
    for viewer, client in clients.items():
        assert get(client, f"/api/v1/search?q={everything}").get_json()["total"] == 0, viewer
        for doc_id in LEVELS:
            assert get(client, f"/api/v1/search?q={word(doc_id)}").get_json()["total"] == 0
            misspelt = "zx" + word(doc_id)[2:]
            assert word(doc_id) not in (get(client, f"/api/v1/search?q={misspelt}").get_json().get("suggestion") or "")
        facets = get(client, "/api/v1/facets").get_json()
        assert facets["total"] == 0 and not any(b["count"] for b in facets["facets"]["country"])
        assert not any(word(d) in get(client, "/en/search?q=evidence").get_data(as_text=True) for d in LEVELS)
        rows = list(csv.DictReader(io.StringIO(get(client, f"/api/v1/export.csv?q={everything}").get_data(as_text=True).lstrip("\ufeff"))))
        assert rows == []
        feed = ET.fromstring(get(client, f"/en/search.atom?q={everything}").get_data())
        assert list(feed.iter(f"{ATOM}entry")) == []


def test_a_withdrawn_document_answers_410_to_those_who_could_see_it_and_404_to_others(
    clients, settings, alias, tmp_path, database, database_url  # noqa: F811
):
    withdraw_all(settings, alias, tmp_path, database_url)
    wrong = {}
    for viewer, client in clients.items():
        for doc_id in LEVELS:
            expected = 410 if doc_id in VISIBLE[viewer] else 404
            for url in (f"/en/documents/{doc_id}", f"/api/v1/documents/{doc_id}", f"/files/{doc_id}"):
                response = client.get(url)
                if response.status_code != expected or (expected == 404 and word(doc_id) in response.get_data(as_text=True)):
                    wrong[(viewer, url)] = response.status_code
    assert wrong == {}
    assert clients["admin"].get("/api/v1/documents/public").get_json()["error"]["code"] == "gone"


def test_a_withdrawal_from_the_command_line_is_in_the_audit_trail(clients, settings, alias, tmp_path, database, database_url):  # noqa: F811
    withdraw_all(settings, alias, tmp_path, database_url)
    with database.session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "withdraw")).all()
    assert sorted(e.target for e in events) == sorted(LEVELS)
    assert all(e.actor.startswith("cli:") and e.detail["reason"] == "a witness asked" for e in events)
