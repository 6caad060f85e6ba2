"""Withdrawal and stable identity against the real Elasticsearch: a file gone from its folder, a
document taken down by `giai withdraw` and brought back, a file renamed or moved inside its source."""

from __future__ import annotations

import random

import pytest
from ingest_support import by_name, documents, giai, ingest_env, ingest_ok, status, write_synthetic


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    rng = random.Random(7)
    write_synthetic(folder / "report-en.pdf", rng, "en", 2)
    write_synthetic(folder / "rapport-fr.pdf", rng, "fr", 2)
    return folder


def test_a_file_deleted_from_its_folder_is_withdrawn_by_the_next_run(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    gone = by_name(status(env))["rapport-fr.pdf"]
    (corpus / "rapport-fr.pdf").unlink()

    result = ingest_ok(str(corpus), env=env)

    assert "1 withdrawn" in result.stdout
    assert set(documents(es, alias)) == {by_name(status(env))["report-en.pdf"]["doc_id"]}
    row = by_name(status(env))["rapport-fr.pdf"]
    assert row["status"] == "withdrawn" and row["withdrawn_at"] and row["doc_id"] == gone["doc_id"]
    raw = tmp_path / "data" / "raw" / gone["sha256"][:2] / gone["sha256"]
    assert raw.is_file()  # the original is kept


def test_a_file_named_alone_does_not_withdraw_its_neighbours(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    ingest_ok(str(corpus / "report-en.pdf"), env=env)
    assert len(documents(es, alias)) == 2


def test_giai_withdraw_takes_a_document_down_until_it_is_restored(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    doc_id = by_name(status(env))["report-en.pdf"]["doc_id"]
    before = documents(es, alias)[doc_id]

    withdrawn = giai("withdraw", doc_id, "--reason", "a witness asked", env=env)
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert doc_id not in documents(es, alias)
    assert by_name(status(env))["report-en.pdf"]["status"] == "withdrawn"

    again = ingest_ok(str(corpus), env=env)  # the file is still there: it stays down
    assert doc_id not in documents(es, alias) and "1 withdrawn" in again.stdout

    restored = giai("restore-document", doc_id, env=env)
    assert restored.returncode == 0, restored.stderr
    back = documents(es, alias)[doc_id]
    assert {k: v for k, v in back.items() if k != "_seq_no"} == {k: v for k, v in before.items() if k != "_seq_no"}
    assert by_name(status(env))["report-en.pdf"]["status"] == "indexed"


def test_withdrawing_an_unknown_document_is_one_line_of_error(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    result = giai("withdraw", "0" * 16, "--reason", "x", env=env)
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "no document" in result.stderr
    result = giai("restore-document", "0" * 16, env=env)
    assert result.returncode == 1 and "not withdrawn" in result.stderr


def test_a_renamed_or_moved_file_keeps_its_id(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    (corpus / "report-en.pdf.meta.yaml").write_text("title: Detention report\n", encoding="utf-8")
    ingest_ok(str(corpus), env=env)
    ids = {name: row["doc_id"] for name, row in by_name(status(env)).items()}
    (corpus / "archive").mkdir()
    (corpus / "report-en.pdf").rename(corpus / "archive" / "detention-2024.pdf")
    (corpus / "report-en.pdf.meta.yaml").rename(corpus / "archive" / "detention-2024.pdf.meta.yaml")
    (corpus / "rapport-fr.pdf").rename(corpus / "rapport-2024.pdf")

    result = ingest_ok(str(corpus), env=env)

    assert "0 withdrawn" in result.stdout
    rows = by_name(status(env))
    assert set(rows) == {"detention-2024.pdf", "rapport-2024.pdf"}
    assert rows["detention-2024.pdf"]["doc_id"] == ids["report-en.pdf"]
    assert rows["rapport-2024.pdf"]["doc_id"] == ids["rapport-fr.pdf"]
    docs = documents(es, alias)
    assert set(docs) == set(ids.values())
    assert docs[ids["report-en.pdf"]]["source"]["locator"].endswith("archive/detention-2024.pdf")
    assert docs[ids["report-en.pdf"]]["title"] == "Detention report"

    ingest_ok(str(corpus), env=env)  # and keeps it on the next runs
    assert by_name(status(env))["detention-2024.pdf"]["doc_id"] == ids["report-en.pdf"]


def test_a_copy_is_a_new_document(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    (corpus / "copy.pdf").write_bytes((corpus / "report-en.pdf").read_bytes())
    ingest_ok(str(corpus), env=env)
    rows = by_name(status(env))
    assert rows["copy.pdf"]["doc_id"] != rows["report-en.pdf"]["doc_id"]
    assert len(documents(es, alias)) == 3
