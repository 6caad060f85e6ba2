"""XLIFF 2.0 writing and reading without a server: units per paragraph, strict reading, the
check of a translated file against the document."""

from __future__ import annotations

import pytest

from portal.curation.xliff_format import (
    Bundle,
    XliffError,
    document_units,
    read_xliff,
    translated_pages,
    translations_for,
    write_xliff,
)

PAGES = [{"number": 2, "text": "Second page.\n\n  \n\nLast paragraph."}, {"number": 1, "text": "First\nline wrapped."}]
LIMIT = 2**20


def bundle() -> Bundle:
    return Bundle("doc1", "en", "fr", document_units("A title", PAGES))


def translated(b: Bundle) -> Bundle:
    return Bundle(b.doc_id, b.source_language, b.target_language,
                  tuple(type(u)(u.id, u.page, u.source, f"FR {u.source}") for u in b.units))


def test_one_unit_per_paragraph_of_each_page_after_the_title():
    assert [(u.id, u.page, u.source) for u in bundle().units] == [
        ("t", 0, "A title"), ("p1-1", 1, "First\nline wrapped."), ("p2-1", 2, "Second page."), ("p2-2", 2, "Last paragraph.")]


def test_what_we_write_reads_back_and_becomes_pages():
    back = read_xliff(write_xliff(translated(bundle())), LIMIT)
    translations = translations_for(bundle(), back)
    assert translated_pages(bundle().units, translations) == (
        "FR A title", [(1, "FR First\nline wrapped."), (2, "FR Second page.\n\nFR Last paragraph.")])


def test_a_segment_split_by_a_cat_tool_is_joined():
    data = write_xliff(translated(bundle())).replace(
        b"<target>FR Second page.</target>", b"<target>FR Second</target></segment><segment><source/><target>page.</target>")
    assert translations_for(bundle(), read_xliff(data, LIMIT))["p2-1"] == "FR Second page."


@pytest.mark.parametrize("data, code", [
    (b"not xml", "malformed"),
    (b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "malformed"),
    (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>', "not_xliff2"),
    (b"<a>" + b"x" * LIMIT + b"</a>", "too_large"),
])
def test_bad_files_are_refused_before_anything_is_read(data, code):
    with pytest.raises(XliffError) as refused:
        read_xliff(data, LIMIT)
    assert refused.value.code == code


def test_a_duplicated_unit_is_refused():
    data = write_xliff(translated(bundle()))
    data = data.replace(b'<unit id="p2-2">', b'<unit id="p2-1">')
    with pytest.raises(XliffError) as refused:
        read_xliff(data, LIMIT)
    assert (refused.value.code, refused.value.detail) == ("duplicate_unit", "p2-1")


def test_an_added_unit_is_refused():
    extra = Bundle("doc1", "en", "fr", (*translated(bundle()).units, type(bundle().units[0])("p9-1", 9, "x", "y")))
    with pytest.raises(XliffError) as refused:
        translations_for(bundle(), extra)
    assert refused.value.code == "unknown_unit"


def test_a_fragments_file_does_not_pass_for_the_documents_text():
    fragments = Bundle("doc1", "en", "fr", translated(bundle()).units, "fragments")
    with pytest.raises(XliffError) as refused:
        translations_for(bundle(), read_xliff(write_xliff(fragments), LIMIT))
    assert refused.value.code == "wrong_scope"
