"""The presentation: one slide per stop, next and previous, data shown as text."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo import ui
from geo.config import REPO_ROOT
from geo.storage import store
from geo.storage.models import Project


def _page(monkeypatch: pytest.MonkeyPatch, url: str) -> AppTest:
    monkeypatch.setenv("GEO_DB_URL", url)
    monkeypatch.setenv("GEO_TILES", "none")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/present.py")
    return at


def test_slides_step_through_the_stops(monkeypatch: pytest.MonkeyPatch, demo_copy_url: str) -> None:
    with store.transaction(store.make_engine(demo_copy_url), write=True) as s:
        s.get(Project, 3).name = "<img src=x onerror=alert(1)>骆蓄"
    at = _page(monkeypatch, demo_copy_url)
    at.run()
    assert not at.exception
    # Without a tour planned in this session: the demo's observation meeting, the projects
    # behind schedule, or projects picked by hand.
    ways = at.selectbox(key="_w.present_way.zh").options
    assert ways[0].startswith("观摩会：") and ways[-1] == "自选项目"
    assert any(w.startswith("低于时间进度的项目") for w in ways)
    at.selectbox(key="_w.present_way.zh").select_index(len(ways) - 1).run()
    assert "暂无可展示的项目" in at.info[0].value
    at.multiselect(key="present_picked").select(2).select(3).run()
    assert not at.exception
    assert at.title[0].value == ui.md("1. 正洪福临花高端纺织")
    assert "第 1 站 / 共 2 站" in at.caption[0].value
    next(b for b in at.button if b.label == "下一站").click().run()
    assert at.title[0].value == ui.md("2. <img src=x onerror=alert(1)>骆蓄")  # text, not markup
    assert not any("<img" in m.value for m in at.markdown if "style" not in m.value)
    assert {m.label for m in at.metric} >= {"完成率", "建设阶段"}
    assert not at.get("text_input") and not at.get("form")  # read-only: nothing to edit
