"""The portals the browser tests serve with benchmarks/live_portal.py: the sample corpus
(samples/corpus, every source of config/sources.yaml) ingested by `giai ingest` into a throwaway
alias, for the browser and page-weight tests; or a small corpus of a test's own with its accounts.

The ingestion runs as the command users run, in a subprocess whose environment names the alias,
the cluster and a data directory of the test's own (benchmarks/live_portal.giai_environment).
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from benchmarks.live_portal import GIAI, LivePortalError, giai_environment, served
from giai import PROJECT_ROOT
from giai.db import Database, upgrade
from giai.es import connect
from giai.settings import Settings
from ingest.index_migration import drop_alias_and_indices
from portal.auth.users import create_user
from tests.fixtures.auth import PASSWORD
from tests.fixtures.portal.corpus import index_corpus
from tests.integration.ingest_support import another_alias

SAMPLE_DOCUMENTS = 72


@contextmanager
def sample_corpus(settings: Settings, data_dir: Path) -> Iterator[dict[str, str]]:
    """The sample corpus in a fresh alias; yields the environment that reads it. The alias and
    its index are dropped on exit."""
    alias = f"test-browser-{uuid.uuid4().hex[:10]}"
    env = giai_environment(settings, alias, data_dir)
    client = connect(settings)
    try:
        done = subprocess.run([str(GIAI), "ingest", "--quiet"], env=env, cwd=PROJECT_ROOT,
                              capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            raise LivePortalError(f"giai ingest failed:\n{done.stdout}\n{done.stderr[-3000:]}")
        client.indices.refresh(index=alias)
        count = client.count(index=alias)["count"]
        if count != SAMPLE_DOCUMENTS:
            raise LivePortalError(f"the sample corpus gave {count} documents, not {SAMPLE_DOCUMENTS}:\n{done.stdout}")
        yield env
    finally:
        drop_alias_and_indices(client, alias)


# An account of a test's own portal: email, roles, organisations, translation languages.
Account = tuple[str, list[str], list[str], list[str]]


@contextmanager
def corpus_portal(settings: Settings, es: Elasticsearch, data_dir: Path, documents: list[dict],
                  accounts: list[Account]) -> Iterator[str]:
    """`giai serve` (one worker) over `documents` in a fresh alias, with a SQLite database holding
    `accounts` (password: tests.fixtures.auth.PASSWORD); yields its base URL."""
    url = f"sqlite:///{data_dir / 'giai.sqlite3'}"
    upgrade(url)
    database = Database(url)
    with database.session() as session:
        for email, roles, organisations, languages in accounts:
            create_user(session, email, PASSWORD, roles, organisations, languages)
    database.dispose()
    with another_alias(es) as alias:
        index_corpus(es, alias, documents)
        env = giai_environment(settings, alias, data_dir) | {"GIAI_DATABASE_URL": url}
        try:
            with served(env, data_dir / "serve.log", workers=1) as portal:
                yield portal.url
        except LivePortalError as exc:
            pytest.fail(str(exc), pytrace=False)
