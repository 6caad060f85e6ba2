"""Alembic, configured in code: `upgrade(url)` works from any directory without an alembic.ini."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import exc

from giai.db.engine import make_engine, unavailable

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """Alembic's configuration for `url`. The URL travels in `attributes`, not in the ini options,
    whose %-interpolation would mangle passwords."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = url
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Apply migrations up to `revision`; DatabaseUnavailable if the database cannot be reached."""
    try:
        command.upgrade(alembic_config(url), revision)
    except (exc.OperationalError, exc.InterfaceError) as error:
        raise unavailable(url, error) from None


def downgrade(url: str, revision: str) -> None:
    """Revert migrations down to `revision` (`base` empties the schema)."""
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str:
    """The newest migration id in the code."""
    return ScriptDirectory.from_config(alembic_config("")).get_current_head() or ""


def current_revision(url: str) -> str | None:
    """The migration id the database is at (None: never migrated)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except (exc.OperationalError, exc.InterfaceError) as error:
        raise unavailable(url, error) from None
    finally:
        engine.dispose()


def new_revision(message: str, revision_id: str) -> None:
    """Write a migration for what the models add, compared with a scratch SQLite database at head
    (developers' command; review the generated file before committing it)."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'head.sqlite3'}"
        upgrade(url)
        command.revision(alembic_config(url), message=message, rev_id=revision_id, autogenerate=True)
