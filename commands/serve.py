"""`giai serve`: the portal under gunicorn, on 127.0.0.1 unless told another address."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind: 0.0.0.0 in a container, behind the TLS proxy (never exposed directly).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default: GIAI_PORTAL_PORT, 8000).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Worker processes (default: GIAI_PORTAL_WORKERS).")
def serve(host: str, port: int | None, workers: int | None) -> None:
    """Serve the portal, reading the alias named by GIAI_INDEX."""
    from commands import local_node
    from commands.settings import settings_or_exit
    from portal.secret_key import ensure_secret_key
    from portal.server import run

    settings = settings_or_exit()
    try:
        local_node.cover_alias(settings)
    except local_node.NodeError as exc:
        raise click.ClickException(str(exc)) from None
    # Made before the workers start, so they all read the same key.
    ensure_secret_key(settings)
    port = port or settings.portal_port
    click.echo(f"GIAI portal on http://{host}:{port} (index alias {settings.index})", err=True)
    run(settings, host, port, workers or settings.portal_workers)
