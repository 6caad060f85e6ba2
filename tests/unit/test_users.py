"""Account rules: validation, hashing, throttling, sign-in and sign-out everywhere (in-memory SQLite)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from giai.db.models import Base, SignInCounter
from giai.settings import load_settings
from portal.auth.users import (
    AccountError,
    SignInOutcome,
    ThrottlePolicy,
    address_block,
    check_languages,
    check_new_password,
    check_organisations,
    check_roles,
    create_user,
    generate_password,
    grant,
    hash_password,
    is_throttled,
    normalise_email,
    set_disabled,
    set_password,
    sign_in,
    sign_out_everywhere,
    throttle_key,
    unlock,
    verify_password,
    viewer_of,
)

SECRET = b"test secret"
PASSWORD = "correct horse battery"
POLICY = ThrottlePolicy(per_account=2, per_address=3, window=timedelta(minutes=15))
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def user(session):
    created = create_user(session, "Ana@Example.org", PASSWORD, ["member"], ["fidh"])
    session.flush()
    return created


def attempt(session, password, email="ana@example.org", address="192.0.2.1", at=NOW):
    return sign_in(session, email, password, address, POLICY, SECRET, now=at)


# --- values ---------------------------------------------------------------------------------------


def test_emails_are_stored_trimmed_and_lower_case():
    assert normalise_email("  Ana@Example.ORG ") == "ana@example.org"


@pytest.mark.parametrize("text", ["", "ana", "ana@", "@example.org", "a b@example.org"])
def test_text_that_is_not_an_email_address_is_refused(text):
    with pytest.raises(AccountError):
        normalise_email(text)


def test_unknown_roles_are_refused_and_at_least_one_role_is_needed():
    with pytest.raises(AccountError, match="unknown role"):
        check_roles(["owner"])
    with pytest.raises(AccountError, match="at least one role"):
        check_roles([])


def test_organisations_must_be_slugs_and_known_when_a_list_is_given():
    assert check_organisations(["fidh", " impunity-watch "]) == {"fidh", "impunity-watch"}
    with pytest.raises(AccountError, match="slug"):
        check_organisations(["FIDH!"])
    with pytest.raises(AccountError, match="unknown organisation"):
        check_organisations(["nope"], known=["fidh"])


def test_languages_are_the_five_portal_languages():
    assert check_languages(["RU", "fr"]) == {"ru", "fr"}
    with pytest.raises(AccountError, match="unknown language"):
        check_languages(["de"])


def test_a_curator_needs_an_organisation_and_a_translator_a_language(session):
    with pytest.raises(AccountError, match="curator needs"):
        create_user(session, "c@example.org", PASSWORD, ["curator"])
    with pytest.raises(AccountError, match="translator needs"):
        create_user(session, "t@example.org", PASSWORD, ["translator"], ["fidh"])


# --- passwords ------------------------------------------------------------------------------------


def test_a_short_password_is_refused():
    with pytest.raises(AccountError, match="at least"):
        check_new_password("short")


def test_generated_passwords_are_long_and_differ():
    first, second = generate_password(), generate_password()
    assert len(first) >= 20 and first != second


def test_a_hash_verifies_its_password_only_and_does_not_contain_it():
    hashed = hash_password(PASSWORD)
    assert PASSWORD not in hashed and hashed.startswith("$argon2id$")
    assert verify_password(hashed, PASSWORD) and not verify_password(hashed, PASSWORD + "!")


def test_a_damaged_hash_verifies_nothing():
    assert not verify_password("not a hash", PASSWORD)


# --- accounts -------------------------------------------------------------------------------------


def test_two_accounts_cannot_share_an_email(session, user):
    with pytest.raises(AccountError, match="already exists"):
        create_user(session, "ANA@example.org", PASSWORD, ["member"])


def test_granting_replaces_roles_and_keeps_organisations_unless_given(session, user):
    grant(user, ["curator", "translator"], languages=["ru"])
    session.flush()
    assert set(user.roles) == {"curator", "translator"}
    assert set(user.organisations) == {"fidh"} and set(user.languages) == {"ru"}


def test_the_viewer_of_a_user_carries_their_roles_organisations_and_languages(user):
    viewer = viewer_of(user)
    assert viewer.is_authenticated and viewer.email == "ana@example.org"
    assert viewer.roles == {"member"} and viewer.organisations == {"fidh"} and viewer.languages == frozenset()


def test_signing_out_everywhere_disabling_and_a_new_password_each_void_open_sessions(user):
    versions = [user.session_version]
    sign_out_everywhere(user)
    versions.append(user.session_version)
    set_password(user, "another long password")
    versions.append(user.session_version)
    set_disabled(user, True)
    versions.append(user.session_version)
    assert versions == sorted(set(versions))


# --- sign-in and throttling -----------------------------------------------------------------------


def test_the_right_password_signs_in_and_records_when(session, user):
    result = attempt(session, PASSWORD)
    assert result.outcome is SignInOutcome.OK and result.user is user
    assert user.last_sign_in_at == NOW


def test_a_wrong_password_and_an_unknown_email_are_refused_alike(session, user):
    assert attempt(session, "wrong password").outcome is SignInOutcome.WRONG
    assert attempt(session, PASSWORD, email="nobody@example.org").outcome is SignInOutcome.WRONG


def test_email_case_does_not_matter_at_sign_in(session, user):
    assert attempt(session, PASSWORD, email=" ANA@example.org").outcome is SignInOutcome.OK


def test_a_disabled_account_cannot_sign_in_even_with_the_right_password(session, user):
    set_disabled(user, True)
    assert attempt(session, PASSWORD).outcome is SignInOutcome.DISABLED


def test_an_account_is_throttled_after_its_limit_of_failures_even_for_the_right_password(session, user):
    for n in range(POLICY.per_account):
        assert attempt(session, "wrong password", address=f"192.0.2.{n}").outcome is SignInOutcome.WRONG
    assert attempt(session, PASSWORD, address="198.51.100.7").outcome is SignInOutcome.THROTTLED


def test_an_address_is_throttled_after_its_limit_of_failures_across_accounts(session, user):
    for n in range(POLICY.per_address):
        attempt(session, "wrong password", email=f"guess{n}@example.org")
    assert attempt(session, PASSWORD).outcome is SignInOutcome.THROTTLED
    assert attempt(session, PASSWORD, address="198.51.100.7").outcome is SignInOutcome.OK


def test_throttling_ends_when_the_window_has_passed(session, user):
    for _ in range(POLICY.per_account):
        attempt(session, "wrong password")
    later = NOW + POLICY.window + timedelta(seconds=1)
    assert attempt(session, PASSWORD, at=later).outcome is SignInOutcome.OK


def test_expired_counts_are_deleted_and_a_success_clears_the_accounts_count(session, user):
    attempt(session, "wrong password", email="old@example.org", address="203.0.113.9", at=NOW - timedelta(hours=1))
    attempt(session, "wrong password")
    attempt(session, PASSWORD)
    remaining = session.execute(select(SignInCounter.scope, SignInCounter.attempts)).all()
    assert remaining == [("address", 1)]


def test_an_admin_unlock_lets_the_owner_in_after_a_strangers_guesses(session, user):
    for n in range(POLICY.per_account):
        attempt(session, "wrong password", address=f"192.0.2.{n}")
    assert attempt(session, PASSWORD, address="198.51.100.7").outcome is SignInOutcome.THROTTLED
    unlock(session, user, SECRET)
    assert attempt(session, PASSWORD, address="198.51.100.7").outcome is SignInOutcome.OK


def test_failures_are_stored_without_the_email_or_address_in_clear(session, user):
    attempt(session, "wrong password")
    keys = session.scalars(select(SignInCounter.key)).all()
    assert keys and not any("ana" in k or "192.0.2.1" in k for k in keys)


def test_throttle_keys_depend_on_the_secret_and_the_scope():
    assert throttle_key(b"a", "account", "x") != throttle_key(b"b", "account", "x")
    assert throttle_key(b"a", "account", "x") != throttle_key(b"a", "address", "x")


def test_addresses_of_one_ipv6_network_count_together():
    assert address_block("2001:db8::1") == address_block("2001:db8::ffff") == "2001:db8::/64"
    assert address_block("192.0.2.1") != address_block("192.0.2.2")


def test_throttling_starts_when_either_count_reaches_its_limit():
    assert not is_throttled(1, 2, POLICY)
    assert is_throttled(2, 0, POLICY) and is_throttled(0, 3, POLICY)


def test_the_throttle_policy_comes_from_settings():
    policy = ThrottlePolicy.from_settings(
        load_settings(environ={"GIAI_LOGIN_THROTTLE_ACCOUNT": "7", "GIAI_LOGIN_THROTTLE_WINDOW_S": "60"})
    )
    assert policy.per_account == 7 and policy.window == timedelta(seconds=60)
