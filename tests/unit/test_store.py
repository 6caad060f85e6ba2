"""The raw store: content-addressed, atomic, never overwritten, with provenance the portal reads."""

from __future__ import annotations

import pytest

from giai.raw_store import raw_path, read_provenance
from giai.settings import load_settings
from ingest.store import RawStore, sha256_of


def test_content_is_kept_once_under_its_digest_with_every_provenance(tmp_path):
    settings = load_settings(data_dir=tmp_path)
    store = RawStore(tmp_path / "raw")
    data = b"%PDF-1.4 same bytes"
    sha = sha256_of(data)
    first = store.put(data, sha, {"organisation": "fidh", "locator": "a.pdf"})
    second = store.put(data, sha, {"organisation": "redress", "locator": "b.pdf"})
    assert first == second == raw_path(settings, sha) == tmp_path / "raw" / sha[:2] / sha
    assert first.read_bytes() == data
    assert {p["organisation"] for p in read_provenance(settings, sha)} == {"fidh", "redress"}
    assert [p.name for p in first.parent.iterdir() if p.name.startswith(".incoming")] == []


def test_a_refetch_by_the_same_source_is_one_provenance_record(tmp_path):
    settings = load_settings(data_dir=tmp_path)
    store = RawStore(tmp_path / "raw")
    sha = sha256_of(b"x")
    store.put(b"x", sha, {"organisation": "fidh", "locator": "a.pdf", "fetched_at": "1"})
    store.put(b"x", sha, {"organisation": "fidh", "locator": "a.pdf", "fetched_at": "2"})
    assert [p["fetched_at"] for p in read_provenance(settings, sha)] == ["2"]


def test_the_store_never_overwrites_a_stored_file(tmp_path):
    store = RawStore(tmp_path / "raw")
    sha = sha256_of(b"original")
    path = store.put(b"original", sha, {})
    store.put(b"something else", sha, {})  # a caller's mistake must not destroy the original
    assert path.read_bytes() == b"original"


def test_paths_are_only_made_from_digests(tmp_path):
    with pytest.raises(ValueError):
        raw_path(load_settings(data_dir=tmp_path), "../../etc/passwd")
