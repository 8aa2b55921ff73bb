"""The state of all projects at one as-of date, measured: what every view starts from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo import formatting
from geo.core import measures
from geo.storage import store
from geo.storage.store import Engine
from geo.workflow import resumption, roadmap


@dataclass(frozen=True)
class Snapshot:
    """Projects with measures at ``as_of``, and the zones they are drawn in."""

    as_of: dt.date
    projects: pd.DataFrame  # store.load_projects + measures.with_measures
    zones: pd.DataFrame  # store.load_zones
    resumption_period: str | None = None  # the stoppage period resumption_status is about


def default_as_of(engine: Engine, today: dt.date | None = None) -> dt.date:
    """The latest report date, or ``today`` when there are no reports yet."""
    dates = store.report_dates(engine)
    return dates[0] if dates else (today or dt.date.today())


def take_snapshot(
    engine: Engine, as_of: dt.date | None = None, thresholds: roadmap.Thresholds | None = None
) -> Snapshot:
    """Read and measure every project at ``as_of`` (default: the latest report), with its
    roadmap's next milestone and how late it is on that day, and its ``resumption_status``
    in the latest stoppage period begun by then (:func:`geo.workflow.resumption.current_period`)."""
    as_of = as_of or default_as_of(engine)
    targets = store.load_targets(engine, as_of.year)
    projects = measures.with_measures(store.load_projects(engine, as_of), as_of, targets)
    projects = roadmap.with_roadmap(
        projects, roadmap.load_milestones(engine), as_of, thresholds or roadmap.Thresholds()
    )
    period = resumption.current_period(resumption.load_periods(engine), as_of)
    if period is None:
        projects = projects.assign(resumption_status="not_expected")
    else:
        statuses = resumption.statuses_for(
            engine, projects[["id", "stage", "planned_start"]], period, as_of
        )
        projects = projects.assign(resumption_status=statuses["resumption_status"].to_numpy())
    return Snapshot(
        as_of=as_of,
        projects=projects,
        zones=store.load_zones(engine),
        resumption_period=None if period is None else period["name"],
    )


def project_records(projects: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-ready project rows: the command line's ``projects --json``."""
    return formatting.json_records(
        projects, {c: c for c in PROJECT_FIELDS}, rates=("completion_rate",)
    )


#: What ``projects --json`` prints of each project.
PROJECT_FIELDS = (
    "id",
    "code",
    "name",
    "lon",
    "lat",
    "park",
    "township",
    "category",
    "level",
    "stage",
    "annual_plan_wan",
    "completed_wan",
    "completion_rate",
    "schedule_status",
    "lead_leader",
    "responsible_unit",
)
