"""The portal served for real, for the browser and page-weight tests: the sample corpus
(samples/corpus, every source of config/sources.yaml) ingested by `giai ingest` into a throwaway
alias, and `giai serve` (gunicorn) reading it on a free port of 127.0.0.1.

Both run as the commands users run, in subprocesses whose environment names the alias, the
cluster (by URL with credentials, since the local node's password lives in the real data
directory) and a data directory of the test's own (ledger, raw store, portal secret key).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from giai import PROJECT_ROOT
from giai.es import connect, url_with_credentials
from giai.index_schema import drop_alias_and_indices
from giai.settings import Settings

GIAI = Path(sys.executable).parent / "giai"
SAMPLE_DOCUMENTS = 72
SERVER_START_S = 60


class LivePortalError(RuntimeError):
    """The corpus could not be ingested or the server did not come up; the message says why."""


def environment(settings: Settings, alias: str, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "GIAI_INDEX": alias,
        "GIAI_ES_URL": url_with_credentials(settings),
        "GIAI_DATA_DIR": str(data_dir),
    }


@contextmanager
def sample_corpus(settings: Settings, data_dir: Path) -> Iterator[dict[str, str]]:
    """The sample corpus in a fresh alias; yields the environment that reads it. The alias and
    its index are dropped on exit."""
    alias = f"test-browser-{uuid.uuid4().hex[:10]}"
    env = environment(settings, alias, data_dir)
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(env: dict[str, str], log_path: Path, workers: int = 2) -> Iterator[str]:
    """`giai serve` with `env` on a free port; yields its base URL once the home page answers.
    The server is stopped (SIGTERM, then SIGKILL) on exit; its log stays at `log_path`."""
    port = free_port()
    with log_path.open("wb") as log:
        server = subprocess.Popen([str(GIAI), "serve", "--port", str(port), "--workers", str(workers)],
                                  env=env, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(server, base, log_path)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_serving(server: subprocess.Popen, base: str, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise LivePortalError(f"giai serve exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/en/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise LivePortalError(f"giai serve did not answer within {SERVER_START_S} s:\n{log_path.read_text()[-3000:]}")
