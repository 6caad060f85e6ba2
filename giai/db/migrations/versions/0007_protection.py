"""Protected names, originals marked safe, content-note flags, decisions on proposed names,
readers' content-note preference.

Revision ID: 0007_protection
Revises: 0004_sign_in_counters
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_protection"
down_revision = "0006_saved_searches"
branch_labels = None
depends_on = None


def _user(table: str, ondelete: str = "SET NULL") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "protected_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=True),
        sa.Column("translation_group", sa.String(length=64), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("spellings", sa.JSON(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_email", sa.String(length=254), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _user("protected_names"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_protected_names")),
    )
    op.create_index(op.f("ix_protected_names_organisation"), "protected_names", ["organisation"])
    op.create_index(op.f("ix_protected_names_doc_id"), "protected_names", ["doc_id"])
    op.create_table(
        "safe_originals",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _user("safe_originals"),
        sa.PrimaryKeyConstraint("doc_id", name=op.f("pk_safe_originals")),
    )
    op.create_table(
        "content_note_marks",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_email", sa.String(length=254), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _user("content_note_marks"),
        sa.PrimaryKeyConstraint("doc_id", "page", name=op.f("pk_content_note_marks")),
    )
    op.create_table(
        "name_candidate_decisions",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _user("name_candidate_decisions"),
        sa.PrimaryKeyConstraint("doc_id", "name", name=op.f("pk_name_candidate_decisions")),
    )
    op.create_table(
        "reader_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("content_notes", sa.String(length=8), nullable=False),
        _user("reader_preferences", "CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_reader_preferences")),
    )


def downgrade() -> None:
    for table in ("reader_preferences", "name_candidate_decisions", "content_note_marks", "safe_originals", "protected_names"):
        op.drop_table(table)
