"""The roadmap and approvals in the running app (AppTest): the project page, the board, the
shared link."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import sqlalchemy as sa

from geo.core import snapshot
from geo.storage import store
from geo.workflow import approvals, share


def test_the_shared_link_opens_its_project(open_app, demo_url: str, demo_engine: sa.Engine) -> None:
    project = snapshot.take_snapshot(demo_engine).projects.iloc[7]
    link = share.project_link("https://xm.gucheng.gov.cn", int(project["id"]))
    parsed = urlparse(link)
    at = open_app(demo_url, parsed.path.strip("/"), GEO_PUBLIC_URL="https://xm.gucheng.gov.cn")
    for key, values in parse_qs(parsed.query).items():
        at.query_params[key] = values[0]
    at.run()
    assert not at.exception
    assert at.title[0].value.replace("\\\\", "") == project["name"]
    assert link in [c.value for c in at.code]  # the page offers the same link to share
    assert len(at.get("vega_lite_chart")) == 2  # investment and the roadmap's Gantt


def test_an_approval_is_recorded_from_the_project_page(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    pending = approvals.load_approvals(engine)
    row = pending[pending["status"] == "pending"].iloc[0]
    at = open_app(demo_copy_url, "project")
    at.query_params["project"] = str(int(row["project_id"]))
    at.run()
    # Choosing the item (outside the form) shows its current dates, then the form is filled.
    next(s for s in at.selectbox if s.label == "手续").set_value(int(row["id"])).run()
    next(s for s in at.selectbox if s.label == "状态").set_value("granted")
    next(d for d in at.date_input if d.label == "办结日期").set_value(dt.date(2026, 11, 20))
    at.button(key="FormSubmitter:approval_update-保存").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    after = approvals.load_approvals(engine).set_index("id").loc[int(row["id"])]
    assert after["status"] == "granted" and after["granted_on"] == dt.date(2026, 11, 20)


def test_the_board_ranks_departments(open_app, demo_url: str, demo_engine: sa.Engine) -> None:
    at = open_app(demo_url, "roadmap")
    at.run()
    assert not at.exception
    board = approvals.by_department(approvals.load_approvals(demo_engine), dt.date.today())
    shown = at.dataframe[1].value
    assert list(shown["审批部门"]) == list(board["department"])
    assert list(shown["在办"]) == list(board["pending"])
    metrics = {m.label: m.value for m in at.metric}
    statuses = snapshot.take_snapshot(demo_engine).projects["roadmap_status"].value_counts()
    assert metrics["节点按期"] == str(statuses.get("on_time", 0))


def test_a_milestone_reached_is_recorded(open_app, demo_copy_url: str) -> None:
    from geo.workflow import roadmap

    engine = store.make_engine(demo_copy_url)
    steps = roadmap.load_milestones(engine, 1)
    open_step = steps[steps["actual_on"].isna()].iloc[0]
    at = open_app(demo_copy_url, "project")
    at.query_params["project"] = "1"
    at.run()
    next(s for s in at.selectbox if s.label == "节点").set_value(int(open_step["id"])).run()
    next(d for d in at.date_input if d.label == "完成日期").set_value(dt.date(2026, 11, 20))
    at.button(key="FormSubmitter:milestone_reached-保存").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    after = roadmap.load_milestones(engine, 1).set_index("id").loc[int(open_step["id"])]
    assert after["actual_on"] == dt.date(2026, 11, 20)


def test_a_project_adds_its_own_milestone(open_app, demo_copy_url: str) -> None:
    from geo.workflow import roadmap

    engine = store.make_engine(demo_copy_url)
    before = roadmap.load_milestones(engine, 1)
    at = open_app(demo_copy_url, "project")
    at.query_params["project"] = "1"
    at.run()
    next(t for t in at.text_input if t.label == "节点").input("二期厂房开工")
    at.button(key="FormSubmitter:milestone_add-保存").click().run()
    assert not at.exception and not at.error
    after = roadmap.load_milestones(engine, 1)
    assert len(after) == len(before) + 1
    assert (
        after.iloc[-1]["code"] == "二期厂房开工"
        and after.iloc[-1]["seq"] == before["seq"].max() + 1
    )
