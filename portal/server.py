"""gunicorn running the portal in-process (no shell command line to quote)."""

from __future__ import annotations

from flask import Flask
from gunicorn.app.base import BaseApplication

from portal import create_app
from portal.i18n import format_count
from portal.vocabulary import UI_LOCALES


class PortalServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return warmed(create_app())


def warmed(app: Flask) -> Flask:
    """`app` with the work done that its first requests would otherwise pay for (~0.3 s; a cold
    worker made the slowest searches of benchmarks/search.py at 1 client): the query expander
    read from config/, every template compiled, Babel's data of each UI locale loaded. Elasticsearch is not asked: its
    client is made by the worker on its first search."""
    app.extensions["giai"].service.expander  # noqa: B018 (the property reads config/ once)
    for name in app.jinja_env.list_templates(extensions=("html", "xml")):
        app.jinja_env.get_template(name)
    for locale in UI_LOCALES:
        format_count(1000, locale)
    return app


def run(settings, host: str, port: int, workers: int) -> None:
    """Serve until SIGTERM or SIGINT; each worker builds its own app and Elasticsearch client."""
    PortalServer({
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "threads": settings.portal_threads,
        "worker_class": "gthread",
        "timeout": 60,
        "graceful_timeout": 10,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "giai-portal",
    }).run()
