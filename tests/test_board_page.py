"""The problem board in AppTest and its map as real folium HTML."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo import colors, ui
from geo.config import REPO_ROOT
from geo.core import problems, snapshot
from geo.storage import store
from geo.ui import maps as ui_maps
from geo.views import maps

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def board(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> AppTest:
    monkeypatch.setenv("GEO_DB_URL", demo_url)
    monkeypatch.setenv("GEO_TILES", "none")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/board.py")
    return at


def test_board_counts_and_ranking(board: AppTest, demo_engine: sa.Engine) -> None:
    board.run()
    board.sidebar.date_input(key="board_day").set_value(DAY).run()
    assert not board.exception
    flagged = problems.as_of(store.load_problems(demo_engine), DAY)
    metrics = {m.label: m.value for m in board.metric}
    assert metrics["问题总数"] == str(len(flagged))
    assert metrics["已逾期"] == str(int(flagged["overdue"].sum()))
    assert metrics["问题解决率"] == f"{problems.resolution_rate(flagged) * 100:.1f}%"
    table, ranking = board.dataframe[0].value, board.dataframe[1].value
    flags = table["标记"].tolist()
    overdue = ["逾期" in f for f in flags]
    assert overdue == sorted(overdue, reverse=True)  # overdue first
    expected = problems.unit_ranking(flagged)
    assert ranking["责任单位"].tolist() == expected["unit"].tolist()


def test_flags_follow_an_earlier_as_of_date(board: AppTest, demo_engine: sa.Engine) -> None:
    """Chosen in the sidebar, an earlier as-of date is the day the flags are counted on (the
    county as it stood then); without one, today."""
    board.run()
    assert board.sidebar.date_input(key="board_day").value == dt.date.today()
    earlier = store.report_dates(demo_engine)[1]
    board.session_state[ui.AS_OF_KEY] = earlier
    board.run()
    assert not board.exception
    assert board.sidebar.date_input(key="board_day").value == earlier
    flagged = problems.as_of(store.load_problems(demo_engine), earlier)
    assert {m.label: m.value for m in board.metric}["已逾期"] == str(int(flagged["overdue"].sum()))


def test_board_filters_overdue_of_a_zone(board: AppTest, demo_engine: sa.Engine) -> None:
    board.run()
    board.sidebar.date_input(key="board_day").set_value(DAY)
    board.sidebar.selectbox(key="_w.problem_filter.zone.zh").select("谷城经济开发区")
    board.sidebar.multiselect(key="_w.problem_filter.states.zh").select("overdue").run()
    assert not board.exception
    flagged = problems.as_of(store.load_problems(demo_engine), DAY)
    expected = flagged[
        flagged["overdue"]
        & ((flagged["park"] == "谷城经济开发区") | (flagged["township"] == "谷城经济开发区"))
    ]
    assert len(board.dataframe[0].value) == len(expected) > 0


def test_board_map_click_opens_the_project(board: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(*, key, on_change, **_kw):
        value = {"last_active_drawing": {"properties": {"project_id": 6}}}
        st.session_state[key] = value
        on_change()
        return value

    monkeypatch.setattr(ui_maps, "_COMPONENT", fake)
    board.run()
    assert not board.exception
    assert board.title[0].value == "东风威立雅"
    assert board.session_state[ui.PROJECT_KEY] == 6


def test_problem_map_html(demo_engine: sa.Engine) -> None:
    flagged = problems.as_of(store.load_problems(demo_engine), DAY)
    layer = problems.per_project(flagged)
    zones = snapshot.take_snapshot(demo_engine).zones.assign(
        projects=0, completion_rate=float("nan")
    )
    html = maps.problem_map(layer, zones, maps.MapOptions(tiles="none")).get_root().render()
    blobs = re.findall(r'_add\((\{"features": .*?"type": "FeatureCollection"\})\);', html, re.S)
    points = [
        f for b in blobs for f in json.loads(b)["features"] if f["geometry"]["type"] == "Point"
    ]
    assert len(points) == len(layer)
    for point in points:
        row = layer[layer["project_id"] == point["properties"]["project_id"]].iloc[0]
        assert point["properties"]["color"] == (colors.RED if row["overdue"] else colors.AMBER)
        assert point["properties"]["open"] == row["open"]
