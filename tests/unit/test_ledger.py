"""The ledger: per-index SQLite rows that survive restarts and say what became of each file."""

from __future__ import annotations

from giai.ledger import ledger_path
from giai.settings import load_settings
from ingest.ledger import Entry, Ledger, summarise


def entry(doc_id="d1", sha="a" * 64, status="indexed", **kw):
    base = dict(organisation="fidh", source_kind="folder", locator=f"x/{doc_id}.pdf", path=f"/x/{doc_id}.pdf", size=10)
    return Entry(doc_id=doc_id, sha256=sha, status=status, **{**base, **kw})


def test_rows_survive_closing_and_reopening(tmp_path):
    ledger = Ledger(tmp_path / "l.sqlite")
    ledger.record([entry(pages=3, languages=("ru", "en"), language="ru")])
    ledger.close()
    (row,) = Ledger(tmp_path / "l.sqlite").rows()
    assert (row["doc_id"], row["status"], row["pages"], row["languages"]) == ("d1", "indexed", 3, ["ru", "en"])


def test_recording_a_document_again_replaces_its_row(tmp_path):
    ledger = Ledger(tmp_path / "l.sqlite")
    ledger.record([entry(sha="a" * 64)])
    ledger.record([entry(sha="b" * 64, status="quarantined", reason="corrupt")])
    assert ledger.known()["d1"][:3] == ("b" * 64, "", "quarantined")
    assert len(ledger.rows()) == 1


def test_unchanged_marks_indexed_rows_and_keeps_quarantine_and_ocr_reasons(tmp_path):
    ledger = Ledger(tmp_path / "l.sqlite")
    ledger.record([entry("a"), entry("q", status="quarantined", reason="encrypted"), entry("o", status="needs_ocr")])
    ledger.mark_unchanged(["a", "q", "o"])
    assert {r["doc_id"]: (r["status"], r["reason"]) for r in ledger.rows()} == {
        "a": ("unchanged", ""),
        "q": ("quarantined", "encrypted"),
        "o": ("needs_ocr", ""),
    }


def test_forgotten_content_is_processed_again(tmp_path):
    ledger = Ledger(tmp_path / "l.sqlite")
    ledger.record([entry("a"), entry("q", status="quarantined")])
    assert ledger.in_index() == ["a"]
    ledger.forget_content(["a"])
    assert ledger.known()["a"].sha256 == ""


def test_each_index_has_its_own_ledger_under_the_data_dir(tmp_path):
    settings = load_settings(data_dir=tmp_path)
    assert ledger_path(settings, "giai") == tmp_path / "ingest" / "giai" / "ledger.sqlite"
    assert ledger_path(settings, "giai") != ledger_path(settings, "other")


def test_meta_values_are_kept(tmp_path):
    ledger = Ledger(tmp_path / "l.sqlite")
    assert ledger.get_meta("index_uuid") is None
    ledger.set_meta("index_uuid", "u1")
    ledger.set_meta("index_uuid", "u2")
    assert ledger.get_meta("index_uuid") == "u2"


def test_summary_counts_files_per_organisation_language_and_status():
    rows = [
        {"organisation": "fidh", "language": "fr", "status": "indexed"},
        {"organisation": "fidh", "language": "fr", "status": "indexed"},
        {"organisation": "fidh", "language": "", "status": "quarantined"},
    ]
    assert summarise(rows) == {"fidh": {"fr": {"indexed": 2}, "?": {"quarantined": 1}}}


def test_a_ledger_from_before_metadata_digests_gains_the_columns(tmp_path):
    import sqlite3

    with sqlite3.connect(tmp_path / "old.sqlite") as db:
        db.execute(
            "CREATE TABLE files (doc_id TEXT PRIMARY KEY, organisation TEXT NOT NULL, source_kind TEXT NOT NULL, "
            "locator TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, media_type TEXT, "
            "status TEXT NOT NULL, reason TEXT, detail TEXT, pages INTEGER, language TEXT, languages TEXT, title TEXT, "
            "warnings TEXT, first_seen TEXT NOT NULL, updated_at TEXT NOT NULL, checked_at TEXT NOT NULL)"
        )
        db.execute(
            "INSERT INTO files VALUES ('a','fidh','folder','l','p','s',1,'','indexed','','',1,'en','[]','','[]','t','t','t')"
        )
    ledger = Ledger(tmp_path / "old.sqlite")
    assert ledger.known() == {"a": ("s", "", "indexed", "t")}
    ledger.record([entry("b", sidecar_digest="s1")])
    assert ledger.row("b")["sidecar_digest"] == "s1" and ledger.row("a")["absent_runs"] == 0


def test_a_withdrawn_row_keeps_its_document_until_it_is_restored_or_recorded_again(tmp_path):
    ledger = Ledger(tmp_path / "l.sqlite")
    ledger.record([entry("a"), entry("b")])
    when = ledger.mark_withdrawn("a", reason="a witness asked", actor="cli:root", manual=True, document={"id": "a"})
    row = ledger.row("a")
    assert (row["status"], row["withdrawn_at"], row["detail"]) == ("withdrawn", when, "a witness asked")
    assert ledger.withdrawal("a")["document"] == {"id": "a"} and ledger.manually_withdrawn() == {"a"}
    assert ledger.in_index() == ["b"]
    ledger.mark_restored("a", "indexed")
    assert ledger.withdrawal("a") is None and ledger.row("a")["withdrawn_at"] == ""
    ledger.mark_withdrawn("b", reason="gone", actor="pipeline", manual=False, document=None)
    ledger.record([entry("b")])  # its file came back
    assert ledger.withdrawal("b") is None and ledger.row("b")["status"] == "indexed"

