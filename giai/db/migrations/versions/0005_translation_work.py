"""Translators' claims on documents with their history, the portal's own demand counts, and
fragments' translations imported from XLIFF in the translators' marks.

Revision ID: 0005_translation_work
Revises: 0004_sign_in_counters
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_translation_work"
down_revision = "0004_sign_in_counters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "translation_claims",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_email", sa.String(length=254), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_translation_claims_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("doc_id", "language", name=op.f("pk_translation_claims")),
    )
    op.create_index(op.f("ix_translation_claims_organisation"), "translation_claims", ["organisation"])
    op.create_index(op.f("ix_translation_claims_active_at"), "translation_claims", ["active_at"])
    op.create_table(
        "translation_claim_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("user_email", sa.String(length=254), nullable=False),
        sa.Column("by_email", sa.String(length=254), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translation_claim_events")),
    )
    op.create_index(op.f("ix_translation_claim_events_doc_id"), "translation_claim_events", ["doc_id"])
    op.create_table(
        "document_demand",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("opens", sa.Integer(), nullable=False),
        sa.Column("finds", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("doc_id", "day", name=op.f("pk_document_demand")),
    )
    op.add_column("fragment_marks", sa.Column("translation", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fragment_marks") as batch:
        batch.drop_column("translation")
    op.drop_table("document_demand")
    op.drop_table("translation_claim_events")
    op.drop_table("translation_claims")
