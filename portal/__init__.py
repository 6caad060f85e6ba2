"""The GIAI portal: a Flask app reading the index the pipeline fills.

`create_app(overrides)` wires settings, vocabularies, the search service, Babel, CSRF protection,
security headers and the blueprints. Overrides are Flask config keys plus `SETTINGS` (a
`giai.settings.Settings`) and `VOCABULARIES` (a `portal.vocabulary.Vocabularies`), which tests use.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import Flask
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from giai import PROJECT_ROOT
from giai.es import PORTAL, connect
from giai.settings import load_settings
from portal import i18n
from portal.search.service import SearchService
from portal.secret_key import ensure_secret_key
from portal.security import add_security_headers
from portal.state import Portal
from portal.vocabulary import DEFAULT_LOCALE, load_vocabularies

TRANSLATIONS = PROJECT_ROOT / "translations"


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """A configured portal app."""
    overrides = dict(overrides or {})
    settings = overrides.pop("SETTINGS", None) or load_settings()
    vocabularies = overrides.pop("VOCABULARIES", None) or load_vocabularies()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=overrides.get("SECRET_KEY") or ensure_secret_key(settings),
        BABEL_DEFAULT_LOCALE=DEFAULT_LOCALE,
        BABEL_TRANSLATION_DIRECTORIES=str(TRANSLATIONS),
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    app.config.update(overrides)
    app.json.sort_keys = False
    app.extensions["giai"] = Portal(settings, vocabularies, SearchService(settings, partial(connect, account=PORTAL)))
    app.url_map.converters["locale"] = i18n.LocaleConverter
    app.jinja_env.filters["format_list"] = i18n.format_items
    app.jinja_env.filters["count"] = i18n.format_count
    app.jinja_env.filters["day"] = i18n.format_day
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    Babel(app, locale_selector=i18n.select_locale)
    i18n.install_gettext(app.jinja_env)
    CSRFProtect(app)
    app.after_request(add_security_headers)
    _register_blueprints(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from portal import auth, curation, errors
    from portal.localised import page_context
    from portal.views import api, documents, ui

    app.context_processor(page_context)

    app.register_blueprint(ui.root)
    app.register_blueprint(ui.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(documents.files)
    app.register_blueprint(api.bp)
    errors.register(app)
    auth.init_app(app)  # sign-in, accounts, the signed-in viewer (portal/auth)
    curation.init_app(app)  # curators' workspace (portal/curation)
