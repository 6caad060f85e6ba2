"""Translators' marks on fragments left in another language (fixed or intended).

Revision ID: 0003_fragment_marks
Revises: 0002_curation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_fragment_marks"
down_revision = "0002_curation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fragment_marks",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("text_digest", sa.String(length=16), nullable=False),
        sa.Column("mark", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_email", sa.String(length=254), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_fragment_marks_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("doc_id", "page", "text_digest", name=op.f("pk_fragment_marks")),
    )


def downgrade() -> None:
    op.drop_table("fragment_marks")
