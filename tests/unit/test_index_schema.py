from giai.index_schema import (
    FACETS,
    LANGUAGES,
    MAPPINGS,
    concrete_index_name,
    definition_digest,
    document_id,
    version_group,
    with_version_group,
)


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


def test_every_document_gets_a_version_group_its_translations_share():
    assert version_group("a1", "congo-2020") == version_group("b2", "congo-2020") == "t:congo-2020"
    assert version_group("a1", None) != version_group("b2", None)
    migrated = with_version_group("a1", {"id": "a1", "translation_group": "g"})
    assert migrated["version_group"] == "t:g"


def test_the_copies_of_one_file_share_a_version_group_unless_a_translation_group_says_otherwise():
    assert version_group("a1", None, "f00d") == version_group("b2", None, "f00d") == "c:f00d"
    assert version_group("a1", None, "f00d") != version_group("a1", None, "beef")
    assert version_group("a1", "g", "f00d") == "t:g"


def test_a_migration_regroups_documents_by_todays_rule():
    old = {"id": "a1", "content_sha256": "f00d", "version_group": "d:a1"}
    assert with_version_group("a1", old)["version_group"] == "c:f00d"
    assert with_version_group("a1", {"id": "a1"})["version_group"] == "d:a1"
