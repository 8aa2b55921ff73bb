"""Day one of a real office (issue 17): the setup on an empty database, by page and by command,
the settings page, and settings that reach letters, bulletin and tours."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from geo import config
from geo.ingest import areas
from geo.ops import cli
from geo.refusals import Refusal
from geo.storage import accounts, store
from geo.storage.models import AuditEntry
from geo.workflow import office

PASSWORD = "gucheng-2026-ok"


def _field(at, label: str):
    (found,) = [w for w in at.text_input if w.label.startswith(label)]
    return found


def test_an_empty_database_opens_the_setup_and_ends_on_the_office(
    open_app, sqlite_url: str
) -> None:
    at = open_app(sqlite_url)
    at.run()
    assert not at.exception
    assert at.title[0].value == "设置本单位"
    _field(at, "按名称或行政区划代码查找").set_value("420625").run()
    assert at.selectbox[-1].value.code == "420625"
    _field(at, "密码（至少").set_value(PASSWORD)
    _field(at, "再次输入密码").set_value(PASSWORD)
    at.button[0].click().run()  # the form's submit button comes first
    assert not at.exception, at.exception
    engine = store.make_engine(sqlite_url)
    stored = store.load_office_settings(engine)
    assert stored["GEO_AREA_CODE"] == "420625" and stored["GEO_AREA"] == "county"
    assert stored["GEO_ISSUER"] == "谷城县重点项目建设工作领导小组办公室"
    assert accounts.authenticate(engine, "admin", PASSWORD).role == "admin"
    # Now the settings page, signed in, with the next steps; the navigation is the usual one.
    assert at.title[0].value == "本单位设置"
    assert "admin已作为管理员登录" in at.success[0].value
    links = [link.label for link in at.get("page_link")]
    assert links[0].startswith("1. 导入园区、乡镇边界") and len(links) == 3


def test_the_setup_refuses_what_it_cannot_use_in_the_ui_language(open_app, sqlite_url: str) -> None:
    at = open_app(sqlite_url)
    at.run()
    at.button[0].click().run()  # nothing chosen
    assert at.error and at.error[0].value == "请先选择本单位所在的县（市、区）"
    _field(at, "按名称或行政区划代码查找").set_value("谷城").run()
    _field(at, "密码（至少").set_value("short")
    _field(at, "再次输入密码").set_value("short")
    at.button[0].click().run()
    assert at.error[0].value == "密码至少需要10个字符"
    engine = store.make_engine(sqlite_url)  # nothing half-written: not even the tables
    assert store.schema_state(engine) == "empty" or not accounts.has_accounts(engine)


def test_the_demo_button_builds_the_demo(open_app, sqlite_url: str) -> None:
    at = open_app(sqlite_url)
    at.run()
    at.button(key="write_setup_demo").click().run()
    assert not at.exception
    assert store.count_rows(store.make_engine(sqlite_url))["projects"] > 100
    assert at.title[0].value != "设置本单位"


def test_init_on_the_command_line(capsys, backend_url: str, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(PASSWORD + "\n"))
    code = cli.main(
        [
            "--db",
            backend_url,
            "init",
            "--area",
            "谷城县",
            "--issuer",
            "谷城县重点办",
            "--prefix",
            "谷重点办",
            "--admin",
            "zhang",
            "--password-stdin",
            "--tour-start",
            "111.6448,32.2628",
        ]
    )
    assert code == 0, capsys.readouterr().err
    engine = store.make_engine(backend_url)
    settings = config.load_settings({}, store.load_office_settings(engine))
    assert (settings.issuer, settings.letter_prefix, settings.area_code) == (
        "谷城县重点办",
        "谷重点办",
        "420625",
    )
    assert settings.tour_start == (111.6448, 32.2628)
    assert not office.first_run(engine)
    assert cli.main(["--db", backend_url, "init", "--area", "420625", "--issuer", "x"]) == 1
    assert "already has projects or accounts" in capsys.readouterr().err


def test_a_city_office_takes_its_counties_as_zones(sqlite_url: str) -> None:
    engine = store.make_engine(sqlite_url)
    office.set_up(
        engine,
        office.OfficeSetup(
            "420600", "襄阳市重点办", "襄重点办", "admin", PASSWORD, counties_as_zones=True
        ),
    )
    zones = store.load_zones(engine)
    assert len(zones) == 9 and "谷城县" in set(zones["name"])
    assert store.load_office_settings(engine)["GEO_AREA"] == "city"


# ---------------------------------------------------------------- settings


def test_settings_are_stored_audited_and_the_server_wins(engine: sa.Engine) -> None:
    changed = store.save_office_settings(
        engine, {"GEO_ISSUER": "谷城县重点办", "GEO_TIANDITU_KEY": "abcdef123456"}
    )
    assert changed == ["GEO_ISSUER", "GEO_TIANDITU_KEY"]
    stored = store.load_office_settings(engine)
    assert config.load_settings({}, stored).issuer == "谷城县重点办"
    assert config.load_settings({"GEO_ISSUER": "服务器设定"}, stored).issuer == "服务器设定"
    assert config.fixed_by_server({"GEO_ISSUER": "x"}) == {"GEO_ISSUER"}
    with engine.connect() as conn:
        logged = [
            json.loads(c)
            for (c,) in conn.execute(
                sa.select(AuditEntry.changes).where(AuditEntry.table_name == "app_settings")
            )
        ]
    assert {e["key"][0] for e in logged} == {"GEO_ISSUER", "GEO_TIANDITU_KEY"}
    assert not any("abcdef" in json.dumps(e) for e in logged)  # the key is not in the trail
    assert store.save_office_settings(engine, {"GEO_ISSUER": ""}) == ["GEO_ISSUER"]  # removed
    assert "GEO_ISSUER" not in store.load_office_settings(engine)


@pytest.mark.parametrize(
    ("values", "zh"),
    [
        ({"GEO_LETTER_DAY": "40"}, "每月发函日：“40”应在1到28之间"),
        ({"GEO_TOUR_START": "东经111"}, "拉练出发点（经度,纬度）：“东经111”不是“经度,纬度”"),
        ({"GEO_TILES": "tianditu"}, "地图底图：天地图底图需要填写天地图密钥"),
        ({"GEO_PUBLIC_URL": "abc"}, "平台访问地址：“abc”不是网址"),
        (
            {"GEO_RANKING_WEIGHTS": "速度=5"},
            "季度排名权重：“速度”不是评分项，可用：时间进度/schedule",
        ),
        ({"GEO_SCORE_CRITERIA": "形象进度30"}, "观摩评分项目：“形象进度30”应写成“代码:名称:权重”"),
        ({"GEO_AREA_CODE": "4206"}, "所在地区行政区划代码：“4206”不是六位行政区划代码"),
    ],
)
def test_a_bad_setting_is_refused_by_its_label(values: dict, zh: str) -> None:
    """A clerk is told the setting's label in Chinese, never the server's variable name; the
    English (the command line, the server's log) names the variable too."""
    with pytest.raises(Refusal) as refused:
        office.check(values)
    assert refused.value.text("zh").startswith(zh)
    assert "GEO_" not in refused.value.text("zh")
    assert f"({next(iter(values))})" in str(refused.value)


def test_ranking_weights_in_the_office_words() -> None:
    from geo.workflow import ranking

    weights = ranking.parse_weights("时间进度＝60，问题：40")
    assert weights.as_dict() == {"schedule": 60, "problems": 40, "starts": 0, "production": 0}
    assert config.default_value("GEO_RANKING_WEIGHTS") == (
        "schedule=50,problems=20,starts=15,production=15"
    )
    assert config.default_value("GEO_SCORE_CRITERIA").startswith("progress:形象进度:30;")


def test_a_tour_start_outside_the_area_is_noticed() -> None:
    inside = config.load_settings(
        {}, {"GEO_AREA_CODE": "420625", "GEO_TOUR_START": "111.6448,32.2628"}
    )
    wuhan = config.load_settings(
        {}, {"GEO_AREA_CODE": "420625", "GEO_TOUR_START": "114.3054,30.5931"}
    )
    nowhere = config.load_settings({}, {"GEO_TOUR_START": "32.2628,1.6448"})
    assert not office.tour_start_outside(inside)
    assert office.tour_start_outside(wuhan)
    assert not office.tour_start_outside(nowhere)  # no area set: nothing to compare with


def test_the_settings_page_saves_and_shows_what_the_server_fixes(
    open_app,
    demo_copy_url: str,
) -> None:
    at = open_app(demo_copy_url, page="settings", GEO_ISSUER="服务器设定的单位")
    at.run()
    assert not at.exception
    issuer = next(w for w in at.text_input if w.key == "setting_GEO_ISSUER")
    assert issuer.disabled and issuer.value == "服务器设定的单位"
    prefix = next(w for w in at.text_input if w.key == "setting_GEO_LETTER_PREFIX")
    prefix.set_value("谷重点办")
    next(b for b in at.button if b.label == "保存设置").click().run()
    assert not at.exception and "发文简称" in at.success[0].value
    stored = store.load_office_settings(store.make_engine(demo_copy_url))
    assert stored["GEO_LETTER_PREFIX"] == "谷重点办" and "GEO_ISSUER" not in stored
    day = next(w for w in at.text_input if w.key == "setting_GEO_LETTER_DAY")
    day.set_value("31")
    next(b for b in at.button if b.label == "保存设置").click().run()
    assert at.error[0].value == "每月发函日：“31”应在1到28之间"


def test_stored_settings_reach_the_letters_and_the_tour(capsys, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    # Tours start some 50 km west of the county seat: the first leg says so.
    store.save_office_settings(
        engine, {"GEO_LETTER_PREFIX": "谷重点办", "GEO_TOUR_START": "111.1000,32.2700"}
    )
    assert cli.main(["--db", demo_copy_url, "letters", "--month", "2026-12", "--json"]) == 0
    issued = json.loads(capsys.readouterr().out)
    assert issued and all(letter["number_text"].startswith("谷重点办") for letter in issued)
    assert cli.main(["--db", demo_copy_url, "tour", "--stops", "1,2,3", "--json"]) == 0
    tour = json.loads(capsys.readouterr().out)
    assert tour["legs_km"][0] > 40


def test_the_overview_draws_the_office_outline(demo_copy_url: str) -> None:
    from geo.core import measures, snapshot
    from geo.views import maps

    snap = snapshot.take_snapshot(store.make_engine(demo_copy_url))
    outline = areas.outline_geojson(areas.by_code("420625"))
    options = maps.MapOptions(tiles="none", area_outline=outline)
    html = (
        maps.overview_map(snap.projects, measures.zone_rates(snap.projects, snap.zones), options)
        .get_root()
        .render()
    )
    assert '"dashArray": "8 5"' in html


def test_the_administrator_creates_an_account_in_the_app(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    accounts.create_account(engine, "office", role="admin", password=PASSWORD)
    at = open_app(demo_copy_url, page="settings")
    at.run()
    at.sidebar.text_input[0].input("office")
    at.sidebar.text_input[1].input(PASSWORD)
    at.sidebar.button[0].click().run()
    assert not at.exception
    listed = at.dataframe[-1].value
    assert list(listed.columns)[:3] == ["用户名", "姓名", "角色"] and list(listed["角色"]) == [
        "管理员"
    ]
    _field(at, "用户名").set_value("li si")  # a space: refused, in Chinese
    _field(at, "显示姓名").set_value("李四")
    next(w for w in at.selectbox if w.label == "角色").set_value("zone_manager")
    next(w for w in at.multiselect if w.label.startswith("负责的园区")).set_value(
        ["谷城经济开发区"]
    )
    _field(at, "密码（至少").set_value("lisi-password-1")
    _field(at, "再次输入密码").set_value("lisi-password-1")
    next(b for b in at.button if b.label == "创建").click().run()
    assert at.error[0].value.startswith("用户名“li si”最多60个字符，不能含空格")
    _field(at, "用户名").set_value("lisi")
    _field(at, "密码（至少").set_value("lisi-password-1")
    _field(at, "再次输入密码").set_value("lisi-password-1")
    next(b for b in at.button if b.label == "创建").click().run()
    assert not at.error and "已创建账号 lisi（园区/乡镇管理员）" in at.success[0].value
    assert accounts.authenticate(engine, "lisi", "lisi-password-1").zone_names == (
        "谷城经济开发区",
    )
    assert "园区/乡镇管理员" in list(at.dataframe[-1].value["角色"])


def test_the_first_account_made_in_the_app_is_an_administrator(
    open_app, demo_copy_url: str
) -> None:
    """The demo has no accounts; the first one made on the settings page is the administrator's
    (a first viewer would lock everyone out of this page), and its maker stays signed in."""
    at = open_app(demo_copy_url, page="settings")
    at.run()
    assert "还没有账号" in at.caption[-1].value or any("还没有账号" in c.value for c in at.caption)
    role = next(w for w in at.selectbox if w.label == "角色")
    assert role.options == ["管理员"]
    _field(at, "用户名").set_value("zhang")
    _field(at, "密码（至少").set_value(PASSWORD)
    _field(at, "再次输入密码").set_value(PASSWORD)
    next(b for b in at.button if b.label == "创建").click().run()
    assert not at.exception and "已创建账号 zhang（管理员）" in at.success[0].value
    at.run()  # the next run: signed in, still on the settings page
    assert at.title[0].value == "本单位设置" and not at.info
