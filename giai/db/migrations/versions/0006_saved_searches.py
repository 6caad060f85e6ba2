"""Saved searches with e-mail alerts.

Revision ID: 0006_saved_searches
Revises: 0005_translation_work
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_saved_searches"
down_revision = "0005_translation_work"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("query", sa.String(length=4000), nullable=False),
        sa.Column("frequency", sa.String(length=8), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_until", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_saved_searches_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_searches")),
        sa.UniqueConstraint("token", name=op.f("uq_saved_searches_token")),
    )
    op.create_index(op.f("ix_saved_searches_user_id"), "saved_searches", ["user_id"])


def downgrade() -> None:
    op.drop_table("saved_searches")
