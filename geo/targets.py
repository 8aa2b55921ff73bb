"""A project's monthly targets (分月计划): its annual plan split over the twelve months.

One set of rules for every way targets come in (a ledger's twelve columns, the monthly
report form): twelve non-negative amounts in 万元, a blank month among filled ones being 0;
twelve that do not add up to the annual plan are worth a warning, not a refusal. Writing
replaces a project's year in place, inside the caller's transaction, and only what changed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.formatting import is_missing
from geo.refusals import Term
from geo.storage import concurrency
from geo.storage.models import MonthlyTarget

MONTHS = tuple(range(1, 13))
#: The twelve amounts, January first, in 万元.
Targets = tuple[float, ...]


def from_months(values: Sequence[float | None]) -> Targets | None:
    """Twelve amounts with blanks as 0, or ``None`` when all twelve are blank (no targets).

    >>> from_months([100.0, None, 50.0] + [None] * 9)[:3]
    (100.0, 0.0, 50.0)
    """
    if len(values) != len(MONTHS):
        raise ValueError(f"monthly targets need {len(MONTHS)} months, not {len(values)}")
    if all(is_missing(v) for v in values):
        return None
    return tuple(0.0 if is_missing(v) else float(v) for v in values)


def problems(targets: Targets) -> list[Term]:
    """What makes ``targets`` unusable: a negative or missing month, each named."""
    return [
        Term.of("refusal.target_negative", month=month, value=f"{amount:g}")
        if amount < 0
        else Term.of("refusal.target_not_number", month=month)
        for month, amount in zip(MONTHS, targets, strict=True)
        if math.isnan(amount) or amount < 0
    ]


def sum_mismatch(targets: Targets, annual_plan_wan: float | None) -> Term | None:
    """Why the twelve do not add up to the annual plan (beyond 0.5 % and 1 万元), or ``None``."""
    if is_missing(annual_plan_wan):
        return None
    total = sum(targets)
    if math.isclose(total, float(annual_plan_wan), rel_tol=0.005, abs_tol=1.0):
        return None
    return Term.of(
        "refusal.target_sum", total=f"{total:,.1f}", plan=f"{float(annual_plan_wan):,.1f}"
    )


def same(old: Targets | None, new: Targets | None) -> bool:
    if old is None or new is None:
        return old is new
    return all(
        math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6) for a, b in zip(old, new, strict=True)
    )


def load(
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


def write(session: Session, project_id: int, year: int, targets: Targets) -> bool:
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


def last_change(
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


def expect(session: Session, project_id: int, year: int, seen: Targets | None, what: Term) -> None:
    """Refuse (:class:`~geo.storage.concurrency.ConcurrentEdit`) when the project's targets of ``year``
    are no longer what the person saw."""
    if same(load(session, [project_id], year).get(project_id), seen):
        return
    last = last_change(session, [project_id], year)
    raise concurrency.ConcurrentEdit(what, *(last or (None, None)))
