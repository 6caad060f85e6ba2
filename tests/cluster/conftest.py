"""One local cluster of three nodes (`giai es start --nodes 3`'s code, small heaps, ports and data
directory of its own, never the shared node) started once for the fault tests, which kill and
restart its nodes; stopped and removed at the end of the session."""

from __future__ import annotations

import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from commands import local_node
from giai import local_cluster
from giai.settings import load_settings

NODES = 3
HEAP_MB = 384
FIRST_PORT, LAST_PORT = 9600, 9690  # transport ports 100 above: clear of single nodes' 9300-9399


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port_block(nodes: int) -> int:
    """A first HTTP port with the nodes' HTTP and transport ports all free."""
    for base in range(FIRST_PORT, LAST_PORT, nodes):
        ports = [base + n for n in range(nodes)]
        if all(_free(p) and _free(p + local_cluster.TRANSPORT_OFFSET) for p in ports):
            return base
    raise RuntimeError(f"no {nodes} free ports between {FIRST_PORT} and {LAST_PORT}")


@pytest.fixture(scope="session")
def cluster_settings() -> Iterator:
    # Under /tmp, not pytest's tmp_path: the node's own user must traverse the folders above it.
    data_dir = Path(tempfile.mkdtemp(prefix="giai-cluster-", dir="/tmp"))
    settings = load_settings(data_dir=data_dir, es_port=free_port_block(NODES), es_heap_mb=HEAP_MB,
                             es_start_timeout_s=240, index="giai")
    try:
        local_node.start(settings, say=lambda _line: None, nodes=NODES)
    except local_node.NodeError as exc:
        local_node.stop(settings, timeout=20)
        shutil.rmtree(data_dir, ignore_errors=True)
        pytest.fail(f"the local cluster could not start: {exc}", pytrace=False)
    try:
        yield settings
    finally:
        local_node.stop(settings, timeout=20)
        shutil.rmtree(data_dir, ignore_errors=True)
