"""Curation: curators' corrections of documents and the history of every change.

Revision ID: 0002_curation
Revises: 0001_accounts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_curation"
down_revision = "0001_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_corrections_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("doc_id", "field", name=op.f("pk_corrections")),
    )
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_corrections_organisation"), ["organisation"], unique=False)

    op.create_table(
        "curation_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("old_evidence", sa.JSON(), nullable=True),
        sa.Column("old_correction", sa.JSON(), nullable=True),
        sa.Column("new_correction", sa.JSON(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_email", sa.String(length=254), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undoes_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["undoes_id"],
            ["curation_changes.id"],
            name=op.f("fk_curation_changes_undoes_id_curation_changes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_curation_changes_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curation_changes")),
    )
    with op.batch_alter_table("curation_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_curation_changes_doc_id"), ["doc_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("curation_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_curation_changes_doc_id"))
    op.drop_table("curation_changes")
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corrections_organisation"))
    op.drop_table("corrections")
