"""A local Elasticsearch node of one's own (another port, another data directory), for what a
shared node must not be put through: its settings changed (path.repo), emptied, stopped. Started
with the real `giai es start`, stopped with `giai es stop` when done (the tests and
benchmarks/backup.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.live_portal import GIAI, free_port


class NodeStartError(RuntimeError):
    """`giai es start` failed; the message holds its output."""


def node_environment(data_dir: Path, port: int, alias: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GIAI_ES_URL", "GIAI_DATABASE_URL")}
    return env | {
        "GIAI_DATA_DIR": str(data_dir), "GIAI_ES_PORT": str(port), "GIAI_ES_HEAP_MB": "512", "GIAI_INDEX": alias,
        "GIAI_INGEST_ES_BACKOFF_MS": "100",
    }


@contextmanager
def throwaway_node(alias: str = "giai") -> Iterator[dict[str, str]]:
    """The environment of `giai` commands on a fresh node; the node and its folder go afterwards."""
    # The node runs as its own user when we are root: every folder above its data must let it pass.
    base = Path(tempfile.mkdtemp(prefix="giai-node-", dir="/tmp"))
    base.chmod(0o711)
    env = node_environment(base / "data", free_port(), alias)
    try:
        started = subprocess.run([str(GIAI), "es", "start"], env=env, capture_output=True, text=True, timeout=300)
        if started.returncode != 0:
            raise NodeStartError(started.stdout + started.stderr)
        yield env
    finally:
        subprocess.run([str(GIAI), "es", "stop"], env=env, capture_output=True, timeout=120)
        shutil.rmtree(base, ignore_errors=True)
