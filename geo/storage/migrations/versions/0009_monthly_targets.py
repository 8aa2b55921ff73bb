"""monthly targets

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 20:01:54.809394
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monthly_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("target_wan", sa.Float(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_monthly_targets_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monthly_targets")),
        sa.UniqueConstraint(
            "project_id", "year", "month", name=op.f("uq_monthly_targets_project_id")
        ),
    )
    with op.batch_alter_table("monthly_targets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_monthly_targets_project_id"), ["project_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("monthly_targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_monthly_targets_project_id"))

    op.drop_table("monthly_targets")
