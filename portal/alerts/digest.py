"""The e-mail digests of saved searches (`giai alerts send`, run daily by cron or a timer).

A saved search is due a day (or a week) after the end of its last digest. Its new documents are
those indexed since then that its reader may see now (the reader's access, from the accounts
database at sending time; a disabled account gets nothing). The message is written in the UI
language the search was saved in, with a link to the search and one that unsubscribes without
signing in. A search whose digest was sent (or had nothing new) moves on; one whose sending failed
is tried again at the next run.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import Flask, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from giai.db.models import utcnow
from giai.db.saved_searches import SavedSearch
from portal.alerts.views import checked_search
from portal.auth.database import database
from portal.auth.users import viewer_of
from portal.search.params import InvalidParams
from portal.search.result import shape_hit
from portal.state import portal

log = logging.getLogger(__name__)
PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
# A run a little early (a timer that fires at 06:59 after one at 07:00) still finds the search due.
SLACK = timedelta(hours=1)
LISTED = 20


@dataclass
class SendReport:
    sent: int = 0
    nothing_new: int = 0
    failed: int = 0


def is_due(saved: SavedSearch, now: datetime) -> bool:
    return now - saved.checked_until >= PERIODS[saved.frequency] - SLACK


def smtp_connection(settings) -> smtplib.SMTP:
    """A connection to the configured SMTP server, upgraded and signed in as configured."""
    connection = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30)
    if settings.smtp_starttls:
        connection.starttls()
    if settings.smtp_user:
        connection.login(settings.smtp_user, settings.smtp_password)
    return connection


def send_alerts(app: Flask, now: datetime | None = None,
                connect: Callable[..., smtplib.SMTP] = smtp_connection) -> SendReport:
    """Mail the digest of every due saved search; what happened, counted."""
    now, report = now or utcnow(), SendReport()
    with app.app_context():
        settings = portal().settings
        with database().session() as session:
            due = [s.id for s in session.scalars(select(SavedSearch)) if is_due(s, now)]
        for search_id in due:
            with database().session() as session:
                saved = session.get(SavedSearch, search_id)
                if saved is None:
                    continue
                try:
                    message = digest(app, saved, now) if not saved.user.disabled else None
                    if message is None:
                        report.nothing_new += 1
                    else:
                        with connect(settings) as smtp:
                            smtp.send_message(message)
                        report.sent += 1
                    saved.checked_until = now
                except (OSError, smtplib.SMTPException) as exc:
                    log.warning("alert %s not sent: %s", search_id, exc)
                    report.failed += 1
                except InvalidParams as exc:
                    # A search saved before a vocabulary changed: its reader is told nothing, we are.
                    log.warning("alert %s has a search that is no longer valid: %s", search_id, exc)
                    report.failed += 1
    return report


def digest(app: Flask, saved: SavedSearch, now: datetime) -> EmailMessage | None:
    """The message of `saved`'s documents indexed since its last digest, None when there are none."""
    state = portal()
    params = checked_search(saved.query)
    viewer = viewer_of(saved.user)
    response = state.service.arrived(params, viewer, saved.checked_until, now, LISTED)
    total = response["hits"]["total"]["value"]
    if not total:
        return None
    with app.test_request_context("/", base_url=state.settings.portal_base_url), force_locale(saved.locale):
        hits = [shape_hit(h, state.vocabularies, saved.locale) for h in response["hits"]["hits"]]
        links = {h.id: url_for("documents.document", locale=saved.locale, doc_id=h.id, _external=True) for h in hits}
        search_link = url_for("ui.search", locale=saved.locale, _external=True) + "?" + saved.query
        unsubscribe = url_for("alerts.unsubscribe", locale=saved.locale, token=saved.token, _external=True)
        body = render_template("alerts/digest.txt", saved=saved, hits=hits, links=links, total=total,
                               search_link=search_link, unsubscribe=unsubscribe, locale=saved.locale)
        subject = _("New documents for your saved search “%(name)s”", name=saved.name)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = state.settings.mail_from
    message["To"] = saved.user.email
    message["Message-ID"] = make_msgid(domain="giai.portal")
    message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message.set_content(body)
    message["Content-Language"] = saved.locale  # after set_content, which drops Content-* headers
    return message
