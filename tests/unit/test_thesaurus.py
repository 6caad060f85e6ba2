"""The thesaurus (config/thesaurus.yaml), its hierarchy, and finding its concepts in text (the
phrase matcher of giai.phrases, with the thesaurus's labels)."""

from __future__ import annotations

import pytest

from giai.textnorm import words
from giai.thesaurus import (
    FACETS,
    LANGUAGES,
    ThesaurusError,
    load_thesaurus,
    thesaurus_from_dict,
)

FIXED_IDS = {
    "crime_type": [
        "genocide", "crimes-against-humanity", "war-crimes", "aggression", "torture",
        "enforced-disappearance", "persecution", "gender-based-persecution",
    ],
    "gender": ["sgbv", "crsv", "gender-based-persecution", "women-girls", "lgbtqi", "children"],
    "doc_type": [
        "judgment", "decision", "indictment", "submission", "amicus-brief", "report", "policy-brief",
        "training-manual", "toolkit", "factsheet", "press-release",
    ],
    "body": [
        "icc", "ecthr", "iacthr", "african-court", "achpr", "un-cat", "un-ced", "un-hrc", "cedaw", "icj",
        "icty", "ictr", "hybrid-tribunal", "eccc", "scsl", "national-court",
    ],
}


@pytest.fixture(scope="module")
def thesaurus():
    return load_thesaurus()


def found(thesaurus, text: str, **kwargs) -> list[tuple[str, str]]:
    return [(m.concept_id, m.text) for m in thesaurus.find(text, **kwargs)]


def concept(cid: str, parent: str | None = None, facets=("crime_type",), **labels) -> dict:
    data = {"id": cid, "facets": list(facets), "labels": {lang: labels.get(lang, [cid]) for lang in LANGUAGES}}
    if parent:
        data["parent"] = parent
    return data


def small(*concepts: dict):
    return thesaurus_from_dict({"concepts": list(concepts)})




# --- the thesaurus file ------------------------------------------------------------------------


@pytest.mark.parametrize("facet", sorted(FIXED_IDS))
def test_thesaurus_defines_the_fixed_vocabulary_ids_in_their_facet(thesaurus, facet):
    assert set(FIXED_IDS[facet]) <= set(thesaurus.concepts_in(facet))


def test_every_concept_has_labels_in_all_five_languages(thesaurus):
    for item in thesaurus:
        assert set(item.labels) == set(LANGUAGES), item.id
        assert all(item.labels[lang] for lang in LANGUAGES), item.id


def test_thesaurus_has_at_least_45_legal_terms(thesaurus):
    assert len(thesaurus.concepts_in("term")) >= 45


def test_every_concept_uses_known_facets(thesaurus):
    assert all(set(item.facets) <= set(FACETS) for item in thesaurus)


def test_no_label_names_two_concepts(thesaurus):
    owners: dict[tuple[str, ...], str] = {}
    for item in thesaurus:
        for labels in (*item.labels.values(), *item.forms.values()):
            for label in labels:
                assert owners.setdefault(words(label), item.id) == item.id, label


def test_every_label_finds_its_concept_in_a_query(thesaurus):
    for item in thesaurus:
        for lang, labels in item.labels.items():
            for label in labels:
                assert item.id in {m.concept_id for m in thesaurus.find_in_query(label)}, (item.id, lang, label)


def test_preferred_labels_are_correct_legal_usage(thesaurus):
    assert thesaurus.labels_of("enforced-disappearance")["fr"][0] == "Disparition forcée"
    assert thesaurus.labels_of("enforced-disappearance")["ru"][0] == "Насильственное исчезновение"
    assert thesaurus.labels_of("enforced-disappearance")["es"][0] == "Desaparición forzada"
    assert thesaurus.labels_of("enforced-disappearance")["ar"][0] == "الاختفاء القسري"
    assert thesaurus.labels_of("torture")["ar"][0] == "التعذيب"
    assert thesaurus.labels_of("crimes-against-humanity")["ru"][0] == "Преступления против человечности"


def test_bodies_carry_their_abbreviations_in_each_language(thesaurus):
    assert {"CPI", "МУС", "ICC"} <= {label for labels in thesaurus.labels_of("icc").values() for label in labels}
    assert {"TPIY", "МТБЮ"} <= {label for labels in thesaurus.labels_of("icty").values() for label in labels}
    assert "ЕСПЧ" in thesaurus.labels_of("ecthr")["ru"]
    assert "CIJ" in thesaurus.labels_of("icj")["fr"]
    assert "المحكمة الجنائية الدولية" in thesaurus.labels_of("icc")["ar"]


# --- hierarchy ---------------------------------------------------------------------------------


def test_gender_based_persecution_sits_three_levels_deep(thesaurus):
    assert thesaurus.ancestors("gender-based-persecution") == ["persecution", "crimes-against-humanity"]


def test_descendants_reach_grandchildren(thesaurus):
    descendants = thesaurus.descendants("crimes-against-humanity")
    assert {"persecution", "gender-based-persecution", "enslavement", "sexual-slavery"} <= set(descendants)
    assert descendants.index("persecution") < descendants.index("gender-based-persecution")


def test_ancestors_can_be_limited_to_one_facet(thesaurus):
    assert thesaurus.ancestors("gender-based-persecution", facet="gender") == []
    assert thesaurus.ancestors("crsv", facet="gender") == ["sgbv"]


def test_terms_nest_too(thesaurus):
    assert thesaurus.ancestors("superior-responsibility") == ["individual-criminal-responsibility"]


def test_concepts_in_a_facet_list_parents_before_children(thesaurus):
    bodies = thesaurus.concepts_in("body")
    assert bodies.index("hybrid-tribunal") < bodies.index("eccc")
    assert thesaurus.parent("eccc") == "hybrid-tribunal"


def test_a_concept_can_sit_in_two_facets(thesaurus):
    assert "gender-based-persecution" in thesaurus.concepts_in("gender")
    assert "gender-based-persecution" in thesaurus.concepts_in("crime_type")


def test_hierarchy_of_any_depth_is_walked():
    deep = small(concept("a"), concept("b", "a"), concept("c", "b"), concept("d", "c"), concept("e", "d"))
    assert deep.ancestors("e") == ["d", "c", "b", "a"]
    assert deep.descendants("a") == ["b", "c", "d", "e"]


# --- lookups -----------------------------------------------------------------------------------


def test_label_is_the_preferred_label_in_the_language(thesaurus):
    assert thesaurus.label("icc", "fr") == "Cour pénale internationale"
    assert thesaurus.label("torture", "ru") == "Пытки"


def test_label_falls_back_to_english_for_another_language(thesaurus):
    assert thesaurus.label("genocide", "de") == "Genocide"


def test_get_returns_none_for_an_unknown_id_and_label_raises(thesaurus):
    assert thesaurus.get("no-such-concept") is None
    assert "no-such-concept" not in thesaurus
    with pytest.raises(KeyError):
        thesaurus.label("no-such-concept", "en")


def test_labels_of_gives_every_language_preferred_first(thesaurus):
    labels = thesaurus.labels_of("war-crimes")
    assert set(labels) == set(LANGUAGES)
    assert labels["es"][0] == "Crímenes de guerra"


def test_expansions_give_the_labels_in_the_other_languages(thesaurus):
    expanded = thesaurus.expansions("enforced-disappearance", exclude_language="en")
    assert set(expanded) == {"fr", "ru", "es", "ar"}
    assert "Disparition forcée" in expanded["fr"]
    assert "Насильственное исчезновение" in expanded["ru"]
    assert "Desaparición forzada" in expanded["es"]
    assert "الاختفاء القسري" in expanded["ar"]


def test_expansions_without_exclusion_give_every_language(thesaurus):
    assert set(thesaurus.expansions("torture")) == set(LANGUAGES)


# --- matching in text --------------------------------------------------------------------------


def test_french_label_with_typographic_apostrophe_matches_crimes_against_humanity(thesaurus):
    assert found(thesaurus, "des Crimes contre l’humanité") == [("crimes-against-humanity", "Crimes contre l’humanité")]


def test_french_label_without_accents_matches_crimes_against_humanity(thesaurus):
    assert found(thesaurus, "crimes contre l'humanite") == [("crimes-against-humanity", "crimes contre l'humanite")]


def test_french_plural_matches_singular_label(thesaurus):
    assert found(thesaurus, "Disparitions forcées") == [("enforced-disappearance", "Disparitions forcées")]


def test_russian_instrumental_plural_in_capitals_matches_torture(thesaurus):
    assert found(thesaurus, "ПЫТКАМИ") == [("torture", "ПЫТКАМИ")]


def test_russian_irregular_genitive_plural_matches_torture(thesaurus):
    assert found(thesaurus, "Комиссия пыток") == [("torture", "пыток")]


def test_russian_inflected_multiword_labels_match(thesaurus):
    assert found(thesaurus, "решение Международного уголовного суда")[-1] == ("icc", "Международного уголовного суда")
    assert found(thesaurus, "о насильственных исчезновениях") == [
        ("enforced-disappearance", "насильственных исчезновениях")
    ]
    assert found(thesaurus, "преступлениями против человечности") == [
        ("crimes-against-humanity", "преступлениями против человечности")
    ]


def test_russian_yo_and_ye_spellings_match_alike(thesaurus):
    assert found(thesaurus, "вооружённый конфликт") == [("armed-conflict", "вооружённый конфликт")]
    assert found(thesaurus, "вооруженный конфликт") == [("armed-conflict", "вооруженный конфликт")]


def test_arabic_label_with_diacritics_matches_enforced_disappearance(thesaurus):
    assert found(thesaurus, "ضحايا الاختفاءِ القسريِّ") == [("enforced-disappearance", "الاختفاءِ القسريِّ")]


@pytest.mark.parametrize("word", ["التعذيب", "والتعذيب", "بالتعذيب", "للتعذيب", "تعذيب", "وتعذيب"])
def test_arabic_attached_prefixes_do_not_prevent_a_match(thesaurus, word):
    assert found(thesaurus, f"جريمة {word} في السجون")[0] == ("torture", word)


def test_arabic_prefix_on_the_second_word_of_a_label_matches(thesaurus):
    assert found(thesaurus, "حماية النساء والفتيات") == [("women-girls", "النساء والفتيات")]


def test_arabic_indefinite_phrase_matches_definite_label(thesaurus):
    assert found(thesaurus, "حالات اختفاء قسري") == [("enforced-disappearance", "اختفاء قسري")]


def test_spanish_plural_matches_singular_label(thesaurus):
    assert found(thesaurus, "las desapariciones forzadas") == [("enforced-disappearance", "desapariciones forzadas")]


def test_english_singular_and_plural_match(thesaurus):
    assert found(thesaurus, "a crime against humanity") == [("crimes-against-humanity", "crime against humanity")]


def test_labels_match_across_line_breaks_and_hyphenation_variants(thesaurus):
    assert found(thesaurus, "crimes against\nhumanity") == [("crimes-against-humanity", "crimes against\nhumanity")]
    assert found(thesaurus, "gender based persecution") == [("gender-based-persecution", "gender based persecution")]


def test_labels_with_commas_match_text_with_commas(thesaurus):
    text = "cruel, inhuman or degrading treatment"
    assert found(thesaurus, text) == [("ill-treatment", text)]


def test_words_separated_by_punctuation_do_not_make_a_phrase(thesaurus):
    assert ("crimes-against-humanity", "crimes; against humanity") not in found(thesaurus, "crimes; against humanity")


def test_matches_stop_at_word_boundaries(thesaurus):
    assert found(thesaurus, "the tortured and the ICCPR") == []


def test_match_offsets_point_into_the_original_text(thesaurus):
    text = "Après l’été\u00a0: «\u00a0Disparitions forcées\u00a0» et ПЫТКИ."
    for match in thesaurus.find(text):
        assert text[match.start : match.end] == match.text
    assert [m.concept_id for m in thesaurus.find(text)] == ["enforced-disappearance", "torture"]


def test_offsets_survive_decomposed_accents_ligatures_and_tashkeel_before_the_match(thesaurus):
    text = "e\u0301te\u0301 ﬁnal ـالتعذيبُ genocide"
    matches = thesaurus.find(text)
    assert [(m.concept_id, m.text) for m in matches] == [("torture", "ـالتعذيبُ"), ("genocide", "genocide")]
    assert all(text[m.start : m.end] == m.text for m in matches)


def test_longest_match_wins_where_matches_overlap(thesaurus):
    assert found(thesaurus, "gender-based persecution") == [("gender-based-persecution", "gender-based persecution")]
    assert found(thesaurus, "sexual slavery") == [("sexual-slavery", "sexual slavery")]


def test_court_names_take_case_endings_but_not_the_generic_plural(thesaurus):
    assert found(thesaurus, "Международном уголовном суде") == [("icc", "Международном уголовном суде")]
    assert found(thesaurus, "international criminal courts and tribunals") == []
    assert found(thesaurus, "международные уголовные суды") == []


def test_generic_bodies_written_in_the_plural_still_match(thesaurus):
    assert found(thesaurus, "before national courts") == [("national-court", "national courts")]
    assert found(thesaurus, "национальных судов") == [("national-court", "национальных судов")]


def test_acronyms_need_capitals_in_documents(thesaurus):
    assert found(thesaurus, "the ICC and the CPI") == [("icc", "ICC"), ("icc", "CPI")]
    assert found(thesaurus, "icc cpi") == []


def test_acronyms_in_lower_case_match_in_a_query(thesaurus):
    assert [m.concept_id for m in thesaurus.find_in_query("icc arrest warrant")] == ["icc", "arrest-warrant"]


def test_query_only_label_is_no_evidence_in_a_document(thesaurus):
    assert found(thesaurus, "una violación de derechos humanos") == []
    assert found(thesaurus, "Amnesty International") == []
    assert [m.concept_id for m in thesaurus.find_in_query("violación")] == ["rape"]


def test_languages_argument_restricts_the_labels_used(thesaurus):
    assert found(thesaurus, "torture et tortura", languages=["es"]) == [("torture", "tortura")]


def test_match_reports_the_language_of_the_label_as_written(thesaurus):
    assert [m.language for m in thesaurus.find("génocide, genocide, genocidio, геноцид, الإبادة الجماعية")] == [
        "fr", "en", "es", "ru", "ar",
    ]


def test_text_without_concepts_gives_no_matches(thesaurus):
    assert thesaurus.find("The weather was fine on Tuesday.") == []
    assert thesaurus.find("") == []


def test_find_in_query_finds_a_concept_named_in_another_language(thesaurus):
    [match] = thesaurus.find_in_query("desaparición forzada")
    assert match.concept_id == "enforced-disappearance" and match.language == "es"


# --- validation --------------------------------------------------------------------------------


def test_unknown_parent_is_rejected():
    with pytest.raises(ThesaurusError, match="parent"):
        small(concept("a", "missing"))


def test_cycle_in_parents_is_rejected():
    with pytest.raises(ThesaurusError, match="cycle"):
        small(concept("a", "b"), concept("b", "a"))


def test_missing_language_is_rejected():
    broken = concept("a")
    del broken["labels"]["ar"]
    with pytest.raises(ThesaurusError, match="missing"):
        small(broken)


def test_unknown_facet_is_rejected():
    with pytest.raises(ThesaurusError, match="facets"):
        small(concept("a", facets=["colour"]))


def test_duplicate_id_is_rejected():
    with pytest.raises(ThesaurusError, match="twice"):
        small(concept("a"), concept("a"))


def test_query_only_must_name_labels_of_the_concept():
    broken = concept("a")
    broken["query_only"] = {"en": ["b"]}
    with pytest.raises(ThesaurusError, match="query_only"):
        small(broken)


def test_ids_must_be_lower_case_hyphenated():
    with pytest.raises(ThesaurusError, match="lower-case"):
        small(concept("Crimes_Against"))


def test_load_thesaurus_reads_a_file_and_names_it_in_errors(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(
        "concepts:\n  - id: a\n    facets: [term]\n    labels: {en: [A], fr: [A], ru: [А], es: [A], ar: [أ]}\n"
    )
    assert load_thesaurus(good).label("a", "ru") == "А"
    bad = tmp_path / "bad.yaml"
    bad.write_text("concepts:\n  - id: a\n    facets: [term]\n    labels: {en: [A]}\n")
    with pytest.raises(ThesaurusError, match="bad.yaml"):
        load_thesaurus(bad)
