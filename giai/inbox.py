"""The inbox: the drop folder that the portal's upload writes into and the pipeline reads.

An upload lands in `inbox/<organisation>/<upload>/`, so the folder a file sits in says which
organisation sent it; the rest of the data directory (keys, passwords, the node, the raw store) is
never a source.
"""

from __future__ import annotations

from pathlib import Path

from giai.settings import Settings


def inbox_root(settings: Settings) -> Path:
    return settings.data_dir / "inbox"


def inbox_organisation(path: Path, settings: Settings) -> str | None:
    """The organisation whose inbox folder holds `path` (resolved), or None outside the inbox."""
    root = inbox_root(settings).resolve()
    resolved = path.resolve()
    if resolved == root or not resolved.is_relative_to(root):
        return None
    return resolved.relative_to(root).parts[0]


def is_protected(resolved: Path, settings: Settings) -> bool:
    """Whether a resolved path lies where no source may read: in the cache, or in the data
    directory outside its inbox."""
    data = settings.data_dir.resolve()
    if resolved.is_relative_to(settings.cache_dir.resolve()):
        return True
    return resolved.is_relative_to(data) and not resolved.is_relative_to(inbox_root(settings).resolve())
