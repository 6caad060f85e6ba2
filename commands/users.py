"""`giai users …` (accounts and roles) and `giai db …` (migrations) on the command line.

Passwords come from standard input when it is piped, otherwise one is generated and printed once;
neither is ever logged.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import click

from giai.access import ROLES
from giai.index_schema import LANGUAGES
from giai.settings import load_settings


def _database():
    """The configured database, migrated to the code's newest revision, or a readable error."""
    from giai.db import Database, DatabaseUnavailable, current_revision, head_revision

    database = Database.from_settings(load_settings())
    try:
        at = current_revision(database.url)
    except DatabaseUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    if at != head_revision():
        raise click.ClickException(f"the database is at revision {at or 'none'}: run `giai db upgrade` first")
    return database


def _known_organisations() -> list[str]:
    from giai.organisations import UNKNOWN, load_organisations

    return [o.slug for o in load_organisations() if o.slug != UNKNOWN]


def _split(values: Iterable[str]) -> list[str]:
    """`--org a --org b` and `--org a,b` alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _password_from_stdin() -> str:
    """The first line of standard input when it is piped; empty when it is a terminal or empty."""
    if sys.stdin is None or sys.stdin.isatty():
        return ""
    return sys.stdin.readline().rstrip("\r\n")


def _run(action):
    """Run `action(session)` in one transaction; account and database errors become one line."""
    from giai.db import DatabaseUnavailable
    from portal.auth.users import AccountError

    try:
        with _database().session() as session:
            return action(session)
    except (AccountError, DatabaseUnavailable) as exc:
        raise click.ClickException(str(exc)) from None


def _announce_password(email: str, password: str) -> None:
    # Printed to standard output for the operator, once; never logged.
    click.echo(f"Password for {email} (shown once; give it to its owner now): {password}")


ROLE_OPTION = click.option(
    "--role", "roles", multiple=True, required=True, type=click.Choice(ROLES), help="Repeat for several roles."
)
ORG_OPTION = click.option(
    "--org", "organisations", multiple=True, metavar="SLUG", help="Organisation (repeat, or separate with commas)."
)
LANG_OPTION = click.option(
    "--lang", "languages", multiple=True, metavar="CODE", help=f"Translation language: {', '.join(LANGUAGES)}."
)


@click.group("users")
def users() -> None:
    """Accounts and their roles: admin, curator (of organisations), translator (of languages), member."""


@users.command("add")
@click.argument("email")
@ROLE_OPTION
@ORG_OPTION
@LANG_OPTION
@click.option("--exists-ok", is_flag=True, help="Leave an existing account unchanged instead of failing.")
def add_user(
    email: str, roles: tuple[str, ...], organisations: tuple[str, ...], languages: tuple[str, ...], exists_ok: bool
) -> None:
    """Create an account. The password is read from standard input when piped, else generated and printed once."""
    from portal.auth.users import (
        create_user,
        find_user,
        generate_password,
        normalise_email,
    )

    piped = _password_from_stdin()
    password = piped or generate_password()
    known = _known_organisations()

    def action(session) -> str:
        user = find_user(session, email)
        if exists_ok and user is not None:
            return ""
        created = create_user(session, email, password, roles, _split(organisations), _split(languages), known)
        _audit(session, "account_add", created.email, {"roles": sorted(roles), "organisations": _split(organisations)})
        return created.email

    added = _run(action)
    if not added:
        click.echo(f"{normalise_email(email)} exists; left unchanged")
        return
    click.echo(f"Added {added} ({', '.join(sorted(roles))})")
    if not piped:
        _announce_password(added, password)


@users.command("list")
def list_accounts() -> None:
    """Every account: email, roles, organisations, languages, status, last sign-in."""
    from portal.auth.users import list_users

    def action(session) -> list[tuple[str, ...]]:
        return [
            (
                user.email,
                ",".join(sorted(user.roles)),
                ",".join(sorted(user.organisations)) or "-",
                ",".join(sorted(user.languages)) or "-",
                "disabled" if user.disabled else "active",
                user.last_sign_in_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_sign_in_at else "never",
            )
            for user in list_users(session)
        ]

    rows = _run(action)
    if not rows:
        click.echo("No accounts yet: add one with `giai users add EMAIL --role admin`.")
    for row in rows:
        click.echo("\t".join(row))


@users.command("set-role")
@click.argument("email")
@ROLE_OPTION
@ORG_OPTION
@LANG_OPTION
def set_role(email: str, roles: tuple[str, ...], organisations: tuple[str, ...], languages: tuple[str, ...]) -> None:
    """Replace an account's roles; also its organisations and languages when given."""
    from portal.auth.users import get_user, grant

    known = _known_organisations()

    def action(session) -> str:
        user = get_user(session, email)
        grant(
            user,
            roles,
            _split(organisations) if organisations else None,
            _split(languages) if languages else None,
            known,
        )
        _audit(session, "account_change", user.email, {"roles": sorted(user.roles),
               "organisations": sorted(user.organisations), "languages": sorted(user.languages)})
        return f"{user.email}: {', '.join(sorted(user.roles))}"

    click.echo(_run(action))


@users.command("disable")
@click.argument("email")
def disable(email: str) -> None:
    """Disable an account: it can no longer sign in and its open sessions end at once."""
    _set_disabled(email, True)


@users.command("enable")
@click.argument("email")
def enable(email: str) -> None:
    """Enable a disabled account again."""
    _set_disabled(email, False)


def _set_disabled(email: str, disabled: bool) -> None:
    from portal.auth.users import get_user, set_disabled

    def action(session) -> str:
        user = get_user(session, email)
        set_disabled(user, disabled)
        _audit(session, "account_disable" if disabled else "account_enable", user.email)
        return f"{user.email}: {'disabled' if disabled else 'enabled'}"

    click.echo(_run(action))


@users.command("unlock")
@click.argument("email")
def unlock_command(email: str) -> None:
    """Forget an account's failed sign-ins, when a stranger's guesses keep its owner out."""
    from portal.auth.users import get_user, unlock
    from portal.secret_key import ensure_secret_key

    secret = ensure_secret_key(load_settings()).encode()

    def action(session) -> str:
        user = get_user(session, email)
        unlock(session, user, secret)
        _audit(session, "account_change", user.email, {"unlocked": True})
        return f"{user.email}: unlocked"

    click.echo(_run(action))


@users.command("set-password")
@click.argument("email")
def set_password_command(email: str) -> None:
    """Give an account a new password (from standard input when piped, else generated and printed
    once); its open sessions end."""
    from portal.auth.users import generate_password, get_user, set_password

    piped = _password_from_stdin()
    password = piped or generate_password()

    def action(session) -> str:
        user = get_user(session, email)
        set_password(user, password)
        _audit(session, "password_change", user.email)
        return user.email

    address = _run(action)
    click.echo(f"New password set for {address}")
    if not piped:
        _announce_password(address, password)


def _audit(session, action: str, target: str, detail: dict | None = None) -> None:
    """Account changes from the command line are in the audit trail too, in the same transaction."""
    import getpass

    from giai.db.audit import add_event

    add_event(session, f"cli:{getpass.getuser()}", action, target, detail)


@click.group("db")
def db() -> None:
    """The accounts and curation database (SQLite in the data directory, or GIAI_DATABASE_URL)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Migration to upgrade to.")
def db_upgrade(revision: str) -> None:
    """Create or migrate the database's tables; safe to run again."""
    from giai.db import (
        DatabaseUnavailable,
        current_revision,
        database_url,
        redact_url,
        upgrade,
    )

    url = database_url(load_settings())
    try:
        upgrade(url, revision)
        at = current_revision(url)
    except DatabaseUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Database {redact_url(url)} is at revision {at}")


@db.command("revision")
@click.argument("message")
@click.option("--id", "revision_id", required=True, help="Migration id, e.g. 0002_curation.")
def db_revision(message: str, revision_id: str) -> None:
    """Developers: write a migration for what the models add (review it before committing)."""
    from giai.db.migrate import new_revision

    new_revision(message, revision_id)


@click.command("protect")
@click.argument("name")
@click.option("--org", "organisation", required=True, help="The organisation whose members may see the name.")
@click.option("--document", "doc_id", default=None, help="Only this document (and its translations); else the whole collection.")
@click.option("--spelling", "spellings", multiple=True, help="Another spelling or transliteration (repeatable).")
@click.option("--role", type=click.Choice(["victim", "witness", "relative", "person"]), default="person",
              show_default=True, help="Names the pseudonym: [Witness 1], [Victim 2]…")
def protect(name: str, organisation: str, doc_id: str | None, spellings: tuple[str, ...], role: str) -> None:
    """Protect NAME: outside ORG it is replaced by a pseudonym everywhere and cannot be searched."""
    from elasticsearch import ApiError, TransportError

    from giai.es import PIPELINE, connect
    from giai.protection_changes import ProtectionError
    from giai.protection_changes import protect as add
    from giai.protection_index import reprotect, translation_group_of

    if organisation not in _known_organisations():
        raise click.ClickException(f"unknown organisation {organisation!r}")
    settings = load_settings()
    client = connect(settings, account=PIPELINE)

    def action(session):
        try:
            return add(session, lambda names, query: reprotect(client, settings.index, names, query),
                       lambda doc: translation_group_of(client, settings.index, doc),
                       organisation=organisation, spellings=[name, *spellings], role=role, doc_id=doc_id)
        except ProtectionError as exc:
            raise click.ClickException(str(exc)) from None
        except (ApiError, TransportError) as exc:  # nothing is recorded: the transaction rolls back
            raise click.ClickException(f"Elasticsearch refused the change: {str(exc).splitlines()[0]}") from None

    row, changed = _run(action)
    click.echo(f"protected name {row.id} ({organisation}{', document ' + doc_id if doc_id else ''}): "
               f"{len(changed)} document(s) changed")
