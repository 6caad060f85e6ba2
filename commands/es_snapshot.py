"""Elasticsearch snapshots of the portal's indices, for `giai backup` and `giai restore`.

The local node has an `fs` repository root (`path.repo`, data_dir/es/snapshots, written by `giai
es start`): a backup registers a repository in a fresh folder there, snapshots into it, copies the
folder into the backup and unregisters it; a restore does the reverse. A cluster named by
GIAI_ES_URL keeps its snapshots in the repository GIAI_BACKUP_ES_REPOSITORY names (registered by
its operators, e.g. on shared storage), and the backup records the snapshot's name.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from elasticsearch import ApiError, Elasticsearch

from commands import local_node
from giai.settings import Settings
from ingest.index_migration import indices_behind

SNAPSHOT_FOLDER = "es-snapshot"
SNAPSHOT = "giai"


class SnapshotError(RuntimeError):
    """A snapshot could not be taken or restored; one readable line."""


def repository_root(settings: Settings) -> Path:
    return local_node.node_paths(settings).repo


def _checked(action, what: str):
    try:
        return action()
    except ApiError as exc:
        raise SnapshotError(f"{what}: Elasticsearch answered {exc.meta.status}: {exc.message}") from None


def take(client: Elasticsearch, settings: Settings, aliases: list[str], folder: Path) -> dict:
    """Snapshot the indices behind `aliases` (with the aliases) and, on the local node, copy the
    repository into `folder/es-snapshot`. Returns what a restore needs to know."""
    indices = sorted({name for alias in aliases for name in indices_behind(client, alias)})
    if settings.es_url:
        if not settings.backup_es_repository:
            raise SnapshotError("GIAI_ES_URL is set: name its snapshot repository in GIAI_BACKUP_ES_REPOSITORY")
        repository, snapshot = settings.backup_es_repository, f"giai-{uuid.uuid4().hex[:12]}"
        _snapshot(client, repository, snapshot, indices)
        return {"repository": repository, "snapshot": snapshot, "indices": indices}
    repository = f"giai-backup-{uuid.uuid4().hex[:12]}"
    location = repository_root(settings) / repository
    _register(client, repository, location, readonly=False)
    try:
        _snapshot(client, repository, SNAPSHOT, indices)
        shutil.copytree(location, folder / SNAPSHOT_FOLDER)
    finally:
        _unregister(client, repository, location)
    return {"repository": None, "snapshot": SNAPSHOT, "indices": indices}


def restore(client: Elasticsearch, settings: Settings, info: dict, folder: Path) -> None:
    """Restore the backup's indices (and their aliases) into this cluster, where they must not exist."""
    existing = [name for name in info["indices"] if client.indices.exists(index=name)]
    if existing:
        raise SnapshotError(f"the cluster is not empty: {', '.join(existing)} exist already")
    if info.get("repository"):
        _restore(client, info["repository"], info["snapshot"], info["indices"])
        return
    repository = f"giai-restore-{uuid.uuid4().hex[:12]}"
    location = repository_root(settings) / repository
    shutil.copytree(folder / SNAPSHOT_FOLDER, location)
    local_node.give_to_node(settings, location)
    _register(client, repository, location, readonly=True)
    try:
        _restore(client, repository, info["snapshot"], info["indices"])
    finally:
        _unregister(client, repository, location)


def _register(client: Elasticsearch, repository: str, location: Path, *, readonly: bool) -> None:
    body = {"type": "fs", "settings": {"location": str(location), "readonly": readonly}}
    what = f"registering the snapshot folder {location} (is it under the node's path.repo? restart the node with `giai es stop` and `giai es start`)"
    _checked(lambda: client.snapshot.create_repository(name=repository, body=body), what)


def _unregister(client: Elasticsearch, repository: str, location: Path) -> None:
    try:
        client.snapshot.delete_repository(name=repository)
    except ApiError:
        pass  # never registered: the error that got us here says why
    shutil.rmtree(location, ignore_errors=True)


def _snapshot(client: Elasticsearch, repository: str, snapshot: str, indices: list[str]) -> None:
    answer = _checked(
        lambda: client.options(request_timeout=3600).snapshot.create(
            repository=repository, snapshot=snapshot, indices=",".join(indices) or "-*",
            include_global_state=False, wait_for_completion=True,
        ),
        "taking the snapshot",
    )
    state = answer["snapshot"]["state"]
    if state != "SUCCESS":
        raise SnapshotError(f"the snapshot ended {state}: {answer['snapshot'].get('failures')}")


def _restore(client: Elasticsearch, repository: str, snapshot: str, indices: list[str]) -> None:
    if not indices:
        return
    _checked(
        lambda: client.options(request_timeout=3600).snapshot.restore(
            repository=repository, snapshot=snapshot, indices=",".join(indices), include_aliases=True,
            include_global_state=False, wait_for_completion=True,
        ),
        "restoring the snapshot",
    )
    client.cluster.health(index=",".join(indices), wait_for_status="yellow", timeout="120s")
