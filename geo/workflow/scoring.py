"""Scoring an observation meeting (一听二看三评四公开): judges score each stop on weighted
criteria, and the ranking is published at once.

A judge's score for a stop is the weighted mean of their criteria (0–100); a stop's score is
the mean over the judges who scored it on every criterion. Equal scores share a rank (1, 1, 3).
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from geo.formatting import printable
from geo.refusals import Refusal, Term
from geo.storage import scoring as stored
from geo.storage import store
from geo.storage.scoring import Tour
from geo.storage.scoring import load_scores as load_scores
from geo.storage.store import Engine
from geo.weights import DEFAULT_CRITERIA as DEFAULT_CRITERIA
from geo.weights import Criterion as Criterion
from geo.weights import parse_criteria as parse_criteria


def ranking(scores: pd.DataFrame, criteria: tuple[Criterion, ...]) -> pd.DataFrame:
    """``scores`` (judge, project_id, criterion, value) → project_id, score, judges, rank."""
    weights = {c.key: c.weight for c in criteria}
    total = sum(weights.values())
    usable = scores[scores["criterion"].isin(weights)]
    per_judge = usable.pivot_table(
        index=["project_id", "judge"], columns="criterion", values="value", aggfunc="last"
    )
    per_judge = (
        per_judge.dropna(subset=list(weights), how="any")
        if set(weights) <= set(per_judge.columns)
        else per_judge.iloc[0:0]
    )
    if per_judge.empty:
        return pd.DataFrame(columns=["rank", "project_id", "score", "judges"])
    weighted = sum(per_judge[k] * w for k, w in weights.items()) / total
    table = weighted.groupby(level="project_id").agg(["mean", "size"]).reset_index()
    table.columns = ["project_id", "score", "judges"]
    table["score"] = table["score"].round(2)
    table = table.sort_values(["score", "project_id"], ascending=[False, True]).reset_index(
        drop=True
    )
    table["rank"] = table["score"].rank(method="min", ascending=False).astype(int)
    return table[["rank", "project_id", "score", "judges"]]


def create_tour(
    engine: Engine,
    title: str,
    held_on: dt.date,
    project_ids: list[int],
    criteria: tuple[Criterion, ...] = DEFAULT_CRITERIA,
    actor: str | None = None,
) -> int:
    if not title.strip() or not project_ids:
        raise Refusal("meeting_needs_title_and_stop")
    with store.transaction(engine, write=True, actor=actor) as s:
        return stored.add_tour(
            s, title.strip(), held_on, list(project_ids), [c.__dict__ for c in criteria]
        )


def load_tour(engine: Engine, tour_id: int) -> tuple[Tour, tuple[Criterion, ...], list[int]]:
    """The observation meeting, its criteria and its stops (project ids, in order)."""
    tour = stored.load_tour(engine, tour_id)
    return tour, tuple(Criterion(**c) for c in tour.criteria), tour.stops


def list_tours(engine: Engine) -> list[tuple[int, str]]:
    """Every observation meeting as ``(id, "date title")``, the latest created first."""
    return [(i, f"{held_on} {title}") for i, held_on, title in stored.list_tours(engine)]


def save_scores(
    engine: Engine,
    tour_id: int,
    judge: str,
    project_id: int,
    values: dict[str, float],
    actor: str | None = None,
) -> None:
    """A judge's scores of one stop (0–100 per criterion); saving again replaces them."""
    _tour, criteria, stops = load_tour(engine, tour_id)
    if not judge or not judge.strip():
        raise Refusal("required", field=Term.of("scoring.judge"))
    if project_id not in stops:
        raise Refusal("not_a_stop", id=project_id)
    keys = {c.key for c in criteria}
    for key, value in values.items():
        if key not in keys:
            raise ValueError(f"criterion {key!r} is not one of {', '.join(sorted(keys))}")
        if not 0 <= value <= 100:
            raise Refusal("score_range", criterion=key, value=f"{value:g}")
    with store.transaction(engine, write=True, actor=actor or judge) as s:
        stored.write_scores(s, tour_id, judge.strip(), project_id, values)


def ranking_xlsx(table: pd.DataFrame, names: dict[int, str], title: str) -> bytes:
    """The published ranking as a spreadsheet (names stay text, never formulas)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "排名"
    sheet.append([printable(f"{title}评分排名")])
    sheet.append(["名次", "项目", "得分", "评委人数"])
    for row in table.itertuples(index=False):
        sheet.append(
            [
                int(row.rank),
                printable(names.get(int(row.project_id), str(row.project_id))),
                float(row.score),
                int(row.judges),
            ]
        )
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ranking_pdf(table: pd.DataFrame, names: dict[int, str], title: str) -> bytes:
    """The published ranking as a one-page PDF (needs the Chinese font, see geo.reports.brief)."""
    from geo.reports.documents import CjkPdf

    pdf = CjkPdf()
    pdf.add_page()
    pdf.heading(f"{title}评分排名", 20)
    for row in table.itertuples(index=False):
        pdf.line_text(
            f"第{int(row.rank)}名  {names.get(int(row.project_id), row.project_id)}  {row.score:.2f}分（{int(row.judges)}位评委）"
        )
    return bytes(pdf.output())
