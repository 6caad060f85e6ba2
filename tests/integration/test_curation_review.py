"""Review queues on the real Elasticsearch and both databases: which documents each queue holds,
the organisation and language filters, the ledger's files that could not be extracted, and that a
curator only ever sees their organisations' documents through the access filter."""

from __future__ import annotations

import re

import pytest

from giai.ledger import ledger_path
from ingest.ledger import Entry, Ledger
from tests.fixtures.auth import portal_app, signed_in
from tests.fixtures.portal.corpus import doc, index_corpus, pages

DOCUMENTS = [
    doc("unsure-fr", "fr", "Rapport incertain", crime_type=["torture"], language_confidence=0.3, pages=pages("fr", 1, {})),
    doc("sure-en", "en", "Clear report", crime_type=["torture"], language_confidence=0.95, pages=pages("en", 1, {})),
    doc("mixed-ru", "ru", "Смешанный доклад", crime_type=["torture"], languages=["ru", "en"], language_confidence=0.9,
        mixed_language=True, pages=pages("ru", 1, {})),
    doc("unclassified-en", "en", "Unclassified note", language_confidence=0.9, pages=pages("en", 1, {})),
    doc("restricted-unclassified", "en", "Restricted unclassified", access="restricted", access_orgs=["fidh"],
        language_confidence=0.9, pages=pages("en", 1, {})),
    doc("trial-unsure", "es", "Informe de TRIAL", organisation="trial", access="restricted", access_orgs=["trial"],
        language_confidence=0.2, pages=pages("es", 1, {})),
]


@pytest.fixture
def app(settings, es, alias, database, database_url, tmp_path, vocabularies):
    index_corpus(es, alias, DOCUMENTS)
    app = portal_app(settings, alias, database_url, tmp_path, vocabularies)
    ledger = Ledger(ledger_path(app.extensions["giai"].settings, alias))
    ledger.record([
        Entry("q1", "fidh", "folder", "broken.pdf", "corpus/fidh/broken.pdf", "0" * 64, 10, "quarantined",
              reason="corrupt", detail="not a PDF"),
        Entry("o1", "fidh", "folder", "scan.pdf", "corpus/fidh/scan.pdf", "1" * 64, 10, "needs_ocr", language="fr"),
        Entry("q2", "trial", "folder", "secret.pdf", "corpus/trial/secret.pdf", "2" * 64, 10, "quarantined", reason="encrypted"),
    ])
    ledger.close()
    return app


@pytest.fixture
def curator(app, database):
    return signed_in(app, database, "curator@fidh.example", ["curator"], ["fidh"])


def listed(page: str) -> list[str]:
    return re.findall(r'/documents/([\w-]+)/edit', page)


def test_each_queue_lists_its_documents_of_the_curators_organisation(curator):
    assert listed(curator.get("/en/curation/review?queue=unsure").get_data(as_text=True)) == ["unsure-fr"]
    assert listed(curator.get("/en/curation/review?queue=mixed").get_data(as_text=True)) == ["mixed-ru"]
    assert sorted(listed(curator.get("/en/curation/review?queue=unclassified").get_data(as_text=True))) == [
        "restricted-unclassified", "unclassified-en",
    ]


def test_the_queue_links_show_their_counts(curator):
    page = curator.get("/en/curation/review").get_data(as_text=True)
    assert "Language detection unsure (1)" in page and "Mixed languages (1)" in page
    assert "No crime type (2)" in page and "Not extracted (2)" in page


def test_queues_filter_by_language_and_organisation(curator):
    assert listed(curator.get("/en/curation/review?queue=mixed&language=en").get_data(as_text=True)) == ["mixed-ru"]
    assert listed(curator.get("/en/curation/review?queue=unsure&language=en").get_data(as_text=True)) == []
    assert listed(curator.get("/en/curation/review?queue=unsure&organisation=trial").get_data(as_text=True)) == []


def test_files_that_could_not_be_extracted_come_from_the_ledger_of_the_curators_organisations(curator):
    page = curator.get("/en/curation/review?queue=unextracted").get_data(as_text=True)
    assert "corpus/fidh/broken.pdf" in page and "corrupt: not a PDF" in page and "corpus/fidh/scan.pdf" in page
    assert "secret.pdf" not in page
    page = curator.get("/en/curation/review?queue=unextracted&organisation=trial").get_data(as_text=True)
    assert "secret.pdf" not in page


def test_an_admin_sees_every_organisations_queue(app, database):
    client = signed_in(app, database, "admin@example.org", ["admin"])
    assert sorted(listed(client.get("/en/curation/review?queue=unsure").get_data(as_text=True))) == ["trial-unsure", "unsure-fr"]
    assert "secret.pdf" in client.get("/en/curation/review?queue=unextracted").get_data(as_text=True)


def test_review_queues_are_refused_to_anonymous_and_other_roles(app, database):
    assert app.test_client().get("/en/curation/review").status_code == 302
    for role in ("member", "translator"):
        client = signed_in(app, database, f"{role}@fidh.example", [role], ["fidh"], ["fr"] if role == "translator" else [])
        assert client.get("/en/curation/review").status_code == 403


def test_an_unknown_queue_or_language_is_not_found(curator):
    assert curator.get("/en/curation/review?queue=everything").status_code == 404
    assert curator.get("/en/curation/review?language=de").status_code == 404
