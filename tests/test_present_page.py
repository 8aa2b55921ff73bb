"""The presentation: one slide per stop, next and previous, data shown as text."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo import store
from geo.config import REPO_ROOT
from geo.models import Project


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
    assert "请先" in at.info[0].value
    at.multiselect[0].select(2).select(3).run()
    assert not at.exception
    slide = "".join(m.value for m in at.markdown)
    assert "1. 正洪福临花高端纺织" in slide
    assert "第 1 站 / 共 2 站" in at.caption[0].value
    next(b for b in at.button if "下一站" in b.label).click().run()
    slide = "".join(m.value for m in at.markdown)
    assert "2. &lt;img src=x onerror=alert(1)&gt;骆蓄" in slide and "<img src=x" not in slide
    assert {m.label for m in at.metric} >= {"完成率", "建设阶段"}
    assert not at.get("text_input") and not at.get("form")  # read-only: nothing to edit
