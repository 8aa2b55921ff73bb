"""The monthly bulletin (月通报): every number in it is one of the measures.

:func:`bulletin_facts` gathers the figures (pure, from a snapshot, the stages a month earlier
and the problem list); :func:`bulletin_document` words them in the office's register, in
Chinese or English, as blocks that :mod:`geo.reports.documents` writes as Word or PDF.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo import formatting
from geo.core import measures, problems, snapshot, trends
from geo.i18n import label, t
from geo.reports import documents
from geo.reports.documents import Centered, Heading, Paragraph, Signature, Table, Title
from geo.storage import store
from geo.storage.store import Engine
from geo.workflow import approvals, escalation, letters
from geo.workflow.signing import SigningFacts, signing_facts

#: How many zones are named as best and as worst (fewer when there are few zones).
ZONES_NAMED = 3


@dataclass(frozen=True)
class BulletinFacts:
    as_of: dt.date
    headline: measures.Headline
    categories: pd.DataFrame  # measures.by_group(…, "category")
    behind: pd.DataFrame  # projects behind schedule, lowest rate first
    batches: dict[str, list[str]]  # signed / started / producing this month → project names
    problems_raised: int
    problems_solved: int
    resolution_rate: float
    overdue_by_unit: pd.DataFrame  # unit, overdue, longest_days, carried_over
    parks: pd.DataFrame  # measures.by_group(…, "park"), best rate first
    townships: pd.DataFrame
    #: Projects that cannot start for a missing approval: (name, [approval item codes]).
    blocked: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Items the month's supervision letters chased for the second month running
    #: (:func:`geo.workflow.letters.escalated_items`).
    escalated: tuple[dict, ...] = ()
    #: The escalation ladder on the bulletin's date: problems at each step, those at 约谈 or
    #: beyond by name (:func:`geo.workflow.escalation.ladder_facts`).
    ladder: escalation.LadderFacts = escalation.LadderFacts()
    #: Signed investment agreements of the year and their starts (招商引资签约开工,
    #: :func:`geo.workflow.signing.signing_facts`); None: not read, no section.
    signing: SigningFacts | None = None


def overdue_by_unit(flagged: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Overdue problems per responsible unit: how many, the longest overdue (days) and how
    many of them were already taken to two or more meetings; most overdue first."""
    overdue = flagged[flagged["overdue"]]
    columns = ["unit", "overdue", "longest_days", "carried_over"]
    if overdue.empty:
        return pd.DataFrame(columns=columns)
    table = (
        overdue.assign(
            unit=overdue["responsible_unit"].fillna("—"),
            days=[(as_of - d).days for d in overdue["deadline"]],
        )
        .groupby("unit")
        .agg(
            overdue=("id", "size"),
            longest_days=("days", "max"),
            carried_over=("carried_over", "sum"),
        )
        .reset_index()
        .sort_values(["overdue", "longest_days", "unit"], ascending=[False, False, True])
    )
    return table[columns].reset_index(drop=True)


def _zones_by_rate(measured: pd.DataFrame, by: str) -> pd.DataFrame:
    groups = measures.by_group(measured, by).dropna(subset=["completion_rate"])
    return groups.sort_values(["completion_rate", "key"], ascending=[False, True]).reset_index(
        drop=True
    )


def bulletin_facts(
    measured: pd.DataFrame,
    stages_before: pd.Series,
    problem_list: pd.DataFrame,
    as_of: dt.date,
    approval_items: pd.DataFrame | None = None,
    escalated: list[dict] | None = None,
    ladder: escalation.LadderFacts | None = None,
    signing: SigningFacts | None = None,
) -> BulletinFacts:
    """The figures of the bulletin at ``as_of``.

    ``measured`` is the snapshot's projects; ``stages_before`` each project's stage at the
    end of the previous month (indexed by id), for the three batches; ``problem_list`` is
    :func:`geo.storage.store.load_problems`.
    """
    behind = measured[measured["behind_schedule"]].sort_values(
        ["completion_rate", "name"], kind="stable"
    )
    moved = trends.batches(stages_before, measured.set_index("id")["stage"])
    names = measured.set_index("id")["name"]
    flagged = problems.as_of(problem_list, as_of)
    return BulletinFacts(
        as_of=as_of,
        headline=measures.headline(measured, as_of),
        categories=measures.by_group(measured, "category"),
        behind=behind.reset_index(drop=True),
        batches={kind: [names[i] for i in ids] for kind, ids in moved.items()},
        problems_raised=len(flagged),
        problems_solved=int((~flagged["is_open"]).sum()),
        resolution_rate=problems.resolution_rate(flagged),
        overdue_by_unit=overdue_by_unit(flagged, as_of),
        parks=_zones_by_rate(measured, "park"),
        townships=_zones_by_rate(measured, "township"),
        blocked=tuple(
            (row["name"], tuple(row["missing"]))
            for row in approvals.blocked_projects(measured, approval_items).to_dict("records")
        )
        if approval_items is not None
        else (),
        escalated=tuple(escalated or ()),
        ladder=ladder or escalation.LadderFacts(),
        signing=signing,
    )


def compile_facts(engine: Engine, as_of: dt.date | None = None) -> BulletinFacts:
    """:func:`bulletin_facts` read from the database (default: the latest report date)."""
    snap = snapshot.take_snapshot(engine, as_of)
    before = store.load_projects(engine, trends.previous_month_end(snap.as_of))
    problem_list = store.load_problems(engine)
    chased = letters.escalated_items(engine, letters.Month(snap.as_of.year, snap.as_of.month))
    return bulletin_facts(
        snap.projects,
        before.set_index("id")["stage"],
        problem_list,
        snap.as_of,
        approvals.load_approvals(engine),
        letters.still_open(chased, problem_list, letters.load_all_decisions(engine), snap.as_of),
        ladder=escalation.read_ladder_facts(engine, snap.as_of, problem_list),
        signing=signing_facts(engine, snap.as_of),
    )


# --------------------------------------------------------------------------- wording


def _month(day: dt.date, lang: str) -> str:
    return f"{day.month}月份" if lang == "zh" else calendar.month_name[day.month]


def _money(value_wan: float, lang: str) -> str:
    # Documents write "169.91亿元" without the space the screen puts between number and unit.
    text = formatting.money(value_wan, lang)
    return text.replace(" ", "") if lang == "zh" else text


def _list(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def _numbered(n: int, text: str, lang: str) -> Heading:
    return Heading(f"{documents.chinese_number(n)}、{text}" if lang == "zh" else f"{n}. {text}")


def _comparison(rate: float, schedule: float, lang: str) -> str:
    gap = round((rate - schedule) * 100, 1)
    values = {"schedule": formatting.percent(schedule), "gap": f"{abs(gap):.1f}"}
    if gap > 0:
        return t("bulletin.ahead", lang, **values)
    if gap < 0:
        return t("bulletin.behind", lang, **values)
    return t("bulletin.level", lang, **values)


def _overall(facts: BulletinFacts, lang: str, area: str) -> list:
    h = facts.headline
    text = t(
        "bulletin.overall",
        lang,
        date=formatting.date(facts.as_of, lang),
        area=area,
        projects=h.projects,
        plan=_money(h.annual_plan_wan, lang),
        done=_money(h.completed_wan, lang),
        rate=formatting.percent(h.completion_rate),
        comparison=_comparison(h.completion_rate, h.time_schedule, lang),
        behind=h.behind_schedule,
        low=h.below_30pct,
    )
    return [Paragraph(text)]


def _categories(facts: BulletinFacts, lang: str) -> list:
    table = facts.categories
    items = [
        t(
            "bulletin.category_item",
            lang,
            category=label("category", row.key, lang),
            projects=int(row.projects),
            rate=formatting.percent(row.completion_rate),
        )
        for row in table.itertuples(index=False)
    ]
    rows = [
        (
            label("category", row.key, lang),
            str(int(row.projects)),
            formatting.wan(row.annual_plan_wan),
            formatting.wan(row.completed_wan),
            formatting.percent(row.completion_rate),
        )
        for row in table.itertuples(index=False)
    ]
    h = facts.headline
    rows.append(
        (
            t("bulletin.total", lang),
            str(h.projects),
            formatting.wan(h.annual_plan_wan),
            formatting.wan(h.completed_wan),
            formatting.percent(h.completion_rate),
        )
    )
    header = tuple(
        t(f"bulletin.col.{c}", lang) for c in ("category", "projects", "plan", "done", "rate")
    )
    return [
        Paragraph(t("bulletin.categories", lang, items=t("bulletin.sep", lang).join(items))),
        Table(header, tuple(rows), widths=(3, 2, 3, 3, 2)),
    ]


def _batches(facts: BulletinFacts, lang: str) -> list:
    counts = {kind: len(names) for kind, names in facts.batches.items()}
    out = [Paragraph(t("bulletin.batches", lang, month=_month(facts.as_of, lang), **counts))]
    for kind, names in facts.batches.items():
        if names:
            out.append(Paragraph(t(f"bulletin.batch.{kind}", lang, names=_list(names, lang))))
    return out


def _first(*values: object) -> str:
    """The first value that is given (a missing zone is NaN or None), as text."""
    return next((str(v) for v in values if isinstance(v, str) and v), "")


def _behind(facts: BulletinFacts, lang: str) -> list:
    h = facts.headline
    if facts.behind.empty:
        return [Paragraph(t("bulletin.none_behind", lang))]
    rows = tuple(
        (
            str(n),
            ("★" if row["below_30pct"] else "") + row["name"],
            _first(row["park"], row["township"]),
            _first(row["responsible_unit"]),
            _first(row["lead_leader"]),
            formatting.percent(row["completion_rate"]),
        )
        for n, row in enumerate(facts.behind.to_dict("records"), start=1)
    )
    header = tuple(
        t(f"bulletin.col.{c}", lang)
        for c in ("number", "project", "zone", "unit", "leader", "rate")
    )
    return [
        Paragraph(t("bulletin.behind_intro", lang, behind=h.behind_schedule, low=h.below_30pct)),
        Table(header, rows, widths=(1, 5, 3, 3, 2, 2)),
    ]


def _problems(facts: BulletinFacts, lang: str) -> list:
    overdue = facts.overdue_by_unit
    first = t(
        "bulletin.problems",
        lang,
        date=formatting.date(facts.as_of, lang),
        raised=facts.problems_raised,
        solved=facts.problems_solved,
        rate=formatting.percent(facts.resolution_rate),
    )
    if overdue.empty:
        return [Paragraph(first + t("bulletin.no_overdue", lang))]
    second = t("bulletin.overdue", lang, overdue=int(overdue["overdue"].sum()), units=len(overdue))
    rows = tuple(
        (str(n), row.unit, str(row.overdue), str(row.longest_days), str(row.carried_over))
        for n, row in enumerate(overdue.itertuples(index=False), start=1)
    )
    header = tuple(
        t(f"bulletin.col.{c}", lang)
        for c in ("number", "unit", "overdue", "longest_days", "carried_over")
    )
    return [Paragraph(first + second), Table(header, rows, widths=(1, 5, 2, 2, 3))]


def _escalated(facts: BulletinFacts, lang: str) -> Paragraph:
    items = [
        t(
            "bulletin.escalated_item",
            lang,
            unit=item["unit"],
            project=item["project"] or "—",
            text=item["text"],
            days=item["days_overdue"],
        )
        for item in facts.escalated
    ]
    return Paragraph(
        t("bulletin.escalated", lang, n=len(items), items=t("bulletin.sep", lang).join(items))
    )


def _ladder(facts: BulletinFacts, lang: str) -> list:
    """How many open problems stand at each step, then those at 约谈 or beyond by name."""
    ladder = facts.ladder
    counts = [
        t("bulletin.ladder_count", lang, step=label("escalation_step", step, lang), n=n)
        for step, n in ladder.counts
        if n
    ]
    first = t(
        "bulletin.ladder",
        lang,
        date=formatting.date(facts.as_of, lang),
        n=ladder.total,
        counts=t("escalation.sep", lang).join(counts),
    )
    if not ladder.serious:
        return [Paragraph(first)]
    rows = tuple(
        (
            str(n),
            item["unit"] or "—",
            item["project"] or "—",
            item["problem"],
            label("escalation_step", item["step"], lang),
            formatting.date(item["since"], lang),
        )
        for n, item in enumerate(ladder.serious, start=1)
    )
    header = tuple(
        t(f"escalation.col.{c}", lang) for c in ("unit", "project", "problem", "step", "since")
    )
    return [
        Paragraph(first + t("bulletin.ladder_serious", lang)),
        Table((t("bulletin.col.number", lang), *header), rows, widths=(1, 4, 4, 6, 2, 3)),
    ]


def _signing(facts: SigningFacts, lang: str) -> list:
    """The year's investment agreements: signed, started, the start rate, by zone, and the
    ones past their planned start."""
    s, day = facts.summary, formatting.date(facts.as_of, lang)
    if not s.signed:
        out = [Paragraph(t("bulletin.signing_none", lang, year=facts.year, date=day))]
    else:
        text = t(
            "bulletin.signing",
            lang,
            year=facts.year,
            date=day,
            signed=s.signed,
            agreed=_money(s.agreed_wan, lang),
            started=s.started,
            rate=formatting.percent(s.start_rate),
            started_money=_money(s.started_wan, lang),
            fulfilment=formatting.percent(s.fulfilment_rate),
        )
        if s.started:
            months = {"mean": f"{s.months_mean:.1f}", "median": f"{s.months_median:.1f}"}
            text += t("bulletin.signing_months", lang, **months)
        rows = tuple(
            (
                _first(row.key) or t("signing.no_zone", lang),
                str(row.signed),
                str(row.started),
                formatting.percent(row.start_rate),
                formatting.wan(row.agreed_wan),
            )
            for row in facts.by_zone.itertuples(index=False)
        )
        total = (
            t("bulletin.total", lang),
            str(s.signed),
            str(s.started),
            formatting.percent(s.start_rate),
            formatting.wan(s.agreed_wan),
        )
        columns = ("signed", "started", "rate", "agreed")
        header = (
            t("bulletin.col.zone", lang),
            *(t(f"bulletin.signing_col.{c}", lang) for c in columns),
        )
        out = [
            Paragraph(text),
            Paragraph(t("bulletin.signing_zones", lang)),
            Table(header, (*rows, total), widths=(4, 2, 2, 2, 3)),
        ]
    if facts.overdue.empty:
        return [*out, Paragraph(t("bulletin.signing_none_overdue", lang))]
    late = tuple(
        (
            str(n),
            row["name"],
            _first(row["zone"]),
            _first(row["responsible_unit"]),
            formatting.date(row["planned_start"], lang),
            str(row["days_late"]),
        )
        for n, row in enumerate(facts.overdue.to_dict("records"), start=1)
    )
    header = (
        *(t(f"bulletin.col.{c}", lang) for c in ("number", "project", "zone", "unit")),
        *(t(f"bulletin.signing_col.{c}", lang) for c in ("planned", "days_late")),
    )
    return [
        *out,
        Paragraph(t("bulletin.signing_overdue", lang, n=len(late))),
        Table(header, late, widths=(1, 5, 3, 3, 3, 2)),
    ]


def _zone_sentence(groups: pd.DataFrame, kind: str, lang: str) -> str | None:
    if len(groups) < 2:
        return None
    n = min(ZONES_NAMED, len(groups) // 2)

    def named(rows: pd.DataFrame) -> str:
        return _list(
            [f"{r.key}（{formatting.percent(r.completion_rate)}）" for r in rows.itertuples()]
            if lang == "zh"
            else [f"{r.key} ({formatting.percent(r.completion_rate)})" for r in rows.itertuples()],
            lang,
        )

    return t(
        "bulletin.zones",
        lang,
        kind=t(f"bulletin.kind.{kind}", lang),
        best=named(groups.head(n)),
        worst=named(groups.tail(n).iloc[::-1]),
    )


def bulletin_document(
    facts: BulletinFacts, lang: str, *, issuer: str, area: str, issued_on: dt.date | None = None
) -> documents.Document:
    """The bulletin as blocks: title, number, then the sections in the office's order."""
    issued_on = issued_on or dt.date.today()
    area_words = t(f"area.{area}", lang)
    sections = [
        ("overall", _overall(facts, lang, area_words)),
        ("categories", _categories(facts, lang)),
        ("batches", _batches(facts, lang)),
        ("behind", _behind(facts, lang)),
        ("problems", _problems(facts, lang)),
    ]
    if facts.signing is not None and (facts.signing.summary.signed or len(facts.signing.overdue)):
        # Signing to start comes before the projects' own progress: where the batches begin.
        after = [key for key, _ in sections].index("batches") + 1
        sections.insert(after, ("signing", _signing(facts.signing, lang)))
    zones = [
        s
        for s in (
            _zone_sentence(facts.parks, "park", lang),
            _zone_sentence(facts.townships, "township", lang),
        )
        if s
    ]
    if facts.blocked:
        items = [
            t(
                "bulletin.blocked_item",
                lang,
                name=name,
                missing=_list([label("approval_item", m, lang) for m in missing], lang),
            )
            for name, missing in facts.blocked
        ]
        sections.append(
            (
                "approvals",
                [
                    Paragraph(
                        t(
                            "bulletin.blocked",
                            lang,
                            n=len(items),
                            items=t("bulletin.sep", lang).join(items),
                        )
                    )
                ],
            )
        )
    if facts.escalated:
        sections.append(("escalated", [_escalated(facts, lang)]))
    if facts.ladder.total:
        sections.append(("ladder", _ladder(facts, lang)))
    if zones:
        sections.append(("zones", [Paragraph(z) for z in zones]))
    sections.append(("next", [Paragraph(t("bulletin.next_steps", lang))]))

    blocks: list[documents.Block] = [
        Title(t("bulletin.title", lang, area=area_words)),
        Centered(t("bulletin.issue", lang, year=facts.as_of.year, number=facts.as_of.month)),
        Centered(issuer),
        Paragraph(
            t("bulletin.intro", lang, date=formatting.date(facts.as_of, lang), area=area_words)
        ),
    ]
    for n, (key, content) in enumerate(sections, start=1):
        blocks.append(_numbered(n, t(f"bulletin.h.{key}", lang), lang))
        blocks.extend(content)
    blocks.append(Signature((issuer, formatting.date(issued_on, lang))))
    title = t("bulletin.title", lang, area=area_words)
    return documents.Document(tuple(blocks), meta={"title": title, "author": issuer})
