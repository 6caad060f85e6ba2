"""What the data directory holds is created for its owner only: the accounts database, ledgers and
the raw store (uploads: tests/integration/test_curation_upload.py; the data directory itself:
tests/integration/test_local_node.py)."""

from __future__ import annotations

import stat

from giai.db import upgrade
from giai.private_files import private_directory
from ingest.ledger import Ledger
from ingest.store import RawStore, sha256_of


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_accounts_database_and_its_folder_are_private(tmp_path):
    database = tmp_path / "data" / "giai.sqlite3"
    upgrade(f"sqlite:///{database}")
    assert mode(database.parent) == 0o700
    assert {mode(f) for f in database.parent.iterdir()} == {0o600}


def test_a_ledger_is_private(tmp_path):
    ledger = Ledger(tmp_path / "data" / "ingest" / "ledger.sqlite3")
    ledger.db.close()
    assert mode(tmp_path / "data") == mode(tmp_path / "data" / "ingest") == 0o700
    assert {mode(f) for f in (tmp_path / "data" / "ingest").iterdir()} == {0o600}


def test_the_raw_store_keeps_originals_private(tmp_path):
    data = b"a restricted report"
    path = RawStore(tmp_path / "raw").put(data, sha256_of(data), {"locator": "x"})
    assert {mode(f) for f in path.parent.iterdir()} == {0o600}
    folders = [folder for folder in path.parents if folder.is_relative_to(tmp_path / "raw")]
    assert len(folders) >= 2 and {mode(folder) for folder in folders} == {0o700}


def test_private_directory_creates_every_missing_parent_private_and_leaves_existing_ones(tmp_path):
    tmp_path.chmod(0o755)
    private_directory(tmp_path / "a" / "b")
    assert (mode(tmp_path), mode(tmp_path / "a"), mode(tmp_path / "a" / "b")) == (0o755, 0o700, 0o700)
