"""ledger column mappings the office remembers

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("header", sa.String(length=200), nullable=False),
        sa.Column("reads_as", sa.String(length=32), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_mappings")),
        sa.UniqueConstraint("header", name=op.f("uq_ledger_mappings_header")),
    )


def downgrade() -> None:
    op.drop_table("ledger_mappings")
