"""Recording a meeting with decisions that open or assign problems, and the next meeting's agenda."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from geo.core import problems
from geo.storage import audit, store
from geo.workflow import meetings

D = dt.date


@pytest.fixture
def county(demo_copy_url: str) -> sa.Engine:
    return store.make_engine(demo_copy_url)


def _park(engine: sa.Engine, name: str = "石花工业园") -> int:
    zones = store.load_zones(engine)
    return int(zones.loc[zones["name"] == name, "id"].item())


def test_record_a_meeting(county: sa.Engine) -> None:
    open_problems = store.load_problems(county)
    target = open_problems[open_problems["status"] == "raised"].iloc[0]
    meeting_id = meetings.record_meeting(
        county,
        kind="onsite",
        held_on=D(2026, 11, 20),
        title="项目现场办公会",
        chair="李红梅",
        place="项目现场",
        attendees="县重点办、县供电公司",
        project_ids=[int(target["project_id"]), 1],
        decisions=[
            meetings.DecisionDraft(
                int(target["project_id"]),
                "11月30日前完成",
                "县财政局",
                D(2026, 11, 30),
                problem_id=int(target["id"]),
            ),
            meetings.DecisionDraft(
                1,
                "协调解决厂区道路硬化",
                "县交通运输局",
                D(2026, 12, 15),
                new_problem_category="utilities",
            ),
        ],
        actor="李红梅",
    )
    decisions = store.load_decisions(county, meeting_id)
    assert decisions["responsible_unit"].tolist() == ["县财政局", "县交通运输局"]
    after = store.load_problems(county).set_index("id")
    assigned = after.loc[int(target["id"])]
    assert (assigned["status"], assigned["responsible_unit"], assigned["deadline"]) == (
        "assigned",
        "县财政局",
        D(2026, 11, 30),
    )
    opened = after.loc[int(decisions["problem_id"].iloc[1])]
    assert (opened["description"], opened["status"], opened["project_id"]) == (
        "协调解决厂区道路硬化",
        "assigned",
        1,
    )
    assert opened["meetings"] == 1
    listed = store.load_meetings(county, 1)
    assert meeting_id in listed["id"].tolist()
    trail = audit.history(county, "meetings", meeting_id)
    assert trail["actor"].tolist() == ["李红梅"] and trail["action"].tolist() == ["insert"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "party"}, "kind='party'"),
        ({"title": " "}, "Title is required"),
        (
            {"decisions": [meetings.DecisionDraft(1, "做", "", D(2026, 12, 1))]},
            "decision 1: Responsible unit is required",
        ),
        (
            {
                "decisions": [
                    meetings.DecisionDraft(
                        1, "做", "某局", D(2026, 12, 1), new_problem_category="x"
                    )
                ]
            },
            "category",
        ),
    ],
)
def test_bad_meetings_are_refused(county: sa.Engine, changes: dict, message: str) -> None:
    stamp = store.data_stamp(county)
    values = {
        "kind": "coordination",
        "held_on": D(2026, 11, 20),
        "title": "协调会",
        "chair": None,
        "place": None,
        "attendees": None,
        "project_ids": [1],
        "decisions": [],
    } | changes
    with pytest.raises(ValueError, match=message):
        meetings.record_meeting(county, **values)
    assert store.data_stamp(county) == stamp


def test_next_agenda_of_a_park_series(county: sa.Engine) -> None:
    park = _park(county)
    agenda = meetings.next_agenda(county, "supervision", park, D(2026, 11, 23))
    assert agenda.previous["title"] == "石花工业园10月重点项目督办会"
    expected = store.load_decisions(county, int(agenda.previous["id"]))
    assert agenda.decisions["id"].tolist() == expected["id"].tolist()
    assert agenda.decisions["overdue"].tolist() == [
        s == "open" and d < D(2026, 11, 23)
        for s, d in zip(expected["status"], expected["deadline"], strict=True)
    ]
    flagged = problems.with_flags(store.load_problems(county), D(2026, 11, 23))
    in_park = flagged[
        flagged["overdue"]
        & ((flagged["park"] == "石花工业园") | (flagged["township"] == "石花工业园"))
    ]
    assert sorted(agenda.overdue_problems["id"]) == sorted(in_park["id"])


def test_next_agenda_before_any_meeting(county: sa.Engine) -> None:
    agenda = meetings.next_agenda(county, "dispatch", None, D(2026, 11, 23))
    assert agenda.previous is None and agenda.decisions.empty


def test_discussions_are_kept_per_project(county: sa.Engine) -> None:
    meeting_id = meetings.record_meeting(
        county,
        kind="coordination",
        held_on=D(2026, 11, 21),
        title="用地协调会",
        chair="王建华",
        place=None,
        attendees=None,
        project_ids=[],
        decisions=[],
        discussions={2: "二期用地报批进展", 5: "  "},
    )
    listed = store.load_meetings(county).set_index("id").loc[meeting_id]
    assert listed["projects"] == [2, 5]
    said, _ = store.load_project_meetings(county, 2)
    assert said.set_index("id").loc[meeting_id, "discussion"] == "二期用地报批进展"


def test_deleting_a_meeting_needs_a_reason_and_is_recorded(county: sa.Engine) -> None:
    meeting_id = int(store.load_meetings(county)["id"].iloc[0])
    decision_ids = store.load_decisions(county, meeting_id)["id"].tolist()
    with pytest.raises(ValueError, match="a reason is required"):
        meetings.delete_meeting(county, meeting_id, reason=" ")
    meetings.delete_meeting(county, meeting_id, reason="重复登记", actor="重点办")
    assert meeting_id not in store.load_meetings(county)["id"].tolist()
    last = audit.history(county, "meetings", meeting_id).iloc[-1]
    assert (last["action"], last["reason"], last["actor"]) == ("delete", "重复登记", "重点办")
    for decision_id in decision_ids:  # its decisions went with it, each deletion recorded
        assert audit.history(county, "decisions", decision_id).iloc[-1]["action"] == "delete"


def test_discussions_from_the_form() -> None:
    import pandas as pd

    edited = pd.DataFrame(
        {"project": ["甲项目", None, "乙项目"], "discussion": ["用地", None, None]}
    )
    assert meetings.discussions_from(edited, {"甲项目": 1, "乙项目": 2}) == {1: "用地", 2: ""}
    with pytest.raises(ValueError, match="agenda row 1"):
        meetings.discussions_from(edited, {"乙项目": 2})
