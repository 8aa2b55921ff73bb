"""Month by month: investment against the plan curve, the stage ladder, problems in and out.

Every month-end of the year is measured the way :func:`geo.storage.store.load_projects` measures one
as-of date: a project counts with its latest report on or before that day (a month without a
report repeats the last one), and with its recorded stage until it first reports one.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd

from geo import vocab
from geo.core import measures
from geo.vocab import SOLVED_STATUSES

_STAGE_RANK = {code: i for i, code in enumerate(vocab.STAGES)}
#: The "three batches" (三个一批): signed, started and put into production this month.
BATCHES = ("signed", "started", "producing")


def month_ends(as_of: dt.date) -> list[dt.date]:
    """The month-ends of ``as_of``'s year up to it, ending with ``as_of`` itself."""
    ends = [
        dt.date(as_of.year, m, calendar.monthrange(as_of.year, m)[1]) for m in range(1, as_of.month)
    ]
    return [*ends, as_of]


def previous_month_end(as_of: dt.date) -> dt.date:
    return as_of.replace(day=1) - dt.timedelta(days=1)


def monthly_states(
    projects: pd.DataFrame, reports: pd.DataFrame, ends: list[dt.date]
) -> pd.DataFrame:
    """One row per project and month-end: ``project_id, month, completed_wan, stage``.

    ``projects`` needs ``id`` and ``stage`` (the recorded one, used before any report);
    ``reports`` is :func:`geo.storage.store.load_report_history`.
    """
    grid = pd.MultiIndex.from_product(
        [projects["id"].astype(int), pd.to_datetime(pd.Series(ends))], names=["project_id", "month"]
    ).to_frame(index=False)
    grid = grid.sort_values("month", kind="stable")
    known = reports.assign(
        project_id=reports["project_id"].astype(int),
        as_of=pd.to_datetime(reports["as_of"]),
    ).sort_values("as_of", kind="stable")
    merged = pd.merge_asof(
        grid,
        known[["project_id", "as_of", "completed_wan", "stage"]],
        left_on="month",
        right_on="as_of",
        by="project_id",
        direction="backward",
    )
    recorded = projects.set_index(projects["id"].astype(int))["stage"]
    merged["stage"] = merged["stage"].fillna(merged["project_id"].map(recorded))
    merged["completed_wan"] = merged["completed_wan"].astype(float).fillna(0.0)
    merged["month"] = merged["month"].dt.date
    return merged[["project_id", "month", "completed_wan", "stage"]].reset_index(drop=True)


def investment_curve(
    projects: pd.DataFrame, states: pd.DataFrame, full_year: bool = False
) -> pd.DataFrame:
    """Per month: ``completed_wan`` (this year, to date) of ``projects`` against ``plan_wan``,
    the annual plan spread evenly over the year (the time schedule), and both as rates.
    With ``full_year`` the plan runs on to December (no completed figure there)."""
    chosen = states[states["project_id"].isin(projects["id"])]
    annual = float(projects["annual_plan_wan"].sum())
    curve = chosen.groupby("month", sort=True)["completed_wan"].sum().reset_index()
    curve["schedule"] = [measures.time_schedule(m) for m in curve["month"]]
    curve["plan_wan"] = annual * curve["schedule"]
    curve["completion_rate"] = curve["completed_wan"] / annual if annual > 0 else float("nan")
    curve["month_wan"] = curve["completed_wan"].diff().fillna(curve["completed_wan"])
    if full_year and len(curve):
        # The plan line runs to December so the year's remaining climb is visible.
        last = curve["month"].iloc[-1]
        later = [e for e in month_ends(dt.date(last.year, 12, 31)) if e > last]
        rest = pd.DataFrame({"month": later})
        rest["schedule"] = [measures.time_schedule(m) for m in later]
        rest["plan_wan"] = annual * rest["schedule"]
        curve = pd.concat([curve, rest], ignore_index=True)
    return curve[["month", "completed_wan", "plan_wan", "month_wan", "completion_rate", "schedule"]]


def stage_counts(projects: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """Per month and stage, how many of ``projects`` stood at that stage (ladder order)."""
    chosen = states[states["project_id"].isin(projects["id"])]
    counts = chosen.groupby(["month", "stage"]).size().rename("projects").reset_index()
    counts["order"] = counts["stage"].map(_STAGE_RANK).fillna(len(_STAGE_RANK)).astype(int)
    return counts.sort_values(["month", "order"]).drop(columns="order").reset_index(drop=True)


def reached(stage: str | None, threshold: str) -> bool:
    """Has a project at ``stage`` reached ``threshold`` on the ladder?"""
    return stage in _STAGE_RANK and _STAGE_RANK[stage] >= _STAGE_RANK[threshold]


def at_least(stages: pd.Series, threshold: str) -> pd.Series:
    """:func:`reached` for each stage of a column."""
    return stages.map(lambda stage: reached(stage, threshold)).astype(bool)


def batches(before: pd.Series, after: pd.Series) -> dict[str, list[int]]:
    """The three batches between two dates: projects (ids) that were below ``signed``,
    ``started`` or ``producing`` in ``before`` and at or above it in ``after``.

    Both are stages indexed by project id; a project missing from ``before`` is new and
    counts for every threshold it has reached.
    """
    out: dict[str, list[int]] = {kind: [] for kind in BATCHES}
    for project_id, stage in after.items():
        earlier = before.get(project_id)
        for kind in BATCHES:
            if reached(stage, kind) and not reached(earlier, kind):
                out[kind].append(int(project_id))
    return out


def problem_flow(problems: pd.DataFrame, ends: list[dt.date]) -> pd.DataFrame:
    """Per month: problems ``opened`` and ``resolved`` in it and ``open`` at its end."""
    rows = []
    start = dt.date(ends[0].year, 1, 1) if ends else None
    for end in ends:
        raised = problems["raised_on"]
        solved = problems["status"].isin(SOLVED_STATUSES)
        done_on = problems["resolved_on"]
        resolved_in = [
            s and d is not None and start <= d <= end for s, d in zip(solved, done_on, strict=True)
        ]
        solved_by = [s and (d is None or d <= end) for s, d in zip(solved, done_on, strict=True)]
        rows.append(
            {
                "month": end,
                "opened": int(sum(start <= r <= end for r in raised)),
                "resolved": int(sum(resolved_in)),
                "open": int(
                    sum(r <= end and not s for r, s in zip(raised, solved_by, strict=True))
                ),
            }
        )
        start = end + dt.timedelta(days=1)
    return pd.DataFrame(rows, columns=["month", "opened", "resolved", "open"])
