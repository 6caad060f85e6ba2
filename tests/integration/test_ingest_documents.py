"""What an indexed document holds: every language version searchable in its own language, pages
in their language fields, the language report, facets with ancestors and evidence, access, dates;
scanned documents without OCR still indexed as needs_ocr."""

from __future__ import annotations

import pytest
from ingest_support import by_name, documents, ingest_env, ingest_ok, status, write_pdf

from benchmarks.synthetic_corpus import image_pdf_bytes

EN = [
    "Submission on crimes against humanity committed in Syria",
    "The coalition documents persecution of detainees and acts of torture in detention facilities.",
    "Witnesses describe torture, enforced disappearance and persecution on political grounds.",
    "The Syrian authorities have not investigated these crimes against humanity.",
]
FR = [
    "Communication sur les crimes contre l'humanité commis en Syrie",
    "La coalition documente la persécution des détenus et les actes de torture dans les centres de détention.",
    "Les témoins décrivent la torture, les disparitions forcées et la persécution pour des motifs politiques.",
    "Les autorités syriennes n'ont pas enquêté sur ces crimes contre l'humanité.",
]
RU = [
    "Доклад о пытках в местах лишения свободы",
    "Настоящий доклад подготовлен по итогам мониторинга мест лишения свободы в регионе.",
    "Заключённые сообщили о систематических пытках и жестоком обращении со стороны сотрудников.",
    "Action plan and key recommendations for the reporting period",
    "Государство обязано провести независимое расследование каждого сообщения о пытках.",
]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    sidecar = "translation_group: syria-2021\ndate: 2021-05-04\ncrime_type: [persecution]\naccess: restricted\naccess_orgs: [fidh, trial]\n"
    write_pdf(folder / "submission-en.pdf", [EN, EN[1:]], sidecar=sidecar + "language: en\n")
    write_pdf(folder / "submission-fr.pdf", [FR, FR[1:]], sidecar=sidecar + "language: fr\n")
    write_pdf(folder / "doklad-ru.pdf", [RU, RU[1:]])
    (folder / "scan.pdf").write_bytes(image_pdf_bytes())
    (folder / "scan.pdf.meta.yaml").write_text("title: Scanned court record\norganisation: trial\n", encoding="utf-8")
    return folder


@pytest.fixture
def indexed(es, alias, settings, tmp_path, corpus):
    env = ingest_env(settings, alias, tmp_path / "data", GIAI_INGEST_OCR_LANGUAGES="")
    ingest_ok(str(corpus), env=env)
    docs = documents(es, alias)
    return env, {d["file"]["name"]: d for d in docs.values()}


def test_each_language_version_is_indexed_with_its_own_language_and_translation_group(es, alias, indexed):
    _, docs = indexed
    en, fr = docs["submission-en.pdf"], docs["submission-fr.pdf"]
    assert (en["language"], fr["language"]) == ("en", "fr")
    assert en["translation_group"] == fr["translation_group"] == "syria-2021"
    for field, words, name in (
        ("pages.text_en", "persecution of detainees", "submission-en.pdf"),
        ("pages.text_fr", "persécution des détenus", "submission-fr.pdf"),
    ):
        hits = es.search(index=alias, query={"nested": {"path": "pages", "query": {"match": {field: words}}}})["hits"][
            "hits"
        ]
        assert [h["_source"]["file"]["name"] for h in hits] == [name]


def test_pages_and_titles_go_to_their_language_fields(indexed):
    _, docs = indexed
    fr = docs["submission-fr.pdf"]
    assert [p["number"] for p in fr["pages"]] == [1, 2]
    assert all(p["language"] == "fr" and p["text_fr"] == p["text"] for p in fr["pages"])
    assert fr["title_fr"] == fr["title"] and fr["page_count"] == 2


def test_facets_hold_ancestors_and_evidence_says_where_each_value_came_from(indexed):
    _, docs = indexed
    en = docs["submission-en.pdf"]
    assert en["crime_type"] == ["persecution", "crimes-against-humanity"]
    assert en["evidence"]["crime_type"][0] == {"value": "persecution", "source": "metadata", "terms": ["persecution"]}
    assert (en["date"], en["year"]) == ("2021-05-04", 2021)
    assert (en["access"], en["access_orgs"]) == ("restricted", ["fidh", "trial"])
    ru = docs["doklad-ru.pdf"]
    assert "torture" in ru["crime_type"] and ru["evidence"]["crime_type"][0]["source"] == "rule"


def test_a_russian_document_lists_its_english_fragments(indexed):
    _, docs = indexed
    ru = docs["doklad-ru.pdf"]
    assert ru["language"] == "ru" and "en" in ru["languages"] and ru["mixed_language"] is True
    assert any(f["language"] == "en" and "Action plan" in f["text"] for f in ru["fragments"])


def test_a_scan_without_ocr_is_indexed_as_needs_ocr_and_found_by_its_title(es, alias, indexed):
    env, docs = indexed
    scan = docs["scan.pdf"]
    assert scan["status"] == "needs_ocr" and scan["title"] == "Scanned court record" and scan["organisation"] == "trial"
    assert by_name(status(env))["scan.pdf"]["status"] == "needs_ocr"
    hits = es.search(index=alias, query={"match": {"title": "scanned court record"}})["hits"]["hits"]
    assert [h["_source"]["file"]["name"] for h in hits] == ["scan.pdf"]
