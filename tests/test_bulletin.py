"""The monthly bulletin: a ledger built from Jiyuan's figures goes in, the .docx comes out with
exactly the measures; the three batches, overdue problems and zones by hand-made examples."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.core import measures
from geo.ingest import importer
from geo.ops import cli
from geo.reports import bulletin, documents
from geo.storage import store

SEP_30 = dt.date(2026, 9, 30)

# Jiyuan (DOMAIN.md): 108 city key projects, plan 228.5亿, completed 170.6亿 = 74.7%;
# industry 77.2%, agriculture 97%, transport 73.9%, services 73.4%, social 65.4%, urban 38.8%;
# "26 projects below time schedule, 8 of them under 30% of the annual plan".
# Per category: (projects, plan in 亿, rate, rates of the projects behind schedule). Projects
# in a category share its plan equally; those not listed as behind share what is left of the
# category's completed investment (each comes out at or above 75%, except in urban, where
# all eight are behind).
JIYUAN = {
    "工业": (50, 119.9, 0.772, [0.2, 0.2, 0.2, 0.6, 0.6]),
    "农业": (12, 13.6, 0.970, [0.6]),
    "交通": (14, 35.0, 0.739, [0.2, 0.6, 0.6, 0.6]),
    "服务业": (14, 30.0, 0.734, [0.2, 0.6, 0.6, 0.6]),
    "社会事业": (10, 20.0, 0.654, [0.2, 0.6, 0.6, 0.6]),
    "城建及其它": (8, 10.0, 0.388, [0.2, 0.2]),
}
CATEGORY_CODES = {
    "工业": "industry",
    "农业": "agriculture",
    "交通": "transport",
    "服务业": "services",
    "社会事业": "social",
    "城建及其它": "urban",
}


def jiyuan_rows() -> list[tuple[str, str, float, float]]:
    """(name, category, plan 万元, completed 万元) for the 108 projects."""
    rows = []
    for category, (n, plan_yi, rate, behind) in JIYUAN.items():
        plan = plan_yi * 10_000 / n
        rest = (n * rate - sum(behind)) / (n - len(behind))
        if category == "城建及其它":  # every urban project is behind: the rest stay below 75%
            assert rest < 0.75
        else:
            assert rest >= 0.75
        for i, project_rate in enumerate(behind + [rest] * (n - len(behind)), start=1):
            rows.append((f"{category}项目{i:02d}", category, plan, plan * project_rate))
    assert len(rows) == 108
    return rows


def write_jiyuan_ledger(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["济源市2026年市重点项目建设进展情况表"])
    sheet.append(["截止时间：2026年9月30日"])
    sheet.append(["单位：万元"])
    sheet.append(["序号", "项目名称", "行业", "年度计划投资", "1-9月完成", "经度", "纬度"])
    for n, (name, category, plan, done) in enumerate(jiyuan_rows(), start=1):
        sheet.append([n, name, category, round(plan, 4), round(done, 4), 112.6 + n / 1000, 35.1])
    book.save(path)
    return path


@pytest.fixture
def jiyuan_engine(sqlite_url: str, tmp_path: Path) -> sa.Engine:
    engine = store.make_engine(sqlite_url)
    store.migrate(engine)
    plan = importer.import_ledger(engine, write_jiyuan_ledger(tmp_path / "济源.xlsx"))
    assert not plan.errors, plan.errors
    return engine


def test_jiyuan_bulletin_says_exactly_the_measures(jiyuan_engine: sa.Engine) -> None:
    facts = bulletin.compile_facts(jiyuan_engine, SEP_30)
    document = bulletin.bulletin_document(facts, "zh", issuer="济源市重点办", area="city")
    data = documents.to_docx(document)
    text = "\n".join(documents.paragraphs_of(data))

    # The figures Jiyuan printed, read back from the Word file.
    assert "截至2026年9月30日，全市共有重点项目108个" in text
    assert "年度计划投资228.50亿元，已完成投资170.60亿元，占年度计划的74.7%" in text
    assert "低于时间进度（75.0%）0.3个百分点" in text
    assert "低于时间进度的项目26个，完成率不足30%的项目8个" in text

    # The category table is the measures' table, row for row, with the total last.
    table = documents.rows_of_tables(data)[0]
    assert table[0] == ["行业", "项目数(个)", "年度计划投资(万元)", "完成投资(万元)", "完成率"]
    measured = store.load_projects(jiyuan_engine, SEP_30)
    groups = measures.by_group(measures.with_measures(measured, SEP_30), "category")
    for row, group in zip(table[1:-1], groups.itertuples(index=False), strict=True):
        assert CATEGORY_CODES[row[0]] == group.key
        assert row[1] == str(group.projects)
        assert row[2] == f"{group.annual_plan_wan:,.0f}"
        assert row[3] == f"{group.completed_wan:,.0f}"
        assert row[4] == f"{group.completion_rate * 100:.1f}%"
    rates = {CATEGORY_CODES[row[0]]: row[4] for row in table[1:-1]}
    assert rates == {
        "industry": "77.2%",
        "agriculture": "97.0%",
        "transport": "73.9%",
        "services": "73.4%",
        "social": "65.4%",
        "urban": "38.8%",
    }
    # 170.6亿 is Jiyuan's rounding of the category figures: 1,705,998 万元 to the yuan.
    assert table[-1] == ["合计", "108", "2,285,000", "1,705,998", "74.7%"]

    # The behind-schedule table lists the 26, lowest rate first, the 8 under 30% starred.
    behind = documents.rows_of_tables(data)[1]
    assert len(behind) == 1 + 26
    assert sum(row[1].startswith("★") for row in behind[1:]) == 8
    assert [row[0] for row in behind[1:]] == [str(n) for n in range(1, 27)]


def test_bulletin_in_english(jiyuan_engine: sa.Engine) -> None:
    facts = bulletin.compile_facts(jiyuan_engine, SEP_30)
    document = bulletin.bulletin_document(facts, "en", issuer="Jiyuan office", area="city")
    text = document.text()
    assert "As of 2026-09-30, the city has 108 key projects" in text
    assert "74.7% of the plan, 0.3 points behind the time schedule (75.0%)" in text
    assert "26 projects are behind schedule, 8 of them under 30%" in text
    assert "1. Overall progress" in text


def _measured(rows: list[dict]) -> pd.DataFrame:
    base = {
        "park": None,
        "township": "城关镇",
        "responsible_unit": "县经信局",
        "lead_leader": "张立新",
        "category": "industry",
        "annual_plan_wan": 100.0,
        "completed_wan": 80.0,
        "stage": "building",
    }
    return measures.with_measures(pd.DataFrame([{**base, **r} for r in rows]), SEP_30)


def _problems(rows: list[dict]) -> pd.DataFrame:
    base = {
        "id": 0,
        "project_id": 1,
        "responsible_unit": None,
        "raised_on": dt.date(2026, 3, 1),
        "deadline": None,
        "status": "assigned",
        "resolved_on": None,
        "meetings": 0,
    }
    return pd.DataFrame([{**base, **r} for r in rows], columns=list(base))


def test_three_batches_count_what_moved_this_month() -> None:
    measured = _measured(
        [
            {"id": 1, "name": "甲", "stage": "signed"},  # planned → signed
            {"id": 2, "name": "乙", "stage": "building"},  # signed → building: a start
            {"id": 3, "name": "丙", "stage": "producing"},  # completed → producing
            {"id": 4, "name": "丁", "stage": "building"},  # no change
            {"id": 5, "name": "戊", "stage": "started"},  # new this month, from nothing
        ]
    )
    before = pd.Series({1: "planned", 2: "signed", 3: "completed", 4: "building"})
    facts = bulletin.bulletin_facts(measured, before, _problems([]), SEP_30)
    assert facts.batches == {"signed": ["甲", "戊"], "started": ["乙", "戊"], "producing": ["丙"]}
    text = bulletin.bulletin_document(facts, "zh", issuer="办", area="county").text()
    assert "9月份，新签约项目2个，新开工项目2个，新投产项目1个。" in text
    assert "新开工项目：乙、戊。" in text


def test_overdue_problems_by_unit() -> None:
    problem_list = _problems(
        [
            {"id": 1, "responsible_unit": "县财政局", "deadline": dt.date(2026, 9, 1)},
            {
                "id": 2,
                "responsible_unit": "县财政局",
                "deadline": dt.date(2026, 8, 1),
                "meetings": 2,
            },
            {"id": 3, "responsible_unit": "县行政审批局", "deadline": dt.date(2026, 9, 20)},
            {"id": 4, "responsible_unit": "县行政审批局", "deadline": dt.date(2026, 10, 20)},
            {
                "id": 5,
                "responsible_unit": "县住建局",
                "deadline": dt.date(2026, 9, 1),
                "status": "resolved",
                "resolved_on": dt.date(2026, 9, 25),
            },
        ]
    )
    facts = bulletin.bulletin_facts(
        _measured([{"id": 1, "name": "甲"}]), pd.Series(dtype=object), problem_list, SEP_30
    )
    table = facts.overdue_by_unit
    assert table.to_dict("records") == [
        {"unit": "县财政局", "overdue": 2, "longest_days": 60, "carried_over": 1},
        {"unit": "县行政审批局", "overdue": 1, "longest_days": 10, "carried_over": 0},
    ]
    assert (facts.problems_raised, facts.problems_solved) == (5, 1)
    text = bulletin.bulletin_document(facts, "zh", issuer="办", area="county").text()
    assert "累计收集问题5个，已解决1个，问题解决率20.0%；超期未解决问题3个，涉及责任单位2个" in text


def test_best_and_worst_zones_are_named() -> None:
    rows = [
        {"id": i, "name": f"项目{i}", "township": town, "completed_wan": done}
        for i, (town, done) in enumerate(
            [("甲镇", 90), ("乙镇", 40), ("丙镇", 75), ("丁镇", 60), ("戊镇", 80), ("己镇", 70)],
            start=1,
        )
    ]
    facts = bulletin.bulletin_facts(_measured(rows), pd.Series(dtype=object), _problems([]), SEP_30)
    text = bulletin.bulletin_document(facts, "zh", issuer="办", area="county").text()
    # Six townships: the best three and the worst three (half of them, at most three).
    assert "从乡镇看，完成率较高的是甲镇（90.0%）、戊镇（80.0%）、丙镇（75.0%），" in text
    assert "较低的是乙镇（40.0%）、丁镇（60.0%）、己镇（70.0%）。" in text


def test_hostile_names_stay_text_in_word(tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://x")<script>alert(1)</script>&'
    measured = _measured([{"id": 1, "name": hostile, "completed_wan": 10.0}])
    facts = bulletin.bulletin_facts(measured, pd.Series(dtype=object), _problems([]), SEP_30)
    data = documents.to_docx(bulletin.bulletin_document(facts, "zh", issuer="办", area="county"))
    behind = documents.rows_of_tables(data)[1]
    assert behind[1][1] == "★" + hostile  # the name, exactly as entered


def test_bulletin_command_writes_word(demo_url: str, tmp_path: Path, capsys) -> None:
    from docx import Document

    out = tmp_path / "通报.docx"
    assert cli.main(["--db", demo_url, "bulletin", "--as-of", "2026-09-30", str(out)]) == 0
    assert "as of 2026-09-30" in capsys.readouterr().out
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert paragraphs[0] == "全县重点项目建设情况通报"
    assert paragraphs[1] == "2026年第9期"


def test_bulletin_command_writes_pdf(demo_url: str, tmp_path: Path, chinese_font: Path) -> None:
    from pypdf import PdfReader

    facts = bulletin.compile_facts(store.make_engine(demo_url), SEP_30)
    pdf = tmp_path / "通报.pdf"
    assert cli.main(["--db", demo_url, "bulletin", "--as-of", "2026-09-30", str(pdf)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "全县重点项目建设情况通报" in text
    assert f"共有重点项目{facts.headline.projects}个" in text.replace("\n", "")


def test_bulletin_command_refuses_other_formats(demo_url: str, tmp_path: Path, capsys) -> None:
    assert cli.main(["--db", demo_url, "bulletin", str(tmp_path / "b.txt")]) == 1
    assert ".docx or .pdf" in capsys.readouterr().err


def test_projects_held_up_by_approvals_are_named() -> None:
    measured = _measured([{"id": 1, "name": "甲", "stage": "signed"}, {"id": 2, "name": "乙"}])
    items = pd.DataFrame(
        [
            (1, "甲", "construction_permit", "县住建局", None, None, "pending"),
            (2, "乙", "construction_permit", "县住建局", None, None, "pending"),
        ],  # 乙 is building
        columns=[
            "project_id",
            "project",
            "item",
            "department",
            "applied_on",
            "granted_on",
            "status",
        ],
    )
    facts = bulletin.bulletin_facts(measured, pd.Series(dtype=object), _problems([]), SEP_30, items)
    text = bulletin.bulletin_document(facts, "zh", issuer="办", area="county").text()
    assert "前期手续办理情况" in text
    assert "尚有1个项目因前期手续未办结无法开工：甲（缺施工许可证）。" in text
