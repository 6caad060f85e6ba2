"""Cross-lingual expansion: which concepts and countries a query names, the names searched in each
language, and where the clauses go in the request (pure; the real thesaurus and countries)."""

import pytest

from giai.access import ANONYMOUS
from portal.search import query
from portal.search.expansion import (
    EXPANSION_BOOST,
    Expansion,
    facet_clauses,
    load_expander,
    page_clauses,
    title_clauses,
)
from portal.search.params import SearchParams
from portal.search.result import shape_search
from portal.search.result_json import expansions_json
from portal.vocabulary import Vocabularies


@pytest.fixture(scope="module")
def expander():
    return load_expander()


def by_id(expansions):
    return {e.id: e for e in expansions}


def test_a_concept_named_in_english_is_searched_by_its_names_in_all_five_languages(expander):
    (found,) = expander.expansions("enforced disappearance")
    assert found.id == "enforced-disappearance"
    assert found.matched == "enforced disappearance"
    assert "Disparition forcée" in found.terms["fr"]
    assert "Насильственное исчезновение" in found.terms["ru"]
    assert "Desaparición forzada" in found.terms["es"]
    assert "الاختفاء القسري" in found.terms["ar"]
    assert "Enforced disappearance" in found.terms["en"]


@pytest.mark.parametrize("q", ["disparitions forcées", "насильственных исчезновений", "desapariciones forzadas",
                               "الاختفاء القسري", "Disparition forcee"])
def test_inflected_and_unaccented_forms_name_the_concept_in_every_language(expander, q):
    assert "enforced-disappearance" in by_id(expander.expansions(q))


def test_a_crime_type_offers_its_facet_and_a_legal_term_offers_none(expander):
    found = by_id(expander.expansions("torture and universal jurisdiction"))
    assert found["torture"].facet == "crime_type"
    assert found["universal-jurisdiction"].facet is None


@pytest.mark.parametrize("q", ["command responsibility", "superior responsibility", "командная ответственность",
                               "responsabilité du supérieur hiérarchique"])
def test_command_and_superior_responsibility_are_one_concept(expander, q):
    found = by_id(expander.expansions(q))
    assert "superior-responsibility" in found
    assert {"command responsibility", "superior responsibility"} <= {n.lower() for n in found["superior-responsibility"].terms["en"]}


def test_a_country_is_searched_by_its_names_and_offers_the_country_facet(expander):
    found = by_id(expander.expansions("tortura en Sudán"))
    assert found["SD"].facet == "country"
    assert "السودان" in found["SD"].terms["ar"]
    assert found["SD"].labels["fr"] == "Soudan"


def test_labels_are_given_in_every_ui_language(expander):
    (found,) = expander.expansions("пытки")
    assert found.labels == {"en": "Torture", "fr": "Torture", "ru": "Пытки", "es": "Tortura", "ar": "التعذيب"}


def test_words_in_quotes_are_searched_as_written_and_not_expanded(expander):
    assert expander.expansions('"enforced disappearance"') == ()
    assert by_id(expander.expansions('"victim participation" torture')).keys() == {"torture"}


def test_an_excluded_word_is_not_expanded(expander):
    assert by_id(expander.expansions("genocide -torture")).keys() == {"genocide"}


def test_a_concept_named_twice_is_expanded_once(expander):
    assert [e.id for e in expander.expansions("torture пытки tortura")] == ["torture"]


def test_a_query_naming_nothing_has_no_expansion(expander):
    assert expander.expansions("zanzibarword") == ()


def test_each_name_is_a_phrase_on_the_field_of_its_language_weighted_below_the_users_words():
    expansion = Expansion("x", None, "x", {"en": "X"}, {"fr": ("disparition forcée",), "ar": ("الاختفاء القسري",)})
    assert page_clauses([expansion]) == [
        {"match_phrase": {"pages.text_fr": {"query": "disparition forcée", "boost": EXPANSION_BOOST}}},
        {"match_phrase": {"pages.text_ar": {"query": "الاختفاء القسري", "boost": EXPANSION_BOOST}}},
    ]
    assert title_clauses([expansion])[0] == {"match_phrase": {"title_fr": {"query": "disparition forcée", "boost": EXPANSION_BOOST}}}
    assert EXPANSION_BOOST < 1


def test_documents_filed_under_the_concept_score_a_constant():
    crime = Expansion("torture", "crime_type", "torture", {}, {})
    term = Expansion("universal-jurisdiction", None, "universal jurisdiction", {}, {})
    (clause,) = facet_clauses([crime, term])
    assert clause["constant_score"]["filter"] == {"term": {"crime_type": "torture"}}


def test_page_expansions_sit_in_the_nested_pages_query_so_matching_pages_give_snippets(expander):
    params = SearchParams(q="enforced disappearance")
    body = query.build_body(params, ANONYMOUS, expander.expansions(params.q))
    should = body["query"]["bool"]["should"]
    nested = next(c["nested"] for c in should if "nested" in c)
    inner = nested["query"]["bool"]["should"]
    assert "simple_query_string" in inner[0]
    assert {"pages.text_ru"} <= {f for c in inner[1:] for f in c["match_phrase"]}
    assert any("constant_score" in c for c in should)
    assert body["query"]["bool"]["minimum_should_match"] == 1


def test_without_expansions_the_request_is_the_users_words_only():
    body = query.build_body(SearchParams(q="enforced disappearance"), ANONYMOUS)
    nested = next(c["nested"] for c in body["query"]["bool"]["should"] if "nested" in c)
    assert "simple_query_string" in nested["query"]
    assert len(body["query"]["bool"]["should"]) == 2


class Args(dict):
    def getlist(self, key):
        return [self[key]] if key in self else []


@pytest.mark.parametrize("value, expand", [(None, True), ("1", True), ("0", False), ("off", False), ("false", False)])
def test_expand_0_turns_expansion_off(value, expand):
    args = Args(q="torture", **({"expand": value} if value is not None else {}))
    params = SearchParams.from_args(args, Vocabularies(labels={}))
    assert params.expand is expand
    assert ("expand" in params.to_args()) is (not expand)


def test_links_of_a_search_without_expansion_keep_it_off():
    params = SearchParams(q="torture", expand=False)
    assert params.to_args(page=2)["expand"] == "0"
    assert params.with_filters({"country": ("SD",)}).expand is False


VOCAB = Vocabularies(labels={"crime_type": {"torture": {"en": "Torture", "fr": "Torture (fr)"}},
                             "country": {"SD": {"en": "Sudan", "fr": "Soudan"}}})


def answer(*expansions):
    return {"hits": {"total": {"value": 0}, "hits": []}, "expansions": expansions, "suggestion": "tortura"}


def test_the_result_names_each_expansion_in_the_readers_language_and_offers_its_filter():
    crime = Expansion("torture", "crime_type", "tortura", {"en": "Torture"}, {"fr": ("Torture",)})
    term = Expansion("universal-jurisdiction", None, "jurisdicción universal", {"en": "Universal jurisdiction",
                     "fr": "Compétence universelle"}, {"fr": ("Compétence universelle",)})
    result = shape_search(answer(crime, term), SearchParams(q="tortura"), VOCAB, "fr")
    assert [(e.label, e.facet, e.offer_filter) for e in result.expansions] == [
        ("Torture (fr)", "crime_type", True), ("Compétence universelle", None, False)]
    assert result.suggestion == "tortura"


def test_a_filter_already_selected_is_not_offered_again():
    country = Expansion("SD", "country", "Sudán", {"en": "Sudan"}, {"en": ("Sudan",)})
    result = shape_search(answer(country), SearchParams(q="Sudán", filters={"country": ("SD",)}), VOCAB, "en")
    assert result.expansions[0].offer_filter is False


def test_the_api_lists_id_label_matched_words_facet_and_terms_per_language():
    crime = Expansion("torture", "crime_type", "tortura", {"en": "Torture"}, {"fr": ("Torture",), "ru": ("Пытки",)})
    result = shape_search(answer(crime), SearchParams(q="tortura"), VOCAB, "en")
    assert expansions_json(result.expansions) == [
        {"id": "torture", "label": "Torture", "matched": "tortura", "facet": "crime_type",
         "terms": {"fr": ["Torture"], "ru": ["Пытки"]}}]


def test_words_the_user_excludes_stay_excluded_from_what_expansions_find(expander):
    params = SearchParams(q='genocide -torture -"forced marriage"')
    body = query.build_body(params, ANONYMOUS, expander.expansions(params.q))
    title, pages = body["query"]["bool"]["must_not"]
    assert title["simple_query_string"]["query"] == 'torture | "forced marriage"'
    assert pages["nested"]["query"]["simple_query_string"]["query"] == 'torture | "forced marriage"'


def test_without_expansions_the_users_clause_alone_applies_exclusions():
    assert "must_not" not in query.build_body(SearchParams(q="genocide -torture"), ANONYMOUS)["query"]["bool"]
