"""The key that signs the portal's cookies and CSRF tokens and keys the sign-in throttle's digests:
configured, or generated once and kept on disk (the `giai users` commands need it too)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def secret_key_file(settings) -> Path:
    return settings.data_dir / "portal-secret-key"


def ensure_secret_key(settings) -> str:
    """GIAI_PORTAL_SECRET_KEY, else the key in the data directory, created when missing (readable
    by its owner only). Every worker reads the same file, so their cookies agree."""
    if settings.portal_secret_key:
        return settings.portal_secret_key
    path = secret_key_file(settings)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(secrets.token_urlsafe(48))
        # A hard link appears complete or not at all, and fails if another process won the race.
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text(encoding="utf-8").strip()
