"""The content-addressed raw store: every fetched file kept once, by the sha256 of its bytes.

Writes are atomic (a temporary file in the same folder, then renamed), so a run killed at any
moment leaves either the whole file or none. (No fsync: a killed process loses nothing the kernel
holds, and syncing each of thousands of small files would cost more than the extraction.) Nothing
is ever deleted or overwritten: the same digest means the same bytes. Each fetch appends one
provenance line beside the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from giai.private_files import private_directory
from giai.raw_store import path_in, provenance_file


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class RawStore:
    """The store under `root` (settings.data_dir/raw); see giai/raw_store.py for the read side."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, sha256: str) -> Path:
        return path_in(self.root, sha256)

    def put(self, data: bytes, sha256: str, provenance: dict[str, Any]) -> Path:
        """Keep `data` (whose digest is `sha256`) and record where it came from; returns its path."""
        path = self.path(sha256)
        if not path.exists():
            private_directory(path.parent)
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        line = json.dumps({"sha256": sha256, **provenance}, ensure_ascii=False, sort_keys=True) + "\n"
        # O_APPEND writes of one short line land whole even when several runs share the store.
        fd = os.open(provenance_file(path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(line)
        return path
