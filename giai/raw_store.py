"""Where the raw store keeps each original file, and what it knows of where the file came from.

The pipeline writes the store (ingest/store.py); the portal reads it to offer the original file for
download. Files are named by the sha256 of their content, so the same bytes are kept once however
many organisations publish them; each fetch appends a provenance record beside the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from giai.settings import Settings

_SHA256 = re.compile(r"[0-9a-f]{64}")


def raw_root(settings: Settings) -> Path:
    return settings.data_dir / "raw"


def path_in(root: Path, sha256: str) -> Path:
    """The file of content `sha256` under `root` (root/ab/abcdef…); refuses anything but a digest."""
    if not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a sha256 digest: {sha256!r}")
    return root / sha256[:2] / sha256


def raw_path(settings: Settings, sha256: str) -> Path:
    """The stored original of content `sha256` (it may not exist)."""
    return path_in(raw_root(settings), sha256)


def provenance_file(path: Path) -> Path:
    return path.with_name(path.name + ".provenance.jsonl")


def read_provenance(settings: Settings, sha256: str) -> list[dict]:
    """Every recorded fetch of content `sha256`: organisation, source kind, locator, url, file name,
    media type, fetched_at; one record per (organisation, locator), the latest kept."""
    try:
        lines = provenance_file(raw_path(settings, sha256)).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    latest: dict[tuple, dict] = {}
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line cut by a killed run
        latest[(record.get("organisation"), record.get("locator"))] = record
    return list(latest.values())
