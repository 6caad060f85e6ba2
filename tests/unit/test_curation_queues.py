"""The review queues' search (pure) and the read-only ledger view."""

from __future__ import annotations

import dataclasses

from giai import ledger
from giai.access import Viewer, access_filter
from giai.ledger import ledger_path
from giai.settings import load_settings
from ingest.ledger import Entry, Ledger
from portal.search.curation_queries import INDEX_QUEUES, curated_organisations, queue_body
from portal.search.service import restricted

CURATOR = Viewer(user_id=1, roles=frozenset({"curator"}), organisations=frozenset({"fidh", "trial"}))
ADMIN = Viewer(user_id=2, roles=frozenset({"admin"}))


def test_a_queue_is_read_under_the_access_filter_within_the_curators_organisations():
    body = queue_body("unsure", CURATOR, None, None)
    assert body["query"]["bool"]["filter"] == [{"terms": {"organisation": ["fidh", "trial"]}}]
    assert restricted(body, CURATOR)["query"] == {"bool": {"filter": [access_filter(CURATOR)], "must": [body["query"]]}}
    assert body["post_filter"] == INDEX_QUEUES["unsure"]
    assert set(body["aggs"]["queues"]["filters"]["filters"]) == {"unsure", "mixed", "unclassified"}


def test_organisation_and_language_filters_are_added_to_the_access_filter():
    body = queue_body("mixed", CURATOR, "fidh", "ru")
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"organisation": "fidh"}} in filters and {"term": {"languages": "ru"}} in filters
    assert restricted(body, CURATOR)["query"]["bool"]["filter"] == [access_filter(CURATOR)]


def test_an_admin_reviews_every_organisation():
    assert curated_organisations(ADMIN) is None
    assert queue_body("unclassified", ADMIN, None, None)["query"]["bool"]["filter"] == []


def test_the_ledger_view_lists_files_not_extracted_without_creating_a_ledger(tmp_path):
    settings = dataclasses.replace(load_settings(), data_dir=tmp_path, index="review-test")
    assert ledger.not_extracted(settings, None) == []
    assert not ledger.ledger_path(settings, "review-test").exists()
    writer = Ledger(ledger_path(settings, "review-test"))
    writer.record([
        Entry("a", "fidh", "folder", "a.pdf", "fidh/a.pdf", "0" * 64, 1, "quarantined", reason="corrupt"),
        Entry("b", "fidh", "folder", "b.pdf", "fidh/b.pdf", "1" * 64, 1, "indexed", language="en"),
        Entry("c", "trial", "folder", "c.pdf", "trial/c.pdf", "2" * 64, 1, "needs_ocr", language="es"),
    ])
    writer.close()
    assert [r["doc_id"] for r in ledger.not_extracted(settings, None)] == ["a", "c"]
    assert [r["doc_id"] for r in ledger.not_extracted(settings, ["fidh"])] == ["a"]
    assert [r["doc_id"] for r in ledger.not_extracted(settings, None, "en")] == ["a"]
    assert ledger.not_extracted(settings, []) == []
    assert set(ledger.files_by_path(settings, ["fidh/b.pdf", "missing"])) == {"fidh/b.pdf"}
