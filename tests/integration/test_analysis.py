"""Per-language analysis on the real server: `_analyze` with the index's own analyzers, and real
searches through the portal's search service on a few documents written for the purpose."""

import dataclasses
import uuid

import pytest

from giai.access import ANONYMOUS
from giai.es import url_with_credentials
from giai.index_schema import ANALYSIS, MAPPINGS, concrete_index_name
from ingest.index_migration import drop_alias_and_indices, ensure_index
from portal.search.params import SearchParams
from portal.search.service import SearchService

# (id, language, page text): one page each, in the field of its language and the neutral one.
DOCUMENTS = [
    ("ru-torture", "ru", "Доклад о пытками в местах заключения и ёлка во дворе."),
    ("fr-disparition", "fr", "La disparition forcée de militants et les crimes contre l'humanité."),
    ("fr-plural", "fr", "Les disparitions forcées se multiplient."),
    ("es-desaparicion", "es", "Las desapariciones forzadas en el norte del país."),
    ("en-humanity", "en", "A crime against humanity was committed; the State's duty to prosecute."),
    ("ar-torture", "ar", "تقرير عن التَّعْذِيب في مراكز الاحتجاز."),
]


def analyzed(es, alias, analyzer, text):
    return [t["token"] for t in es.indices.analyze(index=alias, analyzer=analyzer, text=text)["tokens"]]


@pytest.fixture(scope="module")
def alias(es):
    """One index of the current schema for the whole module (the documents are only read)."""
    name = f"test-analysis-{uuid.uuid4().hex[:8]}"
    ensure_index(es, name)
    yield name
    drop_alias_and_indices(es, name)


@pytest.fixture(scope="module")
def service(settings, es, alias):
    for doc_id, lang, text in DOCUMENTS:
        es.index(index=alias, id=doc_id, document={
            "id": doc_id, "title": doc_id, "language": lang, "languages": [lang], "access": "public",
            "pages": [{"number": 1, "language": lang, "text": text, f"text_{lang}": text}],
        })
    es.indices.refresh(index=alias)
    return SearchService(dataclasses.replace(settings, es_url=url_with_credentials(settings), index=alias))


def found(service, q, expand=False):
    response = service.search(SearchParams(q=q, sort="relevance", expand=expand), ANONYMOUS)
    return {hit["_id"] for hit in response["hits"]["hits"]}


def snippets(service, q):
    response = service.search(SearchParams(q=q, sort="relevance", expand=False), ANONYMOUS)
    return [frag for hit in response["hits"]["hits"] for page in hit["inner_hits"]["pages"]["hits"]["hits"]
            for frags in page.get("highlight", {}).values() for frag in frags]


@pytest.mark.parametrize("form", ["пытка", "пытками", "пыток", "пытки"])
def test_russian_forms_of_torture_reduce_to_one_term(es, alias, form):
    assert analyzed(es, alias, "giai_ru", form) == analyzed(es, alias, "giai_ru", "пытка")


@pytest.mark.parametrize("form", ["пытка", "пыток", "ПЫТКИ"])
def test_any_russian_form_finds_a_page_with_another(service, form):
    assert "ru-torture" in found(service, form)


def test_yo_and_ye_are_one_letter(es, alias, service):
    assert analyzed(es, alias, "giai_ru", "ёлка") == analyzed(es, alias, "giai_ru", "елка")
    assert "ru-torture" in found(service, "елка")


@pytest.mark.parametrize("form", ["disparition forcée", "disparitions forcées", "disparition forcee", "Disparitions Forcees"])
def test_french_singular_plural_and_unaccented_forms_analyse_alike(es, alias, form):
    assert analyzed(es, alias, "giai_fr", form) == analyzed(es, alias, "giai_fr", "disparition forcée")


@pytest.mark.parametrize("form", ["disparition forcée", "disparitions forcées", "disparition forcee"])
def test_any_french_form_finds_both_pages(service, form):
    assert {"fr-disparition", "fr-plural"} <= found(service, form)


def test_french_elision_and_folding(es, alias, service):
    assert analyzed(es, alias, "giai_fr", "l'humanité") == analyzed(es, alias, "giai_fr", "humanite")
    assert "fr-disparition" in found(service, "humanite")


@pytest.mark.parametrize("form", ["desaparición forzada", "desapariciones forzadas", "desaparicion forzado"])
def test_spanish_forms_of_enforced_disappearance_find_the_page(es, alias, service, form):
    assert analyzed(es, alias, "giai_es", form) == analyzed(es, alias, "giai_es", "desaparición forzada")
    assert "es-desaparicion" in found(service, form)


@pytest.mark.parametrize("form", ["crime against humanity", "crimes against humanity", "Crimes against Humanity"])
def test_english_singular_and_plural_find_the_page(es, alias, service, form):
    assert analyzed(es, alias, "giai_en", form) == analyzed(es, alias, "giai_en", "crime against humanity")
    assert "en-humanity" in found(service, form)


def test_english_possessive_is_dropped(es, alias):
    assert analyzed(es, alias, "giai_en", "State's") == analyzed(es, alias, "giai_en", "state")


@pytest.mark.parametrize("form", ["التعذيب", "تعذيب", "التَّعْذِيب", "والتعذيب", "للتعذيب"])
def test_arabic_article_prefixes_and_diacritics_do_not_matter(es, alias, service, form):
    assert analyzed(es, alias, "giai_ar", form) == analyzed(es, alias, "giai_ar", "تعذيب")
    assert "ar-torture" in found(service, form)


def test_highlights_show_the_original_text(service):
    assert any("<mark>disparitions</mark> <mark>forcées</mark>" in s for s in snippets(service, "disparition forcee"))
    assert any("<mark>التَّعْذِيب</mark>" in s for s in snippets(service, "تعذيب"))
    assert any("<mark>пытками</mark>" in s for s in snippets(service, "пыток"))


def test_a_quoted_phrase_matches_the_words_as_written_without_stemming(service):
    assert found(service, '"disparitions forcées"') == {"fr-plural"}
    assert found(service, '"disparition forcee"') == {"fr-disparition"}
    assert found(service, '"пыток"') == set()
    assert found(service, '"пытками"') == {"ru-torture"}


def test_a_change_of_the_definition_moves_the_documents_to_an_index_of_the_new_definition(es):
    name = f"test-migrate-{uuid.uuid4().hex[:8]}"
    older = {**ANALYSIS, "analyzer": {**ANALYSIS["analyzer"], "giai_ru": {"tokenizer": "standard", "filter": ["lowercase"]}}}
    es.indices.create(index=f"{name}-older", settings={"number_of_replicas": 0, "analysis": older},
                      mappings=MAPPINGS, aliases={name: {"is_write_index": True}})
    try:
        es.index(index=name, id="ru", document={"id": "ru", "access": "public", "title_ru": "пытками", "content_sha256": "f00d",
                                                 "version_group": "d:ru"}, refresh=True)
        assert es.count(index=name, query={"match": {"title_ru": "пыток"}})["count"] == 0
        assert ensure_index(es, name) == concrete_index_name(name)
        assert list(es.indices.get_alias(name=name).body) == [concrete_index_name(name)]
        assert es.count(index=name, query={"match": {"title_ru": "пыток"}})["count"] == 1
        assert es.get(index=name, id="ru")["_source"]["version_group"] == "c:f00d"  # grouped by today's rule
        assert not es.indices.exists(index=f"{name}-older")
    finally:
        drop_alias_and_indices(es, name)
