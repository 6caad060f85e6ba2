"""Fixtures of the tests that use the real Elasticsearch: the local node (started here if it is
not running) or GIAI_ES_URL, and the portal served over the sample corpus, which the browser and
page-weight tests share. If the server cannot start, every test that needs it fails with its log.
Also the PDFs of the sample texts printed by three producers, made once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from benchmarks.live_portal import LivePortalError, served
from benchmarks.pdf_producers import producer_corpus
from commands import local_node
from giai.es import connect
from giai.settings import load_settings
from tests.browser.live_portal import sample_corpus


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


@pytest.fixture(scope="session")
def portal_url(settings, es, tmp_path_factory) -> Iterator[str]:
    """Base URL of `giai serve` over the sample corpus (ingested once per session)."""
    data_dir = tmp_path_factory.mktemp("portal-data")
    try:
        with sample_corpus(settings, data_dir) as env, served(env, data_dir / "serve.log") as portal:
            yield portal.url
    except LivePortalError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def producer_pdfs(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """{(producer, language): PDF} of tests/data/producer-texts printed by LibreOffice, Chromium
    and WeasyPrint (benchmarks/pdf_producers.py), about 5 s for the 15 files."""
    return producer_corpus(tmp_path_factory.mktemp("producer-pdfs"))
