"""Drill-down tables and chart data, and the problem-list rules."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from geo.core import problems
from geo.views import charts
from geo.workflow import drilldown

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def problem_frame() -> pd.DataFrame:
    rows = [
        (1, "resolved", dt.date(2026, 9, 1)),
        (2, "in_progress", dt.date(2026, 12, 31)),
        (3, "assigned", dt.date(2026, 10, 1)),  # overdue
        (4, "closed", dt.date(2026, 1, 1)),
        (5, "raised", None),
        (6, "in_progress", dt.date(2026, 11, 23)),  # due today: not yet overdue
    ]
    frame = pd.DataFrame(rows, columns=["id", "status", "deadline"])
    frame["description"] = [f"问题{i}" for i in frame["id"]]
    frame["category"] = "funding"
    frame["responsible_unit"] = "县财政局"
    frame["raised_on"] = dt.date(2026, 3, 1)
    frame["resolution"] = None
    return frame


@pytest.mark.parametrize(
    ("status", "deadline", "expected"),
    [
        ("assigned", dt.date(2026, 11, 22), True),
        ("assigned", dt.date(2026, 11, 23), False),
        ("resolved", dt.date(2026, 1, 1), False),
        ("closed", dt.date(2026, 1, 1), False),
        ("in_progress", None, False),
    ],
)
def test_is_overdue(status: str, deadline: dt.date | None, expected: bool) -> None:
    assert problems.is_overdue(status, deadline, TODAY) is expected


def test_open_first_overdue_first(problem_frame: pd.DataFrame) -> None:
    shown = problems.for_display(problem_frame, TODAY)
    assert shown["id"].tolist() == [3, 6, 2, 5, 4, 1]
    assert shown["overdue"].tolist() == [True, False, False, False, False, False]


def test_problem_table_marks_overdue_in_words(problem_frame: pd.DataFrame) -> None:
    table = drilldown.problem_table(problems.for_display(problem_frame, TODAY), "en")
    assert table["Flags"].tolist()[:2] == ["⚠ overdue", ""]
    assert table["Status"].tolist()[0] == "Assigned"
    assert table["Deadline"].tolist()[0] == "2026-10-01"


def test_investment_series() -> None:
    reports = pd.DataFrame(
        {
            "as_of": [
                dt.date(2025, 12, 31),
                dt.date(2026, 1, 31),
                dt.date(2026, 2, 28),
                dt.date(2026, 3, 31),
            ],
            "completed_wan": [999.0, 100.0, 150.0, 400.0],
        }
    )
    series = drilldown.investment_series(reports, 1200.0, 2026)
    assert len(series) == 12
    assert series["plan_wan"].tolist()[:3] == [100.0, 200.0, 300.0]
    assert series["completed_wan"].tolist()[:3] == [100.0, 150.0, 400.0]
    assert series["month_wan"].tolist()[:3] == [100.0, 50.0, 250.0]
    assert series["completed_wan"].iloc[3:].isna().all()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_spec_is_valid(lang: str) -> None:
    reports = pd.DataFrame({"as_of": [dt.date(2026, 1, 31)], "completed_wan": [50.0]})
    spec = charts.investment_chart(
        drilldown.investment_series(reports, 1200.0, 2026), lang
    ).to_dict()
    assert len(spec["layer"]) == 2


def test_card_and_chain() -> None:
    project = {
        "code": "GC-1",
        "owner": None,
        "park": math.nan,
        "township": "城关镇",
        "category": "industry",
        "level": "city",
        "build_type": "new",
        "stage": "building",
        "total_investment_wan": 12000.0,
        "annual_plan_wan": 4000.0,
        "completed_wan": 4500.0,
        "cumulative_wan": 4500.0,
        "completion_rate": 1.125,
        "physical_progress": "设备安装",
        "planned_start": dt.date(2026, 3, 1),
        "planned_completion": None,
        "planned_production": None,
        "lon": 111.65,
        "lat": 32.26,
        "lead_leader": "张立新",
        "responsible_unit": "县经信局",
        "project_secretary": None,
        "liaison": "马骏",
        "task_force": None,
    }
    card = drilldown.card(project, "zh")["内容"]
    assert (
        card["行业"] == "工业" and card["完成率"] == "112.5%" and card["总投资(万元)"] == "12,000"
    )
    assert card["所属园区"] == "" and card["计划开工"] == "2026年3月1日"
    chain = drilldown.chain(project, "en")["Value"]
    assert chain["Lead leader"] == "张立新" and chain["Project secretary"] == ""
    assert drilldown.subtitle(project) == ["GC-1", "城关镇"]


def test_meeting_heading_counts_decisions() -> None:
    meeting = {"held_on": dt.date(2026, 9, 15), "kind": "supervision", "title": "9月督办会"}
    assert (
        drilldown.meeting_heading(meeting, 2, "zh")
        == "2026年9月15日 · 督办会 · 9月督办会 · 交办事项 2 项"
    )
    assert (
        drilldown.meeting_heading(meeting, 0, "en")
        == "2026-09-15 · Supervision meeting · 9月督办会"
    )


def test_a_project_without_reports_has_a_plan_line_and_no_figures() -> None:
    # A key project just made from the library has no monthly report yet: an empty frame must
    # not be read as a list of columns (the page crashed on it).
    none = pd.DataFrame(columns=["as_of", "completed_wan", "cumulative_wan", "stage"])
    series = drilldown.investment_series(none, 1200.0, 2026)
    assert len(series) == 12 and series["plan_wan"].iloc[-1] == 1200.0
    assert series["completed_wan"].isna().all() and series["month_wan"].isna().all()
