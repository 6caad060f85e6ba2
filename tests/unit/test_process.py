"""One stored file through the stages (extract, detect, classify, build) as a worker runs it."""

from __future__ import annotations

import pytest

from benchmarks.synthetic_corpus import pdf_bytes
from giai.settings import CONFIG_DIR
from ingest.models import Metadata, SourceItem, Task
from ingest.process import Resources, StageOptions, file_date, process


@pytest.fixture(scope="module")
def resources():
    return Resources(StageOptions(str(CONFIG_DIR / "thesaurus.yaml"), str(CONFIG_DIR / "countries.yaml"), str(CONFIG_DIR / "cases.yaml"), None, 100))


def stored(tmp_path, data: bytes, metadata=Metadata(), **kw) -> Task:
    path = tmp_path / "raw"
    path.write_bytes(data)
    item = SourceItem(organisation="fidh", source_kind="folder", locator="x/a.pdf", name="a.pdf", metadata=metadata)
    return Task(
        item=item, raw_path=str(path), sha256="0" * 64, size=len(data), fetched_at="2024-01-01T00:00:00+00:00", **kw
    )


PAGES = [
    ["Report on torture in detention in Syria", "Detainees described torture and enforced disappearance in Syria."],
    ["Witnesses in Syria spoke of torture by officers of the security branches."],
]


def test_a_stored_pdf_becomes_a_document_with_pages_language_and_facets(tmp_path, resources):
    outcome = process(stored(tmp_path, pdf_bytes(PAGES)), resources)
    assert (outcome.status, outcome.pages, outcome.language) == ("indexed", 2, "en")
    doc = outcome.source
    assert [p["number"] for p in doc["pages"]] == [1, 2] and "text_en" in doc["pages"][0]
    assert "torture" in doc["crime_type"] and doc["country"] == ["SY"] and doc["doc_type"] == ["report"]
    assert set(outcome.timings) == set(outcome.cpu_timings) == {"extract", "detect", "classify", "protect"}


def test_curator_corrections_carried_by_the_task_win(tmp_path, resources):
    task = stored(
        tmp_path, pdf_bytes(PAGES), Metadata(crime_type=("genocide",)), corrections={"crime_type": ("war-crimes",)}
    )
    doc = process(task, resources).source
    assert doc["crime_type"] == ["war-crimes"] and doc["evidence"]["crime_type"][0]["source"] == "curator"


def test_an_unreadable_file_is_quarantined_with_the_extractors_reason(tmp_path, resources):
    outcome = process(stored(tmp_path, b"%PDF-1.7\nnot really"), resources)
    assert (outcome.status, outcome.reason, outcome.source) == ("quarantined", "corrupt", None)
    assert outcome.detail


def test_the_files_own_date_is_read_from_the_extractors_iso_dates():
    assert file_date({"created": "2023-11-05T14:30:00+01:00"}) == "2023-11-05"
    assert file_date({"modified": "2020-01-02"}) == "2020-01-02"
    assert file_date({"created": "someday"}) is None
