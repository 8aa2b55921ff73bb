"""What an observation meeting's slides show (观摩展示): which projects, in what order, and the
words on each slide, cut to fit a projector."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo import formatting

#: A slide's title and subtitle fit a projector line or two at large type.
TITLE_LIMIT = 60
SUBTITLE_LIMIT = 120


@dataclass(frozen=True)
class Running:
    """One way to choose the slides: its key, and the project ids in order (None: the person
    picks them)."""

    key: str
    project_ids: tuple[int, ...] | None


def behind_schedule(projects: pd.DataFrame) -> tuple[int, ...]:
    """Projects behind the time schedule, the furthest behind first."""
    behind = projects[projects["behind_schedule"].fillna(False).astype(bool)]
    ordered = behind.sort_values(["completion_rate", "code"], na_position="first")
    return tuple(int(i) for i in ordered["id"])


def slide_title(number: int, name: object) -> str:
    return f"{number}. {formatting.shorten(str(name), TITLE_LIMIT)}"


def slide_subtitle(project: pd.Series | dict) -> str:
    """Owner · park · township, the parts a project has."""
    parts = (project.get("owner"), project.get("park"), project.get("township"))
    text = " · ".join(str(p) for p in parts if not formatting.is_missing(p) and str(p).strip())
    return formatting.shorten(text, SUBTITLE_LIMIT)
