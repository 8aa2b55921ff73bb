"""Ledgers into the database: new and matched projects, later months, all or nothing, round trip."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from geo.core import snapshot
from geo.ingest import exporter, importer, ledger
from geo.ops import cli
from geo.storage import access, accounts, audit, backup, ledger_import, store
from geo.storage.access import AccessDenied
from geo.storage.models import Project

NAMES = ["朗弘热交换系统制造基地", "霆顺车轮", "县人民医院门诊楼"]


@pytest.fixture
def county(demo_copy_url: str) -> sa.Engine:
    return store.make_engine(demo_copy_url)


def _fresh_names(engine: sa.Engine) -> None:
    """The demo has projects with the seed names; rename them so that the ledger's are new."""
    with store.transaction(engine, write=True) as s:
        for p in s.scalars(sa.select(Project).where(Project.name.in_(NAMES))):
            p.name = p.name + "(旧)"


def test_messy_ledger_creates_projects(county: sa.Engine, messy_ledger: Path) -> None:
    _fresh_names(county)
    before = store.count_rows(county)
    plan = importer.import_ledger(county, messy_ledger)
    assert plan.errors == []
    assert plan.summary()["new_projects"] == 3 and plan.summary()["problems"] == 2
    after = store.count_rows(county)
    assert after["projects"] == before["projects"] + 3
    snap = snapshot.take_snapshot(county, dt.date(2015, 9, 30)).projects.set_index("name")
    langhong = snap.loc["朗弘热交换系统制造基地"]
    assert (langhong["park"], langhong["category"], langhong["completed_wan"]) == (
        "谷城经济开发区",
        "industry",
        4500,
    )
    assert langhong["township"] is not None  # found by point-in-polygon
    hospital = snap.loc["县人民医院门诊楼"]
    assert (hospital["township"], hospital["category"], hospital["annual_plan_wan"]) == (
        "城关镇",
        "social",
        5000,
    )
    problems = store.load_problems(county)
    mine = problems[problems["project"] == "朗弘热交换系统制造基地"]
    assert sorted(mine["category"]) == ["land_quota", "utilities"]


def test_a_later_month_updates_the_same_projects(
    county: sa.Engine, tmp_path: Path, ledger_writer
) -> None:
    _fresh_names(county)
    importer.import_ledger(county, ledger_writer(tmp_path / "sep.xlsx"))
    projects = store.count_rows(county)["projects"]
    plan = importer.import_ledger(county, ledger_writer(tmp_path / "oct.xlsx", completed_oct=True))
    assert (
        plan.errors == [] and plan.summary()["new_projects"] == 0 and plan.summary()["reports"] == 3
    )
    assert store.count_rows(county)["projects"] == projects
    october = snapshot.take_snapshot(county, dt.date(2015, 10, 31)).projects.set_index("name")
    assert october.loc["霆顺车轮", "completed_wan"] == pytest.approx(4700)
    september = snapshot.take_snapshot(county, dt.date(2015, 9, 30)).projects.set_index("name")
    assert september.loc["霆顺车轮", "completed_wan"] == pytest.approx(4300)
    assert plan.summary()["problems"] == 0  # the same problems are not raised twice


def test_same_name_needs_the_owner(county: sa.Engine, messy_ledger: Path) -> None:
    with store.transaction(county, write=True) as s:
        twin = s.scalars(sa.select(Project).where(Project.name == "霆顺车轮")).one()
        s.add(
            Project(
                code="TWIN",
                name="霆顺车轮",
                owner="另一家公司",
                lon=twin.lon,
                lat=twin.lat,
                category="industry",
                level="county",
                build_type="new",
                stage="signed",
                plan_year=2015,
            )
        )
    plan = importer.plan_import(county, ledger.read_ledger(messy_ledger))
    assert plan.errors == []
    matched = next(r for r in plan.rows if r.row.get("name") == "霆顺车轮")
    assert matched.project_id == twin.id


def test_a_bad_last_row_writes_nothing(county: sa.Engine, tmp_path: Path, ledger_writer) -> None:
    path = ledger_writer(tmp_path / "big.xlsx", bad_last_row=True)
    stamp = store.data_stamp(county)
    plan = importer.import_ledger(county, path)
    assert len(plan.errors) == 1
    assert "row 2013, column F: 年度计划投资: '一百万' is not a number" in str(plan.errors[0])
    assert store.data_stamp(county) == stamp


def test_an_interrupted_import_leaves_the_database_as_it_was(
    county: sa.Engine, messy_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fresh_names(county)
    stamp = store.data_stamp(county)
    calls = {"n": 0}
    real = ledger_import._insert

    def crash_after_the_projects(*args, **kwargs):
        calls["n"] += 1  # projects, then reports: the power goes between them
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return real(*args, **kwargs)

    monkeypatch.setattr(ledger_import, "_insert", crash_after_the_projects)
    with pytest.raises(RuntimeError, match="power cut"):
        importer.import_ledger(county, messy_ledger)
    assert store.data_stamp(county) == stamp


def test_dry_run_writes_nothing(county: sa.Engine, messy_ledger: Path) -> None:
    _fresh_names(county)
    stamp = store.data_stamp(county)
    plan = importer.import_ledger(county, messy_ledger, dry_run=True)
    assert plan.summary()["new_projects"] == 3
    assert store.data_stamp(county) == stamp


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_changes_nothing(
    engine: sa.Engine, demo_url: str, tmp_path: Path, suffix: str
) -> None:
    # engine: an empty database on SQLite and on PostgreSQL; fill it from the demo's ledger.
    from geo.ops import demo

    demo.build_demo(engine)
    out = tmp_path / f"ledger{suffix}"
    assert (
        cli.main(
            ["--db", engine.url.render_as_string(hide_password=False), "export-ledger", str(out)]
        )
        == 0
    )
    stamp = store.data_stamp(engine)
    plan = importer.import_ledger(engine, out)  # the as-of date comes from the file itself
    assert plan.errors == [], plan.errors[:3]
    assert plan.is_noop(), plan.summary()
    assert plan.summary()["unchanged_projects"] == 115
    assert store.data_stamp(engine) == stamp
    # The demo's monthly targets went out in the twelve columns and came back the same.
    with_targets = store.load_targets(engine, plan.reading.as_of.year)["project_id"].nunique()
    read_back = [r for r in plan.reading.rows if r.get("monthly_targets")]
    assert 40 < with_targets == len(read_back) < 115
    assert plan.reading.columns["month_12"] == "12月计划(万元)"


def test_exported_text_never_becomes_a_formula(county: sa.Engine, tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://evil.example","click")'
    with store.transaction(county, write=True) as s:
        s.get(Project, 1).name = hostile
        s.get(Project, 2).owner = "+1-2"
        s.get(Project, 3).lead_leader = "@SUM(A1)"
    snap = snapshot.take_snapshot(county)
    frame = exporter.ledger_frame(snap.projects)
    xlsx = tmp_path / "out.xlsx"
    exporter.write_xlsx(frame, snap.as_of, xlsx)
    sheet = load_workbook(xlsx).active
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in texts)
    assert any(c.value == hostile for c in texts)
    csv = tmp_path / "out.csv"
    exporter.write_csv(frame, csv)
    content = csv.read_text("utf-8-sig")
    assert "'=HYPERLINK" in content and "'+1-2" in content and "'@SUM" in content
    back = ledger.read_ledger(csv, as_of=snap.as_of)
    assert hostile in [r.get("name") for r in back.rows]


def test_cli_import_reports_and_refuses(
    county: sa.Engine, tmp_path: Path, capsys, ledger_writer
) -> None:
    _fresh_names(county)
    url = county.url.render_as_string(hide_password=False)
    good = ledger_writer(tmp_path / "ok.xlsx")
    assert cli.main(["--db", url, "import-ledger", str(good), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["new_projects"] == 3 and out["written"] is False and len(out["warnings"]) == 1
    bad = ledger_writer(tmp_path / "bad.xlsx", bad_last_row=True)
    assert cli.main(["--db", url, "import-ledger", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 2013, column F" in err and "nothing was written" in err


def test_geojson_export_of_the_shown_projects(demo_engine: sa.Engine) -> None:
    projects = snapshot.take_snapshot(demo_engine).projects.head(5)
    collection = json.loads(exporter.geojson_bytes(projects))
    assert [f["properties"]["name"] for f in collection["features"]] == projects["name"].tolist()
    assert collection["features"][0]["geometry"]["coordinates"] == [
        projects["lon"].iloc[0],
        projects["lat"].iloc[0],
    ]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("1.110千伏专线未接通；2.二期用地指标不足", ["110千伏专线未接通", "二期用地指标不足"]),
        ("资金缺口500万元\n供电线路未接通", ["资金缺口500万元", "供电线路未接通"]),
        ("(1)环评未批复 (2)村民阻工", ["环评未批复", "村民阻工"]),
        ("3D打印设备未到位。", ["3D打印设备未到位"]),
        ("", []),
    ],
)
def test_problem_items(text: str, items: list[str]) -> None:
    assert importer._problem_items(text) == items


def test_preview_names_changed_fields_in_words(county: sa.Engine, messy_ledger: Path) -> None:
    plan = importer.plan_import(county, ledger.read_ledger(messy_ledger))
    updated = importer.preview_tables(plan, "zh")["updated"]
    assert any("包保领导: " in text for text in updated["变更内容"])
    assert not any("lead_leader" in text for text in updated["变更内容"])


def test_unknown_zone_is_named_with_its_column(county: sa.Engine, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for row in (
        ["项目名称", "行业", "所属园区", "年度计划投资(万元)", "经度", "纬度"],
        ["新项目", "工业", "火星园区", 100, 111.65, 32.26],
    ):
        book.active.append(row)
    path = tmp_path / "zone.xlsx"
    book.save(path)
    plan = importer.plan_import(county, ledger.read_ledger(path, as_of=dt.date(2026, 9, 30)))
    # A typo (or no zones set up yet) does not refuse the row: said, and left to coordinates.
    assert plan.errors == []
    (said,) = [w for w in plan.warnings if w.key == "unknown_park"]
    assert "row 2, column C: 所属园区: '火星园区' (row 2) is not a known park" in str(said)
    assert said.message_in("zh").startswith("所属园区：第2行的“火星园区”不是已有园区")
    assert plan.rows[0].park is None


def test_applying_a_stale_preview_is_refused(demo_copy_url: str, messy_ledger: Path) -> None:
    """The office previews a ledger; a park manager edits a project in it; confirming the
    preview then refuses instead of overwriting the manager's edit."""
    from geo.ingest.ledger import read_ledger
    from geo.storage.concurrency import ConcurrentEdit
    from geo.storage.models import Project

    engine = store.make_engine(demo_copy_url)
    plan = importer.plan_import(engine, read_ledger(messy_ledger))
    touched = next(c.project_id for c in plan.rows if c.project_id is not None)
    with store.transaction(engine, write=True, actor="开发区管委会") as s:
        s.get(Project, touched).lead_leader = "新领导"
    before = store.data_stamp(engine)
    with pytest.raises(ConcurrentEdit, match="changed by 开发区管委会"):
        importer.apply_import(engine, plan)
    assert store.data_stamp(engine) == before


def _ledger_with_targets(path: Path, months: list[float] | None) -> Path:
    """One new project in 城关镇: plan 1200, 250 done by the end of March, and its months."""
    from openpyxl import Workbook

    book = Workbook()
    header = ["项目名称", "行业", "所在乡镇", "年度计划投资(万元)", "年度完成投资(万元)"]
    values = ["分月计划试点项目", "工业", "城关镇", 1200, 250]
    if months is not None:
        header += [f"{m}月" for m in range(1, 13)]
        values += months
    book.active.append(header)
    book.active.append(values)
    book.save(path)
    return path


MARCH = dt.date(2026, 3, 31)


def _own_plan(engine: sa.Engine) -> tuple[float, float, bool]:
    row = snapshot.take_snapshot(engine, MARCH).projects.set_index("name").loc["分月计划试点项目"]
    return row["own_plan_wan"], row["own_plan_rate"], bool(row["behind_own_plan"])


def test_import_writes_monthly_targets_and_the_own_plan_follows(
    county: sa.Engine, tmp_path: Path
) -> None:
    even = _ledger_with_targets(tmp_path / "even.xlsx", [100] * 12)
    plan = importer.import_ledger(county, even, as_of=MARCH)
    assert plan.errors == [] and plan.summary()["monthly_targets"] == 1
    # January, February and all of March: 300; 250 done is 83 % of it, behind.
    own, rate, behind = _own_plan(county)
    assert own == pytest.approx(300) and rate == pytest.approx(250 / 300) and behind
    # A slow start (50 a month to June, 150 after): 150 due by March, 250 is ahead.
    slow = _ledger_with_targets(tmp_path / "slow.xlsx", [50] * 6 + [150] * 6)
    plan = importer.import_ledger(county, slow, as_of=MARCH)
    assert plan.summary()["monthly_targets"] == 1 and plan.summary()["new_projects"] == 0
    own, rate, behind = _own_plan(county)
    assert own == pytest.approx(150) and rate == pytest.approx(250 / 150) and not behind
    project_id = plan.rows[0].project_id
    stored = store.load_targets(county, 2026)
    mine = stored[stored["project_id"] == project_id]
    assert mine["target_wan"].tolist() == [50] * 6 + [150] * 6  # replaced, twelve rows
    # The same again changes nothing; a ledger without the columns leaves them alone.
    assert importer.import_ledger(county, slow, as_of=MARCH).is_noop()
    bare = _ledger_with_targets(tmp_path / "bare.xlsx", None)
    assert importer.import_ledger(county, bare, as_of=MARCH).summary()["monthly_targets"] == 0
    assert _own_plan(county)[0] == pytest.approx(150)


def test_a_bad_monthly_target_writes_nothing(county: sa.Engine, tmp_path: Path) -> None:
    stamp = store.data_stamp(county)
    bad = _ledger_with_targets(tmp_path / "bad.xlsx", [100] * 11 + ["十二"])
    plan = importer.import_ledger(county, bad, as_of=MARCH)
    assert [str(e) for e in plan.errors] == [
        "bad.xlsx, sheet 'Sheet', row 2, column Q: 12月计划: '十二' is not a number"
    ]
    assert store.data_stamp(county) == stamp


def test_monthly_targets_changed_since_the_preview_are_not_overwritten(
    county: sa.Engine, tmp_path: Path
) -> None:
    from geo.storage import targets as stored_targets
    from geo.storage.concurrency import ConcurrentEdit

    importer.import_ledger(
        county, _ledger_with_targets(tmp_path / "a.xlsx", [100] * 12), as_of=MARCH
    )
    plan = importer.plan_import(
        county,
        ledger.read_ledger(
            _ledger_with_targets(tmp_path / "b.xlsx", [50] * 6 + [150] * 6), as_of=MARCH
        ),
    )
    project_id = plan.rows[0].project_id
    with store.transaction(county, write=True, actor="县发改局") as s:
        stored_targets.write_targets(s, project_id, 2026, (120.0,) * 10 + (0.0, 0.0))
    with pytest.raises(
        ConcurrentEdit, match="monthly plan of 分月计划试点项目 for 2026 was changed by 县发改局"
    ):
        importer.apply_import(county, plan)
    assert _own_plan(county)[0] == pytest.approx(360)  # theirs stands


def test_a_bulk_import_keeps_the_audit_trail_and_versions(
    engine: sa.Engine,
    tmp_path: Path,
    ledger_writer,
) -> None:
    """Written in bulk, on both back ends: each new project, report and problem has its
    audit entry under the person importing; a changed project is updated at its version."""
    importer.import_ledger(engine, ledger_writer(tmp_path / "sep.xlsx"))
    projects = store.load_projects(engine).set_index("name")
    wheel = int(projects.loc["霆顺车轮", "id"])
    trail = audit.history(engine, "projects", wheel)
    ((entry),) = trail.to_dict("records")
    assert entry["action"] == "insert" and entry["changes"]["name"] == [None, "霆顺车轮"]
    assert entry["changes"]["annual_plan_wan"] == [None, 4300.0]
    assert entry["changes"]["planned_start"] == [None, "2019-03-01"]
    with engine.connect() as conn:
        counted = dict(
            conn.execute(
                sa.text(
                    "SELECT table_name, count(*) FROM audit_log WHERE action = 'insert' GROUP BY table_name"
                )
            ).all()
        )
    assert counted == {"projects": 3, "progress_reports": 3, "problems": 2}
    with engine.connect() as conn:
        version = conn.execute(sa.select(Project.version).where(Project.id == wheel)).scalar_one()
    # October's ledger with the wheel factory's plan raised: one update, at the next version.
    october = ledger_writer(tmp_path / "oct.xlsx", completed_oct=True)
    book = load_workbook(october)
    book.active["F8"] = 0.5
    book.save(october)
    plan = importer.import_ledger(engine, october)
    assert plan.errors == [] and plan.summary()["updated_projects"] == 1
    with engine.connect() as conn:
        assert conn.execute(sa.select(Project.version).where(Project.id == wheel)).scalar_one() == (
            version + 1
        )
    update = audit.history(engine, "projects", wheel).iloc[-1]
    assert update["action"] == "update" and update["changes"] == {
        "annual_plan_wan": [4300.0, 5000.0]
    }
    # Imported again: nothing changes, nothing is written.
    before = backup.table_rows(engine)
    assert importer.import_ledger(engine, october).is_noop()
    assert backup.table_rows(engine) == before


def test_a_zone_manager_imports_only_their_zones_projects(
    demo_copy_url: str, tmp_path: Path
) -> None:
    county = store.make_engine(demo_copy_url)
    park = "谷城经济开发区"
    snap = snapshot.take_snapshot(county)
    frame = exporter.ledger_frame(snap.projects)
    name, zone, plan = (exporter.header(f) for f in ("name", "park", "annual_plan_wan"))
    mine = frame.index[frame[zone] == park][0]
    theirs = frame.index[(frame[zone] != park) & frame[zone].notna()][0]
    manager = accounts.create_account(
        county,
        "wang",
        role="zone_manager",
        password="w-secret-2026",
        zones=[park],
        display_name="王园长",
    )
    stamp = store.data_stamp(county)

    def ledger(changed: pd.DataFrame) -> Path:
        path = tmp_path / f"ledger-{len(list(tmp_path.iterdir()))}.csv"
        exporter.write_csv(changed, path)
        return path

    other_zone = frame.copy()
    other_zone.loc[theirs, plan] = 99_999
    new_project = pd.concat(
        [
            frame,
            frame.loc[[mine]].assign(**{name: "新建项目"}).drop(columns=exporter.header("code")),
        ]
    )
    own = frame.copy()
    own.loc[mine, plan] = 12_345
    with access.acting_as(manager):
        for changed, why in (
            (other_zone, "not in one of your zones"),
            (new_project, "new projects are added by the office"),
        ):
            with pytest.raises(AccessDenied, match=why):
                importer.import_ledger(county, ledger(changed), as_of=snap.as_of)
            assert store.data_stamp(county) == stamp  # nothing of it written
        done = importer.import_ledger(county, ledger(own), as_of=snap.as_of)
    assert done.errors == [] and done.summary()["updated_projects"] == 1
    project = int(snap.projects.loc[mine, "id"])
    assert store.load_projects(county).set_index("id").loc[project, "annual_plan_wan"] == 12_345
    assert audit.history(county, "projects", project).iloc[-1]["actor"] == "wang"


def test_an_import_pauses_the_cycle_collector_and_always_restarts_it(
    engine: sa.Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    seen: list[bool] = []

    def reading(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        raise ValueError("a broken file")

    monkeypatch.setattr(importer, "read_ledger", reading)
    assert gc.isenabled()
    with pytest.raises(ValueError, match="broken"):
        importer.import_ledger(engine, tmp_path / "any.xlsx")
    assert seen == [False] and gc.isenabled()  # paused while reading, on again after a failure
