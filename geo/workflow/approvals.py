"""Approvals (前期手续, 联审联批): each project's checklist and the board by department.

Days waiting count from the application to today for what is pending, and to the grant for
what was granted (the department's processing time). A project that has not started and
lacks an approval needed before start (:data:`geo.vocab.APPROVAL_ITEMS`) cannot start.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo import formatting
from geo.core import trends
from geo.refusals import Refusal
from geo.storage import store
from geo.storage.approvals import load_approvals, record_progress
from geo.storage.store import Engine
from geo.vocab import APPROVAL_ITEMS, APPROVAL_STATUSES, check_code

__all__ = [
    "blocked_projects",
    "by_department",
    "load_approvals",
    "records",
    "update",
    "with_days",
]


def with_days(approvals: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Add ``days_waiting`` (pending: applied → today; granted: applied → granted)."""
    out = approvals.copy()
    days = []
    for status, applied, granted in zip(
        out["status"], out["applied_on"], out["granted_on"], strict=True
    ):
        if applied is None or pd.isna(applied):
            days.append(None)
        elif status == "granted" and granted is not None and not pd.isna(granted):
            days.append((granted - applied).days)
        elif status == "pending":
            days.append((today - applied).days)
        else:
            days.append(None)
    out["days_waiting"] = pd.array(days, dtype="Int64")
    return out


def by_department(approvals: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Per department: pending items, their total and longest days waiting, and the average
    processing time of what it granted; most days waiting first (the ranking)."""
    flagged = with_days(approvals, today)
    pending = flagged[flagged["status"] == "pending"]
    granted = flagged[(flagged["status"] == "granted") & flagged["days_waiting"].notna()]
    table = pd.DataFrame({"department": sorted(set(flagged["department"]))})
    wait = pending.groupby("department")["days_waiting"].agg(["size", "sum", "max"])
    done = granted.groupby("department")["days_waiting"].agg(["size", "mean"])
    table["pending"] = table["department"].map(wait["size"]).fillna(0).astype(int)
    table["days_waiting"] = table["department"].map(wait["sum"]).fillna(0).astype(int)
    table["longest_wait"] = table["department"].map(wait["max"]).astype("Int64")
    table["granted"] = table["department"].map(done["size"]).fillna(0).astype(int)
    table["average_days"] = table["department"].map(done["mean"].astype(float).round(1))
    table = table.sort_values(
        ["days_waiting", "pending", "department"], ascending=[False, False, True]
    )
    table["rank"] = table["days_waiting"].rank(method="min", ascending=False).astype(int)
    return table.reset_index(drop=True)


def blocked_projects(projects: pd.DataFrame, approvals: pd.DataFrame) -> pd.DataFrame:
    """Projects not yet started that miss an approval needed before starting, with the list."""
    needed = {item for item, (_name, _dept, before) in APPROVAL_ITEMS.items() if before}
    missing = approvals[
        approvals["item"].isin(needed) & ~approvals["status"].isin(("granted", "not_needed"))
    ]
    waiting = missing.groupby("project_id")["item"].apply(list)
    not_started = projects[~trends.at_least(projects["stage"], "started")]
    out = not_started[not_started["id"].isin(waiting.index)].copy()
    out["missing"] = out["id"].map(waiting)
    return out.reset_index(drop=True)


def update(
    engine: Engine,
    approval_id: int,
    *,
    status: str,
    applied_on: dt.date | None,
    granted_on: dt.date | None,
    version: int | None = None,
    actor: str | None = None,
) -> None:
    """Record where an approval stands; a grant needs its date, and comes after the application."""
    check_code("status", status, APPROVAL_STATUSES)
    if status == "granted" and granted_on is None:
        raise Refusal("granted_needs_date")
    if status == "pending" and applied_on is None:
        raise Refusal("pending_needs_date")
    if applied_on and granted_on and granted_on < applied_on:
        raise Refusal("granted_before_applied", granted=granted_on, applied=applied_on)
    with store.transaction(engine, write=True, actor=actor) as s:
        record_progress(
            s,
            approval_id,
            status=status,
            applied_on=applied_on,
            granted_on=granted_on,
            version=version,
        )


def records(approvals: pd.DataFrame, today: dt.date) -> list[dict[str, object]]:
    """JSON-ready items: ``project_id, name, department, applied, granted, status,
    days_waiting`` (the command line's ``approvals --json``)."""
    flagged = with_days(approvals, today)
    flagged = flagged.assign(name=[APPROVAL_ITEMS.get(i, (i,))[0] for i in flagged["item"]])
    fields = ("project_id", "project", "item", "name", "department")
    return formatting.json_records(
        flagged,
        {**{f: f for f in fields}, "applied": "applied_on", "granted": "granted_on"}
        | {"status": "status", "days_waiting": "days_waiting"},
        counts=("project_id", "days_waiting"),
    )
