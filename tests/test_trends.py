"""Month-by-month trends by hand, and against the measures on the demo county."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.core import measures, problems, snapshot, trends
from geo.storage import store
from geo.views import charts

D = dt.date


def test_month_ends() -> None:
    assert trends.month_ends(D(2026, 3, 31)) == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31)]
    assert trends.month_ends(D(2026, 3, 15)) == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 15)]
    assert trends.previous_month_end(D(2026, 1, 31)) == D(2025, 12, 31)


@pytest.fixture
def small() -> tuple[pd.DataFrame, pd.DataFrame]:
    projects = pd.DataFrame(
        {"id": [1, 2], "stage": ["building", "signed"], "annual_plan_wan": [1200.0, 600.0]}
    )
    reports = pd.DataFrame(
        {
            "project_id": [1, 1, 2],
            "as_of": [D(2026, 1, 31), D(2026, 3, 31), D(2026, 2, 28)],
            "completed_wan": [100.0, 400.0, 50.0],
            "stage": ["building", "completed", "started"],
        }
    )
    return projects, reports


def test_states_carry_the_last_report_forward(small) -> None:
    projects, reports = small
    states = trends.monthly_states(projects, reports, trends.month_ends(D(2026, 3, 31)))
    table = states.pivot(index="month", columns="project_id", values="completed_wan")
    assert table[1].tolist() == [100.0, 100.0, 400.0]  # February repeats January
    assert table[2].tolist() == [0.0, 50.0, 50.0]  # nothing reported in January
    stages = states.pivot(index="month", columns="project_id", values="stage")
    assert stages[2].tolist() == ["signed", "started", "started"]  # recorded stage first
    assert stages[1].tolist() == ["building", "building", "completed"]


def test_investment_curve_against_the_plan(small) -> None:
    projects, reports = small
    states = trends.monthly_states(projects, reports, trends.month_ends(D(2026, 3, 31)))
    curve = trends.investment_curve(projects, states)
    assert curve["completed_wan"].tolist() == [100.0, 150.0, 450.0]
    assert curve["month_wan"].tolist() == [100.0, 50.0, 300.0]
    assert curve["plan_wan"].tolist() == pytest.approx([150.0, 300.0, 450.0])  # 1800 × m/12
    assert curve["completion_rate"].iloc[-1] == pytest.approx(0.25)
    whole = trends.investment_curve(projects, states, full_year=True)
    assert len(whole) == 12 and whole["completed_wan"].iloc[3:].isna().all()
    assert whole["plan_wan"].iloc[-1] == pytest.approx(1800.0)
    one = trends.investment_curve(projects[projects["id"] == 2], states)
    assert one["completed_wan"].tolist() == [0.0, 50.0, 50.0]


def test_stage_counts(small) -> None:
    projects, reports = small
    states = trends.monthly_states(projects, reports, trends.month_ends(D(2026, 3, 31)))
    march = trends.stage_counts(projects, states)
    march = march[march["month"] == D(2026, 3, 31)]
    assert march[["stage", "projects"]].values.tolist() == [["started", 1], ["completed", 1]]


def test_batches_cross_thresholds() -> None:
    before = pd.Series({1: "planned", 2: "signed", 3: "building", 4: "completed"})
    after = pd.Series({1: "started", 2: "building", 3: "building", 4: "at_capacity", 5: "signed"})
    assert trends.batches(before, after) == {
        "signed": [1, 5],  # planned → started passes signed too; 5 is new
        "started": [1, 2],
        "producing": [4],  # completed → at capacity passes production
    }


def test_problem_flow_by_hand() -> None:
    frame = pd.DataFrame(
        {
            "raised_on": [D(2026, 1, 5), D(2026, 1, 20), D(2026, 2, 3), D(2026, 2, 10)],
            "status": ["resolved", "in_progress", "closed", "resolved"],
            "resolved_on": [D(2026, 2, 1), None, D(2026, 2, 20), None],
        }
    )
    flow = trends.problem_flow(frame, [D(2026, 1, 31), D(2026, 2, 28)])
    assert flow[["opened", "resolved", "open"]].values.tolist() == [[2, 0, 2], [2, 2, 1]]


def test_curve_ends_at_the_measures_on_the_demo(demo_engine: sa.Engine) -> None:
    snap = snapshot.take_snapshot(demo_engine)
    ends = trends.month_ends(snap.as_of)
    states = trends.monthly_states(
        snap.projects, store.load_report_history(demo_engine, snap.as_of), ends
    )
    curve = trends.investment_curve(snap.projects, states)
    head = measures.headline(snap.projects, snap.as_of)
    assert curve["completed_wan"].iloc[-1] == pytest.approx(head.completed_wan)
    june = snapshot.take_snapshot(demo_engine, D(2026, 6, 30))
    assert curve.set_index("month").loc[D(2026, 6, 30), "completed_wan"] == pytest.approx(
        june.projects["completed_wan"].sum()
    )
    # The stage ladder at each month-end is the snapshot's stage count then.
    counts = trends.stage_counts(snap.projects, states)
    june_counts = counts[counts["month"] == D(2026, 6, 30)].set_index("stage")["projects"]
    assert june_counts.to_dict() == june.projects["stage"].value_counts().to_dict()
    # Problems open at the end of each month agree with the problem flags then.
    flow = trends.problem_flow(store.load_problems(demo_engine), ends).set_index("month")
    flagged = problems.as_of(store.load_problems(demo_engine), D(2026, 6, 30))
    assert flow.loc[D(2026, 6, 30), "open"] == int(flagged["is_open"].sum())


def test_charts_carry_the_numbers(small) -> None:
    projects, reports = small
    ends = trends.month_ends(D(2026, 3, 31))
    states = trends.monthly_states(projects, reports, ends)
    spec = charts.stage_chart(trends.stage_counts(projects, states), "zh").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert {(v["stage"], v["projects"]) for v in values} >= {("开工", 1), ("竣工", 1)}
    flow = trends.problem_flow(
        pd.DataFrame({"raised_on": [D(2026, 1, 5)], "status": ["raised"], "resolved_on": [None]}),
        ends,
    )
    spec = charts.problem_flow_chart(flow, "en").to_dict()
    assert "Opened" in str(spec) and "Open at month end" in str(spec)


@pytest.mark.parametrize(
    ("lang", "months"), [("en", ["Jan", "Feb", "Mar"]), ("zh", ["1月", "2月", "3月"])]
)
def test_a_months_bars_and_points_share_its_band(small, lang: str, months: list[str]) -> None:
    """Months are bands in calendar order for every layer (on a time axis October's bars
    spanned October while its point sat on the 1st), and legends are never cut short."""
    flow = trends.problem_flow(
        pd.DataFrame({"raised_on": [D(2026, 1, 5)], "status": ["raised"], "resolved_on": [None]}),
        trends.month_ends(D(2026, 3, 31)),
    )
    spec = charts.problem_flow_chart(flow, lang).to_dict()
    for layer in spec["layer"]:
        assert layer["encoding"]["x"]["field"] == "label"
        assert layer["encoding"]["x"]["sort"] == months
        assert layer["encoding"]["color"]["legend"]["labelLimit"] == 0
