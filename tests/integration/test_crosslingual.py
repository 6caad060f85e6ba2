"""Cross-lingual search, its switch and facet offer, hierarchical filters and "did you mean" on the
sample corpus (ingested once per session through the pipeline), through the portal's API and pages."""

import copy
import uuid

import pytest

from giai.access import ANONYMOUS, Viewer
from giai.index_schema import ANALYSIS, MAPPINGS
from ingest.index_migration import drop_alias_and_indices
from portal import create_app
from portal.search.params import SearchParams
from portal.vocabulary import load_vocabularies
from tests.integration.relevance_support import SampleCorpus, corpus_service, corpus_settings, sample_corpus

# One document about enforced disappearance in each language of the sample corpus.
DISAPPEARANCE = {
    "en": "icj-jurists/2017-sri-lanka-accountability-enforced-disappearances.pdf",
    "fr": "trial/2018-burundi-disparitions-forcees-familles.html",
    "ru": "crd/2017-chechnya-nasilstvennye-ischeznoveniya.pdf",
    "es": "pga/2021-ley-modelo-desaparicion-forzada-parlamentarios.pdf",
    "ar": "icj-jurists/2023-iraq-enforced-disappearance-families-right-to-truth-ar.pdf",
}


@pytest.fixture(scope="module")
def corpus(settings, es):
    return sample_corpus(settings)


@pytest.fixture(scope="module")
def client(settings, corpus):
    app = create_app({"SETTINGS": corpus_settings(settings, corpus), "VOCABULARIES": load_vocabularies(),
                      "SECRET_KEY": "test"})
    return app.test_client()


def search(client, query):
    response = client.get("/api/v1/search?" + query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def every_id(client, query):
    """Every file a search finds (ungrouped, so the cursor walks them all)."""
    ids, answer = [], search(client, f"{query}&group=0")
    while True:
        ids += [h["id"] for h in answer["hits"]]
        if not answer["cursor"]:
            return set(ids)
        answer = search(client, f"{query}&cursor={answer['cursor']}")


@pytest.mark.parametrize("q", ["enforced disappearance", "disparitions forcées", "насильственные исчезновения",
                               "desapariciones forzadas", "الاختفاء القسري"])
def test_a_concept_named_in_any_language_finds_its_documents_in_all_five(client, corpus, q):
    found = {h["id"] for h in search(client, f"q={q}")["hits"]}
    assert {lang: corpus.id(path) in found for lang, path in DISAPPEARANCE.items()} == dict.fromkeys(DISAPPEARANCE, True)


def test_the_api_says_which_expansion_it_used_and_the_names_it_searched(client):
    answer = search(client, "q=enforced+disappearance&locale=fr")
    assert answer["expand"] is True
    (expansion,) = answer["expansions"]
    assert expansion["id"] == "enforced-disappearance"
    assert expansion["label"] == "Disparition forcée"
    assert expansion["facet"] == "crime_type"
    assert set(expansion["terms"]) == {"en", "fr", "ru", "es", "ar"}
    assert "Насильственное исчезновение" in expansion["terms"]["ru"]


def test_expand_0_searches_the_words_as_typed_only(client, corpus):
    answer = search(client, "q=enforced+disappearance&expand=0")
    assert answer["expand"] is False and answer["expansions"] == []
    found = {h["id"] for h in answer["hits"]}
    assert corpus.id(DISAPPEARANCE["ru"]) not in found and corpus.id(DISAPPEARANCE["ar"]) not in found
    assert corpus.id(DISAPPEARANCE["en"]) in found


def test_a_document_found_only_in_another_language_has_a_highlighted_snippet(client, corpus):
    # content_notes=show: a snippet of a page with a content note carries its text only when asked
    hits = {h["id"]: h for h in search(client, "q=enforced+disappearance&content_notes=show")["hits"]}
    snippets = hits[corpus.id(DISAPPEARANCE["ru"])]["snippets"]
    assert any("<mark>" in s["html"] for s in snippets)


def test_the_results_page_names_the_expansions_offers_their_filter_and_a_way_out(client):
    page = client.get("/en/search?q=enforced+disappearance").get_data(as_text=True)
    assert "Also searched in every language" in page
    assert 'lang="ru"' in page and "Насильственное исчезновение" in page
    assert "crime_type=enforced-disappearance" in page
    assert "expand=0" in page


def test_with_the_filter_selected_it_is_no_longer_offered(client):
    page = client.get("/en/search?q=enforced+disappearance&crime_type=enforced-disappearance").get_data(as_text=True)
    assert "Add the filter" not in page


def test_the_results_page_without_expansion_says_so_and_keeps_it_off_for_the_next_search(client):
    page = client.get("/fr/search?q=enforced+disappearance&expand=0").get_data(as_text=True)
    assert "Seuls les mots saisis ont été recherchés." in page
    assert '<input type="hidden" name="expand" value="0">' in page


def test_a_country_named_in_the_query_is_offered_as_a_filter(client):
    (expansion,) = [e for e in search(client, "q=tortura+en+Sudán")["expansions"] if e["facet"] == "country"]
    assert expansion["id"] == "SD"


def test_a_filter_on_a_parent_concept_includes_documents_filed_under_its_children(client):
    children = every_id(client, "crime_type=gender-based-persecution")
    assert children
    assert children <= every_id(client, "crime_type=persecution") <= every_id(client, "crime_type=crimes-against-humanity")


@pytest.mark.parametrize("typed, meant", [
    ("Rohingya deportaton", "Rohingya deportation"),
    ("disparitons forcées", "disparitions forcées"),
    ("crimes contre l'humanté", "crimes contre l'humanité"),
    ("пытки в полицыи", "пытки в полиции"),
    ("desapariciones forsadas", "desapariciones forzadas"),
    ("الاسلحة الكيمياءية", "الاسلحة الكيميائية"),
])
def test_a_typo_in_any_language_offers_the_spelling_the_collection_uses(client, typed, meant):
    assert search(client, f"q={typed}")["suggestion"] == meant


@pytest.mark.parametrize("q", ["enforced disappearance", "humanite", "ёлка", '"victim participation"'])
def test_a_query_spelt_as_the_collection_spells_it_gets_no_suggestion(client, q):
    assert search(client, f"q={q}")["suggestion"] is None


def test_a_suggestion_link_is_on_the_results_page(client):
    page = client.get("/en/search?q=disparitons+forc%C3%A9es").get_data(as_text=True)
    assert "Did you mean" in page and "q=disparitions+forc%C3%A9es" in page


def test_a_word_only_a_restricted_document_holds_is_suggested_only_to_who_may_read_it(settings, corpus):
    # "nightingale" is only in REDRESS's restricted Gambia note (access_orgs: redress, trial).
    service = corpus_service(settings, corpus)
    params = SearchParams(q="nightingle")
    member = Viewer(user_id=1, roles=frozenset({"member"}), organisations=frozenset({"redress"}))
    outsider = Viewer(user_id=2, roles=frozenset({"member"}), organisations=frozenset({"fidh"}))
    assert service.search(params, ANONYMOUS)["suggestion"] is None
    assert service.search(params, outsider)["suggestion"] is None
    assert service.search(params, member)["suggestion"] == "nightingale"


def test_an_index_built_before_the_suggesters_field_existed_still_answers(settings, es):
    mappings = copy.deepcopy(MAPPINGS)
    del mappings["properties"]["pages"]["properties"]["text"]["fields"]
    alias = f"test-old-{uuid.uuid4().hex[:8]}"
    es.indices.create(index=f"{alias}-old", settings={"number_of_replicas": 0, "analysis": ANALYSIS},
                      mappings=mappings, aliases={alias: {}})
    try:
        es.index(index=alias, id="a", document={"id": "a", "title": "Torture", "access": "public",
                                                "pages": [{"number": 1, "language": "en", "text": "torture"}]},
                 refresh=True)
        answer = corpus_service(settings, SampleCorpus(alias, {})).search(SearchParams(q="torure"), ANONYMOUS)
        assert answer["hits"]["total"]["value"] == 0 and answer["suggestion"] is None
    finally:
        drop_alias_and_indices(es, alias)
