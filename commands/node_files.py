"""The local node's basics, which its set-up and its life cycle share: where its files are, the
system user that runs it when we are root, writing its private files, running its tools, and
whether it runs."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from giai.settings import Settings


class NodeError(RuntimeError):
    """The local node could not be set up or started; the message says why."""


@dataclass(frozen=True)
class NodePaths:
    home: Path  # the unpacked distribution, owned by the node's user
    conf: Path
    data: Path
    logs: Path
    pidfile: Path
    repo: Path  # path.repo: where backups put their snapshots (commands/es_snapshot.py), one for every node

    @property
    def log_file(self) -> Path:
        return self.logs / "giai-local.log"


def node_paths(settings: Settings, number: int = 1) -> NodePaths:
    """The directories of local node `number` (giai/local_cluster.py: node 1 is the single node's)."""
    base = settings.data_dir / "es"
    if number > 1:
        base = base / f"node-{number}"
    return NodePaths(
        home=settings.cache_dir / f"elasticsearch-{settings.es_version}",
        conf=base / "config",
        data=base / "data",
        logs=base / "logs",
        pidfile=base / "node.pid",
        repo=settings.data_dir / "es" / "snapshots",
    )


def running_as_root() -> bool:
    return os.geteuid() == 0


def node_user(settings: Settings) -> str | None:
    """The system user that runs the node when we are root (created on first use), else None."""
    if not running_as_root():
        return None
    try:
        pwd.getpwnam(settings.es_user)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", settings.es_user],
            check=True,
        )
    return settings.es_user


def as_node_user(user: str | None, argv: list[str]) -> list[str]:
    return ["runuser", "-u", user, "--", *argv] if user else argv


def chown_tree(path: Path, user: str | None) -> None:
    if user:
        subprocess.run(["chown", "-R", f"{user}:", str(path)], check=True)


def write_private(path: Path, text: str, owner: str | None = None) -> None:
    """`text` in `path` (mode 0600, owned by `owner` when given), rewritten only when it differs
    and replaced whole (a temporary file renamed over it): the node rereads some of these files
    whenever they change, and must never read one half-written."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    if owner:
        shutil.chown(temporary, owner, pwd.getpwnam(owner).pw_gid)
    os.replace(temporary, path)


def running_pid(settings: Settings, number: int = 1) -> int | None:
    pidfile = node_paths(settings, number).pidfile
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def run_tool(argv: list[str], *, what: str, cwd: Path | None = None, env: dict | None = None,
         stdin: str | None = None) -> None:
    try:
        done = subprocess.run(argv, cwd=cwd, env=env, input=stdin, capture_output=True, text=True)
    except FileNotFoundError:
        raise NodeError(f"{what}: {argv[0]} is not installed") from None
    if done.returncode != 0:
        detail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise NodeError(f"{what} failed (exit {done.returncode}):\n{detail}")
