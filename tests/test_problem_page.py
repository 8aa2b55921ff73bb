"""The problem page in AppTest: a step taken through the form lands in the database and its history."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.config import REPO_ROOT
from geo.storage import audit, store


def _page(monkeypatch: pytest.MonkeyPatch, url: str, problem_id: int | None = None) -> AppTest:
    monkeypatch.setenv("GEO_DB_URL", url)
    monkeypatch.setenv("GEO_ACTOR", "重点办")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/problem.py")
    if problem_id is not None:
        at.query_params["problem"] = str(problem_id)
    return at


def test_resolve_through_the_form(monkeypatch: pytest.MonkeyPatch, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    problems = store.load_problems(engine)
    problem_id = int(problems.loc[problems["status"] == "in_progress", "id"].iloc[0])
    at = _page(monkeypatch, demo_copy_url, problem_id)
    at.run()
    assert not at.exception
    assert at.subheader[0].value  # the problem's text
    at.text_area[0].input("已协调供电公司完成专线送电")
    at.button(key="FormSubmitter:resolve-办结").click().run()
    assert not at.exception
    after = store.load_problems(engine).set_index("id").loc[problem_id]
    assert after["status"] == "resolved" and after["resolution"] == "已协调供电公司完成专线送电"
    last = audit.history(engine, "problems", problem_id).iloc[-1]
    assert last["actor"] == "重点办" and last["changes"]["status"] == ["in_progress", "resolved"]


def test_refused_step_is_explained(monkeypatch: pytest.MonkeyPatch, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    problems = store.load_problems(engine)
    problem_id = int(problems.loc[problems["status"] == "resolved", "id"].iloc[0])
    at = _page(monkeypatch, demo_copy_url, problem_id)
    at.run()
    at.button(key="FormSubmitter:reopen-重新打开").click().run()  # no reason given
    assert not at.exception
    assert "请填写原因" in at.error[0].value  # in the UI's language
    assert store.load_problems(engine).set_index("id").loc[problem_id, "status"] == "resolved"


def test_raise_a_problem(monkeypatch: pytest.MonkeyPatch, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    before = store.count_rows(engine)["problems"]
    at = _page(monkeypatch, demo_copy_url)
    at.run()
    assert not at.exception
    assert "请选择一个问题" in at.info[0].value
    at.text_area[-1].input("项目进场道路未硬化")
    at.text_input[-1].input("孙磊")
    at.button(key="FormSubmitter:raise-登记新问题").click().run()
    assert not at.exception
    assert store.count_rows(engine)["problems"] == before + 1
    newest = store.load_problems(engine).iloc[-1]
    assert (newest["description"], newest["raised_by"], newest["status"]) == (
        "项目进场道路未硬化",
        "孙磊",
        "raised",
    )


def test_second_editor_is_told_who_saved_first(
    monkeypatch: pytest.MonkeyPatch, demo_copy_url: str
) -> None:
    from geo.storage.models import Problem

    engine = store.make_engine(demo_copy_url)
    problems = store.load_problems(engine)
    problem_id = int(problems.loc[problems["status"] == "in_progress", "id"].iloc[0])
    at = _page(monkeypatch, demo_copy_url, problem_id)
    at.run()  # 重点办 has the problem on screen…
    with store.transaction(engine, write=True, actor="李红梅") as s:  # …李红梅 saves a change
        s.get(Problem, problem_id).contact = "另一位联系人"
    at.text_area[0].input("已协调供电公司完成专线送电")
    at.button(key="FormSubmitter:resolve-办结").click().run()
    assert not at.exception
    assert "已被李红梅于" in at.error[0].value and "请刷新页面" in at.error[0].value
    after = store.load_problems(engine).set_index("id").loc[problem_id]
    assert after["status"] == "in_progress" and after["contact"] == "另一位联系人"  # kept
    # The page now shows the current record: saving again is based on it and goes through.
    at.text_area[0].input("已协调供电公司完成专线送电")
    at.button(key="FormSubmitter:resolve-办结").click().run()
    assert store.load_problems(engine).set_index("id").loc[problem_id, "status"] == "resolved"
