"""The tour planner page in AppTest, and the stop presets."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.config import REPO_ROOT
from geo.core import problems, snapshot, tour
from geo.storage import store


def test_presets(demo_engine: sa.Engine) -> None:
    projects = snapshot.take_snapshot(demo_engine).projects
    flagged = problems.with_flags(store.load_problems(demo_engine), dt.date(2026, 11, 23))
    behind = tour.preset_stops(projects, flagged, "behind_schedule", "城关镇")
    rows = projects.set_index("id").loc[behind]
    assert len(behind) > 0 and rows["behind_schedule"].all()
    assert ((rows["park"] == "城关镇") | (rows["township"] == "城关镇")).all()
    assert rows["completion_rate"].is_monotonic_increasing  # laggards first
    late = tour.preset_stops(projects, flagged, "overdue_problems")
    assert set(late) == set(flagged.loc[flagged["overdue"], "project_id"])
    with pytest.raises(ValueError, match="preset='nice'"):
        tour.preset_stops(projects, flagged, "nice")


def test_plan_a_tour_on_the_page(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    monkeypatch.setenv("GEO_DB_URL", demo_url)
    monkeypatch.setenv("GEO_TILES", "none")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=90)
    at.switch_page("pages/tour.py").run()
    assert not at.exception
    snap = snapshot.take_snapshot(store.make_engine(demo_url))
    behind = int(snap.projects["behind_schedule"].sum())
    assert behind > 10  # the demo has more laggards than a day holds: the page says how many
    next(b for b in at.button if b.label == f"选用前10个（共{behind}个）").click().run()
    chosen = at.multiselect(key="tour_stops").value
    assert len(chosen) == 10
    next(b for b in at.button if b.label == f"全部选用（{behind}个，分多天）").click().run()
    assert len(at.multiselect(key="tour_stops").value) == behind
    next(b for b in at.button if b.label == f"选用前10个（共{behind}个）").click().run()
    next(b for b in at.button if b.label == "生成路线").click().run()
    assert not at.exception
    assert any("个点位" in m.value and "公里" in m.value for m in at.markdown)
    itinerary = at.dataframe[-1].value
    assert (
        sorted(itinerary["项目名称"])
        == sorted(
            snapshot.take_snapshot(store.make_engine(demo_url))
            .projects.set_index("id")
            .loc[chosen, "name"]
        )
        or at.warning
    )  # stops that do not fit are named in a warning


def test_a_click_on_the_map_adds_a_stop(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    from geo import ui

    # AppTest cannot click inside a component: the map "reports" a click on its first run.
    def fake(fmap, key, *, on_change=None, **_kw):
        value = {"last_active_drawing": {"properties": {"project_id": 42}}}
        if key == "tour_pick_map" and not st.session_state.get("_clicked_once"):
            st.session_state["_clicked_once"] = True
            st.session_state[key] = value
            on_change()

    monkeypatch.setattr(ui, "show_map", fake)
    monkeypatch.setenv("GEO_DB_URL", demo_url)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=90)
    at.switch_page("pages/tour.py").run()
    at.run()  # the click's rerun
    assert not at.exception
    assert at.session_state["tour_stops"] == [42]
