"""One lock per data directory between `giai backup` (exclusive, while it copies the ledgers and
takes the snapshot) and withdrawals (shared), so a backup never holds a withdrawal half done: the
ledger already saying `withdrawn` while the snapshot still has the document, or the reverse.

Ingestion does not take it: its ledger rows are written only after Elasticsearch acknowledged, so
a ledger copied before the snapshot holds nothing the snapshot lacks, and `giai restore` drops the
documents the snapshot holds beyond the ledger (the next run indexes them again)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from giai.private_files import private_directory
from giai.settings import Settings


@contextmanager
def data_lock(settings: Settings, *, exclusive: bool) -> Iterator[None]:
    folder = settings.data_dir / "ingest"
    private_directory(folder)
    fd = os.open(folder / ".backup.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # releases the lock
