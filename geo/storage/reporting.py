"""The monthly reports (月报) as stored: one progress report per project and month-end,
read and written inside the caller's transaction; what a filing must satisfy is in
:mod:`geo.workflow.reporting`."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from geo.storage import concurrency
from geo.storage.models import ProgressReport, Project
from geo.storage.store import Session
from geo.storage.targets import last_targets_change

#: What a project filed for a month: ``(project_id, completed_wan, cumulative_wan, stage,
#: physical_progress)``.
Figures = tuple[int, float, float | None, str | None, str | None]


def _month_reports(
    session: Session, project_ids: list[int], as_of: dt.date
) -> list[ProgressReport]:
    return list(
        session.scalars(
            sa.select(ProgressReport)
            .where(ProgressReport.project_id.in_(project_ids), ProgressReport.as_of == as_of)
            .order_by(ProgressReport.project_id)
        )
    )


def month_figures(session: Session, project_ids: list[int], as_of: dt.date) -> tuple[Figures, ...]:
    """What these projects have filed at ``as_of``, by project (those without a report are
    absent)."""
    return tuple(
        (r.project_id, r.completed_wan, r.cumulative_wan, r.stage, r.physical_progress)
        for r in _month_reports(session, project_ids, as_of)
    )


def last_month_change(
    session: Session, project_ids: list[int], as_of: dt.date
) -> tuple[str, dt.datetime] | None:
    """Who last wrote these projects' reports at ``as_of`` or their monthly targets of that
    year, and when (the audit log)."""
    return max(
        (
            *(
                concurrency.last_change(session, "progress_reports", r.id)
                for r in _month_reports(session, project_ids, as_of)
            ),
            last_targets_change(session, project_ids, as_of.year),
        ),
        key=lambda change: change[1] if change else dt.datetime.min,
        default=None,
    )


def file_report(
    session: Session,
    project_id: int,
    as_of: dt.date,
    *,
    completed_wan: float,
    cumulative_wan: float | None,
    stage: str | None,
    physical_progress: str | None,
) -> None:
    """Store the project's report at ``as_of``, replacing the one it filed for that month;
    a stage given becomes the project's stage too."""
    report = session.scalars(
        sa.select(ProgressReport).where(
            ProgressReport.project_id == project_id, ProgressReport.as_of == as_of
        )
    ).one_or_none()
    if report is None:
        report = ProgressReport(project_id=project_id, as_of=as_of)
        session.add(report)
    report.completed_wan = completed_wan
    report.cumulative_wan = cumulative_wan
    report.stage = stage
    report.physical_progress = physical_progress
    if stage:
        session.get(Project, project_id).stage = stage
