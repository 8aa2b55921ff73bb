"""The quarterly ranking by hand-computed examples: parts, score, ties, rank change, boards."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.core import snapshot
from geo.ops import cli
from geo.storage import store
from geo.workflow import ranking

SEP_30 = dt.date(2026, 9, 30)  # time schedule 75%


def _project(id_: int, park: str, plan: float, done: float, **extra: object) -> dict:
    row = {
        "id": id_,
        "name": f"项目{id_}",
        "park": park,
        "township": "城关镇",
        "lead_leader": "张立新",
        "responsible_unit": "县经信局",
        "category": "industry",
        "annual_plan_wan": plan,
        "completed_wan": done,
        "stage": "building",
        "planned_start": None,
        "planned_production": None,
    }
    return {**row, **extra}


def _problem(
    id_: int,
    project_id: int,
    deadline: dt.date,
    resolved_on: dt.date | None,
    raised_on: dt.date = dt.date(2026, 2, 1),
    unit: str = "县财政局",
) -> dict:
    return {
        "id": id_,
        "project_id": project_id,
        "responsible_unit": unit,
        "raised_on": raised_on,
        "deadline": deadline,
        "status": "resolved" if resolved_on else "in_progress",
        "resolved_on": resolved_on,
        "meetings": 0,
    }


@pytest.fixture
def example() -> tuple[pd.DataFrame, pd.DataFrame]:
    from geo.core import measures

    projects = pd.DataFrame(
        [
            # Park A: rate 120/200 = 60% → 0.8 of schedule; one of two planned starts made.
            _project(1, "A园", 100, 90, planned_start=dt.date(2026, 3, 1)),
            _project(2, "A园", 100, 30, planned_start=dt.date(2026, 5, 1), stage="signed"),
            # Park B: on schedule, and its planned production is done; its start was last year.
            _project(
                3,
                "B园",
                200,
                150,
                stage="producing",
                planned_start=dt.date(2025, 4, 1),
                planned_production=dt.date(2026, 8, 28),
            ),
            # Parks C and E: 60% each → 0.8, nothing else to measure: a tie.
            _project(4, "C园", 100, 60),
            _project(6, "E园", 100, 60),
            # Park D: no plan, no problem, nothing planned: nothing to score.
            _project(5, "D园", 0, 0),
        ]
    )
    problems = pd.DataFrame(
        [
            _problem(1, 1, dt.date(2026, 6, 30), dt.date(2026, 6, 20)),  # on time
            _problem(2, 2, dt.date(2026, 8, 31), dt.date(2026, 9, 10)),  # late
            _problem(3, 1, dt.date(2026, 12, 31), None),  # not due yet: left out
            _problem(4, 1, dt.date(2026, 9, 1), None, raised_on=dt.date(2026, 10, 5)),  # later
            _problem(5, 1, dt.date(2025, 12, 1), None),  # due last year: left out
        ]
    )
    return measures.with_measures(projects, SEP_30), problems


def test_parts_by_hand(example) -> None:
    parts = ranking.components(*example, SEP_30, "park").set_index("key")
    a = parts.loc["A园"]
    assert a["schedule"] == pytest.approx(0.8)
    assert (a["problems_due"], a["problems_on_time"], a["problems"]) == (2, 1, 0.5)
    assert (a["start_due"], a["started"], a["starts"]) == (2, 1, 0.5)
    assert pd.isna(a["production"])
    b = parts.loc["B园"]
    assert (b["schedule"], b["production"]) == (1.0, 1.0)
    assert pd.isna(b["starts"]) and pd.isna(b["problems"])
    assert parts.loc["D园", ["schedule", "problems", "starts", "production"]].isna().all()


def test_score_rank_and_ties(example) -> None:
    table = ranking.ranked(ranking.components(*example, SEP_30, "park"), ranking.Weights())
    # A: (50×0.8 + 20×0.5 + 15×0.5) / (50+20+15) = 57.5/85 = 67.6; B: (50+15)/65 = 100;
    # C and E: 0.8 → 80.0, tied for second; D has nothing to score and comes last unranked.
    assert list(table["key"]) == ["B园", "C园", "E园", "A园", "D园"]
    assert list(table["score"].iloc[:4]) == [100.0, 80.0, 80.0, 67.6]
    assert list(table["rank"].iloc[:4]) == [1, 2, 2, 4]
    assert pd.isna(table["rank"].iloc[4]) and pd.isna(table["score"].iloc[4])


def test_weights_change_the_order(example) -> None:
    only_problems = ranking.parse_weights("problems=1")
    table = ranking.ranked(ranking.components(*example, SEP_30, "park"), only_problems)
    assert table.iloc[0]["key"] == "A园" and table.iloc[0]["score"] == 50.0
    assert table["rank"].notna().sum() == 1  # nobody else had a problem due


def test_rank_change_against_the_previous_quarter(example) -> None:
    now = ranking.ranked(ranking.components(*example, SEP_30, "park"), ranking.Weights())
    before = pd.DataFrame({"key": ["A园", "B园", "C园"], "rank": [1, 3, 2]})
    table = ranking.with_previous(now, before).set_index("key")
    assert table.loc["B园", "previous_rank"] == 3 and table.loc["B园", "change"] == 2  # up 2
    assert table.loc["A园", "change"] == -3  # from 1st to 4th
    assert table.loc["C园", "change"] == 0
    assert pd.isna(table.loc["E园", "previous_rank"])  # new this quarter


def test_units_are_ranked_on_their_own_problems(example) -> None:
    projects, problems = example
    problems = problems.assign(
        responsible_unit=["县财政局", "县行政审批局", "县财政局", "县财政局", "县财政局"]
    )
    table = ranking.components(projects, problems, SEP_30, "unit").set_index("key")
    assert table.loc["县财政局", "problems"] == 1.0  # problem 1, on time
    assert table.loc["县行政审批局", "problems"] == 0.0  # problem 2, late
    assert table.loc["县经信局", "projects"] == 6  # the projects' unit


def test_hero_board_and_laggards() -> None:
    table = pd.DataFrame(
        {
            "key": list("abcdefghi"),
            "rank": pd.array([1, 2, 2, 4, 5, 6, 7, 7, 9], dtype="Int64"),
        }
    )
    assert list(ranking.heroes(table)["key"]) == ["a", "b", "c"]  # ranks 1-3, ties included
    assert list(ranking.laggards(table)["key"]) == ["i", "h", "g", "f"]  # last 3 ranks, worst first
    three = table.iloc[:3]
    assert list(ranking.heroes(three)["key"]) == ["a"]  # three groups: one hero, one laggard
    assert list(ranking.laggards(three)["key"]) == ["c", "b"]  # b and c tie for last


@pytest.mark.parametrize(
    ("as_of", "previous"),
    [
        (dt.date(2026, 10, 31), dt.date(2026, 9, 30)),
        (dt.date(2026, 9, 30), dt.date(2026, 6, 30)),
        (dt.date(2026, 12, 31), dt.date(2026, 9, 30)),
        (dt.date(2026, 2, 28), dt.date(2025, 12, 31)),
    ],
)
def test_previous_quarter_end(as_of: dt.date, previous: dt.date) -> None:
    assert ranking.previous_quarter_end(as_of) == previous


@pytest.mark.parametrize("text", ["speed=10", "schedule=x", "schedule=-1", "schedule=0"])
def test_bad_weights_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="weight"):
        ranking.parse_weights(text)


def test_quarterly_on_the_demo_uses_last_quarter(demo_engine: sa.Engine) -> None:
    table = ranking.quarterly(demo_engine, "township")
    then = snapshot.take_snapshot(demo_engine, dt.date(2026, 9, 30))
    previous = ranking.ranked(
        ranking.components(then.projects, store.load_problems(demo_engine), then.as_of, "township"),
        ranking.Weights(),
    )
    assert dict(zip(table["key"], table["previous_rank"], strict=True)) == dict(
        zip(previous["key"], previous["rank"], strict=True)
    )
    assert table["rank"].is_monotonic_increasing
    assert table["previous_rank"].ne(table["rank"]).any()  # the demo's quarter moved someone


def test_ranking_command(demo_url: str, capsys) -> None:
    assert cli.main(["--db", demo_url, "ranking", "--by", "leader", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"key", "score", "rank", "previous_rank"} <= set(rows[0])
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    assert len(rows) == 8  # the demo's eight lead leaders
    assert cli.main(["--db", demo_url, "ranking", "--by", "colour"]) == 2


def test_groups_without_any_problem_are_scored_on_the_rest(example) -> None:
    projects, problems = example
    parts = ranking.components(projects, problems.iloc[0:0], SEP_30, "park")
    assert parts["problems"].isna().all() and parts["problems_due"].eq(0).all()
    table = ranking.ranked(parts, ranking.Weights()).set_index("key")
    assert table.loc["A园", "score"] == round(100 * (50 * 0.8 + 15 * 0.5) / 65, 1)
