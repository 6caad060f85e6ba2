"""The accounts database on SQLite and PostgreSQL alike: migrations, constraints, timestamps, the
`giai users` and `giai db` commands, and a clear error when the database is down."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import exc, inspect, select

from commands.users import db, users
from giai.db import (
    Database,
    DatabaseUnavailable,
    current_revision,
    head_revision,
    upgrade,
)
from giai.db.migrate import downgrade
from giai.db.models import Base, User, UserRole
from portal.auth.users import SignInOutcome, ThrottlePolicy, create_user, sign_in

PASSWORD = "a long enough password"
GIAI = Path(sys.executable).parent / "giai"


def run(database_url, group, *args, input=None):
    """`giai <group> <args…>` on `database_url`."""
    command = {"users": users, "db": db}[group]
    return CliRunner().invoke(command, list(args), input=input, env={"GIAI_DATABASE_URL": database_url})


def test_the_database_is_at_the_newest_migration(database_url):
    assert current_revision(database_url) == head_revision()


def test_the_migrations_create_exactly_what_the_models_declare(database):
    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_migrations_go_down_to_an_empty_schema_and_up_again(database_url):
    downgrade(database_url, "base")
    engine = Database(database_url).engine
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(database_url)
    upgrade(database_url)  # a second upgrade changes nothing
    assert {"users", "user_roles", "sign_in_counters", "ended_sessions"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_an_account_reads_back_with_its_grants_and_an_aware_utc_timestamp(database):
    with database.session() as session:
        create_user(session, "Ana@example.org", PASSWORD, ["curator", "translator"], ["fidh", "crd"], ["ru"])
    with database.session() as session:
        user = session.scalar(select(User))
        assert (user.email, set(user.roles), set(user.organisations), set(user.languages)) == (
            "ana@example.org",
            {"curator", "translator"},
            {"fidh", "crd"},
            {"ru"},
        )
        assert user.created_at.tzinfo is not None and abs(user.created_at - datetime.now(UTC)) < timedelta(minutes=1)


def test_the_database_itself_refuses_two_accounts_with_one_email(database):
    with database.session() as session:
        session.add(User(email="ana@example.org", password_hash="x"))
    with pytest.raises(exc.IntegrityError):
        with database.session() as session:
            session.add(User(email="ana@example.org", password_hash="y"))


def test_deleting_an_account_deletes_its_roles(database):
    with database.session() as session:
        create_user(session, "ana@example.org", PASSWORD, ["member"])
    with database.session() as session:
        session.delete(session.scalar(select(User)))
    with database.session() as session:
        assert session.scalars(select(UserRole)).all() == []


def test_throttling_counts_failures_stored_in_the_database(database):
    policy = ThrottlePolicy(per_account=2, per_address=50)
    with database.session() as session:
        create_user(session, "ana@example.org", PASSWORD, ["member"])
    outcomes = []
    for password in ("wrong one", "wrong two", PASSWORD):
        with database.session() as session:
            outcomes.append(sign_in(session, "ana@example.org", password, "192.0.2.9", policy, b"k").outcome)
    assert outcomes == [SignInOutcome.WRONG, SignInOutcome.WRONG, SignInOutcome.THROTTLED]


def test_concurrent_wrong_guesses_never_exceed_the_limit(database):
    policy = ThrottlePolicy(per_account=2, per_address=50)
    with database.session() as session:
        create_user(session, "ana@example.org", PASSWORD, ["member"])
    guesses = 8
    start = threading.Barrier(guesses)

    def guess(n: int) -> SignInOutcome:
        start.wait()
        with database.session() as session:
            return sign_in(session, "ana@example.org", f"wrong {n}", f"192.0.2.{n}", policy, b"k").outcome

    with ThreadPoolExecutor(guesses) as pool:
        outcomes = list(pool.map(guess, range(guesses)))
    assert outcomes.count(SignInOutcome.WRONG) == policy.per_account
    assert outcomes.count(SignInOutcome.THROTTLED) == guesses - policy.per_account


def test_users_unlock_lets_the_owner_in_after_a_strangers_guesses(database_url, database):
    policy = ThrottlePolicy(per_account=2, per_address=50)
    with database.session() as session:
        create_user(session, "ana@example.org", PASSWORD, ["admin"])
    for n in range(3):
        with database.session() as session:
            sign_in(session, "ana@example.org", "wrong", f"192.0.2.{n}", policy, b"k")
    result = CliRunner().invoke(
        users, ["unlock", "ana@example.org"], env={"GIAI_DATABASE_URL": database_url, "GIAI_PORTAL_SECRET_KEY": "k"}
    )
    assert result.exit_code == 0, result.output
    with database.session() as session:
        assert sign_in(session, "ana@example.org", PASSWORD, "198.51.100.1", policy, b"k").outcome is SignInOutcome.OK


def test_a_database_that_is_down_raises_one_readable_line_without_its_password():
    down = Database("postgresql+psycopg://giai:s3cret-pw@127.0.0.1:1/giai")
    with pytest.raises(DatabaseUnavailable) as error:
        with down.session() as session:
            session.scalar(select(User))
    message = str(error.value)
    assert "127.0.0.1:1" in message and "s3cret-pw" not in message and "\n" not in message


# --- the commands ---------------------------------------------------------------------------------


def test_users_add_reads_a_piped_password_and_prints_none(database_url, database):
    result = run(
        database_url, "users", "add", "ana@example.org", "--role", "member", "--org", "fidh", input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output and "Password" not in result.output
    with database.session() as session:
        assert (
            sign_in(session, "ana@example.org", PASSWORD, "192.0.2.1", ThrottlePolicy(), b"k").outcome
            is SignInOutcome.OK
        )


def test_users_add_without_a_piped_password_prints_a_generated_one_once(database_url, database):
    result = run(database_url, "users", "add", "admin@example.org", "--role", "admin", input="")
    assert result.exit_code == 0, result.output
    password = result.output.strip().splitlines()[-1].rsplit(" ", 1)[-1]
    assert len(password) >= 20 and result.output.count(password) == 1
    with database.session() as session:
        assert sign_in(session, "admin@example.org", password, "192.0.2.1", ThrottlePolicy(), b"k").user


def test_users_add_refuses_a_second_account_for_one_email_unless_exists_ok(database_url, database):
    run(database_url, "users", "add", "ana@example.org", "--role", "member", input=PASSWORD)
    again = run(database_url, "users", "add", "ANA@example.org", "--role", "admin", input=PASSWORD)
    assert again.exit_code == 1 and "already exists" in again.output
    tolerated = run(database_url, "users", "add", "ana@example.org", "--role", "admin", "--exists-ok", input="")
    assert tolerated.exit_code == 0 and "left unchanged" in tolerated.output


def test_users_add_refuses_an_unknown_organisation_in_one_line(database_url, database):
    result = run(
        database_url, "users", "add", "ana@example.org", "--role", "member", "--org", "nowhere", input=PASSWORD
    )
    assert result.exit_code == 1 and result.output.strip() == "Error: unknown organisation nowhere"


def test_set_role_disable_and_list_show_the_change(database_url, database):
    run(database_url, "users", "add", "t@example.org", "--role", "translator", "--lang", "ru", input=PASSWORD)
    assert (
        run(database_url, "users", "set-role", "t@example.org", "--role", "curator", "--org", "fidh,crd").exit_code == 0
    )
    assert run(database_url, "users", "disable", "t@example.org").exit_code == 0
    listing = run(database_url, "users", "list").output
    assert listing.split("\n")[0].split("\t")[:5] == ["t@example.org", "curator", "crd,fidh", "ru", "disabled"]


def test_account_changes_from_the_command_line_are_in_the_audit_trail(database_url, database):
    from giai.db.audit import AuditEvent

    run(database_url, "users", "add", "t@example.org", "--role", "translator", "--lang", "ru", input=PASSWORD)
    run(database_url, "users", "set-role", "t@example.org", "--role", "curator", "--org", "fidh")
    run(database_url, "users", "disable", "t@example.org")
    with database.session() as session:
        events = [(e.action, e.target, e.actor.startswith("cli:")) for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert events == [("account_add", "t@example.org", True), ("account_change", "t@example.org", True),
                      ("account_disable", "t@example.org", True)]


def test_commands_on_an_unmigrated_database_say_to_run_db_upgrade(tmp_path):
    result = run(f"sqlite:///{tmp_path / 'new.sqlite3'}", "users", "list")
    assert result.exit_code == 1 and "giai db upgrade" in result.output


def test_db_upgrade_works_from_any_directory(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    done = subprocess.run(
        [str(GIAI), "db", "upgrade"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=os.environ | {"GIAI_DATABASE_URL": url},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert current_revision(url) == head_revision()
