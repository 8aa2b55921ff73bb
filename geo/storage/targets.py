"""Monthly targets (分月计划) as stored: twelve rows per project and year, read and written
inside the caller's transaction; the rules they follow are in :mod:`geo.core.targets`."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.refusals import Term
from geo.storage import concurrency
from geo.storage.models import MonthlyTarget

MONTHS = tuple(range(1, 13))
#: The twelve amounts, January first, in 万元.
Targets = tuple[float, ...]


def same(old: Targets | None, new: Targets | None) -> bool:
    """Two sets of targets are the same, to a millionth of a 万元."""
    if old is None or new is None:
        return old is new
    return all(
        math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6) for a, b in zip(old, new, strict=True)
    )


def load_targets(
    session: Session | sa.Connection, project_ids: Iterable[int] | None, year: int
) -> dict[int, Targets]:
    """The targets of ``year`` of these projects (``None``: of all); one without any is absent."""
    query = sa.select(MonthlyTarget.project_id, MonthlyTarget.month, MonthlyTarget.target_wan)
    query = query.where(MonthlyTarget.year == year)
    if project_ids is not None:
        query = query.where(MonthlyTarget.project_id.in_(list(project_ids)))
    rows = session.execute(query)
    months: dict[int, list[float]] = {}
    for project_id, month, amount in rows:
        months.setdefault(project_id, [0.0] * len(MONTHS))[month - 1] = float(amount)
    return {project_id: tuple(values) for project_id, values in months.items()}


def write_targets(session: Session, project_id: int, year: int, targets: Targets) -> bool:
    """Make the project's targets of ``year`` these twelve; True when anything changed.

    Existing months are updated in place (their versions and the audit log follow)."""
    existing = {
        t.month: t
        for t in session.scalars(
            sa.select(MonthlyTarget).where(
                MonthlyTarget.project_id == project_id, MonthlyTarget.year == year
            )
        )
    }
    changed = False
    for month, amount in zip(MONTHS, targets, strict=True):
        row = existing.get(month)
        if row is None:
            session.add(
                MonthlyTarget(project_id=project_id, year=year, month=month, target_wan=amount)
            )
            changed = True
        elif not math.isclose(row.target_wan, amount, rel_tol=1e-9, abs_tol=1e-6):
            row.target_wan = amount
            changed = True
    return changed


def last_targets_change(
    session: Session, project_ids: Iterable[int], year: int
) -> tuple[str, dt.datetime] | None:
    """Who last wrote any of these projects' targets of ``year``, and when (the audit log)."""
    ids = session.scalars(
        sa.select(MonthlyTarget.id).where(
            MonthlyTarget.project_id.in_(list(project_ids)), MonthlyTarget.year == year
        )
    )
    changes = [c for i in ids if (c := concurrency.last_change(session, "monthly_targets", i))]
    return max(changes, key=lambda change: change[1], default=None)


def expect_targets(
    session: Session, project_id: int, year: int, seen: Targets | None, what: Term
) -> None:
    """Refuse (:class:`~geo.storage.concurrency.ConcurrentEdit`) when the project's targets of ``year``
    are no longer what the person saw."""
    if same(load_targets(session, [project_id], year).get(project_id), seen):
        return
    last = last_targets_change(session, [project_id], year)
    raise concurrency.ConcurrentEdit(what, *(last or (None, None)))
