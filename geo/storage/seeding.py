"""The demo county written in one go: :mod:`geo.ops.demo` draws it as plain rows, this module
makes them records inside the caller's transaction (audited like any other write).

Rows refer to each other by what the demo knows before anything is written: zones by name,
projects by code, problems by their place in :attr:`County.problems`. The records are added and
flushed in the order the demo always used, so the same county gets the same ids, row for row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from geo.storage.meetings import touched_on, write_discussion
from geo.storage.models import (
    Approval,
    Decision,
    Meeting,
    Milestone,
    MonthlyTarget,
    Problem,
    ProgressReport,
    Project,
    SiteHeadcount,
    StoppagePeriod,
    StoppageReport,
    Zone,
)

#: A record's fields by column name.
Row = dict[str, object]


@dataclass(frozen=True)
class ProjectSeed:
    """A project (``fields`` holds its ``code``) with its zones by name and what it brings:
    monthly reports, its roadmap's milestones, its approvals and monthly targets."""

    fields: Row
    park: str | None
    township: str | None
    reports: list[Row]
    milestones: list[Row]
    approvals: list[Row]
    targets: list[Row]

    @property
    def code(self) -> str:
        return str(self.fields["code"])


@dataclass(frozen=True)
class ProblemSeed:
    project: str  # the project's code
    fields: Row


@dataclass(frozen=True)
class DecisionSeed:
    project: str  # the project's code
    problem: int  # the problem's place in County.problems
    fields: Row


@dataclass(frozen=True)
class MeetingSeed:
    """A meeting with its zone (by name, or none), agenda (project codes, in order), decisions
    and what it said about projects (by code)."""

    fields: Row
    zone: str | None
    agenda: list[str]
    decisions: list[DecisionSeed]
    discussions: dict[str, str]


@dataclass(frozen=True)
class SiteSeed:
    """One project's report for a stoppage period and the people on its site each day."""

    project: str  # the project's code
    report: Row
    headcounts: list[tuple[dt.date, int]]


@dataclass(frozen=True)
class StoppageSeed:
    fields: Row
    sites: list[SiteSeed]


@dataclass(frozen=True)
class County:
    zones: list[Row]
    projects: list[ProjectSeed]
    problems: list[ProblemSeed]
    meetings: list[MeetingSeed]
    stoppages: list[StoppageSeed]


def write_county(session: Session, county: County) -> None:
    """Add every record of the county (into tables the caller has emptied)."""
    zones = {z["name"]: Zone(**z) for z in county.zones}
    session.add_all(zones.values())
    projects: dict[str, Project] = {}
    for seed in county.projects:
        project = Project(**seed.fields)
        project.park = zones.get(seed.park) if seed.park else None
        project.township = zones.get(seed.township) if seed.township else None
        projects[seed.code] = project
        session.add(project)
        session.add_all([ProgressReport(project=project, **report) for report in seed.reports])
    session.flush()
    problems = [Problem(project_id=projects[p.project].id, **p.fields) for p in county.problems]
    session.add_all(problems)
    session.flush()
    meetings = [_meeting(seed, zones, projects, problems) for seed in county.meetings]
    session.add_all(meetings)
    session.flush()
    for meeting, seed in zip(meetings, county.meetings, strict=True):
        for code, text in seed.discussions.items():
            write_discussion(session, meeting.id, projects[code].id, text)
    for seed in county.projects:
        project_id = projects[seed.code].id
        session.add_all(
            [
                *(Milestone(project_id=project_id, **m) for m in seed.milestones),
                *(Approval(project_id=project_id, **a) for a in seed.approvals),
            ]
        )
        session.add_all([MonthlyTarget(project_id=project_id, **t) for t in seed.targets])
    for stoppage in county.stoppages:
        _stoppage(session, stoppage, projects)


def _meeting(
    seed: MeetingSeed,
    zones: dict[str, Zone],
    projects: dict[str, Project],
    problems: list[Problem],
) -> Meeting:
    meeting = Meeting(
        **seed.fields,
        zone=zones[seed.zone] if seed.zone else None,
        projects=[projects[code] for code in seed.agenda],
    )
    for decision in seed.decisions:
        problem = problems[decision.problem]
        problem.updated_at = max(problem.updated_at, touched_on(meeting.held_on))
        meeting.decisions.append(
            Decision(
                project_id=projects[decision.project].id, problem_id=problem.id, **decision.fields
            )
        )
    return meeting


def _stoppage(session: Session, seed: StoppageSeed, projects: dict[str, Project]) -> None:
    period = StoppagePeriod(**seed.fields)
    session.add(period)
    session.flush()
    for site in seed.sites:
        project_id = projects[site.project].id
        session.add(StoppageReport(period_id=period.id, project_id=project_id, **site.report))
        session.add_all(
            SiteHeadcount(period_id=period.id, project_id=project_id, on_date=day, headcount=count)
            for day, count in site.headcounts
        )
