"""The canonical ledger out: what :mod:`geo.ingest.ledger` reads back unchanged.

Chinese headers, one row per project, money in 万元, lon/lat in WGS-84. No exported cell
may turn into a formula: in .xlsx every text cell is typed as text; in CSV a text starting
with = + - @ (or tab, CR) gets a leading apostrophe, which the reader strips again.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from geo import formatting
from geo.ingest.ledger import FIELDS, MONEY_FIELDS, MONTH_FIELDS
from geo.vocab import BUILD_TYPES, CATEGORIES, LEVELS, SOLVED_STATUSES, STAGES

LEDGER_COLUMNS = (
    "code",
    "name",
    "owner",
    "category",
    "level",
    "build_type",
    "stage",
    "park",
    "township",
    "total_wan",
    "annual_plan_wan",
    "completed_wan",
    "cumulative_wan",
    "progress",
    "planned_start",
    "planned_completion",
    "planned_production",
    "lead_leader",
    "responsible_unit",
    "project_secretary",
    "liaison",
    "task_force",
    "lon",
    "lat",
    "problems",
)
_SOURCE = {
    "total_wan": "total_investment_wan",
    "progress": "physical_progress",
}
_WORDS = {"category": CATEGORIES, "level": LEVELS, "build_type": BUILD_TYPES, "stage": STAGES}
_RISKY = ("=", "+", "-", "@", "\t", "\r", "\n")


def header(field_name: str) -> str:
    """The canonical header, with the unit for money: 年度计划投资(万元), 1月计划(万元)."""
    text = FIELDS[field_name][0]
    return f"{text}(万元)" if field_name in MONEY_FIELDS or field_name in MONTH_FIELDS else text


def ledger_frame(
    projects: pd.DataFrame,
    open_problems: dict[int, list[str]] | None = None,
    as_of: dt.date | None = None,
    targets: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Projects (a snapshot frame) as the canonical ledger table; with ``as_of``, a 截止日期
    column too, so that a CSV (which has no title rows) still says when it is from.

    With ``targets`` (:func:`geo.storage.store.load_targets` of the year) where any of these projects
    has some, the twelve columns 1月计划 … 12月计划, blank for a project without."""
    out = {}
    for f in LEDGER_COLUMNS:
        if f == "problems":
            values = ["；".join((open_problems or {}).get(int(i), [])) for i in projects["id"]]
        else:
            values = projects[_SOURCE.get(f, f)].tolist()
        if f in _WORDS:
            values = [_WORDS[f].get(v, v) for v in values]
        out[header(f)] = [None if v is None or v != v else v for v in values]  # v != v: NaN
    if targets is not None and not targets.empty:
        by_month = targets.pivot_table(index="project_id", columns="month", values="target_wan")
        by_month = by_month.reindex([int(i) for i in projects["id"]])
        if by_month.notna().any().any():
            for month, f in enumerate(MONTH_FIELDS, start=1):
                column = by_month[month] if month in by_month else [None] * len(projects)
                out[header(f)] = [None if v is None or v != v else float(v) for v in column]
    if as_of is not None:
        out[header("as_of")] = [as_of] * len(projects)
    return pd.DataFrame(out)


def open_problems(problems: pd.DataFrame) -> dict[int, list[str]]:
    """Each project's unresolved problems, for the ledger's 存在问题 column."""
    still_open = problems[~problems["status"].isin(SOLVED_STATUSES)]
    return still_open.groupby("project_id")["description"].apply(list).to_dict()


def write_xlsx(
    frame: pd.DataFrame, as_of: dt.date, path: Path | BinaryIO, title: str = "重点项目进展情况表"
) -> None:
    """The ledger as the office prints it: title, as-of and unit rows, then the table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append([title])
    sheet.append([f"截止时间：{formatting.date(as_of, 'zh')}    单位：万元"])
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    for cells in sheet.iter_rows(min_row=4):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    book.save(path)


def _cell(value: object) -> object:
    if isinstance(value, str):
        return formatting.printable(value)
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):
        return value.item()
    return value


def safe_csv_text(value: object) -> object:
    """OWASP: text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str):
        value = formatting.printable(value)
        return "'" + value if value.startswith(_RISKY) else value
    return value


def write_csv(frame: pd.DataFrame, path: Path | BinaryIO) -> None:
    frame.map(safe_csv_text).to_csv(path, index=False, encoding="utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, as_of: dt.date) -> bytes:
    """:func:`write_xlsx` into memory, for a download button."""
    buffer = io.BytesIO()
    write_xlsx(frame, as_of, buffer)
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    write_csv(frame, buffer)
    return buffer.getvalue()


def geojson(projects: pd.DataFrame) -> dict:
    """Projects as GeoJSON points (WGS-84) with their main figures."""
    keep = [
        "id",
        "code",
        "name",
        "owner",
        "park",
        "township",
        "category",
        "stage",
        "annual_plan_wan",
        "completed_wan",
        "completion_rate",
        "lead_leader",
        "responsible_unit",
    ]
    features = []
    for row in projects.to_dict("records"):
        props = {
            k: (None if row.get(k) is None or row.get(k) != row.get(k) else row.get(k))
            for k in keep
        }
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": json.loads(json.dumps(features, default=str))}


def geojson_bytes(projects: pd.DataFrame) -> bytes:
    return json.dumps(geojson(projects), ensure_ascii=False).encode("utf-8")
