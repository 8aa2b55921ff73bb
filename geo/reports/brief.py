"""The tour brief as a PDF: a cover with the route drawn offline, then one page per stop.

Chinese needs an embedded CJK font: Debian's ``fonts-wqy-microhei`` (installed by the
set-up), or the file named by ``GEO_CJK_FONT``. The route map is drawn from our own zones
and points (no tiles), so the brief prints anywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from shapely.geometry import shape

from geo import formatting
from geo.core import measures, problems, snapshot
from geo.core.snapshot import Snapshot
from geo.core.tour import Stop, TourPlan
from geo.i18n import label
from geo.ingest import photos
from geo.reports.documents import CjkPdf, cjk_font
from geo.storage import store
from geo.storage.store import Engine
from geo.workflow import approvals


@dataclass(frozen=True)
class BriefFacts:
    """What a brief shows, read once by :func:`read_facts`: writing it reads no database."""

    day: dt.date  # the tour's day: what is overdue is overdue on it
    snapshot: Snapshot
    problems: pd.DataFrame  # every problem, flagged at ``day``
    approvals: pd.DataFrame
    #: Per stop: its meetings and their decisions, and its photos (newest first).
    meetings: dict[int, tuple[pd.DataFrame, pd.DataFrame]]
    photos: dict[int, pd.DataFrame]


def read_facts(engine: Engine, stops: list[Stop], day: dt.date | None = None) -> BriefFacts:
    """Everything the brief of these stops shows, on ``day`` (default: today)."""
    day = day or dt.date.today()
    ids = [s.project_id for s in stops]
    return BriefFacts(
        day=day,
        snapshot=snapshot.take_snapshot(engine),
        problems=problems.with_flags(store.load_problems(engine), day),
        approvals=approvals.load_approvals(engine),
        meetings={i: store.load_project_meetings(engine, i) for i in ids},
        photos={i: photos.load_photos(engine, i) for i in ids},
    )


def _project(
    lon: float,
    lat: float,
    box: tuple[float, float, float, float],
    frame: tuple[float, float, float, float],
) -> tuple[float, float]:
    """(lon, lat) → page millimetres inside ``frame`` (x, y, w, h), keeping the aspect."""
    minx, miny, maxx, maxy = box
    x0, y0, w, h = frame
    k = math.cos(math.radians((miny + maxy) / 2))
    scale = min(w / max((maxx - minx) * k, 1e-9), h / max(maxy - miny, 1e-9))
    return x0 + (lon - minx) * k * scale, y0 + h - (lat - miny) * scale


def _route_map(pdf: CjkPdf, zones, stops_in_order: list[Stop], start, end) -> None:
    frame = (15.0, 60.0, 180.0, 150.0)
    points = [start, *((s.lon, s.lat) for s in stops_in_order), end or start]
    geoms = [shape(json.loads(g)) for g in zones["geometry"]]
    xs = [p[0] for p in points] + [g.bounds[0] for g in geoms] + [g.bounds[2] for g in geoms]
    ys = [p[1] for p in points] + [g.bounds[1] for g in geoms] + [g.bounds[3] for g in geoms]
    box = (min(xs), min(ys), max(xs), max(ys))
    pdf.set_draw_color(176, 190, 197)
    pdf.set_line_width(0.2)
    for geom in geoms:
        for polygon in getattr(geom, "geoms", [geom]):
            ring = [_project(x, y, box, frame) for x, y in polygon.exterior.coords]
            pdf.polygon(ring, style="D")
    pdf.set_draw_color(198, 40, 40)
    pdf.set_line_width(0.7)
    route = [_project(lon, lat, box, frame) for lon, lat in points]
    pdf.polyline(route)
    pdf.set_fill_color(255, 255, 255)
    for number, (x, y) in enumerate(route[1:-1], start=1):
        pdf.circle(x=x, y=y, radius=3.2, style="FD")
        pdf.set_font("cjk", size=7)
        pdf.text(x - (1.2 if number < 10 else 2.0), y + 1.2, str(number))
    x, y = route[0]
    pdf.set_fill_color(38, 50, 56)
    pdf.rect(x - 2.5, y - 2.5, 5, 5, style="F")
    _scale_bar(pdf, box, frame)
    pdf.set_font("cjk", size=11)


def scale_bar_km(km_per_mm: float, longest_mm: float = 40.0) -> float:
    """The longest round length (1, 2 or 5 × 10ⁿ km) that fits in ``longest_mm`` on paper."""
    longest = km_per_mm * longest_mm
    step = 10 ** math.floor(math.log10(longest))
    return max(m * step for m in (1, 2, 5) if m * step <= longest)


def _scale_bar(
    pdf: CjkPdf, box: tuple[float, float, float, float], frame: tuple[float, float, float, float]
) -> None:
    """A metric scale bar under the map's lower left corner."""
    minx, miny, maxx, maxy = box
    (x0, _y0), (x1, _y1) = _project(minx, miny, box, frame), _project(maxx, miny, box, frame)
    k = math.cos(math.radians((miny + maxy) / 2))
    km_per_mm = (maxx - minx) * k * 111.32 / max(x1 - x0, 1e-9)
    km = scale_bar_km(km_per_mm)
    length = km / km_per_mm
    left, bottom = frame[0], frame[1] + frame[3] + 6
    pdf.set_draw_color(38, 50, 56)
    pdf.set_line_width(0.5)
    pdf.line(left, bottom, left + length, bottom)
    for tick in (left, left + length):
        pdf.line(tick, bottom - 1.5, tick, bottom)
    pdf.set_font("cjk", size=8)
    pdf.text(left + length + 2, bottom + 1, f"{km:g} km" if km >= 1 else f"{km * 1000:g} m")


def write_brief(
    facts: BriefFacts,
    plan: TourPlan,
    stops: list[Stop],
    out: Path,
    *,
    start,
    end=None,
    photo_dir: Path | None = None,
    title: str = "重点项目观摩拉练",
) -> Path:
    """Write the brief: a cover (route, timetable, totals) and a page per stop."""
    pdf = CjkPdf(cjk_font())
    day = facts.day
    by_id = {s.project_id: s for s in stops}
    ordered = [by_id[i] for i in plan.order]
    snap = facts.snapshot
    projects = snap.projects.set_index("id")
    schedule = measures.time_schedule(snap.as_of)
    flagged = facts.problems
    approval_items = facts.approvals

    pdf.add_page()
    pdf.heading(f"{title}路线及点位简介", 20)
    pdf.line_text(
        f"{formatting.date(day, 'zh')} · {len(ordered)}个点位 · 全程约{plan.total_km:.1f}公里 · "
        f"约{plan.total_minutes // 60}小时{plan.total_minutes % 60}分钟（含午餐）"
    )
    for n, (stop, arrive, leave) in enumerate(
        zip(ordered, plan.arrivals, plan.departures, strict=True), start=1
    ):
        pdf.line_text(f"{n}. {arrive:%H:%M}–{leave:%H:%M}  {formatting.shorten(stop.name, 40)}")
    if plan.dropped:
        names = "、".join(formatting.shorten(by_id[i].name, 30) for i in plan.dropped)
        pdf.line_text(formatting.shorten("当天未能安排：" + names, 200))
    _route_map(pdf, snap.zones, ordered, start, end)

    for n, (stop, arrive, leave) in enumerate(
        zip(ordered, plan.arrivals, plan.departures, strict=True), start=1
    ):
        p = projects.loc[stop.project_id]
        pdf.add_page()
        pdf.heading(f"第{n}站  {formatting.shorten(stop.name, 80)}", 16)
        pdf.line_text(
            f"{arrive:%H:%M}–{leave:%H:%M} · {formatting.text(p['township'])} {formatting.text(p['park'])}".strip()
        )
        pdf.line_text(
            f"建设单位：{formatting.text(p['owner'], '—')}    包保领导：{formatting.text(p['lead_leader'], '—')}    "
            f"责任单位：{formatting.text(p['responsible_unit'], '—')}"
        )
        pdf.line_text(
            f"年度计划投资 {formatting.wan(p['annual_plan_wan'])} 万元 · 完成 {formatting.wan(p['completed_wan'])} 万元 · "
            f"完成率 {formatting.percent(p['completion_rate'])}（时间进度 {formatting.percent(schedule)}）· "
            f"阶段：{label('stage', p['stage'], 'zh')}"
        )
        pdf.line_text(f"形象进度：{formatting.text(p['physical_progress'], '—')}")
        if photo_dir is not None:
            shown = facts.photos[stop.project_id]
            if not shown.empty and (photo_dir / shown.iloc[0]["file_name"]).exists():
                pdf.image(str(photo_dir / shown.iloc[0]["file_name"]), w=90)
        gaps = approval_items[
            (approval_items["project_id"] == stop.project_id)
            & approval_items["status"].isin(("pending", "not_applied"))
        ]
        if not gaps.empty:
            pdf.line_text(
                "前期手续未办结："
                + "、".join(
                    f"{label('approval_item', g['item'], 'zh')}（{g['department']}）"
                    for g in gaps.to_dict("records")
                )
            )
        open_here = flagged[(flagged["project_id"] == stop.project_id) & flagged["is_open"]]
        pdf.ln(2)
        pdf.heading("存在问题", 13)
        for row in problems.for_display(open_here, day).to_dict("records") or [
            {"description": "无"}
        ]:
            mark = "【逾期】" if row.get("overdue") else ""
            unit = (
                f"（{row['responsible_unit']}，时限{formatting.date(row['deadline'], 'zh')}）"
                if row.get("deadline")
                else ""
            )
            pdf.line_text(f"· {mark}{row['description']}{unit}")
        meetings, decisions = facts.meetings[stop.project_id]
        decided = meetings[meetings["id"].isin(decisions["meeting_id"])]
        if not decided.empty:
            last = decided.iloc[0]
            pdf.heading(
                f"最近一次会议交办事项（{formatting.date(last['held_on'], 'zh')} {last['title']}）",
                13,
            )
            for d in decisions[decisions["meeting_id"] == last["id"]].to_dict("records"):
                done = "已办结" if d["status"] == "done" else "未办结"
                pdf.line_text(f"· {d['action']}（{d['responsible_unit']}，{done}）")
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def brief_bytes(facts: BriefFacts, plan: TourPlan, stops: list[Stop], **kwargs: object) -> bytes:
    """:func:`write_brief` into memory, for a download button."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out = write_brief(facts, plan, stops, Path(folder) / "brief.pdf", **kwargs)
        return out.read_bytes()
