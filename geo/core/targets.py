"""A project's monthly targets (分月计划): its annual plan split over the twelve months.

One set of rules for every way targets come in (a ledger's twelve columns, the monthly
report form): twelve non-negative amounts in 万元, a blank month among filled ones being 0;
twelve that do not add up to the annual plan are worth a warning, not a refusal. Writing
replaces a project's year in place, inside the caller's transaction, and only what changed
(:mod:`geo.storage.targets`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from geo.formatting import is_missing
from geo.refusals import Term
from geo.storage.targets import MONTHS, Targets, same

__all__ = ["MONTHS", "Targets", "from_months", "problems", "same", "sum_mismatch"]


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
