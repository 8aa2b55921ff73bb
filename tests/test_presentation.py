"""The slides of an observation meeting: which projects, and titles that fit a projector."""

from __future__ import annotations

import pandas as pd

from geo.reports import presentation


def test_behind_schedule_furthest_behind_first() -> None:
    projects = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "code": ["a", "b", "c", "d"],
            "behind_schedule": [True, False, True, True],
            "completion_rate": [0.5, 0.1, 0.2, float("nan")],
        }
    )
    assert presentation.behind_schedule(projects) == (4, 3, 1)  # no rate at all comes first


def test_a_5000_character_name_fits_the_slide() -> None:
    title = presentation.slide_title(3, "超长" * 2500)
    assert title.startswith("3. 超长") and title.endswith("…")
    assert len(title) <= presentation.TITLE_LIMIT + 3


def test_subtitle_has_the_parts_a_project_has() -> None:
    row = {"owner": "湖北朗弘", "park": float("nan"), "township": "城关镇"}
    assert presentation.slide_subtitle(row) == "湖北朗弘 · 城关镇"
