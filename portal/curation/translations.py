"""Translators' tools: linking documents as language versions of one text (their shared
`translation_group`, recorded as a correction of both, so it has a history, can be undone and
survives re-ingestion), a worklist per language (documents without a version in it; fragments left in another language,
each markable as fixed or intended), and a side-by-side view of two versions.

Who may link two documents: one who sees both, curates the organisation of one of them or
translates the language of one of them (the usual case: a source and its version in the
translator's language), and may change both: a link is written to both documents, so each must
belong to an organisation the viewer curates or translates for (a curator or translator of one
organisation never changes another's documents); admins link any two. The worklist and the
side-by-side view read through the viewer's access filter.
"""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from sqlalchemy import select

from giai.access import Viewer
from giai.curation import FRAGMENT_MARKS, fragment_digest
from giai.db.curation import FragmentMark
from giai.index_schema import LANGUAGES
from portal.auth.database import database
from portal.auth.forms import ActionForm
from portal.auth.guards import requires
from portal.auth.session import current_viewer
from portal.curation import store
from portal.curation.views import bp
from portal.search import query
from portal.search.curation_queries import fragments_body, worklist_bodies
from portal.state import portal
from portal.views.common import checked_doc_id


def may_translate(viewer: Viewer) -> bool:
    return viewer.is_admin or bool({"translator", "curator"} & viewer.roles)


translator_required = requires(may_translate)


def may_link(viewer: Viewer, source: dict[str, Any]) -> bool:
    """Whether the document is one the viewer works on: their organisation's (as curator) or in
    their language (as translator)."""
    return viewer.curates(source.get("organisation", "")) or viewer.translates(source.get("language", ""))


def may_change(viewer: Viewer, source: dict[str, Any]) -> bool:
    """Whether the viewer may write the document's translation link: it belongs to an
    organisation they curate, or that they translate for."""
    organisation = source.get("organisation", "")
    return viewer.curates(organisation) or ("translator" in viewer.roles and organisation in viewer.organisations)


def visible(doc_id: str, viewer: Viewer) -> dict[str, Any]:
    """The document if the viewer may see it, else 404."""
    source = store.visible_document(checked_doc_id(doc_id), viewer)
    if source is None:
        abort(404)
    return source


def new_group(source: dict[str, Any]) -> str:
    return f"g-{source['id'][:24]}"


@bp.post("/documents/<doc_id>/translations")
@translator_required
def link(doc_id: str):
    """Make the document given in the form field `other` a language version of this one."""
    viewer = current_viewer()
    if not ActionForm().validate_on_submit():
        abort(400)
    source = visible(doc_id, viewer)
    other = visible(request.form.get("other", "").strip(), viewer)
    if not (may_link(viewer, source) or may_link(viewer, other)) or not (may_change(viewer, source) and may_change(viewer, other)):
        abort(404)  # as for any document the viewer may not change: not disclosed
    if other["id"] == source["id"]:
        abort(400)
    group = source.get("translation_group") or other.get("translation_group") or new_group(source)
    with database().session() as session:
        for document in (source, other):
            if document.get("translation_group") != group:
                store.apply_correction(session, viewer, document, "translation_group", group)
    return redirect(url_for("curation.compare", doc_id=source["id"], other_id=other["id"]))


def unmarked_fragments(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each document's fragments that no one has marked yet, each with its digest."""
    ids = [d["id"] for d in documents]
    with database().session() as session:
        marked = {
            (m.doc_id, m.page, m.text_digest)
            for m in session.scalars(select(FragmentMark).where(FragmentMark.doc_id.in_(ids)))
        } if ids else set()
    result = []
    for document in documents:
        fragments = [
            f | {"digest": fragment_digest(f.get("text", ""))} for f in document.get("fragments") or []
        ]
        fragments = [f for f in fragments if (document["id"], f["page"], f["digest"]) not in marked]
        if fragments:
            result.append(document | {"fragments": fragments})
    return result


@bp.post("/documents/<doc_id>/fragments")
@translator_required
def mark_fragment(doc_id: str):
    """Mark one fragment (form fields `page`, `digest`, `mark`) as fixed or intended."""
    viewer = current_viewer()
    if not ActionForm().validate_on_submit():
        abort(400)
    source = visible(doc_id, viewer)
    if not may_link(viewer, source):
        abort(404)
    page, digest, mark = request.form.get("page", ""), request.form.get("digest", ""), request.form.get("mark", "")
    if not page.isdigit() or mark not in FRAGMENT_MARKS or len(digest) != 16:
        abort(400)
    with database().session() as session:
        existing = session.get(FragmentMark, (source["id"], int(page), digest))
        if existing:
            existing.mark, existing.user_id, existing.user_email = mark, viewer.user_id, viewer.email
        else:
            session.add(FragmentMark(doc_id=source["id"], page=int(page), text_digest=digest, mark=mark,
                                     user_id=viewer.user_id, user_email=viewer.email))
    back = request.form.get("back", "")
    return redirect(url_for("curation.worklist", language=back if back in LANGUAGES else source.get("language", "en")))


@bp.get("/translations/<language>")
@translator_required
def worklist(language: str):
    viewer = current_viewer()
    if language not in LANGUAGES:
        abort(404)
    if not (viewer.is_admin or viewer.translates(language) or "curator" in viewer.roles):
        abort(403)
    groups_body, documents_body = worklist_bodies(language)
    service = portal().service
    found = service.read(groups_body, viewer)
    groups = [b["key"] for b in found.get("aggregations", {}).get("groups", {}).get("buckets", [])]
    missing = service.read(documents_body(groups), viewer)["hits"]["hits"]
    mixed = service.read(fragments_body(language), viewer)["hits"]["hits"]
    return render_template(
        "curation/worklist.html",
        language=language,
        missing=[h["_source"] | {"id": h["_id"]} for h in missing],
        fragments=unmarked_fragments([h["_source"] | {"id": h["_id"]} for h in mixed]),
        form=ActionForm(),
    )


def document_pages(doc_id: str, viewer: Viewer) -> dict[str, Any] | None:
    source = ["title", "language", "organisation", "translation_group", "pages.number", "pages.text", "pages.language"]
    hits = portal().service.read(query.visible_body(doc_id, viewer, source), viewer)["hits"]["hits"]
    return hits[0]["_source"] | {"id": doc_id} if hits else None


@bp.get("/documents/<doc_id>/compare/<other_id>")
@translator_required
def compare(doc_id: str, other_id: str):
    """Two versions side by side, page by page (a page missing on one side is left empty)."""
    viewer = current_viewer()
    left = document_pages(checked_doc_id(doc_id), viewer)
    right = document_pages(checked_doc_id(other_id), viewer)
    if left is None or right is None:
        abort(404)
    by_number = [{p["number"]: p for p in d.get("pages") or []} for d in (left, right)]
    numbers = sorted(set(by_number[0]) | set(by_number[1]))
    rows = [(n, by_number[0].get(n), by_number[1].get(n)) for n in numbers]
    return render_template("curation/compare.html", left=left, right=right, rows=rows, form=ActionForm(),
                           linked=bool(left.get("translation_group")) and left.get("translation_group") == right.get("translation_group"))
