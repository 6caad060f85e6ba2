"""gunicorn running the portal in-process (no shell command line to quote)."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from portal import create_app


class PortalServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app()


def run(settings, port: int, workers: int) -> None:
    """Serve until SIGTERM or SIGINT; each worker builds its own app and Elasticsearch client."""
    PortalServer({
        "bind": f"127.0.0.1:{port}",
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
