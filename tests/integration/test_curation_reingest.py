"""A curator's corrections survive re-ingestion: the real `giai ingest` reads them from the
database (SQLite and PostgreSQL) and they win over the sidecar and the rules."""

from __future__ import annotations

import pytest

from tests.fixtures.auth import add_account, form_of, portal_app, sign_in
from tests.integration.ingest_support import documents, giai, ingest_env, ingest_ok, write_pdf

LINES = [
    "Report on torture in places of detention",
    "Detainees described systematic torture by the guards in 2019.",
    "The report documents torture and ill-treatment across the region.",
]
SIDECAR = "organisation: fidh\ndate: 2020-01-10\ndoc_type: report\nlanguage: en\n"


@pytest.fixture
def ingested(es, alias, settings, tmp_path, database_url):
    folder = tmp_path / "corpus"
    write_pdf(folder / "report.pdf", [LINES], sidecar=SIDECAR)
    env = ingest_env(settings, alias, tmp_path / "data", GIAI_INGEST_OCR_LANGUAGES="", GIAI_DATABASE_URL=database_url)
    ingest_ok(str(folder), env=env)
    (doc_id, source), = documents(es, alias).items()
    assert source["crime_type"] == ["torture"] and source["evidence"]["crime_type"][0]["source"] == "rule"
    return env, folder, doc_id


def test_corrections_survive_forced_and_content_changing_re_ingestion(
    ingested, settings, es, alias, database, database_url, tmp_path, vocabularies
):
    env, folder, doc_id = ingested
    add_account(database, "curator@fidh.example", ["curator"], ["fidh"])
    client = portal_app(settings, alias, database_url, tmp_path / "portal", vocabularies).test_client()
    sign_in(client, "curator@fidh.example")
    data = form_of(
        client, doc_id, crime_type=["war-crimes"], title="Curated title", date="2019-12-31", access="members",
        doc_type="factsheet",
    )
    assert client.post(f"/en/documents/{doc_id}/edit", data=data).status_code == 302

    def check(source):
        assert source["title"] == source["title_en"] == "Curated title"
        assert source["crime_type"] == ["war-crimes"] and source["doc_type"] == ["factsheet"]
        assert {e["source"] for e in source["evidence"]["crime_type"]} == {"curator"}
        assert source["date"] == "2019-12-31" and source["access"] == "members"

    check(documents(es, alias)[doc_id])
    ingest_ok(str(folder), env=env)  # unchanged file: left alone
    check(documents(es, alias)[doc_id])
    ingest_ok("--force", str(folder), env=env)  # processed again from the file
    check(documents(es, alias)[doc_id])
    write_pdf(folder / "report.pdf", [[*LINES, "A new page about torture."]], sidecar=SIDECAR)
    ingest_ok(str(folder), env=env)  # new content
    source = documents(es, alias)[doc_id]
    check(source)
    assert "A new page about torture." in source["pages"][0]["text"]


def test_ingestion_stops_with_one_clear_line_when_the_corrections_database_is_down(es, alias, settings, tmp_path):
    folder = tmp_path / "corpus"
    write_pdf(folder / "report.pdf", [LINES], sidecar=SIDECAR)
    down = "postgresql://giai:secret-password@127.0.0.1:9/giai"
    env = ingest_env(settings, alias, tmp_path / "data", GIAI_DATABASE_URL=down)
    result = giai("ingest", str(folder), env=env)
    assert result.returncode == 1
    assert "unavailable" in result.stderr and "nothing was ingested" in result.stderr
    assert "secret-password" not in result.stderr and "Traceback" not in result.stderr
    assert documents(es, alias) == {}
