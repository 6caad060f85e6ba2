"""The judged relevance set (samples/relevance/judgments.yaml) against the real server, through
the portal's own search: the goals of the relevance benchmark, so a regression fails CI."""

import pytest

from benchmarks import relevance
from ingest.index_migration import drop_alias_and_indices
from tests.integration.relevance_support import SampleCorpus, corpus_service, sample_corpus

LANGUAGES = ("en", "fr", "ru", "es", "ar")


@pytest.fixture(scope="module")
def judgments():
    return relevance.load_judgments(relevance.DEFAULT_JUDGMENTS)


@pytest.fixture(scope="module")
def ours(settings, es, judgments):
    corpus = sample_corpus(settings)
    return relevance.evaluate(corpus_service(settings, corpus), judgments, corpus.ids)


@pytest.fixture(scope="module")
def baseline(settings, es, judgments):
    corpus = sample_corpus(settings)
    alias = f"{corpus.alias}-baseline"
    relevance.copy_with_analysis(es, corpus.alias, alias, relevance.baseline_analysis())
    try:
        yield relevance.evaluate(corpus_service(settings, SampleCorpus(alias, corpus.ids)), judgments, corpus.ids,
                                 expand=False)
    finally:
        drop_alias_and_indices(es, alias)


def test_every_judged_document_is_in_the_ingested_corpus(settings, es, judgments):
    ids = sample_corpus(settings).ids
    assert [p for j in judgments for p in j.relevant if p not in ids] == []


def test_monolingual_recall_at_10_is_at_least_0_9(ours):
    assert ours["recall_at_10"]["overall"]["monolingual"] >= 0.9


def test_cross_lingual_recall_at_10_is_at_least_0_8(ours):
    assert ours["recall_at_10"]["overall"]["cross_lingual"] >= 0.8


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_beats_the_plain_standard_analyzer_without_expansion(ours, baseline, language):
    assert ours["ndcg_at_10"][language]["all"] > baseline["ndcg_at_10"][language]["all"]
    assert ours["recall_at_10"][language]["all"] > baseline["recall_at_10"][language]["all"]


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_no_language_falls_more_than_5_points_below_english_on_ndcg(ours, language):
    assert ours["ndcg_at_10"][language]["all"] >= ours["ndcg_at_10"]["en"]["all"] - 0.05
