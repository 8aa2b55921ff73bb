"""Year-end settlement (年终决算) and annual assessment (年度考核): closing a year, its frozen
figures, the assessment with grades, rewards and sanctions (奖惩), and one project year by year.

**Closing a year** (the office only) freezes it:

- *as of*: 12-31 once the year is over; while it is still running (an office that closes with
  the November reports before the holidays), its latest report date. A year with no report is
  refused: there is nothing to settle.
- *the year's projects*: those with a report in the year or listed for it (``plan_year``).
- *each project's figures*, measured as every view measures them
  (:func:`geo.core.snapshot.take_snapshot` at that date): the annual plan (the project's, as it
  stands at the close — close a year before the next year's ledger replaces the plans),
  completed this year (its latest report in the year; a project whose latest report is of an
  earlier year has completed nothing this year), the completion rate (completed ÷ plan; none
  without a plan) and the stage. They are stored as they are (:mod:`geo.storage.yearend`) and
  shown so, whatever the live data does later; a closed year's reports then change only with
  a reason (:mod:`geo.storage.freeze`).
- *the annual assessment*: the quarterly ranking's method (:mod:`geo.workflow.ranking`, the
  office's weights) at the close date over the year's projects, for parks, townships,
  responsible units and lead leaders, each ranked group graded by :func:`grade`.

Closing is for good: a closed year is not reopened here (a wrong close is undone from a
backup). One project's years side by side: its frozen figures of every closed year and the
live figures of the current one (:func:`comparison`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from geo import formatting, vocab
from geo.core import measures, snapshot
from geo.formatting import is_missing
from geo.i18n import label, t
from geo.refusals import Refusal, Term
from geo.storage import store
from geo.storage import yearend as stored
from geo.storage.store import Engine
from geo.workflow import ranking
from geo.workflow.ranking import Weights

GRADES = vocab.ASSESSMENT_GRADES
#: A group's grade by the share of the ranked groups placed above it: under 20% excellent,
#: under 50% good, under 80% fair, the rest poor (percent, cumulative, best first).
GRADE_LIMITS = (("excellent", 20), ("good", 50), ("fair", 80))
#: Who rewards and sanctions are recorded for: a zone or a responsible unit.
REWARD_GROUPINGS = ("park", "township", "unit")
#: The measures of each kind of decision.
MEASURES = {"reward": vocab.REWARD_MEASURES, "sanction": vocab.SANCTION_MEASURES}


# --------------------------------------------------------------------------- the rules


def close_date(year: int, report_dates: Sequence[dt.date], today: dt.date) -> dt.date:
    """The date ``year`` is closed as of: 12-31 once it is over, else its latest report date.

    >>> close_date(2025, [dt.date(2026, 1, 31), dt.date(2025, 11, 30)], dt.date(2026, 2, 1))
    datetime.date(2025, 12, 31)
    >>> close_date(2026, [dt.date(2026, 11, 30)], dt.date(2026, 12, 4))
    datetime.date(2026, 11, 30)
    """
    in_year = [day for day in report_dates if day.year == year]
    if not in_year:
        raise Refusal("year_no_reports", year=year)
    year_end = dt.date(year, 12, 31)
    return year_end if today > year_end else max(in_year)


def year_projects(
    measured: pd.DataFrame,
    year: int,
    as_of: dt.date,
    targets: pd.DataFrame | None = None,
    *,
    listed_only: bool = True,
) -> pd.DataFrame:
    """A snapshot's projects (:func:`geo.core.snapshot.take_snapshot` at ``as_of``) as the
    year counts them: only the year's projects (all of them with ``listed_only=False``), and
    what an older report completed counts nothing this year (rates and flags measured again)."""
    reported = pd.Series(
        [day is not None and day.year == year for day in measured["report_as_of"]],
        index=measured.index,
    )
    listed = (measured["plan_year"] == year) | reported | (not listed_only)
    out = measured[listed].copy()
    out.loc[~reported[out.index], "completed_wan"] = 0.0
    return measures.with_measures(out, as_of, targets)


def grade(rank: int | None, ranked: int) -> str | None:
    """The grade of the group at ``rank`` among ``ranked`` ranked groups (see
    :data:`GRADE_LIMITS`); groups that share a rank share a grade; an unranked group has none.

    >>> [grade(r, 10) for r in range(1, 11)]
    ['excellent', 'excellent', 'good', 'good', 'good', 'fair', 'fair', 'fair', 'poor', 'poor']
    """
    if rank is None or is_missing(rank) or ranked <= 0:
        return None
    above = int(rank) - 1
    for name, limit in GRADE_LIMITS:
        if 100 * above < limit * ranked:  # whole numbers: no rounding at the limits
            return name
    return "poor"


def graded(table: pd.DataFrame) -> pd.DataFrame:
    """A :func:`geo.workflow.ranking.ranked` table with each group's ``grade``."""
    count = int(table["rank"].notna().sum())
    return table.assign(grade=[grade(r, count) for r in table["rank"]])


def assess(
    measured: pd.DataFrame,
    problem_list: pd.DataFrame,
    as_of: dt.date,
    weights: Weights,
    groupings: Sequence[str] = ranking.GROUPINGS,
) -> pd.DataFrame:
    """The annual assessment: for each grouping, the ranking's parts, ``score``, ``rank`` and
    ``grade`` of every group, best first, with ``grouping`` naming it."""
    tables = [
        graded(
            ranking.ranked(ranking.components(measured, problem_list, as_of, by), weights)
        ).assign(grouping=by)
        for by in groupings
    ]
    return pd.concat(tables, ignore_index=True)


def _plain(value: object) -> object:
    """A value as the database takes it: None for anything missing, numpy's numbers as
    Python's."""
    if is_missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


def figure_rows(measured: pd.DataFrame) -> list[dict[str, object]]:
    """Each of :func:`year_projects`' projects as a frozen figure (``stored.FIGURE_COLUMNS``)."""
    frame = measured.rename(columns={"id": "project_id"})
    return [
        {c: _plain(v) for c, v in zip(stored.FIGURE_COLUMNS, row, strict=True)}
        for row in frame[list(stored.FIGURE_COLUMNS)].itertuples(index=False)
    ]


def assessment_rows(assessed: pd.DataFrame) -> list[dict[str, object]]:
    """:func:`assess` as stored (``stored.ASSESSMENT_COLUMNS``)."""
    return [
        {c: _plain(v) for c, v in zip(stored.ASSESSMENT_COLUMNS, row, strict=True)}
        for row in assessed[list(stored.ASSESSMENT_COLUMNS)].itertuples(index=False)
    ]


def frozen_measures(figures: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """A closed year's frozen figures measured as a snapshot's projects are (for the totals,
    the zones and the flags at the close date)."""
    return measures.with_measures(figures.assign(id=figures["project_id"]), as_of)


# --------------------------------------------------------------------------- a closed year


@dataclass(frozen=True)
class YearEnd:
    """A closed year as it was frozen: the close, totals, zones, assessment, rewards."""

    year: int
    as_of: dt.date
    closed_at: dt.datetime
    closed_by: str
    figures: pd.DataFrame  # frozen_measures of the stored figures
    headline: measures.Headline
    parks: pd.DataFrame  # measures.by_group(…, "park")
    townships: pd.DataFrame
    assessments: pd.DataFrame  # stored.ASSESSMENT_COLUMNS, best first by grouping
    rewards: pd.DataFrame  # stored.load_rewards_sanctions


def year_end(engine: Engine, year: int) -> YearEnd | None:
    """The closed ``year`` as frozen, or None when it is not closed."""
    close = stored.load_close(engine, year)
    if close is None:
        return None
    as_of = close["as_of"]
    figures = frozen_measures(stored.load_figures(engine, year), as_of)
    return YearEnd(
        year=year,
        as_of=as_of,
        closed_at=close["closed_at"],
        closed_by=str(close["closed_by"]),
        figures=figures,
        headline=measures.headline(figures, as_of),
        parks=measures.by_group(figures, "park"),
        townships=measures.by_group(figures, "township"),
        assessments=stored.load_assessments(engine, year),
        rewards=stored.load_rewards_sanctions(engine, year),
    )


def closed_years(engine: Engine) -> pd.DataFrame:
    """Every closed year, newest first: ``year, as_of, closed_at, closed_by``."""
    return stored.load_closes(engine)


def closed_as_of(engine: Engine, year: int) -> dt.date | None:
    """The date ``year`` was closed as of, or None while it is open (a page that edits the
    year's reports then asks for a reason)."""
    close = stored.load_close(engine, year)
    return None if close is None else close["as_of"]


def years_to_choose(engine: Engine, today: dt.date) -> list[int]:
    """The years a page offers, newest first: every closed year and every year with reports,
    with this one."""
    years = set(closed_years(engine)["year"].astype(int))
    years |= {day.year for day in store.report_dates(engine)}
    return sorted(years | {today.year}, reverse=True)


@dataclass(frozen=True)
class Closed:
    """What closing a year froze."""

    year: int
    as_of: dt.date
    headline: measures.Headline
    assessed: dict[str, int]  # groups assessed per grouping

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            **{k: v for k, v in self.headline.to_dict().items() if k != "as_of"},
            "assessed": dict(self.assessed),
        }


def close_year(
    engine: Engine,
    year: int,
    *,
    weights: Weights | None = None,
    actor: str | None = None,
    today: dt.date | None = None,
) -> Closed:
    """Close ``year`` (see the module): its figures and assessment frozen in one transaction.

    Refused when it is already closed or has no report."""
    close = stored.load_close(engine, year)
    if close is not None:  # before the work of measuring (the storage refuses it too)
        raise stored.already_closed(year, close)
    as_of = close_date(year, store.report_dates(engine), today or dt.date.today())
    snap = snapshot.take_snapshot(engine, as_of)
    measured = year_projects(snap.projects, year, as_of, store.load_targets(engine, year))
    assessed = assess(measured, store.load_problems(engine), as_of, weights or Weights())
    stored.write_close(
        engine, year, as_of, figure_rows(measured), assessment_rows(assessed), actor=actor
    )
    counts = assessed.groupby("grouping").size()
    return Closed(
        year=year,
        as_of=as_of,
        headline=measures.headline(measured, as_of),
        assessed={by: int(counts.get(by, 0)) for by in ranking.GROUPINGS},
    )


# --------------------------------------------------------------------------- rewards and sanctions


@dataclass(frozen=True)
class RewardSanction:
    """A reward or sanction decided for a zone or unit for a year, with its document."""

    year: int
    grouping: str
    target: str
    kind: str  # reward or sanction
    measure: str
    decided_on: dt.date | None
    document_no: str | None = None
    note: str | None = None


def check_reward_sanction(entry: RewardSanction) -> RewardSanction:
    """The entry with its text trimmed, or a refusal naming what is wrong."""
    if entry.kind not in MEASURES:
        kinds = tuple(Term.of(f"reward_kind.{k}") for k in MEASURES)
        raise Refusal("reward_kind", value=entry.kind, choices=kinds)
    if entry.measure not in MEASURES[entry.kind]:
        raise Refusal(
            "reward_measure",
            value=entry.measure,
            kind=Term.of(f"reward_kind.{entry.kind}"),
            choices=tuple(Term.of(f"{entry.kind}_measure.{m}") for m in MEASURES[entry.kind]),
        )
    if entry.grouping not in REWARD_GROUPINGS:
        groupings = tuple(Term.of(f"yearend.for.{g}") for g in REWARD_GROUPINGS)
        raise Refusal("reward_grouping", value=entry.grouping, choices=groupings)
    target = (entry.target or "").strip()
    if not target:
        raise Refusal("required", field=Term.of("yearend.target"))
    if entry.decided_on is None:
        raise Refusal("required", field=Term.of("yearend.decided_on"))
    if entry.decided_on.year < entry.year:
        raise Refusal("reward_before_year", date=entry.decided_on, year=entry.year)
    return RewardSanction(
        year=entry.year,
        grouping=entry.grouping,
        target=target,
        kind=entry.kind,
        measure=entry.measure,
        decided_on=entry.decided_on,
        document_no=(entry.document_no or "").strip() or None,
        note=(entry.note or "").strip() or None,
    )


def record_reward_sanction(
    engine: Engine, entry: RewardSanction, *, actor: str | None = None
) -> int:
    """Check and store a reward or sanction; returns its id."""
    checked = check_reward_sanction(entry)
    values = {c: getattr(checked, c) for c in stored.REWARD_COLUMNS}
    return stored.add_reward_sanction(engine, values, actor=actor)


def remove_reward_sanction(
    engine: Engine, record_id: int, version: int | None = None, *, actor: str | None = None
) -> None:
    """Remove a reward or sanction recorded by mistake (at the version shown, when given)."""
    stored.delete_reward_sanction(engine, record_id, version, actor=actor)


def rewards_sanctions(engine: Engine, year: int | None = None) -> pd.DataFrame:
    """The rewards and sanctions recorded (for ``year``, or all), by date."""
    return stored.load_rewards_sanctions(engine, year)


# --------------------------------------------------------------------------- year by year

COMPARISON_COLUMNS = (
    "year",
    "status",
    "as_of",
    "name",
    "stage",
    "annual_plan_wan",
    "completed_wan",
    "completion_rate",
)


def comparison(
    frozen: pd.DataFrame, live: pd.DataFrame, as_of: dt.date, project_id: int
) -> pd.DataFrame:
    """One project year by year (:data:`COMPARISON_COLUMNS`), oldest first: its frozen figures
    of every closed year (``status`` "closed"), then the live figures of ``as_of``'s year
    (``live``: :func:`year_projects` of a snapshot at ``as_of``, every project) unless that
    year is closed too.
    """
    rows = frozen.assign(status="closed")[list(COMPARISON_COLUMNS)].to_dict("records")
    closed = {int(y) for y in frozen["year"]}
    now = live[live["id"] == project_id]
    if as_of.year not in closed and not now.empty:
        row = now.iloc[0]
        rows.append(
            {
                "year": as_of.year,
                "status": "live",
                "as_of": as_of,
                **{c: row[c] for c in COMPARISON_COLUMNS[3:]},
            }
        )
    if not rows:
        raise Refusal("not_found", kind=Term.of("record.projects"), id=project_id)
    frame = pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))
    return frame.astype(
        {"annual_plan_wan": float, "completed_wan": float, "completion_rate": float}
    )


def project_years(engine: Engine, project_id: int) -> pd.DataFrame:
    """One project's frozen figures in every closed year (``year, as_of`` and the figures)."""
    return stored.load_project_years(engine, project_id)


def compare(engine: Engine, project_id: int, as_of: dt.date | None = None) -> pd.DataFrame:
    """:func:`comparison` read from the database (the live year: the latest report's)."""
    snap = snapshot.take_snapshot(engine, as_of)
    live = year_projects(snap.projects, snap.as_of.year, snap.as_of, listed_only=False)
    return comparison(project_years(engine, project_id), live, snap.as_of, project_id)


# --------------------------------------------------------------------------- as shown and printed


def close_records(closes: pd.DataFrame) -> list[dict[str, object]]:
    """The closed years, JSON-ready."""
    return formatting.json_records(closes, {c: c for c in closes.columns})


def assessment_records(assessed: pd.DataFrame) -> list[dict[str, object]]:
    """An assessment, JSON-ready: ``grouping, key, score, rank, grade``."""
    return formatting.json_records(
        assessed,
        {c: c for c in stored.ASSESSMENT_COLUMNS},
        rates=("score",),
        counts=("rank",),
    )


def comparison_records(table: pd.DataFrame) -> list[dict[str, object]]:
    """:func:`comparison`, JSON-ready."""
    return formatting.json_records(
        table, {c: c for c in COMPARISON_COLUMNS}, rates=("completion_rate",), counts=("year",)
    )


def reward_records(rows: pd.DataFrame) -> list[dict[str, object]]:
    """Rewards and sanctions, JSON-ready."""
    return formatting.json_records(
        rows, {c: c for c in ("id", *stored.REWARD_COLUMNS)}, counts=("id", "year")
    )


def zone_table(groups: pd.DataFrame, by: str, lang: str) -> pd.DataFrame:
    """A closed year's :func:`geo.core.measures.by_group` by park or township, as shown."""
    return pd.DataFrame(
        {
            t(f"col.{by}", lang): groups["key"],
            # The rate first after the name: half a page wide, the last columns scroll away.
            t("yearend.col.rate", lang): [formatting.percent(r) for r in groups["completion_rate"]],
            t("yearend.col.projects", lang): groups["projects"],
            t("yearend.col.annual_plan", lang): [
                formatting.wan(v) for v in groups["annual_plan_wan"]
            ],
            t("yearend.col.completed", lang): [formatting.wan(v) for v in groups["completed_wan"]],
        }
    )


def figures_table(figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A closed year's frozen figures, one row per project, as shown."""
    return pd.DataFrame(
        {
            t("col.code", lang): figures["code"],
            t("yearend.col.name", lang): figures["name"],
            t("col.park", lang): figures["park"].fillna(""),
            t("col.township", lang): figures["township"].fillna(""),
            t("yearend.col.stage", lang): [label("stage", s, lang) for s in figures["stage"]],
            t("yearend.col.annual_plan", lang): [
                formatting.wan(v) for v in figures["annual_plan_wan"]
            ],
            t("yearend.col.completed", lang): [formatting.wan(v) for v in figures["completed_wan"]],
            t("yearend.col.rate", lang): [
                formatting.percent(r) for r in figures["completion_rate"]
            ],
        }
    )


def measure_label(kind: str, measure: str, lang: str) -> str:
    """A reward's or sanction's measure on screen (通报表扬, 约谈…)."""
    return label(f"{kind}_measure", measure, lang)


def assessment_table(assessed: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One grouping's assessment as shown: rank, name, score, grade."""
    return pd.DataFrame(
        {
            t("yearend.col.rank", lang): [
                "—" if is_missing(r) else str(int(r)) for r in assessed["rank"]
            ],
            t("yearend.col.key", lang): assessed["key"],
            t("yearend.col.score", lang): [
                "—" if is_missing(s) else f"{s:.1f}" for s in assessed["score"]
            ],
            t("yearend.col.grade", lang): [
                label("assessment_grade", g, lang) if g else "—" for g in assessed["grade"]
            ],
        }
    )


def rewards_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rewards and sanctions as shown: who, what, then when and by which document."""
    return pd.DataFrame(
        {
            t("yearend.col.target", lang): rows["target"],
            t("yearend.col.kind", lang): [label("reward_kind", k, lang) for k in rows["kind"]],
            t("yearend.col.measure", lang): [
                measure_label(k, m, lang)
                for k, m in zip(rows["kind"], rows["measure"], strict=True)
            ],
            t("yearend.col.grouping", lang): [
                t(f"yearend.for.{g}", lang) if g in REWARD_GROUPINGS else g
                for g in rows["grouping"]
            ],
            t("yearend.col.decided_on", lang): [
                formatting.date(d, lang) for d in rows["decided_on"]
            ],
            t("yearend.col.document_no", lang): rows["document_no"].fillna(""),
            t("yearend.col.note", lang): rows["note"].fillna(""),
        }
    )


def comparison_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`comparison` as shown: one row a year, frozen years marked as closed, the rate
    first (on a phone the last columns scroll away)."""
    return pd.DataFrame(
        {
            t("yearend.col.year", lang): [str(int(y)) for y in table["year"]],
            t("yearend.col.status", lang): [
                t(f"yearend.status.{s}", lang, date=formatting.date(d, lang))
                for s, d in zip(table["status"], table["as_of"], strict=True)
            ],
            t("yearend.col.rate", lang): [formatting.percent(r) for r in table["completion_rate"]],
            t("yearend.col.annual_plan", lang): [
                formatting.wan(v) for v in table["annual_plan_wan"]
            ],
            t("yearend.col.completed", lang): [formatting.wan(v) for v in table["completed_wan"]],
            t("yearend.col.stage", lang): [label("stage", s, lang) for s in table["stage"]],
            t("yearend.col.name", lang): table["name"],
        }
    )
