"""XLIFF round trip with the CAT tools translators use: export a document as XLIFF 2.0 for a target
language, import the translated file back as a new document of the translation group.

An import is checked whole before anything is written (xliff_format.translations_for). Then the
new version is indexed (id derived from the original and the language, so importing again
replaces it), with the original's metadata and access, `translated_by` the translator's
organisation; the original joins a translation group if it had none (a recorded correction, so
it survives re-ingestion and is in its history); the import is a line of the history. If a
later step fails, the earlier ones are undone: nothing half-imported remains.

`?fragments=1` exports instead the document's fragments left in another language (those no one
has marked yet), to translate into the document's own language; their file, imported, records
each translation in the translators' marks (the fragment is then `fixed`), in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from giai import curation
from giai.access import Viewer
from giai.db.curation import FragmentMark
from giai.db.translation import TranslationClaim, record_import
from giai.index_schema import LANGUAGES, count_words, document_id, version_group
from giai.protection_changes import organisation_names
from giai.protection_index import reprotected
from portal.auth.database import database
from portal.auth.forms import ActionForm
from portal.auth.session import current_viewer
from portal.curation import store
from portal.curation.translations import (
    document_pages,
    may_change,
    may_link,
    new_group,
    translator_required,
    unmarked_fragments,
    visible,
)
from portal.curation.views import bp
from portal.curation.xliff_format import (
    FRAGMENTS,
    MEDIA_TYPE,
    Bundle,
    XliffError,
    document_units,
    fragment_units,
    read_xliff,
    translated_pages,
    translations_for,
    write_xliff,
)
from portal.search import query
from portal.state import portal

# What a translation copies from its original: its classification and access.
COPIED_FIELDS = ("organisation", "access", "access_orgs", "crime_type", "gender", "country", "doc_type", "body",
                 "date", "year", "evidence", "summary")


def xliff_message(error: XliffError) -> str:
    d = error.detail
    messages = {
        "too_large": _("The file is larger than the limit of %(mb)s MB.", mb=portal().settings.xliff_max_mb),
        "malformed": _("The file is not well-formed XLIFF: %(detail)s.", detail=d),
        "not_xliff2": _("The file is not XLIFF 2.0. Export it from your CAT tool as XLIFF 2.0."),
        "wrong_document": _("The file belongs to another document (%(detail)s).", detail=d or "?"),
        "wrong_source_language": _("The file's source language (%(detail)s) is not this document's.", detail=d or "?"),
        "wrong_target_language": _("The file's target language (%(detail)s) is not the one chosen.", detail=d or "?"),
        "missing_unit": _("The segment %(detail)s is missing from the file.", detail=d),
        "unknown_unit": _("The segment %(detail)s is not part of this document.", detail=d),
        "duplicate_unit": _("The segment %(detail)s appears twice in the file.", detail=d),
        "changed_unit": _("The source text of segment %(detail)s was changed, or the document changed since the export.", detail=d),
        "untranslated_unit": _("The segment %(detail)s has no translation.", detail=d),
        "bad_target": _("Choose a target language other than the document's."),
        "not_your_language": _("You do not translate into this language."),
        "claimed": _("Another translator holds the claim on this document for this language."),
        "no_file": _("Choose the translated XLIFF file to import."),
        "fragments_target": _("Fragments are translated into the document's own language."),
        "no_fragments": _("This document has no unmarked fragment in that language."),
        "wrong_scope": _("The file holds the document's fragments where its text was expected, or the reverse."),
    }
    return messages.get(error.code, error.code)


def checked_target(viewer: Viewer, source: dict[str, Any], target: str) -> str:
    if target not in LANGUAGES or target == source.get("language"):
        raise XliffError("bad_target", target[:10])
    if not (viewer.translates(target) or viewer.curates(source.get("organisation", ""))):
        raise XliffError("not_your_language", target)
    return target


def bundle_of(doc: dict[str, Any], target: str) -> Bundle:
    return Bundle(doc["id"], doc.get("language", ""), target, document_units(doc.get("title", ""), doc.get("pages") or []))


def translation_id(original: dict[str, Any], target: str) -> str:
    """The id of `original`'s translation into `target`: the same for every import of it."""
    return document_id(original.get("organisation", ""), f"translation:{original['id']}:{target}")


def translator_organisation(viewer: Viewer, original: dict[str, Any]) -> str:
    """The organisation the translation is credited to: the original's when the translator belongs
    to it, else the translator's first."""
    if original.get("organisation") in viewer.organisations:
        return original["organisation"]
    return sorted(viewer.organisations)[0] if viewer.organisations else ""


def translation_source(original: dict[str, Any], target: str, title: str, pages: list[tuple[int, str]], group: str,
                       translated_by: str) -> dict[str, Any]:
    """The indexed document of a translation (the index schema's shape)."""
    new_id = translation_id(original, target)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    body = {field: original[field] for field in COPIED_FIELDS if original.get(field) not in (None, "", [])}
    body.update({
        "id": new_id,
        "source": {"kind": "translation", "locator": f"xliff:{original['id']}:{target}"},
        "indexed_at": now,
        "status": "indexed",
        "title": title or original.get("title", ""),
        f"title_{target}": title or original.get("title", ""),
        "pages": [{"number": n, "language": target, "text": text, f"text_{target}": text} for n, text in pages],
        "page_count": len(pages),
        "word_count": count_words(text for _, text in pages),
        "language": target,
        "languages": [target],
        "mixed_language": False,
        "translation_group": group,
        "version_group": version_group(new_id, group),
    })
    if translated_by:
        body["translated_by"] = translated_by
    return body


def held_by_other(viewer: Viewer, doc_id: str, target: str, organisation: str) -> bool:
    with database().session() as session:
        held = session.get(TranslationClaim, (doc_id, target))
    return held is not None and held.user_id != viewer.user_id and not viewer.curates(organisation)


def import_translation(viewer: Viewer, original: dict[str, Any], received: Bundle, target: str) -> str:
    """Check the file `received` against `original` and store the translation; its id. XliffError when refused."""
    target = checked_target(viewer, original, target or received.target_language.lower())
    if held_by_other(viewer, original["id"], target, original.get("organisation", "")):
        raise XliffError("claimed")
    expected = bundle_of(original, target)
    translations = translations_for(expected, received)
    title, pages = translated_pages(expected.units, translations)
    group = original.get("translation_group") or new_group(original)
    source = translation_source(original, target, title, pages, group, translator_organisation(viewer, original))
    with database().session() as session:
        if original.get("translation_group") != group:
            store.apply_correction(session, viewer, original, "translation_group", group)
        record_import(session, original["id"], target, viewer.email)
        session.flush()
        # The organisation's protected names never reach the index unprotected, in a translation neither.
        protected = dict(reprotected([{"_id": source["id"], "_source": source}], organisation_names(session, source["organisation"])))
        try:
            portal().service.replace(source["id"], protected.get(source["id"], source))
        except BaseException:
            if original.get("translation_group") != group:  # the index took the link already: take it back
                store.update_index(original["id"], curation.update_for("translation_group", original.get("translation_group"),
                                                                       original, store.parent_of))
            raise
    return source["id"]


def fragments_of(doc_id: str, viewer: Viewer) -> list[dict[str, Any]]:
    """The document's fragments in another language that no one has marked yet (with digests)."""
    body = query.visible_body(doc_id, viewer, ["title", "language", "organisation", "fragments"])
    hits = portal().service.read(body, viewer)["hits"]["hits"]
    found = unmarked_fragments([hits[0]["_source"] | {"id": doc_id}]) if hits else []
    return found[0]["fragments"] if found else []


def fragments_bundle(doc: dict[str, Any], fragments: list[dict[str, Any]], source_language: str) -> Bundle:
    """The fragments in `source_language`, to translate into the document's language."""
    chosen = [f for f in fragments if f.get("language") == source_language]
    if not chosen:
        raise XliffError("no_fragments", source_language[:10])
    return Bundle(doc["id"], source_language, doc.get("language", ""), fragment_units(chosen), FRAGMENTS)


def most_common_language(fragments: list[dict[str, Any]]) -> str:
    languages = [f.get("language", "") for f in fragments]
    return max(dict.fromkeys(languages), key=languages.count) if languages else ""


def checked_fragments_target(viewer: Viewer, doc: dict[str, Any], target: str) -> None:
    """Fragments are translated into the document's own language, by a translator of it."""
    if target != doc.get("language"):
        raise XliffError("fragments_target", target[:10])
    if not may_link(viewer, doc):
        raise XliffError("not_your_language", target[:10])


def import_fragments(viewer: Viewer, doc: dict[str, Any], received: Bundle) -> None:
    """Record each fragment's translation in the translators' marks (the fragment is then fixed)."""
    if received.doc_id != doc["id"]:
        raise XliffError("wrong_document", received.doc_id)
    checked_fragments_target(viewer, doc, received.target_language.lower())
    expected = fragments_bundle(doc, fragments_of(doc["id"], viewer), received.source_language.lower())
    translations = translations_for(expected, received)
    with database().session() as session:
        for unit in expected.units:
            digest = unit.id.split("-", 1)[1]
            mark = session.get(FragmentMark, (doc["id"], unit.page, digest)) or FragmentMark(
                doc_id=doc["id"], page=unit.page, text_digest=digest)
            mark.mark, mark.translation, mark.user_id, mark.user_email = "fixed", translations[unit.id], viewer.user_id, viewer.email
            session.add(mark)
        record_import(session, doc["id"], expected.target_language, viewer.email)


def xliff_page(doc: dict[str, Any], target: str, errors: list[str], status: int = 200):
    return render_template("curation/xliff.html", doc=doc, target=target, errors=errors, form=ActionForm(),
                           limit_mb=portal().settings.xliff_max_mb, languages_out=[lang for lang in LANGUAGES if lang != doc.get("language")]), status


@bp.get("/documents/<doc_id>/translate")
@translator_required
def translate(doc_id: str):
    """The page to export the document for a CAT tool and import the translation."""
    doc = visible(doc_id, current_viewer())
    return xliff_page(doc, request.args.get("target", ""), [])


@bp.get("/documents/<doc_id>/xliff")
@translator_required
def export(doc_id: str):
    """The document as XLIFF 2.0 for `?target=<language>`."""
    viewer = current_viewer()
    doc = visible(doc_id, viewer)
    target = request.args.get("target", "")
    try:
        if request.args.get("fragments"):
            checked_fragments_target(viewer, doc, target)
            fragments = fragments_of(doc["id"], viewer)
            bundle = fragments_bundle(doc, fragments, request.args.get("source") or most_common_language(fragments))
        else:
            bundle = bundle_of(document_pages(doc["id"], viewer) or abort(404), checked_target(viewer, doc, target))
    except XliffError as refused:
        return xliff_page(doc, "", [xliff_message(refused)], 400)
    body = write_xliff(bundle)
    name = f"{doc['id']}.{bundle.scope}.{bundle.source_language}-{bundle.target_language}.xlf"
    return Response(body, mimetype=MEDIA_TYPE, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.post("/documents/<doc_id>/xliff")
@translator_required
def import_xliff(doc_id: str):
    """Import a translated XLIFF (form field `file`, optional `target`) as a new version."""
    viewer, settings = current_viewer(), portal().settings
    request.max_content_length = settings.xliff_max_mb * 2**20 + 64 * 1024
    try:
        valid = ActionForm().validate_on_submit()
        upload = request.files.get("file")
    except RequestEntityTooLarge:
        doc = visible(doc_id, viewer)
        return xliff_page(doc, "", [xliff_message(XliffError("too_large"))], 413)
    if not valid:
        abort(400)
    original = visible(doc_id, viewer)
    if not (may_change(viewer, original) or may_link(viewer, original)):
        abort(404)  # as for any document the viewer may not change
    target = request.form.get("target", "")
    try:
        if upload is None or not upload.filename:
            raise XliffError("no_file")
        received = read_xliff(upload.read(), settings.xliff_max_mb * 2**20)
        if received.scope == FRAGMENTS:
            import_fragments(viewer, original, received)
            return redirect(url_for("curation.worklist", language=original.get("language", "en")))
        if not may_change(viewer, original):
            abort(404)
        full = document_pages(original["id"], viewer) or abort(404)
        new_id = import_translation(viewer, original | {"pages": full.get("pages") or []}, received, target)
    except XliffError as refused:
        return xliff_page(original, target, [xliff_message(refused)], 413 if refused.code == "too_large" else 400)
    return redirect(url_for("documents.document", doc_id=new_id))
