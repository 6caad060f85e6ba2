"""The portal's parent of a concept is its nearest ancestor in the same facet, as the pipeline files
ancestors: a curator's correction and the pipeline then store the same values."""

from portal.vocabulary import load_vocabularies


def test_a_concept_in_two_facets_has_its_parent_only_in_the_facet_that_holds_it():
    vocab = load_vocabularies()
    assert vocab.parent("crime_type", "gender-based-persecution") == "persecution"
    assert vocab.parent("gender", "gender-based-persecution") is None


def test_a_child_in_one_facet_keeps_its_parent():
    assert load_vocabularies().parent("gender", "crsv") == "sgbv"
