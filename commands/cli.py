"""The `giai` command. Sub-commands of the pipeline and the portal live beside their code and import
their heavy dependencies only when they run, so `giai es url` stays instant."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from commands import es_accounts, local_node
from commands import users as cli_users
from commands.settings import settings_or_exit
from giai.es import (
    PIPELINE,
    PORTAL,
    SearchUnavailable,
    connect,
    ensure_reachable,
    local_url,
    redact,
    url_with_credentials,
)
from giai.settings import SettingsError, describe

EXPECTED_ERRORS = (SettingsError, SearchUnavailable, local_node.NodeError, es_accounts.AccountsError)


@click.group()
def cli() -> None:
    """GIAI knowledge portal: local search server, ingestion pipeline and web portal."""


@cli.command("settings")
def show_settings() -> None:
    """List every setting with its environment variable, default and meaning."""
    for variable, default, help_text in describe():
        click.echo(f"{variable}\t{default or '(empty)'}\t{help_text}")


@cli.group()
def es() -> None:
    """The Elasticsearch node (local unless GIAI_ES_URL names a cluster)."""


@es.command("start")
@click.option("--nodes", type=click.IntRange(1, 9), default=None,
              help="Nodes of the local cluster, on consecutive ports from GIAI_ES_PORT (default: as last started, else 1).")
def es_start(nodes: int | None) -> None:
    """Start the local node or cluster (fetching and configuring it the first time); no-op if it runs."""
    settings = settings_or_exit()
    if settings.es_url:
        connect(settings)
        click.echo(f"GIAI_ES_URL is set: using {redact(settings.es_url)}, no local node started")
        return
    outcome = local_node.start(settings, say=lambda line: click.echo(line, err=True), nodes=nodes)
    click.echo(f"Elasticsearch {outcome} at {local_url(settings)}")


@es.command("stop")
def es_stop() -> None:
    """Stop the local node (every node of the local cluster) gracefully."""
    click.echo(local_node.stop(settings_or_exit()))


@es.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def es_status(as_json: bool) -> None:
    """Version, health, data path, plugins and dictionaries; then each node on its own line."""
    settings = settings_or_exit()
    if settings.es_url:
        # connect's own check would ask for the health once more: its answer is the health.
        health = ensure_reachable(connect(settings, check=False), redact(settings.es_url))
        info = {"url": redact(settings.es_url), "health": health["status"], "cluster": health["cluster_name"]}
    else:
        info = local_node.status(settings)
    if as_json:
        click.echo(json.dumps(info))
        return
    nodes = info.pop("nodes", [])
    for key, value in info.items():
        click.echo(f"{key:13}{', '.join(value) if isinstance(value, list) else value}")
    for node in nodes:
        click.echo(f"{'node':13}{node}")


@es.command("accounts")
def es_accounts_command() -> None:
    """Create the portal's and the pipeline's accounts of least privilege (giai_portal, giai_pipeline)
    on GIAI_ES_URL's cluster with GIAI_ES_PORTAL_PASSWORD and GIAI_ES_PIPELINE_PASSWORD; on the local
    node `giai es start` does it."""
    settings = settings_or_exit()
    if not settings.es_url:
        local_node.ensure_accounts(settings)
        click.echo("local node: the accounts are in its file realm, their passwords in the data directory")
        return
    passwords = {PORTAL: settings.es_portal_password, PIPELINE: settings.es_pipeline_password}
    es_accounts.create_with_api(connect(settings), settings.index, passwords)
    click.echo(f"accounts {PORTAL} and {PIPELINE} set for the alias {settings.index}")


@es.command("url")
def es_url() -> None:
    """The node's URL with its credentials, for scripts and curl (a cluster: each node's, comma-separated)."""
    click.echo(url_with_credentials(settings_or_exit()))


@cli.command("backup")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def backup_command(folder: Path) -> None:
    """Back up the index, the database, the raw store and the ledgers into FOLDER (missing or empty)."""
    from commands import backup

    manifest = _backup_step(lambda: backup.backup(settings_or_exit(), folder, say=_progress))
    size = sum(f["size"] for f in manifest["files"].values())
    click.echo(f"backup in {folder}: {len(manifest['files'])} files, {size} bytes")


@cli.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def restore_command(folder: Path) -> None:
    """Restore a backup from FOLDER into an empty data directory, database and cluster."""
    from commands import backup

    manifest = _backup_step(lambda: backup.restore(settings_or_exit(), folder, say=_progress))
    click.echo(f"restored {', '.join(manifest['aliases']) or 'no index'} from {folder}")


def _progress(line: str) -> None:
    click.echo(line, err=True)


def _backup_step(action):
    from commands.backup import BackupError
    from commands.es_snapshot import SnapshotError
    from giai.db import DatabaseUnavailable
    from giai.db.dump import DumpError

    try:
        return action()
    except (BackupError, DumpError, SnapshotError, DatabaseUnavailable, OSError) as exc:
        raise click.ClickException(str(exc)) from None


def _register_commands() -> None:
    """The pipeline's, the portal's and the accounts' commands, each defined beside its code."""
    from commands.ingest import ingest
    from commands.serve import alerts, serve
    from commands.withdraw import purge_command, restore_command, withdraw_command

    cli.add_command(ingest)
    for command in (withdraw_command, restore_command, purge_command):
        cli.add_command(command)
    cli.add_command(serve)
    cli.add_command(alerts)
    cli.add_command(cli_users.users)
    cli.add_command(cli_users.db)
    cli.add_command(cli_users.protect)


def main() -> None:
    _register_commands()
    try:
        cli.main(standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        sys.exit(130)
    except EXPECTED_ERRORS as exc:
        click.echo(f"giai: {exc}", err=True)
        sys.exit(1)
