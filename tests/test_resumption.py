"""Work stoppage and resumption (停复工): statuses, the rate by zone, validation, the store on
both back ends, the map colouring, the command line and the page."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from geo import colors
from geo.core import measures, snapshot
from geo.ops import cli
from geo.storage import access, audit, store
from geo.storage.concurrency import ConcurrentEdit
from geo.storage.models import Base, ProgressReport, Project, Zone
from geo.views import assets, maps
from geo.workflow import resumption

D = dt.date
SPRING = (D(2026, 2, 10), D(2026, 3, 5))


def _projects() -> pd.DataFrame:
    """Six projects: five sites under construction in two townships (two of them in a park) and
    one already producing, which is not expected to report."""
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5, 6],
            "name": ["甲", "乙", "丙", "丁", "戊", "己"],
            "park": ["开发区", "开发区", None, None, None, "开发区"],
            "township": ["城关镇", "城关镇", "城关镇", "石花镇", "石花镇", "石花镇"],
            "stage": ["building", "started", "building", "building", "building", "producing"],
            "responsible_unit": [
                "县经信局",
                "县住建局",
                "县交通局",
                "县发改局",
                "县农业农村局",
                "县经信局",
            ],
            "lead_leader": ["张立新", "李红梅", "王建华", "刘志刚", "陈晓东", "杨文斌"],
        }
    )


def _reports() -> pd.DataFrame:
    """1 stopped and resumed on 02-26; 2 stopped, resumes on 03-08; 3 works through;
    4 stops only on 02-25; 5 has not reported."""
    return pd.DataFrame(
        {
            "project_id": [1, 2, 3, 4],
            "stops": [True, True, False, True],
            "stopped_on": [D(2026, 2, 10), D(2026, 2, 12), None, D(2026, 2, 25)],
            "planned_resume_on": [D(2026, 2, 25), D(2026, 3, 1), None, D(2026, 3, 2)],
            "resumed_on": [D(2026, 2, 26), D(2026, 3, 8), None, None],
        }
    )


def test_statuses_on_a_day() -> None:
    out = resumption.with_status(_projects(), _reports(), D(2026, 3, 1))
    assert dict(zip(out["id"], out["resumption_status"], strict=True)) == {
        1: "resumed",
        2: "stopped",  # resumes on 03-08
        3: "working",
        4: "stopped",
        5: "not_reported",
        6: "not_expected",  # producing, not a construction site, no report
    }
    before = resumption.with_status(_projects(), _reports(), D(2026, 2, 20))
    assert before.set_index("id").loc[4, "resumption_status"] == "working"  # not stopped yet
    assert before.set_index("id").loc[1, "resumption_status"] == "stopped"


def test_sites_still_stopped_after_they_should_be_back() -> None:
    # On 03-07: 2 planned 03-01 and is still stopped (6 days late); 4 planned 03-02 (5 days).
    out = resumption.with_status(_projects(), _reports(), D(2026, 3, 7))
    late = resumption.late_to_resume(out, SPRING[1], D(2026, 3, 7))
    assert list(zip(late["id"], late["due"], late["days_late"], strict=True)) == [
        (2, D(2026, 3, 1), 6),
        (4, D(2026, 3, 2), 5),
    ]
    # Planned after the period's end: due by the end (03-05) all the same.
    later = _reports().assign(planned_resume_on=D(2026, 3, 20))
    out = resumption.with_status(_projects(), later, D(2026, 3, 7))
    late = resumption.late_to_resume(out, SPRING[1], D(2026, 3, 7))
    assert list(late["days_late"]) == [2, 2]
    # Before anyone is due, nobody is late.
    early = resumption.with_status(_projects(), _reports(), D(2026, 2, 28))
    assert resumption.late_to_resume(early, SPRING[1], D(2026, 2, 28)).empty


def test_the_stage_when_the_period_began_decides_who_must_report() -> None:
    # Project 6 was still building on 01-31, so it had to report; project 5 had not started.
    then = pd.Series(
        {1: "building", 2: "started", 3: "building", 4: "building", 5: "signed", 6: "building"}
    )
    out = resumption.with_status(_projects(), _reports(), D(2026, 3, 1), then).set_index("id")
    assert out.loc[6, "resumption_status"] == "not_reported"
    assert out.loc[5, "resumption_status"] == "not_expected"


def test_without_a_report_before_the_period_a_later_start_is_no_site() -> None:
    # No report of 4 and 5 before the period: 4 counts by its stage now, 5 was planned to
    # start only in April and was no site at the Spring Festival.
    projects = _projects().assign(
        planned_start=[None, None, None, D(2025, 6, 1), D(2026, 4, 1), None]
    )
    then = pd.Series({1: "building", 2: "started", 3: "building", 6: "producing"})
    out = resumption.with_status(projects, _reports(), D(2026, 3, 1), then, SPRING[0]).set_index(
        "id"
    )
    assert out.loc[4, "resumption_status"] == "stopped"
    assert out.loc[5, "resumption_status"] == "not_expected"


@pytest.mark.parametrize(
    ("stops", "stopped", "resumed", "day", "expected"),
    [
        (None, None, None, D(2026, 3, 1), "not_reported"),
        (False, None, None, D(2026, 3, 1), "working"),
        (True, D(2026, 2, 10), None, D(2026, 2, 9), "working"),
        (True, D(2026, 2, 10), None, D(2026, 2, 10), "stopped"),
        (True, D(2026, 2, 10), D(2026, 3, 1), D(2026, 2, 28), "stopped"),
        (True, D(2026, 2, 10), D(2026, 3, 1), D(2026, 3, 1), "resumed"),
    ],
)
def test_status_on(stops, stopped, resumed, day, expected) -> None:
    assert resumption.status_on(stops, stopped, resumed, day) == expected


def test_rate_by_zone_counts_the_silent_against_it() -> None:
    out = resumption.with_status(_projects(), _reports(), D(2026, 3, 1))
    head = resumption.summary(out)
    assert (head.expected, head.resumed, head.working, head.stopped, head.not_reported) == (
        5,
        1,
        1,
        2,
        1,
    )
    assert head.resumption_rate == pytest.approx(2 / 5)
    towns = resumption.by_zone(out, "township").set_index("key")
    # 城关镇: 1 resumed, 2 stopped, 3 working → 2/3; 石花镇: 4 stopped, 5 silent → 0/2 (6 not counted)
    assert towns.loc[
        "城关镇", ["expected", "resumed", "working", "stopped", "not_reported"]
    ].tolist() == [3, 1, 1, 1, 0]
    assert towns.loc["城关镇", "resumption_rate"] == pytest.approx(2 / 3)
    assert towns.loc["石花镇", ["expected", "not_reported", "stopped"]].tolist() == [2, 1, 1]
    assert towns.loc["石花镇", "resumption_rate"] == 0
    assert list(towns.index) == ["石花镇", "城关镇"]  # lowest rate first
    parks = resumption.by_zone(out, "park")
    assert parks.to_dict("records") == [
        {
            "key": "开发区",
            "expected": 2,
            "resumed": 1,
            "working": 0,
            "stopped": 1,
            "not_reported": 0,
            "resumption_rate": 0.5,
        },
    ]


def test_who_has_not_reported() -> None:
    out = resumption.with_status(_projects(), _reports(), D(2026, 3, 1))
    missing = resumption.not_reported(out)
    assert missing.to_dict("records") == [
        {
            "id": 5,
            "name": "戊",
            "park": None,
            "township": "石花镇",
            "responsible_unit": "县农业农村局",
            "lead_leader": "陈晓东",
        },
    ]


def test_headcount_per_day_by_zone() -> None:
    counts = pd.DataFrame(
        {
            "project_id": [1, 2, 2, 4],
            "on_date": [D(2026, 2, 12), D(2026, 2, 12), D(2026, 2, 13), D(2026, 2, 12)],
            "headcount": [5, 3, 4, 10],
        }
    )
    out = resumption.headcount_by_zone(counts, _projects(), "township")
    assert out.to_dict("records") == [
        {"key": "城关镇", "on_date": D(2026, 2, 12), "headcount": 8, "sites": 2},
        {"key": "城关镇", "on_date": D(2026, 2, 13), "headcount": 4, "sites": 1},
        {"key": "石花镇", "on_date": D(2026, 2, 12), "headcount": 10, "sites": 1},
    ]
    parks = resumption.headcount_by_zone(counts, _projects(), "park")
    assert parks["headcount"].tolist() == [8, 4]  # project 4 lies in no park
    wide = resumption.headcount_table(out, "zh")
    assert wide.index.name == "日期" and list(wide.columns) == ["城关镇", "石花镇"]
    assert wide.loc[D(2026, 2, 13)].tolist() == [4, 0]  # no count from 石花镇 that day


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"stops": True, "stopped_on": None}, "a project that stops needs the day it stops"),
        (
            {"stops": True, "stopped_on": D(2026, 2, 1)},
            "Stopped on 2026-02-01 is outside the period",
        ),
        (
            {"stops": True, "stopped_on": D(2026, 3, 6)},
            "Stopped on 2026-03-06 is outside the period",
        ),
        (
            {"stops": True, "stopped_on": D(2026, 2, 12), "resumed_on": D(2026, 2, 11)},
            "Resumed on 2026-02-11 is before Stopped on 2026-02-12",
        ),
        (
            {"stops": True, "stopped_on": D(2026, 2, 12), "planned_resume_on": D(2026, 2, 11)},
            "Planned to resume on 2026-02-11 is before Stopped on 2026-02-12",
        ),
        (
            {"stops": False, "stopped_on": D(2026, 2, 12)},
            "Stopped on 2026-02-12 is given for a project that does not stop",
        ),
        ({"stops": False, "resumed_on": D(2026, 2, 20)}, "Resumed on 2026-02-20 is given"),
        ({"stops": "yes"}, "stops='yes' must be true or false"),
        (
            {
                "stops": True,
                "stopped_on": D(2026, 2, 12),
                "resumed_on": D(2026, 3, 2),
                "today": D(2026, 3, 1),
            },
            "resumed on 2026-03-02, which is in the future",
        ),
    ],
)
def test_a_report_that_does_not_hold_together_is_refused(fields: dict, message: str) -> None:
    args = {"stopped_on": None, "planned_resume_on": None, "resumed_on": None, **fields}
    with pytest.raises(ValueError, match=re.escape(message)):
        resumption.check_report(*SPRING, **args)


@pytest.mark.parametrize(
    ("counts", "resumed", "message"),
    [
        ({D(2026, 2, 12): -3}, None, "people on site on 2026-02-12: -3 is negative"),
        ({D(2026, 2, 12): 2.5}, None, "people on site on 2026-02-12: 2.5 is not a whole number"),
        ({D(2026, 2, 9): 3}, None, "Day 2026-02-09 is outside the period 2026-02-10 to 2026-03-05"),
        (
            {D(2026, 3, 9): 3},
            D(2026, 3, 8),
            "Day 2026-03-09 is outside the period 2026-02-10 to 2026-03-08",
        ),
    ],
)
def test_bad_headcounts_are_refused(counts: dict, resumed: D | None, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        resumption.check_headcounts(*SPRING, counts, resumed)
    resumption.check_headcounts(*SPRING, {D(2026, 3, 8): 4}, D(2026, 3, 8))  # a late return


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", "holiday", D(2026, 10, 1), D(2026, 10, 7)), "needs a name"),
        (("国庆", "typhoon", D(2026, 10, 1), D(2026, 10, 7)), "kind='typhoon' is not allowed"),
        (
            ("国庆", "holiday", D(2026, 10, 7), D(2026, 10, 1)),
            "Back at work by 2026-10-01 is before Stoppage from 2026-10-07",
        ),
    ],
)
def test_bad_periods_are_refused(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        resumption.check_period(*args)


# --------------------------------------------------------------------------- the store

SQUARE = json.dumps(
    {"type": "Polygon", "coordinates": [[[111, 32], [112, 32], [112, 33], [111, 33], [111, 32]]]}
)


def _seed(engine: sa.Engine) -> tuple[int, int, int, int]:
    """Two townships, a project under construction in each, one planned one; the period."""
    with store.transaction(engine, write=True) as s:
        towns = [
            Zone(kind="township", name=n, code=c, geometry=SQUARE)
            for n, c in (("城关镇", "T1"), ("石花镇", "T2"))
        ]
        made = []
        for code, town, stage in (
            ("P-1", towns[0], "building"),
            ("P-2", towns[1], "started"),
            ("P-3", towns[1], "planned"),
        ):
            project = Project(
                code=code,
                name=f"项目{code}",
                lon=111.6,
                lat=32.3,
                township=town,
                category="industry",
                level="county",
                build_type="new",
                stage=stage,
                plan_year=2026,
            )
            s.add(project)
            s.flush()
            s.add(
                ProgressReport(
                    project_id=project.id, as_of=D(2026, 1, 31), completed_wan=0, stage=stage
                )
            )
            made.append(project.id)
    period = resumption.add_period(engine, "2026年春节停复工", "spring_festival", *SPRING)
    return period, *made


def test_models_match_the_migrations(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_reports_round_trip_and_stale_saves_are_refused(engine: sa.Engine) -> None:
    period, p1, p2, _p3 = _seed(engine)
    first = resumption.save_report(
        engine,
        period,
        p1,
        stops=True,
        stopped_on=D(2026, 2, 11),
        planned_resume_on=D(2026, 2, 28),
        note=" 春节放假 ",
        version=0,
    )
    resumption.save_report(engine, period, p2, stops=False)
    got = resumption.load_reports(engine, period).set_index("project_id")
    assert got.loc[
        p1, ["stops", "stopped_on", "planned_resume_on", "resumed_on", "note", "version"]
    ].tolist() == [True, D(2026, 2, 11), D(2026, 2, 28), None, "春节放假", 1]
    assert not got.loc[p2, "stops"]
    # Resumed, by someone who saw version 1; a second editor with the same copy is refused.
    assert (
        resumption.save_report(
            engine,
            period,
            p1,
            stops=True,
            stopped_on=D(2026, 2, 11),
            resumed_on=D(2026, 3, 1),
            version=1,
        )
        == first
    )
    with pytest.raises(ConcurrentEdit, match="stoppage report #"):
        resumption.save_report(engine, period, p1, stops=False, version=1)
    with pytest.raises(ConcurrentEdit):  # "there was none" when there is one now
        resumption.save_report(engine, period, p1, stops=False, version=0)
    with pytest.raises(ValueError, match="Resumed on 2026-02-01 is before"):
        resumption.save_report(
            engine, period, p1, stops=True, stopped_on=D(2026, 2, 11), resumed_on=D(2026, 2, 1)
        )
    after = resumption.load_reports(engine, period).set_index("project_id").loc[p1]
    assert (after["resumed_on"], after["version"]) == (D(2026, 3, 1), 2)
    changes = audit.history(engine, "stoppage_reports", first)["changes"].tolist()
    assert changes[-1] == {
        "planned_resume_on": ["2026-02-28", None],
        "resumed_on": [None, "2026-03-01"],
        "note": ["春节放假", None],
    }


def test_headcounts_are_set_per_day(engine: sa.Engine) -> None:
    period, p1, p2, _p3 = _seed(engine)
    with pytest.raises(ValueError, match="has not reported"):
        resumption.record_headcounts(engine, period, p1, {D(2026, 2, 12): 4})
    resumption.save_report(engine, period, p1, stops=True, stopped_on=D(2026, 2, 11))
    stamp = store.data_stamp(engine)
    resumption.record_headcounts(engine, period, p1, {D(2026, 2, 12): 4, D(2026, 2, 13): 5})
    resumption.record_headcounts(engine, period, p1, {D(2026, 2, 13): 6})  # corrected
    assert store.data_stamp(engine) != stamp
    got = resumption.load_headcounts(engine, period)
    assert got.to_dict("records") == [
        {"project_id": p1, "on_date": D(2026, 2, 12), "headcount": 4},
        {"project_id": p1, "on_date": D(2026, 2, 13), "headcount": 6},
    ]
    with pytest.raises(ValueError, match="negative"):
        resumption.record_headcounts(engine, period, p1, {D(2026, 2, 14): -1})


def test_a_report_without_a_note_reads_back_without_one(engine: sa.Engine) -> None:
    period, p1, p2, _p3 = _seed(engine)
    resumption.save_report(engine, period, p1, stops=False)
    resumption.save_report(engine, period, p2, stops=False, note="室内作业")
    notes = resumption.load_reports(engine, period).set_index("project_id")["note"]
    assert notes[p1] is None and notes[p2] == "室内作业"  # never NaN, which a form shows as "nan"


def test_statuses_from_the_database(engine: sa.Engine) -> None:
    period_id, p1, p2, p3 = _seed(engine)
    resumption.save_report(
        engine, period_id, p1, stops=True, stopped_on=D(2026, 2, 11), resumed_on=D(2026, 2, 27)
    )
    period = resumption.find_period(resumption.load_periods(engine), "2026年春节停复工")
    assert int(period["id"]) == period_id
    out = resumption.statuses_for(engine, store.load_projects(engine), period, D(2026, 3, 1))
    assert dict(zip(out["id"], out["resumption_status"], strict=True)) == {
        p1: "resumed",
        p2: "not_reported",
        p3: "not_expected",
    }
    by_town = resumption.by_zone(out, "township").set_index("key")["resumption_rate"].to_dict()
    assert by_town == {"石花镇": 0.0, "城关镇": 1.0}
    with pytest.raises(ValueError, match="period='国庆' does not exist"):
        resumption.find_period(resumption.load_periods(engine), "国庆")


def test_zone_managers_file_reports_only_in_their_zones(engine: sa.Engine) -> None:
    period, p1, p2, _p3 = _seed(engine)
    town = store.load_zones(engine).set_index("name").loc["城关镇", "id"]
    manager = access.Principal("wang", "王", "zone_manager", frozenset({int(town)}), ("城关镇",))
    with access.acting_as(manager):
        resumption.save_report(engine, period, p1, stops=False)
        resumption.record_headcounts(engine, period, p1, {D(2026, 2, 12): 30})
        with pytest.raises(access.AccessDenied, match="not in one of your zones"):
            resumption.save_report(engine, period, p2, stops=False)
        with pytest.raises(access.AccessDenied, match="may not change a new stoppage period 国庆"):
            resumption.add_period(engine, "国庆", "holiday", D(2026, 10, 1), D(2026, 10, 7))
    assert resumption.load_reports(engine, period)["project_id"].tolist() == [p1]


# --------------------------------------------------------------------------- the demo county


def test_the_demo_has_both_periods(demo_engine: sa.Engine) -> None:
    periods = resumption.load_periods(demo_engine).set_index("name")
    assert periods.loc["2026年春节停复工", "starts_on"] == D(2026, 2, 10)
    snap = snapshot.take_snapshot(demo_engine)
    spring = resumption.statuses_for(
        demo_engine, snap.projects, periods.reset_index().iloc[0], snap.as_of
    )
    head = resumption.summary(spring)
    assert head.stopped == 0 and head.resumption_rate > 0.95  # nearly all back
    smog = resumption.summary(
        resumption.statuses_for(
            demo_engine, snap.projects, periods.reset_index().iloc[1], snap.as_of
        )
    )
    assert min(smog.resumed, smog.working, smog.stopped) >= 3
    assert 0.10 <= smog.not_reported / smog.expected <= 0.15
    assert snap.resumption_period == "2026年10月重污染天气管控"
    assert snap.projects["resumption_status"].value_counts().to_dict() == {
        "not_expected": len(snap.projects) - smog.expected,
        "stopped": smog.stopped,
        "working": smog.working,
        "not_reported": smog.not_reported,
        "resumed": smog.resumed,
    }


def _silent_by_sql(engine: sa.Engine, period_id: int, month_end: D) -> set[int]:
    """Under construction at the month-end before the period, and no report: straight SQL."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT project_id FROM progress_reports WHERE as_of = :d AND stage IN "
                "('started', 'building') AND project_id NOT IN "
                "(SELECT project_id FROM stoppage_reports WHERE period_id = :p)"
            ),
            {"d": month_end, "p": period_id},
        )
        return {r[0] for r in rows}


def test_the_command_line(
    demo_url: str, demo_engine: sa.Engine, capsys: pytest.CaptureFixture
) -> None:
    period = resumption.find_period(
        resumption.load_periods(demo_engine), "2026年10月重污染天气管控"
    )
    args = [
        "--db",
        demo_url,
        "resumption",
        "--period",
        str(int(period["id"])),
        "--as-of",
        "2026-10-31",
    ]
    assert cli.main([*args, "--by", "park", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["period"]["name"] == "2026年10月重污染天气管控" and out["by"] == "park"
    s = out["summary"]
    assert s["expected"] == s["resumed"] + s["working"] + s["stopped"] + s["not_reported"]
    assert s["resumption_rate"] == pytest.approx(
        (s["resumed"] + s["working"]) / s["expected"], abs=1e-6
    )
    silent = _silent_by_sql(demo_engine, int(period["id"]), D(2026, 9, 30))
    assert {r["id"] for r in out["not_reported"]} == silent and s["not_reported"] == len(silent)
    assert {g["key"] for g in out["groups"]} == {
        "谷城经济开发区",
        "石花工业园",
        "谷城再生资源产业园",
    }
    rates = [g["resumption_rate"] for g in out["groups"]]
    assert rates == sorted(rates)
    # Spring Festival seen on 03-10: the late ones are stopped sites, most days late first.
    spring = resumption.find_period(resumption.load_periods(demo_engine), "2026年春节停复工")
    assert (
        cli.main(
            [
                "--db",
                demo_url,
                "resumption",
                "--period",
                str(int(spring["id"])),
                "--as-of",
                "2026-03-10",
                "--json",
            ]
        )
        == 0
    )
    late = json.loads(capsys.readouterr().out)["late_to_resume"]
    reports = resumption.load_reports(demo_engine, int(spring["id"])).set_index("project_id")
    assert late and [r["days_late"] for r in late] == sorted(
        (r["days_late"] for r in late), reverse=True
    )
    for r in late:
        report = reports.loc[r["id"]]
        assert report["stops"] and not (
            report["resumed_on"] and report["resumed_on"] <= D(2026, 3, 10)
        )
        assert r["days_late"] == (D(2026, 3, 10) - D.fromisoformat(r["due"])).days > 0
    # Without --period: the latest begun by the as-of; by township by default.
    assert cli.main(["--db", demo_url, "resumption", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["summary"] == s and again["by"] == "township"
    assert sum(g["expected"] for g in again["groups"]) == s["expected"]  # every site has a township
    assert cli.main(["--db", demo_url, "resumption", "--period", "国庆"]) == 1
    assert "period='国庆' does not exist" in capsys.readouterr().err
    assert cli.main(["--db", demo_url, "resumption", "--as-of", "2026-01-31"]) == 1
    assert "no stoppage period has begun by 2026-01-31" in capsys.readouterr().err


# --------------------------------------------------------------------------- the map


def _map_html(snap: snapshot.Snapshot, color_by: str, lang: str = "zh") -> str:
    fmap = maps.overview_map(
        snap.projects,
        measures.zone_rates(snap.projects, snap.zones),
        maps.MapOptions(
            color_by=color_by,
            tiles="none",
            lang=lang,
            resumption_period=snap.resumption_period or "",
        ),
    )
    html = assets.use_served_assets(fmap, "/app/static").get_root().render()
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)


def test_the_map_colours_by_resumption(demo_engine: sa.Engine) -> None:
    snap = snapshot.take_snapshot(demo_engine)
    html = _map_html(snap, "resumption", "en")
    sites = {p["project_id"]: p["color"] for p in maps.sites_in_html(html)}
    status = dict(zip(snap.projects["id"], snap.projects["resumption_status"], strict=True))
    assert sites == {i: colors.RESUMPTION_COLORS[s] for i, s in status.items()}
    assert {colors.GREEN, colors.RED, colors.GREY, colors.RESUMPTION_COLORS["working"]} <= set(
        sites.values()
    )
    legend = re.search(r'<div class="geo-legend">(.*?)</div></div>', html, re.S).group(1)
    assert "2026年10月重污染天气管控" in legend and "Not reported" in legend
    assert "Zones shaded by their resumption rate" in legend


def test_zones_show_their_resumption_rate(demo_engine: sa.Engine) -> None:
    snap = snapshot.take_snapshot(demo_engine)
    period = resumption.find_period(resumption.load_periods(demo_engine), snap.resumption_period)
    statuses = resumption.statuses_for(demo_engine, snap.projects, period, snap.as_of)
    park = resumption.by_zone(statuses, "park").set_index("key").loc["谷城经济开发区"]
    rate = f"{park['resumption_rate'] * 100:.1f}%"
    completion = measures.zone_rates(snap.projects, snap.zones).set_index("name")
    assert rate != f"{completion.loc['谷城经济开发区', 'completion_rate'] * 100:.1f}%"
    feature = f'"kind": "园区", "projects": {int(park["expected"])}, "rate": "{rate}", "zone": "谷城经济开发区"'
    assert feature in _map_html(snap, "resumption")
    assert feature not in _map_html(snap, "completion")
    assert "复工率" in _map_html(snap, "resumption")  # the tooltip's label


# --------------------------------------------------------------------------- the page


def test_the_page_shows_the_current_period(open_app, demo_url: str, demo_engine: sa.Engine) -> None:
    at = open_app(demo_url, "resumption")
    at.run()
    assert not at.exception, at.exception
    snap = snapshot.take_snapshot(demo_engine)
    period = resumption.find_period(
        resumption.load_periods(demo_engine), "2026年10月重污染天气管控"
    )
    statuses = resumption.statuses_for(demo_engine, snap.projects, period, snap.as_of)
    head = resumption.summary(statuses)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["应报项目"] == str(head.expected)
    assert metrics["未报送"] == str(head.not_reported) and metrics["停工中"] == str(head.stopped)
    assert metrics["复工率"] == f"{head.resumption_rate * 100:.1f}%"
    towns = at.dataframe[1].value
    expected_towns = resumption.by_zone(statuses, "township")
    assert list(towns["所在乡镇"]) == list(expected_towns["key"])
    assert list(towns.columns[:2]) == ["所在乡镇", "复工率"]  # the rate in view beside the name
    assert list(towns["复工率"]) == [f"{r * 100:.1f}%" for r in expected_towns["resumption_rate"]]
    missing = at.dataframe[2].value
    assert set(missing["项目名称"]) == set(resumption.not_reported(statuses)["name"])


def test_a_report_is_filed_from_the_page(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    snap = snapshot.take_snapshot(engine)
    period = resumption.find_period(resumption.load_periods(engine), "2026年10月重污染天气管控")
    statuses = resumption.statuses_for(engine, snap.projects, period, snap.as_of)
    silent = int(resumption.not_reported(statuses)["id"].iloc[0])
    at = open_app(demo_copy_url, "resumption")
    at.run()
    next(s for s in at.selectbox if s.label == "项目").set_value(silent).run()
    next(d for d in at.date_input if d.label == "停工日期").set_value(D(2026, 10, 26))
    next(d for d in at.date_input if d.label == "实际复工日期").set_value(D(2026, 10, 25))
    at.button(key="FormSubmitter:stoppage_report-保存").click().run()
    assert any(
        "实际复工日期（2026-10-25）早于停工日期（2026-10-26）" in e.value.replace("\\", "")
        for e in at.error
    )
    assert silent not in set(resumption.load_reports(engine, int(period["id"]))["project_id"])
    next(d for d in at.date_input if d.label == "实际复工日期").set_value(D(2026, 10, 30))
    at.button(key="FormSubmitter:stoppage_report-保存").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    saved = resumption.load_reports(engine, int(period["id"])).set_index("project_id").loc[silent]
    assert (saved["stops"], saved["stopped_on"], saved["resumed_on"]) == (
        True,
        D(2026, 10, 26),
        D(2026, 10, 30),
    )
    # Now it has reported, the headcount form is there.
    next(d for d in at.date_input if d.label == "日期").set_value(D(2026, 10, 27))
    next(n for n in at.number_input if n.label == "在岗人数").set_value(7)
    at.button(key="FormSubmitter:stoppage_headcount-登记当日在岗人数").click().run()
    assert not at.error, [e.value for e in at.error]
    counts = resumption.load_headcounts(engine, int(period["id"]))
    assert counts[counts["project_id"] == silent].to_dict("records") == [
        {"project_id": silent, "on_date": D(2026, 10, 27), "headcount": 7}
    ]


def test_the_office_opens_a_period_from_the_page(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    at = open_app(demo_copy_url, "resumption")
    at.run()
    next(t for t in at.text_input if t.label.startswith("名称")).set_value("2027年春节停复工")
    next(s for s in at.selectbox if s.label == "类型").set_value("spring_festival")
    next(d for d in at.date_input if d.label == "停工起始日期").set_value(D(2027, 2, 1))
    next(d for d in at.date_input if d.label == "应复工日期").set_value(D(2027, 1, 20))
    at.button(key="FormSubmitter:stoppage_period-保存").click().run()
    assert any(
        "应复工日期（2027-01-20）早于停工起始日期（2027-02-01）" in e.value.replace("\\", "")
        for e in at.error
    )
    assert "2027年春节停复工" not in set(resumption.load_periods(engine)["name"])
    next(d for d in at.date_input if d.label == "应复工日期").set_value(D(2027, 2, 25))
    at.button(key="FormSubmitter:stoppage_period-保存").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    opened = resumption.find_period(resumption.load_periods(engine), "2027年春节停复工")
    assert (opened["kind"], opened["starts_on"], opened["ends_on"]) == (
        "spring_festival",
        D(2027, 2, 1),
        D(2027, 2, 25),
    )


def test_a_park_and_a_township_of_the_same_name_keep_their_own_rates() -> None:
    projects = _projects().assign(park=["城关镇", "城关镇", None, None, None, None])
    statuses = resumption.with_status(projects, _reports(), D(2026, 3, 1))
    zone_rates = pd.DataFrame(
        {
            "name": ["城关镇", "城关镇", "石花镇"],
            "kind": ["park", "township", "township"],
            "completion_rate": [0.9, 0.9, 0.9],
            "projects": [9, 9, 9],
        }
    )
    shaded = resumption.zone_shading(statuses, zone_rates)
    # Park: 1 resumed, 2 stopped → 1/2; township 城关镇: + 3 working → 2/3; 石花镇: 0/2.
    assert shaded["completion_rate"].tolist() == pytest.approx([1 / 2, 2 / 3, 0])
    assert shaded["projects"].tolist() == [2, 3, 2]
