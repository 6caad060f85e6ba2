"""A consistent copy of the database, and putting one back into an empty database.

SQLite: the online backup API (a consistent copy while the portal writes). PostgreSQL: `pg_dump`
in its custom format, restored with `pg_restore`; a URL whose connections set a `search_path`
(one schema of a shared server) dumps and restores that schema only. The password goes to the
tools through the environment, never on their command line.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL, make_url

from giai.db.engine import Database, unavailable
from giai.private_files import private_file

SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.pgdump"
_SEARCH_PATH = re.compile(r"-csearch_path=([A-Za-z0-9_]+)")


class DumpError(RuntimeError):
    """The database could not be dumped or restored; one readable line."""


def kind(url: str) -> str:
    return make_url(url).get_backend_name()


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection arguments of pg_dump/pg_restore for `url`, and the environment with its password."""
    args = ["--host", url.host or "127.0.0.1", "--port", str(url.port or 5432), "--dbname", url.database or ""]
    if url.username:
        args += ["--username", url.username]
    env = {**os.environ, "PGPASSWORD": url.password or "", "PGCONNECT_TIMEOUT": "5"}
    return args, env


def _schema(url: URL) -> str | None:
    match = _SEARCH_PATH.search(str(url.query.get("options", "")))
    return match.group(1) if match else None


def _run(argv: list[str], env: dict[str, str], what: str) -> None:
    if shutil.which(argv[0]) is None:
        raise DumpError(f"{what}: {argv[0]} is not installed (Debian's postgresql-client)")
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise DumpError(f"{what} failed: {reason}")


def dump(url: str, folder: Path) -> Path:
    """Write a consistent copy of the database at `url` into `folder`; returns the file."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        target = folder / SQLITE_DUMP
        if not parsed.database or not Path(parsed.database).is_file():
            raise DumpError(f"no database file at {parsed.database}")
        copy_sqlite(Path(parsed.database), target)
        return target
    target = folder / POSTGRES_DUMP
    args, env = _libpq(parsed)
    schema = _schema(parsed)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
          *(["--schema", schema] if schema else []), "--file", str(target)], env, "pg_dump")
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file that others may be writing (its WAL included)."""
    private_file(target)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def is_empty(url: str) -> bool:
    """Whether the database holds no table yet (a SQLite file that does not exist is empty)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and (not parsed.database or not Path(parsed.database).exists()):
        return True
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            schema = _schema(parsed) if parsed.get_backend_name() != "sqlite" else None
            return not inspect(connection).get_table_names(schema=schema)
    except Exception as error:  # noqa: BLE001 — any driver error is "unavailable", with its reason
        raise DumpError(str(unavailable(url, error))) from None
    finally:
        database.dispose()


def restore(url: str, folder: Path) -> None:
    """Put the dump in `folder` into the empty database at `url`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        source = folder / SQLITE_DUMP
        if not source.is_file():
            raise DumpError("the backup holds no SQLite database, but GIAI_DATABASE_URL names a SQLite file")
        copy_sqlite(source, Path(parsed.database))
        return
    source = folder / POSTGRES_DUMP
    if not source.is_file():
        raise DumpError("the backup holds no PostgreSQL dump, but GIAI_DATABASE_URL names PostgreSQL")
    args, env = _libpq(parsed)
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, str(source)], env, "pg_restore")
