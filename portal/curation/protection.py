"""Curators' and translators' pages for the people in their organisation's documents: protected
names (for one document and its translations, or the whole collection), the names the pipeline
proposes (applied only when accepted), whether an original file is safe to share, and the pages'
content notes (the rules' evidence shown; a curator confirms, adds or removes a flag).

Every change is written to the database and applied to the index at once (giai/protection_changes.py,
giai/protection_index.py), and recorded in the documents' curation history.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from giai.access import Viewer
from giai.content_notes import apply_content_notes
from giai.db.curation import Change
from giai.db.protection import CandidateDecision, ContentNoteMark, ProtectedNameRow, SafeOriginal
from giai.protected_names import ROLES
from giai.protection_changes import ProtectionError, organisation_names, protect, unprotect
from portal.auth.database import database
from portal.auth.forms import ActionForm
from portal.auth.guards import requires
from portal.auth.session import current_viewer
from portal.curation import store
from portal.curation.views import bp
from portal.search import query
from portal.state import portal
from portal.views.common import checked_doc_id


def may_protect(viewer: Viewer) -> bool:
    return viewer.is_admin or bool({"curator", "translator"} & set(viewer.roles))


protector_required = requires(may_protect)


def protects(viewer: Viewer, organisation: str) -> bool:
    """Curators and translators of an organisation protect the people in its documents."""
    return viewer.is_admin or (may_protect(viewer) and organisation in viewer.organisations)


def role_labels() -> dict[str, str]:
    return {"victim": _("Victim"), "witness": _("Witness"), "relative": _("Relative"), "person": _("Person")}


class NameForm(FlaskForm):
    spellings = TextAreaField(_l("Name, then other spellings and transliterations, one per line"),
                              validators=[DataRequired(), Length(max=2000)])
    role = SelectField(_l("Role"), choices=[(r, r) for r in ROLES])
    scope = RadioField(_l("Protect in"), choices=[("document", _l("this document and its translations")),
                                                  ("organisation", _l("every document of the organisation"))],
                       default="document")


class CandidateForm(FlaskForm):
    name = HiddenField(validators=[DataRequired(), Length(max=200)])
    decision = HiddenField(validators=[DataRequired()])
    role = SelectField(_l("Role"), choices=[(r, r) for r in ROLES])


def _document(doc_id: str) -> dict:
    """The whole indexed document (pages included) if the viewer protects its organisation, else 404."""
    viewer = current_viewer()
    body = query.visible_body(checked_doc_id(doc_id), viewer, {"excludes": ["protected_text"]})
    hits = portal().service.read(body, viewer)["hits"]["hits"]
    if not hits or not protects(viewer, hits[0]["_source"].get("organisation", "")):
        abort(404)
    return hits[0]["_source"] | {"id": hits[0]["_id"]}


@bp.get("/documents/<doc_id>/protection")
@protector_required
def protection(doc_id: str):
    return _render(_document(doc_id), NameForm(formdata=None))


def _render(source: dict, form: NameForm, status: int = 200):
    organisation = source.get("organisation", "")
    with database().session() as session:
        rows = [r for r in session.scalars(select(ProtectedNameRow).where(ProtectedNameRow.organisation == organisation)
                                           .order_by(ProtectedNameRow.id))
                if r.as_name().applies_to(source)]
        decided = {d.name for d in session.scalars(select(CandidateDecision).where(CandidateDecision.doc_id == source["id"]))}
        marks = {m.page: m.flagged for m in session.scalars(select(ContentNoteMark).where(ContentNoteMark.doc_id == source["id"]))}
        safe = session.get(SafeOriginal, source["id"]) is not None
    protection = source.get("protection") or {}
    candidates = [c for c in protection.get("candidates") or [] if c["name"] not in decided]
    evidence = {e["page"]: e for e in apply_content_notes({"pages": source.get("pages") or []})["content_notes"]}
    pages = [{"number": p.get("number"), "flagged": bool(p.get("content_note")), "mark": marks.get(p.get("number")),
              "terms": evidence.get(p.get("number"), {}).get("terms", [])} for p in source.get("pages") or []]
    pseudonyms = {n["id"]: n["pseudonym"] for n in protection.get("names") or []}
    return render_template("curation/protection.html", doc=source, rows=rows, pseudonyms=pseudonyms, form=form,
                           candidates=candidates, candidate_form=CandidateForm(formdata=None), pages=pages, safe=safe,
                           action=ActionForm(), role_labels=role_labels()), status


@bp.post("/documents/<doc_id>/protection/names")
@protector_required
def add_name(doc_id: str):
    source = _document(doc_id)
    form = NameForm()
    if not form.validate_on_submit():
        return _render(source, form, 400)
    viewer = current_viewer()
    try:
        with database().session() as session:
            protect(session, store.reprotect_as(viewer), store.group_of_as(viewer), organisation=source["organisation"],
                    spellings=form.spellings.data.splitlines(), role=form.role.data,
                    doc_id=source["id"] if form.scope.data == "document" else None,
                    user_id=viewer.user_id, user_email=viewer.email)
    except ProtectionError as exc:
        form.spellings.errors = [str(exc)]
        return _render(source, form, 400)
    return redirect(url_for("curation.protection", doc_id=doc_id))


@bp.post("/documents/<doc_id>/protection/names/<int:name_id>/remove")
@protector_required
def remove_name(doc_id: str, name_id: int):
    source = _document(doc_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    viewer = current_viewer()
    with database().session() as session:
        row = session.get(ProtectedNameRow, name_id)
        if row is None or row.organisation != source["organisation"]:
            abort(404)
        unprotect(session, store.reprotect_as(viewer), name_id, user_id=viewer.user_id, user_email=viewer.email)
    return redirect(url_for("curation.protection", doc_id=doc_id))


@bp.post("/documents/<doc_id>/protection/candidates")
@protector_required
def decide_candidate(doc_id: str):
    """Accept a proposed name (protected in this document) or dismiss it."""
    source = _document(doc_id)
    form = CandidateForm()
    proposed = {c["name"] for c in (source.get("protection") or {}).get("candidates") or []}
    if not form.validate_on_submit() or form.name.data not in proposed or form.decision.data not in ("protected", "dismissed"):
        abort(400)
    viewer = current_viewer()
    with database().session() as session:
        session.add(CandidateDecision(doc_id=source["id"], name=form.name.data, organisation=source["organisation"],
                                      decision=form.decision.data, user_id=viewer.user_id))
        if form.decision.data == "protected":
            protect(session, store.reprotect_as(viewer), store.group_of_as(viewer), organisation=source["organisation"],
                    spellings=[form.name.data], role=form.role.data, doc_id=source["id"], user_id=viewer.user_id,
                    user_email=viewer.email)
    return redirect(url_for("curation.protection", doc_id=doc_id))


@bp.post("/documents/<doc_id>/protection/safe")
@protector_required
def mark_safe(doc_id: str):
    """Mark the original file safe to share with every viewer of the document, or not."""
    source = _document(doc_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    safe = request.form.get("safe") == "1"
    viewer = current_viewer()
    with database().session() as session:
        existing = session.get(SafeOriginal, source["id"])
        if safe and existing is None:
            session.add(SafeOriginal(doc_id=source["id"], organisation=source["organisation"], user_id=viewer.user_id))
        elif not safe and existing is not None:
            session.delete(existing)
        session.add(Change(doc_id=source["id"], organisation=source["organisation"], field="original_safe",
                           old_value=existing is not None, new_value=safe, user_id=viewer.user_id, user_email=viewer.email))
        session.flush()
        portal().service.update(source["id"], {"protection": {"safe": safe}})
    return redirect(url_for("curation.protection", doc_id=doc_id))


@bp.post("/documents/<doc_id>/protection/pages/<int:page>")
@protector_required
def flag_page(doc_id: str, page: int):
    """A curator's verdict on a page's content note: flagged, not flagged, or back to the rules."""
    source = _document(doc_id)
    if not ActionForm().validate_on_submit() or page not in {p.get("number") for p in source.get("pages") or []}:
        abort(400)
    verdict = request.form.get("flagged")
    viewer = current_viewer()
    with database().session() as session:
        mark = session.get(ContentNoteMark, (source["id"], page))
        if mark is not None:
            session.delete(mark)
        if verdict in ("1", "0"):
            session.add(ContentNoteMark(doc_id=source["id"], page=page, organisation=source["organisation"],
                                        flagged=verdict == "1", user_id=viewer.user_id, user_email=viewer.email))
        session.add(Change(doc_id=source["id"], organisation=source["organisation"], field="content_note",
                           old_value=mark.flagged if mark else None, new_value={"1": True, "0": False}.get(verdict),
                           user_id=viewer.user_id, user_email=viewer.email))
        session.flush()
        marks = {m.page: m.flagged for m in session.scalars(select(ContentNoteMark).where(ContentNoteMark.doc_id == source["id"]))}
        noted = apply_content_notes({"pages": _original_pages(source)}, marks)
        flags = {p["number"]: p["content_note"] for p in noted["pages"]}
        pages = [{**p, "content_note": flags.get(p.get("number"), False)} for p in source.get("pages") or []]
        portal().service.update(source["id"], {"pages": pages, "content_notes": noted["content_notes"]})
    return redirect(url_for("curation.protection", doc_id=doc_id))


def _original_pages(source: dict) -> list[dict]:
    """The pages as the rules judge them (original text, where names are protected)."""
    originals = source.get("protected_text")
    pages = source.get("pages") or []
    if not originals:
        return pages
    return [{**p, "text": text} for p, text in zip(pages, originals, strict=False)]


@bp.get("/curation/protected-names")
@protector_required
def organisation_protection():
    """The names each of the viewer's organisations protects in its whole collection, and the
    proposed names waiting in its documents."""
    viewer = current_viewer()
    organisations = sorted(viewer.organisations) if not viewer.is_admin else portal().vocabularies.values("organisation")
    with database().session() as session:
        names = {org: [n for n in organisation_names(session, org)] for org in organisations if protects(viewer, org)}
        decided = {(d.doc_id, d.name) for d in session.scalars(select(CandidateDecision))}
    body = {"query": {"bool": {"filter": [{"terms": {"organisation": list(names)}}]}},
            "_source": ["id", "title", "organisation", "protection.candidates"], "size": 500}
    waiting = []
    for hit in portal().service.read(body, viewer)["hits"]["hits"]:
        for c in (hit["_source"].get("protection") or {}).get("candidates") or []:
            if (hit["_id"], c["name"]) not in decided:
                waiting.append({"doc_id": hit["_id"], "title": hit["_source"].get("title"), **c})
    return render_template("curation/protected_names.html", names=names, waiting=waiting, role_labels=role_labels())
