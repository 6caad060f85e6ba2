"""`giai ingest`: run the pipeline (all sources, one organisation's, or paths) and show the ledger.

    giai ingest                     every source of config/sources.yaml
    giai ingest --source fidh       one organisation's sources
    giai ingest FILE_OR_FOLDER…     files given here (organisation `unknown` unless sidecars say)
    giai ingest status [--json]     per organisation, language and status, from the ledger

Heavy libraries are imported inside the commands so the rest of `giai` starts instantly.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from commands.settings import settings_or_exit


class _RunByDefault(click.Group):
    """A group whose arguments, when they name no sub-command, go to its `run` command, so
    `giai ingest`, `giai ingest --source X` and `giai ingest PATH…` read naturally."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = args[0] if args else None
        if first not in self.commands and first not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_RunByDefault)
def ingest() -> None:
    """Ingest documents into the index named by GIAI_INDEX.

    \b
    giai ingest [--workers N] [--force]   every source of config/sources.yaml
    giai ingest --source SLUG             one organisation's sources
    giai ingest PATH...                   files and folders (organisation `unknown` unless sidecars say)
    giai ingest status [--json]           what the ledger holds, per organisation, language and status

    Options of a run: `giai ingest run --help`."""


@ingest.command("run")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--source", "source", metavar="SLUG", help="Only this organisation's sources ('all': every one).")
@click.option(
    "--workers", type=click.IntRange(1, 64), help="Worker processes (default: GIAI_INGEST_WORKERS, else one per core)."
)
@click.option("--force", is_flag=True, help="Process files again even when their content is unchanged.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def run_command(paths: tuple[Path, ...], source: str | None, workers: int | None, force: bool, quiet: bool) -> None:
    """Ingest every source, one organisation's (--source), or the files and folders given."""
    from commands import local_node
    from ingest.report import RunFailed, run_and_report

    if paths and source:
        raise click.UsageError("give either paths or --source, not both")
    settings = settings_or_exit()
    try:
        local_node.cover_alias(settings)
        lines = run_and_report(settings, source=source, paths=paths, workers=workers, force=force, progress=not quiet)
    except (RunFailed, local_node.NodeError) as exc:
        raise click.ClickException(str(exc)) from None
    for line in lines:
        click.echo(line)


@ingest.command("status")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: the index and every file's row.")
def status_command(as_json: bool) -> None:
    """What the ledger of the index GIAI_INDEX holds: per organisation, language and status."""
    from giai.ledger import QUARANTINED, STATUSES, ledger_path
    from ingest.ledger import Ledger, summarise

    settings = settings_or_exit()
    path = ledger_path(settings, settings.index)
    rows = Ledger(path).rows() if path.exists() else []
    if as_json:
        files = [{k: v for k, v in row.items() if k not in ("first_seen",)} for row in rows]
        click.echo(json.dumps({"index": settings.index, "files": files}, ensure_ascii=False))
        return
    if not rows:
        click.echo(f"nothing ingested into {settings.index} yet")
        return
    click.echo(f"{'organisation':22}{'language':10}" + "".join(f"{s:>13}" for s in STATUSES))
    for organisation, languages in summarise(rows).items():
        for language, counts in sorted(languages.items()):
            click.echo(f"{organisation:22}{language:10}" + "".join(f"{counts.get(s, 0):>13}" for s in STATUSES))
    quarantined = [r for r in rows if r["status"] == QUARANTINED]
    for row in quarantined:
        click.echo(f"quarantined {row['path']}: {row['reason']} ({row['detail']})")
