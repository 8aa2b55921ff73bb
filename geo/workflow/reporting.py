"""The monthly report (月报) a park manager files for the projects of a zone.

Validation is pure and names the project and the field; saving is one transaction, so a
filing is stored whole or not at all. A filing may also set the projects' twelve monthly
targets (分月计划) of the report's year, under the rules of :mod:`geo.core.targets`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo.core import targets
from geo.formatting import is_missing
from geo.refusals import Refusal, Term
from geo.storage import concurrency, store
from geo.storage import reporting as stored
from geo.storage.store import Engine, Session
from geo.storage.targets import load_targets, write_targets
from geo.vocab import STAGES


@dataclass(frozen=True)
class Filing:
    """One project's figures for the month."""

    project_id: int
    name: str
    completed_wan: float | None  # this year, to date
    cumulative_wan: float | None
    stage: str | None
    physical_progress: str | None
    reason: str | None = None  # why a figure went down
    #: The twelve monthly targets (万元) of the report's year; ``None`` leaves them as they are.
    targets: targets.Targets | None = None


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def last_month_end(today: dt.date) -> dt.date:
    """The month-end a report is normally due for: the end of last month."""
    return today.replace(day=1) - dt.timedelta(days=1)


_REPORT_COLUMNS = [
    "id",
    "report_as_of",
    "completed_wan",
    "cumulative_wan",
    "stage",
    "physical_progress",
]


def previous_reports(engine: Engine, project_ids: list[int], as_of: dt.date) -> pd.DataFrame:
    """Each project's latest report before ``as_of`` (what a new month's form starts from, and
    what a fall is measured against)."""
    frame = store.load_projects(engine, as_of - dt.timedelta(days=1))
    return frame[frame["id"].isin(project_ids)][_REPORT_COLUMNS]


def filed_reports(engine: Engine, project_ids: list[int], as_of: dt.date) -> pd.DataFrame:
    """The reports already filed for ``as_of`` itself: filing that month again starts from
    them, not from the month before (which would quietly put last month's figures back)."""
    frame = store.load_projects(engine, as_of)
    frame = frame[frame["id"].isin(project_ids) & (frame["report_as_of"] == as_of)]
    return frame[_REPORT_COLUMNS]


def validate(
    filings: list[Filing], previous: pd.DataFrame, as_of: dt.date, today: dt.date
) -> list[Refusal]:
    """Every reason the filing cannot be saved, each naming the project and the field."""
    errors = []
    if as_of != month_end(as_of):
        errors.append(Refusal("report_not_month_end", as_of=as_of))
    if as_of > today:
        errors.append(Refusal("report_in_future", as_of=as_of))
    if as_of.year < today.year - 1:
        errors.append(Refusal("report_before_last_year", as_of=as_of))
    before = previous.set_index("id")
    for f in filings:
        for field, value in (("completed", f.completed_wan), ("cumulative", f.cumulative_wan)):
            if not is_missing(value) and value < 0:
                errors.append(
                    Refusal(
                        "report_negative", name=f.name, field=_FIELDS[field], value=f"{value:g}"
                    )
                )
        if is_missing(f.completed_wan):
            errors.append(Refusal("report_completed_empty", name=f.name))
        if f.targets is not None:
            errors += [
                Refusal("report_target", name=f.name, problem=p)
                for p in targets.problems(f.targets)
            ]
        if f.stage is not None and f.stage not in STAGES:
            errors.append(Refusal("report_stage", name=f.name, value=f.stage))
        if (
            not is_missing(f.cumulative_wan)
            and not is_missing(f.completed_wan)
            and f.cumulative_wan + 1e-6 < f.completed_wan
        ):
            errors.append(
                Refusal(
                    "report_cumulative_below",
                    name=f.name,
                    cumulative=f"{f.cumulative_wan:g}",
                    completed=f"{f.completed_wan:g}",
                )
            )
        if f.project_id not in before.index or f.reason:
            continue
        last = before.loc[f.project_id]
        same_year = last["report_as_of"] is not None and last["report_as_of"].year == as_of.year
        for field, now, then in (
            ("completed", f.completed_wan, last["completed_wan"] if same_year else None),
            ("cumulative", f.cumulative_wan, last["cumulative_wan"]),
        ):
            if not is_missing(now) and not is_missing(then) and now + 1e-6 < then:
                errors.append(
                    Refusal(
                        "report_fell",
                        name=f.name,
                        field=_FIELDS[field],
                        before=f"{then:g}",
                        now=f"{now:g}",
                    )
                )
    return errors


#: The form's money fields as refusals name them.
_FIELDS = {
    "completed": Term.of("refusal.field.completed"),
    "cumulative": Term.of("refusal.field.cumulative"),
}


def target_warnings(filings: list[Filing], projects: pd.DataFrame) -> list[Refusal]:
    """Monthly plans that do not add up to the project's annual plan (saved all the same)."""
    plans = projects.set_index("id")["annual_plan_wan"]
    return [
        Refusal("report_target", name=f.name, problem=mismatch)
        for f in filings
        if f.targets is not None
        and (mismatch := targets.sum_mismatch(f.targets, plans.get(f.project_id)))
    ]


def targets_of(engine: Engine, project_ids: list[int], year: int) -> dict[int, targets.Targets]:
    """The projects' monthly targets of ``year``, for the form."""
    with store.transaction(engine) as session:
        return load_targets(session, project_ids, year)


def _full_stamp(session: Session, project_ids: list[int], as_of: dt.date) -> tuple:
    plans = load_targets(session, project_ids, as_of.year)
    return stored.month_figures(session, project_ids, as_of), tuple(sorted(plans.items()))


def month_stamp(engine: Engine, project_ids: list[int], as_of: dt.date) -> tuple:
    """What is already filed for these projects at ``as_of``, and their monthly targets of
    that year: the form's "version"."""
    with store.transaction(engine) as session:
        return _full_stamp(session, project_ids, as_of)


def _progress_text(filing: Filing) -> str | None:
    """The physical progress as stored: the reason a figure went down is kept with it."""
    text = (filing.physical_progress or "").strip()
    if filing.reason:
        reason = filing.reason.strip()
        text = f"{text}（说明：{reason}）" if text else f"说明：{reason}"
    return text or None


def save(
    engine: Engine,
    filings: list[Filing],
    as_of: dt.date,
    *,
    expected: tuple | None = None,
    actor: str | None = None,
    reason: str | None = None,
) -> int:
    """Store the filing as progress reports at ``as_of`` (replacing that month's); all or nothing.

    ``expected`` is :func:`month_stamp` as the form showed it: when someone else filed for these
    projects and month (or changed their monthly targets) since, the save is refused
    (:class:`~geo.storage.concurrency.ConcurrentEdit`). Filings with ``targets`` replace the projects'
    targets of ``as_of``'s year in the same transaction. A month of a closed year is saved only
    with a ``reason`` (:mod:`geo.storage.freeze`), which the history keeps."""
    with store.transaction(engine, write=True, actor=actor, reason=reason) as session:
        if expected is not None:
            ids = [f.project_id for f in filings]
            if _full_stamp(session, ids, as_of) != expected:
                last = stored.last_month_change(session, ids, as_of)
                raise concurrency.ConcurrentEdit(
                    Term.of("refusal.what.monthly_report", as_of=as_of), *(last or (None, None))
                )
        for f in filings:
            stored.file_report(
                session,
                f.project_id,
                as_of,
                completed_wan=float(f.completed_wan),
                cumulative_wan=None if is_missing(f.cumulative_wan) else float(f.cumulative_wan),
                stage=f.stage,
                physical_progress=_progress_text(f),
            )
            if f.targets is not None:
                write_targets(session, f.project_id, as_of.year, f.targets)
    return len(filings)


FORM_COLUMNS = (
    "id",
    "code",
    "name",
    "last_as_of",
    "last_completed_wan",
    "completed_wan",
    "cumulative_wan",
    "stage",
    "physical_progress",
    "reason",
)


def form_frame(
    projects: pd.DataFrame,
    previous: pd.DataFrame,
    stage_label,
    filed: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The editable table, pre-filled with this month's figures where they are filed already
    (``filed``), else last month's; last month's shown beside them; stages shown as words."""
    merged = projects[["id", "code", "name"]].merge(previous, on="id", how="left")
    start = merged.set_index("id")[
        ["completed_wan", "cumulative_wan", "stage", "physical_progress"]
    ]
    if filed is not None and not filed.empty:
        start.update(filed.set_index("id")[start.columns])
    start = start.reindex(merged["id"])
    return pd.DataFrame(
        {
            "id": merged["id"].astype(int),
            "code": merged["code"],
            "name": merged["name"],
            "last_as_of": merged["report_as_of"],
            "last_completed_wan": merged["completed_wan"],
            "completed_wan": start["completed_wan"].to_numpy(),
            "cumulative_wan": start["cumulative_wan"].to_numpy(),
            "stage": [stage_label(s) for s in start["stage"]],
            "physical_progress": start["physical_progress"].fillna("").to_numpy(),
            "reason": "",
        }
    )


TARGET_COLUMNS = tuple(f"month_{m}" for m in targets.MONTHS)


def targets_frame(projects: pd.DataFrame, known: dict[int, targets.Targets]) -> pd.DataFrame:
    """The editable monthly plan: one row per project, its annual plan and twelve months
    (blank where it has no targets yet)."""
    rows = []
    for p in projects[["id", "code", "name", "annual_plan_wan"]].itertuples(index=False):
        months = known.get(int(p.id), (None,) * len(targets.MONTHS))
        rows.append(
            {
                "id": int(p.id),
                "code": p.code,
                "name": p.name,
                "annual_plan_wan": p.annual_plan_wan,
                **dict(zip(TARGET_COLUMNS, months, strict=True)),
            }
        )
    frame = pd.DataFrame(rows, columns=["id", "code", "name", "annual_plan_wan", *TARGET_COLUMNS])
    return frame.astype({c: float for c in TARGET_COLUMNS})


def _targets_from(edited: pd.DataFrame | None) -> dict[int, targets.Targets | None]:
    if edited is None:
        return {}
    return {
        int(row["id"]): targets.from_months([row[c] for c in TARGET_COLUMNS])
        for row in edited.to_dict("records")
    }


def filings_from(
    edited: pd.DataFrame, stage_code, plan: pd.DataFrame | None = None
) -> list[Filing]:
    """The edited table back as filings (stage words back to codes), with the twelve months
    of the edited :func:`targets_frame` ``plan`` (a blank row: targets left as they are)."""
    months = _targets_from(plan)
    return [
        Filing(
            project_id=int(row.id),
            name=str(row.name),
            completed_wan=None if is_missing(row.completed_wan) else float(row.completed_wan),
            cumulative_wan=None if is_missing(row.cumulative_wan) else float(row.cumulative_wan),
            stage=stage_code(row.stage) if row.stage else None,
            physical_progress=row.physical_progress or None,
            reason=row.reason or None,
            targets=months.get(int(row.id)),
        )
        for row in edited.itertuples(index=False)
    ]
