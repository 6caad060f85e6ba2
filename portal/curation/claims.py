"""Claims from the worklist: a translator claims a document for a language, moves its state
(claimed → in progress → in review → done) and may release it; curators of the document's
organisation (and admins) see every claim and may release or reassign it to another translator
of the language. The tables and their history are giai/db/translation.py.

Who may do what: claiming needs the language (`translates`) and a document the viewer sees;
changing a claim needs to hold it or to curate the document's organisation. A refused change is
a page with the reason (409 for a claim already taken, 400 for a bad request).
"""

from __future__ import annotations

import datetime as dt

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from giai.access import Viewer
from giai.db.models import User
from giai.db.translation import ClaimError, TranslationClaim, claim, expire_claims, reassign, release, set_state
from giai.index_schema import LANGUAGES
from portal.auth.database import database
from portal.auth.forms import ActionForm
from portal.auth.session import current_viewer
from portal.curation.translations import translator_required, visible
from portal.curation.views import bp
from portal.errors import error_response
from portal.state import portal

ACTIONS = ("claim", "state", "release", "reassign")


def claim_state_labels() -> dict[str, str]:
    return {"claimed": _("Claimed"), "in_progress": _("In progress"), "in_review": _("In review"), "done": _("Done")}


def claim_action_labels() -> dict[str, str]:
    return {"claim": _("Claimed"), "state": _("State changed"), "release": _("Released"), "reassign": _("Reassigned"),
            "expire": _("Claim expired"), "import": _("Translation imported")}


def claim_message(code: str) -> str:
    messages = {
        "taken": _("Someone else claimed this document for this language in the meantime."),
        "bad_state": _("This state does not exist."),
        "not_yours": _("Only the translator who holds the claim, or a curator of the document's organisation, may change it."),
        "no_claim": _("This document has no claim for this language any more."),
        "unknown_translator": _("There is no active translator of this language with that email address."),
        "not_your_language": _("You do not translate into this language."),
    }
    return messages.get(code, code)


def may_manage(viewer: Viewer, held: TranslationClaim) -> bool:
    return held.user_id == viewer.user_id or viewer.curates(held.organisation)


def translator_of(session, email: str, language: str) -> User | None:
    """The enabled account `email` if it translates `language`."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or user.disabled or "translator" not in user.roles or language not in user.languages:
        return None
    return user


def change_claim(viewer: Viewer, doc_id: str, language: str, organisation: str) -> None:
    """Apply the form's action to the document's claim in `language`; ClaimError when refused."""
    action = request.form.get("action", "")
    expiry = dt.timedelta(days=portal().settings.translation_claim_expiry_days)
    with database().session() as session:
        expire_claims(session, dt.datetime.now(dt.UTC), expiry, [doc_id])
        held = session.get(TranslationClaim, (doc_id, language), with_for_update=True)
        if action == "claim":
            if not viewer.translates(language):
                raise ClaimError("not_your_language")
            claim(session, doc_id, language, organisation, viewer.user_id, viewer.email)
            return
        if held is None:
            raise ClaimError("no_claim")
        if not may_manage(viewer, held):
            raise ClaimError("not_yours")
        if action == "state":
            set_state(session, held, request.form.get("state", ""), viewer.email)
        elif action == "release":
            release(session, held, viewer.email)
        else:
            if not viewer.curates(held.organisation):
                raise ClaimError("not_yours")
            assignee = translator_of(session, request.form.get("assignee", ""), language)
            if assignee is None:
                raise ClaimError("unknown_translator")
            reassign(session, held, assignee.id, assignee.email, viewer.email)


def back_to_worklist(language: str) -> str:
    """The worklist page the form was on (its query string), else the language's worklist."""
    worklist = url_for("curation.worklist", language=language)
    back = request.form.get("back", "")
    return back if back.startswith(worklist) and "//" not in back else worklist


@bp.post("/translations/<language>/claims/<doc_id>")
@translator_required
def claims(language: str, doc_id: str):
    viewer = current_viewer()
    if language not in LANGUAGES or request.form.get("action") not in ACTIONS:
        abort(404 if language not in LANGUAGES else 400)
    if not ActionForm().validate_on_submit():
        abort(400)
    source = visible(doc_id, viewer)
    try:
        change_claim(viewer, source["id"], language, source.get("organisation", ""))
    except ClaimError as refused:
        status = 409 if refused.code == "taken" else 400 if refused.code in ("bad_state", "unknown_translator") else 403
        return error_response(status, refused.code, _("This claim cannot be changed"), [claim_message(refused.code)])
    return redirect(back_to_worklist(language))
