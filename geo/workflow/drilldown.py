"""One project's drill-down: its card, investment against plan, problems and meetings.

Pure functions turn what :mod:`geo.storage.store` reads into the tables the page shows, with
column names and code labels in the chosen language.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo import formatting
from geo.core import problems
from geo.i18n import label, t
from geo.storage import store
from geo.storage.store import Engine


@dataclass(frozen=True)
class ProjectDetail:
    """Everything the drill-down page shows about one project."""

    project: dict[str, object]  # one row of the snapshot, with measures
    reports: pd.DataFrame
    problems: pd.DataFrame  # flagged and ordered by :func:`geo.core.problems.for_display`
    meetings: pd.DataFrame
    decisions: pd.DataFrame


def load_detail(
    engine: Engine, projects: pd.DataFrame, project_id: int, today: dt.date
) -> ProjectDetail | None:
    """Read one project's reports, problems and meetings; None if there is no such project."""
    rows = projects[projects["id"] == project_id]
    if rows.empty:
        return None
    meetings, decisions = store.load_project_meetings(engine, project_id)
    return ProjectDetail(
        project=rows.iloc[0].to_dict(),
        reports=store.load_reports(engine, project_id),
        problems=problems.for_display(store.load_problems(engine, project_id), today),
        meetings=meetings,
        decisions=decisions,
    )


def investment_series(reports: pd.DataFrame, annual_plan_wan: float, year: int) -> pd.DataFrame:
    """Month by month: the plan line, completed (cumulative this year) and the month's amount.

    The plan line is the annual plan spread evenly (the time schedule); months after the
    last report have no completed figure.
    """
    in_year = reports.loc[[d.year == year for d in reports["as_of"]]]
    by_month = {
        d.month: float(v) for d, v in zip(in_year["as_of"], in_year["completed_wan"], strict=True)
    }
    rows = []
    previous = 0.0
    for month in range(1, 13):
        done = by_month.get(month)
        rows.append(
            {
                "month": dt.date(year, month, calendar.monthrange(year, month)[1]),
                "plan_wan": annual_plan_wan * month / 12,
                "completed_wan": done,
                "month_wan": None if done is None else done - previous,
            }
        )
        previous = done if done is not None else previous
    return pd.DataFrame(rows)


_CARD_FIELDS = (
    ("col.code", "code", None),
    ("col.owner", "owner", None),
    ("col.park", "park", None),
    ("col.township", "township", None),
    ("col.category", "category", "category"),
    ("col.level", "level", "level"),
    ("col.build_type", "build_type", "build_type"),
    ("col.stage", "stage", "stage"),
    ("col.total_investment", "total_investment_wan", "wan"),
    ("col.annual_plan", "annual_plan_wan", "wan"),
    ("col.completed", "completed_wan", "wan"),
    ("col.cumulative", "cumulative_wan", "wan"),
    ("col.completion_rate", "completion_rate", "percent"),
    ("col.physical_progress", "physical_progress", None),
    ("col.planned_start", "planned_start", "date"),
    ("col.planned_completion", "planned_completion", "date"),
    ("col.planned_production", "planned_production", "date"),
    ("col.location", "lon", "location"),
)
_CHAIN_FIELDS = (
    ("col.lead_leader", "lead_leader"),
    ("col.responsible_unit", "responsible_unit"),
    ("col.project_secretary", "project_secretary"),
    ("col.liaison", "liaison"),
    ("col.task_force", "task_force"),
)


def _card_value(project: dict[str, object], column: str, kind: str | None, lang: str) -> str:
    value = project.get(column)
    if kind == "wan":
        return formatting.wan(value)
    if kind == "percent":
        return formatting.percent(value)
    if kind == "date":
        return formatting.date(value, lang)
    if kind == "location":
        return f"{project['lon']:.6f}, {project['lat']:.6f}"
    if kind:
        return label(kind, value, lang)
    return "" if value is None or value != value else str(value)  # value != value: NaN


def _field_table(rows: list[tuple[str, str]], lang: str) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=["field", t("project.value", lang)]).set_index("field")
    table.index.name = None
    return table


def card(project: dict[str, object], lang: str) -> pd.DataFrame:
    """The project card: one row per field, indexed by the field's name (values as entered)."""
    rows = [
        (t(key, lang), _card_value(project, col, kind, lang)) for key, col, kind in _CARD_FIELDS
    ]
    return _field_table(rows, lang)


def chain(project: dict[str, object], lang: str) -> pd.DataFrame:
    """The responsibility chain: lead leader, unit, secretary, liaison, task force."""
    rows = [(t(key, lang), _card_value(project, col, None, lang)) for key, col in _CHAIN_FIELDS]
    return _field_table(rows, lang)


def subtitle(project: dict[str, object]) -> list[str]:
    """Code, owner, park and township: those that are present."""
    parts = (project.get(k) for k in ("code", "owner", "park", "township"))
    return [str(p) for p in parts if p is not None and p == p and p != ""]  # p == p: not NaN


def progress_table(reports: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Physical progress month by month, newest first."""
    table = reports.sort_values("as_of", ascending=False)
    return pd.DataFrame(
        {
            t("col.as_of", lang): [formatting.date(d, lang) for d in table["as_of"]],
            t("col.stage", lang): [label("stage", s, lang) for s in table["stage"]],
            t("col.completed", lang): [formatting.wan(v) for v in table["completed_wan"]],
            t("col.physical_progress", lang): table["physical_progress"].fillna(""),
        }
    )


_FLAGS = (
    ("overdue", "problem.flag.overdue"),
    ("carried_over", "problem.flag.carried"),
    ("stale", "problem.flag.stale"),
)


def _flags(row: dict[str, object], lang: str) -> str:
    return " ".join(t(key, lang) for column, key in _FLAGS if row.get(column))


def problem_table(flagged: pd.DataFrame, lang: str, *, with_project: bool = False) -> pd.DataFrame:
    """Problems as shown: flags in words (overdue, carried over, stale), status and type in
    words, dates localised; the project's name first when problems of many are listed."""
    rows = flagged.to_dict("records")
    table = {t("board.flags", lang): [_flags(r, lang) for r in rows]}
    if with_project:
        table[t("board.project", lang)] = flagged["project"].tolist()
    table |= {
        t("problem.description", lang): flagged["description"].tolist(),
        t("problem.category", lang): [
            label("problem_category", c, lang) for c in flagged["category"]
        ],
        t("problem.responsible_unit", lang): flagged["responsible_unit"].fillna("").tolist(),
        t("problem.deadline", lang): [formatting.date(d, lang) for d in flagged["deadline"]],
        t("problem.status", lang): [label("problem_status", s, lang) for s in flagged["status"]],
        t("problem.raised_on", lang): [formatting.date(d, lang) for d in flagged["raised_on"]],
        t("board.meetings", lang): flagged["meetings"].tolist() if "meetings" in flagged else 0,
        t("problem.resolution", lang): flagged["resolution"].fillna("").tolist(),
    }
    return pd.DataFrame(table)


def meeting_heading(meeting: dict[str, object], decisions: int, lang: str) -> str:
    """ "2026年9月15日 · 督办会 · <title> · 交办事项 2 项" (the count only when there are some)."""
    parts = [
        formatting.date(meeting["held_on"], lang),
        label("meeting_kind", meeting["kind"], lang),
        str(meeting["title"]),
    ]
    if decisions:
        parts.append(t("meeting.decisions_count", lang, n=decisions))
    return " · ".join(parts)


def decision_table(decisions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One meeting's decisions about the project."""
    return pd.DataFrame(
        {
            t("decision.action", lang): decisions["action"],
            t("decision.responsible_unit", lang): decisions["responsible_unit"].fillna(""),
            t("decision.deadline", lang): [formatting.date(d, lang) for d in decisions["deadline"]],
            t("decision.status", lang): [
                t(f"decision.status.{s}", lang) for s in decisions["status"]
            ],
        }
    )


def itinerary(
    plan, projects: pd.DataFrame, flagged_problems: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """The day's timetable: stop, times, project, who meets the visitors, open problems."""
    rows = projects.set_index("id")
    open_counts = flagged_problems[flagged_problems["is_open"]].groupby("project_id").size()
    return pd.DataFrame(
        {
            "#": list(range(1, len(plan.order) + 1)),
            t("tour.arrive", lang): [a.strftime("%H:%M") for a in plan.arrivals],
            t("tour.leave", lang): [d.strftime("%H:%M") for d in plan.departures],
            t("col.name", lang): [rows.loc[i, "name"] for i in plan.order],
            t("col.completion_rate", lang): [
                formatting.percent(rows.loc[i, "completion_rate"]) for i in plan.order
            ],
            t("tour.meets", lang): [
                formatting.join(
                    (rows.loc[i, "lead_leader"], rows.loc[i, "project_secretary"]), lang
                )
                for i in plan.order
            ],
            t("tour.open_problems", lang): [int(open_counts.get(i, 0)) for i in plan.order],
        }
    )
