"""Withdrawals and the audit trail in the portal, on the real Elasticsearch and both databases: a
curator takes a document of their organisation down and restores it from the withdrawn queue, only
an admin purges; sign-ins, withdrawals, curation edits and restricted reads land in the audit trail,
which only admins see (with filters and CSV) and which no route edits."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io

import pytest

from giai.ledger import ledger_path
from giai.raw_store import raw_path
from ingest.ledger import Entry, Ledger
from tests.fixtures.auth import add_account, csrf_token, portal_app, sign_in
from tests.fixtures.portal.corpus import doc, file_record, index_corpus, pages

ORG = "trial"
CONTENT = b"%PDF-1.4\n% withdrawal test\n"


@pytest.fixture
def app(settings, es, alias, database, database_url, tmp_path, vocabularies):  # noqa: F811
    documents = [
        doc("report", "en", "Zqwithdrawn report", organisation=ORG, access="members",
            file=file_record("report.pdf", CONTENT, "application/pdf"), pages=pages("en", 1, {1: "Zqwithdrawn text."})),
        doc("other", "en", "Another report", organisation=ORG, pages=pages("en", 1, {1: "Other text."})),
    ]
    index_corpus(es, alias, documents)
    app = portal_app(settings, alias, database_url, tmp_path, vocabularies)
    configured = app.extensions["giai"].settings
    sha = hashlib.sha256(CONTENT).hexdigest()
    path = raw_path(configured, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(CONTENT)
    ledger = Ledger(ledger_path(dataclasses.replace(configured), alias))
    ledger.record([Entry(doc_id=d["id"], organisation=ORG, source_kind="folder", locator=f"t/{d['id']}.pdf",
                         path=f"/t/{d['id']}.pdf", sha256=sha if d["id"] == "report" else "1" * 64, size=1,
                         status="indexed") for d in documents])
    ledger.close()
    return app


def client_of(app, database, email, roles, organisations=()):  # noqa: F811
    add_account(database, email, roles, organisations)
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def post(client, url: str, form_page: str, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, form_page), **data})


def test_a_curator_withdraws_and_restores_and_only_an_admin_purges(app, database):  # noqa: F811
    curator = client_of(app, database, "curator@example.org", ["curator"], [ORG])
    admin = client_of(app, database, "admin@example.org", ["admin"])
    stranger = client_of(app, database, "other-curator@example.org", ["curator"], ["ecchr"])

    assert post(stranger, "/en/documents/report/withdraw", "/en/curation/withdrawn", reason="x").status_code == 404
    answer = post(curator, "/en/documents/report/withdraw", "/en/documents/report/edit", reason="a witness asked")
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/en/curation/withdrawn")

    assert curator.get("/en/documents/report").status_code == 410
    assert app.test_client().get("/api/v1/documents/report").status_code == 404  # anonymous never saw it
    assert curator.get("/api/v1/search?q=zqwithdrawn").get_json()["total"] == 0
    queue = curator.get("/en/curation/withdrawn").get_data(as_text=True)
    assert "Zqwithdrawn report" in queue and "a witness asked" in queue and "curator@example.org" in queue
    assert "Zqwithdrawn" not in stranger.get("/en/curation/withdrawn").get_data(as_text=True)

    assert post(curator, "/en/curation/withdrawn/report/restore", "/en/curation/withdrawn").status_code == 302
    assert curator.get("/en/documents/report").status_code == 200

    post(curator, "/en/documents/report/withdraw", "/en/documents/report/edit", reason="again")
    assert post(curator, "/en/curation/withdrawn/report/purge", "/en/curation/withdrawn").status_code == 403
    assert post(admin, "/en/curation/withdrawn/report/purge", "/en/curation/withdrawn").status_code == 302
    assert not raw_path(app.extensions["giai"].settings, hashlib.sha256(CONTENT).hexdigest()).exists()
    assert "Restore" not in admin.get("/en/curation/withdrawn").get_data(as_text=True)  # purged: for good


def test_the_audit_trail_records_and_shows_only_to_admins(app, database):  # noqa: F811
    refused = app.test_client()
    assert sign_in(refused, "nobody@example.org", "wrong password").status_code == 401
    curator = client_of(app, database, "curator@example.org", ["curator"], [ORG])
    admin = client_of(app, database, "admin@example.org", ["admin"])
    assert curator.get("/en/documents/report").status_code == 200  # members only: a restricted read
    assert curator.get("/files/report").status_code == 200
    app.test_client().get("/en/documents/other")  # public: not recorded
    post(curator, "/en/documents/report/withdraw", "/en/documents/report/edit", reason="a witness asked")

    assert curator.get("/en/admin/audit").status_code == 403
    page = admin.get("/en/admin/audit").get_data(as_text=True)
    for action in ("sign_in_failed", "sign_in", "view", "download", "withdraw"):
        assert f"<td>{action}</td>" in page, action
    rows = list(csv.DictReader(io.StringIO(admin.get("/en/admin/audit.csv").get_data(as_text=True).lstrip("\ufeff"))))
    by_action = {}
    for row in rows:
        by_action.setdefault(row["action"], []).append(row)
    assert {r["target"] for r in by_action["view"]} == {"report"}
    assert by_action["withdraw"][0]["actor"] == "curator@example.org"
    assert "a witness asked" in by_action["withdraw"][0]["detail"]
    assert all(len(r["address"]) == 32 and "127.0.0.1" not in r["address"] for r in by_action["sign_in"])
    only = list(csv.DictReader(io.StringIO(
        admin.get("/en/admin/audit.csv?action=download&actor=curator").get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["action"], r["target"]) for r in only] == [("download", "report")]
    assert not [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/<locale:locale>/admin/audit")
                and rule.methods - {"GET", "HEAD", "OPTIONS"}]
