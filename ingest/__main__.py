"""`python -m ingest [--workers N] PATH…`: the pipeline's own entry point, which needs none of the
commands above it. The portal hands an upload to the pipeline this way (portal/curation/upload.py);
`giai ingest` is the full command (sources, status, progress bar, the local node's accounts)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from giai.settings import SettingsError, load_settings
from ingest.report import RunFailed, run_and_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Ingest files and folders into GIAI_INDEX.")
    parser.add_argument("paths", nargs="+", type=Path, help="files and folders (organisation from the inbox or sidecars)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    try:
        lines = run_and_report(load_settings(), paths=args.paths, workers=args.workers)
    except (SettingsError, RunFailed) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
