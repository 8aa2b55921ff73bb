"""Ledgers of shapes the reader was not written for: every column accounted for, optional
fields optional, a mapping the office gives once and the reader remembers (issue 16)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from geo.core import snapshot
from geo.ingest import exporter, importer, ledger
from geo.ops import cli
from geo.storage import store
from geo.storage.models import AuditEntry

YEAR_END = dt.date(2018, 12, 31)
HOME = (111.6448, 32.2628)
NAMES = [
    "朗弘热交换系统制造基地",
    "正洪福临花高端纺织",
    "骆驼华中二期",
    "霆顺车轮",
    "优迪欧LED光电照明",
    "东风威立雅",
    "骆驼中试车间",
    "三环车桥二期",
    "朗曜科技",
    "美亚达双创基地",
    "一汽凌源",
]
GUCHENG = [
    "序号",
    "项目名称",
    "总投资(亿元)",
    "2018年计划投资(亿元)",
    "2018年完成投资(亿元)",
    "形象进度",
    "包保领导",
    "项目秘书",
    "坐标(GCJ-02)",
]


def gucheng_sheet(
    path: Path,
    *,
    title: str = "谷城县2018年重点项目建设情况统计表（单位：亿元）",
    header: list[str] = GUCHENG,
    category: str | None = None,
    extra: tuple[str, list[object]] | None = None,
    note: str | None = "备注：本表数据由各园区、乡镇填报，重点办汇总。",
    rows: list[list[object]] | None = None,
) -> Path:
    """A Gucheng-style ledger (money in 亿元, said in the title), built cell by cell."""
    header = list(header)
    if category is not None:
        header.insert(2, "行业")
    if extra is not None:
        header.append(extra[0])
    book = Workbook()
    ws = book.active
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for i, name in enumerate(NAMES, 1):
        row: list[object] = [
            i,
            name,
            1 + i / 10,
            0.5,
            0.4 + i / 100,
            "设备安装调试",
            "张三",
            "李四",
            f"{111.6 + i / 100:.4f},{32.2 + i / 200:.4f}",
        ]
        if category is not None:
            row.insert(2, category)
        if extra is not None:
            row.append(extra[1][i - 1])
        ws.append(row)
    for row in rows or []:
        ws.append(row)
    if note:
        ws.append([note])
        r = ws.max_row
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
    book.save(path)
    return path


def keys(problems: list[ledger.LedgerProblem]) -> list[str]:
    return [p.key for p in problems]


# ---------------------------------------------------------------- what the issue found


def test_gucheng_completed_investment_is_read_in_yi(tmp_path: Path) -> None:
    reading = ledger.read_ledger(
        gucheng_sheet(tmp_path / "g.xlsx", category="工业"), as_of=YEAR_END
    )
    assert reading.errors == []
    assert reading.letters["completed_wan"] == "F" and reading.letters["annual_plan_wan"] == "E"
    first = reading.rows[0]
    assert first.get("completed_wan") == pytest.approx(4_100)  # 0.41 亿元
    assert first.get("annual_plan_wan") == pytest.approx(5_000)
    assert first.get("total_wan") == pytest.approx(11_000)
    assert "code" not in first.values  # 序号 is not a code
    assert keys(reading.warnings) == ["note_row"] and reading.warnings[0].row == 14
    assert reading.unread == []


def test_without_a_category_column_every_row_imports_as_uncategorised(
    tmp_path: Path, engine: sa.Engine
) -> None:
    path = gucheng_sheet(tmp_path / "g.xlsx")
    plan = importer.import_ledger(engine, path, as_of=YEAR_END, home=HOME)
    assert plan.errors == []
    (warning,) = [w for w in plan.warnings if w.key == "no_category_new"]
    assert "11 new project(s)" in str(warning) and "rows 3, 4" in str(warning)
    assert "11个新项目没有行业" in warning.text("zh")
    projects = snapshot.take_snapshot(engine, YEAR_END).projects
    assert len(projects) == 11 and set(projects["category"]) == {"other"}
    assert projects["completion_rate"].min() > 0.8  # the completed column was read


def test_a_category_for_the_rows_that_state_none(tmp_path: Path, engine: sa.Engine) -> None:
    path = gucheng_sheet(tmp_path / "g.xlsx")
    plan = importer.import_ledger(engine, path, as_of=YEAR_END, category="industry")
    assert plan.errors == [] and "no_category_new" not in keys(plan.warnings)
    assert plan.reading.uncategorised == 11  # still said: the preview keeps its choice open
    assert set(snapshot.take_snapshot(engine, YEAR_END).projects["category"]) == {"industry"}


def test_a_note_row_under_the_table_is_skipped_and_said(tmp_path: Path) -> None:
    for note in (
        "备注：本表数据由各园区、乡镇填报，重点办汇总。",
        "填报人：王五    审核人：赵六",
        "注：1.投资单位为亿元；2.坐标为GCJ-02。",
    ):
        reading = ledger.read_ledger(gucheng_sheet(tmp_path / "n.xlsx", note=note), as_of=YEAR_END)
        assert reading.errors == [], note
        assert len(reading.rows) == 11
        (said,) = [w for w in reading.warnings if w.key == "note_row"]
        assert note[:10] in said.text("zh")


def test_an_empty_name_in_a_project_row_is_still_an_error(tmp_path: Path) -> None:
    row = [12, None, 1.0, 0.5, 0.2, "在建", "王五", "赵六", "111.7,32.3"]
    reading = ledger.read_ledger(gucheng_sheet(tmp_path / "e.xlsx", rows=[row]), as_of=YEAR_END)
    assert keys(reading.errors) == ["empty_name"] and reading.errors[0].row == 14


def test_the_same_name_twice_is_told_apart_by_owner_and_round_trips(
    tmp_path: Path, engine: sa.Engine
) -> None:
    owners = [f"{n}有限公司" for n in NAMES]
    rows = [[12, NAMES[3], 2.0, 0.3, 0.2, "在建", "王五", "赵六", "111.70,32.30", "湖北霆顺二厂"]]
    path = gucheng_sheet(tmp_path / "d.xlsx", extra=("建设单位", owners), rows=rows, note=None)
    reading = ledger.read_ledger(path, as_of=YEAR_END)
    assert reading.errors == []
    (same,) = [w for w in reading.warnings if w.key == "same_name"]
    assert same.text("zh").startswith("第14行") and "第6、14行项目名称相同" in same.text("zh")
    assert "told apart by Owner company" in str(same)
    first = importer.import_ledger(engine, path, as_of=YEAR_END, category="industry")
    assert first.errors == [] and first.summary()["new_projects"] == 12
    again = importer.import_ledger(engine, path, as_of=YEAR_END, dry_run=True)
    assert again.errors == [] and again.is_noop(), again.summary()


def test_the_same_name_with_nothing_to_tell_them_apart_is_refused(tmp_path: Path) -> None:
    rows = [[12, NAMES[3], 2.0, 0.3, 0.2, "在建", "王五", "赵六", "111.70,32.30"]]
    reading = ledger.read_ledger(gucheng_sheet(tmp_path / "d.xlsx", rows=rows), as_of=YEAR_END)
    (error,) = reading.errors
    assert error.key == "same_name_alike" and "rows 6, 14" in str(error)


def test_export_then_import_changes_nothing_the_first_time(
    tmp_path: Path, engine: sa.Engine
) -> None:
    importer.import_ledger(engine, gucheng_sheet(tmp_path / "g.xlsx"), as_of=YEAR_END, home=HOME)
    snap = snapshot.take_snapshot(engine, YEAR_END)
    frame = exporter.ledger_frame(
        snap.projects,
        exporter.open_problems(store.load_problems(engine)),
        snap.as_of,
        targets=store.load_targets(engine, 2018),
    )
    out = tmp_path / "back.xlsx"
    exporter.write_xlsx(frame, snap.as_of, out)
    back = importer.import_ledger(engine, out, dry_run=True)
    assert back.errors == [] and back.is_noop(), back.summary()


# ---------------------------------------------------------------- the common shapes


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("2018年完成投资", "completed_wan"),
        ("2026年1-10月完成投资", "completed_wan"),
        ("截至10月底累计完成", "completed_wan"),
        ("本年累计完成", "completed_wan"),
        ("完成投资", "completed_wan"),
        ("实际完成", "completed_wan"),
        ("年度完成投资（万元）", "completed_wan"),
        ("累计完成投资", "cumulative_wan"),
        ("开工以来累计完成投资", "cumulative_wan"),
        ("本年完成投资", "completed_wan"),
        ("年度已完成投资", "completed_wan"),
        ("今年以来完成投资", "completed_wan"),
        ("当年完成投资（亿元）", "completed_wan"),
        ("完成额度（亿元）", "completed_wan"),
        ("1-11月累计", "completed_wan"),
        ("1～11月累计完成", "completed_wan"),
        ("完成数", "completed_wan"),
        ("序号", None),
        ("备注", None),
    ],
)
def test_header_words(tmp_path: Path, header: str, field: str | None) -> None:
    path = gucheng_sheet(tmp_path / "h.xlsx", header=[*GUCHENG[:4], header, *GUCHENG[5:]])
    reading = ledger.read_ledger(path, as_of=YEAR_END)
    (column,) = [c for c in reading.sheet_columns if c.letter == "E"]
    assert column.field == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("年度投资计划", "annual_plan_wan"),
        ("2026年投资计划", "annual_plan_wan"),
        ("所在镇", "township"),
        ("项目地址", "place"),
        ("责任领导", "lead_leader"),
        ("主管部门", "responsible_unit"),
        ("项目类型", "category"),
        ("业主", "owner"),
        ("建设规模及内容", "description"),
        ("建设内容及进度", "progress"),
        ("目前进展", "progress"),
    ],
)
def test_header_words_of_other_counties(header: str, field: str) -> None:
    assert ledger._field_of(header) == field


def test_unit_in_the_title_row_and_as_of_from_it(tmp_path: Path) -> None:
    header = [
        "序号",
        "项目名称",
        "总投资",
        "年度计划投资",
        "年度完成投资",
        "形象进度",
        "包保领导",
        "项目秘书",
        "坐标",
    ]
    path = gucheng_sheet(
        tmp_path / "t.xlsx",
        title="谷城县重点项目建设情况统计表（截至2018年12月31日，单位：亿元）",
        header=header,
    )
    reading = ledger.read_ledger(path)
    assert reading.as_of == YEAR_END
    assert reading.rows[0].get("completed_wan") == pytest.approx(4_100)


def test_a_column_left_unread_is_listed_and_warned(tmp_path: Path) -> None:
    remarks = [f"说明{i}" for i in range(1, 12)]
    path = gucheng_sheet(tmp_path / "u.xlsx", extra=("推进措施", remarks))
    reading = ledger.read_ledger(path, as_of=YEAR_END)
    (unread,) = reading.unread
    assert (unread.letter, unread.header, unread.samples) == (
        "J",
        "推进措施",
        ("说明1", "说明2", "说明3"),
    )
    (warning,) = [w for w in reading.warnings if w.key == "unread_columns"]
    assert "J 推进措施" in warning.text("zh") and "1列数据没有读取" in warning.text("zh")
    summary = importer.ImportPlan(reading, [], [], []).summary()
    assert summary["unread"] == ["J"]
    assert [c["header"] for c in summary["columns"]][:2] == ["序号", "项目名称"]


def test_an_unrecognised_completed_column_warns_then_a_mapping_reads_it(tmp_path: Path) -> None:
    header = [*GUCHENG[:4], "到位资金(亿元)", *GUCHENG[5:]]
    path = gucheng_sheet(tmp_path / "m.xlsx", header=header)
    reading = ledger.read_ledger(path, as_of=YEAR_END)
    assert "no_completed" in keys(reading.warnings) and "unread_columns" in keys(reading.warnings)
    assert "没有找到“年度完成投资”列" in next(
        w.text("zh") for w in reading.warnings if w.key == "no_completed"
    )
    chosen = ledger.overrides(reading, {"E": "completed_wan", "A": None})
    assert chosen == {"到位资金(亿元)": "completed_wan"}  # 序号 was unread already
    mapped = ledger.read_ledger(path, as_of=YEAR_END, mapping=chosen)
    assert mapped.rows[0].get("completed_wan") == pytest.approx(4_100)
    assert {"no_completed", "unread_columns"}.isdisjoint(keys(mapped.warnings))
    (column,) = [c for c in mapped.sheet_columns if c.letter == "E"]
    assert column.how == ledger.HOW_MAPPED


def test_a_mapping_can_unread_a_wrong_guess_and_name_a_code(tmp_path: Path) -> None:
    path = gucheng_sheet(tmp_path / "w.xlsx")
    reading = ledger.read_ledger(path, as_of=YEAR_END, mapping={"序号": "code", "形象进度": None})
    assert reading.rows[0].get("code") == "1" and "progress" not in reading.rows[0].values
    assert reading.unread == []  # unread by choice is not a warning


def test_a_name_column_known_only_by_mapping(tmp_path: Path) -> None:
    header = ["序号", "建设内容", *GUCHENG[2:]]
    path = gucheng_sheet(tmp_path / "x.xlsx", header=header)
    assert keys(ledger.read_ledger(path, as_of=YEAR_END).errors) == ["no_header"]
    reading = ledger.read_ledger(path, as_of=YEAR_END, mapping={"建设内容": "name"})
    assert reading.errors == [] and reading.rows[0].get("name") == NAMES[0]


def test_field_words_on_the_command_line() -> None:
    assert ledger.field_named("completed") == "completed_wan"
    assert ledger.field_named("年度完成投资") == "completed_wan"
    assert ledger.field_named("Annual plan") == "annual_plan_wan"
    assert ledger.field_named("-") is None
    with pytest.raises(ValueError, match="not a ledger field"):
        ledger.field_named("turnover")


# ---------------------------------------------------------------- remembered, audited


def test_the_mapping_is_remembered_and_audited(tmp_path: Path, engine: sa.Engine) -> None:
    header = [*GUCHENG[:4], "到位资金(亿元)", *GUCHENG[5:]]
    path = gucheng_sheet(tmp_path / "m.xlsx", header=header)
    assert store.save_ledger_mapping(engine, {"到位资金(亿元)": "completed_wan", "备注": None}) == 2
    assert store.save_ledger_mapping(engine, {"备注": None}) == 0  # nothing new
    reading = importer.read(engine, path, as_of=YEAR_END)
    assert reading.rows[0].get("completed_wan") == pytest.approx(4_100)
    with engine.connect() as conn:
        logged = conn.execute(
            sa.select(AuditEntry.action).where(AuditEntry.table_name == "ledger_mappings")
        ).all()
    assert len(logged) == 2


# ---------------------------------------------------------------- the command line


def test_command_line_map_save_and_category(tmp_path: Path, capsys, backend_url: str) -> None:
    header = [*GUCHENG[:4], "到位资金(亿元)", *GUCHENG[5:]]
    path = gucheng_sheet(tmp_path / "m.xlsx", header=header)
    args = ["--db", backend_url, "import-ledger", str(path), "--as-of", "2018-12-31"]
    assert cli.main([*args, "--dry-run", "--json"]) == 0  # a new database: tables made
    dry = json.loads(capsys.readouterr().out)
    assert dry["unread"] == ["E"] and dry["written"] is False
    code = cli.main(
        [
            *args,
            "--map",
            "到位资金(亿元)=completed",
            "--save-mapping",
            "--json",
            "--category",
            "工业",
        ]
    )
    done = json.loads(capsys.readouterr().out)
    assert code == 0 and done["written"] and done["mapping_saved"] == 1 and done["unread"] == []
    engine = store.make_engine(backend_url)
    assert store.load_ledger_mapping(engine) == {"到位资金(亿元)": "completed_wan"}
    projects = snapshot.take_snapshot(engine, YEAR_END).projects
    assert set(projects["category"]) == {"industry"} and projects["completed_wan"].sum() > 0
    assert cli.main([*args, "--map", "到位资金=turnover"]) == 1
    assert "not a ledger field" in capsys.readouterr().err


def _strict(text: str) -> object:
    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


#: Every command with ``--json`` that reads the county (import-ledger and import-zones are
#: tested with their files; stress and bench make their own databases; load needs a server and
#: is tested in test_load).
JSON_COMMANDS = [
    ["projects"],
    ["kpis", "--by", "park"],
    ["kpis", "--by", "township"],
    ["problems"],
    ["meetings"],
    ["ranking", "--by", "park"],
    ["ranking", "--by", "township"],
    ["milestones", "--project", "1"],
    ["approvals"],
    ["letters", "--month", "2026-10"],
    ["resumption"],
    ["resumption", "--by", "park"],
    ["users", "list"],
    ["tour", "--stops", "1,2,3"],
    ["notify", "--outbox"],
    ["notify", "--channels"],
    ["share"],
    ["library"],
    ["library", "--funnel", "2026"],
    ["library", "--round", "2027年省重点项目申报"],
    ["library-promote", "5"],
    ["signing"],
    ["signing", "--by", "origin"],
    ["year-close", "2026"],
    ["year-assessment", "2025"],
    ["year-compare", "1"],
    ["reward-sanction", "list"],
    ["escalation"],
    ["escalation", "--due"],
    ["escalation-step", "3", "--down", "--reason", "已约谈，整改方案已报"],
]


def test_the_json_list_covers_every_command_with_json() -> None:
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if a.choices and isinstance(a.choices, dict)]
    with_json = {
        n for n, p in sub.choices.items() if any("--json" in a.option_strings for a in p._actions)
    }
    elsewhere = {"import-ledger", "import-zones", "stress", "bench", "load"}
    assert with_json - elsewhere == {c[0] for c in JSON_COMMANDS}


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=lambda c: " ".join(c))
def test_every_json_output_is_strict_json(capsys, demo_copy_url: str, command: list[str]) -> None:
    # One project outside every zone: its park and township are missing, not NaN.
    engine = store.make_engine(demo_copy_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE projects SET park_id = NULL, township_id = NULL WHERE id = 1"))
    code = cli.main(["--db", demo_copy_url, *command, "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert _strict(out) is not None


def test_an_empty_money_column_is_said(tmp_path: Path) -> None:
    path = gucheng_sheet(tmp_path / "e.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(path)
    for r in range(3, 14):
        book.active.cell(r, 5).value = None  # 2018年完成投资 left blank by every unit
    book.save(path)
    reading = ledger.read_ledger(path, as_of=YEAR_END)
    (empty,) = [w for w in reading.warnings if w.key == "column_empty"]
    assert empty.column == "E" and empty.text("zh") == "E列：年度完成投资：这一列所有项目都是空的"


@pytest.mark.parametrize(
    ("texts", "as_of"),
    [
        (["谷城县2025年重点项目建设情况表", "1-11月累计"], dt.date(2025, 11, 30)),
        (["填报时间：2025年11月30日"], dt.date(2025, 11, 30)),
        (["填报单位：重点办    填报日期：2025.11.30"], dt.date(2025, 11, 30)),
        (["统计日期:2025-10-31"], dt.date(2025, 10, 31)),
        (["截至2025年11月"], dt.date(2025, 11, 30)),
        (["截至2025年13月"], None),
        (["谷城县重点项目建设情况表"], None),
    ],
)
def test_as_of_from_the_words_above_the_table(texts: list[str], as_of: dt.date | None) -> None:
    assert ledger._as_of_from(texts) == as_of


def test_as_of_from_a_labelled_date_under_the_table(tmp_path: Path) -> None:
    path = gucheng_sheet(
        tmp_path / "f.xlsx",
        title="谷城县重点项目建设情况统计表（单位：亿元）",
        note="填报时间：2018年12月31日",
    )
    reading = ledger.read_ledger(path)
    assert reading.errors == [] and reading.as_of == YEAR_END
    assert len(reading.rows) == len(NAMES)


def test_a_unit_written_in_the_cell_wins_over_the_column(tmp_path: Path) -> None:
    header = [*GUCHENG[:2], "总投资(万元)", *GUCHENG[3:]]
    path = gucheng_sheet(
        tmp_path / "u.xlsx",
        header=header,
        rows=[
            [99, "襄阳新材料项目", "2.1亿", 0.5, 0.1, "主体施工", "张三", "李四", "111.65,32.26"]
        ],
    )
    reading = ledger.read_ledger(path, as_of=YEAR_END)
    assert reading.errors == []
    assert reading.rows[-1].get("total_wan") == pytest.approx(21_000)  # 2.1亿 in a 万元 column
    assert reading.rows[0].get("total_wan") == pytest.approx(1.1)  # as the column says
    assert ledger.parse_amount("300万元") == (300.0, 1.0)


def test_an_unknown_township_is_said_once_with_its_rows(tmp_path: Path, engine: sa.Engine) -> None:
    extra = ("所在乡镇", ["城关真"] * 3 + [None] * (len(NAMES) - 3))
    path = gucheng_sheet(tmp_path / "z.xlsx", extra=extra)
    plan = importer.plan_import(engine, ledger.read_ledger(path, as_of=YEAR_END), home=HOME)
    said = [w for w in plan.warnings if w.field == "township"]
    assert [w.key for w in said] == ["no_townships_yet"]  # a new database: no zones at all
    assert said[0].message_in("zh") == (
        "所在乡镇：第3、4、5行的“城关真”：尚未设置乡镇，所在乡镇暂空；导入乡镇边界后按坐标确定"
    )
