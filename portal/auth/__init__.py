"""Sign-in, accounts and roles in the portal: the `auth` blueprints (sign-in, sign-out, account),
the admins' page of accounts, the signed-in viewer of each request, and the database handle.

`init_app(app)` wires it all into an app made by `portal.create_app`. Which documents a viewer
sees is decided elsewhere, once: `giai.access.access_filter`.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, Response, g
from werkzeug.middleware.proxy_fix import ProxyFix

from giai.db import Database
from portal.auth import admin, audit_page, errors, labels, views
from portal.auth.database import attach
from portal.auth.session import displayed_viewer


def init_app(app: Flask) -> None:
    settings = app.extensions["giai"].settings
    attach(app, Database.from_settings(settings))
    app.config.update(
        SESSION_COOKIE_SECURE=settings.session_cookie_secure,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.session_lifetime_hours),
    )
    if settings.trusted_proxies:
        # The client's address (throttling) and scheme (secure cookies) as the proxies saw them.
        hops = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    app.register_blueprint(views.root)
    app.register_blueprint(views.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(audit_page.bp)
    app.context_processor(lambda: {"viewer": displayed_viewer()})
    labels.register(app)
    app.after_request(keep_personal_pages_private)
    errors.register(app)


def keep_personal_pages_private(response: Response) -> Response:
    """What a signed-in viewer sees may include documents others may not: no shared cache keeps it."""
    viewer = g.get("viewer")
    if viewer is not None and viewer.is_authenticated:
        response.cache_control.public = False
        response.cache_control.private = True
        response.vary.add("Cookie")
    return response
