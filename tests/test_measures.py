"""Measures against figures computed by hand, starting with Jiyuan's category table."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from geo.core import measures

SEP_30 = dt.date(2026, 9, 30)  # time schedule 75%


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 9, 30), 0.75),
        (dt.date(2026, 12, 31), 1.0),
        (dt.date(2026, 1, 31), 1 / 12),
        (dt.date(2026, 2, 28), 2 / 12),
        (dt.date(2024, 2, 29), 2 / 12),
        (dt.date(2026, 6, 15), (5 + 15 / 30) / 12),
        (dt.date(2026, 1, 1), (1 / 31) / 12),
    ],
)
def test_time_schedule(as_of: dt.date, expected: float) -> None:
    assert measures.time_schedule(as_of) == pytest.approx(expected)


# Jiyuan (DOMAIN.md): 108 projects, plan 228.5亿, completed 170.6亿 = 74.7%; by category
# industry 77.2%, agriculture 97%, transport 73.9%, services 73.4%, social 65.4%, urban 38.8%.
# The plans per category are chosen by hand so that the totals come out as reported
# (plan in 亿; completed = plan × rate). Industry is split over two projects with different
# rates to check that group rates are ratios of sums, not averages of rates.
JIYUAN = [
    ("industry", 60.0, 60.0 * 0.70),
    ("industry", 59.9, 119.9 * 0.772 - 60.0 * 0.70),
    ("agriculture", 13.6, 13.6 * 0.97),
    ("transport", 35.0, 35.0 * 0.739),
    ("services", 30.0, 30.0 * 0.734),
    ("social", 20.0, 20.0 * 0.654),
    ("urban", 10.0, 10.0 * 0.388),
]
JIYUAN_RATES = {
    "industry": 0.772,
    "agriculture": 0.970,
    "transport": 0.739,
    "services": 0.734,
    "social": 0.654,
    "urban": 0.388,
}


@pytest.fixture
def jiyuan() -> pd.DataFrame:
    frame = pd.DataFrame(JIYUAN, columns=["category", "plan_yi", "done_yi"])
    frame["annual_plan_wan"] = frame["plan_yi"] * 10_000
    frame["completed_wan"] = frame["done_yi"] * 10_000
    return measures.with_measures(frame, SEP_30)


def test_jiyuan_headline(jiyuan: pd.DataFrame) -> None:
    head = measures.headline(jiyuan, SEP_30)
    assert head.annual_plan_wan == pytest.approx(2_285_000)
    assert round(head.completed_wan / 10_000, 1) == 170.6  # 亿, as the report rounds it
    assert round(head.completion_rate, 3) == 0.747
    assert head.time_schedule == 0.75


def test_jiyuan_category_table(jiyuan: pd.DataFrame) -> None:
    table = measures.by_group(jiyuan, "category")
    assert table["key"].tolist() == list(JIYUAN_RATES)
    got = dict(zip(table["key"], table["completion_rate"].round(3), strict=True))
    assert got == JIYUAN_RATES
    assert table.loc[table["key"] == "industry", "projects"].item() == 2


def test_behind_and_under_30_counts() -> None:
    rates = [0.80, 0.75, 0.7499, 0.65, 0.29, 0.0]
    frame = pd.DataFrame(
        {
            "annual_plan_wan": [100.0] * len(rates) + [0.0],
            "completed_wan": [r * 100 for r in rates] + [5.0],
        }
    )
    measured = measures.with_measures(frame, SEP_30)
    assert measured["behind_schedule"].tolist() == [False, False, True, True, True, True, False]
    assert measured["below_30pct"].tolist() == [False, False, False, False, True, True, False]
    assert measured["schedule_status"].tolist() == [
        "on_track",
        "on_track",
        "slightly_behind",
        "slightly_behind",  # exactly 10 points behind is still amber
        "far_behind",
        "far_behind",
        "no_plan",
    ]
    head = measures.headline(measured, SEP_30)
    assert (head.behind_schedule, head.below_30pct, head.projects) == (4, 2, 7)
    assert math.isnan(measured["completion_rate"].iloc[-1])


@pytest.mark.parametrize(
    ("completed", "plan", "expected"),
    [(50.0, 100.0, 0.5), (120.0, 100.0, 1.2), (5.0, 0.0, math.nan), (0.0, 10.0, 0.0)],
)
def test_completion_rate(completed: float, plan: float, expected: float) -> None:
    got = measures.completion_rate(completed, plan)
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


def test_groups_leave_out_missing_keys_and_order_by_name() -> None:
    frame = pd.DataFrame(
        {
            "park": ["B园", None, "A园", "B园"],
            "annual_plan_wan": [100.0, 50.0, 200.0, 300.0],
            "completed_wan": [50.0, 50.0, 100.0, 300.0],
        }
    )
    groups = measures.by_group(measures.with_measures(frame, SEP_30), "park")
    assert groups["key"].tolist() == ["A园", "B园"]
    assert groups["completion_rate"].tolist() == [0.5, pytest.approx(350 / 400)]
    assert groups["behind_schedule"].tolist() == [1, 1]


def test_by_group_rejects_unknown_grouping(jiyuan: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="by='colour'"):
        measures.by_group(jiyuan, "colour")


def test_zone_rates_cover_every_zone() -> None:
    projects = measures.with_measures(
        pd.DataFrame(
            {
                "park": ["园区", None],
                "township": ["甲镇", "甲镇"],
                "annual_plan_wan": [100.0, 100.0],
                "completed_wan": [80.0, 20.0],
            }
        ),
        SEP_30,
    )
    zones = pd.DataFrame(
        {"name": ["园区", "甲镇", "乙镇"], "kind": ["park", "township", "township"]}
    )
    rates = measures.zone_rates(projects, zones).set_index("name")
    assert rates.loc["园区", "completion_rate"] == 0.8
    assert rates.loc["甲镇", "completion_rate"] == 0.5
    assert rates.loc["乙镇", "projects"] == 0
    assert math.isnan(rates.loc["乙镇", "completion_rate"])


def _targets(project_id: int, monthly: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {"project_id": project_id, "month": range(1, len(monthly) + 1), "target_wan": monthly}
    )


def test_own_monthly_plan_by_hand() -> None:
    # A: 1,200 planned as 20, 40, 100, then 130 a month; at the end of March its own plan is
    # 160, at 15 March 60 + 100 × 15/31. B has no targets: measured against time (25%).
    targets = _targets(1, [20, 40, 100] + [130] * 8 + [120])
    projects = pd.DataFrame(
        {"id": [1, 2], "annual_plan_wan": [1200.0, 1200.0], "completed_wan": [150.0, 280.0]}
    )
    march = measures.with_measures(projects, dt.date(2026, 3, 31), targets).set_index("id")
    assert march.loc[1, "own_plan_wan"] == pytest.approx(160.0)
    assert march.loc[1, "own_plan_rate"] == pytest.approx(150 / 160)
    assert bool(march.loc[1, "behind_own_plan"]) is True  # 150 < 160 …
    assert bool(march.loc[1, "behind_schedule"]) is True  # … and 12.5% < 25%
    # Colours: 12.5% against its own 13.3% is slightly behind; against time's 25%, far behind.
    assert march.loc[1, "own_schedule_status"] == "slightly_behind"
    assert march.loc[1, "schedule_status"] == "far_behind"
    assert march.loc[2, "own_schedule_status"] == march.loc[2, "schedule_status"]
    assert pd.isna(march.loc[2, "own_plan_wan"])
    assert bool(march.loc[2, "behind_own_plan"]) is bool(march.loc[2, "behind_schedule"]) is True
    mid = measures.with_measures(projects, dt.date(2026, 3, 15), targets).set_index("id")
    assert mid.loc[1, "own_plan_wan"] == pytest.approx(60 + 100 * 15 / 31)
    assert bool(mid.loc[1, "behind_own_plan"]) is False  # 150 ≥ 108.4: on its own plan
    assert bool(mid.loc[1, "behind_schedule"]) is True  # though behind the time schedule
    head = measures.headline(mid, dt.date(2026, 3, 15))
    # Mid-March the time schedule is (2 + 15/31)/12 = 20.7%: B (23.3%) is on it, A is not;
    # against its own plan A is on track, and B is judged by time.
    assert (head.behind_schedule, head.behind_own_plan) == (1, 0)


def test_kpis_report_behind_own_plan(demo_url: str, demo_engine, capsys) -> None:
    import json

    from geo.core import snapshot
    from geo.ops import cli
    from geo.storage import store

    assert cli.main(["--db", demo_url, "kpis", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    snap = snapshot.take_snapshot(demo_engine)
    targets = store.load_targets(demo_engine, snap.as_of.year)
    own = measures.own_plan(targets, snap.as_of)
    expected = sum(
        (row.completed_wan + 1e-9 < own[row.id]) if row.id in own.index else row.behind_schedule
        for row in snap.projects.itertuples()
    )
    assert result["behind_own_plan"] == expected and "behind_schedule" in result
    assert 0 < len(own) < len(snap.projects)  # the demo has projects with and without targets
