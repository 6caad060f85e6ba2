"""Files every node of a local cluster must share: node 1's realm files, keystore and transport
certificate (made once by the distribution's elasticsearch-certutil) copied to the others."""

from __future__ import annotations

import os
import pwd
import shutil
import tempfile

from commands.node_files import as_node_user, chown_tree, node_paths, run_tool
from giai import local_cluster
from giai.settings import Settings


def copy_to_other_nodes(settings: Settings, user: str | None, names: tuple[str, ...]) -> None:
    """Node 1's files `names` (relative to its config folder) on every other node of the local
    cluster: each node reads its own realm files, keystore and certificate, and they must agree."""
    first = node_paths(settings).conf
    for number in range(2, local_cluster.cluster_size(settings) + 1):
        conf = node_paths(settings, number).conf
        for name in names:
            (conf / name).parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=(conf / name).parent, prefix=".copy.")
            os.close(fd)
            shutil.copyfile(first / name, temporary)
            if user:
                shutil.chown(temporary, user, pwd.getpwnam(user).pw_gid)
            os.replace(temporary, conf / name)


def ensure_certificates(settings: Settings, env: dict, user: str | None) -> None:
    """The transport layer's CA and certificate (giai/local_cluster.py), made once by the
    distribution's elasticsearch-certutil in node 1's config/certs, then given to every node."""
    folder = node_paths(settings).conf / "certs"
    if not (folder / local_cluster.CERTIFICATE).is_file():
        folder.mkdir(parents=True, exist_ok=True)
        chown_tree(folder, user)
        certutil = node_paths(settings).home / "bin" / "elasticsearch-certutil"
        for command in local_cluster.certificate_commands(certutil, folder):
            run_tool(as_node_user(user, command), what="making the transport certificates", env=env)
    copy_to_other_nodes(settings, user, (f"certs/{local_cluster.CERTIFICATE}", "elasticsearch.keystore"))
