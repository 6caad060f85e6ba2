"""Fixtures of the integration tests, which run against the real Elasticsearch (the `settings` and
`es` fixtures of tests/conftest.py): a fresh alias, the database under test (on SQLite and on
PostgreSQL, see tests/fixtures/database.py), and the portal over the fixture corpus
(tests/fixtures/portal/corpus.py), its original files in a raw store under tmp_path, with the real
vocabularies."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import exc, text

from giai.db import Database, redact_url, upgrade
from giai.db.models import Base
from giai.es import url_with_credentials
from giai.raw_store import raw_path
from portal import create_app
from portal.vocabulary import load_vocabularies
from tests.fixtures.database import postgres_server_url, with_search_path
from tests.fixtures.portal.corpus import DOCUMENTS, FILES, index_corpus
from tests.integration.ingest_support import another_alias


@pytest.fixture
def alias(es):
    """A fresh alias (with its index) of the current schema, removed after the test."""
    with another_alias(es) as name:
        yield name


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory) -> Iterator[str]:
    """The URL of a database migrated to the newest revision, once per backend and test session."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('database') / 'giai.sqlite3'}"
        upgrade(url)
        yield url
        return
    server = Database(postgres_server_url())
    schema = f"test_{uuid.uuid4().hex[:12]}"
    try:
        with server.engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except exc.SQLAlchemyError as error:
        pytest.fail(f"PostgreSQL at {redact_url(server.url)} refused a test schema: {error}", pytrace=False)
    url = with_search_path(server.url, schema)
    upgrade(url)
    yield url
    with server.engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    server.dispose()


@pytest.fixture
def database(database_url) -> Iterator[Database]:
    """The session's migrated database, emptied after the test."""
    db = Database(database_url)
    yield db
    with db.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    db.dispose()


@pytest.fixture
def portal_settings(settings, es, alias, tmp_path):
    """Settings reading the fixture corpus; the cluster named by URL so data_dir can be tmp_path."""
    index_corpus(es, alias)
    portal = dataclasses.replace(settings, es_url=url_with_credentials(settings), index=alias, data_dir=tmp_path,
                                 portal_page_size=5)
    by_id = {d["id"]: d for d in DOCUMENTS}
    for doc_id, content in FILES.items():
        path = raw_path(portal, by_id[doc_id]["file"]["sha256"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return portal


@pytest.fixture(scope="session")
def vocabularies():
    """The real vocabularies of config/ (thesaurus, countries, organisations)."""
    return load_vocabularies()


@pytest.fixture
def app(portal_settings, vocabularies):
    return create_app({"SETTINGS": portal_settings, "VOCABULARIES": vocabularies, "SECRET_KEY": "test"})


@pytest.fixture
def client(app):
    return app.test_client()
