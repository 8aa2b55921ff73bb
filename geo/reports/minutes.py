"""Meeting minutes (会议纪要) as a Word document, in the form offices issue them.

Title, time, place, chair, attendees, then the numbered decisions (交办事项), each with its
responsible unit and deadline. Chinese text is set in the East-Asian font slots, so Word
and WPS render it with the reader's Chinese fonts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from geo import formatting
from geo.i18n import label
from geo.reports.documents import TITLE_FONT, chinese_number
from geo.reports.documents import add_paragraph as _paragraph


def decision_lines(decisions: pd.DataFrame, projects: dict[int, str]) -> list[str]:
    """ "一、<project>：<action>（责任单位：…；完成时限：…）" for each decision, in order."""
    lines = []
    for number, d in enumerate(decisions.to_dict("records"), start=1):
        where = f"{projects.get(d['project_id'], '')}：" if d.get("project_id") in projects else ""
        deadline = formatting.date(d["deadline"], "zh") if d.get("deadline") else "—"
        lines.append(
            f"{chinese_number(number)}、{where}{d['action']}（责任单位：{d['responsible_unit'] or '—'}；完成时限：{deadline}）"
        )
    return lines


def write_minutes(
    meeting: dict[str, object],
    decisions: pd.DataFrame,
    projects: dict[int, str],
    out: Path | BinaryIO,
    issuer: str = "县重点项目建设工作领导小组办公室",
) -> None:
    """Write the minutes of ``meeting`` (a row of :func:`geo.storage.store.load_meetings`)."""
    doc = Document()
    held: dt.date = meeting["held_on"]
    _paragraph(
        doc,
        f"{meeting['title']}会议纪要",
        size=22,
        font=TITLE_FONT,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    kind = label("meeting_kind", meeting["kind"], "zh")
    for caption, value in (
        (
            "时间",
            formatting.date(held, "zh")
            + (f" {starts:%H:%M}" if (starts := meeting.get("starts_at")) else ""),
        ),
        ("地点", meeting.get("place") or "—"),
        ("主持", meeting.get("chair") or "—"),
        ("参会人员", meeting.get("attendees") or "—"),
    ):
        _paragraph(doc, f"{caption}：{value}")
    names = [projects[i] for i in meeting.get("projects", []) if i in projects]
    count = f"{len(names)}个" if len(names) > 6 else ""
    on_agenda = f"{'、'.join(names[:6])}等{count}项目" if names else ""
    _paragraph(
        doc,
        f"{formatting.date(held, 'zh')}，{meeting.get('chair') or ''}主持召开{kind}，"
        + (f"听取了{on_agenda}建设进展情况汇报，" if on_agenda else "")
        + "研究解决项目建设中存在的问题。现将会议议定事项纪要如下：",
        indent=True,
    )
    lines = decision_lines(decisions, projects)
    for line in lines or ["会议未形成交办事项。"]:
        _paragraph(doc, line, indent=True)
    _paragraph(
        doc, "以上事项，请各责任单位按时限要求抓好落实，办理情况及时报县重点办。", indent=True
    )
    _paragraph(doc, issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, formatting.date(held, "zh"), align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.save(out)


def minutes_bytes(
    meeting: dict[str, object], decisions: pd.DataFrame, projects: dict[int, str]
) -> bytes:
    """:func:`write_minutes` into memory, for a download button."""
    import io

    buffer = io.BytesIO()
    write_minutes(meeting, decisions, projects, buffer)
    return buffer.getvalue()
