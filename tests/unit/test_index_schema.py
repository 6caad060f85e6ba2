from giai.index_schema import FACETS, LANGUAGES, MAPPINGS, concrete_index_name, definition_digest, document_id


def test_document_id_is_stable_and_depends_on_organisation_and_locator():
    assert document_id("fidh", "reports/a.pdf") == document_id("fidh", "reports/a.pdf")
    assert document_id("fidh", "reports/a.pdf") != document_id("redress", "reports/a.pdf")


def test_concrete_index_is_named_after_the_definition():
    assert concrete_index_name("giai") == f"giai-{definition_digest()}"


def test_every_facet_is_a_mapped_field():
    assert all(facet in MAPPINGS["properties"] for facet in FACETS)


def test_each_language_has_a_stemmed_field_with_an_exact_subfield():
    pages = MAPPINGS["properties"]["pages"]["properties"]
    for lang in LANGUAGES:
        assert pages[f"text_{lang}"]["analyzer"] == f"giai_{lang}"
        assert "exact" in pages[f"text_{lang}"]["fields"]
