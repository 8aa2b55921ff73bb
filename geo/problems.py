"""Problem-list rules: which problems are open, which are overdue, in what order to show them."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.vocab import SOLVED_STATUSES


def is_overdue(status: str, deadline: dt.date | None, today: dt.date) -> bool:
    """Past its deadline (完成时限) and not resolved."""
    return status not in SOLVED_STATUSES and deadline is not None and deadline < today


def with_flags(problems: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Add ``is_open`` and ``overdue`` to a frame with ``status`` and ``deadline``."""
    out = problems.copy()
    out["is_open"] = ~out["status"].isin(SOLVED_STATUSES)
    out["overdue"] = [
        is_overdue(status, deadline, today)
        for status, deadline in zip(out["status"], out["deadline"], strict=True)
    ]
    return out


def for_display(problems: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Flagged problems, open first, overdue first among them, then by deadline."""
    flagged = with_flags(problems, today)
    far = dt.date.max
    flagged["_deadline"] = [d or far for d in flagged["deadline"]]
    ordered = flagged.sort_values(
        ["is_open", "overdue", "_deadline", "id"], ascending=[False, False, True, True]
    )
    return ordered.drop(columns="_deadline").reset_index(drop=True)
