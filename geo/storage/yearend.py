"""The year's close (年终决算) as stored: which years are closed, as of when and by whom, each
project's figures frozen as the year was closed, the annual assessment (年度考核) and the
rewards and sanctions (奖惩) recorded after it.

What the figures and grades are is decided in :mod:`geo.workflow.yearend`; that a closed year's
monthly reports change only with a reason is :mod:`geo.storage.freeze`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from geo.refusals import Refusal, Term
from geo.storage import concurrency, store
from geo.storage.models import Assessment, RewardSanction, YearClose, YearEndFigure
from geo.storage.store import Engine

#: A frozen figure's columns, as :func:`write_close` takes them and :func:`load_figures` gives.
FIGURE_COLUMNS = (
    "project_id",
    "code",
    "name",
    "park",
    "township",
    "responsible_unit",
    "lead_leader",
    "category",
    "stage",
    "annual_plan_wan",
    "completed_wan",
    "completion_rate",
)
#: An assessment row's columns.
ASSESSMENT_COLUMNS = ("grouping", "key", "score", "rank", "grade")
#: A reward or sanction's columns (besides ``id`` and ``version``).
REWARD_COLUMNS = (
    "year",
    "grouping",
    "target",
    "kind",
    "measure",
    "decided_on",
    "document_no",
    "note",
)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def load_closes(engine: Engine) -> pd.DataFrame:
    """Every closed year, newest first: ``year, as_of, closed_at`` (UTC), ``closed_by``."""
    query = sa.select(
        YearClose.year, YearClose.as_of, YearClose.closed_at, YearClose.closed_by
    ).order_by(YearClose.year.desc())
    return store.read_frame(engine, query)


def load_close(engine: Engine, year: int) -> dict[str, object] | None:
    """The close of ``year`` (``year, as_of, closed_at, closed_by``), or None when it is open."""
    closes = load_closes(engine)
    found = closes[closes["year"] == year]
    return None if found.empty else found.iloc[0].to_dict()


def already_closed(year: int, close: Mapping[str, object]) -> Refusal:
    """The refusal to close ``year`` again: as of when, and who closed it."""
    return Refusal(
        "year_already_closed", year=year, date=close["as_of"], who=close["closed_by"] or "—"
    )


def write_close(
    engine: Engine,
    year: int,
    as_of: dt.date,
    figures: Sequence[Mapping[str, object]],
    assessments: Sequence[Mapping[str, object]],
    *,
    actor: str | None = None,
    closed_at: dt.datetime | None = None,
) -> None:
    """Close ``year`` as of ``as_of`` in one transaction: the close itself, every project's
    frozen figures (:data:`FIGURE_COLUMNS`) and the assessment (:data:`ASSESSMENT_COLUMNS`).
    Refused when the year is already closed (also when another closer got in first)."""
    who = actor or store.current_actor()
    try:
        with store.transaction(engine, write=True, actor=who) as session:
            close = session.get(YearClose, year)
            if close is not None:
                raise already_closed(year, {"as_of": close.as_of, "closed_by": close.closed_by})
            session.add(
                YearClose(year=year, as_of=as_of, closed_at=closed_at or _utc_now(), closed_by=who)
            )
            session.flush()  # the close first: the figures refer to it
            session.add_all(
                YearEndFigure(year=year, **{c: row[c] for c in FIGURE_COLUMNS}) for row in figures
            )
            session.add_all(
                Assessment(year=year, **{c: row[c] for c in ASSESSMENT_COLUMNS})
                for row in assessments
            )
    except IntegrityError as exc:  # two closes at once: the second finds the first's row
        close = load_close(engine, year)
        if close is None:
            raise
        raise already_closed(year, close) from exc


def load_figures(engine: Engine, year: int) -> pd.DataFrame:
    """The frozen figures of ``year``, one row per project (:data:`FIGURE_COLUMNS`), by code."""
    query = (
        sa.select(*(YearEndFigure.__table__.c[c] for c in FIGURE_COLUMNS))
        .where(YearEndFigure.year == year)
        .order_by(YearEndFigure.code, YearEndFigure.project_id)
    )
    return _floats(store.read_frame(engine, query))


def _floats(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("annual_plan_wan", "completed_wan", "completion_rate", "score"):
        if column in frame:
            frame[column] = frame[column].astype(float)
    return frame


def load_project_years(engine: Engine, project_id: int) -> pd.DataFrame:
    """One project's frozen figures in every closed year, oldest first: ``year, as_of`` and
    :data:`FIGURE_COLUMNS` (kept under the name it had then)."""
    query = (
        sa.select(
            YearEndFigure.year,
            YearClose.as_of,
            *(YearEndFigure.__table__.c[c] for c in FIGURE_COLUMNS),
        )
        .join(YearClose, YearClose.year == YearEndFigure.year)
        .where(YearEndFigure.project_id == project_id)
        .order_by(YearEndFigure.year)
    )
    return _floats(store.read_frame(engine, query))


def load_assessments(engine: Engine, year: int, grouping: str | None = None) -> pd.DataFrame:
    """The assessment of ``year`` (of one grouping, or all): :data:`ASSESSMENT_COLUMNS`, best
    first within each grouping, the unranked last."""
    a = Assessment
    query = sa.select(a.grouping, a.key, a.score, a.rank, a.grade).where(a.year == year)
    if grouping is not None:
        query = query.where(a.grouping == grouping)
    query = query.order_by(a.grouping, a.rank.is_(None), a.rank, a.key)
    frame = _floats(store.read_frame(engine, query))
    frame["rank"] = frame["rank"].astype("Int64")
    return frame


def add_reward_sanction(
    engine: Engine, values: Mapping[str, object], *, actor: str | None = None
) -> int:
    """Record a reward or sanction (:data:`REWARD_COLUMNS`); returns its id."""
    with store.transaction(engine, write=True, actor=actor) as session:
        record = RewardSanction(**{c: values.get(c) for c in REWARD_COLUMNS})
        session.add(record)
        session.flush()
        return record.id


def delete_reward_sanction(
    engine: Engine, record_id: int, version: int | None, *, actor: str | None = None
) -> None:
    """Remove a reward or sanction recorded by mistake, only at the ``version`` shown."""
    with store.transaction(engine, write=True, actor=actor) as session:
        record = session.get(RewardSanction, record_id)
        if record is None:
            raise Refusal("not_found", kind=Term.of("record.rewards_sanctions"), id=record_id)
        concurrency.expect_version(session, record, version)
        session.delete(record)


def load_rewards_sanctions(engine: Engine, year: int | None = None) -> pd.DataFrame:
    """The rewards and sanctions (of ``year``, or all): ``id``, :data:`REWARD_COLUMNS` and
    ``version``, by date."""
    r = RewardSanction
    query = sa.select(r.id, *(r.__table__.c[c] for c in REWARD_COLUMNS), r.version)
    if year is not None:
        query = query.where(r.year == year)
    frame = store.read_frame(engine, query.order_by(r.decided_on, r.id))
    frame["decided_on"] = [None if pd.isna(d) else d for d in frame["decided_on"]]
    return frame
