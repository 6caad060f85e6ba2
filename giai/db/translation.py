"""Tables of the translators' workflow: claims on documents, their history, and the portal's own
count of how often each document is opened or found (the worklist's demand).

A `TranslationClaim` says one translator works on one document for one language (one claim per
document and language: the primary key). Its state moves claimed → in_progress → in_review →
done; a claim not done and untouched for longer than the expiry counts as free and is removed,
with its history line, when next read. Every change (claim, state, release, reassignment,
expiry, import) is a `ClaimEvent` line of the document's history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import ForeignKey, String, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from giai.db.models import Base, utcnow

CLAIM_STATES = ("claimed", "in_progress", "in_review", "done")


class ClaimError(ValueError):
    """A claim change that cannot be made; `code` names why (for the message)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class TranslationClaim(Base):
    __tablename__ = "translation_claims"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64), index=True)  # the document's, for its curators
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    user_email: Mapped[str] = mapped_column(String(254))
    state: Mapped[str] = mapped_column(String(16))
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    active_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class ClaimEvent(Base):
    """One line of a document's translation history: `action` (claim, state, release, reassign,
    expire, import) by `by_email`, leaving the claim with `user_email` in `state` ("" when none)."""

    __tablename__ = "translation_claim_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(8))
    action: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    user_email: Mapped[str] = mapped_column(String(254))
    by_email: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class DemandCount(Base):
    """How often a document was opened (`opens`) and opened from a search result (`finds`) on one day."""

    __tablename__ = "document_demand"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    opens: Mapped[int] = mapped_column(default=0)
    finds: Mapped[int] = mapped_column(default=0)


def _event(session: Session, claim: TranslationClaim, action: str, by_email: str, state: str | None = None) -> None:
    session.add(ClaimEvent(doc_id=claim.doc_id, language=claim.language, action=action,
                           state=claim.state if state is None else state, user_email=claim.user_email, by_email=by_email))


def expire_claims(session: Session, now: datetime, expiry: timedelta, doc_ids: Iterable[str] | None = None) -> int:
    """Remove the claims (of `doc_ids`, or all) not done and inactive since `now - expiry`, each
    with an `expire` line; how many."""
    query = select(TranslationClaim).where(TranslationClaim.state != "done", TranslationClaim.active_at < now - expiry)
    if doc_ids is not None:
        query = query.where(TranslationClaim.doc_id.in_(list(doc_ids)))
    expired = list(session.scalars(query.with_for_update()))
    for claim in expired:
        _event(session, claim, "expire", "", state="")
        session.delete(claim)
    session.flush()
    return len(expired)


def claims_of(session: Session, doc_ids: Iterable[str], language: str) -> dict[str, TranslationClaim]:
    """doc_id → its claim for `language` (expired ones removed first by the caller)."""
    ids = list(doc_ids)
    if not ids:
        return {}
    rows = session.scalars(select(TranslationClaim).where(TranslationClaim.doc_id.in_(ids), TranslationClaim.language == language))
    return {claim.doc_id: claim for claim in rows}


def claim(session: Session, doc_id: str, language: str, organisation: str, user_id: int | None, email: str) -> TranslationClaim:
    """A new claim in state `claimed`; ClaimError("taken") when the document already has one for
    the language (the primary key decides between two simultaneous claims)."""
    if session.get(TranslationClaim, (doc_id, language)) is not None:
        raise ClaimError("taken")
    claimed = TranslationClaim(doc_id=doc_id, language=language, organisation=organisation, user_id=user_id,
                               user_email=email, state="claimed")
    session.add(claimed)
    _event(session, claimed, "claim", email)
    try:
        session.flush()
    except IntegrityError:  # a claim made at the same moment won the primary key
        raise ClaimError("taken") from None
    return claimed


def set_state(session: Session, claimed: TranslationClaim, state: str, by_email: str) -> None:
    if state not in CLAIM_STATES:
        raise ClaimError("bad_state")
    claimed.state, claimed.active_at = state, utcnow()
    _event(session, claimed, "state", by_email)
    session.flush()


def release(session: Session, claimed: TranslationClaim, by_email: str) -> None:
    _event(session, claimed, "release", by_email, state="")
    session.delete(claimed)
    session.flush()


def reassign(session: Session, claimed: TranslationClaim, user_id: int, email: str, by_email: str) -> None:
    claimed.user_id, claimed.user_email, claimed.active_at = user_id, email, utcnow()
    _event(session, claimed, "reassign", by_email)
    session.flush()


def record_import(session: Session, doc_id: str, language: str, by_email: str) -> None:
    """A history line for a translation imported from XLIFF; the importer's claim, if any, is
    active again (importing is work on it)."""
    session.execute(update(TranslationClaim).where(TranslationClaim.doc_id == doc_id, TranslationClaim.language == language)
                    .values(active_at=utcnow()))
    session.add(ClaimEvent(doc_id=doc_id, language=language, action="import", state="", user_email=by_email, by_email=by_email))
    session.flush()


def events_of(session: Session, doc_id: str) -> list[ClaimEvent]:
    """The document's translation history, newest first."""
    return list(session.scalars(select(ClaimEvent).where(ClaimEvent.doc_id == doc_id).order_by(ClaimEvent.id.desc())))


def count_demand(session: Session, doc_id: str, day: date, found: bool) -> None:
    """One more open of `doc_id` on `day` (and one more find when it was opened from a search),
    in one statement, so concurrent views never lose a count."""
    values = {"doc_id": doc_id, "day": day, "opens": 1, "finds": int(found)}
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(DemandCount).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=["doc_id", "day"],
        set_={"opens": DemandCount.opens + 1, "finds": DemandCount.finds + int(found)},
    )
    session.execute(statement)


def demand_since(session: Session, since: date, doc_ids: Iterable[str]) -> dict[str, int]:
    """doc_id → opens since `since` (a find is an open from a search: counted once)."""
    ids = list(doc_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(DemandCount.doc_id, func.sum(DemandCount.opens))
        .where(DemandCount.day >= since, DemandCount.doc_id.in_(ids))
        .group_by(DemandCount.doc_id)
    )
    return {doc_id: int(total or 0) for doc_id, total in rows}


def top_demand(session: Session, since: date, limit: int) -> dict[str, int]:
    """The `limit` documents opened most since `since`, each with its opens, most first."""
    total = func.sum(DemandCount.opens)
    rows = session.execute(
        select(DemandCount.doc_id, total).where(DemandCount.day >= since).group_by(DemandCount.doc_id)
        .order_by(total.desc(), DemandCount.doc_id).limit(limit)
    )
    return {doc_id: int(opens or 0) for doc_id, opens in rows}
