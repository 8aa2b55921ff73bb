"""Which projects a view shows: the sidebar filters and "my zone"."""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

#: Filter field → project column.
_COLUMNS = {
    "parks": "park",
    "townships": "township",
    "categories": "category",
    "levels": "level",
    "stages": "stage",
    "leaders": "lead_leader",
}


@dataclass(frozen=True)
class ProjectFilter:
    """Chosen values per field; an empty tuple means "all". ``zone`` is "my zone"."""

    zone: str | None = None
    parks: tuple[str, ...] = ()
    townships: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


def apply(projects: pd.DataFrame, chosen: ProjectFilter) -> pd.DataFrame:
    """The projects that pass every chosen field (and lie in ``zone``, park or township)."""
    keep = pd.Series(True, index=projects.index)
    if chosen.zone:
        keep &= (projects["park"] == chosen.zone) | (projects["township"] == chosen.zone)
    for field_name, column in _COLUMNS.items():
        values = getattr(chosen, field_name)
        if values:
            keep &= projects[column].isin(values)
    return projects[keep]


def choices(projects: pd.DataFrame, column: str) -> list[str]:
    """Distinct non-empty values of a column, sorted, for a filter widget."""
    return sorted(v for v in projects[column].dropna().unique() if v != "")
