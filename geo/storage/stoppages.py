"""Work stoppage and resumption (停复工) as stored: the periods, each site's report for a
period and the people it keeps on site day by day; how they are counted is in
:mod:`geo.workflow.resumption`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import sqlalchemy as sa

from geo.formatting import is_missing
from geo.refusals import Refusal, Term
from geo.storage import concurrency, store
from geo.storage.models import (
    ProgressReport,
    SiteHeadcount,
    StoppagePeriod,
    StoppageReport,
)
from geo.storage.store import Engine, Session

#: A report's dates: None when not given (never NaN, whatever pandas makes of the column).
_REPORT_DATES = ("stopped_on", "planned_resume_on", "resumed_on")


def load_periods(engine: Engine) -> pd.DataFrame:
    """Every stoppage period, oldest first: ``id, name, kind, starts_on, ends_on, version``."""
    query = sa.select(
        StoppagePeriod.id,
        StoppagePeriod.name,
        StoppagePeriod.kind,
        StoppagePeriod.starts_on,
        StoppagePeriod.ends_on,
        StoppagePeriod.version,
    )
    return store.read_frame(engine, query.order_by(StoppagePeriod.starts_on, StoppagePeriod.id))


def load_reports(engine: Engine, period_id: int) -> pd.DataFrame:
    """One period's reports: ``id, project_id, stops, stopped_on, planned_resume_on,
    resumed_on, note, version``."""
    r = StoppageReport
    query = sa.select(
        r.id,
        r.project_id,
        r.stops,
        r.stopped_on,
        r.planned_resume_on,
        r.resumed_on,
        r.note,
        r.version,
    ).where(r.period_id == period_id)
    frame = store.read_frame(engine, query.order_by(r.project_id))
    frame["stops"] = frame["stops"].astype(bool)
    for column in _REPORT_DATES:
        frame[column] = [None if is_missing(v) else v for v in frame[column]]
    # pandas' string dtype turns a missing note into NaN, which a text box would show as "nan".
    frame["note"] = pd.Series(
        [n if isinstance(n, str) else None for n in frame["note"]], index=frame.index, dtype=object
    )
    return frame


def load_headcounts(engine: Engine, period_id: int) -> pd.DataFrame:
    """One period's headcounts: ``project_id, on_date, headcount``."""
    h = SiteHeadcount
    query = sa.select(h.project_id, h.on_date, h.headcount).where(h.period_id == period_id)
    frame = store.read_frame(engine, query.order_by(h.project_id, h.on_date))
    frame["headcount"] = frame["headcount"].astype(int)
    return frame


def stages_on(engine: Engine, day: dt.date) -> pd.Series:
    """Each project's stage in its last monthly report on or before ``day``, by id (projects
    without one are absent)."""
    latest = (
        sa.select(ProgressReport.project_id, sa.func.max(ProgressReport.as_of).label("as_of"))
        .where(ProgressReport.as_of <= day)
        .group_by(ProgressReport.project_id)
        .subquery()
    )
    query = sa.select(ProgressReport.project_id, ProgressReport.stage).join(
        latest,
        (latest.c.project_id == ProgressReport.project_id)
        & (latest.c.as_of == ProgressReport.as_of),
    )
    frame = store.read_frame(engine, query)
    frame = frame[frame["stage"].notna()]
    return pd.Series(frame["stage"].to_numpy(), index=frame["project_id"].astype(int), dtype=object)


def period_named(session: Session, name: str) -> int | None:
    """The id of the period called ``name``, if there is one."""
    return session.scalar(sa.select(StoppagePeriod.id).where(StoppagePeriod.name == name))


def add_period(session: Session, name: str, kind: str, starts_on: dt.date, ends_on: dt.date) -> int:
    """Store a new stoppage period; returns its id."""
    period = StoppagePeriod(name=name, kind=kind, starts_on=starts_on, ends_on=ends_on)
    session.add(period)
    session.flush()
    return period.id


def period_dates(session: Session, period_id: int) -> tuple[dt.date, dt.date]:
    """When the period starts and ends; refused when there is no such period."""
    period = session.get(StoppagePeriod, period_id)
    if period is None:
        raise Refusal("not_found", kind=Term.of("record.stoppage_periods"), id=period_id)
    return period.starts_on, period.ends_on


def _report(session: Session, period_id: int, project_id: int) -> StoppageReport | None:
    return session.scalar(
        sa.select(StoppageReport).where(
            StoppageReport.period_id == period_id, StoppageReport.project_id == project_id
        )
    )


def filed_report(session: Session, period_id: int, project_id: int) -> dict[str, object] | None:
    """The project's report for the period (``stops, stopped_on, planned_resume_on,
    resumed_on, note, version``), or None when it has not reported."""
    report = _report(session, period_id, project_id)
    if report is None:
        return None
    fields = ("stops", *_REPORT_DATES, "note", "version")
    return {field: getattr(report, field) for field in fields}


def write_report(
    session: Session,
    period_id: int,
    project_id: int,
    *,
    stops: bool,
    stopped_on: dt.date | None,
    planned_resume_on: dt.date | None,
    resumed_on: dt.date | None,
    note: str | None,
    version: int | None,
) -> int:
    """File the project's report for the period, or correct the one it filed; returns its id.

    A correction of a report that moved on since ``version`` is refused
    (:func:`geo.storage.concurrency.expect_version`)."""
    row = _report(session, period_id, project_id)
    if row is None:
        row = StoppageReport(period_id=period_id, project_id=project_id)
        session.add(row)
    else:  # version 0 ("I saw none") is stale too once someone has filed one
        concurrency.expect_version(session, row, version)
    row.stops, row.stopped_on, row.planned_resume_on = stops, stopped_on, planned_resume_on
    row.resumed_on, row.note = resumed_on, note
    session.flush()
    return row.id


def write_headcounts(
    session: Session, period_id: int, project_id: int, counts: Mapping[dt.date, int]
) -> None:
    """Set the people on site on the given days (a day already stored is replaced)."""
    existing = {
        h.on_date: h
        for h in session.scalars(
            sa.select(SiteHeadcount).where(
                SiteHeadcount.period_id == period_id, SiteHeadcount.project_id == project_id
            )
        )
    }
    for day, count in counts.items():
        if day in existing:
            existing[day].headcount = count
        else:
            session.add(
                SiteHeadcount(
                    period_id=period_id, project_id=project_id, on_date=day, headcount=count
                )
            )
