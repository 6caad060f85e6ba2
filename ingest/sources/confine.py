"""Confinement: a folder source reads only the regular files inside its own folder.

A symbolic link in a watched folder would otherwise publish any file the pipeline can read (the
portal's secret key, the node's password) as a document. So no link is followed, whatever it
points at; a path whose real place is outside the source's folder, or inside the data directory
(but its inbox) or the cache, is refused; and the file is opened without following a link that
appeared after the check. A refused file is quarantined with the reason `symlink`,
`outside_source` or `not_a_file` (or `too_large`, past the size limit), and the run goes on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

REASONS = ("symlink", "outside_source", "not_a_file", "too_large")


class Refused(Exception):
    """A file a source may not read; `reason` is one of REASONS, the message says why."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def check_confined(path: Path, root: Path, protected: Callable[[Path], bool]) -> None:
    """Raise Refused unless `path` (a path below `root`, as the walk found it) is reached through
    no symbolic link and lies, resolved, inside the resolved `root` where `protected` allows."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        raise Refused("outside_source", f"{path} is not inside the source folder {root}.") from None
    current = root
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            raise Refused("symlink", f"{current} is a symbolic link; links are never followed.")
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise Refused("outside_source", f"{path} lies outside the source folder {root}.")
    if protected(resolved):
        raise Refused("outside_source", f"{path} lies in the portal's data or cache directory, which is never a source.")


def read_confined(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`, opened without following a final link. Raises
    Refused (a link, not a regular file, over `max_bytes`: `too_large`) or OSError."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if path.is_symlink():
            raise Refused("symlink", f"{path} is a symbolic link; links are never followed.") from exc
        raise
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not_a_file", f"{path} is not a regular file.")
        if info.st_size > max_bytes:
            raise Refused("too_large", f"{info.st_size} bytes, over the limit of {max_bytes // 2**20} MiB")
        return file.read()
