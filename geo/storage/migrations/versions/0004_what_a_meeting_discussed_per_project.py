"""what a meeting discussed per project

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 17:37:57.873281
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting_projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("discussion", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting_projects", schema=None) as batch_op:
        batch_op.drop_column("discussion")
