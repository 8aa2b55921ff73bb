"""Meetings and their decisions as stored, written inside the caller's transaction; what a
meeting record needs is checked in :mod:`geo.workflow.meetings`. The readers the pages share
(:func:`~geo.storage.store.load_meetings`, :func:`~geo.storage.store.load_decisions`) are in
:mod:`geo.storage.store`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.refusals import Refusal, Term
from geo.storage.models import Decision, Meeting, Problem, Project, meeting_projects

#: The problems a decision assigns (unit and deadline): those not yet being worked on.
_ASSIGNABLE = ("raised", "assigned")


def touched_on(day: dt.date) -> dt.datetime:
    """When a meeting held that day last touched the problems it decided on: at noon."""
    return dt.datetime.combine(day, dt.time(12))


@dataclass(frozen=True)
class DecisionDraft:
    """A decision as recorded at the meeting; it may open a new problem or assign an open one."""

    project_id: int
    action: str
    unit: str
    deadline: dt.date
    problem_id: int | None = None  # an existing problem this decision acts on
    new_problem_category: str | None = None  # open a new problem with the action as its text


def add_meeting(
    session: Session,
    *,
    kind: str,
    held_on: dt.date,
    starts_at: dt.time | None,
    title: str,
    chair: str | None,
    place: str | None,
    attendees: str | None,
    zone_id: int | None,
    project_ids: list[int],
    decisions: list[DecisionDraft],
    discussions: dict[int, str],
) -> int:
    """A meeting with its agenda, decisions and what was said about each project; returns its id.

    A decision on an existing problem still open for assignment assigns it (unit and deadline);
    one with ``new_problem_category`` opens a problem raised by the chair (or, without one, the
    meeting) and assigned at once; either way the meeting touched the problem
    (:func:`touched_on`).
    """
    agenda = list(session.scalars(sa.select(Project).where(Project.id.in_(project_ids))))
    meeting = Meeting(
        kind=kind,
        held_on=held_on,
        starts_at=starts_at,
        title=title.strip(),
        chair=chair,
        place=place,
        attendees=attendees,
        zone_id=zone_id,
        projects=agenda,
    )
    session.add(meeting)
    for d in decisions:
        problem = session.get(Problem, d.problem_id) if d.problem_id else None
        if d.new_problem_category:
            problem = Problem(
                project_id=d.project_id,
                description=d.action.strip(),
                category=d.new_problem_category,
                raised_by=chair or title,
                raised_on=held_on,
                status="raised",
                source="meeting",
            )
            session.add(problem)
        if problem is not None and problem.status in _ASSIGNABLE:
            problem.status, problem.responsible_unit, problem.deadline = (
                "assigned",
                d.unit.strip(),
                d.deadline,
            )
        if problem is not None:
            problem.updated_at = touched_on(held_on)
        session.flush()
        meeting.decisions.append(
            Decision(
                project_id=d.project_id,
                problem_id=problem.id if problem else None,
                action=d.action.strip(),
                responsible_unit=d.unit.strip(),
                deadline=d.deadline,
                status="open",
            )
        )
    session.flush()
    for project_id, text in discussions.items():
        write_discussion(session, meeting.id, project_id, text.strip())
    return meeting.id


def write_discussion(session: Session, meeting_id: int, project_id: int, text: str) -> None:
    """What the meeting said about a project on its agenda."""
    session.execute(
        sa.update(meeting_projects)
        .where(
            meeting_projects.c.meeting_id == meeting_id,
            meeting_projects.c.project_id == project_id,
        )
        .values(discussion=text)
    )


def delete_meeting(session: Session, meeting_id: int) -> None:
    """Remove the meeting with its decisions (refused when there is no such meeting)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise Refusal("not_found", kind=Term.of("record.meetings"), id=meeting_id)
    session.delete(meeting)
