"""Folders and files of the data directory, created for their owner only: it holds the accounts
database, ledgers, uploads and the originals of documents restricted to some organisations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO


def private_directory(path: Path) -> Path:
    """`path` with each missing parent created with mode 0700 (`mkdir -p` would give the parents
    the umask's mode); existing folders are left as they are."""
    missing, folder = [], path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    return path


def open_private(path: Path) -> BinaryIO:
    """`path` opened for writing from the start, created with mode 0600 if missing (in a private
    folder); an existing file keeps its mode."""
    private_directory(path.parent)
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")


def private_file(path: Path) -> Path:
    """`path` created empty with mode 0600 when missing, left as it is otherwise: for SQLite
    files, which keep that mode and give it to their -wal and -shm files."""
    private_directory(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    return path
