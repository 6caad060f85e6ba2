"""The sample corpus (samples/corpus, every source of config/sources.yaml) ingested by
`giai ingest` into a throwaway alias, for the portal that the browser and page-weight tests serve
with benchmarks/live_portal.py.

The ingestion runs as the command users run, in a subprocess whose environment names the alias,
the cluster and a data directory of the test's own (benchmarks/live_portal.giai_environment).
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.live_portal import GIAI, LivePortalError, giai_environment
from giai import PROJECT_ROOT
from giai.es import connect
from giai.settings import Settings
from ingest.index_migration import drop_alias_and_indices

SAMPLE_DOCUMENTS = 72


@contextmanager
def sample_corpus(settings: Settings, data_dir: Path) -> Iterator[dict[str, str]]:
    """The sample corpus in a fresh alias; yields the environment that reads it. The alias and
    its index are dropped on exit."""
    alias = f"test-browser-{uuid.uuid4().hex[:10]}"
    env = giai_environment(settings, alias, data_dir)
    client = connect(settings)
    try:
        done = subprocess.run([str(GIAI), "ingest", "--quiet"], env=env, cwd=PROJECT_ROOT,
                              capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            raise LivePortalError(f"giai ingest failed:\n{done.stdout}\n{done.stderr[-3000:]}")
        client.indices.refresh(index=alias)
        count = client.count(index=alias)["count"]
        if count != SAMPLE_DOCUMENTS:
            raise LivePortalError(f"the sample corpus gave {count} documents, not {SAMPLE_DOCUMENTS}:\n{done.stdout}")
        yield env
    finally:
        drop_alias_and_indices(client, alias)
