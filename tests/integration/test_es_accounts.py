"""The portal and the pipeline reach the local node with accounts of least privilege, not `elastic`.

The accounts' roles name one alias; here they are pointed at a throwaway alias for the test and put
back to the configured one afterwards (the passwords stay)."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from elasticsearch import exceptions as es_errors

from commands import local_node
from giai.es import PIPELINE, PORTAL, connect
from giai.index_schema import concrete_index_name
from ingest.index import open_index
from ingest.index_migration import drop_alias_and_indices
from portal import create_app


@pytest.fixture
def local(settings, es):
    """Settings of the local node (no GIAI_ES_URL) whose accounts cover a fresh alias."""
    if settings.es_url:
        pytest.fail("these tests are about the local node; unset GIAI_ES_URL")
    alias = f"test-accounts-{uuid.uuid4().hex[:10]}"
    scoped = dataclasses.replace(settings, index=alias)
    local_node.ensure_accounts(scoped)
    try:
        yield scoped
    finally:
        drop_alias_and_indices(es, alias)
        local_node.ensure_accounts(settings)


@pytest.fixture
def other_index(es):
    """An index that is none of the pipeline's, with one document."""
    name = f"test-other-{uuid.uuid4().hex[:10]}"
    es.index(index=name, id="secret", document={"note": "not yours"}, refresh=True)
    yield name
    es.indices.delete(index=name)


def refused(call) -> bool:
    try:
        call()
    except es_errors.AuthorizationException:
        return True
    return False


def test_the_pipeline_account_migrates_its_index_and_moves_its_alias(local, es):
    old = f"{local.index}-old"
    es.indices.create(index=old, aliases={local.index: {"is_write_index": True}})
    es.index(index=old, id="kept", document={"title": "kept across the migration"}, refresh=True)
    client, concrete = open_index(local)
    assert client.transport.node_pool.get().config.host == "127.0.0.1"
    assert concrete == concrete_index_name(local.index)
    assert sorted(es.indices.get_alias(name=local.index)) == [concrete]
    assert not es.indices.exists(index=old)
    assert es.get(index=local.index, id="kept")["_source"]["title"] == "kept across the migration"


def test_the_pipeline_account_cannot_read_other_indices_nor_manage_security(local, other_index):
    pipeline = connect(local, account=PIPELINE)
    assert pipeline.security.authenticate()["username"] == PIPELINE
    assert refused(lambda: pipeline.search(index=other_index))
    assert refused(lambda: pipeline.get(index=other_index, id="secret"))
    assert refused(lambda: pipeline.indices.delete(index=other_index))
    assert refused(lambda: pipeline.security.put_user(username="intruder", password="intruder-pw-1", roles=["superuser"]))
    assert refused(lambda: pipeline.security.put_role(name="intruder", cluster=["all"]))
    assert refused(lambda: pipeline.cluster.put_settings(persistent={"cluster.routing.allocation.enable": "none"}))


def test_the_portal_account_reads_and_corrects_but_cannot_delete_or_create(local, es, other_index):
    open_index(local)
    es.index(index=local.index, id="doc", document={"title": "before"}, refresh=True)
    portal = connect(local, account=PORTAL, check=False)
    assert portal.security.authenticate()["username"] == PORTAL
    assert portal.search(index=local.index)["hits"]["total"]["value"] == 1
    pit = portal.open_point_in_time(index=local.index, keep_alive="1m")["id"]
    assert portal.search(pit={"id": pit, "keep_alive": "1m"})["hits"]["total"]["value"] == 1
    portal.close_point_in_time(id=pit)
    portal.update(index=local.index, id="doc", doc={"title": "corrected"}, refresh="wait_for")
    assert es.get(index=local.index, id="doc")["_source"]["title"] == "corrected"
    assert refused(lambda: portal.delete(index=local.index, id="doc"))
    assert refused(lambda: portal.indices.delete(index=concrete_index_name(local.index)))
    assert refused(lambda: portal.indices.create(index=f"{local.index}-new"))
    assert refused(lambda: portal.indices.update_aliases(actions=[{"remove": {"index": "*", "alias": local.index}}]))
    assert refused(lambda: portal.search(index=other_index))
    assert refused(lambda: portal.security.put_role(name="intruder", cluster=["all"]))


def test_the_portal_searches_as_its_own_account(local, es):
    open_index(local)
    es.index(index=local.index, id="doc", document={"title": "x"}, refresh=True)
    service = create_app({"SETTINGS": local, "SECRET_KEY": "test"}).extensions["giai"].service
    assert service.client.security.authenticate()["username"] == PORTAL
