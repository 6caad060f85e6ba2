"""The engine and sessions of the configured database, and one readable error when it is down."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from giai.private_files import private_file
from giai.settings import Settings

SQLITE_FILE = "giai.sqlite3"
CONNECT_TIMEOUT_S = 5  # a database that is down must fail a request quickly, not hang it


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or is not migrated; the message is one line without secrets."""


def database_url(settings: Settings) -> str:
    """GIAI_DATABASE_URL, or the SQLite file in the data directory."""
    return settings.database_url or f"sqlite:///{settings.data_dir / SQLITE_FILE}"


def redact_url(url: str) -> str:
    """The URL with its password hidden, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys enforced (SQLite's default is off), and write-ahead logging so the portal's
    workers read while one of them writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url` with short connection timeouts; SQLite gets foreign keys and its folder."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            private_file(Path(parsed.database))
        engine = create_engine(url, connect_args={"timeout": CONNECT_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})


def unavailable(url: str, error: exc.DBAPIError | exc.SQLAlchemyError) -> DatabaseUnavailable:
    """DatabaseUnavailable naming the (redacted) URL and the first line of the driver's reason."""
    original = getattr(error, "orig", None) or error
    reason = (str(original).strip().splitlines() or [type(original).__name__])[0][:200]
    return DatabaseUnavailable(f"the database at {redact_url(url)} is unavailable: {reason}")


class Database:
    """One engine and its session factory; `session()` commits on success and rolls back on error."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(database_url(settings))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction; connection failures become DatabaseUnavailable."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except (exc.OperationalError, exc.InterfaceError) as error:
            session.rollback()
            raise unavailable(self.url, error) from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
