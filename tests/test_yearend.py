"""Year-end settlement (年终决算) and annual assessment (年度考核): the close date, the year's
figures frozen, the grades, the freeze of a closed year's reports (through the ORM and the
ledger import's bulk path, on both back ends), rewards and sanctions, one project year by
year, the report, the command line, the demo and the page."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from corpus import HOSTILE

from geo.core import snapshot
from geo.ingest import importer
from geo.ops import cli
from geo.refusals import Refusal
from geo.reports import documents
from geo.reports import yearend as year_report
from geo.storage import audit, ledger_import, store
from geo.storage import yearend as stored
from geo.storage.models import ProgressReport, Project, Zone
from geo.workflow import reporting, yearend
from geo.workflow.ranking import Weights

D = dt.date
SQUARE = json.dumps(
    {"type": "Polygon", "coordinates": [[[111, 32], [112, 32], [112, 33], [111, 33], [111, 32]]]}
)
#: A day after the year is over: 2025 closes as of 12-31.
AFTER = D(2026, 2, 15)


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("year", "today", "expected"),
    [
        (2025, D(2026, 1, 5), D(2025, 12, 31)),  # over: 12-31, whatever the last report
        (2025, D(2025, 12, 31), D(2025, 11, 30)),  # still running on 12-31: the latest report
        (2026, D(2026, 12, 4), D(2026, 10, 31)),
    ],
)
def test_close_date(year: int, today: dt.date, expected: dt.date) -> None:
    days = [D(2026, 10, 31), D(2026, 9, 30), D(2025, 11, 30), D(2025, 10, 31), D(2024, 12, 31)]
    assert yearend.close_date(year, days, today) == expected


def test_a_year_without_reports_is_not_closed() -> None:
    with pytest.raises(Refusal) as refused:
        yearend.close_date(2023, [D(2025, 12, 31)], AFTER)
    assert refused.value.key == "year_no_reports"
    assert "2023年度没有月报" in refused.value.text("zh") and "2023" in str(refused.value)


@pytest.mark.parametrize(
    ("ranked", "grades"),
    [
        # Grade by how many groups are ranked above: under 20% / 50% / 80% of the ranked.
        # 10 groups: above 0,1 (0%, 10%) excellent; 2-4 (20-40%) good; 5-7 fair; 8,9 poor.
        (10, "EEGGGFFFPP"),
        # 3 parks: above 0 (0%) excellent, 1 (33%) good, 2 (67%) fair: nobody is poor.
        (3, "EGF"),
        # 5: 0% E, 20% G, 40% G, 60% F, 80% P.
        (5, "EGGFP"),
        # 4: 0% E, 25% G, 50% F, 75% F.
        (4, "EGFF"),
        (1, "E"),
        # 13 units: above < 2.6 → ranks 1-3 E; < 6.5 → 4-7 G; < 10.4 → 8-11 F; 12-13 P.
        (13, "EEEGGGGFFFFPP"),
    ],
)
def test_grades_by_rank(ranked: int, grades: str) -> None:
    letters = {"excellent": "E", "good": "G", "fair": "F", "poor": "P"}
    got = "".join(letters[yearend.grade(rank, ranked)] for rank in range(1, ranked + 1))
    assert got == grades


def test_ties_share_a_grade_and_the_unranked_have_none() -> None:
    assert yearend.grade(1, 10) == yearend.grade(2, 10) == "excellent"
    # Ranks 1, 1, 3 (a tie at the top): the third has two above it of 3: 67% → fair.
    assert [yearend.grade(r, 3) for r in (1, 1, 3)] == ["excellent", "excellent", "fair"]
    assert yearend.grade(None, 4) is None


# --------------------------------------------------------------------------- a small county


def _county(engine: sa.Engine) -> dict[str, int]:
    """Two parks, two townships, six projects with reports in 2024, 2025 and one in 2026.

    =====  ====  ====  =====  ==========  =====  ======================================
    code   park  town  plan   planned     year   reports (completed this year)
    =====  ====  ====  =====  ==========  =====  ======================================
    P1     A园   甲镇  1000   2024-03-01  2025   2025-11-30: 700, 2025-12-31: 900
                                                 (completed), 2026-01-31: 100
    P2     A园   乙镇   500   —           2025   2025-11-30: 600 (none in December)
    P3     B园   乙镇  2000   2025-05-01  2025   2025-12-31: 1000 (building)
    P4     —     甲镇     0   —           2025   2025-12-31: 50 (no plan)
    P5     B园   甲镇   800   —           2024   2024-12-31: 800 (not 2025's)
    P6     B园   乙镇   400   2025-06-01  2025   2024-11-30: 300 (planned, nothing in 2025)
    =====  ====  ====  =====  ==========  =====  ======================================
    """
    with store.transaction(engine, write=True, actor="test") as s:
        zones = {
            name: Zone(kind=kind, name=name, code=name, geometry=SQUARE)
            for kind, name in (("park", "A园"), ("park", "B园"), ("township", "甲镇"))
        }
        zones["乙镇"] = Zone(kind="township", name="乙镇", code="乙镇", geometry=SQUARE)
        specs = (
            ("P1", "A园", "甲镇", 1000, D(2024, 3, 1), 2025, "单位一", "张"),
            ("P2", "A园", "乙镇", 500, None, 2025, "单位二", "张"),
            ("P3", "B园", "乙镇", 2000, D(2025, 5, 1), 2025, "单位一", "李"),
            ("P4", None, "甲镇", 0, None, 2025, "单位二", "李"),
            ("P5", "B园", "甲镇", 800, None, 2024, "单位一", "张"),
            ("P6", "B园", "乙镇", 400, D(2025, 6, 1), 2025, "单位二", "李"),
        )
        ids = {}
        for code, park, town, plan, start, year, unit, leader in specs:
            project = Project(
                code=code,
                name=f"项目{code}",
                lon=111.6,
                lat=32.3,
                park=zones[park] if park else None,
                township=zones[town],
                category="industry",
                level="county",
                build_type="continuing",
                stage="building",
                plan_year=year,
                annual_plan_wan=plan,
                planned_start=start,
                responsible_unit=unit,
                lead_leader=leader,
            )
            s.add(project)
            s.flush()
            ids[code] = project.id
        reports = (
            ("P1", D(2025, 11, 30), 700, "building"),
            ("P1", D(2025, 12, 31), 900, "completed"),
            ("P1", D(2026, 1, 31), 100, "completed"),
            ("P2", D(2025, 11, 30), 600, "building"),
            ("P3", D(2025, 12, 31), 1000, "building"),
            ("P4", D(2025, 12, 31), 50, "building"),
            ("P5", D(2024, 12, 31), 800, "completed"),
            ("P6", D(2024, 11, 30), 300, "planned"),
        )
        for code, as_of, done, stage in reports:
            s.add(
                ProgressReport(project_id=ids[code], as_of=as_of, completed_wan=done, stage=stage)
            )
    return ids


def test_closing_freezes_the_years_figures(engine: sa.Engine) -> None:
    ids = _county(engine)
    closed = yearend.close_year(engine, 2025, actor="office", today=AFTER)
    assert closed.as_of == D(2025, 12, 31)
    h = closed.headline
    # P5 is 2024's; P6 is listed for 2025 but reported nothing in it: completed 0.
    # Plan 1000 + 500 + 2000 + 0 + 400 = 3900; completed 900 + 600 + 1000 + 50 + 0 = 2550.
    assert (h.projects, h.annual_plan_wan, h.completed_wan) == (5, 3900, 2550)
    assert h.completion_rate == pytest.approx(2550 / 3900)
    # At 12-31 the time schedule is 100%: P1 (90%), P3 (50%), P6 (0%) are behind; P6 < 30%.
    assert (h.behind_schedule, h.below_30pct) == (3, 1)

    frozen = stored.load_figures(engine, 2025).set_index("code")
    assert list(frozen.index) == ["P1", "P2", "P3", "P4", "P6"]
    assert frozen.loc["P1", ["completed_wan", "completion_rate", "stage"]].tolist() == [
        900,
        0.9,
        "completed",
    ]
    assert frozen.loc["P2", "completed_wan"] == 600  # its latest 2025 report, November's
    assert frozen.loc["P2", "completion_rate"] == pytest.approx(1.2)
    assert frozen.loc["P4", "completion_rate"] != frozen.loc["P4", "completion_rate"]  # NaN
    assert frozen.loc["P6", ["completed_wan", "completion_rate"]].tolist() == [0, 0]
    assert frozen.loc["P3", ["park", "township", "responsible_unit", "lead_leader"]].tolist() == [
        "B园",
        "乙镇",
        "单位一",
        "李",
    ]
    assert frozen.loc["P1", "project_id"] == ids["P1"]
    close = stored.load_close(engine, 2025)
    assert close["closed_by"] == "office" and close["as_of"] == D(2025, 12, 31)


def test_the_assessment_by_hand(engine: sa.Engine) -> None:
    _county(engine)
    yearend.close_year(engine, 2025, today=AFTER, weights=Weights())
    parks = stored.load_assessments(engine, 2025, "park")
    # A园: P1 + P2, plan 1500, completed 1500: rate 1.0 → schedule 1.0; no start due (P1's
    # was in 2024), no problem: scored on the schedule alone → 100.0.
    # B园: P3 + P6, plan 2400, completed 1000: schedule 1000/2400 = 0.41667; starts due in
    # 2025: P3 (building: started) and P6 (planned: not) → 0.5. Weights 50 and 15:
    # 100 × (0.41667 × 50 + 0.5 × 15) / 65 = 100 × 28.3333 / 65 = 43.59 → 43.6.
    assert parks[["key", "score", "rank", "grade"]].values.tolist() == [
        ["A园", 100.0, 1, "excellent"],
        ["B园", 43.6, 2, "fair"],  # 1 of 2 ranked above: 50% → neither excellent nor good
    ]
    towns = stored.load_assessments(engine, 2025, "township")
    # 甲镇: P1 + P4, plan 1000, completed 950 → 95.0 (schedule only).
    # 乙镇: P2 + P3 + P6, plan 2900, completed 1600: 0.55172; starts 0.5:
    # 100 × (0.55172 × 50 + 0.5 × 15) / 65 = 100 × 35.0862 / 65 = 53.98 → 54.0.
    assert towns[["key", "score", "rank", "grade"]].values.tolist() == [
        ["甲镇", 95.0, 1, "excellent"],
        ["乙镇", 54.0, 2, "fair"],
    ]
    assert set(stored.load_assessments(engine, 2025)["grouping"]) == {
        "park",
        "township",
        "unit",
        "leader",
    }


def test_closing_twice_is_refused(engine: sa.Engine) -> None:
    _county(engine)
    yearend.close_year(engine, 2025, actor="office", today=AFTER)
    with pytest.raises(Refusal) as refused:
        yearend.close_year(engine, 2025, today=AFTER)
    assert refused.value.key == "year_already_closed" and "office" in str(refused.value)
    with pytest.raises(Refusal) as again:  # the storage refuses too, whoever asks it
        stored.write_close(engine, 2025, D(2025, 12, 31), [], [])
    assert again.value.key == "year_already_closed"
    assert len(stored.load_figures(engine, 2025)) == 5


def test_a_zone_manager_may_not_close_a_year(engine: sa.Engine) -> None:
    from geo.storage import access

    _county(engine)
    manager = access.Principal("gm", "管委会", "zone_manager", frozenset({1}))
    with access.acting_as(manager), pytest.raises(access.AccessDenied):
        yearend.close_year(engine, 2025, today=AFTER)
    assert yearend.closed_years(engine).empty


# --------------------------------------------------------------------------- the freeze


def _filing(project_id: int, completed: float) -> reporting.Filing:
    return reporting.Filing(project_id, "项目P1", completed, None, "completed", None)


def test_a_closed_years_report_changes_only_with_a_reason(engine: sa.Engine) -> None:
    ids = _county(engine)
    reporting.save(engine, [_filing(ids["P1"], 950)], D(2025, 12, 31))  # open: no reason asked
    yearend.close_year(engine, 2025, today=AFTER)
    for reason in (None, "", "   "):
        with pytest.raises(Refusal) as refused:
            reporting.save(engine, [_filing(ids["P1"], 980)], D(2025, 12, 31), reason=reason)
        assert refused.value.key == "year_closed"
        assert "2025" in str(refused.value) and "2025年度已年终决算" in refused.value.text("zh")
    live = store.load_projects(engine, D(2025, 12, 31)).set_index("code")
    assert live.loc["P1", "completed_wan"] == 950  # nothing of the refused saves was kept

    reporting.save(
        engine, [_filing(ids["P1"], 980)], D(2025, 12, 31), actor="clerk", reason="补报漏填"
    )
    live = store.load_projects(engine, D(2025, 12, 31)).set_index("code")
    assert live.loc["P1", "completed_wan"] == 980
    with engine.connect() as conn:
        report_id = conn.execute(
            sa.select(ProgressReport.id).where(
                ProgressReport.project_id == ids["P1"], ProgressReport.as_of == D(2025, 12, 31)
            )
        ).scalar_one()
    last = audit.history(engine, "progress_reports", report_id).iloc[-1]
    assert (last["actor"], last["reason"]) == ("clerk", "补报漏填")
    assert last["changes"]["completed_wan"] == [950, 980]
    # The frozen figures stay as closed: 950 then, whatever the live data says now.
    frozen = yearend.year_end(engine, 2025).figures.set_index("code")
    assert frozen.loc["P1", "completed_wan"] == 950
    # Another year is not frozen.
    reporting.save(engine, [_filing(ids["P1"], 200)], D(2026, 2, 28))


def test_moving_or_deleting_a_closed_years_report_needs_a_reason(engine: sa.Engine) -> None:
    ids = _county(engine)
    yearend.close_year(engine, 2025, today=AFTER)
    where = (ProgressReport.project_id == ids["P1"], ProgressReport.as_of == D(2026, 1, 31))
    with pytest.raises(Refusal, match="2025"), store.transaction(engine, write=True) as s:
        s.scalars(sa.select(ProgressReport).where(*where)).one().as_of = D(2025, 10, 31)
    old = (ProgressReport.project_id == ids["P3"], ProgressReport.as_of == D(2025, 12, 31))
    with pytest.raises(Refusal, match="2025"), store.transaction(engine, write=True) as s:
        s.delete(s.scalars(sa.select(ProgressReport).where(*old)).one())
    with store.transaction(engine, write=True, reason="重复填报") as s:
        s.delete(s.scalars(sa.select(ProgressReport).where(*old)).one())
    with engine.connect() as conn:
        assert conn.execute(sa.select(ProgressReport.id).where(*old)).first() is None


def test_the_bulk_write_of_a_closed_year_needs_a_reason(engine: sa.Engine) -> None:
    ids = _county(engine)
    yearend.close_year(engine, 2025, today=AFTER)
    figures = [(ids["P2"], {"completed_wan": 650.0})]
    with pytest.raises(Refusal) as refused, store.transaction(engine, write=True) as s:
        ledger_import.write_reports(s, D(2025, 12, 31), figures)
    assert refused.value.key == "year_closed"
    assert (
        store.load_projects(engine, D(2025, 12, 31)).set_index("code").loc["P2", "completed_wan"]
        == 600
    )
    with store.transaction(engine, write=True, reason="台账更正") as s:
        ledger_import.write_reports(s, D(2025, 12, 31), figures)
    assert (
        store.load_projects(engine, D(2025, 12, 31)).set_index("code").loc["P2", "completed_wan"]
        == 650
    )
    with store.transaction(engine, write=True) as s:  # the same figures again: nothing changes
        ledger_import.write_reports(s, D(2025, 12, 31), figures)


def _ledger(path: Path, completed: float) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["项目名称", "行业", "所在乡镇", "年度计划投资", "1-12月完成", "截止日期"])
        writer.writerow(["项目P3", "工业", "乙镇", 2000, completed, "2025-12-31"])
    return path


def test_a_ledger_of_a_closed_year_is_imported_only_with_a_reason(
    engine: sa.Engine, tmp_path: Path
) -> None:
    _county(engine)
    yearend.close_year(engine, 2025, today=AFTER)
    path = _ledger(tmp_path / "dec.csv", 1200)
    with pytest.raises(Refusal, match="2025 is closed"):
        importer.import_ledger(engine, path)
    assert (
        store.load_projects(engine, D(2025, 12, 31)).set_index("code").loc["P3", "completed_wan"]
        == 1000
    )
    importer.import_ledger(engine, path, reason="县统计局核定数")
    assert (
        store.load_projects(engine, D(2025, 12, 31)).set_index("code").loc["P3", "completed_wan"]
        == 1200
    )


# --------------------------------------------------------------------------- rewards, years


def test_rewards_and_sanctions(engine: sa.Engine) -> None:
    entry = yearend.RewardSanction(
        2025, "township", " 甲镇 ", "reward", "commendation", D(2026, 1, 20), "谷重办〔2026〕2号"
    )
    new_id = yearend.record_reward_sanction(engine, entry, actor="office")
    rows = yearend.rewards_sanctions(engine, 2025)
    assert rows[["id", "target", "kind", "measure", "decided_on", "note"]].values.tolist() == [
        [new_id, "甲镇", "reward", "commendation", D(2026, 1, 20), None]
    ]
    assert yearend.rewards_sanctions(engine, 2024).empty
    yearend.remove_reward_sanction(engine, new_id, int(rows["version"].iloc[0]))
    assert yearend.rewards_sanctions(engine).empty


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"kind": "praise"}, "reward_kind"),
        ({"measure": "interview"}, "reward_measure"),  # a sanction's measure for a reward
        ({"grouping": "leader"}, "reward_grouping"),
        ({"target": "  "}, "required"),
        ({"decided_on": None}, "required"),
        ({"decided_on": D(2024, 12, 1)}, "reward_before_year"),
    ],
)
def test_bad_rewards_are_refused(change: dict, key: str) -> None:
    values = {
        "year": 2025,
        "grouping": "park",
        "target": "A园",
        "kind": "reward",
        "measure": "bonus",
        "decided_on": D(2026, 1, 5),
    }
    with pytest.raises(Refusal) as refused:
        yearend.check_reward_sanction(yearend.RewardSanction(**{**values, **change}))
    assert refused.value.key == key


def test_one_project_year_by_year(engine: sa.Engine) -> None:
    ids = _county(engine)
    yearend.close_year(engine, 2025, today=AFTER)
    # The latest report is 2026-01-31: 2026 is live; P1 completed 100 of its plan of 1000.
    table = yearend.compare(engine, ids["P1"])
    assert table[
        ["year", "status", "completed_wan", "completion_rate", "stage"]
    ].values.tolist() == [
        [2025, "closed", 900.0, 0.9, "completed"],
        [2026, "live", 100.0, 0.1, "completed"],
    ]
    # A project renamed since keeps its name of the closed year there.
    with store.transaction(engine, write=True) as s:
        s.get(Project, ids["P1"]).name = "项目P1（二期）"
    assert yearend.compare(engine, ids["P1"])["name"].tolist() == ["项目P1", "项目P1（二期）"]
    # P3 has no 2026 report: completed nothing this year.
    assert yearend.compare(engine, ids["P3"])["completed_wan"].tolist() == [1000.0, 0.0]
    with pytest.raises(Refusal):
        yearend.compare(engine, 9999)


def test_the_report_of_the_year(engine: sa.Engine) -> None:
    _county(engine)
    yearend.close_year(engine, 2025, today=AFTER)
    yearend.record_reward_sanction(
        engine,
        yearend.RewardSanction(
            2025, "park", "B园", "sanction", "notice_of_criticism", D(2026, 1, 20), None, "=1+1"
        ),
    )
    found = yearend.year_end(engine, 2025)
    document = year_report.year_document(
        found, "zh", issuer="县重点办", area="county", issued_on=D(2026, 1, 25)
    )
    text = document.text()
    assert "全县2025年度重点项目建设年终决算及考核情况" in text
    assert "共有重点项目5个，年度计划投资3,900万元，完成投资2,550万元，完成率65.4%" in text
    assert "A园 | 2 | 1,500 | 1,500 | 100.0%" in text  # by park
    assert "1 | 甲镇 | 95.0 | 优秀" in text and "2 | B园 | 43.6 | 一般" in text
    assert "B园 | 园区 | 惩处 | 通报批评 | 2026年1月20日 |  | =1+1" in text
    tables = documents.rows_of_tables(documents.to_docx(document))
    assert ["名次", "名称", "得分", "等次"] in [t[0] for t in tables]
    english = year_report.year_document(found, "en", issuer="Office", area="county").text()
    assert "Key projects of the county in 2025" in english and "Excellent" in english


# --------------------------------------------------------------------------- command line


def test_the_commands(engine: sa.Engine, backend_url: str, tmp_path: Path, capsys) -> None:
    ids = _county(engine)
    db = ["--db", backend_url]
    assert cli.main([*db, "year-close", "2025", "--today", "2026-02-15", "--json"]) == 0
    closed = json.loads(capsys.readouterr().out)
    assert (closed["year"], closed["as_of"], closed["projects"]) == (2025, "2025-12-31", 5)
    assert closed["assessed"] == {"park": 2, "township": 2, "unit": 2, "leader": 2}
    assert cli.main([*db, "year-close", "2025"]) == 1
    assert "already closed" in capsys.readouterr().err

    assert cli.main([*db, "year-assessment", "2025", "--by", "park", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"grouping": "park", "key": "A园", "score": 100.0, "rank": 1, "grade": "excellent"},
        {"grouping": "park", "key": "B园", "score": 43.6, "rank": 2, "grade": "fair"},
    ]
    assert cli.main([*db, "year-assessment", "2024"]) == 1
    assert "not closed" in capsys.readouterr().err

    assert cli.main([*db, "year-compare", str(ids["P1"]), "--json"]) == 0
    years = json.loads(capsys.readouterr().out)
    assert [(y["year"], y["status"], y["completion_rate"]) for y in years] == [
        (2025, "closed", 0.9),
        (2026, "live", 0.1),
    ]

    add = ["reward-sanction", "add", "--year", "2025", "--grouping", "township"]
    add += ["--target", "甲镇", "--kind", "reward", "--measure", "bonus", "--on", "2026-01-20"]
    assert cli.main([*db, *add, "--json"]) == 0
    new_id = json.loads(capsys.readouterr().out)["id"]
    assert cli.main([*db, *add[:-2], "--on", "2024-01-20"]) == 1  # before the year
    assert "before 2025 began" in capsys.readouterr().err
    assert cli.main([*db, "reward-sanction", "list", "--year", "2025", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["target"], r["measure"], r["decided_on"]) for r in listed] == [
        (new_id, "甲镇", "bonus", "2026-01-20")
    ]

    out = tmp_path / "year.docx"
    assert cli.main([*db, "year-report", "2025", str(out), "--lang", "zh"]) == 0
    text = "\n".join(documents.paragraphs_of(out.read_bytes()))
    assert "年度考核结果" in text and "甲镇 | 95.0 | 优秀" in text and "奖金奖励" in text


# --------------------------------------------------------------------------- the demo and page


def test_the_demo_has_2025_closed(demo_engine: sa.Engine) -> None:
    closes = yearend.closed_years(demo_engine)
    assert closes["year"].tolist() == [2025] and closes["closed_by"].tolist() == ["demo"]
    found = yearend.year_end(demo_engine, 2025)
    projects = snapshot.take_snapshot(demo_engine).projects
    assert 0.7 * len(projects) <= found.headline.projects < len(projects)  # most of them
    assessed = found.assessments
    assert set(assessed["grouping"]) == {"park", "township"}
    assert assessed[assessed["grouping"] == "township"]["grade"].value_counts().to_dict() == {
        "excellent": 2,
        "good": 3,
        "fair": 3,
        "poor": 2,
    }
    assert set(found.rewards["kind"]) == {"reward", "sanction"}
    first = int(found.figures["project_id"].iloc[0])
    compared = yearend.compare(demo_engine, first)
    assert compared["status"].tolist() == ["closed", "live"]
    assert compared["year"].tolist() == [2025, 2026]


def _cells(at) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_the_closed_year(open_app, demo_url: str, lang: str) -> None:
    at = open_app(demo_url, "yearend", lang=lang)
    at.run()
    assert not at.exception
    assert at.title[0].value == ("年终决算" if lang == "zh" else "Year-end settlement")
    closed = at.success[0].value
    assert ("2025年度已决算" in closed) if lang == "zh" else ("2025 was closed" in closed)
    cells = _cells(at)
    grade = "优秀" if lang == "zh" else "Excellent"
    assert "谷城经济开发区" in cells and grade in cells
    assert ("通报表扬" if lang == "zh" else "Commendation") in cells
    assert ("已决算（截至2025年12月31日）" if lang == "zh" else "Closed (2025-12-31)") in cells
    assert "2026" in cells and ("实时" if lang == "zh" else "Live") in cells
    assert [b.label for b in at.get("download_button")][:1] == [
        "下载 Word(.docx)" if lang == "zh" else "Download Word (.docx)"
    ]


def test_the_office_closes_a_year_on_the_page(open_app, demo_copy_url: str) -> None:
    at = open_app(demo_copy_url, "yearend")
    at.run()
    next(s for s in at.selectbox if s.label == "年度").set_value(2026).run()
    button = next(b for b in at.button if b.label == "决算2026年度")
    assert button.disabled  # only once confirmed
    next(c for c in at.checkbox if c.label == "确认决算2026年度").check().run()
    next(b for b in at.button if b.label == "决算2026年度").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    engine = store.make_engine(demo_copy_url)
    assert sorted(yearend.closed_years(engine)["year"]) == [2025, 2026]
    assert "2026年度已决算" in at.success[0].value


def test_a_hostile_reward_is_shown_as_text(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    for text in HOSTILE[:3]:
        yearend.record_reward_sanction(
            engine,
            yearend.RewardSanction(
                2025, "unit", text, "sanction", "interview", D(2026, 2, 1), text, text
            ),
        )
    at = open_app(demo_copy_url, "yearend")
    at.run()
    assert not at.exception
    cells = _cells(at)
    assert all(text in cells for text in HOSTILE[:3])
    live = re.compile(r"(?<!\\)<(script|img|svg)")
    for element in list(at.markdown) + list(at.title) + list(at.subheader) + list(at.caption):
        assert not live.search(element.value), element.value


def test_the_report_page_asks_for_a_reason_in_a_closed_year(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    month = reporting.last_month_end(dt.date.today())  # what the report page starts on
    yearend.close_year(engine, 2026, today=dt.date(2027, 1, 5))
    at = open_app(demo_copy_url, "report")
    at.run()
    if month.year != 2026:  # the page opens on another year: choose a 2026 month
        next(d for d in at.date_input if d.label == "填报截止日期").set_value(D(2026, 11, 30)).run()
    assert any("2026年度已年终决算" in w.value for w in at.warning)
    at.button(key="write_report_submit").click().run()
    assert any("须填写理由" in e.value for e in at.error)
    next(t for t in at.text_input if t.label == "修改理由").input("补报11月数据")
    at.button(key="write_report_submit").click().run()
    assert not at.exception and at.success, [e.value for e in at.error]
