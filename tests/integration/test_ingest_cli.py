"""`giai ingest PATH…` and `giai ingest status`: indexing, re-runs, changes, other indices, failures."""

from __future__ import annotations

import random

import pytest
from ingest_support import (
    another_alias,
    by_name,
    documents,
    giai,
    ingest_env,
    ingest_ok,
    status,
    write_pdf,
    write_synthetic,
)

from giai.index_schema import document_id


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    rng = random.Random(1)
    write_synthetic(folder / "report-en.pdf", rng, "en", 3)
    write_synthetic(folder / "rapport-fr.pdf", rng, "fr", 2)
    write_synthetic(folder / "nested" / "doklad-ru.pdf", rng, "ru", 2)
    (folder / "note.txt").write_text("Torture in detention: a short note on the Syrian cases.\n" * 20, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> trailing garbage without xref")
    return folder


def test_paths_are_indexed_and_the_status_lists_every_file(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    result = ingest_ok(str(corpus), env=env)
    assert "file" in result.stderr  # the progress bar, on stderr
    assert "5 files into" in result.stdout and "4 indexed" in result.stdout and "1 quarantined" in result.stdout

    state = status(env)
    assert state["index"] == alias
    rows = by_name(state)
    assert set(rows) == {"report-en.pdf", "rapport-fr.pdf", "doklad-ru.pdf", "note.txt", "broken.pdf"}
    for row in rows.values():
        assert {"path", "sha256", "status", "reason", "pages", "languages", "organisation"} <= set(row)
        assert row["organisation"] == "unknown" and len(row["sha256"]) == 64
    assert rows["broken.pdf"]["status"] == "quarantined" and rows["broken.pdf"]["reason"] == "corrupt"
    assert rows["report-en.pdf"]["status"] == "indexed" and rows["report-en.pdf"]["pages"] == 3
    assert rows["rapport-fr.pdf"]["languages"][0] == "fr"

    docs = documents(es, alias)
    expected = {
        document_id("unknown", (corpus / name).resolve().as_posix())
        for name in ("report-en.pdf", "rapport-fr.pdf", "nested/doklad-ru.pdf", "note.txt")
    }
    assert set(docs) == expected
    assert all(d["organisation"] == "unknown" and d["access"] == "public" for d in docs.values())


def test_the_human_status_shows_organisation_language_and_status(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    table = giai("ingest", "status", env=env).stdout
    assert "organisation" in table and "unknown" in table and "quarantined" in table and "broken.pdf: corrupt" in table


def test_rerunning_on_an_unchanged_corpus_changes_nothing(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    before = documents(es, alias)
    again = ingest_ok(str(corpus), env=env)
    assert "0 indexed, 5 unchanged" in again.stdout and "extract 0.0" in again.stdout
    assert documents(es, alias) == before  # same documents, same sequence numbers: nothing written
    statuses = {row["status"] for row in status(env)["files"]}
    assert statuses == {"unchanged", "quarantined"}


def test_changed_content_updates_the_document_in_place(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    write_pdf(corpus / "report-en.pdf", [["A completely rewritten report on enforced disappearance."]])
    ingest_ok(str(corpus), env=env)
    docs = documents(es, alias)
    assert len(docs) == 4
    (changed,) = [d for d in docs.values() if d["file"]["name"] == "report-en.pdf"]
    assert changed["page_count"] == 1 and "rewritten" in changed["pages"][0]["text"]
    assert by_name(status(env))["report-en.pdf"]["status"] == "indexed"


def test_a_changed_sidecar_updates_the_document_though_the_file_is_the_same(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    (corpus / "note.txt.meta.yaml").write_text("title: Corrected title\naccess: members\n", encoding="utf-8")
    again = ingest_ok(str(corpus), env=env)
    assert "1 indexed, 4 unchanged" in again.stdout
    (note,) = [d for d in documents(es, alias).values() if d["file"]["name"] == "note.txt"]
    assert (note["title"], note["access"]) == ("Corrected title", "members")


def test_a_file_that_turns_unreadable_is_quarantined_and_leaves_the_index(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    (corpus / "note.txt").write_bytes(b"")
    ingest_ok(str(corpus), env=env)
    assert by_name(status(env))["note.txt"]["status"] == "quarantined"
    assert "note.txt" not in {d["file"]["name"] for d in documents(es, alias).values()}


def test_the_same_files_are_indexed_into_another_index_too(es, alias, settings, tmp_path, corpus):
    data = tmp_path / "data"
    ingest_ok(str(corpus), env=ingest_env(settings, alias, data))
    with another_alias(es) as other:
        env = ingest_env(settings, other, data)
        result = ingest_ok(str(corpus), env=env)
        assert "4 indexed" in result.stdout
        assert set(documents(es, other)) == set(documents(es, alias))
        assert {row["status"] for row in status(env)["files"]} == {"indexed", "quarantined"}


def test_a_document_deleted_from_the_index_behind_the_ledgers_back_is_indexed_again(
    es, alias, settings, tmp_path, corpus
):
    from ingest.index_migration import drop_alias_and_indices, ensure_index

    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(str(corpus), env=env)
    drop_alias_and_indices(es, alias)
    ensure_index(es, alias)
    result = ingest_ok(str(corpus), env=env)
    assert "4 indexed" in result.stdout and len(documents(es, alias)) == 4


def test_an_unreachable_elasticsearch_fails_the_run_with_one_line_after_retries(settings, tmp_path, corpus):
    env = ingest_env(
        settings, "unreachable", tmp_path / "data", GIAI_ES_URL="http://127.0.0.1:1", GIAI_INGEST_ES_RETRIES="2"
    )
    result = giai("ingest", str(corpus), env=env, timeout=120)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "127.0.0.1:1" in lines[0] and "3 attempts" in lines[0]
