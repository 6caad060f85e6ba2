"""Tables of accounts and sign-in throttling. The curation tables build on `Base` and `User`.

Every timestamp is stored and returned as an aware UTC datetime on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, MetaData, String, TypeDecorator
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so migrations can alter them by name on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator):
    """A timezone-aware UTC datetime; SQLite, which keeps no zone, gets UTC back on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime}


class User(Base):
    """An account. `session_version` is in every sign-in cookie: raising it signs the user out everywhere."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(default=False)
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]

    role_rows: Mapped[set[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    organisation_rows: Mapped[set[UserOrganisation]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    language_rows: Mapped[set[UserLanguage]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    roles: AssociationProxy[set[str]] = association_proxy("role_rows", "role", creator=lambda v: UserRole(role=v))
    organisations: AssociationProxy[set[str]] = association_proxy(
        "organisation_rows", "organisation", creator=lambda v: UserOrganisation(organisation=v)
    )
    languages: AssociationProxy[set[str]] = association_proxy(
        "language_rows", "language", creator=lambda v: UserLanguage(language=v)
    )

    def __repr__(self) -> str:  # never shows the hash
        return f"<User {self.id} {self.email}>"


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class UserOrganisation(Base):
    """An organisation the user belongs to (and curates, if they are a curator)."""

    __tablename__ = "user_organisations"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64), primary_key=True)


class UserLanguage(Base):
    """A language the user translates into (translators)."""

    __tablename__ = "user_languages"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)


class SignInCounter(Base):
    """Sign-in attempts of one account or address in the window that started at `window_start`.
    `key` is a keyed digest of the email or the address, so the table holds neither in clear; the
    count is raised and read in one statement, whose row lock makes check-and-count atomic."""

    __tablename__ = "sign_in_counters"

    scope: Mapped[str] = mapped_column(String(16), primary_key=True)  # "account" | "address"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(index=True)
    attempts: Mapped[int]


class EndedSession(Base):
    """A sign-in session ended by signing out, refused until its cookie would have expired anyway."""

    __tablename__ = "ended_sessions"

    session_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)
