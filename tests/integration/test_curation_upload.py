"""Upload on the real Elasticsearch and both databases: the file and its sidecar land in the
organisation's inbox, the pipeline (a background `giai ingest`) indexes it, and the page shows its
progress from the ledger; refusals (role, organisation, CSRF, size, type)."""

from __future__ import annotations

import io
import os
import re
import stat
import time
from pathlib import Path

import pytest
import yaml

from benchmarks.synthetic_corpus import pdf_bytes
from tests.fixtures.auth import csrf_token, portal_app, signed_in
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


def test_an_upload_is_kept_for_the_portals_user_only(curator, tmp_path):
    assert curator.post("/en/curation/upload", data=form(curator), content_type="multipart/form-data").status_code == 302
    inbox = tmp_path / "inbox"
    modes = {p.relative_to(inbox).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in [inbox, *inbox.rglob("*")]}
    folders = {name: mode for name, mode in modes.items() if (inbox / name).is_dir()}
    uploaded = {name: mode for name, mode in modes.items() if name.endswith((".pdf", ".meta.yaml"))}
    assert set(folders.values()) == {0o700} and len(uploaded) == 2 and set(uploaded.values()) == {0o600}


def ingestions_running(data_dir: Path) -> int:
    """`python -m ingest` processes started by this (test) process for uploads into `data_dir`."""
    count = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            parent = re.search(r"^PPid:\s+(\d+)", status.read_text(), re.M)
            command = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        ours = parent and int(parent.group(1)) == os.getpid() and str(data_dir).encode() in command
        count += bool(ours and b"-m\0ingest\0" in command)
    return count


def test_a_burst_of_uploads_is_ingested_one_at_a_time_and_nothing_is_lost(curator, tmp_path, es, alias):
    for n in range(3):
        data = form(curator, title=f"Burst {n}", file=(io.BytesIO(PDF), f"burst {n}.pdf"))
        assert curator.post("/en/curation/upload", data=data, content_type="multipart/form-data").status_code == 302
    most, deadline = 0, time.monotonic() + 300
    while time.monotonic() < deadline:
        most = max(most, ingestions_running(tmp_path))
        if curator.get("/en/curation/upload").get_data(as_text=True).count("Indexed:") == 3:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the burst was not indexed")
    assert most == 1
    assert sorted(d["title"] for d in documents(es, alias).values()) == ["Burst 0", "Burst 1", "Burst 2"]


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
