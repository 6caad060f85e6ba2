"""`giai withdraw`, `giai restore-document` and `giai purge-document`: take a document down at once,
bring it back, or delete its kept text and original bytes (see ingest/withdraw.py)."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import TypeVar

import click

from commands.settings import settings_or_exit as _settings

T = TypeVar("T")
# The portal runs these commands for its admins and curators and names them here, for the audit trail.
BY_OPTION = click.option("--by", "actor", metavar="EMAIL", hidden=True, help="Who asked (the portal's account).")


def _actor(given: str | None) -> str:
    return given or f"cli:{getpass.getuser()}"


def _run(action: Callable[[], T]) -> T:
    from giai.es import SearchUnavailable
    from ingest.index import IndexUnavailable
    from ingest.withdraw import WithdrawalError

    try:
        return action()
    except (WithdrawalError, IndexUnavailable, SearchUnavailable) as exc:
        raise click.ClickException(str(exc)) from None


@click.command("withdraw")
@click.argument("doc_id")
@click.option("--reason", required=True, metavar="TEXT", help="Why it comes down (kept in the ledger and the audit trail).")
@BY_OPTION
def withdraw_command(doc_id: str, reason: str, actor: str | None) -> None:
    """Take the document DOC_ID out of the index GIAI_INDEX at once; its original is kept."""
    from ingest.withdraw import withdraw

    if not reason.strip():
        raise click.UsageError("--reason must say why")
    when = _run(lambda: withdraw(_settings(), doc_id, reason.strip(), _actor(actor)))
    click.echo(f"{doc_id} withdrawn on {when}")


@click.command("restore-document")
@click.argument("doc_id")
@BY_OPTION
def restore_command(doc_id: str, actor: str | None) -> None:
    """Put the withdrawn document DOC_ID back into the index GIAI_INDEX."""
    from ingest.withdraw import restore

    _run(lambda: restore(_settings(), doc_id, _actor(actor)))
    click.echo(f"{doc_id} restored")


@click.command("purge-document")
@click.argument("doc_id")
@BY_OPTION
def purge_command(doc_id: str, actor: str | None) -> None:
    """Delete a withdrawn document's kept text and original bytes (unless another file holds them).
    It cannot be restored afterwards."""
    from ingest.withdraw import purge

    deleted = _run(lambda: purge(_settings(), doc_id, _actor(actor)))
    click.echo(f"{doc_id} purged" + ("" if deleted else " (its original is kept: another file has the same content)"))
