"""Every write is recorded: who, when, which record, old and new values, and why."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from geo.storage import audit, store
from geo.storage.models import Problem, Project, Zone

SQUARE = json.dumps(
    {"type": "Polygon", "coordinates": [[[111, 32], [112, 32], [112, 33], [111, 32]]]}
)


def _project(engine: sa.Engine) -> int:
    with store.transaction(engine, write=True, actor="张立新") as s:
        zone = Zone(kind="township", name="城关镇", geometry=SQUARE)
        project = Project(
            code="A-1",
            name="甲项目",
            lon=111.5,
            lat=32.5,
            township=zone,
            category="industry",
            level="county",
            build_type="new",
            stage="signed",
            plan_year=2026,
            annual_plan_wan=100,
        )
        s.add(project)
        s.flush()
        return project.id


def test_insert_update_delete_are_recorded(engine: sa.Engine) -> None:
    project_id = _project(engine)
    with store.transaction(engine, write=True, actor="李红梅", reason="9月督办会决定") as s:
        s.get(Project, project_id).annual_plan_wan = 150
        s.get(Project, project_id).stage = "started"
    with store.transaction(engine, write=True, actor="王建华") as s:
        problem = Problem(
            project_id=project_id,
            description="供电未接通",
            category="utilities",
            raised_on=dt.date(2026, 9, 1),
            status="raised",
        )
        s.add(problem)
        s.flush()
        problem_id = problem.id
    with store.transaction(engine, write=True, actor="王建华", reason="重复录入") as s:
        s.delete(s.get(Problem, problem_id))
    trail = audit.history(engine, "projects", project_id)
    assert trail["action"].tolist() == ["insert", "update"]
    assert trail["actor"].tolist() == ["张立新", "李红梅"]
    update = trail.iloc[1]
    assert update["changes"] == {"annual_plan_wan": [100.0, 150.0], "stage": ["signed", "started"]}
    assert update["reason"] == "9月督办会决定"
    problem_trail = audit.history(engine, "problems", problem_id)
    assert problem_trail["action"].tolist() == ["insert", "delete"]
    assert problem_trail.iloc[1]["changes"]["description"] == ["供电未接通", None]
    assert problem_trail.iloc[1]["reason"] == "重复录入"
    assert problem_trail.iloc[0]["changes"]["raised_on"] == [None, "2026-09-01"]


def test_a_rolled_back_write_leaves_no_entry(engine: sa.Engine) -> None:
    project_id = _project(engine)
    before = len(audit.history(engine, "projects", project_id))
    with pytest.raises(RuntimeError), store.transaction(engine, write=True) as s:
        s.get(Project, project_id).name = "改名"
        s.flush()
        raise RuntimeError("cancelled")
    assert len(audit.history(engine, "projects", project_id)) == before


def test_no_change_no_entry(engine: sa.Engine) -> None:
    project_id = _project(engine)
    with store.transaction(engine, write=True) as s:
        s.get(Project, project_id).name = "甲项目"  # the same value
    assert len(audit.history(engine, "projects", project_id)) == 1


def test_default_actor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEO_ACTOR", "重点办")
    assert audit.default_actor() == "重点办"
    monkeypatch.delenv("GEO_ACTOR")
    assert audit.default_actor()


def test_history_names_fields_and_codes_in_the_users_words() -> None:
    import pandas as pd

    trail = pd.DataFrame(
        [
            {
                "at": dt.datetime(2026, 10, 1, 8, 0),
                "actor": "李红梅",
                "action": "update",
                "changes": {"status": ["raised", "assigned"], "deadline": [None, "2026-10-31"]},
                "reason": None,
            }
        ]
    )
    zh = audit.history_table(trail, "zh", "problems").iloc[0].tolist()
    en = audit.history_table(trail, "en", "problems").iloc[0].tolist()
    assert zh[3] == "状态: 已提出 → 已交办；完成时限: — → 2026-10-31"
    assert en[3].startswith("Status: Raised → Assigned; Deadline: — → 2026-10-31")
    assert "status" not in zh[3] and zh[4] == ""
