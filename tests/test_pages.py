"""Every page run in Streamlit's AppTest on the demo county: numbers, filters, drill-down."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo import ui
from geo.config import REPO_ROOT
from geo.core import snapshot
from geo.storage import store
from geo.storage.models import Project
from geo.ui import maps as ui_maps

APP = str(REPO_ROOT / "app.py")
HOSTILE = "**粗体** <img src=x onerror=alert(1)> `${alert(2)}` [link](javascript:alert(3))"


def _fresh_app(monkeypatch: pytest.MonkeyPatch, url: str) -> AppTest:
    monkeypatch.setenv("GEO_DB_URL", url)
    monkeypatch.setenv("GEO_TILES", "none")
    monkeypatch.setenv("GEO_LANG", "zh")
    st.cache_resource.clear()  # settings and engine are cached per process
    st.cache_data.clear()
    return AppTest.from_file(APP, default_timeout=60)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> AppTest:
    return _fresh_app(monkeypatch, demo_url)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _fake_map(returns: dict, fire: bool) -> Callable:
    """Stand-in for st_folium's browser component: the frontend sets the widget value and
    fires on_change."""

    def fake(*, key, on_change, script, **_kwargs):
        assert "L.map(" in script  # the page sends a real map's Leaflet script
        st.session_state[key] = returns
        if fire:
            on_change()
        return returns

    return fake


def test_overview_shows_headline_numbers(app: AppTest, demo_engine: sa.Engine) -> None:
    app.run()
    assert not app.exception
    assert app.title[0].value == "重点项目建设督办平台"
    snap = snapshot.take_snapshot(demo_engine)
    metrics = _metrics(app)
    assert metrics["重点项目"] == str(len(snap.projects))
    assert metrics["低于时间进度"] == str(int(snap.projects["behind_schedule"].sum()))
    rate = snap.projects["completed_wan"].sum() / snap.projects["annual_plan_wan"].sum()
    assert metrics["完成率"] == f"{rate:.1%}"
    assert (
        metrics["年度计划投资(亿元)"] == f"{snap.projects['annual_plan_wan'].sum() / 10_000:,.2f}"
    )
    table = app.dataframe[0].value
    assert len(table) == len(snap.projects)
    assert "时间进度 83.3%" in app.caption[1].value or any("83.3%" in c.value for c in app.caption)


def test_language_switch(app: AppTest) -> None:
    app.run()
    app.button_group(key="_lang_widget").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Key project dashboard"
    assert "Key projects" in _metrics(app)
    assert "Project" in app.dataframe[0].value.columns


def test_my_zone_filters_numbers_and_table(app: AppTest, demo_engine: sa.Engine) -> None:
    projects = snapshot.take_snapshot(demo_engine).projects
    in_park = projects[projects["park"] == "石花工业园"]
    app.run()
    app.selectbox(key="_w.project_filter.zone.zh").select("石花工业园").run()
    assert not app.exception
    assert _metrics(app)["重点项目"] == str(len(in_park))
    assert sorted(app.dataframe[0].value["项目名称"]) == sorted(in_park["name"])


def test_category_and_stage_filters_combine(app: AppTest, demo_engine: sa.Engine) -> None:
    projects = snapshot.take_snapshot(demo_engine).projects
    expected = projects[(projects["category"] == "industry") & (projects["stage"] == "building")]
    app.run()
    app.multiselect(key="_w.project_filter.categories.zh").select("industry")
    app.multiselect(key="_w.project_filter.stages.zh").select("building").run()
    assert _metrics(app)["重点项目"] == str(len(expected))


def test_map_click_opens_the_drill_down(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    click = {"last_active_drawing": {"type": "Feature", "properties": {"project_id": 10}}}
    monkeypatch.setattr(ui_maps, "_COMPONENT", _fake_map(click, fire=True))
    app.run()
    assert not app.exception
    assert app.title[0].value == "美亚达双创基地"
    assert app.session_state[ui.PROJECT_KEY] == 10


def test_stale_map_value_does_not_navigate(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    # The component keeps returning the last click on every rerun; only a new event counts.
    click = {"last_active_drawing": {"type": "Feature", "properties": {"project_id": 10}}}
    monkeypatch.setattr(ui_maps, "_COMPONENT", _fake_map(click, fire=False))
    app.run()
    assert app.title[0].value == "重点项目建设督办平台"


def test_picker_opens_the_drill_down(app: AppTest, demo_engine: sa.Engine) -> None:
    app.switch_page("pages/project.py").run()
    assert not app.exception
    assert app.title[0].value == "项目详情"
    # Nothing chosen: every project is listed, the furthest behind first.
    projects = snapshot.take_snapshot(demo_engine).projects
    lowest = projects.sort_values(["completion_rate", "code"], na_position="first")["name"]
    assert app.dataframe[0].value.iloc[:, 0:3].isin([lowest.iloc[0]]).any().any()
    assert len(app.dataframe[0].value) == len(projects)
    app.selectbox[0].select(2).run()
    assert not app.exception
    assert app.title[0].value == "正洪福临花高端纺织"
    assert app.query_params["project"] == "2"
    subheaders = [s.value for s in app.subheader]
    for heading in ("项目基本情况", "责任体系", "问题清单", "会议与交办事项", "形象进度"):
        assert heading in subheaders
    card = app.table[0].value
    assert card.loc["累计完成投资(万元)", "内容"] == "42,000"
    chain = app.table[1].value
    assert set(chain.index) == {"包保领导", "责任单位", "项目秘书", "联络员", "工作专班"}


def test_drill_down_lists_problems_open_first_and_meetings(
    app: AppTest, demo_engine: sa.Engine
) -> None:
    problems = store.load_problems(demo_engine)
    project_id = int(problems.groupby("project_id").size().idxmax())
    app.switch_page("pages/project.py")
    app.query_params["project"] = str(project_id)
    app.run()
    assert not app.exception
    problem_table = app.dataframe[0].value
    statuses = problem_table["状态"].tolist()
    solved = [s in ("已解决", "已销号") for s in statuses]
    assert solved == sorted(solved)  # open problems come first
    meetings = [
        e
        for e in app.expander
        if e.label
        not in ("办理记录", "登记手续办理进展", "调整计划或登记节点完成", "增加本项目节点")
    ]
    assert len(meetings) == len(store.load_project_meetings(demo_engine, project_id)[0])


def test_unknown_project_id_is_explained(app: AppTest) -> None:
    app.switch_page("pages/project.py")
    app.query_params["project"] = "99999"
    app.run()
    assert not app.exception
    assert "99999" in app.warning[0].value


def test_hostile_name_stays_text(monkeypatch: pytest.MonkeyPatch, demo_copy_url: str) -> None:
    url = demo_copy_url
    with store.transaction(store.make_engine(url), write=True) as s:
        s.get(Project, 1).name = HOSTILE
    at = _fresh_app(monkeypatch, url)
    at.switch_page("pages/project.py")
    at.query_params["project"] = "1"
    at.run()
    assert not at.exception
    title = at.title[0].value
    assert title == ui.md(HOSTILE)
    # Every Markdown or HTML character is escaped, so it shows as itself.
    assert re.search(r"(?<!\\)[<>`*\[\]]", title) is None
    assert all(not getattr(m.proto, "allow_html", False) for m in at.markdown)


def test_empty_database_says_what_to_do(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = _fresh_app(monkeypatch, sqlite_url)
    at.run()
    assert not at.exception
    assert at.title[0].value == "设置本单位"  # a new office sets itself up (issue 17)
    # Once the office has an administrator and no projects: import your own ledger.
    from geo.storage import accounts

    store.migrate(store.make_engine(sqlite_url))
    accounts.create_account(
        store.make_engine(sqlite_url), "admin", role="admin", password="gucheng-2026-ok"
    )
    at = _fresh_app(monkeypatch, sqlite_url)
    at.session_state["principal"] = accounts.authenticate(
        store.make_engine(sqlite_url), "admin", "gucheng-2026-ok"
    )
    at.run()
    assert not at.exception
    assert "数据导入导出" in at.info[0].value and "演示" in at.info[0].value


def test_as_of_date_changes_numbers_on_every_page(app: AppTest) -> None:
    app.run()
    app.sidebar.selectbox(key="_w.as_of.zh").select(__import__("datetime").date(2026, 6, 30)).run()
    assert not app.exception
    assert any("时间进度 50.0%" in c.value for c in app.caption)
    app.switch_page("pages/project.py")
    app.query_params["project"] = "2"
    app.run()
    assert app.table[0].value.loc["年度完成投资(万元)", "内容"] != "35,000"  # October's figure


def test_my_zone_zooms_the_map_to_it(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list = []

    def capture(*, script, **_kwargs):
        seen.append(script)
        return {}

    monkeypatch.setattr(ui_maps, "_COMPONENT", capture)
    app.run()
    app.selectbox(key="_w.project_filter.zone.zh").select("石花工业园").run()
    assert not app.exception

    def fitted(script: str) -> list:
        return json.loads(re.search(r"fitBounds\(\s*(\[\[.*?\]\])", script, re.S).group(1))

    (south, west), (north, east) = fitted(seen[-1])
    (county_s, county_w), (county_n, county_e) = fitted(seen[0])
    assert east - west < (county_e - county_w) / 5  # the park, not the county
    assert 111.44 < west < east < 111.52 and 32.2 < south < north < 32.26


def test_background_choice_reaches_the_map(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list = []
    monkeypatch.setattr(ui_maps, "_COMPONENT", lambda *, script, **_kw: seen.append(script) or {})
    app.run()
    assert (
        app.sidebar.selectbox(key="_w.basemap.zh").options[0] == "无底图(离线)"
    )  # GEO_TILES=none first
    app.sidebar.selectbox(key="_w.basemap.zh").select("gaode").run()
    assert not app.exception
    assert "webrd0" in seen[-1]


def test_the_app_upgrades_an_older_database(
    monkeypatch: pytest.MonkeyPatch, demo_copy_url: str
) -> None:
    from alembic import command

    engine = store.make_engine(demo_copy_url)
    with engine.connect() as conn:
        command.downgrade(store._alembic_config(conn), "0001")
        conn.commit()
    assert store.schema_state(engine) == "old"
    at = _fresh_app(monkeypatch, demo_copy_url)
    at.run()
    assert not at.exception
    assert _metrics(at)["重点项目"] == "115"
    assert store.schema_state(engine) == "current"


def test_visitors_share_one_rendering_of_the_overview(
    app: AppTest, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rendering the map to HTML and script was most of a visit's server time: done once for
    # all sessions, each of which is still sent the whole map.
    renderings: list[str] = []
    sent: list[str] = []
    real = ui_maps._component_args
    monkeypatch.setattr(
        ui_maps, "_component_args", lambda *a, **kw: renderings.append(a[1]) or real(*a, **kw)
    )
    monkeypatch.setattr(ui_maps, "_COMPONENT", lambda *, script, **_kw: sent.append(script) or {})
    app.run()
    other = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    other.run()
    assert not app.exception and not other.exception
    assert renderings == ["overview_map"]
    assert len(sent) == 2 and sent[0] == sent[1] and "L.map(" in sent[0]
    # A filter is another map, rendered once more.
    other.multiselect(key="_w.project_filter.categories.zh").select("industry").run()
    assert renderings == ["overview_map", "overview_map"] and sent[2] != sent[0]


@pytest.mark.parametrize(
    ("lang", "library", "signed"),
    [
        ("zh", "项目库（尚未列为重点项目）", "已签约未开工"),
        ("en", "Project library (not yet key projects)", "Signed, not yet started"),
    ],
)
def test_the_overview_has_the_library_and_signed_agreements_as_layers(
    open_app,
    demo_url: str,
    demo_engine: sa.Engine,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    library: str,
    signed: str,
) -> None:
    from geo.workflow import library as reserve
    from geo.workflow import signing

    sent: list[str] = []
    monkeypatch.setattr(ui_maps, "_COMPONENT", lambda *, script, **_kw: sent.append(script) or {})
    at = open_app(demo_url, lang=lang).run()
    assert not at.exception and sent
    html = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), sent[0])
    assert "L.control.layers(" in html and f'"{library}"' in html and f'"{signed}"' in html
    # One diamond per library project with a site still to become a key project, and per
    # agreement signed by the day and not started.
    as_of = max(store.report_dates(demo_engine))
    points = reserve.library_points(reserve.load_library(demo_engine), lang)
    waiting = signing.signing_points(signing.load_agreements(demo_engine), as_of, lang)
    expected = len(points) + int((~waiting["started"].astype(bool)).sum())
    assert 0 < expected == html.count('class=\\"geo-diamond\\"')
