"""Withdrawals in the portal: an admin or a curator of the document's organisation takes it down at
once (from its edit page), and the "withdrawn" review queue lists what was taken down or left its
source, with restore (curators, admins) and purge (admins only: deletes the original bytes).

Each action runs the same command as the operators (`giai withdraw`, `giai restore-document`,
`giai purge-document`) with the pipeline's credentials, since the portal's own account may not
delete documents; the command records the action in the audit trail under the viewer's email.
"""

from __future__ import annotations

import subprocess
import sys

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from giai import ledger as ledger_view
from giai.access import Viewer
from portal.auth.forms import ActionForm
from portal.auth.guards import admin_required
from portal.auth.session import current_viewer
from portal.curation import store
from portal.curation.forms import WithdrawForm
from portal.curation.review import curated_organisations
from portal.curation.upload import ingest_environment
from portal.curation.views import bp, curator_required
from portal.state import portal
from portal.views.common import checked_doc_id

COMMAND_TIMEOUT_S = 120


class CommandFailed(RuntimeError):
    pass


def run_giai(*args: str) -> None:
    """`giai ARGS --by <viewer>` with the pipeline's credentials; CommandFailed with its one line."""
    command = [sys.executable, "-c", "from commands.cli import main; main()", *args, "--by", current_viewer().email]
    done = subprocess.run(command, env=ingest_environment(portal().settings), capture_output=True, text=True,
                          timeout=COMMAND_TIMEOUT_S)
    if done.returncode != 0:
        raise CommandFailed((done.stderr.strip().splitlines() or ["failed"])[-1])


def _withdrawn_for_curator(doc_id: str, viewer: Viewer) -> dict:
    """The withdrawal of a document of an organisation `viewer` curates, else 404."""
    record = ledger_view.withdrawal(portal().settings, checked_doc_id(doc_id))
    if record is None or not viewer.curates(record["organisation"]):
        abort(404)
    return record


@bp.post("/documents/<doc_id>/withdraw")
@curator_required
def withdraw(doc_id: str):
    if store.editable_document(checked_doc_id(doc_id), current_viewer()) is None:
        abort(404)
    form = WithdrawForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        run_giai("withdraw", doc_id, "--reason", form.reason.data.strip())
    except CommandFailed as exc:
        flash(_("The document could not be withdrawn: %(reason)s", reason=str(exc)))
        return redirect(url_for("curation.edit", doc_id=doc_id))
    flash(_("The document is withdrawn: no one can find it any more."))
    return redirect(url_for("curation.withdrawn"))


@bp.get("/curation/withdrawn")
@curator_required
def withdrawn():
    viewer = current_viewer()
    rows = ledger_view.withdrawals(portal().settings, curated_organisations(viewer))
    return render_template("curation/withdrawn.html", rows=rows, form=ActionForm())


@bp.post("/curation/withdrawn/<doc_id>/restore")
@curator_required
def restore(doc_id: str):
    _withdrawn_for_curator(doc_id, current_viewer())
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        run_giai("restore-document", doc_id)
        flash(_("The document is back in the portal."))
    except CommandFailed as exc:
        flash(_("The document could not be restored: %(reason)s", reason=str(exc)))
    return redirect(url_for("curation.withdrawn"))


@bp.post("/curation/withdrawn/<doc_id>/purge")
@admin_required
def purge(doc_id: str):
    _withdrawn_for_curator(doc_id, current_viewer())
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        run_giai("purge-document", doc_id)
        flash(_("The document's text and original file are deleted."))
    except CommandFailed as exc:
        flash(_("The document could not be purged: %(reason)s", reason=str(exc)))
    return redirect(url_for("curation.withdrawn"))
