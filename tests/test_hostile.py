"""A corpus of hostile text through import, the map, the exports, the documents and the pages:
shown as text, never run, never a formula, never a crash."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from corpus import HOSTILE
from docx import Document
from openpyxl import load_workbook

from geo.core import measures, snapshot
from geo.ingest import exporter, importer
from geo.reports import bulletin, documents, minutes
from geo.storage import store
from geo.views import maps

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _stored(text: str) -> str:
    """What the dashboard keeps of ``text``: everything but control characters."""
    return CONTROL.sub("", text).strip()


@pytest.fixture
def hostile_county(demo_copy_url: str, tmp_path: Path) -> sa.Engine:
    """The demo county with one project per hostile string, imported from a CSV ledger that
    also puts the strings in the owner, progress and problem columns."""
    path = tmp_path / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "项目名称",
                "建设单位",
                "行业",
                "所在乡镇",
                "年度计划投资",
                "1-10月完成",
                "形象进度",
                "存在问题",
                "包保领导",
                "经度",
                "纬度",
                "截止日期",
            ]
        )
        for n, text in enumerate(HOSTILE):
            writer.writerow(
                [
                    text,
                    text,
                    "工业",
                    "城关镇",
                    1000,
                    100 + n,
                    text,
                    text,
                    text,
                    111.65 + n / 1000,
                    32.26,
                    "2026-10-31",
                ]
            )
    engine = store.make_engine(demo_copy_url)
    plan = importer.import_ledger(engine, path)
    assert not plan.errors, plan.errors
    return engine


def _hostile_projects(engine: sa.Engine) -> pd.DataFrame:
    projects = snapshot.take_snapshot(engine).projects
    return projects[projects["name"].isin([_stored(t) for t in HOSTILE])]


def test_import_keeps_the_text_as_entered(hostile_county: sa.Engine) -> None:
    stored = _hostile_projects(hostile_county)
    assert sorted(stored["name"]) == sorted(_stored(t) for t in HOSTILE)
    assert set(stored["owner"]) == {_stored(t) for t in HOSTILE}
    assert store.count_rows(hostile_county)["projects"] == 115 + len(HOSTILE)  # tables intact


def test_map_html_never_carries_live_markup(hostile_county: sa.Engine) -> None:
    snap = snapshot.take_snapshot(hostile_county)
    zone_rates = measures.zone_rates(snap.projects, snap.zones)
    options = maps.MapOptions(lang="zh", tiles="none")
    html = maps.overview_map(snap.projects, zone_rates, options).get_root().render()
    for text in HOSTILE[:2] + HOSTILE[7:8]:
        assert text not in html  # never as markup in the page…
    names = {site["name"] for site in maps.sites_in_html(html)}
    assert {_stored(t) for t in HOSTILE} <= names  # …but packed as entered, escaped on display
    assert "${alert(3)}" not in html  # no template literal to expand


def test_exports_hold_text_never_formulas(hostile_county: sa.Engine, tmp_path: Path) -> None:
    snap = snapshot.take_snapshot(hostile_county)
    frame = exporter.ledger_frame(
        snap.projects, exporter.open_problems(store.load_problems(hostile_county)), snap.as_of
    )
    book = load_workbook(io.BytesIO(exporter.xlsx_bytes(frame, snap.as_of)))
    cells = [c for row in book.active.iter_rows(min_row=4) for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells)  # text, not formulas
    assert {_stored(t) for t in HOSTILE} <= {c.value for c in cells}
    text = exporter.csv_bytes(frame).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    risky = [v for row in rows[1:] for v in row if v[:1] in ("=", "+", "-", "@")]
    assert not [v for v in risky if not re.fullmatch(r"-?\d+(\.\d+)?", v)]  # only numbers
    assert "'=HYPERLINK(" in text


def test_documents_print_the_text(hostile_county: sa.Engine, chinese_font: Path) -> None:
    facts = bulletin.compile_facts(hostile_county)
    document = bulletin.bulletin_document(facts, "zh", issuer="<b>办</b>", area="county")
    data = documents.to_docx(document)
    text = "\n".join(documents.paragraphs_of(data))
    assert "<script>alert('名称')</script>" in text and "<b>办</b>" in text
    assert documents.to_pdf(document).startswith(b"%PDF")
    meeting = {
        "title": HOSTILE[0],
        "held_on": facts.as_of,
        "kind": "onsite",
        "chair": HOSTILE[8],
        "place": HOSTILE[2],
        "attendees": HOSTILE[3],
        "projects": [],
    }
    decisions = pd.DataFrame(
        [
            {
                "project_id": None,
                "action": HOSTILE[1],
                "responsible_unit": HOSTILE[8],
                "deadline": None,
            }
        ]
    )
    read = Document(io.BytesIO(minutes.minutes_bytes(meeting, decisions, {})))
    assert any("<img src=x onerror=alert(2)>" in p.text for p in read.paragraphs)
    assert any("项目名称" in p.text for p in read.paragraphs)  # control characters dropped


@pytest.mark.parametrize("page", ["overview", "project", "bulletin", "ranking", "trends", "board"])
def test_pages_show_hostile_text_as_text(
    open_app, hostile_county: sa.Engine, demo_copy_url: str, page: str
) -> None:
    at = open_app(demo_copy_url, page)
    if page == "project":
        at.query_params["project"] = str(int(_hostile_projects(hostile_county)["id"].iloc[0]))
    at.run()
    assert not at.exception
    live = re.compile(r"(?<!\\)<(script|img|svg)")  # markup Streamlit would not escape
    for element in list(at.markdown) + list(at.title) + list(at.subheader) + list(at.caption):
        assert not live.search(element.value), element.value


def test_letters_carry_hostile_units_and_items_as_text(
    open_app, hostile_county: sa.Engine, demo_copy_url: str, chinese_font: Path
) -> None:
    from geo.storage.models import Problem
    from geo.workflow import letters

    ids = _hostile_projects(hostile_county)["id"].tolist()
    with store.transaction(hostile_county, write=True, actor="test") as s:
        for n, problem in enumerate(
            s.scalars(sa.select(Problem).where(Problem.project_id.in_(ids)))
        ):
            problem.responsible_unit = HOSTILE[n % 8]
            problem.raised_on, problem.deadline = dt.date(2026, 9, 1), dt.date(2026, 10, 1)
            problem.status, problem.resolved_on = "assigned", None
    month = letters.Month(2026, 11)
    issued = [x for x in letters.issue(hostile_county, month) if x.unit in HOSTILE]
    assert {x.unit for x in issued} == set(HOSTILE[:8])
    for letter in issued:
        document = letters.letter_document(letter, "zh", issuer="<b>办</b>", prefix="=1+1")
        text = "\n".join(documents.paragraphs_of(documents.to_docx(document)))
        assert f"{letter.unit}：" in text and "<b>办</b>" in text
        assert documents.to_pdf(document).startswith(b"%PDF")
    at = open_app(demo_copy_url, "letters")
    at.run()
    next(s for s in at.selectbox if s.label == "责任单位").set_value(HOSTILE[0]).run()
    assert not at.exception
    # The letter to that unit is shown, its name as text (markdown-escaped), never as markup.
    assert any(m.value.replace("\\", "") == HOSTILE[0] + "：" for m in at.markdown)
    live = re.compile(r"(?<!\\)<(script|img|svg)")
    for element in list(at.markdown) + list(at.title) + list(at.subheader) + list(at.caption):
        assert not live.search(element.value), element.value
