"""Every PDF of tests/data/realworld-pdfs ends indexed with its text or quarantined with a
clear reason; an encrypted PDF whose user password is empty is decrypted and indexed."""

from __future__ import annotations

from ingest_support import (
    REALWORLD_PDFS,
    by_name,
    documents,
    ingest_env,
    ingest_ok,
    status,
)
from pypdf import PdfReader

REASONS = {"encrypted", "corrupt", "empty", "too_large", "unsupported", "timed_out"}


def _encrypted(path) -> bool:
    try:
        return PdfReader(path).is_encrypted
    except Exception:  # a corrupt file is some other test's business
        return False


def _opens_with_an_empty_password(path) -> bool:
    return bool(PdfReader(path).decrypt(""))


def test_every_realworld_pdf_is_indexed_with_text_or_quarantined_with_a_reason(es, alias, settings, tmp_path):
    pdfs = sorted(REALWORLD_PDFS.glob("*.pdf"))
    assert pdfs, f"no PDFs in {REALWORLD_PDFS}"
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(*map(str, pdfs), env=env)  # the PDFs, not their README and licence
    rows = by_name(status(env))
    docs = {d["file"]["name"]: d for d in documents(es, alias).values()}
    assert set(rows) == {p.name for p in pdfs}
    for name, row in rows.items():
        if row["status"] == "quarantined":
            assert row["reason"] in REASONS and row["detail"], (name, row["reason"], row["detail"])
            assert name not in docs
        elif row["status"] == "indexed":
            assert any(page["text"].strip() for page in docs[name]["pages"]), name
            assert row["pages"] == docs[name]["page_count"] > 0
        else:
            assert row["status"] == "needs_ocr" and name in docs, (name, row["status"])


def test_encrypted_pdfs_with_an_empty_password_are_indexed_and_the_others_quarantined_as_encrypted(
    es, alias, settings, tmp_path
):
    pdfs = sorted(REALWORLD_PDFS.glob("*.pdf"))
    env = ingest_env(settings, alias, tmp_path / "data")
    ingest_ok(*map(str, pdfs), env=env)
    rows = by_name(status(env))
    encrypted = [p for p in pdfs if _encrypted(p)]
    openable = [p.name for p in encrypted if _opens_with_an_empty_password(p)]
    assert openable, "the corpus should hold an encrypted PDF with an empty password"
    for name in openable:
        assert rows[name]["status"] == "indexed", (name, rows[name]["reason"], rows[name]["detail"])
    for path in encrypted:
        if path.name not in openable:
            assert (rows[path.name]["status"], rows[path.name]["reason"]) == ("quarantined", "encrypted")
