"""Index migration, the pipeline's I/O on the index definition of `giai.index_schema`: the alias
points at the index named after the definition's digest; a changed definition gets a new index,
the documents are copied into it and the alias moves (`ensure_index`)."""

from __future__ import annotations

from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_errors

from giai.index_schema import concrete_index_name, index_body, with_version_group


def indices_behind(client: Elasticsearch, alias: str) -> list[str]:
    try:
        return sorted(client.indices.get_alias(name=alias).body)
    except es_errors.NotFoundError:
        return []


def ensure_index(client: Elasticsearch, alias: str, shards: int = 1, replicas: int = 0) -> str:
    """Make `alias` point at an index of the current definition, migrating documents from an older
    one. Returns the concrete index name. Safe to call concurrently and repeatedly. `replicas`
    below 0: one replica when the cluster has several data nodes, none on a single node."""
    target = concrete_index_name(alias)
    current = indices_behind(client, alias)
    if current == [target]:
        return target
    if replicas < 0:
        replicas = min(1, client.cluster.health()["number_of_data_nodes"] - 1)
    try:
        client.indices.create(index=target, **index_body(shards, replicas))
    except es_errors.BadRequestError as exc:
        if exc.error != "resource_already_exists_exception":
            raise
    for old in current:
        if old != target:
            copy_documents(client, old, target)
    actions = [{"add": {"index": target, "alias": alias, "is_write_index": True}}]
    actions += [{"remove": {"index": old, "alias": alias}} for old in current if old != target]
    client.indices.update_aliases(actions=actions)
    for old in current:
        if old != target:
            client.indices.delete(index=old)
    client.indices.refresh(index=target)
    return target


def copy_documents(client: Elasticsearch, source: str, target: str) -> int:
    """Copy every document of `source` into `target` (same ids, version groups by today's rule)
    with scan + bulk; returns how many. The server has no `_reindex`, and `helpers.reindex` first
    asks for data streams, which this server answers with 400."""
    actions = (
        {"_index": target, "_id": hit["_id"], "_source": with_version_group(hit["_id"], hit["_source"])}
        for hit in helpers.scan(client, index=source, query={"query": {"match_all": {}}}, size=500)
    )
    copied, _failed = helpers.bulk(client, actions, chunk_size=500, stats_only=True)  # failures raise
    return copied


def drop_alias_and_indices(client: Elasticsearch, alias: str) -> None:
    """Delete the alias and every index behind it (tests and `giai index drop`)."""
    for name in indices_behind(client, alias):
        client.indices.delete(index=name)
