"""Reading messy ledgers: headers, sections, units, rates, dates, coordinates, as-of."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from geo import coords
from geo.ingest import ledger


def test_messy_ledger_is_read(messy_ledger: Path) -> None:
    reading = ledger.read_ledger(messy_ledger)
    assert reading.errors == []
    assert reading.as_of == dt.date(2015, 9, 30)
    assert reading.crs == coords.GCJ02
    assert [r.get("name") for r in reading.rows] == [
        "朗弘热交换系统制造基地",
        "霆顺车轮",
        "县人民医院门诊楼",
    ]
    assert [r.row for r in reading.rows] == [7, 8, 11]
    first, second, third = reading.rows
    assert [r.get("category") for r in reading.rows] == ["industry", "industry", "social"]
    assert first.get("annual_plan_wan") == pytest.approx(4000)  # 0.4 亿元
    assert first.get("completed_wan") == pytest.approx(4500)
    assert second.get("total_wan") == pytest.approx(15000)  # "1.50" 亿元 as text
    assert first.get("rate") == pytest.approx(1.125) and second.get("rate") == 1.0
    assert third.get("rate") == pytest.approx(0.40)
    assert first.get("lead_leader") == "张立新" and first.get("place") == "谷城经济开发区"
    assert first.get("owner") == "湖北朗弘热交换系统有限公司"
    assert first.get("planned_start") == dt.date(2019, 3, 1)
    assert second.get("planned_start") == dt.date(2019, 3, 1)  # Excel serial 43525
    assert third.get("planned_start") == dt.date(2019, 3, 1)
    # GCJ-02 in, WGS-84 out: about 540 m west and 260 m north of what the sheet says.
    assert first.get("lon") == pytest.approx(coords.to_wgs84(111.697, 32.283, coords.GCJ02)[0])
    assert 111.690 < first.get("lon") < 111.693 and 32.284 < first.get("lat") < 32.2865
    assert second.get("lon") == pytest.approx(
        coords.to_wgs84(111.703, 32.289, coords.GCJ02)[0]
    )  # swapped pair
    assert "110千伏" in first.get("problems")
    # The subtotal agrees; the total (9.99亿) does not, and says so where it stands.
    assert len(reading.warnings) == 1
    warning = str(reading.warnings[0])
    assert "row 12" in warning and "column G" in warning and "年度完成投资" in warning


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-03-01", dt.date(2019, 3, 1)),
        ("2019.3", dt.date(2019, 3, 1)),
        (2019.3, dt.date(2019, 3, 1)),
        (2019.12, dt.date(2019, 12, 1)),
        ("2019年3月", dt.date(2019, 3, 1)),
        ("2019年3月1日", dt.date(2019, 3, 1)),
        ("2019/3/15", dt.date(2019, 3, 15)),
        (43525, dt.date(2019, 3, 1)),
        (dt.datetime(2019, 3, 1, 8, 0), dt.date(2019, 3, 1)),
        (None, None),
    ],
)
def test_dates(value: object, expected: dt.date | None) -> None:
    assert ledger.parse_date(value) == expected


@pytest.mark.parametrize("value", ["明年三月", "2019-13-01", 7])
def test_bad_dates(value: object) -> None:
    with pytest.raises(ValueError):
        ledger.parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("81.2%", 0.812),
        (0.812, 0.812),
        (81.2, 0.812),
        ("81.2", 0.812),
        (1.2, 1.2),
        ("120%", 1.2),
        ("", None),
    ],
)
def test_rates(value: object, expected: float | None) -> None:
    got = ledger.parse_rate(value)
    assert (got is None and expected is None) or math.isclose(got, expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12,345.6", 12345.6), ("1，234", 1234.0), (" 5 ", 5.0), ("—", None), (3, 3.0)],
)
def test_numbers(value: object, expected: float | None) -> None:
    assert ledger.parse_number(value) == expected


def _write_rows(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_problems_name_file_sheet_row_and_column(tmp_path: Path) -> None:
    path = _write_rows(
        tmp_path / "bad.xlsx",
        [
            [
                "项目名称",
                "行业",
                "年度计划投资(万元)",
                "年度完成投资(万元)",
                "计划开工",
                "经度",
                "纬度",
            ],
            ["甲项目", "工业", "1,000", "abc", "2019.3", 111.6, 32.2],
            ["乙项目", "航天", 100, 50, "明年", 111.6, 32.2],
            ["丙项目", "工业", -5, 1, None, 200, 32.2],
            [None, "工业", 100, 1, None, None, None],
        ],
    )
    reading = ledger.read_ledger(path, as_of=dt.date(2026, 9, 30))
    messages = [str(e) for e in reading.errors]
    assert (
        "bad.xlsx, sheet 'Sheet', row 2, column D: 年度完成投资: 'abc' is not a number" in messages
    )
    assert any(
        m.startswith("bad.xlsx, sheet 'Sheet', row 3, column B: 行业: '航天'") for m in messages
    )
    assert any("row 3, column E: 计划开工" in m for m in messages)
    assert any("row 4, column C: 年度计划投资: -5 is negative" in m for m in messages)
    assert any("row 4, column F: 经度" in m and "not a place in China" in m for m in messages)
    assert any("row 5, column A: the project name is empty" in m for m in messages)


def test_header_words_vary(tmp_path: Path) -> None:
    path = _write_rows(
        tmp_path / "v.xlsx",
        [
            ["截至2026年9月底重点项目推进情况"],
            [
                "项目",
                "项目业主",
                "行业",
                "2026年计划投资(亿元)",
                "年度完成投资(亿元)",
                "挂帮领导",
                "经度（百度）",
                "纬度（百度）",
                "建设阶段",
            ],
            ["甲", "甲公司", "农业", 1, 0.5, "赵", 111.66, 32.27, "在建"],
        ],
    )
    reading = ledger.read_ledger(path)
    assert reading.errors == []
    assert reading.as_of == dt.date(2026, 9, 30)
    assert reading.crs == coords.BD09
    row = reading.rows[0]
    assert (
        row.get("owner") == "甲公司"
        and row.get("lead_leader") == "赵"
        and row.get("stage") == "building"
    )
    assert row.get("annual_plan_wan") == 10_000 and row.get("completed_wan") == 5_000
    assert row.get("lon") == pytest.approx(coords.to_wgs84(111.66, 32.27, coords.BD09)[0])


def test_as_of_from_months_and_year(tmp_path: Path) -> None:
    path = _write_rows(
        tmp_path / "m.xlsx", [["2018年重点项目1-6月完成情况"], ["项目名称", "年度计划"], ["甲", 1]]
    )
    assert ledger.read_ledger(path).as_of == dt.date(2018, 6, 30)


def test_missing_as_of_and_header(tmp_path: Path) -> None:
    no_date = _write_rows(tmp_path / "n.xlsx", [["项目名称", "年度计划"], ["甲", 1]])
    assert "no as-of date" in str(ledger.read_ledger(no_date).errors[0])
    no_header = _write_rows(tmp_path / "h.xlsx", [["甲", 1], ["乙", 2]])
    assert "no header row" in str(ledger.read_ledger(no_header).errors[0])
    assert "must be .xlsx" in str(ledger.read_ledger(tmp_path / "x.pdf").errors[0])


def test_csv_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_bytes(
        '截止时间：2026年9月30日\n项目名称,行业,年度计划投资(万元),年度完成投资(万元)\n\'=甲,工业,"1,000",500\n'.encode(
            "gb18030"
        )
    )
    reading = ledger.read_ledger(path)
    assert reading.errors == [] and reading.as_of == dt.date(2026, 9, 30)
    assert reading.rows[0].get("name") == "=甲" and reading.rows[0].get("annual_plan_wan") == 1000


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("项目名称", "name"),
        ("项目", "name"),
        ("建设单位", "owner"),
        ("项目业主", "owner"),
        ("责任单位", "responsible_unit"),
        ("年度计划投资", "annual_plan_wan"),
        ("年度计划", "annual_plan_wan"),
        ("2018年计划投资(亿元)", "annual_plan_wan"),
        ("1-9月完成", "completed_wan"),
        ("年度完成投资（万元）", "completed_wan"),
        ("累计完成投资", "cumulative_wan"),
        ("总投资\n(万元)", "total_wan"),
        ("完成率", "rate"),
        ("包保领导", "lead_leader"),
        ("分包市领导", "lead_leader"),
        ("挂帮领导", "lead_leader"),
        ("所在园区/乡镇", "place"),
        ("建设地点", "place"),
        ("所属园区", "park"),
        ("所在乡镇", "township"),
        ("计划开工时间", "planned_start"),
        ("形象进度", "progress"),
        ("存在问题", "problems"),
        ("经度（百度）", "lon"),
        ("坐标(GCJ-02)", "location"),
        ("1月", "month_1"),
        ("12月", "month_12"),
        ("1月计划", "month_1"),
        ("3月目标", "month_3"),
        ("一月", "month_1"),
        ("十一月", "month_11"),
        ("十二月计划", "month_12"),
        ("1月份计划投资(万元)", "month_1"),
        ("1月完成", None),
        ("序号", None),
        ("备注", None),
    ],
)
def test_header_words(label: str, field: str | None) -> None:
    assert ledger._field_of(label) == field


def test_quirks_of_unseen_ledgers(tmp_path: Path) -> None:
    path = _write_rows(
        tmp_path / "q.xlsx",
        [
            ["项 目 名 称", "项目类别", "级别", "年度计划\n(万元)", "1-9月\n完成", "计划开工"],
            [
                "1、朗弘热交换\n系统制造基地",
                "工业项目",
                "A类",
                "１,２００",
                "约600",
                "２０１９年３月",
            ],
            ["3D打印产业园", "服务业", "省重点", 100, 50, None],
        ],
    )
    reading = ledger.read_ledger(path, as_of=dt.date(2026, 9, 30))
    assert reading.errors == []
    first, second = reading.rows
    assert first.get("name") == "朗弘热交换系统制造基地"
    assert second.get("name") == "3D打印产业园"
    assert first.get("annual_plan_wan") == 1200 and first.get("completed_wan") == 600
    assert first.get("planned_start") == dt.date(2019, 3, 1)
    assert "level" not in first.values and second.get("level") == "provincial"
    assert len(reading.warnings) == 1 and "'A类'" in str(reading.warnings[0])


def test_legacy_xls(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the legacy .xls fixture")
    book = xlwt.Workbook()
    sheet = book.add_sheet("台账")
    sheet.write_merge(0, 0, 0, 3, "截止时间：2016年6月30日")
    for c, text in enumerate(["项目名称", "行业", "年度计划投资(亿元)", "年度完成投资(亿元)"]):
        sheet.write(1, c, text)
    for c, value in enumerate(["甲项目", "交通", 1.5, 0.6]):
        sheet.write(2, c, value)
    path = tmp_path / "old.xls"
    book.save(str(path))
    reading = ledger.read_ledger(path)
    assert reading.errors == [] and reading.as_of == dt.date(2016, 6, 30)
    assert ledger.sheet_names(path) == ["台账"]
    row = reading.rows[0]
    assert (row.get("category"), row.get("annual_plan_wan"), row.get("completed_wan")) == (
        "transport",
        15000,
        6000,
    )


MONTHS = [100, 100, 100, 50, 50, 50, 150, 150, 150, 100, None, 100]  # 11月 blank: 0


def test_twelve_monthly_targets_in_a_flat_header(tmp_path: Path) -> None:
    headers = ["1月计划", "二月", "3月目标", *[f"{m}月" for m in range(4, 13)]]
    path = _write_rows(
        tmp_path / "flat.xlsx",
        [
            ["项目名称", "行业", "年度计划投资(万元)", *headers],
            ["甲项目", "工业", 1100, *MONTHS],
            ["乙项目", "工业", 500, *[None] * 12],  # no targets: none read
        ],
    )
    reading = ledger.read_ledger(path, as_of=dt.date(2026, 9, 30))
    # A plan ledger: the one thing to say is that it sets no completed figures.
    assert reading.errors == [] and [w.key for w in reading.warnings] == ["no_completed"]
    first, second = reading.rows
    assert first.get("monthly_targets") == (100, 100, 100, 50, 50, 50, 150, 150, 150, 100, 0, 100)
    assert "monthly_targets" not in second.values
    assert reading.letters["month_1"] == "D" and reading.letters["month_12"] == "O"


def test_twelve_monthly_targets_under_a_merged_header_in_yi(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["截止时间：2026年9月30日"])
    ws.append(["项目名称", "年度计划投资（亿元）", "分月计划（亿元）", *[None] * 11])
    ws.append([None, None, *[f"{m}月" for m in range(1, 13)]])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:N2")
    ws.append(["甲项目", 0.12, *[0.01] * 12])
    path = tmp_path / "merged.xlsx"
    book.save(path)
    reading = ledger.read_ledger(path)
    assert reading.errors == []
    (row,) = reading.rows
    assert row.get("annual_plan_wan") == pytest.approx(1200)
    assert row.get("monthly_targets") == pytest.approx((100.0,) * 12)  # 0.01 亿元 = 100 万元
    assert [w.key for w in reading.warnings] == ["no_completed"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "row 2, column G: 5月计划: 'abc' is not a number"),
        (-5, "row 2, column G: 5月计划: -5 is negative"),
    ],
)
def test_a_bad_monthly_target_names_file_row_and_column(
    tmp_path: Path, value: object, message: str
) -> None:
    months = [100] * 12
    months[4] = value
    path = _write_rows(
        tmp_path / "bad.xlsx",
        [
            ["项目名称", "年度计划投资(万元)", *[f"{m}月" for m in range(1, 13)]],
            ["甲项目", 1200, *months],
        ],
    )
    reading = ledger.read_ledger(path, as_of=dt.date(2026, 9, 30))
    assert [str(e) for e in reading.errors] == [f"bad.xlsx, sheet 'Sheet', {message}"]
    assert "monthly_targets" not in reading.rows[0].values


def test_monthly_targets_off_the_annual_plan_are_a_warning(tmp_path: Path) -> None:
    path = _write_rows(
        tmp_path / "sum.xlsx",
        [
            ["项目名称", "年度计划投资(万元)", *[f"{m}月" for m in range(1, 13)]],
            ["甲项目", 1200, *[100] * 11, 105],  # 1205: within 0.5 %
            ["乙项目", 1200, *[100] * 11, 110],  # 1210: off by 10 万元, 0.83 %
        ],
    )
    reading = ledger.read_ledger(path, as_of=dt.date(2026, 9, 30))
    assert reading.errors == []
    assert [str(w) for w in reading.warnings if w.key != "no_completed"] == [
        "sum.xlsx, sheet 'Sheet', row 3, column B: 乙项目: the twelve monthly targets add up to "
        "1,210.0, the annual plan is 1,200.0 (10k yuan)"
    ]
    assert reading.rows[1].get("monthly_targets")[-1] == 110  # read all the same


def test_some_but_not_all_month_columns_are_left_unread_with_a_warning(tmp_path: Path) -> None:
    path = _write_rows(
        tmp_path / "half.xlsx",
        [
            ["项目名称", "年度计划投资(万元)", *[f"{m}月" for m in range(1, 7)]],
            ["甲项目", 600, *[100] * 6],
        ],
    )
    reading = ledger.read_ledger(path, as_of=dt.date(2026, 9, 30))
    assert not reading.errors
    warning, *rest = reading.warnings
    assert [w.key for w in rest] == ["no_completed"]
    assert "row 1, column C: month columns are not read as monthly targets" in str(warning)
    assert "missing: 7月计划" in str(warning) and "12月计划" in str(warning)
    (row,) = reading.rows
    assert row.get("name") == "甲项目" and row.get("monthly_targets") is None


def test_months_under_a_completed_parent_are_not_targets(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["项目名称", "年度计划投资(万元)", "分月完成", *[None] * 11])
    ws.append([None, None, *[f"{m}月" for m in range(1, 13)]])
    ws.merge_cells("C1:N1")
    ws.append(["甲项目", 1200, *[10] * 12])
    path = tmp_path / "done.xlsx"
    book.save(path)
    reading = ledger.read_ledger(path, as_of=dt.date(2026, 9, 30))
    assert reading.errors == [] and "monthly_targets" not in reading.rows[0].values


def test_problems_are_said_in_the_ui_language(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["项目名称", "总投资", "年度计划投资", "截止日期"])
    book.active.append(["甲项目", -3000, "约三千", "2026-10-31"])
    book.save(tmp_path / "bad.xlsx")
    errors = ledger.read_ledger(tmp_path / "bad.xlsx").errors
    zh = [e.text("zh") for e in errors]
    en = [e.text("en") for e in errors]
    assert "第2行，B列：总投资：-3000 为负数" in zh
    assert "第2行，C列：年度计划投资：'约三千' 不是数字" in zh
    assert "row 2, column B: Total investment: -3000 is negative" in en
    # The command line keeps the header words offices write.
    assert "row 2, column B: 总投资: -3000 is negative" in str(errors[0])
