"""Integration tests run against the real Elasticsearch (the `settings` and `es` fixtures of
tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.integration.ingest_support import another_alias


@pytest.fixture
def alias(es):
    """A fresh alias (with its index) of the current schema, removed after the test."""
    with another_alias(es) as name:
        yield name
