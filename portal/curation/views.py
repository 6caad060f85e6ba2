"""Editing a document's metadata, its history and undo.

Only curators (of the document's organisation) and admins: anonymous visitors are sent to sign in,
other roles get 403 on every curation page, and a document the curator may not edit (another
organisation's, or one they cannot see) is 404, so its existence is not disclosed.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from giai import curation
from giai.access import Viewer
from giai.db.curation import Change
from giai.db.translation import events_of
from portal.auth.audit import audit
from portal.auth.database import database
from portal.auth.forms import ActionForm
from portal.auth.guards import requires
from portal.auth.session import current_viewer
from portal.curation import store
from portal.curation.forms import EditForm, WithdrawForm
from portal.localised import CASE_TYPES, localised_blueprint
from portal.state import portal
from portal.views.common import checked_doc_id, locale_code

bp = localised_blueprint("curation", __name__)


def is_curator(viewer: Viewer) -> bool:
    return viewer.is_admin or "curator" in viewer.roles


curator_required = requires(is_curator)


def access_labels() -> dict[str, str]:
    # TRANSLATORS: who may see a document: everyone, signed-in members, or its organisations only.
    return {"public": _("Public"), "members": _("Members only"), "restricted": _("Restricted")}


def origin_labels() -> dict[str, str]:
    return {
        # TRANSLATORS: where a metadata value came from, shown beside it: set by a curator, in the
        # source's metadata, found by a classification rule, or read from the document itself.
        "curator": _("curator"),
        "metadata": _("source metadata"),
        "rule": _("rule"),
        "source": _("source document"),
    }


def field_labels() -> dict[str, str]:
    return {
        "title": _("Title"),
        "doc_type": _("Document type"),
        "crime_type": _("Crime types"),
        "gender": _("Gender dimensions"),
        "country": _("Countries"),
        "body": _("Court or body"),
        "date": _("Date"),
        # TRANSLATORS: the language most of the document is written in (it may contain others).
        "language": _("Main language"),
        "access": _("Access"),
        # TRANSLATORS: the set of documents that are language versions of one text.
        "translation_group": _("Translation group"),
        "case_name": _("Case name"),
        "case_numbers": _("Case number"),
        "ecli": _("ECLI"),
        "decided": _("Decision date"),
        "chamber": _("Chamber or formation"),
        "court": _("Court of the case"),
        "parties": _("Parties or accused"),
        "case_type": _("Type of act"),
    }


def _choices(facet: str) -> list[tuple[str, str]]:
    vocab, locale = portal().vocabularies, locale_code()
    return [(v, vocab.label(facet, v, locale)) for v in vocab.values(facet)]


def edit_form(source: dict) -> EditForm:
    """The form, filled with the document's current values (assigned values, not ancestors)."""
    date, decided = source.get("date"), source.get("decided")
    form = EditForm(
        data={
            "title": curation.current_value("title", source),
            "doc_type": (curation.assigned_values("doc_type", source) or [""])[0],
            "crime_type": curation.assigned_values("crime_type", source),
            "gender": curation.assigned_values("gender", source),
            "country": curation.assigned_values("country", source),
            "body": curation.assigned_values("body", source),
            "date": dt.date.fromisoformat(date[:10]) if date else None,
            "language": source.get("language", ""),
            "access": source.get("access", ""),
            **{f: curation.current_value(f, source) for f in ("case_name", "ecli", "chamber", "court", "case_type")},
            **{f: "\n".join(curation.current_value(f, source)) for f in ("case_numbers", "parties")},
            "decided": dt.date.fromisoformat(decided[:10]) if decided else None,
        }
        if request.method == "GET"
        else None
    )
    form.doc_type.choices = [("", "—"), *_choices("doc_type")]
    for facet in ("crime_type", "gender", "country", "body"):
        getattr(form, facet).choices = _choices(facet)
    form.language.choices = _choices("language")
    form.access.choices = list(access_labels().items())
    form.court.choices = [("", "—"), *_choices("court")]
    form.case_type.choices = [("", "—"), *((k, str(v)) for k, v in CASE_TYPES.items())]
    return form


def submitted(form: EditForm) -> dict[str, object]:
    """field → typed value, in the stored form of a correction."""
    values: dict[str, object] = {
        "title": form.title.data or "",
        "doc_type": [form.doc_type.data] if form.doc_type.data else [],
        "date": form.date.data.isoformat() if form.date.data else "",
        "language": form.language.data or "",
        "access": form.access.data or "",
        "decided": form.decided.data.isoformat() if form.decided.data else "",
        **{f: getattr(form, f).data or "" for f in ("case_name", "case_numbers", "ecli", "chamber", "court", "parties", "case_type")},
    }
    for facet in ("crime_type", "gender", "country", "body"):
        values[facet] = list(getattr(form, facet).data or [])
    return values


def changed_fields(source: dict, values: dict[str, object]) -> dict[str, object]:
    """The fields whose submitted value differs from the document's, checked; an emptied date is
    not a correction (a date cannot be removed by a curator, only corrected)."""
    vocab = portal().vocabularies
    changes = {}
    for field, value in values.items():
        if field in ("date", "decided") and not value:
            continue
        current = (
            curation.assigned_values(field, source) if field in curation.FACET_FIELDS else curation.current_value(field, source)
        )
        value = curation.checked(field, value, vocab.allows)
        unchanged = sorted(current) == sorted(value) if field in curation.FACET_FIELDS else value == current
        if not unchanged:
            changes[field] = value
    return changes


def field_views(source: dict, corrections: dict) -> list[store.FieldView]:
    views = []
    for field in curation.FIELDS:
        found = corrections.get(field)
        views.append(
            store.FieldView(
                name=field,
                origins=curation.origins(field, source, corrected=found is not None),
                corrected_by=found[1] if found else "",
                corrected_at=found[0].updated_at if found else None,
            )
        )
    return views


def value_label(field: str, value: object) -> str:
    """A stored value as the page shows it, in the page's language."""
    vocab, locale = portal().vocabularies, locale_code()
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(vocab.label(field, str(v), locale) for v in value)
    if field == "language":
        return vocab.label("language", str(value), locale)
    if field == "access":
        return access_labels().get(str(value), str(value))
    if field == "court":
        return vocab.label("court", str(value), locale)
    if field == "case_type":
        return str(CASE_TYPES.get(str(value), value))
    return str(value)


def _editable(doc_id: str) -> dict:
    source = store.editable_document(checked_doc_id(doc_id), current_viewer())
    if source is None:
        abort(404)
    return source


@bp.route("/documents/<doc_id>/edit", methods=["GET", "POST"])
@curator_required
def edit(doc_id: str):
    source = _editable(doc_id)
    form = edit_form(source)
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            changes = changed_fields(source, submitted(form))
        except curation.InvalidValue as exc:
            errors.append(_("%(field)s: this value cannot be used.", field=field_labels().get(exc.field, exc.field)))
        else:
            with database().session() as session:
                for field, value in changes.items():
                    store.apply_correction(session, current_viewer(), source, field, value)
                    source = store.visible_document(doc_id, current_viewer()) or source
            if changes:
                audit("curation_edit", doc_id, {"fields": sorted(changes)})
            return redirect(url_for("curation.edit", doc_id=doc_id, saved=len(changes)))
    with database().session() as session:
        corrections = store.corrections_of(session, doc_id)
    status = 400 if request.method == "POST" else 200
    return (
        render_template(
            "curation/edit.html",
            doc=source,
            form=form,
            errors=errors,
            fields=field_views(source, corrections),
            field_labels=field_labels(),
            origin_labels=origin_labels(),
            value_label=value_label,
            saved=request.args.get("saved", type=int),
            withdraw_form=WithdrawForm(formdata=None),
        ),
        status,
    )


@bp.get("/documents/<doc_id>/history")
@curator_required
def history(doc_id: str):
    source = _editable(doc_id)
    with database().session() as session:
        changes = store.history_of(session, doc_id)
        claim_events = events_of(session, doc_id)
    return render_template(
        "curation/history.html",
        doc=source,
        changes=changes,
        claim_events=claim_events,
        undoable=store.latest_change_ids(changes),
        form=ActionForm(),
        field_labels=field_labels(),
        value_label=value_label,
    )


@bp.post("/documents/<doc_id>/history/<int:change_id>/undo")
@curator_required
def undo(doc_id: str, change_id: int):
    source = _editable(doc_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    with database().session() as session:
        change = session.get(Change, change_id)
        if change is None or change.doc_id != source["id"]:
            abort(404)
        if change.id not in store.latest_change_ids(store.history_of(session, doc_id)):
            abort(409)  # a later change of the same field would be clobbered
        store.apply_correction(session, current_viewer(), source, change.field, None, undoes=change)
    audit("curation_edit", doc_id, {"fields": [change.field], "undoes": change_id})
    return redirect(url_for("curation.history", doc_id=doc_id))
