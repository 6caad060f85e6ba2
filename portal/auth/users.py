"""Accounts: validation, password hashing, sign-in with throttling, sign-out everywhere.

The rules are plain functions; the few that read or write take a SQLAlchemy session and never
commit (the caller's transaction does). Passwords and hashes are never put in messages or logs.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import case, delete, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from giai.access import ROLES, Viewer
from giai.db.models import SignInCounter, User, utcnow
from giai.index_schema import LANGUAGES
from giai.settings import Settings

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # hashing a megabyte per attempt would be a denial of service
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")

_hasher = PasswordHasher()


class AccountError(ValueError):
    """An account operation was refused. The message says why in English (command line); `code`
    and `params` let a user interface say it in the reader's language."""

    def __init__(self, message: str, code: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


# --- values ---------------------------------------------------------------------------------------


def normalise_email(text: str) -> str:
    """The email as stored: trimmed and lower-cased; AccountError if it is not an address."""
    email = text.strip().lower()
    if len(email) > 254 or not _EMAIL.fullmatch(email):
        raise AccountError(f"{text.strip()!r} is not an email address", "not_email", text=text.strip())
    return email


def check_roles(roles: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(roles)
    if not chosen:
        raise AccountError(f"give at least one role ({', '.join(ROLES)})", "no_role")
    unknown = sorted(chosen - set(ROLES))
    if unknown:
        raise AccountError(f"unknown role {', '.join(unknown)}: choose from {', '.join(ROLES)}", "unknown_role")
    return chosen


def check_organisations(organisations: Iterable[str], known: Iterable[str] | None = None) -> frozenset[str]:
    """Organisation slugs; with `known`, each must be one of them."""
    chosen = frozenset(o.strip() for o in organisations if o.strip())
    bad = sorted(o for o in chosen if not _SLUG.fullmatch(o))
    if bad:
        raise AccountError(
            f"{', '.join(bad)}: an organisation is a slug like fidh or impunity-watch", "bad_organisation"
        )
    if known is not None:
        unknown = sorted(chosen - set(known))
        if unknown:
            raise AccountError(f"unknown organisation {', '.join(unknown)}", "unknown_organisation")
    return chosen


def check_languages(languages: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(lang.strip().lower() for lang in languages if lang.strip())
    unknown = sorted(chosen - set(LANGUAGES))
    if unknown:
        raise AccountError(
            f"unknown language {', '.join(unknown)}: choose from {', '.join(LANGUAGES)}", "unknown_language"
        )
    return chosen


def check_grants(roles: frozenset[str], organisations: frozenset[str], languages: frozenset[str]) -> None:
    """A curator needs an organisation to curate and a translator a language to translate into."""
    if "curator" in roles and not organisations:
        raise AccountError("a curator needs at least one organisation (--org)", "curator_without_organisation")
    if "translator" in roles and not languages:
        raise AccountError("a translator needs at least one language (--lang)", "translator_without_language")


# --- passwords ------------------------------------------------------------------------------------


def check_new_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters", "password_too_short")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"a password has at most {MAX_PASSWORD_LENGTH} characters", "password_too_long")
    return password


def generate_password() -> str:
    """A random password of 20 URL-safe characters (120 bits)."""
    return secrets.token_urlsafe(15)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# --- accounts -------------------------------------------------------------------------------------


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def get_user(session: Session, email: str) -> User:
    """The user with `email`, or AccountError."""
    user = find_user(session, email)
    if user is None:
        raise AccountError(f"no account for {email.strip()}", "no_account")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.email)))


def create_user(
    session: Session,
    email: str,
    password: str,
    roles: Iterable[str],
    organisations: Iterable[str] = (),
    languages: Iterable[str] = (),
    known_organisations: Iterable[str] | None = None,
) -> User:
    """A new account (added to the session, not committed); AccountError if anything is invalid."""
    address = normalise_email(email)
    if find_user(session, address) is not None:
        raise AccountError(f"an account for {address} already exists", "exists", email=address)
    user = User(email=address)
    grant(user, roles, organisations, languages, known_organisations)
    user.password_hash = hash_password(check_new_password(password))
    session.add(user)
    return user


def grant(
    user: User,
    roles: Iterable[str],
    organisations: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
    known_organisations: Iterable[str] | None = None,
) -> None:
    """Replace the user's roles, and their organisations and languages when given (None keeps them)."""
    new_roles = check_roles(roles)
    new_orgs = (
        check_organisations(organisations, known_organisations)
        if organisations is not None
        else frozenset(user.organisations)
    )
    new_langs = check_languages(languages) if languages is not None else frozenset(user.languages)
    check_grants(new_roles, new_orgs, new_langs)
    _replace(user.roles, new_roles)
    _replace(user.organisations, new_orgs)
    _replace(user.languages, new_langs)


def _replace(current: set[str], wanted: frozenset[str]) -> None:
    """Change a stored set in place, touching only the rows that differ."""
    for value in set(current) - wanted:
        current.discard(value)
    for value in wanted - set(current):
        current.add(value)


def set_password(user: User, password: str) -> None:
    """A new password; every existing sign-in of the user ends."""
    user.password_hash = hash_password(check_new_password(password))
    sign_out_everywhere(user)


def set_disabled(user: User, disabled: bool) -> None:
    """Disable (every sign-in ends at once) or enable an account."""
    if disabled and not user.disabled:
        sign_out_everywhere(user)
    user.disabled = disabled


def sign_out_everywhere(user: User) -> None:
    """Every session cookie carries the version it was issued with; raising it voids them all."""
    user.session_version += 1


def viewer_of(user: User) -> Viewer:
    return Viewer(
        user_id=user.id,
        email=user.email,
        roles=frozenset(user.roles),
        organisations=frozenset(user.organisations),
        languages=frozenset(user.languages),
    )


# --- sign-in and throttling -----------------------------------------------------------------------


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failed sign-ins, per account and per address, a window allows."""

    per_account: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)

    @classmethod
    def from_settings(cls, settings: Settings) -> ThrottlePolicy:
        return cls(
            per_account=settings.login_throttle_account,
            per_address=settings.login_throttle_address,
            window=timedelta(seconds=settings.login_throttle_window_s),
        )


def is_throttled(account_failures: int, address_failures: int, policy: ThrottlePolicy) -> bool:
    """True once either count has reached its limit within the window."""
    return account_failures >= policy.per_account or address_failures >= policy.per_address


def throttle_key(secret: bytes, scope: str, value: str) -> str:
    """A keyed digest of an email or address: countable, but not readable from the table."""
    return hmac.new(secret, f"{scope}\x1f{value}".encode(), hashlib.sha256).hexdigest()


def address_block(address: str) -> str:
    """The unit counted per address: the address itself, but the whole /64 for IPv6, since one
    machine usually holds a /64 and could otherwise change address at every attempt."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class SignInOutcome(Enum):
    OK = "ok"
    WRONG = "wrong"  # unknown email or wrong password: never say which
    DISABLED = "disabled"  # right password, disabled account
    THROTTLED = "throttled"


@dataclass(frozen=True)
class SignIn:
    outcome: SignInOutcome
    user: User | None = None


def sign_in(
    session: Session,
    email: str,
    password: str,
    address: str,
    policy: ThrottlePolicy,
    secret: bytes,
    now: datetime | None = None,
) -> SignIn:
    """Check a sign-in attempt, counting attempts per account and per address.

    Each attempt is counted before the password is looked at, in one statement that locks the
    counter's row until the caller commits, so concurrent attempts (other threads, other workers)
    are checked one after the other and never exceed the limits. A throttled attempt is refused
    even with the right password, so guessing gains nothing; an attempt that turns out right (or
    a disabled account's) is taken back, and a success clears the account's count."""
    now = now or utcnow()
    email = email.strip().lower()
    account_key = throttle_key(secret, "account", email)
    address_key = throttle_key(secret, "address", address_block(address))
    since = now - policy.window
    # Always in this order (account, then address), so two attempts never wait on each other.
    account_attempts = _count_attempt(session, "account", account_key, now, since)
    address_attempts = _count_attempt(session, "address", address_key, now, since)
    _forget_expired(session, since)
    if is_throttled(account_attempts - 1, address_attempts - 1, policy):
        return SignIn(SignInOutcome.THROTTLED)
    user = find_user(session, email)
    if user is None or not verify_password(user.password_hash, password):
        if user is None:
            verify_password(_dummy_hash(), password)
        return SignIn(SignInOutcome.WRONG)
    _take_back(session, "address", address_key)
    if user.disabled:
        _take_back(session, "account", account_key)
        return SignIn(SignInOutcome.DISABLED, user)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    _clear(session, "account", account_key)
    user.last_sign_in_at = now
    return SignIn(SignInOutcome.OK, user)


def unlock(session: Session, user: User, secret: bytes) -> None:
    """Forget the failed sign-ins of `user`'s account, so a stranger's guesses no longer keep its
    owner out (an administrator's second path; the address's own count stays)."""
    _clear(session, "account", throttle_key(secret, "account", user.email))


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the email is unknown, so an unknown account takes as long as a known one."""
    return _hasher.hash(secrets.token_urlsafe(16))


def _count_attempt(session: Session, scope: str, key: str, now: datetime, since: datetime) -> int:
    """One more attempt for (scope, key), in a window restarted when the last one has passed;
    the attempts of the window, this one included."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(SignInCounter).values(scope=scope, key=key, window_start=now, attempts=1)
    expired = SignInCounter.window_start < since
    statement = statement.on_conflict_do_update(
        index_elements=[SignInCounter.scope, SignInCounter.key],
        set_={
            "attempts": case((expired, 1), else_=SignInCounter.attempts + 1),
            "window_start": case((expired, statement.excluded.window_start), else_=SignInCounter.window_start),
        },
    ).returning(SignInCounter.attempts)
    return session.execute(statement).scalar_one()


def _take_back(session: Session, scope: str, key: str) -> None:
    session.execute(
        update(SignInCounter)
        .where(SignInCounter.scope == scope, SignInCounter.key == key)
        .values(attempts=SignInCounter.attempts - 1)
    )


def _clear(session: Session, scope: str, key: str) -> None:
    session.execute(delete(SignInCounter).where(SignInCounter.scope == scope, SignInCounter.key == key))


def _forget_expired(session: Session, since: datetime) -> None:
    """Delete counters whose window has passed, skipping any another attempt holds: waiting for
    it while holding our own counters could deadlock."""
    stale = (
        select(SignInCounter.scope, SignInCounter.key)
        .where(SignInCounter.window_start < since)
        .with_for_update(skip_locked=True)
    )
    session.execute(delete(SignInCounter).where(tuple_(SignInCounter.scope, SignInCounter.key).in_(stale)))
