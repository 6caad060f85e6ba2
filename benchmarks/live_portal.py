"""`giai serve` (gunicorn) run as users run it, on a free port of 127.0.0.1, for the search
benchmark and the browser and page-weight tests; and the environment of any `giai` command run
against a given alias.

The environment names the cluster by URL with credentials, since the local node's password lives
in the real data directory, while the command keeps its own data (ledger, raw store, portal secret
key) in the data directory it is given.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from giai import PROJECT_ROOT
from giai.es import url_with_credentials
from giai.settings import Settings

GIAI = Path(sys.executable).parent / "giai"
SERVER_START_S = 60


class LivePortalError(RuntimeError):
    """The portal (or the corpus it serves) could not be set up; the message says why."""


@dataclass(frozen=True)
class LivePortal:
    """A running `giai serve`: its port and the pid of gunicorn's master (whose CPU the search
    benchmark reads)."""

    port: int
    pid: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def giai_environment(settings: Settings, alias: str, data_dir: Path) -> dict[str, str]:
    """The environment of a `giai` command reading or writing `alias`, with its data in data_dir."""
    return {
        **os.environ,
        "GIAI_INDEX": alias,
        "GIAI_ES_URL": url_with_credentials(settings),
        "GIAI_DATA_DIR": str(data_dir),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_command(port: int, workers: int | None = 2) -> list[str]:
    """`giai serve` on `port` (with `workers`, or the settings' number when None)."""
    command = [str(GIAI), "serve", "--port", str(port)]
    return command + ["--workers", str(workers)] if workers is not None else command


@contextmanager
def served(env: dict[str, str], log_path: Path, workers: int | None = 2,
           command: Callable[[int], list[str]] | None = None) -> Iterator[LivePortal]:
    """`giai serve` with `env` on a free port of 127.0.0.1 (`command(port)` when given, else
    serve_command); yields it once the home page answers. The server is stopped (SIGTERM, then
    SIGKILL) on exit; its log stays at `log_path`."""
    port = free_port()
    command = command(port) if command else serve_command(port, workers)
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
    portal = LivePortal(port, server.pid)
    try:
        wait_until_serving(server, portal.url, log_path)
        yield portal
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
