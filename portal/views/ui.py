"""HTML search pages: home, results, and the Atom feed of a search."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request, url_for

from portal import i18n
from portal.errors import note_message
from portal.localised import localised_blueprint
from portal.search.params import SearchParams, default_sort
from portal.views.common import all_facets, search_params, search_result

bp = localised_blueprint("ui", __name__)
root = Blueprint("root", __name__)
FEED_ENTRIES = 30


@root.get("/")
def guess_home():
    """The home page in the remembered or the browser's language."""
    return redirect(url_for("ui.home", locale=i18n.guess_locale(request)))


@root.get("/search")
def guess_search():
    return redirect(url_for("ui.search", locale=i18n.guess_locale(request), **request.args.to_dict(flat=False)))


@bp.get("/")
def home():
    facets, total = all_facets()
    return render_template("home.html", facets=facets, total=total, params=SearchParams(group=True))


@bp.get("/search")
def search():
    params = search_params()
    result = search_result(params)
    notes = [note_message(code) for code in params.notes]
    return render_template("search.html", result=result, params=params, notes=notes, default_sort=default_sort(params.q),
                           saved_query=urlencode(params.to_args(), doseq=True))


@bp.get("/search.atom")
def feed():
    """The documents of a search that entered the index last, for feed readers: a document added
    today with an old date still reaches a subscriber, and every language version is an entry,
    since a new translation is news too."""
    asked = search_params()
    params = SearchParams(q=asked.q, filters=asked.filters, sort="added", page_size=FEED_ENTRIES, expand=asked.expand,
                          dates=asked.dates)
    result = search_result(params, facets=False)
    updated = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    body = render_template("feed.xml", result=result, params=params, updated=updated)
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}
