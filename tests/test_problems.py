"""The problem list's derived flags at chosen dates, the resolution rate, and the commands."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from geo.core import problems
from geo.ops import cli

D = dt.date


@pytest.fixture
def frame() -> pd.DataFrame:
    rows = [
        # id, status, raised_on, deadline, resolved_on, meetings, updated_at
        (1, "in_progress", D(2026, 6, 1), D(2026, 7, 1), None, 3, dt.datetime(2026, 10, 20, 9)),
        (
            2,
            "resolved",
            D(2026, 6, 1),
            D(2026, 7, 1),
            D(2026, 9, 10),
            2,
            dt.datetime(2026, 9, 10, 9),
        ),
        (3, "assigned", D(2026, 8, 1), D(2026, 12, 31), None, 1, dt.datetime(2026, 8, 2, 9)),
        (4, "raised", D(2026, 11, 1), None, None, 0, dt.datetime(2026, 11, 1, 9)),
    ]
    return pd.DataFrame(
        rows,
        columns=["id", "status", "raised_on", "deadline", "resolved_on", "meetings", "updated_at"],
    )


@pytest.mark.parametrize(
    ("day", "open_", "overdue", "carried", "stale"),
    [
        # On 1 August: 1 and 2 were open and overdue (2 is resolved only in September);
        # both had been discussed twice or more; 3 was raised that day; 4 not yet.
        (D(2026, 8, 1), [1, 2, 3], [1, 2], [1, 2], []),
        # On 30 September: 2 is resolved; 3 has not been touched since 2 August: stale.
        (D(2026, 9, 30), [1, 3], [1], [1], [3]),
        # On 23 November: 1 was updated on 20 October (34 days ago): stale too.
        (D(2026, 11, 23), [1, 3, 4], [1], [1], [1, 3]),
    ],
)
def test_flags_at_chosen_dates(
    frame: pd.DataFrame, day: dt.date, open_, overdue, carried, stale
) -> None:
    flagged = problems.as_of(frame, day)
    pick = lambda column: flagged.loc[flagged[column], "id"].tolist()  # noqa: E731
    assert (pick("is_open"), pick("overdue"), pick("carried_over"), pick("stale")) == (
        open_,
        overdue,
        carried,
        stale,
    )


def test_resolution_rate(frame: pd.DataFrame) -> None:
    assert problems.resolution_rate(problems.as_of(frame, D(2026, 11, 23))) == pytest.approx(1 / 4)
    assert problems.resolution_rate(problems.as_of(frame, D(2026, 8, 1))) == 0.0


def test_problems_command(capsys, demo_url: str) -> None:
    assert cli.main(["--db", demo_url, "problems", "--json", "--as-of", "2026-11-23"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert set(everything[0]) >= {
        "id",
        "project_id",
        "project",
        "text",
        "unit",
        "deadline",
        "status",
        "overdue",
        "meetings",
    }
    assert (
        cli.main(
            ["--db", demo_url, "problems", "--status", "overdue", "--as-of", "2026-11-23", "--json"]
        )
        == 0
    )
    overdue = json.loads(capsys.readouterr().out)
    assert overdue and all(p["overdue"] for p in overdue)
    assert all(p["deadline"] < "2026-11-23" for p in overdue)
    assert (
        cli.main(
            [
                "--db",
                demo_url,
                "problems",
                "--status",
                "carried",
                "--zone",
                "谷城经济开发区",
                "--json",
            ]
        )
        == 0
    )
    carried = json.loads(capsys.readouterr().out)
    assert carried and all(p["meetings"] >= 2 for p in carried)
    assert len(carried) < len(everything)


def test_meetings_command(capsys, demo_url: str) -> None:
    assert cli.main(["--db", demo_url, "meetings", "--project", "3", "--json"]) == 0
    meetings = json.loads(capsys.readouterr().out)
    assert meetings and all(3 in m["projects"] or m["decisions"] for m in meetings)
    assert [m["held_on"] for m in meetings] == sorted(
        (m["held_on"] for m in meetings), reverse=True
    )
    assert {"supervision"} <= {m["kind"] for m in meetings}


@pytest.fixture
def board() -> pd.DataFrame:
    rows = [
        (1, "甲", "县财政局", "张", "funding", True, True, False, 3),
        (2, "甲", "县财政局", "张", "funding", True, False, True, 1),
        (3, "乙", "供电公司", "李", "utilities", True, True, True, 2),
        (4, "乙", "供电公司", "李", "utilities", True, True, False, 0),
        (5, "丙", "县住建局", "王", "planning", False, False, False, 2),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "project",
            "responsible_unit",
            "lead_leader",
            "category",
            "is_open",
            "overdue",
            "carried_over",
            "meetings",
        ],
    )
    frame["stale"] = [False, True, False, False, False]
    frame["park"], frame["township"] = "园区", ["甲镇", "甲镇", "乙镇", "乙镇", "乙镇"]
    frame["project_id"] = frame["project"].map({"甲": 1, "乙": 2, "丙": 3})
    frame["lon"], frame["lat"] = frame["project_id"] + 110.0, 32.0
    return frame


def test_unit_ranking_puts_overdue_first(board: pd.DataFrame) -> None:
    ranking = problems.unit_ranking(board)
    assert ranking.to_dict("records") == [
        {"rank": 1, "unit": "供电公司", "open": 2, "overdue": 2, "carried_over": 1},
        {"rank": 2, "unit": "县财政局", "open": 2, "overdue": 1, "carried_over": 1},
    ]


@pytest.mark.parametrize(
    ("chosen", "ids"),
    [
        (problems.ProblemFilter(), [1, 2, 3, 4, 5]),
        (problems.ProblemFilter(states=("overdue",)), [1, 3, 4]),
        (problems.ProblemFilter(states=("carried_over", "stale")), [2, 3]),
        (problems.ProblemFilter(states=("resolved",)), [5]),
        (problems.ProblemFilter(zone="乙镇", units=("供电公司",)), [3, 4]),
        (problems.ProblemFilter(leaders=("张",), categories=("funding",)), [1, 2]),
    ],
)
def test_board_filter(board: pd.DataFrame, chosen: problems.ProblemFilter, ids: list[int]) -> None:
    assert problems.apply(board, chosen)["id"].tolist() == ids


def test_per_project_layer(board: pd.DataFrame) -> None:
    layer = problems.per_project(board).set_index("project")
    assert layer.loc["乙", "open"] == 2 and layer.loc["乙", "overdue"] == 2
    assert "丙" not in layer.index  # nothing open there
