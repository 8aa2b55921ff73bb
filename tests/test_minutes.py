"""Minutes as a real .docx, read back: title, particulars, every decision numbered with unit and deadline."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from docx import Document
from docx.oxml.ns import qn

from geo import formatting
from geo.ops import cli
from geo.reports import minutes
from geo.storage import store


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")]
)
def test_chinese_numbers(n: int, text: str) -> None:
    assert minutes.chinese_number(n) == text


def test_minutes_hold_every_decision(demo_engine: sa.Engine, demo_url: str, tmp_path: Path) -> None:
    meetings = store.load_meetings(demo_engine)
    meeting = meetings[(meetings["decisions_open"] + meetings["decisions_done"]) >= 3].iloc[0]
    out = tmp_path / "纪要.docx"
    assert cli.main(["--db", demo_url, "minutes", str(meeting["id"]), str(out)]) == 0
    doc = Document(out)
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == f"{meeting['title']}会议纪要"
    assert paragraphs[1].startswith(f"时间：{formatting.date(meeting['held_on'], 'zh')}")
    assert "等项目建设" in paragraphs[5] or "个项目建设" in paragraphs[5]
    assert f"主持：{meeting['chair']}" in paragraphs
    decisions = store.load_decisions(demo_engine, int(meeting["id"]))
    numbered = [p for p in paragraphs if p[:2].rstrip("、") and "、" in p[:4] and "责任单位" in p]
    assert len(numbered) == len(decisions)
    for number, (line, d) in enumerate(
        zip(numbered, decisions.to_dict("records"), strict=True), start=1
    ):
        assert line.startswith(minutes.chinese_number(number) + "、")
        assert d["action"] in line and f"责任单位：{d['responsible_unit']}" in line
        assert f"完成时限：{formatting.date(d['deadline'], 'zh')}" in line
    # Chinese text sits in the East-Asian font slot, so Word and WPS use a Chinese font.
    run = doc.paragraphs[0].runs[0]
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == minutes.TITLE_FONT


def test_unknown_meeting(capsys, demo_url: str, tmp_path: Path) -> None:
    assert cli.main(["--db", demo_url, "minutes", "99999", str(tmp_path / "x.docx")]) == 1
    assert "there is no meeting 99999" in capsys.readouterr().err


def test_minutes_state_the_time(demo_engine: sa.Engine, tmp_path: Path) -> None:
    meeting = store.load_meetings(demo_engine).iloc[0].to_dict()
    out = tmp_path / "m.docx"
    minutes.write_minutes(meeting, store.load_decisions(demo_engine, int(meeting["id"])), {}, out)
    assert f"时间：{formatting.date(meeting['held_on'], 'zh')} {meeting['starts_at']:%H:%M}" in [
        p.text for p in Document(out).paragraphs
    ]
