"""Roadmaps (路线图) as stored: each project's milestones in order, read, added and re-planned
inside the caller's transaction; how late they are is worked out in :mod:`geo.workflow.roadmap`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo import lazy
from geo.refusals import Refusal, Term
from geo.storage import concurrency
from geo.storage.models import Milestone, Project
from geo.storage.store import Engine, read_frame

pd = lazy.module("pandas")

#: How long a milestone's name may be (the column's width).
_NAME_LENGTH = 60


@dataclass(frozen=True)
class PlannedProject:
    """What a roadmap template is laid out from: the project's category and planned dates."""

    name: str
    category: str
    plan_year: int
    planned_start: dt.date | None
    planned_production: dt.date | None
    planned_completion: dt.date | None


def _project(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise Refusal("not_found", kind=Term.of("record.projects"), id=project_id)
    return project


def planned_project(session: Session, project_id: int) -> PlannedProject:
    """The project's category and planned dates (refused when there is no such project)."""
    project = _project(session, project_id)
    return PlannedProject(
        name=project.name,
        category=project.category,
        plan_year=project.plan_year,
        planned_start=project.planned_start,
        planned_production=project.planned_production,
        planned_completion=project.planned_completion,
    )


def count_milestones(session: Session, project_id: int) -> int:
    """How many milestones the project's roadmap has (0: it has none)."""
    return session.scalar(sa.select(sa.func.count()).where(Milestone.project_id == project_id))


def add_roadmap(session: Session, project_id: int, steps: list[tuple[str, dt.date]]) -> None:
    """Give the project these milestones (code, planned date), numbered from 1 in this order."""
    for seq, (code, planned) in enumerate(steps, start=1):
        session.add(Milestone(project_id=project_id, seq=seq, code=code, planned_on=planned))


def append_milestone(session: Session, project_id: int, name: str, planned_on: dt.date) -> int:
    """A milestone after the project's last (refused when there is no such project); returns
    its id."""
    _project(session, project_id)
    last = session.scalar(
        sa.select(sa.func.max(Milestone.seq)).where(Milestone.project_id == project_id)
    )
    step = Milestone(
        project_id=project_id,
        seq=(last or 0) + 1,
        code=name[:_NAME_LENGTH],
        planned_on=planned_on,
    )
    session.add(step)
    session.flush()
    return step.id


def set_milestone_dates(
    session: Session,
    milestone_id: int,
    *,
    planned_on: dt.date,
    actual_on: dt.date | None,
    version: int | None,
) -> None:
    """Re-plan a milestone and say when it was reached (``None``: not yet); refused when it
    does not exist or is no longer at the ``version`` the person saw (``None``: don't check)."""
    milestone = session.get(Milestone, milestone_id)
    if milestone is None:
        raise Refusal("not_found", kind=Term.of("record.milestones"), id=milestone_id)
    concurrency.expect_version(session, milestone, version)
    milestone.planned_on, milestone.actual_on = planned_on, actual_on


def load_milestones(engine: Engine, project_id: int | None = None) -> pd.DataFrame:
    """Milestones (of one project, or all): ``id, project_id, seq, code, planned_on,
    actual_on, version``, in roadmap order."""
    query = sa.select(
        Milestone.id,
        Milestone.project_id,
        Milestone.seq,
        Milestone.code,
        Milestone.planned_on,
        Milestone.actual_on,
        Milestone.version,
    )
    if project_id is not None:
        query = query.where(Milestone.project_id == project_id)
    return read_frame(engine, query.order_by(Milestone.project_id, Milestone.seq))
