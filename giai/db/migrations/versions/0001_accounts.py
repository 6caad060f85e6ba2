"""Accounts (users with roles, organisations and languages) and sign-in throttling.

Revision ID: 0001_accounts
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_accounts"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    for table, column, length in (
        ("user_roles", "role", 32),
        ("user_organisations", "organisation", 64),
        ("user_languages", "language", 8),
    ):
        op.create_table(
            table,
            sa.Column("user_id", sa.Integer(), nullable=False),
            sa.Column(column, sa.String(length=length), nullable=False),
            sa.ForeignKeyConstraint(
                ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("user_id", column, name=op.f(f"pk_{table}")),
        )
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
    )
    op.create_index(op.f("ix_sign_in_failures_at"), "sign_in_failures", ["at"])
    op.create_index("ix_sign_in_failures_scope_key_at", "sign_in_failures", ["scope", "key", "at"])


def downgrade() -> None:
    op.drop_table("sign_in_failures")
    op.drop_table("user_languages")
    op.drop_table("user_organisations")
    op.drop_table("user_roles")
    op.drop_table("users")
