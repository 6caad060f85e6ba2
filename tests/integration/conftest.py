"""Integration tests run against the real Elasticsearch: the local node (started here if it is not
running) or GIAI_ES_URL. If the server cannot start, every test here fails with its log."""

from __future__ import annotations

import uuid

import pytest
from elasticsearch import Elasticsearch

from giai import local_node
from giai.es import connect
from giai.index_schema import drop_alias_and_indices, ensure_index
from giai.settings import load_settings


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def es(settings) -> Elasticsearch:
    if not settings.es_url:
        try:
            local_node.start(settings, say=lambda _line: None)
        except local_node.NodeError as exc:
            pytest.fail(f"the local Elasticsearch could not start: {exc}", pytrace=False)
    return connect(settings)


@pytest.fixture
def alias(es):
    """A fresh alias (with its index) of the current schema, removed after the test."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    ensure_index(es, name)
    yield name
    drop_alias_and_indices(es, name)
