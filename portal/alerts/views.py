"""Saving a search (a form on the results page), the list of one's saved searches, and the
unsubscribe link of the e-mails, which needs no sign-in: its token is the key."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from giai.db.saved_searches import FREQUENCIES, MAX_NAME_CHARS, MAX_QUERY_CHARS, SavedSearch
from portal.auth.database import database
from portal.auth.guards import signed_in_required
from portal.auth.session import current_viewer
from portal.localised import localised_blueprint
from portal.search.params import InvalidParams, ParamError, SearchParams
from portal.state import portal
from portal.views.common import locale_code

bp = localised_blueprint("alerts", __name__)


def checked_search(query: str) -> SearchParams:
    """The saved URL arguments as a search, or InvalidParams (a 400 naming the problem)."""
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidParams([ParamError("query", "too_long", {"max": MAX_QUERY_CHARS, "length": len(query)})])
    state = portal()
    return SearchParams.from_args(MultiDict(parse_qsl(query)), state.vocabularies, state.settings.portal_page_size)


@bp.post("/alerts")
@signed_in_required
def save():
    """Save the search of the form's `query` (its URL arguments) with a `frequency` of e-mails."""
    frequency = request.form.get("frequency", "")
    if frequency not in FREQUENCIES:
        raise InvalidParams([ParamError("frequency", "unknown_value", {"values": [frequency[:20]]})])
    params = checked_search(request.form.get("query", ""))
    name = " ".join(request.form.get("name", "").split())[:MAX_NAME_CHARS] or params.q or _("All documents")
    with database().session() as session:
        session.add(SavedSearch(user_id=current_viewer().user_id, name=name, query=urlencode(params.to_args(), doseq=True),
                                frequency=frequency, locale=locale_code()))
    return redirect(url_for("alerts.saved", saved=1))


@bp.get("/alerts")
@signed_in_required
def saved():
    with database().session() as session:
        searches = session.scalars(select(SavedSearch).where(SavedSearch.user_id == current_viewer().user_id)
                                   .order_by(SavedSearch.created_at.desc())).all()
        rows = [(s.id, s.name, s.query, s.frequency) for s in searches]
    return render_template("alerts/saved.html", rows=rows, just_saved=bool(request.args.get("saved")))


@bp.post("/alerts/<int:search_id>/delete")
@signed_in_required
def delete(search_id: int):
    with database().session() as session:
        found = session.get(SavedSearch, search_id)
        if found is None or found.user_id != current_viewer().user_id:
            abort(404)
        session.delete(found)
    return redirect(url_for("alerts.saved"))


@bp.route("/alerts/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """GET asks (mail scanners follow links), POST stops the e-mails by deleting the search."""
    with database().session() as session:
        found = session.scalar(select(SavedSearch).where(SavedSearch.token == token[:64]))
        if found is None:
            abort(404)
        name = found.name
        if request.method == "POST":
            session.delete(found)
    return render_template("alerts/unsubscribe.html", name=name, token=token, done=request.method == "POST")
