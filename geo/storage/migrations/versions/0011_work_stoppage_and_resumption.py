"""work stoppage and resumption (停复工)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _versioned() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "stoppage_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        *_versioned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stoppage_periods")),
        sa.UniqueConstraint("name", name=op.f("uq_stoppage_periods_name")),
    )
    op.create_table(
        "stoppage_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("stops", sa.Boolean(), nullable=False),
        sa.Column("stopped_on", sa.Date(), nullable=True),
        sa.Column("planned_resume_on", sa.Date(), nullable=True),
        sa.Column("resumed_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["stoppage_periods.id"],
            name=op.f("fk_stoppage_reports_period_id_stoppage_periods"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_stoppage_reports_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stoppage_reports")),
        sa.UniqueConstraint("period_id", "project_id", name=op.f("uq_stoppage_reports_period_id")),
    )
    with op.batch_alter_table("stoppage_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stoppage_reports_period_id"), ["period_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_stoppage_reports_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "site_headcounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["stoppage_periods.id"],
            name=op.f("fk_site_headcounts_period_id_stoppage_periods"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_site_headcounts_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_headcounts")),
        sa.UniqueConstraint(
            "period_id", "project_id", "on_date", name=op.f("uq_site_headcounts_period_id")
        ),
    )
    with op.batch_alter_table("site_headcounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_site_headcounts_period_id"), ["period_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_site_headcounts_project_id"), ["project_id"], unique=False
        )


def downgrade() -> None:
    for table in ("site_headcounts", "stoppage_reports"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_project_id"))
            batch_op.drop_index(batch_op.f(f"ix_{table}_period_id"))
        op.drop_table(table)
    op.drop_table("stoppage_periods")
