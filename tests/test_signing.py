"""Signing to start (招商引资：签约抓开工): start rates, months to start, fulfilment, overdue
starts and targets computed by hand; the store on both back ends; the map, the bulletin, the
command line and the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re

import pandas as pd
import pytest
import sqlalchemy as sa
from corpus import HOSTILE

from geo.ops import cli
from geo.refusals import Refusal
from geo.reports import bulletin, documents
from geo.storage import access, store
from geo.storage.concurrency import ConcurrentEdit
from geo.storage.models import Project, Zone
from geo.storage.signing import AGREEMENT_COLUMNS
from geo.views import maps
from geo.workflow import signing

D = dt.date


def _frame(*rows: dict) -> pd.DataFrame:
    """Agreements as :func:`geo.workflow.signing.load_agreements` returns them."""
    defaults = {
        "origin_region": "北京",
        "attraction_way": "expo",
        "agreed_investment_wan": 0.0,
        "planned_start": None,
        "started_on": None,
        "sector": "industry",
        "zone_id": None,
        "zone": None,
        "zone_kind": None,
        "responsible_unit": None,
        "lon": float("nan"),
        "lat": float("nan"),
        "project_id": None,
        "project": None,
        "note": None,
        "version": 1,
    }
    records = [{**defaults, "id": i, **row} for i, row in enumerate(rows, start=1)]
    return pd.DataFrame(records, columns=list(AGREEMENT_COLUMNS)).astype(
        {"planned_start": object, "started_on": object, "zone": object, "project_id": object}
    )


# --------------------------------------------------------------------------- the seed's figures


def _seed_frame() -> pd.DataFrame:
    """Seed 004: "江浙签约项目：我区2个，到年底开工1个，开工率50%。北京签约项目：我区11个，
    到年底预计开工10个，开工率90%"."""
    rows = [
        {"name": "江浙甲", "origin_region": "江浙", "signed_on": D(2026, 3, 1)},
        {
            "name": "江浙乙",
            "origin_region": "江浙",
            "signed_on": D(2026, 3, 1),
            "started_on": D(2026, 9, 1),
        },
    ]
    for n in range(11):
        started = D(2026, 6, 1) + dt.timedelta(days=10 * n) if n < 10 else None
        rows.append(
            {
                "name": f"北京{n}",
                "origin_region": "北京",
                "signed_on": D(2026, 2, 1),
                "started_on": started,
            }
        )
    return _frame(*rows)


def test_the_seeds_start_rates_by_origin() -> None:
    table = signing.by_group(_seed_frame(), D(2026, 12, 31), "origin").set_index("key")
    # 北京: 10 started of 11 = 0.909090…; 江浙: 1 of 2 = 0.5. Best rate first.
    assert list(table.index) == ["北京", "江浙"]
    assert (table.loc["北京", "signed"], table.loc["北京", "started"]) == (11, 10)
    assert table.loc["北京", "start_rate"] == pytest.approx(10 / 11)
    assert table.loc["江浙", "start_rate"] == 0.5
    shown = signing.group_table(
        signing.by_group(_seed_frame(), D(2026, 12, 31), "origin"), "origin", "zh"
    )
    # One decimal, as every rate of the app: 90.9%, where the seed's paper rounded to 90%.
    assert list(shown["开工率"]) == ["90.9%", "50.0%"]


def test_a_start_counts_from_its_day_on() -> None:
    # The ninth and tenth 北京 starts are on 2026-08-20 and 2026-08-30: on 2026-08-25 nine of
    # eleven have started (81.8%).
    table = signing.by_group(_seed_frame(), D(2026, 8, 25), "origin").set_index("key")
    assert table.loc["北京", "started"] == 9
    assert signing.summary(_seed_frame(), D(2026, 8, 25)).started == 9  # 江浙乙 starts 09-01


# --------------------------------------------------------------------------- months to start


@pytest.mark.parametrize(
    ("signed", "started", "months"),
    [
        (D(2026, 1, 15), D(2026, 4, 15), 3.0),  # the same day three months on
        (D(2026, 1, 15), D(2026, 4, 30), 3 + 15 / 30),  # 15 of the 30 days 4-15 → 5-15
        (D(2026, 3, 10), D(2026, 5, 25), 2 + 15 / 31),  # 15 of the 31 days 5-10 → 6-10
        (D(2026, 1, 31), D(2026, 3, 1), 1 + 1 / 31),  # +1 month is 2-28; 2-28 → 3-31 is 31 days
        (D(2025, 11, 20), D(2026, 2, 5), 2 + 16 / 31),  # over the new year: 1-20 +16 days
        (D(2026, 5, 20), D(2026, 5, 20), 0.0),
    ],
)
def test_months_between(signed: dt.date, started: dt.date, months: float) -> None:
    assert signing.months_between(signed, started) == pytest.approx(months)


# --------------------------------------------------------------------------- a small year


def _year_frame() -> pd.DataFrame:
    """Five agreements of 2026 and one of 2025, read on 2026-06-30:

    A  signed 01-15, started 04-15 (3.0 months), 1,000万, 甲园区, 单位甲, sited
    B  signed 02-10, started 03-25 (1 + 15/31 = 1.483871), 3,000万, 甲园区, 单位甲
    C  signed 03-01, planned 05-01, not started: 60 days late on 06-30, 6,000万, no zone, 单位甲
    D  signed 04-01, planned 07-01, starts 07-15 (after the day: not started), 2,000万, 乙镇
    F  signed 04-20, started 06-20 (2.0 months), 500万, 乙镇, 单位丙
    E  signed 2025-12-01, planned 2026-02-01, not started: 149 days late, 700万
    """
    return _frame(
        {
            "name": "A",
            "signed_on": D(2026, 1, 15),
            "started_on": D(2026, 4, 15),
            "agreed_investment_wan": 1000.0,
            "zone": "甲园区",
            "responsible_unit": "单位甲",
            "lon": 111.6,
            "lat": 32.3,
            "project_id": 7,
        },
        {
            "name": "B",
            "signed_on": D(2026, 2, 10),
            "started_on": D(2026, 3, 25),
            "agreed_investment_wan": 3000.0,
            "zone": "甲园区",
            "responsible_unit": "单位甲",
            "project_id": 8,
        },
        {
            "name": "C",
            "signed_on": D(2026, 3, 1),
            "planned_start": D(2026, 5, 1),
            "agreed_investment_wan": 6000.0,
            "responsible_unit": "单位甲",
            "lon": 111.7,
            "lat": 32.2,
        },
        {
            "name": "D",
            "signed_on": D(2026, 4, 1),
            "planned_start": D(2026, 7, 1),
            "started_on": D(2026, 7, 15),
            "agreed_investment_wan": 2000.0,
            "zone": "乙镇",
            "responsible_unit": "单位乙",
            "lon": 111.5,
            "lat": 32.1,
        },
        {
            "name": "F",
            "signed_on": D(2026, 4, 20),
            "started_on": D(2026, 6, 20),
            "agreed_investment_wan": 500.0,
            "zone": "乙镇",
            "responsible_unit": "单位丙",
        },
        {
            "name": "E",
            "signed_on": D(2025, 12, 1),
            "planned_start": D(2026, 2, 1),
            "agreed_investment_wan": 700.0,
            "zone": "乙镇",
        },
    )


DAY = D(2026, 6, 30)


def test_the_year_is_signed_from_january_to_the_day() -> None:
    mine = signing.of_year(_year_frame(), 2026, DAY)
    assert list(mine["name"]) == ["A", "B", "C", "D", "F"]  # not E, signed in 2025
    assert list(signing.of_year(_year_frame(), 2026, D(2026, 3, 31))["name"]) == ["A", "B", "C"]


def test_summary_of_the_year() -> None:
    head = signing.summary(signing.of_year(_year_frame(), 2026, DAY), DAY)
    # Signed A B C D F = 5; started by 06-30 A B F = 3 (D starts later): 3/5 = 60%.
    assert (head.signed, head.started, head.start_rate) == (5, 3, 0.6)
    # Agreed 1,000 + 3,000 + 6,000 + 2,000 + 500 = 12,500; started 1,000 + 3,000 + 500 = 4,500.
    assert (head.agreed_wan, head.started_wan) == (12500.0, 4500.0)
    assert head.fulfilment_rate == pytest.approx(4500 / 12500)  # 36%
    # Months 3.0, 1.483871, 2.0: median 2.0, mean 6.483871 / 3 = 2.161290.
    assert head.months_median == pytest.approx(2.0)
    assert head.months_mean == pytest.approx((3 + (1 + 15 / 31) + 2) / 3)
    assert head.overdue == 1  # C; E is of 2025
    assert head.to_dict()["months_mean"] == round((3 + (1 + 15 / 31) + 2) / 3, 6)


def test_by_zone_and_by_unit() -> None:
    mine = signing.of_year(_year_frame(), 2026, DAY)
    zones = signing.by_group(mine, DAY, "zone")
    # 甲园区: A B both started, 2/2; 乙镇: D F, F started, 1/2; no zone: C, 0/1, last.
    assert list(zones["key"]) == ["甲园区", "乙镇", None]
    assert list(zones["signed"]) == [2, 2, 1] and list(zones["started"]) == [2, 1, 0]
    assert list(zones["start_rate"]) == [1.0, 0.5, 0.0]
    # 甲园区's months: (3.0 + 1.483871) / 2 = 2.241935 both median and mean.
    assert zones.loc[0, "months_median"] == pytest.approx((3 + 1 + 15 / 31) / 2)
    # 乙镇: started 500 of 2,500 agreed = 20%.
    assert zones.loc[1, "fulfilment_rate"] == pytest.approx(0.2)
    assert list(zones["overdue"]) == [0, 0, 1]
    assert math.isnan(zones.loc[2, "months_median"])
    units = signing.by_group(mine, DAY, "unit").set_index("key")
    assert units.loc["单位甲", ["signed", "started"]].tolist() == [3, 2]  # A B C; A B started
    assert units.loc["单位丙", "start_rate"] == 1.0 and units.loc["单位乙", "start_rate"] == 0.0
    shown = signing.group_table(zones, "zone", "en")
    assert list(shown["Park / township"]) == ["甲园区", "乙镇", "(no zone yet)"]


def test_by_way_of_attraction_shows_the_words() -> None:
    frame = _frame(
        {"name": "甲", "signed_on": D(2026, 1, 5), "attraction_way": "business_to_business"},
        {"name": "乙", "signed_on": D(2026, 1, 6), "attraction_way": "expo"},
        {"name": "丙", "signed_on": D(2026, 1, 7), "attraction_way": "expo"},
    )
    groups = signing.by_group(frame, DAY, "way")
    assert list(groups["key"]) == ["expo", "business_to_business"]  # 0/2 vs 0/1: most signed
    assert list(signing.group_table(groups, "way", "zh")["招商方式"]) == ["展会招商", "以商招商"]
    with pytest.raises(ValueError, match="by='sector'"):
        signing.by_group(frame, DAY, "sector")


def test_overdue_to_start_is_the_list_to_chase() -> None:
    late = signing.overdue_to_start(_year_frame(), DAY)
    # E: 2026-02-01 → 06-30 = 28 + 31 + 30 + 31 + 29 = 149 days; C: 05-01 → 06-30 = 60 days.
    # E was signed in 2025: the chase does not start afresh on 1 January.
    assert list(late["name"]) == ["E", "C"]
    assert list(late["days_late"]) == [149, 60]
    # D's planned start (07-01) has not passed; on its planned day it is not late either.
    assert signing.overdue_to_start(_year_frame(), D(2026, 7, 1))["name"].tolist() == ["E", "C"]
    assert "D" in signing.overdue_to_start(_year_frame(), D(2026, 7, 2))["name"].tolist()


def test_targets_against_what_the_units_did() -> None:
    targets = pd.DataFrame(
        {
            "id": [1, 2],
            "year": [2026, 2026],
            "unit": ["单位乙", "单位甲"],
            "signed_count": [1, 4],
            "started_count": [1, 2],
            "investment_wan": [5000.0, 10000.0],
            "version": [1, 1],
        }
    )
    goals = signing.target_completion(targets, signing.of_year(_year_frame(), 2026, DAY), DAY)
    # Largest target first, then 单位丙, which signed F without a target.
    assert list(goals["unit"]) == ["单位甲", "单位乙", "单位丙"]
    a, b, c = goals.to_dict("records")
    # 单位甲: signed A B C = 3 of 4; started A B = 2 of 2; agreed 10,000 of 10,000.
    assert (a["signed"], a["signed_rate"], a["started_rate"], a["investment_rate"]) == (
        3,
        0.75,
        1.0,
        1.0,
    )
    # 单位乙: D signed (1 of 1), not started (0 of 1), 2,000 of 5,000 = 40%.
    assert (b["signed_rate"], b["started_rate"], b["investment_rate"]) == (1.0, 0.0, 0.4)
    assert c["signed"] == 1 and math.isnan(c["signed_rate"]) and math.isnan(c["started_rate"])
    shown = signing.target_table(goals, "zh")
    assert list(shown["签约(完成/目标)"]) == ["3 / 4", "1 / 1", "1 / —"]
    assert list(shown["协议投资(完成/目标,万元)"]) == [
        "10,000 / 10,000",
        "2,000 / 5,000",
        "500 / —",
    ]
    assert list(shown["投资完成率"]) == ["100.0%", "40.0%", "—"]


def test_fulfilment_of_the_agreements_that_became_key_projects() -> None:
    projects = pd.DataFrame(
        {"id": [7, 8], "name": ["甲项目", "乙项目"], "cumulative_wan": [250.0, float("nan")]}
    )
    linked = signing.linked_fulfilment(signing.of_year(_year_frame(), 2026, DAY), projects)
    # A: 250 completed of 1,000 agreed = 25%; B: no report yet, 0 of 3,000.
    assert linked[["name", "project", "completed_wan"]].values.tolist() == [
        ["A", "甲项目", 250.0],
        ["B", "乙项目", 0.0],
    ]
    assert list(linked["fulfilment_rate"]) == [0.25, 0.0]


def test_points_for_the_map() -> None:
    points = signing.signing_points(signing.of_year(_year_frame(), 2026, DAY), DAY, "zh")
    # Sited: A (started), C (overdue), D (starts after the day, planned 07-01: waiting).
    assert list(points.columns[:5]) == ["id", "lon", "lat", "name", "started"]
    assert points[["name", "started", "status"]].values.tolist() == [
        ["A", True, "started"],
        ["C", False, "overdue"],
        ["D", False, "waiting"],
    ]
    assert list(points["label"]) == [
        "A · 2026年4月15日开工",
        "C · 计划2026年5月1日开工，已逾期60天",
        "D · 计划2026年7月1日开工",
    ]
    english = signing.signing_points(signing.of_year(_year_frame(), 2026, DAY), DAY, "en")
    assert english["label"].iloc[1] == "C · to start 2026-05-01, 60 days late"
    # Before A was signed there is nothing to show.
    assert signing.signing_points(_year_frame(), D(2025, 1, 1), "zh").empty


def test_the_map_draws_hostile_names_as_text() -> None:
    frame = _frame(
        *(
            {"name": text, "signed_on": D(2026, 1, 5), "lon": 111.6 + i / 100, "lat": 32.3}
            for i, text in enumerate(HOSTILE[:8])
        )
    )
    points = signing.signing_points(frame, DAY, "zh")
    layers = tuple(
        maps.PointLayer(s, points[points["status"] == s], signing.POINT_COLORS[s])
        for s in signing.POINT_STATUSES
    )
    zones = pd.DataFrame({"kind": ["park"], "name": ["<i>园区</i>"], "geometry": [SQUARE]})
    html = maps.points_map(layers, zones, maps.MapOptions(tiles="none"), "<b>图例</b>")
    html = html.get_root().render()
    for text in HOSTILE[:2] + HOSTILE[7:8]:
        assert text not in html
    assert "${alert(3)}" not in html
    assert "&lt;script&gt;alert(&#x27;名称&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;图例&lt;/b&gt;" in html and "<i>园区</i>" not in html


# --------------------------------------------------------------------------- validation


def _agreement(**changes: object) -> signing.Agreement:
    values = {
        "name": "锂电池正极材料项目",
        "signed_on": D(2026, 3, 1),
        "origin_region": "深圳",
        "attraction_way": "industrial_chain",
        "agreed_investment_wan": 60000.0,
    }
    return signing.Agreement(**{**values, **changes})


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"name": "  "}, "required"),
        ({"origin_region": ""}, "required"),
        ({"name": "长" * 201}, "signing_too_long"),
        ({"attraction_way": "bribery"}, "not_one_of"),
        ({"sector": "mining"}, "not_one_of"),
        ({"agreed_investment_wan": -1.0}, "signing_investment"),
        ({"agreed_investment_wan": float("nan")}, "signing_investment"),
        ({"planned_start": D(2026, 2, 28)}, "date_before"),
        ({"started_on": D(2026, 2, 28)}, "date_before"),
        ({"started_on": D(2026, 12, 5)}, "signing_started_in_future"),
        ({"lon": 111.6}, "signing_half_site"),
        ({"lon": 211.6, "lat": 32.3}, "not_on_earth"),
    ],
)
def test_what_an_agreement_may_not_be(changes: dict, key: str) -> None:
    with pytest.raises(Refusal) as caught:
        signing.check_agreement(_agreement(**changes).cleaned(), today=D(2026, 12, 4))
    assert caught.value.key == key
    assert caught.value.text("zh") != caught.value.text("en")


def test_a_good_agreement_passes() -> None:
    signing.check_agreement(
        _agreement(planned_start=D(2026, 3, 1), started_on=D(2026, 5, 2), lon=111.6, lat=32.3),
        today=D(2026, 12, 4),
    )


@pytest.mark.parametrize(
    ("args", "key"),
    [
        ((2026, " ", 1, 1, 0.0), "required"),
        ((1999, "县经信局", 1, 1, 0.0), "signing_target_year"),
        ((2026, "县经信局", -1, 0, 0.0), "signing_target_negative"),
        ((2026, "县经信局", 2, 3, 0.0), "signing_target_starts"),
    ],
)
def test_what_a_target_may_not_be(args: tuple, key: str) -> None:
    with pytest.raises(Refusal) as caught:
        signing.check_target(*args)
    assert caught.value.key == key


# --------------------------------------------------------------------------- the store


SQUARE = json.dumps(
    {"type": "Polygon", "coordinates": [[[111, 32], [112, 32], [112, 33], [111, 33], [111, 32]]]}
)


def _seed(engine: sa.Engine) -> tuple[int, int]:
    """A park and a key project in it."""
    with store.transaction(engine, write=True) as s:
        park = Zone(kind="park", name="谷城经济开发区", code="GCKFQ", geometry=SQUARE)
        s.add(park)
        s.flush()
        project = Project(
            code="P-1",
            name="瑞丰新能源电池材料项目",
            lon=111.6,
            lat=32.3,
            park_id=park.id,
            category="industry",
            level="county",
            build_type="new",
            stage="started",
            plan_year=2026,
        )
        s.add(project)
        s.flush()
        return park.id, project.id


def test_agreements_round_trip_on_both_back_ends(engine: sa.Engine) -> None:
    park, project = _seed(engine)
    first = signing.add_agreement(
        engine,
        _agreement(
            name="  项目\x00\x07名称 ",
            zone_id=park,
            responsible_unit="谷城经济开发区管委会",
            planned_start=D(2026, 5, 1),
            lon=111.61,
            lat=32.31,
            note="",
        ),
        today=D(2026, 12, 4),
    )
    stored = signing.load_agreements(engine).set_index("id").loc[first]
    assert stored["name"] == "项目名称"  # trimmed, control characters dropped
    assert (stored["zone"], stored["zone_kind"], stored["note"]) == ("谷城经济开发区", "park", None)
    assert stored["planned_start"] == D(2026, 5, 1) and stored["started_on"] is None
    assert stored["project_id"] is None and stored["version"] == 1
    signing.mark_started(engine, first, D(2026, 6, 2), version=1, today=D(2026, 12, 4))
    signing.link_project(engine, first, project, version=2)
    stored = signing.load_agreements(engine).set_index("id").loc[first]
    assert stored["started_on"] == D(2026, 6, 2)
    assert (stored["project_id"], stored["project"]) == (project, "瑞丰新能源电池材料项目")
    # A change made on version 1 comes too late: refused, never merged.
    with pytest.raises(ConcurrentEdit):
        signing.edit_agreement(engine, first, _agreement(), version=1)
    # A start before the signing is refused, and nothing is written.
    with pytest.raises(Refusal, match="is before"):
        signing.mark_started(engine, first, D(2026, 2, 1), today=D(2026, 12, 4))
    with pytest.raises(Refusal, match="there is no project 999"):
        signing.link_project(engine, first, 999)
    with pytest.raises(Refusal, match="there is no zone 999"):
        signing.add_agreement(engine, _agreement(zone_id=999))
    assert signing.load_agreements(engine)["started_on"].tolist() == [D(2026, 6, 2)]
    signing.edit_agreement(engine, first, _agreement(zone_id=park), version=3)
    stored = signing.load_agreements(engine).set_index("id").loc[first]
    assert stored["name"] == "锂电池正极材料项目" and stored["project_id"] is None


def test_targets_are_set_and_replaced(engine: sa.Engine) -> None:
    signing.save_target(
        engine, 2026, " 县经信局 ", signed_count=5, started_count=3, investment_wan=150000
    )
    signing.save_target(engine, 2027, "县经信局", signed_count=6, started_count=4, investment_wan=0)
    with pytest.raises(ConcurrentEdit):  # the person saw none, but one is there now
        signing.save_target(
            engine, 2026, "县经信局", signed_count=1, started_count=1, investment_wan=0, version=0
        )
    signing.save_target(
        engine, 2026, "县经信局", signed_count=4, started_count=4, investment_wan=1.5, version=1
    )
    targets = signing.load_targets(engine, 2026)
    assert targets[
        ["unit", "signed_count", "started_count", "investment_wan", "version"]
    ].values.tolist() == [["县经信局", 4, 4, 1.5, 2]]
    assert len(signing.load_targets(engine)) == 2


def test_only_the_office_records_agreements(engine: sa.Engine) -> None:
    park, _project = _seed(engine)
    manager = access.Principal("wang", "王", "zone_manager", frozenset({park}), ("谷城经济开发区",))
    with access.acting_as(manager), pytest.raises(access.AccessDenied):
        signing.add_agreement(engine, _agreement(zone_id=park))
    with access.acting_as(manager), pytest.raises(access.AccessDenied):
        signing.save_target(
            engine, 2026, "县经信局", signed_count=1, started_count=0, investment_wan=0
        )
    office = access.Principal("admin", "重点办", "admin")
    with access.acting_as(office):
        signing.add_agreement(engine, _agreement(zone_id=park))
    assert len(signing.load_agreements(engine)) == 1


def _year_in(engine: sa.Engine) -> None:
    """:func:`_year_frame` written to the database (its links to projects left out)."""
    for row in _year_frame().to_dict("records"):
        values = {k: row[k] for k in ("name", "signed_on", "origin_region", "attraction_way")}
        signing.add_agreement(
            engine,
            signing.Agreement(
                **values,
                agreed_investment_wan=row["agreed_investment_wan"],
                planned_start=row["planned_start"],
                started_on=row["started_on"],
                responsible_unit=row["responsible_unit"],
            ),
        )


def test_the_command_line_prints_the_figures(sqlite_url: str, capsys) -> None:
    engine = store.make_engine(sqlite_url)
    store.migrate(engine)
    _year_in(engine)
    signing.save_target(engine, 2026, "单位甲", signed_count=4, started_count=2, investment_wan=1e4)
    args = ["--db", sqlite_url, "signing", "--as-of", "2026-06-30", "--by", "unit", "--json"]
    assert cli.main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["year"], out["as_of"], out["by"]) == (2026, "2026-06-30", "unit")
    assert out["summary"]["signed"] == 5 and out["summary"]["started"] == 3
    assert out["summary"]["start_rate"] == 0.6 and out["summary"]["fulfilment_rate"] == 0.36
    groups = {g["key"]: g for g in out["groups"]}
    assert (groups["单位甲"]["signed"], groups["单位甲"]["started"]) == (3, 2)
    assert groups["单位甲"]["start_rate"] == 0.666667  # 2/3 to six decimals
    assert [(r["name"], r["days_late"]) for r in out["overdue"]] == [("E", 149), ("C", 60)]
    assert out["targets"][0]["unit"] == "单位甲" and out["targets"][0]["signed_rate"] == 0.75
    assert cli.main(["--db", sqlite_url, "signing", "--as-of", "2026-06-30"]) == 0
    text = capsys.readouterr().out
    assert "signed 5  started 3  start rate 60.0%" in text
    assert "E  planned 2026-02-01  149 days late" in text
    assert cli.main(["--db", sqlite_url, "signing", "--by", "sector"]) == 2


# --------------------------------------------------------------------------- the bulletin


def _bulletin_text(facts: bulletin.BulletinFacts, lang: str) -> str:
    document = bulletin.bulletin_document(facts, lang, issuer="重点办", area="county")
    return "\n".join(documents.paragraphs_of(documents.to_docx(document)))


def test_the_bulletin_reports_signing_to_start(sqlite_url: str, demo_engine: sa.Engine) -> None:
    engine = store.make_engine(sqlite_url)
    store.migrate(engine)
    _year_in(engine)
    county = bulletin.compile_facts(demo_engine)
    facts = dataclasses.replace(county, signing=signing.signing_facts(engine, DAY))
    text = _bulletin_text(facts, "zh")
    assert "四、招商引资项目签约开工情况" in text  # right after the three batches
    assert (
        "2026年以来（截至2026年6月30日），共签约招商引资项目5个，协议投资1.25亿元；"
        "已开工3个，开工率60.0%，已开工项目协议投资4,500万元，占协议投资的36.0%。"
        "已开工项目从签约到开工平均2.2个月（中位数2.0个月）。"
    ) in text
    assert "超过计划开工日期仍未开工的签约项目2个" in text
    english = _bulletin_text(facts, "en")
    assert "5 investment agreements were signed" in english and "start rate of 60.0%" in english
    # Not read: no such section, and the others keep their numbers.
    without = _bulletin_text(dataclasses.replace(county, signing=None), "zh")
    assert "招商引资" not in without and "四、进度滞后项目" in without


def test_the_demo_bulletin_has_the_section(demo_engine: sa.Engine) -> None:
    facts = bulletin.compile_facts(demo_engine)
    assert facts.signing is not None and facts.signing.summary.signed == 30
    text = _bulletin_text(facts, "zh")
    assert "招商引资项目签约开工情况" in text and "薤山文旅康养小镇项目" in text


# --------------------------------------------------------------------------- the demo and the page


def test_the_demo_signs_across_the_county(demo_engine: sa.Engine) -> None:
    agreements = signing.load_agreements(demo_engine)
    day = D(2026, 10, 31)
    mine = signing.of_year(agreements, 2026, day)
    head = signing.summary(mine, day)
    assert len(mine) == 30 and 15 <= head.started <= 25 and 3 <= head.overdue <= 8
    assert set(mine["origin_region"]) == {"北京", "江浙", "深圳", "本省", "港澳"}
    assert mine["attraction_way"].nunique() >= 5 and mine["zone"].nunique() >= 8
    months = signing.months_to_start(mine, day).dropna()
    assert months.between(1, 6.5).all()
    assert mine["project_id"].notna().sum() == 2
    assert len(signing.load_targets(demo_engine, 2026)) == 4


def test_the_page_shows_the_year(open_app, demo_url: str, demo_engine: sa.Engine) -> None:
    day = D(2026, 10, 31)
    mine = signing.of_year(signing.load_agreements(demo_engine), 2026, day)
    head = signing.summary(mine, day)
    for lang, started, rate, table_title in (
        ("zh", "已开工(个)", "开工率", "园区/乡镇"),
        ("en", "Started", "Start rate", "Park / township"),
    ):
        at = open_app(demo_url, "signing", lang=lang)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        metrics = {m.label: m.value for m in at.metric}
        assert metrics[started] == str(head.started)
        assert metrics[rate] == f"{head.start_rate:.1%}"
        zones = at.dataframe[0].value
        expected = signing.by_group(mine, day, "zone")
        assert list(zones[table_title])[:3] == list(expected["key"])[:3]
        late = at.dataframe[4].value
        assert len(late) == len(signing.overdue_to_start(signing.load_agreements(demo_engine), day))


def test_the_page_shows_hostile_text_as_text(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    for text in (HOSTILE[0], HOSTILE[2], HOSTILE[6], HOSTILE[12]):
        signing.add_agreement(
            engine,
            _agreement(name=text, signed_on=D(2026, 5, 1), responsible_unit=HOSTILE[1]),
        )
    at = open_app(demo_copy_url, "signing")
    at.run()
    assert not at.exception
    cells = {v for frame in at.dataframe for column in frame.value for v in frame.value[column]}
    shown = {str(v).strip("\u2068\u2069") for v in cells}  # direction-isolated as data
    assert {HOSTILE[0], HOSTILE[2], HOSTILE[6], HOSTILE[12], HOSTILE[1]} <= shown
    live = re.compile(r"(?<!\\)<(script|img|svg)")
    for element in list(at.markdown) + list(at.subheader) + list(at.caption):
        assert not live.search(element.value), element.value


def test_the_office_records_an_agreement_from_the_page(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    before = len(signing.load_agreements(engine))
    at = open_app(demo_copy_url, "signing")
    at.run()
    form = "signing_add_0"
    next(t for t in at.text_input if t.label == "签约项目名称" and t.form_id == form).input(
        "汉江造纸项目"
    )
    next(s for s in at.selectbox if s.label == "来源地" and s.form_id == form).set_value("北京")
    next(n for n in at.number_input if n.label == "协议投资(万元)" and n.form_id == form).set_value(
        12000.0
    )
    at.button(key=f"FormSubmitter:{form}-保存").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    after = signing.load_agreements(engine)
    assert len(after) == before + 1
    added = after[after["name"] == "汉江造纸项目"].iloc[0]
    assert (added["origin_region"], added["agreed_investment_wan"]) == ("北京", 12000.0)
    # Said, and the form is empty again: a second click cannot save a copy.
    assert any("已保存：汉江造纸项目" in s.value for s in at.success)
    fresh = next(
        t for t in at.text_input if t.label == "签约项目名称" and t.form_id == "signing_add_1"
    )
    assert fresh.value == "" and not [t for t in at.text_input if t.form_id == form]
    # Then its start, from the form beside the chosen agreement (the newest comes first).
    at.selectbox(key="signing_chosen_zh").set_value(int(added["id"])).run()
    form = f"signing_start_{int(added['id'])}"
    next(d for d in at.date_input if d.form_id == form).set_value(dt.date.today())
    at.button(key=f"FormSubmitter:{form}-保存").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    started = signing.load_agreements(engine).set_index("id").loc[int(added["id"]), "started_on"]
    assert started == dt.date.today()
