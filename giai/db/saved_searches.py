"""Saved searches: a signed-in reader's search (its URL arguments) with the e-mail digest of new
documents matching it, daily or weekly, in the reader's UI language.

`checked_until` is where the next digest starts: documents indexed after it are new to the reader.
`token` is the secret of the unsubscribe link, which works without signing in.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from giai.db.models import Base, User, utcnow

FREQUENCIES = ("daily", "weekly")
MAX_QUERY_CHARS = 4000
MAX_NAME_CHARS = 200


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SavedSearch(Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME_CHARS))
    query: Mapped[str] = mapped_column(String(MAX_QUERY_CHARS))  # URL arguments, as in the search page's address
    frequency: Mapped[str] = mapped_column(String(8))
    locale: Mapped[str] = mapped_column(String(8))
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    checked_until: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="selectin")
