"""Meetings (督办会, 协调会, 现场会 …) and their decisions (交办事项), as the users track them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo import formatting
from geo.core import problems
from geo.refusals import Refusal, Term
from geo.storage import meetings as stored
from geo.storage import store
from geo.storage.meetings import DecisionDraft
from geo.storage.store import Engine
from geo.vocab import MEETING_KINDS, PROBLEM_CATEGORIES, check_code

#: A decision's fields by the words the form uses for them.
_DECISION_FIELDS = {
    "action": "decision.action",
    "unit": "decision.responsible_unit",
    "deadline": "decision.deadline",
}


def records(meetings: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-ready meetings: the command line's ``meetings --json``."""
    fields = ("id", "kind", "held_on", "title", "chair", "place", "projects", "decisions")
    return formatting.json_records(
        meetings.assign(decisions=meetings["decisions_open"] + meetings["decisions_done"]),
        {name: name for name in (*fields, "decisions_open")},
    )


def record_meeting(
    engine: Engine,
    *,
    kind: str,
    held_on: dt.date,
    title: str,
    chair: str | None,
    place: str | None,
    attendees: str | None,
    project_ids: list[int],
    decisions: list[DecisionDraft],
    zone_id: int | None = None,
    starts_at: dt.time | None = None,
    discussions: dict[int, str] | None = None,
    actor: str | None = None,
) -> int:
    """Record a meeting with its agenda and decisions in one audited transaction; returns its id.

    A decision on an existing open problem assigns it (unit and deadline); one with
    ``new_problem_category`` opens a problem so that it is tracked to closure. ``discussions``
    holds what was said about each project (projects named there join the agenda).
    """
    project_ids = sorted(set(project_ids) | set(discussions or {}))
    discussions = {k: v for k, v in (discussions or {}).items() if v and v.strip()}
    check_code("kind", kind, MEETING_KINDS)
    if not title or not title.strip():
        raise Refusal("required", field=Term.of("meetings.title"))
    for number, d in enumerate(decisions, start=1):
        for name in ("action", "unit", "deadline"):
            value = getattr(d, name)
            if value is None or (isinstance(value, str) and not value.strip()):
                raise Refusal("decision_needs", n=number, field=Term.of(_DECISION_FIELDS[name]))
        if d.new_problem_category is not None:
            check_code(f"decision {number}: category", d.new_problem_category, PROBLEM_CATEGORIES)
    with store.transaction(engine, write=True, actor=actor) as s:
        return stored.add_meeting(
            s,
            kind=kind,
            held_on=held_on,
            starts_at=starts_at,
            title=title,
            chair=chair,
            place=place,
            attendees=attendees,
            zone_id=zone_id,
            project_ids=project_ids,
            decisions=decisions,
            discussions=discussions,
        )


def delete_meeting(
    engine: Engine, meeting_id: int, *, reason: str, actor: str | None = None
) -> None:
    """Remove a meeting recorded by mistake, with its decisions; never silently: the reason
    is recorded with the deletion of each record."""
    if not reason or not reason.strip():
        raise Refusal("required", field=Term.of("refusal.field.reason"))
    with store.transaction(engine, write=True, actor=actor, reason=reason.strip()) as s:
        stored.delete_meeting(s, meeting_id)


@dataclass(frozen=True)
class Agenda:
    """What the next meeting of a series must go through."""

    previous: dict[str, object] | None  # the last meeting of the series
    decisions: pd.DataFrame  # its decisions, with ``overdue``
    overdue_problems: pd.DataFrame  # open problems of the zone past their deadline


def next_agenda(engine: Engine, kind: str, zone_id: int | None, today: dt.date) -> Agenda:
    """The agenda of the next meeting of a series (same kind, same zone): every decision of the
    previous meeting with its status, and the zone's overdue problems."""
    meetings = store.load_meetings(engine)
    series = meetings[
        (meetings["kind"] == kind)
        & (meetings["zone_id"].fillna(-1) == (zone_id if zone_id else -1))
    ]
    series = series.loc[[h <= today for h in series["held_on"]]]
    previous = series.iloc[0].to_dict() if not series.empty else None
    decisions = (
        store.load_decisions(engine, int(previous["id"]))
        if previous
        else store.load_decisions(engine, -1)
    )
    decisions["overdue"] = [
        s == "open" and d is not None and d < today
        for s, d in zip(decisions["status"], decisions["deadline"], strict=True)
    ]
    flagged = problems.with_flags(store.load_problems(engine), today)
    overdue = flagged[flagged["overdue"]]
    if zone_id is not None:
        zones = store.load_zones(engine)
        name = zones.loc[zones["id"] == zone_id, "name"].item()
        overdue = overdue[(overdue["park"] == name) | (overdue["township"] == name)]
    return Agenda(previous, decisions, problems.for_display(overdue, today))


def drafts_from(edited: pd.DataFrame, ids_by_name: dict[str, int]) -> list[DecisionDraft]:
    """Decision rows typed in the meeting form, as drafts (empty rows skipped)."""
    drafts = []
    for number, row in enumerate(edited.to_dict("records"), start=1):
        if not any(v for v in row.values() if v is not None and v == v):  # an empty row
            continue
        if row.get("project") not in ids_by_name:
            raise Refusal("decision_needs", n=number, field=Term.of("decision.project"))
        deadline = row.get("deadline")
        deadline = deadline.date() if hasattr(deadline, "date") and deadline == deadline else None
        drafts.append(
            DecisionDraft(
                project_id=ids_by_name[row["project"]],
                action=str(row.get("action") or ""),
                unit=str(row.get("unit") or ""),
                deadline=deadline,
                new_problem_category="other" if row.get("new_problem") else None,
            )
        )
    return drafts


def discussions_from(edited: pd.DataFrame, ids_by_name: dict[str, int]) -> dict[int, str]:
    """Agenda rows typed in the meeting form: project → what was discussed ("" when nothing)."""
    said: dict[int, str] = {}
    for number, row in enumerate(edited.to_dict("records"), start=1):
        name = row.get("project")
        if name is None or name != name:  # an empty row
            continue
        if name not in ids_by_name:
            raise Refusal("agenda_not_a_project", n=number, name=name)
        text = row.get("discussion")
        said[ids_by_name[name]] = text if isinstance(text, str) else ""
    return said
