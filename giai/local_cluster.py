"""The shape of the local cluster `giai es start --nodes N` runs: how many nodes, their ports, the
configuration lines that make them one cluster, and the certificates of its transport layer.

Node 1 keeps the single node's directories (so a single node grows into a cluster with its data);
node k > 1 lives in <data_dir>/es/node-k. Node k answers HTTP on GIAI_ES_PORT + k - 1 and talks to
the others on GIAI_ES_PORT + 100 + k - 1. The number of nodes is kept in <data_dir>/es/nodes, so
`status`, `stop`, `url` and every client find all of them without being told again.

The nodes talk to each other over TLS with one certificate made by the distribution's own
`elasticsearch-certutil` (a private CA, then a certificate for 127.0.0.1 and localhost signed by
it), kept in each node's config/certs; security is on, as on the single node.
"""

from __future__ import annotations

from pathlib import Path

from giai.settings import Settings

TRANSPORT_OFFSET = 100  # transport ports sit this far above the HTTP ports
CERTIFICATE = "transport.p12"  # PKCS#12 holding the node certificate and the CA, no password
CLUSTER_NAME = "giai-local"


def size_file(settings: Settings) -> Path:
    return settings.data_dir / "es" / "nodes"


def cluster_size(settings: Settings) -> int:
    """The number of local nodes last started (1 when never recorded)."""
    try:
        return max(1, int(size_file(settings).read_text().strip()))
    except (OSError, ValueError):
        return 1


def record_size(settings: Settings, nodes: int) -> None:
    size_file(settings).parent.mkdir(parents=True, exist_ok=True)
    size_file(settings).write_text(f"{nodes}\n")


def http_port(settings: Settings, number: int) -> int:
    return settings.es_port + number - 1


def transport_port(settings: Settings, number: int) -> int:
    return settings.es_port + TRANSPORT_OFFSET + number - 1


def node_name(number: int) -> str:
    return f"{CLUSTER_NAME}-{number}"


def discovery_lines(settings: Settings, number: int, nodes: int) -> list[str]:
    """elasticsearch.yml lines of node `number` of `nodes`: a single node discovers nobody; a
    cluster's nodes find each other on their transport ports, over TLS."""
    if nodes == 1:
        return ["discovery.type: single-node", "xpack.security.transport.ssl.enabled: false"]
    seeds = ", ".join(f'"127.0.0.1:{transport_port(settings, k)}"' for k in range(1, nodes + 1))
    masters = ", ".join(f'"{node_name(k)}"' for k in range(1, nodes + 1))
    return [
        f"transport.port: {transport_port(settings, number)}",
        f"discovery.seed_hosts: [{seeds}]",
        # Read only when the cluster forms for the first time; ignored once it has.
        f"cluster.initial_master_nodes: [{masters}]",
        "xpack.security.transport.ssl.enabled: true",
        "xpack.security.transport.ssl.verification_mode: full",
        f"xpack.security.transport.ssl.keystore.path: certs/{CERTIFICATE}",
        f"xpack.security.transport.ssl.truststore.path: certs/{CERTIFICATE}",
    ]


def certificate_commands(certutil: Path, folder: Path) -> list[list[str]]:
    """The two `elasticsearch-certutil` runs that make the CA and the node certificate in `folder`
    (the second reads the first's output)."""
    ca, cert = folder / "ca.p12", folder / CERTIFICATE
    return [
        [str(certutil), "ca", "--silent", "--pass", "", "--out", str(ca)],
        [str(certutil), "cert", "--silent", "--ca", str(ca), "--ca-pass", "", "--pass", "",
         "--ip", "127.0.0.1", "--dns", "localhost", "--name", CLUSTER_NAME, "--out", str(cert)],
    ]
