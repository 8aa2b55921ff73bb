"""Problem-list rules: which problems are open, which are overdue, in what order to show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo import formatting
from geo.vocab import SOLVED_STATUSES

#: No update for longer than this: the problem is stale.
STALE_AFTER = dt.timedelta(days=30)
#: Discussed at this many meetings and still open: carried over.
CARRIED_AFTER_MEETINGS = 2


def is_overdue(status: str, deadline: dt.date | None, today: dt.date) -> bool:
    """Past its deadline (完成时限) and not resolved."""
    return status not in SOLVED_STATUSES and deadline is not None and deadline < today


def solved_by(status: str, resolved_on: object, day: dt.date) -> bool:
    if status not in SOLVED_STATUSES:
        return False
    return not isinstance(resolved_on, dt.date) or resolved_on <= day


def with_flags(problems: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Add the derived flags, as they stood on ``today``.

    - ``is_open``: not resolved by that day (a problem resolved later was still open then);
    - ``overdue``: open and past its deadline;
    - ``carried_over``: open and discussed at two or more meetings (needs ``meetings``);
    - ``stale``: open and not updated for 30 days (needs ``updated_at``).
    """
    out = problems.copy()
    resolved = out["resolved_on"] if "resolved_on" in out else [None] * len(out)
    out["is_open"] = [
        not solved_by(s, r, today) for s, r in zip(out["status"], resolved, strict=True)
    ]
    out["overdue"] = [
        is_open and d is not None and d < today
        for is_open, d in zip(out["is_open"], out["deadline"], strict=True)
    ]
    meetings = out["meetings"] if "meetings" in out else pd.Series(0, index=out.index)
    out["carried_over"] = out["is_open"] & (meetings >= CARRIED_AFTER_MEETINGS)
    if "updated_at" in out:
        last = [u.date() if hasattr(u, "date") else u for u in out["updated_at"]]
        out["stale"] = [
            o and u is not None and today - u > STALE_AFTER
            for o, u in zip(out["is_open"], last, strict=True)
        ]
    else:
        out["stale"] = False
    return out


def as_of(problems: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The problems already raised on ``day``, with their flags as they stood then."""
    # A Series, not a list: an empty list would select no columns instead of no rows.
    raised = problems[
        pd.Series([r <= day for r in problems["raised_on"]], index=problems.index, dtype=bool)
    ]
    return with_flags(raised, day)


def resolution_rate(flagged: pd.DataFrame) -> float:
    """Share of the problems that are resolved (问题解决率); NaN when there are none."""
    if flagged.empty:
        return float("nan")
    return float((~flagged["is_open"]).sum() / len(flagged))


def for_display(problems: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Flagged problems, open first, overdue first among them, then by deadline."""
    flagged = with_flags(problems, today)
    far = dt.date.max
    flagged["_deadline"] = [d or far for d in flagged["deadline"]]
    ordered = flagged.sort_values(
        ["is_open", "overdue", "carried_over", "_deadline", "id"],
        ascending=[False, False, False, True, True],
    )
    return ordered.drop(columns="_deadline").reset_index(drop=True)


def records(flagged: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-ready problems: the command line's ``problems --json``."""
    if "meetings" not in flagged:
        flagged = flagged.assign(meetings=0)
    return formatting.json_records(
        flagged,
        {
            "id": "id",
            "project_id": "project_id",
            "project": "project",
            "text": "description",
            "category": "category",
            "unit": "responsible_unit",
            "deadline": "deadline",
            "status": "status",
            "overdue": "overdue",
            "carried_over": "carried_over",
            "stale": "stale",
            "meetings": "meetings",
        },
        counts=("meetings",),
    )


@dataclass(frozen=True)
class ProblemFilter:
    """What the problem board shows; empty tuples mean "all"."""

    zone: str | None = None
    projects: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    states: tuple[str, ...] = ()  # open, overdue, carried_over, stale, resolved


STATES = ("open", "overdue", "carried_over", "stale", "resolved")


def apply(flagged: pd.DataFrame, chosen: ProblemFilter) -> pd.DataFrame:
    """The flagged problems that pass every chosen field; states combine with "or"."""
    keep = pd.Series(True, index=flagged.index)
    if chosen.zone:
        keep &= (flagged["park"] == chosen.zone) | (flagged["township"] == chosen.zone)
    for values, column in (
        (chosen.projects, "project"),
        (chosen.units, "responsible_unit"),
        (chosen.leaders, "lead_leader"),
        (chosen.categories, "category"),
    ):
        if values:
            keep &= flagged[column].isin(values)
    if chosen.states:
        state = pd.Series(False, index=flagged.index)
        for name in chosen.states:
            state |= (
                ~flagged["is_open"]
                if name == "resolved"
                else flagged["is_open" if name == "open" else name]
            )
        keep &= state
    return flagged[keep]


def unit_ranking(flagged: pd.DataFrame) -> pd.DataFrame:
    """Responsible units by what they hold up: overdue first, then open, then carried over."""
    open_ = flagged[flagged["is_open"]]
    ranking = (
        open_.groupby("responsible_unit")
        .agg(open=("id", "size"), overdue=("overdue", "sum"), carried_over=("carried_over", "sum"))
        .reset_index()
        .rename(columns={"responsible_unit": "unit"})
        .sort_values(
            ["overdue", "open", "carried_over", "unit"], ascending=[False, False, False, True]
        )
        .reset_index(drop=True)
    )
    ranking["rank"] = range(1, len(ranking) + 1)
    return ranking[["rank", "unit", "open", "overdue", "carried_over"]]


def per_project(flagged: pd.DataFrame) -> pd.DataFrame:
    """Open and overdue problems per project, with its position: the map layer's points."""
    open_ = flagged[flagged["is_open"]]
    if open_.empty:
        return pd.DataFrame(columns=["project_id", "project", "lon", "lat", "open", "overdue"])
    return (
        open_.groupby(["project_id", "project", "lon", "lat"])
        .agg(open=("id", "size"), overdue=("overdue", "sum"))
        .reset_index()
    )
