"""Each project's roadmap (路线图): milestones against plan, days late, a schedule colour.

"One project, one task force, one WeChat group, one roadmap" (一个项目、一个专班、一个微信群、
一张路线图). A milestone is late when it passed its planned date without an actual one, or
was reached after it; a project is as late as its next open milestone is today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo import colors, formatting
from geo.refusals import Refusal, Term
from geo.storage import roadmap as stored
from geo.storage import store
from geo.storage.roadmap import load_milestones as load_milestones
from geo.storage.store import Engine
from geo.vocab import MILESTONE_TEMPLATES, MILESTONES

ROADMAP_STATUSES = tuple(colors.ROADMAP_COLORS)


@dataclass(frozen=True)
class Thresholds:
    """Up to ``amber_days`` late is amber, beyond it red (``GEO_ROADMAP_AMBER_DAYS``)."""

    amber_days: int = 10


def days_late(planned: dt.date, actual: dt.date | None, today: dt.date) -> int:
    """A reached milestone: days after plan it was reached; an open one: days past plan."""
    reached = actual if actual is not None else today
    return max(0, (reached - planned).days)


def lateness(days: int, thresholds: Thresholds = Thresholds()) -> str:
    """``on_time``, ``late`` (up to the amber threshold) or ``very_late``."""
    return "on_time" if days == 0 else "late" if days <= thresholds.amber_days else "very_late"


def with_days_late(milestones: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """``milestones`` (``project_id, seq, code, planned_on, actual_on``) with ``days_late``
    and ``open`` (no actual date yet), in roadmap order."""
    out = milestones.sort_values(["project_id", "seq"]).reset_index(drop=True)
    out["open"] = out["actual_on"].isna()
    out["days_late"] = [
        days_late(p, None if pd.isna(a) else a, today)
        for p, a in zip(out["planned_on"], out["actual_on"], strict=True)
    ]
    return out


def next_milestones(
    milestones: pd.DataFrame, today: dt.date, thresholds: Thresholds = Thresholds()
) -> pd.DataFrame:
    """One row per project: its next open milestone, days late today, and ``roadmap_status``
    (``done`` when every milestone is reached)."""
    flagged = with_days_late(milestones, today)
    rows = []
    for project_id, steps in flagged.groupby("project_id", sort=True):
        pending = steps[steps["open"]]
        if pending.empty:
            last = steps.iloc[-1]
            rows.append(
                {
                    "project_id": project_id,
                    "code": last["code"],
                    "planned_on": last["planned_on"],
                    "days_late": 0,
                    "roadmap_status": "done",
                }
            )
            continue
        step = pending.iloc[0]
        late = int(step["days_late"])
        status = lateness(late, thresholds)
        rows.append(
            {
                "project_id": project_id,
                "code": step["code"],
                "planned_on": step["planned_on"],
                "days_late": late,
                "roadmap_status": status,
            }
        )
    columns = ["project_id", "code", "planned_on", "days_late", "roadmap_status"]
    return pd.DataFrame(rows, columns=columns)


def with_roadmap(
    projects: pd.DataFrame,
    milestones: pd.DataFrame,
    today: dt.date,
    thresholds: Thresholds = Thresholds(),
) -> pd.DataFrame:
    """Projects with ``next_milestone``, ``next_planned_on``, ``days_late`` and
    ``roadmap_status`` (``no_roadmap`` where a project has none)."""
    nxt = next_milestones(milestones, today, thresholds).rename(
        columns={"project_id": "id", "code": "next_milestone", "planned_on": "next_planned_on"}
    )
    out = projects.merge(nxt, on="id", how="left")
    out["roadmap_status"] = out["roadmap_status"].fillna("no_roadmap")
    out["days_late"] = out["days_late"].fillna(0).astype(int)
    return out


def template_dates(category: str, start: dt.date, end: dt.date) -> list[tuple[str, dt.date]]:
    """The category's milestones: "start" on the planned start, those before it (land) 60
    days apart ahead of it, those after it spread evenly up to ``end`` (production or
    completion)."""
    codes = MILESTONE_TEMPLATES.get(category, MILESTONE_TEMPLATES["industry"])
    at = codes.index("start") if "start" in codes else 0
    after = len(codes) - 1 - at
    if end <= start:
        end = start + dt.timedelta(days=90 * max(after, 1))
    span = (end - start).days
    dates = [start - dt.timedelta(days=60 * (at - i)) for i in range(at)]
    dates += [start + dt.timedelta(days=round(span * i / max(after, 1))) for i in range(after + 1)]
    return list(zip(codes, dates, strict=True))


def apply_template(engine: Engine, project_id: int, actor: str | None = None) -> int:
    """Give a project without a roadmap its category's one, between its planned start and
    planned production (or completion); returns how many milestones were added."""
    with store.transaction(engine, write=True, actor=actor, reason="roadmap template") as s:
        project = stored.planned_project(s, project_id)
        if stored.count_milestones(s, project_id):
            raise Refusal("already_has_roadmap", name=project.name)
        start = project.planned_start or dt.date(project.plan_year, 1, 1)
        end = project.planned_production or project.planned_completion or start
        steps = template_dates(project.category, start, end)
        stored.add_roadmap(s, project_id, steps)
        return len(steps)


def update_milestone(
    engine: Engine,
    milestone_id: int,
    *,
    planned_on: dt.date,
    actual_on: dt.date | None,
    version: int | None = None,
    actor: str | None = None,
) -> None:
    """Re-plan a milestone or say when it was reached (``actual_on=None``: not yet)."""
    with store.transaction(engine, write=True, actor=actor) as s:
        stored.set_milestone_dates(
            s, milestone_id, planned_on=planned_on, actual_on=actual_on, version=version
        )


def add_milestone(
    engine: Engine, project_id: int, name: str, planned_on: dt.date, actor: str | None = None
) -> int:
    """Add a step of the project's own (or a standard one by its code) after the last."""
    name = name.strip()
    if not name:
        raise Refusal("required", field=Term.of("roadmap.milestone"))
    with store.transaction(engine, write=True, actor=actor) as s:
        return stored.append_milestone(s, project_id, name, planned_on)


def label_of(code: str, lang: str) -> str:
    from geo.i18n import label

    return label("milestone", code, lang) if code in MILESTONES else code


def records(milestones: pd.DataFrame, today: dt.date) -> list[dict[str, object]]:
    """JSON-ready milestones of one project: the command line's ``milestones --json``."""
    flagged = with_days_late(milestones, today)
    flagged = flagged.assign(name=[MILESTONES.get(c, c) for c in flagged["code"]])
    fields = {"seq": "seq", "code": "code", "name": "name", "planned": "planned_on"}
    return formatting.json_records(
        flagged,
        {**fields, "actual": "actual_on", "days_late": "days_late"},
        counts=("seq", "days_late"),
    )
