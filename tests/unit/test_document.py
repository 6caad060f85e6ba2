"""The Elasticsearch document built from the stages' results."""

from __future__ import annotations

from ingest.classify import Classification
from ingest.document import build_source
from ingest.models import Metadata, SourceItem, Task


def task(metadata=Metadata(), access="public"):
    item = SourceItem(
        organisation="fidh", source_kind="folder", locator="c/a.pdf", name="a.pdf", metadata=metadata, access=access
    )
    return Task(item=item, raw_path="/x", sha256="f" * 64, size=42, fetched_at="2024-01-01T00:00:00+00:00")


def source(t=None, **kw):
    args = dict(
        doc_id="id1",
        status="indexed",
        media_type="application/pdf",
        title="Доклад",
        pages=[(1, "Текст"), (2, "  "), (3, "English text")],
        page_labels=[None, None, None],
        furniture=[],
        page_count=3,
        language="ru",
        languages=["ru", "en"],
        confidence=0.93,
        declared_language=None,
        page_languages=["ru", None, "en"],
        fragments=[{"page": 3, "language": "en", "text": "English text"}],
        mixed=True,
        classification=Classification(
            facets={"crime_type": ("torture",), "body": ()},
            evidence={"crime_type": [{"value": "torture"}]},
            date="2021-03-03",
            year=2021,
        ),
        indexed_at="2024-01-01T00:00:00+00:00",
    )
    return build_source(t or task(), **{**args, **kw})


def test_each_page_goes_to_the_common_field_and_to_its_language_field():
    doc = source()
    assert doc["pages"] == [
        {"number": 1, "language": "ru", "text": "Текст", "text_ru": "Текст"},
        {"number": 3, "language": "en", "text": "English text", "text_en": "English text"},
    ]
    assert doc["title_ru"] == doc["title"] == "Доклад"


def test_a_page_in_another_language_than_ours_has_only_the_common_field():
    doc = source(page_languages=["de", None, None])
    assert "text_de" not in doc["pages"][0] and doc["pages"][0]["language"] == "de"


def test_language_report_facets_and_dates_are_carried():
    doc = source()
    assert (doc["language"], doc["languages"], doc["mixed_language"], doc["page_count"]) == (
        "ru",
        ["ru", "en"],
        True,
        3,
    )
    assert doc["crime_type"] == ["torture"] and "body" not in doc
    assert (doc["date"], doc["year"]) == ("2021-03-03", 2021)
    assert doc["file"] == {"name": "a.pdf", "media_type": "application/pdf", "size": 42, "sha256": "f" * 64}


def test_access_comes_from_the_sidecar_else_the_source_and_restricted_defaults_to_the_owner():
    assert source()["access"] == "public" and source()["access_orgs"] == []
    restricted = source(task(Metadata(access="restricted")))
    assert (restricted["access"], restricted["access_orgs"]) == ("restricted", ["fidh"])
    members = source(task(access="members"))
    assert members["access"] == "members"
    shared = source(task(Metadata(access="restricted", access_orgs=("fidh", "trial"), translation_group="g1")))
    assert shared["access_orgs"] == ["fidh", "trial"] and shared["translation_group"] == "g1"


def test_printed_page_numbers_and_running_headers_are_fields_of_their_own():
    doc = source(page_labels=["i", None, None], furniture=["Доклад · рабочая версия"])
    assert [p.get("label") for p in doc["pages"]] == ["i", None]
    assert doc["furniture"] == ["Доклад · рабочая версия"]
    assert "furniture" not in source()


def test_the_word_count_of_the_pages_is_stored_for_the_translators_worklist():
    doc = source(pages=[(1, "Насильственное исчезновение, l'humanité"), (2, "war-crimes in 2002")])
    assert doc["word_count"] == 6
