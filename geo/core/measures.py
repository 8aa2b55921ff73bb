"""The measures the key-project office computes by hand, as pure functions.

Rates are fractions (0.772), shown as percentages only on screen. A project without
an annual plan has no completion rate (NaN) and is never counted as behind schedule.

>>> time_schedule(dt.date(2026, 9, 30))
0.75
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import asdict, dataclass

import pandas as pd

from geo import formatting, vocab

#: Below this rate a project is "under 30%" (Jiyuan: "8 of them under 30% of the annual plan").
LOW_RATE = 0.30
#: Up to this many points below the time schedule is amber, further is red.
AMBER_BAND = 0.10
# Rates and schedules are ratios of floats: 0.1 + 0.2 must count as 0.3.
_EPS = 1e-9

GROUP_COLUMNS = vocab.GROUP_COLUMNS
_GROUP_ORDER = {"category": tuple(vocab.CATEGORIES), "stage": tuple(vocab.STAGES)}

SCHEDULE_STATUSES = ("on_track", "slightly_behind", "far_behind", "no_plan")


def time_schedule(as_of: dt.date) -> float:
    """Share of the year elapsed at ``as_of`` (时间进度), counted in months.

    A month-end gives exactly month/12; a day inside a month adds its share of that month.
    """
    days_in_month = calendar.monthrange(as_of.year, as_of.month)[1]
    return (as_of.month - 1 + as_of.day / days_in_month) / 12


def completion_rate(completed_wan: float, annual_plan_wan: float) -> float:
    """Completed this year ÷ annual plan; NaN when there is no plan."""
    if not annual_plan_wan or annual_plan_wan <= 0:
        return math.nan
    return completed_wan / annual_plan_wan


def schedule_status(rate: float, schedule: float, band: float = AMBER_BAND) -> str:
    """``on_track`` at or above the time schedule, ``slightly_behind`` up to ``band``
    below it, ``far_behind`` further; ``no_plan`` when the rate is undefined."""
    if rate is None or math.isnan(rate):
        return "no_plan"
    if rate + _EPS >= schedule:
        return "on_track"
    if rate + band + _EPS >= schedule:
        return "slightly_behind"
    return "far_behind"


def own_plan(targets: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """Each project's own cumulative target at ``as_of`` (万元, indexed by project id): its
    monthly targets (分月计划) of the months before, and of ``as_of``'s month the share that
    has elapsed (the same month-share rule as :func:`time_schedule`).

    ``targets`` has ``project_id, month, target_wan`` for ``as_of``'s year.
    """
    if targets.empty:
        return pd.Series(dtype=float)
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    share = targets["month"].map(
        lambda m: 1.0 if m < as_of.month else as_of.day / days if m == as_of.month else 0.0
    )
    return (targets["target_wan"].astype(float) * share).groupby(targets["project_id"]).sum()


def with_measures(
    projects: pd.DataFrame, as_of: dt.date, targets: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Add ``completion_rate``, ``schedule_status``, ``behind_schedule``, ``below_30pct``,
    and against the project's own monthly targets where it has them: ``own_plan_wan`` (its
    cumulative target at ``as_of``), ``own_plan_rate`` (completed ÷ that) and
    ``behind_own_plan`` (below it; without targets, the same as ``behind_schedule``).

    ``projects`` needs ``annual_plan_wan`` and ``completed_wan`` (and ``id`` with
    ``targets``); a copy is returned.
    """
    schedule = time_schedule(as_of)
    out = projects.copy()
    plan = out["annual_plan_wan"].astype(float)
    done = out["completed_wan"].astype(float).fillna(0.0)
    out["completion_rate"] = (done / plan).where(plan > 0)
    has_plan = out["completion_rate"].notna()
    out["behind_schedule"] = has_plan & (out["completion_rate"] + _EPS < schedule)
    out["below_30pct"] = has_plan & (out["completion_rate"] + _EPS < LOW_RATE)
    out["schedule_status"] = [schedule_status(r, schedule) for r in out["completion_rate"]]
    cumulative = own_plan(targets, as_of) if targets is not None else pd.Series(dtype=float)
    own = (
        out["id"].map(cumulative)
        if "id" in out and not cumulative.empty
        else pd.Series(float("nan"), index=out.index)
    )
    out["own_plan_wan"] = own.astype(float)
    out["own_plan_rate"] = (done / out["own_plan_wan"]).where(out["own_plan_wan"] > 0)
    has_own = out["own_plan_wan"].notna()
    out["behind_own_plan"] = (has_own & (done + _EPS < out["own_plan_wan"])) | (
        ~has_own & out["behind_schedule"]
    )
    # The schedule colours against the project's own plan (its own "time schedule" is its
    # cumulative target ÷ annual plan); projects without targets keep the time schedule's.
    own_schedule = (out["own_plan_wan"] / plan).where(has_own & (plan > 0))
    out["own_schedule_status"] = [
        schedule_status(r, s) if not math.isnan(s) else t
        for r, s, t in zip(
            out["completion_rate"],
            own_schedule.fillna(math.nan),
            out["schedule_status"],
            strict=True,
        )
    ]
    return out


@dataclass(frozen=True)
class Headline:
    """The strip of headline numbers above the map."""

    as_of: dt.date
    time_schedule: float
    projects: int
    annual_plan_wan: float
    completed_wan: float
    completion_rate: float
    behind_schedule: int
    below_30pct: int
    behind_own_plan: int = 0  # against monthly targets where a project has them

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        data["completion_rate"] = _json_rate(self.completion_rate)
        return data


def _json_rate(rate: float) -> float | None:
    return None if math.isnan(rate) else round(rate, 6)


def headline(measured: pd.DataFrame, as_of: dt.date) -> Headline:
    """Totals over ``measured`` (the output of :func:`with_measures`)."""
    plan = float(measured["annual_plan_wan"].sum())
    done = float(measured["completed_wan"].sum())
    return Headline(
        as_of=as_of,
        time_schedule=time_schedule(as_of),
        projects=len(measured),
        annual_plan_wan=plan,
        completed_wan=done,
        completion_rate=completion_rate(done, plan),
        behind_schedule=int(measured["behind_schedule"].sum()),
        below_30pct=int(measured["below_30pct"].sum()),
        behind_own_plan=int(measured["behind_own_plan"].sum())
        if "behind_own_plan" in measured
        else int(measured["behind_schedule"].sum()),
    )


def by_group(measured: pd.DataFrame, by: str) -> pd.DataFrame:
    """Aggregate by ``category``, ``park``, ``township``, ``leader``, ``unit`` or ``stage``.

    Returns one row per key with ``key, projects, annual_plan_wan, completed_wan,
    completion_rate, behind_schedule, below_30pct``; the rate is the group's sums divided,
    not an average of rates. Projects with no value for the key (e.g. outside every park)
    are left out. Categories and stages come in their usual order, other keys by name.
    """
    if by not in GROUP_COLUMNS:
        raise ValueError(f"by={by!r} is not a grouping; use one of {', '.join(GROUP_COLUMNS)}")
    column = GROUP_COLUMNS[by]
    grouped = (
        measured.dropna(subset=[column])
        .groupby(column, sort=False)
        .agg(
            projects=("annual_plan_wan", "size"),
            annual_plan_wan=("annual_plan_wan", "sum"),
            completed_wan=("completed_wan", "sum"),
            behind_schedule=("behind_schedule", "sum"),
            below_30pct=("below_30pct", "sum"),
        )
        .reset_index()
        .rename(columns={column: "key"})
    )
    grouped["completion_rate"] = (grouped["completed_wan"] / grouped["annual_plan_wan"]).where(
        grouped["annual_plan_wan"] > 0
    )
    order = _GROUP_ORDER.get(by)
    if order:
        rank = {code: i for i, code in enumerate(order)}
        grouped = grouped.sort_values("key", key=lambda keys: keys.map(rank).fillna(len(rank)))
    else:
        grouped = grouped.sort_values("key")
    columns = ["key", "projects", "annual_plan_wan", "completed_wan", "completion_rate"]
    return grouped[[*columns, "behind_schedule", "below_30pct"]].reset_index(drop=True)


def groups_to_records(groups: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-ready rows of :func:`by_group` (NaN rates become None)."""
    columns = ("key", "projects", "annual_plan_wan", "completed_wan", "completion_rate")
    return formatting.json_records(
        groups,
        {c: c for c in (*columns, "behind_schedule", "below_30pct")},
        rates=("completion_rate",),
    )


def zone_rates(measured: pd.DataFrame, zones: pd.DataFrame) -> pd.DataFrame:
    """Each zone (park or township) with the ``projects`` in it and their ``completion_rate``.

    Zone names are unique across kinds, so parks and townships share one lookup.
    """
    groups = pd.concat([by_group(measured, "park"), by_group(measured, "township")])
    merged = zones.merge(
        groups[["key", "projects", "completion_rate"]], left_on="name", right_on="key", how="left"
    ).drop(columns="key")
    merged["projects"] = merged["projects"].fillna(0).astype(int)
    return merged
