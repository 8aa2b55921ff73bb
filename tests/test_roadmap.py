"""Roadmaps and approvals by hand-computed examples, and on the demo county."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.core import snapshot
from geo.storage import store
from geo.workflow import approvals, roadmap

D = dt.date
TODAY = D(2026, 11, 23)


def _milestones(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["project_id", "seq", "code", "planned_on", "actual_on"])


@pytest.mark.parametrize(
    ("planned", "actual", "expected"),
    [
        (D(2026, 11, 1), None, 22),  # open, 22 days past plan
        (D(2026, 12, 1), None, 0),  # open, not due yet
        (D(2026, 6, 1), D(2026, 6, 11), 10),  # reached 10 days late
        (D(2026, 6, 1), D(2026, 5, 20), 0),  # reached early
    ],
)
def test_days_late(planned: dt.date, actual: dt.date | None, expected: int) -> None:
    assert roadmap.days_late(planned, actual, TODAY) == expected


def test_next_milestone_and_colour_by_thresholds() -> None:
    frame = _milestones(
        [
            (1, 1, "land", D(2026, 3, 1), D(2026, 3, 5)),
            (1, 2, "start", D(2026, 11, 15), None),  # 8 days late: amber
            (1, 3, "topped_out", D(2027, 3, 1), None),
            (2, 1, "start", D(2026, 10, 1), None),  # 53 days late: red
            (3, 1, "start", D(2027, 1, 1), None),  # not due: on time
            (4, 1, "start", D(2026, 1, 1), D(2026, 1, 2)),  # everything reached
        ]
    )
    table = roadmap.next_milestones(frame, TODAY).set_index("project_id")
    assert table.loc[1, ["code", "days_late", "roadmap_status"]].tolist() == ["start", 8, "late"]
    assert table.loc[2, ["days_late", "roadmap_status"]].tolist() == [53, "very_late"]
    assert table.loc[3, "roadmap_status"] == "on_time"
    assert table.loc[4, "roadmap_status"] == "done"
    strict = roadmap.next_milestones(frame, TODAY, roadmap.Thresholds(amber_days=5))
    assert strict.set_index("project_id").loc[1, "roadmap_status"] == "very_late"
    projects = pd.DataFrame({"id": [1, 2, 5]})
    merged = roadmap.with_roadmap(projects, frame, TODAY).set_index("id")
    assert merged.loc[5, "roadmap_status"] == "no_roadmap"  # a project without a roadmap


def test_template_spreads_the_category_roadmap() -> None:
    steps = roadmap.template_dates("industry", D(2026, 1, 1), D(2026, 11, 1))
    assert [c for c, _ in steps] == [
        "land",
        "start",
        "topped_out",
        "equipment",
        "trial",
        "production",
    ]
    assert steps[1] == ("start", D(2026, 1, 1))  # start on the planned start
    assert steps[0][1] == D(2026, 1, 1) - dt.timedelta(days=60)  # land before it
    assert steps[-1][1] == D(2026, 11, 1)
    assert [d for _, d in steps] == sorted(d for _, d in steps)
    assert [c for c, _ in roadmap.template_dates("urban", D(2026, 1, 1), D(2026, 7, 1))] == [
        "start",
        "main_works",
        "completed",
    ]


def test_apply_template_once(demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    with store.transaction(engine, write=True) as s:
        s.execute(sa.text("DELETE FROM milestones WHERE project_id = 1"))
    assert roadmap.apply_template(engine, 1) == 6  # an industrial project
    assert roadmap.load_milestones(engine, 1)["code"].tolist()[:2] == ["land", "start"]
    with pytest.raises(ValueError, match="already has a roadmap"):
        roadmap.apply_template(engine, 1)


def _approvals(rows: list[tuple]) -> pd.DataFrame:
    columns = ["project_id", "project", "item", "department", "applied_on", "granted_on", "status"]
    return pd.DataFrame(rows, columns=columns)


def test_board_by_department_by_hand() -> None:
    frame = _approvals(
        [
            (1, "甲", "eia", "环保局", D(2026, 11, 3), None, "pending"),  # 20 days waiting
            (2, "乙", "eia", "环保局", D(2026, 11, 13), None, "pending"),  # 10
            (1, "甲", "filing", "发改局", D(2026, 10, 1), D(2026, 10, 5), "granted"),  # 4 days
            (2, "乙", "filing", "发改局", D(2026, 10, 1), D(2026, 10, 9), "granted"),  # 8 days
            (3, "丙", "filing", "发改局", D(2026, 11, 20), None, "pending"),  # 3
            (3, "丙", "energy", "发改局", None, None, "not_applied"),
        ]
    )
    board = approvals.by_department(frame, TODAY).set_index("department")
    assert board.loc["环保局", ["pending", "days_waiting", "longest_wait", "rank"]].tolist() == [
        2,
        30,
        20,
        1,
    ]
    assert board.loc[
        "发改局", ["pending", "days_waiting", "granted", "average_days", "rank"]
    ].tolist() == [1, 3, 2, 6.0, 2]
    items = approvals.records(frame, TODAY)
    assert items[0]["days_waiting"] == 20 and items[2]["days_waiting"] == 4
    assert items[5]["days_waiting"] is None


def test_projects_that_cannot_start() -> None:
    projects = pd.DataFrame(
        {"id": [1, 2, 3], "name": ["甲", "乙", "丙"], "stage": ["signed", "building", "planned"]}
    )
    frame = _approvals(
        [
            (1, "甲", "construction_permit", "住建局", D(2026, 11, 1), None, "pending"),
            (1, "甲", "energy", "发改局", None, None, "not_applied"),  # not needed to start
            (2, "乙", "construction_permit", "住建局", None, None, "not_applied"),  # started anyway
            (3, "丙", "energy", "发改局", None, None, "not_applied"),
        ]
    )
    blocked = approvals.blocked_projects(projects, frame)
    assert blocked["name"].tolist() == ["甲"] and blocked["missing"].iloc[0] == [
        "construction_permit"
    ]


def test_update_checks_dates(demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    one = approvals.load_approvals(engine, 1).iloc[0]
    with pytest.raises(ValueError, match="needs the date it was granted"):
        approvals.update(
            engine, int(one["id"]), status="granted", applied_on=D(2026, 1, 1), granted_on=None
        )
    with pytest.raises(ValueError, match="before applied"):
        approvals.update(
            engine,
            int(one["id"]),
            status="granted",
            applied_on=D(2026, 2, 1),
            granted_on=D(2026, 1, 1),
        )
    approvals.update(
        engine,
        int(one["id"]),
        status="granted",
        applied_on=D(2026, 1, 1),
        granted_on=D(2026, 1, 9),
        version=int(one["version"]),
    )
    assert approvals.load_approvals(engine, 1).iloc[0]["granted_on"] == D(2026, 1, 9)


def test_the_demo_has_roadmaps_and_approvals(demo_engine: sa.Engine) -> None:
    snap = snapshot.take_snapshot(demo_engine)
    assert (snap.projects["roadmap_status"] != "no_roadmap").all()
    assert {"on_time", "very_late"} <= set(snap.projects["roadmap_status"])
    items = approvals.load_approvals(demo_engine)
    assert {"granted", "pending"} <= set(items["status"])
    assert not approvals.blocked_projects(snap.projects, items).empty


def test_milestones_and_approvals_commands(demo_url: str, capsys) -> None:
    import json

    from geo.ops import cli

    assert (
        cli.main(
            ["--db", demo_url, "milestones", "--project", "1", "--today", "2026-11-23", "--json"]
        )
        == 0
    )
    steps = json.loads(capsys.readouterr().out)
    assert [s["seq"] for s in steps] == list(range(1, len(steps) + 1))
    assert {"code", "name", "planned", "actual", "days_late"} <= set(steps[0])
    argv = ["--db", demo_url, "approvals", "--status", "pending", "--today", "2026-11-23", "--json"]
    assert cli.main(argv) == 0
    items = json.loads(capsys.readouterr().out)
    assert items and all(i["status"] == "pending" and i["days_waiting"] >= 0 for i in items)
    assert {
        "project_id",
        "name",
        "department",
        "applied",
        "granted",
        "status",
        "days_waiting",
    } <= set(items[0])
    department = items[0]["department"]
    assert cli.main(["--db", demo_url, "approvals", "--department", department, "--json"]) == 0
    assert {i["department"] for i in json.loads(capsys.readouterr().out)} == {department}
    assert cli.main(["--db", demo_url, "milestones", "--project", "99999"]) == 1


def test_share_link_qr_code_decodes_to_the_link() -> None:
    import io

    import zxingcpp
    from PIL import Image

    from geo.workflow import share

    link = share.project_link("https://xm.gucheng.gov.cn/dash/", 42)
    assert link == "https://xm.gucheng.gov.cn/dash/project?project=42"
    image = Image.open(io.BytesIO(share.qr_png(link)))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [link]
