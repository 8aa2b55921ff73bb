"""A closed year's figures are frozen: its monthly reports change only with a reason.

Once a year is closed (年终决算, :mod:`geo.storage.yearend`), a monthly report whose as-of date
lies in it may still be corrected, but never silently: the write must say why. The reason is
the one given to :func:`geo.storage.store.transaction`, which the audit trail keeps beside
every change of the transaction (:func:`geo.storage.audit.watch`).

Enforced where writes pass, like :mod:`geo.storage.access`: :func:`guard` checks every flush of
a write transaction (reports inserted, changed — their old date too — or deleted), and the
bulk writes that go around the ORM (the ledger import) call :func:`check` themselves. A write
without a reason is refused with a :class:`~geo.refusals.Refusal` naming the year, and nothing
of the transaction is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from geo.refusals import Refusal
from geo.storage.models import ProgressReport, YearClose


def given_reason(session: Session) -> str | None:
    """The reason the write transaction was given (blank counts as none)."""
    _actor, reason = session.info.get("audit", (None, None))
    return reason.strip() if isinstance(reason, str) and reason.strip() else None


def closed_among(session: Session, years: Iterable[int]) -> dict[int, dt.date]:
    """Which of ``years`` are closed, with the date each was closed as of."""
    wanted = sorted(set(years))
    if not wanted:
        return {}
    with session.no_autoflush:
        rows = session.execute(
            sa.select(YearClose.year, YearClose.as_of).where(YearClose.year.in_(wanted))
        )
        return {year: as_of for year, as_of in rows}


def check(session: Session, days: Iterable[dt.date]) -> None:
    """Refuse reports written at ``days`` when one lies in a closed year and the transaction
    gives no reason."""
    years = {day.year for day in days if day is not None}
    if not years or given_reason(session):
        return
    closed = closed_among(session, years)
    if closed:
        year = min(closed)
        raise Refusal("year_closed", year=year, date=closed[year])


def _report_days(flushing: Session) -> set[dt.date]:
    """The as-of dates of the reports this flush writes: new, changed (before and after) or
    deleted."""
    days: set[dt.date] = set()
    for record in (*flushing.new, *flushing.dirty, *flushing.deleted):
        if not isinstance(record, ProgressReport):
            continue
        if record in flushing.dirty and not flushing.is_modified(record):
            continue
        with flushing.no_autoflush:
            days.add(record.as_of)
        # A report moved to another date: the date it leaves counts as well.
        days.update(d for d in sa.inspect(record).attrs.as_of.history.deleted if d)
    return days


def guard(session: Session) -> None:
    """Check every flush of ``session`` against the closed years."""

    @event.listens_for(session, "before_flush")
    def _check(flushing: Session, _context: object, _instances: object) -> None:
        days = _report_days(flushing)
        if days:
            check(flushing, days)
