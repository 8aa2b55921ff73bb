"""The quarterly ranking (季排名) of parks, townships, responsible units and lead leaders.

Each group gets a composite score from 0 to 100, the weighted mean of four parts, each a
share between 0 and 1:

- ``schedule``: the group's completion rate against the time schedule (rate ÷ schedule),
  full marks once on schedule;
- ``problems``: problems whose deadline fell in the year up to the as-of date that were
  resolved by their deadline;
- ``starts``: projects planned to start this year by the as-of date that have started;
- ``production``: projects planned to go into production this year by the as-of date that
  have.

A part a group has nothing to be measured on (no problem due, no start planned) is left out
and the remaining weights count in full, so a group is never punished for what it did not
have to do. Weights are configured with ``GEO_RANKING_WEIGHTS`` (default
``schedule=50,problems=20,starts=15,production=15``). Scores are rounded to one decimal and
equal scores share a rank (1, 1, 3). Parks, townships and leaders are the projects'; for
problems, the responsible unit is the one named on the problem (the unit that must solve it).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo import formatting, vocab
from geo.core import measures, problems, snapshot, trends
from geo.storage import store
from geo.storage.store import Engine
from geo.weights import COMPONENTS
from geo.weights import Weights as Weights
from geo.weights import parse_weights as parse_weights

GROUPINGS = vocab.RANKING_GROUPINGS


def previous_quarter_end(as_of: dt.date) -> dt.date:
    """The end of the quarter before the one ``as_of`` falls in (2026-10-31 → 2026-09-30)."""
    first_month = 3 * ((as_of.month - 1) // 3) + 1
    return dt.date(as_of.year, first_month, 1) - dt.timedelta(days=1)


def _share(done: pd.Series, due: pd.Series) -> pd.Series:
    return (done / due).where(due > 0)


def _in_year(days: pd.Series, as_of: dt.date) -> pd.Series:
    start = dt.date(as_of.year, 1, 1)
    return pd.Series([d is not None and start <= d <= as_of for d in days], index=days.index)


def components(
    measured: pd.DataFrame, problem_list: pd.DataFrame, as_of: dt.date, by: str
) -> pd.DataFrame:
    """Each group's parts: ``key``, the counts behind every share, and the shares themselves.

    ``measured`` is a snapshot's projects (:func:`geo.core.measures.with_measures`), needing
    ``stage``, ``planned_start`` and ``planned_production``; ``problem_list`` is
    :func:`geo.storage.store.load_problems` (with ``project_id``, ``deadline``, ``resolved_on``).
    """
    if by not in GROUPINGS:
        raise ValueError(f"by={by!r} is not a ranking; use one of {', '.join(GROUPINGS)}")
    column = measures.GROUP_COLUMNS[by]
    groups = measures.by_group(measured, by).set_index("key")
    schedule = measures.time_schedule(as_of)

    p = measured.assign(
        start_due=_in_year(measured["planned_start"], as_of),
        production_due=_in_year(measured["planned_production"], as_of),
    )
    p["started"] = p["start_due"] & trends.at_least(p["stage"], "started")
    p["producing"] = p["production_due"] & trends.at_least(p["stage"], "producing")
    plan = (
        p.dropna(subset=[column])
        .groupby(column)[["start_due", "started", "production_due", "producing"]]
        .sum()
    )

    raised = pd.Series([r <= as_of for r in problem_list["raised_on"]], index=problem_list.index)
    q = problem_list[raised & _in_year(problem_list["deadline"], as_of)].copy()
    if by == "unit":
        q["key"] = q["responsible_unit"]
    else:
        q["key"] = q["project_id"].map(measured.set_index("id")[column])
    flagged = problems.with_flags(q, as_of)
    flagged["on_time"] = [
        not is_open and (done is None or done <= deadline)
        for is_open, done, deadline in zip(
            flagged["is_open"], flagged["resolved_on"], flagged["deadline"], strict=True
        )
    ]
    due = (
        flagged.dropna(subset=["key"])
        .groupby("key")
        .agg(problems_due=("id", "size"), problems_on_time=("on_time", "sum"))
    )

    table = groups.join(plan, how="outer").join(due, how="outer")
    table.index.name = "key"
    counts = ["projects", "start_due", "started", "production_due", "producing"]
    counts += ["problems_due", "problems_on_time"]
    table[counts] = table[counts].fillna(0).astype(int)
    table["schedule"] = (table["completion_rate"] / schedule).clip(upper=1.0)
    table["problems"] = _share(table["problems_on_time"], table["problems_due"])
    table["starts"] = _share(table["started"], table["start_due"])
    table["production"] = _share(table["producing"], table["production_due"])
    return table.reset_index()


def score(parts: pd.DataFrame, weights: Weights) -> pd.Series:
    """The composite score (0–100, one decimal) of each row of :func:`components`."""
    w = weights.as_dict()
    total = pd.Series(0.0, index=parts.index)
    weight = pd.Series(0.0, index=parts.index)
    for part, value in w.items():
        if value <= 0:
            continue
        have = parts[part].notna()
        total += parts[part].fillna(0.0) * value
        weight += have * value
    return (100 * total / weight.where(weight > 0)).round(1)


def ranked(parts: pd.DataFrame, weights: Weights) -> pd.DataFrame:
    """``parts`` with ``score`` and ``rank`` (equal scores share a rank), best first;
    groups with nothing to score come last without a rank."""
    out = parts.assign(score=score(parts, weights))
    out["rank"] = out["score"].rank(method="min", ascending=False).astype("Int64")
    return out.sort_values(
        ["score", "key"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


def with_previous(current: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """Add ``previous_rank`` and ``change`` (places moved up; negative: down)."""
    out = current.copy()
    before = {} if previous is None else dict(zip(previous["key"], previous["rank"], strict=True))
    out["previous_rank"] = pd.array([before.get(k) for k in out["key"]], dtype="Int64")
    out["change"] = out["previous_rank"] - out["rank"]
    return out


def board_places(table: pd.DataFrame, most: int = 3) -> int:
    """How many places the hero board and the laggards get: up to ``most``, and at most a
    third of the ranked groups (three parks get one hero and one laggard)."""
    return max(1, min(most, int(table["rank"].notna().sum()) // 3))


def heroes(table: pd.DataFrame, places: int | None = None) -> pd.DataFrame:
    """The hero board (英雄榜): every group ranked within the first ``places``."""
    places = places or board_places(table)
    return table[table["rank"].notna() & (table["rank"] <= places)]


def laggards(table: pd.DataFrame, places: int | None = None) -> pd.DataFrame:
    """The last ``places`` ranks (ties included), worst first, never a hero as well."""
    places = places or board_places(table)
    ranked_rows = table[table["rank"].notna()]
    if ranked_rows.empty:
        return ranked_rows
    cut = sorted(ranked_rows["rank"].unique())[-places:]
    hero_rows = heroes(table, places).index
    rows = ranked_rows[ranked_rows["rank"].isin(cut) & ~ranked_rows.index.isin(hero_rows)]
    return rows.iloc[::-1]


def records(table: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-ready rows: ``key, score, rank, previous_rank`` and the parts behind the score."""
    scores = ("score", "completion_rate", *COMPONENTS)
    columns = ("key", "score", "rank", "previous_rank", "change", "projects", "completion_rate")
    return formatting.json_records(
        table,
        {c: c for c in (*columns, *COMPONENTS)},
        rates=scores,
        counts=("rank", "previous_rank", "change", "projects"),
    )


def quarterly(
    engine: Engine, by: str, as_of: dt.date | None = None, weights: Weights | None = None
) -> pd.DataFrame:
    """The ranking at ``as_of`` (default: the latest report) with the previous quarter's ranks."""
    weights = weights or Weights()
    problem_list = store.load_problems(engine)
    now = snapshot.take_snapshot(engine, as_of)
    current = ranked(components(now.projects, problem_list, now.as_of, by), weights)
    before_day = previous_quarter_end(now.as_of)
    previous = None
    if any(day <= before_day for day in store.report_dates(engine)):
        then = snapshot.take_snapshot(engine, before_day)
        previous = ranked(components(then.projects, problem_list, before_day, by), weights)
    return with_previous(current, previous)
