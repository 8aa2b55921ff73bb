"""The project library (项目库): the ladder's rules, the funnel of a year (hand-computed), a
round's summary, the writes on both back ends (steps, removal and following, rounds and
outcomes, promotion to a key project, access and versions), the map layer, the demo, the
command line and the page."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest
import sqlalchemy as sa

from geo import ui
from geo.ops import cli
from geo.refusals import Refusal
from geo.storage import access, accounts, store
from geo.storage.concurrency import ConcurrentEdit
from geo.storage.library import LibraryProject
from geo.storage.models import Project, Zone
from geo.ui import state
from geo.views import maps
from geo.workflow import library

D = dt.date
HOSTILE = "<script>alert(1)</script>**粗体**`${x}`=1+1"


LAST_STEP = D(2026, 3, 1)


def _at(maturity: str, level: str | None = None, last: dt.date = LAST_STEP) -> LibraryProject:
    return LibraryProject(
        id=7,
        name="冷链物流园",
        sector="services",
        expected_investment_wan=5000.0,
        maturity=maturity,
        list_level=level,
        source_unit=None,
        zone_id=None,
        lon=None,
        lat=None,
        followed=True,
        project_id=None,
        version=1,
        last_step_on=last,
    )


# --------------------------------------------------------------------------- the ladder
@pytest.mark.parametrize(
    ("here", "to", "level", "reason", "stored"),
    [
        (("idea",), "reserve", None, None, (None, None)),  # one rung up
        (("idea",), "listed", "county", None, ("county", None)),  # several rungs at once
        (("reserve",), "declared", "city", None, ("city", None)),
        (("declared", "county"), "declared", "city", None, ("city", None)),  # a higher list
        (("listed", "county"), "declared", "provincial", None, ("provincial", None)),
        (("listed", "city"), "listed", "provincial", None, ("provincial", None)),
        # Off the list from any place, with a reason; the list it leaves is kept.
        (("listed", "city"), "removed", None, " 资金未到位 ", ("city", "资金未到位")),
        (("idea",), "removed", None, "投资方撤资", (None, "投资方撤资")),
        (("removed",), "reserve", None, "重新落实资金", (None, "重新落实资金")),  # back in
        (("reserve",), "reserve", "city", None, "library_not_up"),  # not a move
        (("declared", "city"), "reserve", None, None, "library_not_up"),  # down
        (("listed", "city"), "declared", "county", None, "library_not_up"),  # a lower list
        (("listed", "provincial"), "listed", "provincial", None, "library_not_up"),
        (("reserve",), "declared", None, None, "required"),  # which list?
        (("reserve",), "declared", "national", None, "not_one_of"),
        (("reserve",), "removed", None, "  ", "required"),  # no reason
        (("removed",), "reserve", None, None, "required"),
        (("removed",), "declared", "city", "回来了", "library_back_as_reserve"),
        (("removed",), "removed", None, "再出库", "library_already_removed"),
        (("idea",), "built", None, None, "not_one_of"),
    ],
)
def test_which_steps_the_ladder_allows(here, to, level, reason, stored) -> None:
    project = _at(*here)
    if isinstance(stored, str):
        with pytest.raises(Refusal) as refused:
            library.check_step(project, to, taken_on=D(2026, 4, 1), list_level=level, reason=reason)
        assert refused.value.key == stored
    else:
        got = library.check_step(
            project, to, taken_on=D(2026, 4, 1), list_level=level, reason=reason
        )
        assert got == stored


def test_a_step_is_never_dated_before_the_last_one() -> None:
    with pytest.raises(Refusal, match="2026-02-28 is before the last step 2026-03-01"):
        library.check_step(_at("idea"), "reserve", taken_on=D(2026, 2, 28))
    library.check_step(_at("idea"), "reserve", taken_on=D(2026, 3, 1))  # the same day is fine


def test_the_refusal_names_both_places_in_the_readers_language() -> None:
    with pytest.raises(Refusal) as refused:
        library.check_step(
            _at("listed", "city"), "declared", taken_on=D(2026, 4, 1), list_level="city"
        )
    assert str(refused.value) == (
        "冷链物流园 is at Listed (city): a step goes up the ladder, and Declared (city) is not up"
    )
    assert refused.value.text("zh") == (
        "冷链物流园目前为入库（市级），只能向更高环节推进，申报（市级）不是更高环节"
    )


@pytest.mark.parametrize(
    ("maturity", "level", "offered"),
    [
        ("idea", None, ["reserve", "declared", "listed", "removed"]),
        ("declared", "county", ["declared", "listed", "removed"]),  # to a higher list too
        ("listed", "provincial", ["removed"]),  # the top: only off the list
        ("removed", "city", ["reserve"]),
    ],
)
def test_the_form_offers_only_moves_that_can_be_allowed(maturity, level, offered) -> None:
    assert library.moves_offered(maturity, level) == offered


# --------------------------------------------------------------------------- the funnel
def _library_frame() -> pd.DataFrame:
    """Seven library projects in zones 10 and 20."""
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5, 6, 7],
            "zone_id": [10, 10, 20, 20, 10, 20, 10],
            "entered_on": [
                D(2025, 3, 1),
                D(2026, 1, 10),
                D(2026, 3, 1),
                D(2025, 6, 1),
                D(2025, 1, 1),
                D(2024, 5, 1),
                D(2025, 2, 1),
            ],
        }
    )


def _steps() -> pd.DataFrame:
    rows = [
        (1, "idea", D(2025, 3, 1)),
        (1, "reserve", D(2026, 2, 1)),
        (1, "declared", D(2026, 5, 1)),
        (2, "reserve", D(2026, 1, 10)),  # entered as a reserve project
        (3, "idea", D(2026, 3, 1)),
        (4, "listed", D(2025, 6, 1)),  # entered as listed on the county's list
        (4, "removed", D(2026, 4, 1)),
        (5, "idea", D(2025, 1, 1)),
        (5, "reserve", D(2025, 5, 1)),
        (5, "declared", D(2026, 8, 15)),
        (5, "listed", D(2026, 10, 20)),
        (6, "idea", D(2024, 5, 1)),
        (7, "idea", D(2025, 2, 1)),
        (7, "removed", D(2025, 11, 20)),
        (7, "reserve", D(2026, 5, 12)),  # back in
    ]
    return pd.DataFrame(rows, columns=["reserve_id", "maturity", "taken_on"])


def _figures(result: library.Funnel) -> tuple[list[int], list[float | None]]:
    conversion = [None if pd.isna(c) else round(c, 6) for c in result.rungs["conversion"]]
    return list(result.rungs["reached"]), conversion


def test_the_funnel_of_a_year_by_hand() -> None:
    # 2026, every zone. Highest rung each project's 2026 steps reached: 1 declared, 2 reserve,
    # 3 idea, 5 listed, 7 reserve (back in); 4 only left the list, 6 did nothing.
    # idea ≥0: {1,2,3,5,7} = 5; reserve ≥1: {1,2,5,7} = 4; declared ≥2: {1,5} = 2; listed: {5}.
    # Conversion: 4/5 = 0.8, 2/4 = 0.5, 1/2 = 0.5. New in 2026: 2 and 3; removed: 4.
    result = library.funnel(_library_frame(), _steps(), 2026)
    assert _figures(result) == ([5, 4, 2, 1], [None, 0.8, 0.5, 0.5])
    assert (result.entered, result.removed) == (2, 1)
    assert result.reached("listed") == 1


def test_the_funnel_of_one_zone_and_of_another_year() -> None:
    # Zone 10 (1, 2, 5, 7) in 2026: idea 4, reserve 4, declared 2, listed 1 → 1.0, 0.5, 0.5;
    # new: 2; removed: none.
    zone = library.funnel(_library_frame(), _steps(), 2026, zone_id=10)
    assert _figures(zone) == ([4, 4, 2, 1], [None, 1.0, 0.5, 0.5])
    assert (zone.entered, zone.removed) == (1, 0)
    # Zone 20 (3, 4, 6): only 3 moved, as an idea → reserve 0/1 = 0; above an empty rung there
    # is no conversion. New: 3; removed: 4.
    other = library.funnel(_library_frame(), _steps(), 2026, zone_id=20)
    assert _figures(other) == ([1, 0, 0, 0], [None, 0.0, None, None])
    assert (other.entered, other.removed) == (1, 1)
    # 2025: 1 idea, 4 listed (county), 5 reserve, 7 idea then removed (a removal is no rung).
    # idea 4 ({1,4,5,7}); reserve 2 ({4,5}); declared 1; listed 1 → 2/4, 1/2, 1/1.
    # New in 2025: 1, 4, 5, 7; removed: 7.
    earlier = library.funnel(_library_frame(), _steps(), 2025)
    assert _figures(earlier) == ([4, 2, 1, 1], [None, 0.5, 0.5, 1.0])
    assert (earlier.entered, earlier.removed) == (4, 1)


def test_an_empty_year_has_no_conversion() -> None:
    result = library.funnel(_library_frame(), _steps(), 2030)
    assert _figures(result) == ([0, 0, 0, 0], [None, None, None, None])


# --------------------------------------------------------------------------- a round
def test_a_rounds_summary_says_what_the_seeds_say() -> None:
    # Seed 004: 55 entered in the provincial library, 18 selected and declared, 9 listed.
    outcomes = ["withdrawn"] * 37 + ["listed"] * 9 + ["not_listed"] * 9
    summary = library.round_summary(pd.DataFrame({"outcome": outcomes}))
    assert (summary.entered, summary.declared, summary.listed) == (55, 18, 9)
    assert (summary.not_listed, summary.pending, summary.withdrawn) == (9, 0, 37)
    assert summary.listing_rate == 0.5  # 9 / 18
    assert library.round_sentence("provincial", summary, "zh") == (
        "进入省级项目库55个，其中遴选申报18个，列入9个。"
    )
    assert library.round_sentence("provincial", summary, "en") == (
        "55 projects entered in the provincial library, 18 of them selected and declared, 9 listed."
    )


def test_a_round_still_open_counts_its_pending_as_declared() -> None:
    summary = library.round_summary(pd.DataFrame({"outcome": ["pending", "pending", "withdrawn"]}))
    assert (summary.entered, summary.declared, summary.pending, summary.listed) == (3, 2, 2, 0)
    assert summary.to_dict()["listing_rate"] == 0.0


# --------------------------------------------------------------------------- the writes
TOWNSHIP = "POLYGON ((111 32, 112 32, 112 33, 111 33, 111 32))"
PARK = "POLYGON ((111.1 32.1, 111.3 32.1, 111.3 32.3, 111.1 32.3, 111.1 32.1))"


def _square(wkt: str) -> str:
    from shapely import wkt as read
    from shapely.geometry import mapping

    return json.dumps(mapping(read.loads(wkt)))


def _zones(engine: sa.Engine) -> dict[str, int]:
    """A township with a park in its south-west corner, and a key project already numbered
    XM-2026-0001."""
    with store.transaction(engine, write=True) as s:
        town = Zone(kind="township", name="城关镇", code="T1", geometry=_square(TOWNSHIP))
        park = Zone(kind="park", name="开发区", code="P1", geometry=_square(PARK))
        s.add_all([town, park])
        s.flush()
        s.add(
            Project(
                code="XM-2026-0001",
                name="已有项目",
                lon=111.9,
                lat=32.9,
                township_id=town.id,
                category="industry",
                level="county",
                build_type="new",
                stage="building",
                plan_year=2026,
            )
        )
        return {"town": town.id, "park": park.id}


def _fields(**changes: object) -> library.LibraryFields:
    values = dict(
        name="新能源电池材料",
        sector="industry",
        expected_investment_wan=68000.0,
        land_mu=210.0,
        source_unit="开发区管委会",
    )
    return library.LibraryFields(**{**values, **changes})


def test_a_library_project_climbs_leaves_and_comes_back(engine: sa.Engine) -> None:
    zones = _zones(engine)
    rid = library.add(
        engine, _fields(zone_id=zones["park"]), entered_on=D(2025, 3, 1), actor="重点办"
    )
    library.step(engine, rid, "reserve", taken_on=D(2025, 6, 1))
    library.step(engine, rid, "listed", taken_on=D(2025, 9, 1), list_level="county")
    with pytest.raises(Refusal, match="is not up"):  # back down: refused, nothing written
        library.step(engine, rid, "declared", taken_on=D(2025, 10, 1), list_level="county")
    with pytest.raises(Refusal, match="a reason is required"):
        library.step(engine, rid, "removed", taken_on=D(2026, 3, 18))
    library.step(engine, rid, "removed", taken_on=D(2026, 3, 18), reason="资金未到位")
    row = library.load_library(engine).iloc[0]
    assert (row["maturity"], row["list_level"], row["removed_reason"]) == (
        "removed",
        "county",
        "资金未到位",
    )
    assert bool(row["followed"])  # removed, still followed
    library.follow(engine, rid, False)
    assert not bool(library.load_library(engine).iloc[0]["followed"])
    library.step(engine, rid, "reserve", taken_on=D(2026, 5, 12), reason="资金已落实")
    row = library.load_library(engine).iloc[0]
    assert (row["maturity"], row["list_level"], row["removed_reason"]) == ("reserve", None, None)
    assert bool(row["followed"])
    steps = library.load_steps(engine, rid)
    assert list(steps["maturity"]) == ["idea", "reserve", "listed", "removed", "reserve"]
    assert list(steps["taken_on"]) == [
        D(2025, 3, 1),
        D(2025, 6, 1),
        D(2025, 9, 1),
        D(2026, 3, 18),
        D(2026, 5, 12),
    ]
    assert list(steps["reason"].fillna("")) == ["", "", "", "资金未到位", "资金已落实"]
    assert steps["actor"].iloc[0] == "重点办"
    with pytest.raises(Refusal, match="only a project taken off the list stops"):
        library.follow(engine, rid, False)


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"name": "  "}, "Project name is required"),
        ({"sector": "mining"}, "Sector: 'mining' is not allowed"),
        ({"expected_investment_wan": -5.0}, "cannot be negative"),
        ({"land_mu": float("nan")}, "cannot be negative"),
        ({"lon": 111.5}, "both the longitude and the latitude"),
        ({"lon": 211.5, "lat": 32.5}, "not a place on Earth"),
        ({"name": "项" * 201}, "longer than 200 characters"),
        ({"zone_id": 999}, "there is no zone 999"),
    ],
)
def test_what_a_library_project_needs(engine: sa.Engine, changes: dict, why: str) -> None:
    with pytest.raises(Refusal, match=why):
        library.add(engine, _fields(**changes), entered_on=D(2026, 1, 5))
    assert library.load_library(engine).empty


def test_an_edit_keeps_the_maturity_and_checks_the_version(engine: sa.Engine) -> None:
    zones = _zones(engine)
    rid = library.add(engine, _fields(), entered_on=D(2026, 1, 5), maturity="reserve")
    seen = int(library.load_library(engine).iloc[0]["version"])
    assert library.edit(
        engine, rid, _fields(zone_id=zones["town"], note=" 待落实用地指标 "), version=seen
    )
    row = library.load_library(engine).iloc[0]
    assert (row["zone"], row["note"], row["maturity"]) == ("城关镇", "待落实用地指标", "reserve")
    with pytest.raises(ConcurrentEdit):  # someone saved since the form was filled in
        library.edit(engine, rid, _fields(name="别的名字"), version=seen)
    with pytest.raises(ConcurrentEdit):
        library.step(
            engine, rid, "declared", taken_on=D(2026, 2, 1), list_level="city", version=seen
        )


def test_only_the_office_keeps_the_library(engine: sa.Engine) -> None:
    zones = _zones(engine)
    rid = library.add(engine, _fields(), entered_on=D(2026, 1, 5))
    manager = access.Principal("wang", "王园长", "zone_manager", frozenset({zones["park"]}))
    for who in (manager, access.Principal("zhang", "张立新", "leader")):
        with access.acting_as(who), pytest.raises(access.AccessDenied):
            library.step(engine, rid, "reserve", taken_on=D(2026, 2, 1))
        with access.acting_as(who), pytest.raises(access.AccessDenied):
            library.add(engine, _fields(name="另一个"), entered_on=D(2026, 1, 5))
    assert list(library.load_steps(engine)["maturity"]) == ["idea"]
    with access.acting_as(access.Principal("office", "重点办", "admin")):
        library.step(engine, rid, "reserve", taken_on=D(2026, 2, 1))
    assert list(library.load_steps(engine)["actor"])[1] == "office"  # who took the step


def test_a_round_declares_lists_and_is_decided(engine: sa.Engine) -> None:
    _zones(engine)
    ids = [
        library.add(engine, _fields(name=f"项目{n}"), entered_on=D(2026, 1, 5), maturity="reserve")
        for n in range(5)
    ]
    library.step(engine, ids[4], "listed", taken_on=D(2026, 3, 1), list_level="city")
    round_id = library.open_round(
        engine, "2027年省重点项目申报", "provincial", year=2027, opened_on=D(2026, 8, 15)
    )
    with pytest.raises(Refusal, match="already a round named"):
        library.open_round(
            engine, "2027年省重点项目申报", "city", year=2027, opened_on=D(2026, 8, 1)
        )
    with pytest.raises(Refusal, match="is not allowed"):  # the county lists its own by a step
        library.open_round(engine, "县级", "county", year=2027, opened_on=D(2026, 8, 1))
    assert library.enter_round(engine, round_id, ids[:3]) == 3  # declared
    assert library.enter_round(engine, round_id, ids[3:], outcome="withdrawn") == 2
    with pytest.raises(Refusal, match="is already in 2027年省重点项目申报"):
        library.enter_round(engine, round_id, [ids[0]])
    places = library.load_library(engine).set_index("id")
    # Declared to the province: the three pending; not the two entered but not selected.
    assert [(places.loc[i, "maturity"], places.loc[i, "list_level"]) for i in ids] == [
        ("declared", "provincial"),
        ("declared", "provincial"),
        ("declared", "provincial"),
        ("reserve", None),
        ("listed", "city"),
    ]
    declared = library.load_declarations(engine, round_id).set_index("reserve_id")
    library.record_outcome(engine, int(declared.loc[ids[0], "id"]), "listed", on=D(2026, 10, 20))
    library.record_outcome(
        engine, int(declared.loc[ids[1], "id"]), "not_listed", on=D(2026, 10, 20), note="排名靠后"
    )
    assert library.load_rounds(engine).iloc[0]["decided_on"] is None  # one still pending
    library.record_outcome(engine, int(declared.loc[ids[2], "id"]), "listed", on=D(2026, 10, 21))
    the_round = library.load_rounds(engine).iloc[0]
    assert the_round["decided_on"] == D(2026, 10, 21)
    places = library.load_library(engine).set_index("id")
    assert (places.loc[ids[0], "maturity"], places.loc[ids[0], "list_level"]) == (
        "listed",
        "provincial",
    )
    assert places.loc[ids[1], "maturity"] == "declared"  # not listed: stays declared
    steps = library.load_steps(engine, ids[0])
    assert list(steps["maturity"]) == ["reserve", "declared", "listed"]
    assert list(steps["taken_on"]) == [D(2026, 1, 5), D(2026, 8, 15), D(2026, 10, 20)]
    summary = library.round_summary(library.load_declarations(engine, round_id))
    assert (summary.entered, summary.declared, summary.listed, summary.not_listed) == (5, 3, 2, 1)
    with pytest.raises(Refusal, match="a listing is final"):
        library.record_outcome(
            engine, int(declared.loc[ids[0], "id"]), "not_listed", on=D(2026, 10, 22)
        )
    library.step(engine, ids[3], "removed", taken_on=D(2026, 11, 1), reason="未取得土地使用权")
    other = library.open_round(
        engine, "2027年市重点项目申报", "city", year=2027, opened_on=D(2026, 11, 2)
    )
    with pytest.raises(Refusal, match="put it back before declaring it"):
        library.enter_round(engine, other, [ids[3]])


def test_promotion_makes_a_key_project_without_retyping(engine: sa.Engine) -> None:
    zones = _zones(engine)
    sited = library.add(
        engine,
        _fields(zone_id=zones["park"], lon=111.2, lat=32.2),
        entered_on=D(2026, 1, 5),
        maturity="listed",
        list_level="city",
    )
    zoned = library.add(
        engine,
        _fields(name="县中医医院综合楼", sector="social", zone_id=zones["town"], source_unit=None),
        entered_on=D(2026, 1, 5),
        maturity="reserve",
    )
    nowhere = library.add(engine, _fields(name="无处安放"), entered_on=D(2026, 1, 5))
    first, code = library.promote(engine, sited, plan_year=2026)
    assert code == "XM-2026-0002"  # 0001 is taken
    second, code2 = library.promote(engine, zoned, plan_year=2026)
    assert code2 == "XM-2026-0003"
    projects = store.load_projects(engine).set_index("id")
    made = projects.loc[first]
    assert (made["name"], made["category"], made["level"], made["stage"]) == (
        "新能源电池材料",
        "industry",
        "city",
        "planned",
    )
    assert (made["total_investment_wan"], made["annual_plan_wan"], made["plan_year"]) == (
        68000.0,
        0.0,
        2026,
    )
    assert (made["lon"], made["lat"], made["responsible_unit"]) == (111.2, 32.2, "开发区管委会")
    # In the park by its zone, and in the township around it by its site.
    assert (made["park"], made["township"]) == ("开发区", "城关镇")
    other = projects.loc[second]
    # No site: the township's inner point, outside the park; no list: a county project.
    assert pd.isna(other["park"]) and (other["township"], other["level"]) == ("城关镇", "county")
    assert 111 < other["lon"] < 112 and 32 < other["lat"] < 33
    assert not (111.1 <= other["lon"] <= 111.3 and 32.1 <= other["lat"] <= 32.3)
    assert pd.isna(other["responsible_unit"])
    linked = library.load_library(engine).set_index("id")
    assert linked.loc[sited, "project_code"] == "XM-2026-0002"
    assert linked.loc[sited, "maturity"] == "listed"  # promotion is no step
    with pytest.raises(Refusal, match="is already a key project"):
        library.promote(engine, sited, plan_year=2026)
    with pytest.raises(Refusal, match="neither a site nor a zone"):
        library.promote(engine, nowhere, plan_year=2026)
    library.step(engine, nowhere, "removed", taken_on=D(2026, 2, 1), reason="投资方撤资")
    with pytest.raises(Refusal, match="put it back before making it a key project"):
        library.promote(engine, nowhere, plan_year=2026)
    assert len(store.load_projects(engine)) == 3  # nothing half-made by the refusals


def test_a_site_typed_from_gaode_is_stored_as_wgs84() -> None:
    lon, lat = library.site_from("111.6503, 32.2597", "gcj02")  # Gucheng: ~540 m east of WGS-84
    assert 111.6440 < lon < 111.6450 and 32.2598 < lat < 32.2626
    assert library.site_from(" ") == (None, None)
    assert library.site_from("111.5，32.5") == (111.5, 32.5)  # a Chinese comma too
    with pytest.raises(Refusal, match="is not 'longitude,latitude'"):
        library.site_from("谷城县")


# --------------------------------------------------------------------------- the map
def test_the_map_layer_holds_the_followed_library_projects_with_a_site() -> None:
    frame = pd.DataFrame(
        {
            "name": [HOSTILE, "无坐标", "已转重点", "出库跟踪", "出库不跟踪"],
            "lon": [111.6, None, 111.7, 111.8, 111.9],
            "lat": [32.2, None, 32.3, 32.4, 32.5],
            "maturity": ["declared", "idea", "listed", "removed", "removed"],
            "list_level": ["city", None, "city", "county", "county"],
            "project_id": [None, None, 116, None, None],
            "followed": [True, True, True, True, False],
        }
    )
    points = library.library_points(frame, "zh")
    assert list(points.columns) == ["lon", "lat", "name", "maturity", "label"]
    assert list(points["name"]) == [HOSTILE, "出库跟踪"]
    assert list(points["label"]) == [f"{HOSTILE} · 申报（市级）", "出库跟踪 · 调整出库"]
    layers = library.library_layers(frame, "en")
    assert [layer.name for layer in layers] == [
        "Library: Declared (1)",
        "Library: Removed from the list (1)",
    ]
    zones = pd.DataFrame(
        {"id": [1], "kind": ["township"], "name": ["城关镇"], "geometry": [_square(TOWNSHIP)]}
    )
    html = (
        maps.points_map(layers, zones, maps.MapOptions(tiles="none"), "Project library")
        .get_root()
        .render()
    )
    assert "<script>alert(1)" not in html and "${x}" not in html  # as text, not as code
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("Library: Declared (1)") >= 2  # in the layer switch and the legend


# --------------------------------------------------------------------------- the demo
def test_the_demo_library(demo_engine: sa.Engine) -> None:
    everything = library.load_library(demo_engine)
    assert len(everything) == 42  # forty, and the entries two key projects came from
    removed = everything[everything["maturity"] == "removed"]
    assert len(removed) == 3 and removed["followed"].all()
    assert all(removed["removed_reason"].str.len() > 0)
    promoted = everything[everything["project_id"].notna()]
    assert len(promoted) == 2
    keys = store.load_projects(demo_engine).set_index("id")
    assert list(keys.loc[promoted["project_id"].astype(int), "name"]) == list(promoted["name"])
    assert len(keys) == 115  # linked, not made: the demo's key projects stay as they are
    rounds = library.load_rounds(demo_engine).set_index("name")
    provincial = library.round_summary(
        library.load_declarations(demo_engine, int(rounds.loc["2027年省重点项目申报", "id"]))
    )
    assert (provincial.entered, provincial.declared, provincial.listed) == (20, 8, 4)
    city = library.round_summary(
        library.load_declarations(demo_engine, int(rounds.loc["2026年市重点项目申报", "id"]))
    )
    assert (city.entered, city.declared, city.listed) == (10, 7, 5)
    steps = library.load_steps(demo_engine)
    assert {d.year for d in steps["taken_on"]} == {2025, 2026}


# --------------------------------------------------------------------------- command line
def test_the_command_line(demo_url: str, demo_engine: sa.Engine, capsys) -> None:
    assert cli.main(["--db", demo_url, "library", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 42 and {"maturity", "list_level", "project_code"} <= set(rows[0])
    assert cli.main(["--db", demo_url, "library", "--funnel", "2026", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    expected = library.funnel(
        library.load_library(demo_engine), library.load_steps(demo_engine), 2026
    )
    assert [r["reached"] for r in result["rungs"]] == list(expected.rungs["reached"])
    assert result["rungs"][0]["conversion"] is None
    assert (result["entered"], result["removed"]) == (expected.entered, expected.removed)
    assert expected.removed == 3
    assert cli.main(["--db", demo_url, "library", "--round", "2027年省重点项目申报", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["summary"] | {"listing_rate": None} == {
        "entered": 20,
        "declared": 8,
        "listed": 4,
        "not_listed": 4,
        "pending": 0,
        "withdrawn": 12,
        "listing_rate": None,
    }
    assert result["summary"]["listing_rate"] == 0.5
    assert result["sentence"] == "进入省级项目库20个，其中遴选申报8个，列入4个。"
    assert cli.main(["--db", demo_url, "library", "--funnel", "2026", "--zone", "火星"]) == 1
    assert "there is no zone '火星'" in capsys.readouterr().err
    assert cli.main(["--db", demo_url, "library", "--round", "没有这一轮"]) == 1
    assert "there is no declaration round 没有这一轮" in capsys.readouterr().err


def test_promotion_from_the_command_line(demo_copy_url: str, capsys) -> None:
    engine = store.make_engine(demo_copy_url)
    waiting = library.load_library(engine)
    waiting = waiting[waiting["project_id"].isna() & (waiting["maturity"] != "removed")]
    rid = int(waiting["id"].iloc[0])
    argv = ["--db", demo_copy_url, "library-promote", str(rid), "--plan-year", "2026"]
    assert cli.main([*argv, "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["code"] == "XM-2026-0001"  # the demo's own codes are GC-2026-NNN
    assert (
        store.load_projects(engine).set_index("id").loc[made["project_id"], "name"]
        == (waiting["name"].iloc[0])
    )
    assert cli.main(argv) == 1
    assert "is already a key project" in capsys.readouterr().err


# --------------------------------------------------------------------------- the page
def _shown(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_the_funnel_the_list_and_the_rounds(
    open_app, demo_url: str, demo_engine: sa.Engine, lang: str
) -> None:
    at = open_app(demo_url, "library", lang=lang)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == ("项目库" if lang == "zh" else "Project library")
    expected = library.funnel(
        library.load_library(demo_engine), library.load_steps(demo_engine), 2026
    )
    metrics = _shown(at)
    idea, listed = ("谋划", "入库") if lang == "zh" else ("Idea", "Listed")
    assert metrics[idea] == str(expected.reached("idea"))
    assert metrics[listed] == str(expected.reached("listed"))
    sentence = (
        "进入省级项目库20个，其中遴选申报8个，列入4个。"
        if lang == "zh"
        else "20 projects entered in the provincial library, 8 of them selected and declared, "
        "4 listed."
    )
    assert ui.md(sentence) in [m.value for m in at.markdown]
    assert len(at.get("vega_lite_chart")) == 1  # the funnel
    listed_rows = at.dataframe[0].value
    assert len(listed_rows) == len(
        library.chosen(
            library.load_library(demo_engine), library.load_steps(demo_engine), year=2026
        )
    )
    assert any(b.label in ("推进或调整", "Take a step") for b in at.button)  # the office's forms


def test_a_step_from_the_page_and_hostile_text_stays_text(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    rid = library.add(engine, _fields(name=HOSTILE, note=HOSTILE), entered_on=D(2026, 11, 1))
    at = open_app(demo_copy_url, "library")
    at.run()
    assert not at.exception
    names = at.dataframe[0].value["项目名称"].tolist()
    assert any(HOSTILE in str(n) for n in names)  # a cell shows the text as typed
    next(s for s in at.selectbox if s.label == "选择项目").set_value(rid).run()
    assert ui.md(HOSTILE) in " ".join(m.value for m in at.markdown)
    assert all(not getattr(m.proto, "allow_html", False) for m in at.markdown)
    assert not re.search(r"(?<!\\)<script", " ".join(c.value for c in at.caption))
    next(s for s in at.selectbox if s.label == "推进到").set_value("removed")
    next(t for t in at.text_input if t.label == "原因").input("资金未到位")
    at.button(key=f"FormSubmitter:library_step_{rid}-推进或调整").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    row = library.load_library(engine).set_index("id").loc[rid]
    assert (row["maturity"], row["removed_reason"]) == ("removed", "资金未到位")
    # Without a reason the page says why, in Chinese, and nothing changes.
    next(s for s in at.selectbox if s.label == "推进到").set_value("reserve")
    next(t for t in at.text_input if t.label == "原因").input("")
    at.button(key=f"FormSubmitter:library_step_{rid}-推进或调整").click().run()
    assert "请填写原因" in at.error[0].value
    assert library.load_library(engine).set_index("id").loc[rid, "maturity"] == "removed"


def test_a_leader_reads_the_library_without_the_forms(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    accounts.create_account(engine, "office", role="admin", password="office-secret-1")
    accounts.create_account(engine, "zhang", role="leader", password="zhang-secret-12")
    at = open_app(demo_copy_url, "library")
    at.run()
    at.sidebar.text_input[0].input("zhang")
    at.sidebar.text_input[1].input("zhang-secret-12")
    at.sidebar.button[0].click().run()
    at.switch_page("pages/library.py").run()
    assert not at.exception
    assert at.title[0].value == "项目库" and at.metric
    assert not any(e.label == "新增项目库项目" for e in at.expander)
    assert not any(b.label in ("推进或调整", "转为重点项目") for b in at.button)


def test_a_library_project_is_promoted_from_the_page(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    waiting = library.load_library(engine)
    waiting = waiting[waiting["project_id"].isna() & (waiting["maturity"] != "removed")]
    rid = int(waiting["id"].iloc[0])
    at = open_app(demo_copy_url, "library")
    at.run()
    at.toggle(key="library_all_years").set_value(True).run()
    next(s for s in at.selectbox if s.label == "选择项目").set_value(rid).run()
    at.button(key=f"library_promote_{rid}").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    code = library.load_library(engine).set_index("id").loc[rid, "project_code"]
    assert code == "XM-2026-0001"  # the demo's own codes are GC-2026-NNN
    assert f"已转为重点项目 {code}" in [c.value for c in at.caption]


def test_the_page_filters_by_zone_and_says_when_nothing_is_left(
    open_app, demo_url: str, demo_engine: sa.Engine
) -> None:
    everything, steps = library.load_library(demo_engine), library.load_steps(demo_engine)
    zones = store.load_zones(demo_engine).set_index("name")["id"]
    at = open_app(demo_url, "library")
    at.run()
    zone = at.selectbox(key=state.key_for("library_zone", "zh"))
    zone.set_value(int(zones["谷城经济开发区"])).run()
    assert not at.exception
    expected = library.funnel(everything, steps, 2026, int(zones["谷城经济开发区"]))
    assert _shown(at)["谋划"] == str(expected.reached("idea"))
    shown = library.chosen(everything, steps, year=2026, zone_id=int(zones["谷城经济开发区"]))
    assert len(at.dataframe[0].value) == len(shown) > 0
    # A maturity nobody in the zone has: the list says so, and no project card is drawn.
    nobody = next(m for m in library.MATURITY_COLORS if m not in set(shown["maturity"]))
    at.multiselect(key=state.key_for("library_maturities", "zh")).set_value([nobody]).run()
    assert not at.exception
    assert "没有符合筛选条件的项目库项目。" in [c.value for c in at.caption]
    assert not any(s.label == "选择项目" for s in at.selectbox)
