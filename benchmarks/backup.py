"""Backup benchmark: `giai backup` of the synthetic index (benchmarks/synthetic_index.py) with its
database, then `giai restore` into an empty data directory and an empty node, each timed as the
real commands; on two nodes of this run's own (other ports and data directories), so the shared
node is neither given path.repo nor restarted.

    python benchmarks/backup.py                 # 100,000 documents
    python benchmarks/backup.py --docs 2000     # quicker

Prints what it does on stderr and, as its LAST line, one JSON object: `docs`, `backup_s`,
`restore_s`, `bytes` (the backup folder's size).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script, this file's folder comes first on sys.path, where benchmarks/ingest.py would
    # shadow the `ingest` package: put the repository root there instead.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402

from benchmarks.live_portal import GIAI  # noqa: E402
from benchmarks.synthetic_index import ensure_synthetic_index  # noqa: E402
from benchmarks.throwaway_node import throwaway_node  # noqa: E402
from giai.es import connect  # noqa: E402
from giai.settings import load_settings  # noqa: E402

ALIAS = "bench-backup"


def timed(*args: str, env: dict[str, str]) -> float:
    started = time.monotonic()
    done = subprocess.run([str(GIAI), *args], env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"giai {' '.join(args)} failed: {done.stderr.strip()}")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000, help="documents in the synthetic index")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="giai-bench-backup-")) / "backup"
    try:
        with throwaway_node(ALIAS) as source:
            say(f"building {args.docs:,} synthetic documents")
            ensure_synthetic_index(connect(load_settings(environ=source)), ALIAS, args.docs, say=say)
            timed("db", "upgrade", env=source)
            backup_s = timed("backup", str(folder), env=source)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        say(f"backup: {backup_s:.2f} s, {size:,} bytes")
        with throwaway_node(ALIAS) as target:
            restore_s = timed("restore", str(folder), env=target)
            client = connect(load_settings(environ=target))
            client.indices.refresh(index=ALIAS)
            restored = client.count(index=ALIAS)["count"]
        say(f"restore: {restore_s:.2f} s, {restored:,} documents back")
        if restored != args.docs:
            raise SystemExit(f"restored {restored} documents of {args.docs}")
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
    print(json.dumps({"docs": args.docs, "backup_s": round(backup_s, 2), "restore_s": round(restore_s, 2), "bytes": size}))
    return 0


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
