"""Approvals (前期手续) as stored: each project's checklist, and where an item stands; the days
waiting, the board and what blocks a start are :mod:`geo.workflow.approvals`'s."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.refusals import Refusal, Term
from geo.storage import concurrency, store
from geo.storage.models import Approval, Project


def load_approvals(engine: Engine, project_id: int | None = None) -> pd.DataFrame:
    """Every approval item (or one project's), with its project's name and its version; by
    project, then in the order they were added."""
    query = sa.select(
        Approval.id,
        Approval.project_id,
        Project.name.label("project"),
        Approval.item,
        Approval.department,
        Approval.applied_on,
        Approval.granted_on,
        Approval.status,
        Approval.version,
    ).join(Project)
    if project_id is not None:
        query = query.where(Approval.project_id == project_id)
    return store.read_frame(engine, query.order_by(Approval.project_id, Approval.id))


def record_progress(
    session: Session,
    approval_id: int,
    *,
    status: str,
    applied_on: dt.date | None,
    granted_on: dt.date | None,
    version: int | None,
) -> None:
    """Say where an approval stands, refused when it is gone or no longer at ``version`` (the
    one the person saw; None: read in this same transaction)."""
    row = session.get(Approval, approval_id)
    if row is None:
        raise Refusal("not_found", kind=Term.of("record.approvals"), id=approval_id)
    concurrency.expect_version(session, row, version)
    row.status, row.applied_on, row.granted_on = status, applied_on, granted_on
