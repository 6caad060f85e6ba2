"""gunicorn running the portal in-process (no shell command line to quote)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flask import Flask
from gunicorn.app.base import BaseApplication
from prometheus_client import multiprocess, values

from portal import create_app, metrics, request_log
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


def count_across_workers(folder: Path) -> None:
    """Metrics summed over the workers (prometheus_client's multiprocess mode), kept in `folder`.
    prometheus_client picks where values live when first imported, which the app's modules did
    before this point: it is told again. Every metric of the portal has labels, so each value is
    made later, in a worker, after this."""
    os.environ[metrics.MULTIPROCESS_DIR] = str(folder)
    values.ValueClass = values.get_value_class()


def _worker_exited(_arbiter, worker) -> None:
    multiprocess.mark_process_dead(worker.pid)


def run(settings, host: str, port: int, workers: int) -> None:
    """Serve until SIGTERM or SIGINT; each worker builds its own app and Elasticsearch client."""
    with tempfile.TemporaryDirectory(prefix="giai-metrics-") as folder:
        count_across_workers(Path(folder))
        _serve(settings, host, port, workers)


def _serve(settings, host: str, port: int, workers: int) -> None:
    PortalServer({
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "threads": settings.portal_threads,
        "worker_class": "portal.gunicorn_worker.PortalWorker",
        "timeout": 60,
        # gunicorn's longest (its default is 4 KB): a search with many filters fits.
        "limit_request_line": 8190,
        "graceful_timeout": 10,
        "accesslog": None,  # portal/request_log.py writes one JSON line per request
        "errorlog": "-",
        "loglevel": "info",
        "logconfig_dict": request_log.LOGGING,
        "child_exit": _worker_exited,
        "proc_name": "giai-portal",
    }).run()
