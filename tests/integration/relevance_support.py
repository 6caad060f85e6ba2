"""The sample corpus, ingested once per test session through the pipeline (as
benchmarks/relevance.py does) into a throwaway alias that the relevance, cross-lingual and
suggestion tests share; dropped when the session ends."""

from __future__ import annotations

import atexit
import dataclasses
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from benchmarks import relevance
from giai.es import connect, url_with_credentials
from ingest.index_migration import drop_alias_and_indices
from portal.search.service import SearchService


@dataclass(frozen=True)
class SampleCorpus:
    alias: str
    ids: dict[str, str]  # path under samples/corpus → document id

    def id(self, path: str) -> str:
        return self.ids[path]


_ingested: dict[str, SampleCorpus] = {}


def sample_corpus(settings) -> SampleCorpus:
    """The sample corpus in its alias, ingested on the first call of the session."""
    if "sample" not in _ingested:
        alias = f"test-relevance-{uuid.uuid4().hex[:8]}"
        atexit.register(drop_alias_and_indices, connect(settings), alias)
        with tempfile.TemporaryDirectory(prefix="giai-relevance-") as data_dir:
            ids = relevance.ingest_corpus(settings, relevance.DEFAULT_CORPUS, alias, Path(data_dir))
        _ingested["sample"] = SampleCorpus(alias, ids)
    return _ingested["sample"]


def corpus_settings(settings, corpus: SampleCorpus):
    """Settings reading the sample corpus's alias (the cluster named by URL, with credentials)."""
    return dataclasses.replace(settings, es_url=url_with_credentials(settings), index=corpus.alias)


def corpus_service(settings, corpus: SampleCorpus) -> SearchService:
    return SearchService(corpus_settings(settings, corpus))
