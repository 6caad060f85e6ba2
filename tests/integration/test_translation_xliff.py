"""XLIFF 2.0 round trip and the TBX glossary on the real Elasticsearch and both databases, checked
with translate-toolkit, the library CAT-tool pipelines use: it reads what we export, a file it
writes is imported; every refusal leaves nothing behind."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from sqlalchemy import select
from translate.storage import tbx, xliff2

from giai.db.curation import Correction, FragmentMark
from giai.db.translation import ClaimEvent
from tests.fixtures.auth import csrf_token, portal_app, signed_in
from tests.fixtures.portal.corpus import doc, index_corpus, page

SOURCE_PAGES = [
    page(1, "en", "Report on enforced disappearance.\n\nThe families were not informed."),
    page(2, "en", "Recommendations to the State.\n\nInvestigate every case.\n\nProsecute those responsible."),
]
DOCUMENTS = [
    doc("source-en", "en", "Enforced disappearance in Chechnya", pages=SOURCE_PAGES, access="members",
        crime_type=["enforced-disappearance"], country=["RU"], date="2021-05-01", year=2021),
    doc("other-en", "en", "Another report", pages=[page(1, "en", "Something else.")]),
    doc("mixed-ru", "ru", "Доклад с фрагментами", pages=[page(1, "ru", "Текст."), page(2, "ru", "Ещё текст.")],
        fragments=[{"page": 1, "language": "en", "text": "Key recommendations"}, {"page": 2, "language": "en", "text": "Annex"},
                   {"page": 2, "language": "fr", "text": "Voir l'annexe"}]),
]
RUSSIAN = {
    "Enforced disappearance in Chechnya": "Насильственные исчезновения в Чечне",
    "Report on enforced disappearance.": "Доклад о насильственном исчезновении.",
    "The families were not informed.": "Семьи не были проинформированы.",
    "Recommendations to the State.": "Рекомендации государству.",
    "Investigate every case.": "Расследовать каждый случай.",
    "Prosecute those responsible.": "Привлечь виновных к ответственности.",
}


@pytest.fixture
def app(settings, es, alias, database, database_url, tmp_path, vocabularies):
    index_corpus(es, alias, DOCUMENTS)
    return portal_app(settings, alias, database_url, tmp_path, vocabularies)


@pytest.fixture
def translator(app, database):
    return signed_in(app, database, "ru@example.org", ["translator"], ["fidh"], ["ru"])


def exported(client, doc_id: str = "source-en", target: str = "ru") -> bytes:
    response = client.get(f"/en/documents/{doc_id}/xliff?target={target}")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/xliff+xml"
    return response.get_data()


def translated_by_toolkit(data: bytes, translations: dict[str, str] = RUSSIAN) -> bytes:
    """The file as a CAT tool returns it: translate-toolkit fills every target and writes it."""
    store = xliff2.Xliff2File.parsestring(data)
    for unit in store.units:
        unit.target = translations[unit.source]
        unit.marktranslated()
    return bytes(store)


def upload(client, data: bytes, doc_id: str = "source-en", **fields):
    token = csrf_token(client, f"/en/documents/{doc_id}/translate?target=ru")
    form = {"csrf_token": token, "file": (io.BytesIO(data), "translated.xlf"), **fields}
    return client.post(f"/en/documents/{doc_id}/xliff", data=form, content_type="multipart/form-data")


def test_translate_toolkit_reads_our_export_with_pages_and_languages(translator):
    data = exported(translator)
    store = xliff2.Xliff2File.parsestring(data)
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "ru")
    assert [u.getid() for u in store.units] == ["t", "p1-1", "p1-2", "p2-1", "p2-2", "p2-3"]
    assert [u.source for u in store.units] == list(RUSSIAN)
    root = etree.fromstring(data)
    metas = root.findall(".//{urn:oasis:names:tc:xliff:document:2.0}unit[@id='p2-3']//{urn:oasis:names:tc:xliff:metadata:2.0}meta")
    assert {m.get("type"): m.text for m in metas} == {"document": "source-en", "page": "2"}


def test_a_file_translate_toolkit_wrote_becomes_a_linked_searchable_version(translator, es, alias, database):
    response = upload(translator, translated_by_toolkit(exported(translator)))
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    new_id = response.headers["Location"].rsplit("/", 1)[1]
    es.indices.refresh(index=alias)
    new = es.get(index=alias, id=new_id)["_source"]
    original = es.get(index=alias, id="source-en")["_source"]
    assert new["language"] == "ru" and new["title"] == "Насильственные исчезновения в Чечне"
    assert [p["number"] for p in new["pages"]] == [1, 2]
    assert new["pages"][1]["text"] == "Рекомендации государству.\n\nРасследовать каждый случай.\n\nПривлечь виновных к ответственности."
    assert (new["access"], new["crime_type"], new["translated_by"]) == ("members", ["enforced-disappearance"], "fidh")
    assert new["translation_group"] == original["translation_group"] and new["word_count"] == 17
    hits = es.search(index=alias, query={"nested": {"path": "pages", "query": {"match": {"pages.text_ru": "расследовать"}}}})
    assert [h["_id"] for h in hits["hits"]["hits"]] == [new_id]
    page_html = translator.get(f"/en/documents/{new_id}").get_data(as_text=True)
    assert "/en/documents/source-en" in page_html and "Translation by" in page_html
    with database.session() as session:
        assert session.scalars(select(Correction.doc_id)).all() == ["source-en"]
        assert [e.action for e in session.scalars(select(ClaimEvent))] == ["import"]
    # importing again replaces the version, never duplicates it
    assert upload(translator, translated_by_toolkit(exported(translator))).headers["Location"].endswith(new_id)
    es.indices.refresh(index=alias)
    assert es.count(index=alias, query={"term": {"source.kind": "translation"}})["count"] == 1


def refused(client, data: bytes, es, alias, database, message: str, status: int = 400, **fields) -> None:
    before = es.count(index=alias)["count"]
    response = upload(client, data, **fields)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    es.indices.refresh(index=alias)
    assert es.count(index=alias)["count"] == before
    assert es.get(index=alias, id="source-en")["_source"].get("translation_group") is None
    with database.session() as session:
        assert session.scalars(select(Correction)).all() == [] and session.scalars(select(ClaimEvent)).all() == []


def test_a_file_of_another_document_is_refused(translator, es, alias, database):
    other = translated_by_toolkit(exported(translator, "other-en"), {"Another report": "Другой доклад", "Something else.": "Другое."})
    refused(translator, other, es, alias, database, "belongs to another document")


def test_wrong_languages_are_refused(translator, es, alias, database):
    data = translated_by_toolkit(exported(translator))
    refused(translator, data.replace(b'srcLang="en"', b'srcLang="fr"'), es, alias, database, "source language (fr)")
    refused(translator, data.replace(b'trgLang="ru"', b'trgLang="es"'), es, alias, database, "You do not translate into this language.")


def test_missing_changed_and_untranslated_units_are_refused(translator, es, alias, database):
    data = translated_by_toolkit(exported(translator))
    store = xliff2.Xliff2File.parsestring(data)
    store.removeunit(store.units[2])
    refused(translator, bytes(store), es, alias, database, "segment p1-2 is missing")
    refused(translator, data.replace(b"Investigate every case.", b"Investigate some cases."), es, alias, database,
            "source text of segment p2-2 was changed")
    refused(translator, exported(translator), es, alias, database, "segment t has no translation")


def test_malformed_and_oversized_files_are_refused(translator, es, alias, database, app):
    refused(translator, b"<xliff><unit>", es, alias, database, "not well-formed XLIFF")
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0">&a;</xliff>'
    refused(translator, bomb, es, alias, database, "not well-formed XLIFF")
    refused(translator, b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>', es, alias, database, "not XLIFF 2.0")
    big = b"<!--" + b"x" * (2**20 + 10) + b"-->"
    limited = portal_app_with_limit(app)
    client = signed_in(limited, database, "ru2@example.org", ["translator"], ["fidh"], ["ru"])
    refused(client, big, es, alias, database, "larger than the limit of 1 MB", status=413)


def portal_app_with_limit(app):
    import dataclasses

    from portal import create_app

    state = app.extensions["giai"]
    settings = dataclasses.replace(state.settings, xliff_max_mb=1)
    return create_app({"SETTINGS": settings, "VOCABULARIES": state.vocabularies, "SECRET_KEY": "test secret key"})


def test_export_needs_a_target_language_other_than_the_documents(translator, app, database):
    assert translator.get("/en/documents/source-en/xliff?target=en").status_code == 400
    assert translator.get("/en/documents/source-en/xliff").status_code == 400
    member = signed_in(app, database, "member@example.org", ["member"], ["fidh"])
    assert member.get("/en/documents/source-en/xliff?target=ru").status_code == 403
    assert app.test_client().get("/en/documents/source-en/xliff?target=ru").status_code == 302


def test_import_without_csrf_token_is_rejected(translator):
    data = translated_by_toolkit(exported(translator))
    response = translator.post("/en/documents/source-en/xliff", data={"file": (io.BytesIO(data), "t.xlf")},
                               content_type="multipart/form-data")
    assert response.status_code == 400


def test_the_glossary_is_tbx_that_translate_toolkit_reads_with_the_portals_terms(translator):
    response = translator.get("/en/translations/ru/glossary.tbx")
    assert response.status_code == 200 and response.mimetype == "application/x-tbx+xml"
    store = tbx.tbxfile.parsestring(response.get_data())
    pairs = {(u.source, u.target) for u in store.units}
    assert ("Enforced disappearance", "Насильственное исчезновение") in {(s.capitalize(), t.capitalize()) for s, t in pairs}
    root = etree.fromstring(response.get_data())
    entry = root.find(".//termEntry[@id='enforced-disappearance']")
    assert [ls.get("{http://www.w3.org/XML/1998/namespace}lang") for ls in entry.findall("langSet")] == ["en", "ru"]
    assert translator.get("/en/translations/ru/glossary.tbx?source=xx").status_code == 400


def test_fragments_go_out_and_come_back_into_the_translators_marks(translator, es, alias, database):
    response = translator.get("/en/documents/mixed-ru/xliff?target=ru&fragments=1")
    assert response.status_code == 200 and response.mimetype == "application/xliff+xml"
    store = xliff2.Xliff2File.parsestring(response.get_data())
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "ru")  # the fragments' most common language
    assert [u.source for u in store.units] == ["Key recommendations", "Annex"]
    data = translated_by_toolkit(response.get_data(), {"Key recommendations": "Основные рекомендации", "Annex": "Приложение"})
    answer = upload(translator, data, doc_id="mixed-ru")
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/en/translations/ru")
    with database.session() as session:
        marks = {(m.page, m.mark, m.translation) for m in session.scalars(select(FragmentMark))}
    assert marks == {(1, "fixed", "Основные рекомендации"), (2, "fixed", "Приложение")}
    worklist = translator.get("/en/translations/ru").get_data(as_text=True)
    assert "Key recommendations" not in worklist and "Voir l&#39;annexe" in worklist
    es.indices.refresh(index=alias)
    assert es.count(index=alias)["count"] == len(DOCUMENTS)  # no new document for fragments


def test_a_fragments_file_is_not_a_document_file(translator, es, alias, database):
    fragments = translator.get("/en/documents/mixed-ru/xliff?target=ru&fragments=1&source=fr").get_data()
    data = translated_by_toolkit(fragments, {"Voir l'annexe": "См. приложение"})
    refused(translator, data, es, alias, database, "belongs to another document (mixed-ru)")
    assert translator.get("/en/documents/mixed-ru/xliff?target=en&fragments=1").status_code == 400
    assert translator.get("/en/documents/mixed-ru/xliff?target=ru&fragments=1&source=es").status_code == 400
