"""The curators' workspace: editing a document's metadata (corrections that win over rules and
sidecars and survive re-ingestion), each document's history with undo, review queues, and upload
into the pipeline's inbox. `init_app(app)` registers it (after `portal.auth`, whose sign-in,
viewer and database it uses)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.curation import claims, glossary, protection, review, translations, upload, views, withdrawals, worklist, xliff  # noqa: F401  (they add routes to views.bp)

    app.register_blueprint(views.bp)
    app.jinja_env.globals.update(claim_state_labels=claims.claim_state_labels, claim_action_labels=claims.claim_action_labels)
    app.extensions[upload.QUEUE] = upload.IngestionQueue()
    # The upload form is larger than the app's MAX_CONTENT_LENGTH, which the global CSRF check
    # would hit first when it reads the form; the form checks its own CSRF token after the view
    # has raised the limit for that one request.
    app.extensions["csrf"].exempt(upload.upload)
    app.extensions["csrf"].exempt(xliff.import_xliff)  # likewise: a translated XLIFF may pass the app's limit
