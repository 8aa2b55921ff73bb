"""The measures and rules every view starts from, as pure functions over frames.

- measures: completion rate, time schedule, behind schedule, groupings;
- snapshot: every project measured at one as-of date (read through storage);
- filters: which projects a view shows;
- problems: which problems are open, overdue, carried over;
- trends: month by month;
- targets: monthly targets (分月计划);
- tour: planning an inspection tour (拉练).

Submodules are imported by name (``from geo.core import filters``); nothing is loaded
here.
"""

__all__ = [
    "filters",
    "measures",
    "problems",
    "snapshot",
    "targets",
    "tour",
    "trends",
]
