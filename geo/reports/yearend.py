"""The year's report (年度重点项目建设年终决算及考核情况): a closed year's frozen totals, its
parks and townships, the annual assessment with grades, and the rewards and sanctions, in the
office's register, as blocks that :mod:`geo.reports.documents` writes as Word or PDF."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo import formatting
from geo.i18n import label, t
from geo.reports import documents
from geo.reports.documents import Centered, Heading, Paragraph, Signature, Table, Title
from geo.workflow import ranking
from geo.workflow.yearend import REWARD_GROUPINGS, YearEnd, measure_label


def _money(value_wan: float, lang: str) -> str:
    text = formatting.money(value_wan, lang)
    return text.replace(" ", "") if lang == "zh" else text


def _numbered(n: int, text: str, lang: str) -> Heading:
    return Heading(f"{documents.chinese_number(n)}、{text}" if lang == "zh" else f"{n}. {text}")


def _overall(year_end: YearEnd, lang: str, area: str) -> list[documents.Block]:
    h = year_end.headline
    return [
        Paragraph(
            t(
                "yearend.doc.overall",
                lang,
                year=year_end.year,
                date=formatting.date(year_end.as_of, lang),
                area=area,
                projects=h.projects,
                plan=_money(h.annual_plan_wan, lang),
                done=_money(h.completed_wan, lang),
                rate=formatting.percent(h.completion_rate),
                behind=h.behind_schedule,
                low=h.below_30pct,
            )
        )
    ]


def _zone_rows(groups: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            str(row.key),
            str(int(row.projects)),
            formatting.wan(row.annual_plan_wan),
            formatting.wan(row.completed_wan),
            formatting.percent(row.completion_rate),
        )
        for row in groups.itertuples(index=False)
    )


def _zones(year_end: YearEnd, lang: str) -> list[documents.Block]:
    out: list[documents.Block] = []
    for by, groups in (("park", year_end.parks), ("township", year_end.townships)):
        if groups.empty:
            continue
        header = (
            t(f"col.{by}", lang),
            *(
                t(f"yearend.col.{c}", lang)
                for c in ("projects", "annual_plan", "completed", "rate")
            ),
        )
        out.append(Paragraph(t(f"yearend.doc.by_{by}", lang)))
        out.append(Table(header, _zone_rows(groups), widths=(4, 2, 3, 3, 2)))
    return out or [Paragraph(t("yearend.doc.no_zones", lang))]


def _assessment(year_end: YearEnd, lang: str) -> list[documents.Block]:
    assessed = year_end.assessments
    out: list[documents.Block] = [Paragraph(t("yearend.doc.method", lang))]
    header = tuple(t(f"yearend.col.{c}", lang) for c in ("rank", "key", "score", "grade"))
    present = [by for by in ranking.GROUPINGS if (assessed["grouping"] == by).any()]
    for n, by in enumerate(present, start=1):
        rows = assessed[assessed["grouping"] == by]
        title = t(f"ranking.by.{by}", lang)
        out.append(
            Paragraph(f"（{documents.chinese_number(n)}）{title}" if lang == "zh" else title)
        )
        out.append(
            Table(
                header,
                tuple(
                    (
                        "—" if formatting.is_missing(r.rank) else str(int(r.rank)),
                        str(r.key),
                        "—" if formatting.is_missing(r.score) else f"{r.score:.1f}",
                        label("assessment_grade", r.grade, lang) if r.grade else "—",
                    )
                    for r in rows.itertuples(index=False)
                ),
                widths=(1, 5, 2, 2),
            )
        )
    return out


def _rewards(year_end: YearEnd, lang: str) -> list[documents.Block]:
    rows = year_end.rewards
    if rows.empty:
        return [Paragraph(t("yearend.doc.no_rewards", lang))]
    counts = rows["kind"].value_counts()
    header = tuple(
        t(f"yearend.col.{c}", lang)
        for c in ("target", "grouping", "kind", "measure", "decided_on", "document_no", "note")
    )
    return [
        Paragraph(
            t(
                "yearend.doc.rewards",
                lang,
                rewards=int(counts.get("reward", 0)),
                sanctions=int(counts.get("sanction", 0)),
            )
        ),
        Table(
            header,
            tuple(
                (
                    str(r.target),
                    t(f"yearend.for.{r.grouping}", lang)
                    if r.grouping in REWARD_GROUPINGS
                    else str(r.grouping),
                    label("reward_kind", r.kind, lang),
                    measure_label(r.kind, r.measure, lang),
                    formatting.date(r.decided_on, lang),
                    formatting.text(r.document_no),
                    formatting.text(r.note),
                )
                for r in rows.itertuples(index=False)
            ),
            widths=(3, 2, 1.5, 2.5, 2.5, 3, 4),
        ),
    ]


def year_document(
    year_end: YearEnd, lang: str, *, issuer: str, area: str, issued_on: dt.date | None = None
) -> documents.Document:
    """The year's report as blocks: title, the close, then totals, zones, the assessment and
    the rewards and sanctions."""
    area_words = t(f"area.{area}", lang)
    title = t("yearend.doc.title", lang, area=area_words, year=year_end.year)
    sections = (
        ("overall", _overall(year_end, lang, area_words)),
        ("zones", _zones(year_end, lang)),
        ("assessment", _assessment(year_end, lang)),
        ("rewards", _rewards(year_end, lang)),
    )
    blocks: list[documents.Block] = [
        Title(title),
        Centered(issuer),
        Centered(t("yearend.doc.as_of", lang, date=formatting.date(year_end.as_of, lang))),
        Paragraph(
            t(
                "yearend.doc.intro",
                lang,
                year=year_end.year,
                date=formatting.date(year_end.as_of, lang),
                area=area_words,
            )
        ),
    ]
    for n, (key, content) in enumerate(sections, start=1):
        blocks.append(_numbered(n, t(f"yearend.doc.h.{key}", lang), lang))
        blocks.extend(content)
    blocks.append(Signature((issuer, formatting.date(issued_on or dt.date.today(), lang))))
    return documents.Document(tuple(blocks), meta={"title": title, "author": issuer})
