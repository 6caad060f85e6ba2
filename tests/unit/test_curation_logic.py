"""Curation logic without servers: checking typed values, the index update of a correction
(ancestors and evidence as the pipeline writes them), undo's restore, the pipeline's split, origins."""

from __future__ import annotations

import pytest

from giai import curation
from giai.curation import InvalidValue

PARENTS = {"crime_type": {"persecution": "crimes-against-humanity", "crimes-against-humanity": None, "torture": None}}
KNOWN = {"crime_type": {"persecution", "crimes-against-humanity", "torture"}, "doc_type": {"report", "judgment"}}


def parent(facet, value):
    return PARENTS.get(facet, {}).get(value)


def allows(facet, value):
    return value in KNOWN.get(facet, set())


SOURCE = {
    "id": "d1",
    "organisation": "fidh",
    "title": "Old",
    "title_en": "Old",
    "language": "en",
    "languages": ["en", "fr"],
    "crime_type": ["torture"],
    "evidence": {"crime_type": [{"value": "torture", "source": "rule", "terms": ["torture"]}]},
    "access": "public",
}


def test_facet_values_are_checked_against_the_vocabulary_and_deduplicated():
    assert curation.checked("crime_type", ["torture", " torture", "persecution"], allows) == ["torture", "persecution"]
    with pytest.raises(InvalidValue) as raised:
        curation.checked("crime_type", ["bribery"], allows)
    assert raised.value.code == "unknown_value"


def test_a_document_has_one_type_at_most():
    with pytest.raises(InvalidValue):
        curation.checked("doc_type", ["report", "judgment"], allows)


@pytest.mark.parametrize(
    "field, value",
    [("date", "2020-13-01"), ("date", "2999-01-01"), ("language", "de"), ("access", "secret"), ("title", "  "), ("colour", "x")],
)
def test_bad_scalar_values_are_refused(field, value):
    with pytest.raises(InvalidValue):
        curation.checked(field, value, allows)


def test_a_title_is_stored_with_its_white_space_collapsed():
    assert curation.checked("title", "  A   title ", allows) == "A title"


def test_a_facet_correction_adds_ancestors_and_curator_evidence():
    update = curation.update_for("crime_type", ["persecution"], SOURCE, parent)
    assert update["crime_type"] == ["persecution", "crimes-against-humanity"]
    assert update["evidence"]["crime_type"] == [
        {"value": "persecution", "source": "curator", "terms": []},
        {"value": "crimes-against-humanity", "source": "curator", "terms": [], "via": "persecution"},
    ]


def test_a_title_correction_also_sets_the_title_of_the_documents_language():
    assert curation.update_for("title", "New", SOURCE, parent) == {"title": "New", "title_en": "New"}


def test_a_language_correction_moves_the_title_to_the_new_language_field_and_puts_it_first():
    update = curation.update_for("language", "fr", SOURCE, parent)
    assert update == {"language": "fr", "languages": ["fr", "en"], "title_en": None, "title_fr": "Old"}


def test_a_date_correction_sets_the_year_too():
    assert curation.update_for("date", "2019-05-04", SOURCE, parent)["year"] == 2019


def test_restricting_a_document_restricts_it_to_its_own_organisation_when_no_other_is_named():
    assert curation.update_for("access", "restricted", SOURCE, parent) == {"access": "restricted", "access_orgs": ["fidh"]}


def test_restore_puts_back_the_old_values_and_their_evidence():
    old = SOURCE["evidence"]["crime_type"]
    assert curation.restore_update("crime_type", ["torture"], old, SOURCE, parent) == {
        "crime_type": ["torture"],
        "evidence": {"crime_type": old},
    }
    assert curation.restore_update("date", "", [], SOURCE, parent) == {"date": None, "year": None, "evidence": {"date": []}}


def test_the_pipeline_gets_facets_for_the_classifier_and_the_rest_as_metadata():
    split = curation.for_pipeline({"crime_type": ["torture"], "title": "T", "date": "2020-01-01", "access": "members"})
    assert split.facets == {"crime_type": ("torture",)}
    assert split.metadata == {"title": "T", "date": "2020-01-01", "access": "members"}


def test_origins_come_from_the_evidence_and_a_corrected_field_is_the_curators():
    assert curation.origins("crime_type", SOURCE, corrected=False) == [curation.Origin("torture", "rule", ("torture",))]
    assert curation.origins("crime_type", SOURCE, corrected=True)[0].source == "curator"
    assert curation.origins("title", SOURCE, corrected=False) == [curation.Origin("Old", "source")]


def test_the_form_shows_assigned_values_not_their_ancestors():
    source = {"crime_type": ["persecution", "crimes-against-humanity"],
              "evidence": {"crime_type": [{"value": "persecution"}, {"value": "crimes-against-humanity", "via": "persecution"}]}}
    assert curation.assigned_values("crime_type", source) == ["persecution"]


def test_a_translation_group_is_a_short_plain_id_and_goes_to_the_pipeline_as_metadata():
    assert curation.checked("translation_group", "congo-2020", allows) == "congo-2020"
    with pytest.raises(InvalidValue):
        curation.checked("translation_group", "two words", allows)
    assert curation.update_for("translation_group", "congo-2020", SOURCE, parent) == {
        "translation_group": "congo-2020", "version_group": "t:congo-2020"}
    assert curation.update_for("translation_group", "", SOURCE, parent)["version_group"] == "d:d1"
    assert curation.for_pipeline({"translation_group": "congo-2020"}).metadata == {"translation_group": "congo-2020"}


def test_a_fragments_digest_ignores_white_space_and_changes_with_its_words():
    assert curation.fragment_digest("Key  recommendations\n") == curation.fragment_digest("Key recommendations")
    assert curation.fragment_digest("Key recommendations") != curation.fragment_digest("Key findings")
    assert len(curation.fragment_digest("x")) == 16
