"""problem source and meeting time

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 17:41:26.299742
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("starts_at", sa.Time(), nullable=True))

    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.drop_column("source")

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("starts_at")
