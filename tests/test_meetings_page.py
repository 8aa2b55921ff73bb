"""The meetings page in AppTest, and decision rows typed in its form."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.config import REPO_ROOT
from geo.storage import store
from geo.workflow import meetings


def _page(monkeypatch: pytest.MonkeyPatch, url: str) -> AppTest:
    monkeypatch.setenv("GEO_DB_URL", url)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/meetings.py")
    return at


def test_meetings_are_listed_and_recorded(
    monkeypatch: pytest.MonkeyPatch, demo_copy_url: str
) -> None:
    engine = store.make_engine(demo_copy_url)
    before = store.count_rows(engine)["meetings"]
    at = _page(monkeypatch, demo_copy_url)
    at.run()
    assert not at.exception
    assert len(at.dataframe[0].value) == before
    at.button(key="FormSubmitter:record_meeting-登记会议").click().run()  # no title
    assert "请填写会议名称" in at.error[0].value  # in the UI's language
    next(t for t in at.text_input if t.label == "会议名称").input("城关镇项目推进调度会")
    at.button(key="FormSubmitter:record_meeting-登记会议").click().run()
    assert not at.exception
    assert "会议已登记" in at.success[0].value
    assert store.count_rows(engine)["meetings"] == before + 1


def test_drafts_from_the_form() -> None:
    edited = pd.DataFrame(
        {
            "project": ["甲项目", None, "乙项目"],
            "action": ["完成供电", None, "协调用地"],
            "unit": ["供电公司", None, "自然资源局"],
            "deadline": [pd.Timestamp("2026-12-01"), pd.NaT, pd.NaT],
            "new_problem": [True, None, False],
        }
    )
    drafts = meetings.drafts_from(edited, {"甲项目": 1, "乙项目": 2})
    assert [d.project_id for d in drafts] == [1, 2]
    assert drafts[0].deadline == dt.date(2026, 12, 1) and drafts[0].new_problem_category == "other"
    assert drafts[1].deadline is None and drafts[1].new_problem_category is None
    with pytest.raises(ValueError, match="decision 1: Project is required"):
        meetings.drafts_from(edited.assign(project="丙项目"), {"甲项目": 1})
