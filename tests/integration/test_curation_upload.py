"""Upload on the real Elasticsearch and both databases: the file and its sidecar land in the
organisation's inbox, the pipeline (a background `giai ingest`) indexes it, and the page shows its
progress from the ledger; refusals (role, organisation, CSRF, size, type)."""

from __future__ import annotations

import io
import re
import time

import pytest
import yaml

from benchmarks.synthetic_corpus import pdf_bytes
from tests.fixtures.auth import csrf_token, portal_app, signed_in
from tests.fixtures.database import database, database_url  # noqa: F401
from tests.fixtures.portal.fixtures import vocabularies  # noqa: F401
from tests.integration.ingest_support import documents

PDF = pdf_bytes([["Report on enforced disappearances", "Families described enforced disappearances in 2021."]])


@pytest.fixture
def app(settings, es, alias, database, database_url, tmp_path, vocabularies):
    return portal_app(settings, alias, database_url, tmp_path, vocabularies, ingest_max_file_mb=1)


@pytest.fixture
def curator(app, database):
    return signed_in(app, database, "curator@fidh.example", ["curator"], ["fidh"])


def form(client, **changes):
    data = {
        "csrf_token": csrf_token(client, "/en/curation/upload"),
        "file": (io.BytesIO(PDF), "rapport final.pdf"),
        "organisation": "fidh",
        "title": "Uploaded report",
        "language": "en",
        "doc_type": "report",
        "date": "2021-06-01",
        "access": "members",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def inbox_files(tmp_path):
    return sorted(p.name for p in (tmp_path / "inbox").rglob("*") if p.is_file()) if (tmp_path / "inbox").exists() else []


def test_an_uploaded_file_lands_in_the_inbox_with_its_sidecar_and_the_pipeline_indexes_it(curator, tmp_path, es, alias):
    response = curator.post("/en/curation/upload", data=form(curator), content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    (sidecar,) = (tmp_path / "inbox" / "fidh").rglob("*.meta.yaml")
    assert sidecar.name == "rapport_final.pdf.meta.yaml"
    assert yaml.safe_load(sidecar.read_text()) == {
        "access": "members", "date": "2021-06-01", "doc_type": "report", "language": "en",
        "organisation": "fidh", "title": "Uploaded report",
    }
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        page = curator.get("/en/curation/upload").get_data(as_text=True)
        if "Indexed" in page:
            break
        assert "Waiting to be processed" in page, page
        time.sleep(1)
    else:
        pytest.fail("the upload was not indexed: " + (sidecar.parent / "ingest.log").read_text()[-2000:])
    doc_id = re.search(r'/documents/(\w+)/edit">Uploaded report</a>', page).group(1)
    source = documents(es, alias)[doc_id]
    assert (source["organisation"], source["title"], source["access"], source["doc_type"], source["date"]) == (
        "fidh", "Uploaded report", "members", ["report"], "2021-06-01"
    )
    assert "enforced-disappearance" in source["crime_type"]


def test_an_upload_without_a_csrf_token_is_rejected_and_nothing_is_written(curator, tmp_path):
    response = curator.post("/en/curation/upload", data=form(curator, csrf_token=None), content_type="multipart/form-data")
    assert response.status_code == 400 and inbox_files(tmp_path) == []


def test_a_curator_cannot_upload_for_another_organisation(curator, tmp_path):
    response = curator.post("/en/curation/upload", data=form(curator, organisation="trial"), content_type="multipart/form-data")
    assert response.status_code == 400 and inbox_files(tmp_path) == []


def test_a_file_over_the_size_limit_is_refused(curator, tmp_path):
    big = (io.BytesIO(b"%PDF-1.4\n" + b"0" * (2 * 2**20)), "big.pdf")
    response = curator.post("/en/curation/upload", data=form(curator, file=big), content_type="multipart/form-data")
    assert response.status_code == 413 and inbox_files(tmp_path) == []


def test_only_document_types_the_pipeline_reads_are_accepted(curator, tmp_path):
    script = (io.BytesIO(b"#!/bin/sh\n"), "run.sh")
    response = curator.post("/en/curation/upload", data=form(curator, file=script), content_type="multipart/form-data")
    assert response.status_code == 400 and inbox_files(tmp_path) == []


def test_upload_is_refused_to_anonymous_and_other_roles(app, database, tmp_path):
    assert app.test_client().get("/en/curation/upload").status_code == 302
    anonymous = app.test_client().post("/en/curation/upload", data={"organisation": "fidh"})
    assert anonymous.status_code == 302
    client = signed_in(app, database, "member@fidh.example", ["member"], ["fidh"])
    assert client.get("/en/curation/upload").status_code == 403
    assert client.post("/en/curation/upload", data={"organisation": "fidh"}).status_code == 403
    assert inbox_files(tmp_path) == []
