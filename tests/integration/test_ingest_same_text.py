"""The same text yields the same title and facets whatever its format: .txt, .docx, .html, and PDF
from LibreOffice, Chromium and WeasyPrint, ingested by the real `giai ingest` into the real
Elasticsearch. The title wraps on the PDFs' pages, and the country is named only in its last word."""

from __future__ import annotations

from tests.fixtures.same_text_formats import TITLE, make_twins
from tests.integration.ingest_support import documents, ingest_env, ingest_ok

FACETS = ("crime_type", "gender", "country", "doc_type", "body")


def test_one_text_in_six_formats_gets_one_title_and_the_same_facets(es, alias, settings, tmp_path):
    files = make_twins(tmp_path / "twins")
    ingest_ok(*map(str, files), env=ingest_env(settings, alias, tmp_path / "data", GIAI_INGEST_OCR_LANGUAGES=""))
    docs = {d["file"]["name"]: d for d in documents(es, alias).values()}
    assert sorted(docs) == sorted(f.name for f in files)
    assert {name: d["title"] for name, d in docs.items()} == {name: TITLE for name in docs}
    facets = {name: {facet: sorted(d.get(facet, [])) for facet in FACETS} for name, d in docs.items()}
    assert facets["twin.txt"]["country"] == ["SY"]
    assert {"torture", "enforced-disappearance"} <= set(facets["twin.txt"]["crime_type"])
    assert facets == {name: facets["twin.txt"] for name in docs}
