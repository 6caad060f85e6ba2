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
    """`path` created empty with mode 0600 when missing, left untouched otherwise: for SQLite
    files, which keep that mode and give it to their -wal and -shm files. An existing file is not
    even opened: closing any descriptor of a file drops the process's POSIX locks on it, which
    SQLite's open connections rely on."""
    private_directory(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    return path
