"""Work stoppage and resumption (停复工): who stops, who is back, the resumption rate by zone.

Around the Spring Festival, holidays and pollution-control days (重污染天气管控) each site
reports whether it stops, when, how many people stay on site each day (留守/在岗人数) and when
it resumes. On a given day a project is

- ``resumed``: it stopped and resumed on or before that day;
- ``stopped``: it stopped on or before that day and has not resumed;
- ``working``: it reported that it does not stop (or its stoppage has not begun yet);
- ``not_reported``: it is expected to report and has not;
- ``not_expected``: not a construction site in this period, and no report.

**Expected to report** are the projects under construction when the period begins (stage
``started`` or ``building`` in their last monthly report on or before its first day), and
any other project that did report. The **resumption rate (复工率)** of a zone is
(resumed + working) ÷ expected: a project that has not reported counts against it.

The functions on DataFrames are pure; ``load_*``, ``statuses_for``, ``add_period``,
``save_report`` and ``record_headcounts`` read and write through :mod:`geo.storage.stoppages`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import pandas as pd

from geo import formatting, vocab
from geo.formatting import is_missing
from geo.i18n import t
from geo.refusals import Refusal, Term
from geo.storage import stoppages, store

# Read as stored; the pages and the command line read them through this module.
from geo.storage.stoppages import load_headcounts as load_headcounts
from geo.storage.stoppages import load_periods as load_periods
from geo.storage.stoppages import load_reports as load_reports
from geo.storage.store import Engine
from geo.vocab import STOPPAGE_KINDS, check_code

#: Stages whose projects are sites expected to report in a stoppage period.
EXPECTED_STAGES = ("started", "building")
#: The groups the rate is computed by.
GROUPS = vocab.RESUMPTION_GROUPS
_COUNTED = ("resumed", "working", "stopped", "not_reported")


# --------------------------------------------------------------------------- validation


#: The report's fields by the words the form uses for them (refusals name them so).
_FIELD = {
    name: Term.of(f"resumption.{name}")
    for name in ("starts_on", "ends_on", "stopped_on", "planned_resume_on", "resumed_on", "day")
}


def _day(value: object) -> dt.date | None:
    return None if is_missing(value) else value


def check_period(name: str, kind: str, starts_on: dt.date, ends_on: dt.date) -> None:
    """Raise ``ValueError`` unless the period has a name, a known kind and ends after it starts."""
    if not name.strip():
        raise Refusal("period_needs_name")
    check_code("kind", kind, STOPPAGE_KINDS)
    if ends_on < starts_on:
        raise Refusal(
            "date_before",
            later=_FIELD["ends_on"],
            later_on=ends_on,
            earlier=_FIELD["starts_on"],
            earlier_on=starts_on,
        )


def check_report(
    starts_on: dt.date,
    ends_on: dt.date,
    *,
    stops: bool,
    stopped_on: dt.date | None,
    planned_resume_on: dt.date | None,
    resumed_on: dt.date | None,
    today: dt.date | None = None,
) -> None:
    """Raise ``ValueError`` naming the field and value when a report does not hold together:
    a stop outside the period, a resumption before the stop or in the future, dates for a
    project that does not stop.

    >>> check_report(dt.date(2026, 10, 25), dt.date(2026, 11, 5), stops=True,
    ...              stopped_on=dt.date(2026, 10, 26), planned_resume_on=None,
    ...              resumed_on=dt.date(2026, 10, 24))
    Traceback (most recent call last):
    geo.refusals.Refusal: Resumed on 2026-10-24 is before Stopped on 2026-10-26
    """
    if not isinstance(stops, bool):
        raise ValueError(f"stops={stops!r} must be true or false")
    if not stops:
        for field, value in (
            ("stopped_on", stopped_on),
            ("planned_resume_on", planned_resume_on),
            ("resumed_on", resumed_on),
        ):
            if value is not None:
                raise Refusal("given_without_stop", field=_FIELD[field], value=value)
        return
    if stopped_on is None:
        raise Refusal("stopped_on_missing")
    if not starts_on <= stopped_on <= ends_on:
        raise Refusal(
            "outside_period",
            field=_FIELD["stopped_on"],
            value=stopped_on,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    for field, value in (("planned_resume_on", planned_resume_on), ("resumed_on", resumed_on)):
        if value is not None and value < stopped_on:
            raise Refusal(
                "date_before",
                later=_FIELD[field],
                later_on=value,
                earlier=_FIELD["stopped_on"],
                earlier_on=stopped_on,
            )
    if today is not None and resumed_on is not None and resumed_on > today:
        raise Refusal("resumed_in_future", value=resumed_on)


def check_headcounts(
    starts_on: dt.date,
    ends_on: dt.date,
    counts: Mapping[dt.date, int],
    resumed_on: dt.date | None = None,
) -> None:
    """Raise ``ValueError`` for a negative or non-whole headcount, or a day outside the period
    (which runs on to the resumption when a site resumes late)."""
    last = max(ends_on, resumed_on or ends_on)
    for day, count in counts.items():
        if not isinstance(count, int) or isinstance(count, bool):
            raise Refusal("headcount_not_whole", day=day, value=repr(count))
        if count < 0:
            raise Refusal("headcount_negative", day=day, value=count)
        if not starts_on <= day <= last:
            raise Refusal(
                "outside_period", field=_FIELD["day"], value=day, starts_on=starts_on, ends_on=last
            )


# --------------------------------------------------------------------------- measures


def status_on(
    stops: bool | None,
    stopped_on: dt.date | None,
    resumed_on: dt.date | None,
    day: dt.date,
    *,
    expected: bool = True,
) -> str:
    """One project's status on ``day`` from its report (``stops=None``: no report).

    >>> status_on(True, dt.date(2026, 2, 10), dt.date(2026, 3, 1), dt.date(2026, 2, 20))
    'stopped'
    """
    if stops is None:
        return "not_reported" if expected else "not_expected"
    if not stops:
        return "working"
    if resumed_on is not None and resumed_on <= day:
        return "resumed"
    if stopped_on is not None and stopped_on <= day:
        return "stopped"
    return "working"


def _stages_then(
    out: pd.DataFrame, start_stages: pd.Series | None, starts_on: dt.date | None
) -> list[object]:
    """Each project's stage when the period began: its report's then; without one, its stage
    now — unless it was planned to start only after the period began (it was no site then)."""
    now = list(out["stage"]) if "stage" in out else [None] * len(out)
    if start_stages is None:
        return now
    planned = list(out["planned_start"]) if "planned_start" in out else [None] * len(out)
    return [
        then
        if isinstance(then, str)
        else None
        if starts_on is not None and isinstance(p, dt.date) and p > starts_on
        else current
        for then, current, p in zip(out["id"].map(start_stages), now, planned, strict=True)
    ]


def with_status(
    projects: pd.DataFrame,
    reports: pd.DataFrame,
    day: dt.date,
    start_stages: pd.Series | None = None,
    starts_on: dt.date | None = None,
) -> pd.DataFrame:
    """``projects`` (``id`` and anything else) with their report's fields and
    ``resumption_status`` on ``day`` (``not_expected``: not counted at all).

    ``reports`` are one period's (``project_id, stops, stopped_on, planned_resume_on,
    resumed_on``); ``start_stages`` the projects' stages when the period began (``starts_on``),
    by id (default: ``projects["stage"]``); see :func:`_stages_then` for those without one.
    """
    columns = ["stops", "stopped_on", "planned_resume_on", "resumed_on"]
    mine = reports[["project_id", *columns]].rename(columns={"project_id": "id"})
    out = projects.drop(columns=[c for c in columns if c in projects], errors="ignore")
    out = out.merge(mine, on="id", how="left")
    stages = pd.Series(_stages_then(out, start_stages, starts_on), index=out.index, dtype=object)
    reported = out["id"].isin(mine["id"])
    expected = stages.isin(EXPECTED_STAGES).to_numpy() | reported.to_numpy()
    out["resumption_status"] = [
        status_on(None if not r else bool(s), _day(a), _day(b), day, expected=bool(e))
        for r, s, a, b, e in zip(
            reported, out["stops"], out["stopped_on"], out["resumed_on"], expected, strict=True
        )
    ]
    for column in ("stopped_on", "planned_resume_on", "resumed_on"):
        out[column] = [_day(v) for v in out[column]]
    return out


@dataclass(frozen=True)
class Summary:
    """The headline numbers of one period on one day."""

    expected: int
    resumed: int
    working: int
    stopped: int
    not_reported: int
    resumption_rate: float  # NaN when no project is expected

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        rate = out["resumption_rate"]
        out["resumption_rate"] = None if pd.isna(rate) else round(float(rate), 6)
        return out


def _rate(back: int, expected: int) -> float:
    return back / expected if expected else float("nan")


def summary(statuses: pd.DataFrame) -> Summary:
    """Counts over the expected projects of :func:`with_status` and their resumption rate."""
    counts = statuses["resumption_status"].value_counts()
    n = {s: int(counts.get(s, 0)) for s in _COUNTED}
    expected = sum(n.values())
    return Summary(
        expected=expected, **n, resumption_rate=_rate(n["resumed"] + n["working"], expected)
    )


def by_zone(statuses: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per park or township (``by``): ``key, expected, resumed, working, stopped,
    not_reported, resumption_rate``; lowest rate first, then by name. Projects outside any
    zone of that kind are left out."""
    check_code("by", by, GROUPS)
    expected = statuses[(statuses["resumption_status"] != "not_expected") & statuses[by].notna()]
    if expected.empty:
        return pd.DataFrame(columns=["key", "expected", *_COUNTED, "resumption_rate"])
    table = pd.crosstab(expected[by], expected["resumption_status"])
    table = table.reindex(columns=list(_COUNTED), fill_value=0).astype(int)
    table["expected"] = table.sum(axis=1)
    table["resumption_rate"] = (table["resumed"] + table["working"]) / table["expected"]
    table = table.rename_axis("key").reset_index()
    table = table[["key", "expected", *_COUNTED, "resumption_rate"]]
    return table.sort_values(["resumption_rate", "key"]).reset_index(drop=True)


def not_reported(statuses: pd.DataFrame) -> pd.DataFrame:
    """The projects that should have reported and have not, with who answers for them:
    ``id, name, park, township, responsible_unit, lead_leader``, by township and name."""
    missing = statuses[statuses["resumption_status"] == "not_reported"]
    columns = ["id", "name", "park", "township", "responsible_unit", "lead_leader"]
    out = missing.sort_values(["township", "name"], na_position="last")[columns]
    out = out.astype({c: object for c in columns[1:]})
    return out.where(out.notna(), None).reset_index(drop=True)


def late_to_resume(statuses: pd.DataFrame, ends_on: dt.date, day: dt.date) -> pd.DataFrame:
    """Sites still stopped on ``day`` after they should be back: past their own planned
    resumption or the period's end, whichever is earlier. ``id, name, township,
    responsible_unit, lead_leader, due, days_late``; most days late first."""
    stopped = statuses[statuses["resumption_status"] == "stopped"]
    due = [min(ends_on, p) if p is not None else ends_on for p in stopped["planned_resume_on"]]
    out = stopped.assign(due=due, days_late=[(day - d).days for d in due])
    out = out[out["days_late"] > 0]
    columns = ["id", "name", "township", "responsible_unit", "lead_leader", "due", "days_late"]
    return out.sort_values(["days_late", "name"], ascending=[False, True])[columns].reset_index(
        drop=True
    )


def headcount_by_zone(headcounts: pd.DataFrame, projects: pd.DataFrame, by: str) -> pd.DataFrame:
    """People on site per day summed by park or township: ``key, on_date, headcount, sites``
    (how many sites reported that day), by zone and day."""
    check_code("by", by, GROUPS)
    zoned = headcounts.merge(projects[["id", by]], left_on="project_id", right_on="id")
    zoned = zoned[zoned[by].notna()]
    table = (
        zoned.groupby([by, "on_date"])
        .agg(headcount=("headcount", "sum"), sites=("project_id", "nunique"))
        .reset_index()
        .rename(columns={by: "key"})
    )
    table["headcount"] = table["headcount"].astype(int)
    table["sites"] = table["sites"].astype(int)
    return table.sort_values(["key", "on_date"]).reset_index(drop=True)


def zone_shading(statuses: pd.DataFrame, zone_rates: pd.DataFrame) -> pd.DataFrame:
    """``zone_rates`` (:func:`geo.core.measures.zone_rates`) with the resumption rate in place of
    ``completion_rate`` and the projects expected to report as ``projects``: what the map's
    zone layer shows when it is coloured by resumption."""
    out = zone_rates.copy()
    rate = pd.Series(float("nan"), index=out.index)
    expected = pd.Series(0, index=out.index)
    for kind in GROUPS:  # by kind and name: a park may share its name with a township
        groups = by_zone(statuses, kind).set_index("key")
        mine = out["kind"] == kind
        rate[mine] = out.loc[mine, "name"].map(groups["resumption_rate"]).astype(float)
        expected[mine] = out.loc[mine, "name"].map(groups["expected"]).fillna(0).astype(int)
    out["completion_rate"] = rate.astype(float)
    out["projects"] = expected.astype(int)
    return out


def current_period(periods: pd.DataFrame, day: dt.date) -> pd.Series | None:
    """The latest period that has begun by ``day`` (None when none has)."""
    begun = periods[periods["starts_on"] <= day]
    return None if begun.empty else begun.sort_values(["starts_on", "id"]).iloc[-1]


def find_period(periods: pd.DataFrame, ref: str | int) -> pd.Series:
    """A period by its id or its name; ``ValueError`` naming what exists otherwise."""
    text = str(ref).strip()
    hit = periods[periods["name"] == text]
    if hit.empty and text.isdigit():
        hit = periods[periods["id"] == int(text)]
    if hit.empty:
        names = ", ".join(f"{i} {n}" for i, n in zip(periods["id"], periods["name"], strict=True))
        raise ValueError(f"period={text!r} does not exist; there are: {names or 'none'}")
    return hit.iloc[0]


def records(period: pd.Series, statuses: pd.DataFrame, day: dt.date, by: str) -> dict[str, object]:
    """JSON-ready: the period, the summary, the rate by ``by`` and who has not reported (the
    command line's ``resumption --json``)."""

    groups = by_zone(statuses, by)
    missing = not_reported(statuses)
    late = late_to_resume(statuses, period["ends_on"], day)
    return {
        "period": formatting.jsonable(
            {k: period[k] for k in ("id", "name", "kind", "starts_on", "ends_on")}
        ),
        "as_of": day.isoformat(),
        "summary": summary(statuses).to_dict(),
        "by": by,
        "groups": formatting.json_records(
            groups,
            {c: c for c in groups.columns},
            rates=("resumption_rate",),
            counts=[c for c in groups.columns if c not in ("key", "resumption_rate")],
        ),
        "not_reported": formatting.json_records(missing, {c: c for c in missing.columns}),
        "late_to_resume": formatting.json_records(
            late, {c: c for c in late.columns}, counts=("id", "days_late")
        ),
    }


# --------------------------------------------------------------------------- reading, saving


def statuses_for(
    engine: Engine, projects: pd.DataFrame, period: pd.Series, day: dt.date
) -> pd.DataFrame:
    """:func:`with_status` of ``projects`` in ``period`` on ``day``, read from the database."""
    return with_status(
        projects,
        load_reports(engine, int(period["id"])),
        day,
        stoppages.stages_on(engine, period["starts_on"]),
        period["starts_on"],
    )


def add_period(
    engine: Engine,
    name: str,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    actor: str | None = None,
) -> int:
    """Open a stoppage period; returns its id."""
    check_period(name, kind, starts_on, ends_on)
    with store.transaction(engine, write=True, actor=actor) as s:
        if stoppages.period_named(s, name.strip()) is not None:
            raise Refusal("period_exists", name=name.strip())
        return stoppages.add_period(s, name.strip(), kind, starts_on, ends_on)


def save_report(
    engine: Engine,
    period_id: int,
    project_id: int,
    *,
    stops: bool,
    stopped_on: dt.date | None = None,
    planned_resume_on: dt.date | None = None,
    resumed_on: dt.date | None = None,
    note: str | None = None,
    version: int | None = None,
    today: dt.date | None = None,
    actor: str | None = None,
) -> int:
    """File or correct a project's report for a period; returns the report's id.

    ``version`` is the version of the report the person was looking at (``0``: there was
    none yet); a report that moved on since is refused with
    :class:`geo.storage.concurrency.ConcurrentEdit`, never overwritten. ``None`` skips the check.
    """
    with store.transaction(engine, write=True, actor=actor) as s:
        starts_on, ends_on = stoppages.period_dates(s, period_id)
        if not store.project_exists(s, project_id):
            raise Refusal("not_found", kind=Term.of("record.projects"), id=project_id)
        check_report(
            starts_on,
            ends_on,
            stops=stops,
            stopped_on=stopped_on,
            planned_resume_on=planned_resume_on,
            resumed_on=resumed_on,
            today=today,
        )
        return stoppages.write_report(
            s,
            period_id,
            project_id,
            stops=stops,
            stopped_on=stopped_on,
            planned_resume_on=planned_resume_on,
            resumed_on=resumed_on,
            note=(note or "").strip() or None,
            version=version,
        )


def record_headcounts(
    engine: Engine,
    period_id: int,
    project_id: int,
    counts: Mapping[dt.date, int],
    actor: str | None = None,
) -> int:
    """Set the people on site for the given days (a day given again is replaced); the project
    must have reported for the period first. Returns how many days were written."""
    with store.transaction(engine, write=True, actor=actor) as s:
        starts_on, ends_on = stoppages.period_dates(s, period_id)
        report = stoppages.filed_report(s, period_id, project_id)
        if report is None:
            raise Refusal("not_reported_yet", id=project_id)
        check_headcounts(starts_on, ends_on, counts, report["resumed_on"])
        stoppages.write_headcounts(s, period_id, project_id, counts)
        return len(counts)


# --------------------------------------------------------------------------- on screen


def zone_table(groups: pd.DataFrame, by: str, lang: str) -> pd.DataFrame:
    """:func:`by_zone` with the column names shown on screen, the rate as a percentage."""
    return pd.DataFrame(
        {
            t(f"col.{by}", lang): groups["key"],
            # The rate first after the name: half a page wide, the last columns scroll away.
            t("resumption.rate", lang): [formatting.percent(r) for r in groups["resumption_rate"]],
            t("resumption.expected", lang): groups["expected"],
            **{t(f"resumption.status.{s}", lang): groups[s] for s in _COUNTED},
        }
    )


def late_table(late: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`late_to_resume` with the column names shown on screen."""
    names = {
        "name": "col.name",
        "township": "col.township",
        "responsible_unit": "col.responsible_unit",
        "lead_leader": "col.lead_leader",
    }
    return pd.DataFrame(
        {
            **{t(key, lang): late[c].fillna("") for c, key in names.items()},
            t("resumption.due", lang): late["due"],
            t("resumption.days_late", lang): late["days_late"],
        }
    )


def headcount_table(per_day: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`headcount_by_zone` as the page shows it: a row per day, a column per zone."""
    table = per_day.pivot(index="on_date", columns="key", values="headcount").fillna(0)
    return table.astype(int).rename_axis(index=t("resumption.day", lang), columns=None)


def missing_table(missing: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`not_reported` with the column names shown on screen."""
    names = {
        "name": "col.name",
        "park": "col.park",
        "township": "col.township",
        "responsible_unit": "col.responsible_unit",
        "lead_leader": "col.lead_leader",
    }
    return pd.DataFrame({t(key, lang): missing[c].fillna("") for c, key in names.items()})
