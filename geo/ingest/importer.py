"""Putting a ledger into the database: first a plan (what would change), then all of it or nothing.

Projects are matched by code, else by name, and by owner where names repeat. A second
ledger for a later month updates the same projects and adds a progress report; importing
what :mod:`geo.ingest.exporter` wrote changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

import pandas as pd
from shapely.geometry import shape

from geo.core import targets
from geo.ingest import zones
from geo.ingest.ledger import LedgerProblem, LedgerReading, LedgerRow, read_ledger
from geo.refusals import Term
from geo.storage import audit, ledger_import, store
from geo.storage.store import Engine
from geo.storage.targets import expect_targets, write_targets

#: Ledger field → project column, for the fields a ledger may set.
_PROJECT_FIELDS = {
    "code": "code",
    "name": "name",
    "owner": "owner",
    "category": "category",
    "level": "level",
    "build_type": "build_type",
    "stage": "stage",
    "total_wan": "total_investment_wan",
    "annual_plan_wan": "annual_plan_wan",
    "planned_start": "planned_start",
    "planned_completion": "planned_completion",
    "planned_production": "planned_production",
    "lead_leader": "lead_leader",
    "responsible_unit": "responsible_unit",
    "project_secretary": "project_secretary",
    "liaison": "liaison",
    "task_force": "task_force",
    "lon": "lon",
    "lat": "lat",
    "description": "description",
}
_REPORT_FIELDS = {
    "completed_wan": "completed_wan",
    "cumulative_wan": "cumulative_wan",
    "stage": "stage",
    "progress": "physical_progress",
}
_PROBLEM_WORDS = (
    ("land", ("拆迁", "征地", "征收", "清表")),
    ("land_quota", ("指标", "报批")),
    ("approval", ("手续", "审批", "许可", "证", "备案", "核准")),
    ("funding", ("资金", "融资", "贷款", "拨付")),
    (
        "utilities",
        ("供电", "用电", "电力", "千伏", "专线", "供水", "道路", "燃气", "天然气", "水电", "管网"),
    ),
    ("planning", ("规划",)),
    ("environment", ("环评", "环保", "能评")),
    ("village", ("村民", "阻工", "群众", "厂村")),
)
#: What a new project is when its row does not say (a missing category: 未分类, with a warning).
_DEFAULTS = {
    "level": "county",
    "build_type": "continuing",
    "stage": "building",
    "category": "other",
}


@dataclass
class RowChange:
    """What the import does with one ledger row."""

    row: LedgerRow
    project_id: int | None  # None: a new project
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)  # column → (old, new)
    report_changed: bool = False
    new_problems: list[tuple[str, str]] = field(default_factory=list)  # (category, text)
    park: str | None = None
    township: str | None = None
    #: The twelve monthly targets replace the project's for the plan year (what was there
    #: when planned: ``old_targets``).
    targets_changed: bool = False
    old_targets: targets.Targets | None = None


@dataclass
class ImportPlan:
    """Everything an import would do, for the preview and ``--dry-run``."""

    reading: LedgerReading
    rows: list[RowChange]
    errors: list[LedgerProblem]
    warnings: list[LedgerProblem]
    #: The version of every existing project when the plan was made: applying it later
    #: refuses to overwrite a project someone changed in between.
    versions: dict[int, int] = field(default_factory=dict)
    #: Where a new project without coordinates or zone goes (WGS-84), when anywhere.
    home: tuple[float, float] | None = None

    @property
    def new(self) -> list[RowChange]:
        return [r for r in self.rows if r.project_id is None]

    @property
    def updated(self) -> list[RowChange]:
        return [r for r in self.rows if r.project_id is not None and r.changes]

    def summary(self) -> dict[str, object]:
        return {
            "file": self.reading.file,
            "sheet": self.reading.sheet,
            "as_of": self.reading.as_of.isoformat() if self.reading.as_of else None,
            "crs": self.reading.crs,
            "rows": len(self.reading.rows),
            "new_projects": len(self.new),
            "updated_projects": len(self.updated),
            "unchanged_projects": sum(1 for r in self.rows if r.project_id and not r.changes),
            "reports": sum(r.report_changed for r in self.rows),
            "problems": sum(len(r.new_problems) for r in self.rows),
            "monthly_targets": sum(r.targets_changed for r in self.rows),
            "columns": [
                {
                    "column": c.letter,
                    "header": c.header,
                    "field": c.field,
                    "how": c.how,
                    "samples": list(c.samples),
                    "filled": c.filled,
                }
                for c in self.reading.sheet_columns
            ],
            "unread": [c.letter for c in self.reading.unread],
            "errors": [str(e) for e in self.errors],
            "warnings": [str(w) for w in self.warnings],
        }

    def is_noop(self) -> bool:
        s = self.summary()
        return not (
            s["new_projects"]
            or s["updated_projects"]
            or s["reports"]
            or s["problems"]
            or s["monthly_targets"]
        )


def _same(old: object, new: object) -> bool:
    if isinstance(old, float | int) and isinstance(new, float | int):
        return math.isclose(float(old), float(new), rel_tol=1e-9, abs_tol=1e-6)
    return old == new


def _problem_items(text: str) -> list[str]:
    """Split "1.资金缺口…；2.供电…" (or one per line, or "(1)…(2)…") into items."""
    parts = re.split(r"[；;\n]+|\s+(?=[(（]?\d{1,2}\s*[.、．)）])", text)
    items = (re.sub(r"^[(（]?\d{1,2}\s*[.、．)）]\s*", "", p.strip()) for p in parts)
    return [item.strip(" 。.，,") for item in items if item.strip(" 。.，,")]


def problem_category(text: str) -> str:
    for code, words in _PROBLEM_WORDS:
        if any(w in text for w in words):
            return code
    return "other"


def _match_zone(text: str, names: list[str]) -> str | None:
    """The zone a place text names: "城关镇工业园" contains 城关镇; 石花 stands for 石花镇."""
    for name in sorted(names, key=len, reverse=True):
        if name in text:
            return name
    for name in sorted(names, key=len, reverse=True):
        short = re.sub(
            r"(镇|乡|街道|办事处|经济开发区|开发区|工业园区|工业园|产业园|园区)$", "", name
        )
        if len(short) >= 2 and short in text:
            return name
    return None


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _in_bulk(work: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``work`` with Python's cycle collector paused. It runs after every 700 new
    containers and walks all that are alive: a ledger's hundreds of thousands of cells, rows
    and entries made it run thousands of times, a fifth of a 50,000-row import. Nothing here
    makes reference cycles; the collector runs again as soon as the work is done."""

    @functools.wraps(work)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with _collector_paused():
            return work(*args, **kwargs)

    return paused


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@_in_bulk
def plan_import(
    engine: Engine, reading: LedgerReading, home: tuple[float, float] | None = None
) -> ImportPlan:
    """Work out what importing ``reading`` would change; writes nothing.

    A new project with neither coordinates nor a zone is put at ``home`` (the government seat,
    WGS-84) with a warning, or refused when there is no home."""
    errors = list(reading.errors)
    warnings = list(reading.warnings)
    if errors or reading.as_of is None:
        return ImportPlan(reading, [], errors, warnings)

    def problem(
        row: LedgerRow, field_name: str | None, key: str, field: str | None = None, **values: object
    ) -> None:
        column = reading.letters.get(field_name) if field_name else None
        errors.append(
            LedgerProblem(
                reading.file, reading.sheet, row.row, column, key, tuple(values.items()), field
            )
        )

    existing = store.load_projects(engine, reading.as_of)
    zone_frame = store.load_zones(engine)
    zone_kinds = dict(zip(zone_frame["name"], zone_frame["kind"], strict=True))
    parks = [n for n, k in zone_kinds.items() if k == "park"]
    townships = [n for n, k in zone_kinds.items() if k == "township"]
    reports = ledger_import.load_reports_at(engine, reading.as_of)
    problems = store.load_problems(engine)
    known_problems = set(zip(problems["project_id"], problems["description"], strict=True))
    known_targets = ledger_import.load_monthly_targets(engine, reading.as_of.year)

    changes: list[RowChange] = []
    seen: dict[int, int] = {}
    no_category: list[int] = []
    at_home: list[int] = []
    unknown_zones: dict[tuple[str, str], list[int]] = {}
    index = _ProjectIndex(existing, _repeated_names(reading))
    for row in reading.rows:
        project_id = index.match(row, problem)
        if project_id is not None and project_id in seen:
            problem(row, "name", "same_project", row=seen[project_id], name=row.get("name"))
            continue
        if project_id is not None:
            seen[project_id] = row.row
        change = RowChange(row, project_id)
        _zones_of(change, row, parks, townships, unknown_zones)
        if project_id is None:
            if not row.get("category"):
                no_category.append(row.row)
            if row.get("lon") is None and not (change.park or change.township):
                if home is None:
                    problem(row, "name", "needs_location", name=row.get("name"))
                else:
                    at_home.append(row.row)
        else:
            current = index.records[project_id]
            for f, column in _PROJECT_FIELDS.items():
                if f in row.values and not _same(_plain(current[column]), row.values[f]):
                    change.changes[column] = (_plain(current[column]), row.values[f])
            for kind in ("park", "township"):
                new_zone = getattr(change, kind)
                if new_zone and new_zone != _plain(current[kind]):
                    change.changes[kind] = (_plain(current[kind]), new_zone)
            if _plain(current["plan_year"]) != reading.as_of.year:  # the ledger is of this year
                change.changes["plan_year"] = (_plain(current["plan_year"]), reading.as_of.year)
        old_report = reports.get(project_id) if project_id is not None else None
        if old_report is not None and old_report.get("stage") is None:
            # A report without its own stage is at the project's (what the export writes).
            old_report = {**old_report, "stage": _plain(index.records[project_id]["stage"])}
        new_report = {col: row.values[f] for f, col in _REPORT_FIELDS.items() if f in row.values}
        if new_report and (
            old_report is None
            or any(not _same(old_report.get(c), v) for c, v in new_report.items())
        ):
            change.report_changed = True
        new_targets = row.get("monthly_targets")
        if new_targets is not None:
            change.old_targets = known_targets.get(project_id) if project_id is not None else None
            change.targets_changed = not targets.same(change.old_targets, new_targets)
        for item in _problem_items(str(row.get("problems") or "")):
            if (project_id, item) not in known_problems:
                change.new_problems.append((problem_category(item), item))
        changes.append(change)
    known_names = {"park": parks, "township": townships}
    for (kind, name), rows in unknown_zones.items():  # once per name, with its rows
        known = tuple(known_names[kind][:12]) + (("…",) if len(known_names[kind]) > 12 else ())
        key = f"unknown_{kind}" if known else f"no_{kind}s_yet"
        warnings.append(
            LedgerProblem(
                reading.file,
                reading.sheet,
                rows[0],
                reading.letters.get(kind),
                key,
                (("value", name), ("n", len(rows)), ("rows", _few(rows)), ("known", known)),
                kind,
            )
        )
    for key, rows in (("no_category_new", no_category), ("placed_at_home", at_home)):
        if rows:
            warnings.append(
                LedgerProblem(
                    reading.file,
                    reading.sheet,
                    None,
                    None,
                    key,
                    (("n", len(rows)), ("rows", _few(rows))),
                )
            )
    versions = ledger_import.project_versions(engine)
    return ImportPlan(reading, changes, errors, warnings, versions, home)


def _few(rows: list[int], most: int = 10) -> tuple[object, ...]:
    """Row numbers for a message: the first ``most``, then "…"."""
    return tuple(rows[:most]) + (("…",) if len(rows) > most else ())


def _repeated_names(reading: LedgerReading) -> set[str]:
    names = [str(r.get("name")) for r in reading.rows]
    return {n for n in names if names.count(n) > 1} if len(set(names)) < len(names) else set()


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


class _ProjectIndex:
    """Existing projects by id, code and name: one pass over the table, then dictionary look-ups."""

    def __init__(self, existing: pd.DataFrame, repeated: set[str] = frozenset()) -> None:
        #: Names the ledger itself repeats: those rows match only the project of their owner.
        self.repeated = repeated
        # itertuples, not to_dict: 5× faster at 50,000 rows (values stay numpy's; _plain reads them)
        columns = list(existing.columns)
        at = columns.index("id")
        self.records = {
            int(r[at]): dict(zip(columns, r, strict=True))
            for r in existing.itertuples(index=False, name=None)
        }
        self.by_code = {r["code"]: i for i, r in self.records.items()}
        self.by_name: dict[str, list[int]] = {}
        for i, r in self.records.items():
            self.by_name.setdefault(r["name"], []).append(i)

    def match(self, row: LedgerRow, problem: Callable) -> int | None:
        code = row.get("code")
        if code and code in self.by_code:
            return self.by_code[code]
        hits = self.by_name.get(row.get("name"), [])
        if (len(hits) > 1 or row.get("name") in self.repeated) and row.get("owner"):
            hits = [i for i in hits if self.records[i]["owner"] == row.get("owner")]
        if len(hits) > 1:
            problem(row, None, "ambiguous_name", name=repr(row.get("name")), n=len(hits))
            return None
        return hits[0] if hits else None


def _zones_of(change: RowChange, row: LedgerRow, parks, townships, unknown) -> None:
    """The zones a row names; a name that is no zone (a typo, or no zones set up yet) is noted
    in ``unknown`` ((kind, name) → rows), and the zone is left to the project's coordinates."""
    for kind, names in (("park", parks), ("township", townships)):
        text = row.get(kind)
        if text:
            found = _match_zone(str(text), names)
            if found is None:
                unknown.setdefault((kind, str(text)), []).append(row.row)
            setattr(change, kind, found)
    place = row.get("place")
    if place:
        change.park = change.park or _match_zone(str(place), parks)
        change.township = change.township or _match_zone(str(place), townships)


@_in_bulk
def apply_import(
    engine: Engine, plan: ImportPlan, *, reason: str | None = None
) -> dict[str, object]:
    """Carry out the plan in one transaction: everything, or (on any error) nothing.

    Projects, reports and problems are written in bulk, one statement per kind rather than one
    object per row (a province's 50,000 rows take seconds, not minutes), through the same
    access rules (:func:`geo.storage.access.decide`), version checks and audit trail as an edit.
    The reports of a closed year are written only with a ``reason``, kept in the audit trail
    (:mod:`geo.storage.freeze`)."""
    if plan.errors:
        raise ValueError(f"the ledger has {len(plan.errors)} problem(s); first: {plan.errors[0]}")
    as_of = plan.reading.as_of
    if plan.is_noop():  # nothing to write: no transaction, no refusal
        return plan.summary()
    with store.transaction(engine, write=True, reason=reason) as session:
        current = ledger_import.current_projects(session)
        zone_frame = store.load_zones(engine)
        ledger_import.expect_versions(
            session,
            current,
            plan.versions,
            (c.project_id for c in plan.rows if c.project_id is not None),
        )
        # A project the plan leaves as it is stays so (the preview said what changes).
        moved = [c.project_id is None or bool(c.changes) for c in plan.rows]
        rows = [
            _project_values(c, current.get(c.project_id), as_of)
            if m
            else dict(current[c.project_id])
            for c, m in zip(plan.rows, moved, strict=True)
        ]
        _place_all(
            [r for r, m in zip(rows, moved, strict=True) if m],
            [c for c, m in zip(plan.rows, moved, strict=True) if m],
            zone_frame,
            plan.home,
        )
        next_code = _code_counter({r["code"] for r in current.values()}, as_of.year)
        for values in rows:
            if values.get("id") is None:
                values["code"] = values.get("code") or next_code()
        ledger_import.check_access(
            current, ((v, _added(c)) for v, c in zip(rows, plan.rows, strict=True))
        )
        new = [v for v in rows if v.get("id") is None]
        changed = [
            (current[v["id"]], v)
            for v, m in zip(rows, moved, strict=True)
            if m and v.get("id") is not None and audit.updated(current[v["id"]], v)
        ]
        ledger_import.add_projects(session, new)
        ledger_import.update_projects(session, changed)
        ledger_import.write_reports(session, as_of, _report_figures(rows, plan.rows))
        for values, change in zip(rows, plan.rows, strict=True):
            if change.targets_changed:
                if change.project_id is not None:  # refuse to overwrite targets set meanwhile
                    what = Term.of(
                        "refusal.what.monthly_plan", name=values["name"], year=as_of.year
                    )
                    expect_targets(session, values["id"], as_of.year, change.old_targets, what)
                write_targets(
                    session, values["id"], as_of.year, change.row.values["monthly_targets"]
                )
        problems = [
            {
                "project_id": values["id"],
                "description": text,
                "category": category,
                "raised_on": as_of,
                "raised_by": plan.reading.file,
                "status": "raised",
            }
            for values, change in zip(rows, plan.rows, strict=True)
            for category, text in change.new_problems
        ]
        ledger_import.add_problems(session, problems)
    return plan.summary()


def _project_values(
    change: RowChange, old: Mapping[str, object] | None, as_of: dt.date
) -> dict[str, object]:
    """The project's columns after the import: its current ones with the ledger's over them."""
    values: dict[str, object] = dict(old) if old is not None else {**_DEFAULTS, "id": None}
    for f, column in _PROJECT_FIELDS.items():
        if f in change.row.values and (f != "code" or old is None):
            values[column] = change.row.values[f]
    values["plan_year"] = as_of.year
    return values


def _added(change: RowChange) -> list[str]:
    """The tables a row adds a record to besides its project (what the access rules ask)."""
    return [
        table
        for table, needed in (
            ("progress_reports", change.report_changed),
            ("monthly_targets", change.targets_changed),
            ("problems", change.new_problems),
        )
        if needed
    ]


def _report_figures(
    rows: list[dict], changes: list[RowChange]
) -> list[tuple[int, dict[str, object]]]:
    """What each changed row says of its project's report: (project id, {column: value})."""
    return [
        (
            values["id"],
            {
                col: change.row.values[f]
                for f, col in _REPORT_FIELDS.items()
                if f in change.row.values
            },
        )
        for values, change in zip(rows, changes, strict=True)
        if change.report_changed
    ]


def _code_counter(taken: set[str], year: int) -> Callable[[], str]:
    counter = iter(range(1, 1_000_000))

    def next_code() -> str:
        while (code := f"XM-{year}-{next(counter):04d}") in taken:
            pass
        taken.add(code)
        return code

    return next_code


def _place_all(
    rows: list[dict],
    changes: list[RowChange],
    zone_frame: pd.DataFrame,
    home: tuple[float, float] | None,
) -> None:
    """Zones from the ledger, else by point-in-polygon (one spatial join for all); a site
    without coordinates goes to the middle of its zone until someone adds them."""
    ids = dict(zip(zone_frame["name"], zone_frame["id"].astype(int), strict=True))
    outlines = dict(zip(zone_frame["name"], zone_frame["geometry"], strict=True))
    for values, change in zip(rows, changes, strict=True):
        if change.park:
            values["park_id"] = ids[change.park]
        if change.township:
            values["township_id"] = ids[change.township]
        if values.get("lon") is None and (change.township or change.park):
            point = shape(
                json.loads(outlines[change.township or change.park])
            ).representative_point()
            values["lon"], values["lat"] = round(point.x, 6), round(point.y, 6)
        elif values.get("lon") is None:  # the plan said so: at the government seat, for now
            values["lon"], values["lat"] = home
    todo = [(v, c) for v, c in zip(rows, changes, strict=True) if not (c.park and c.township)]
    if not todo or zone_frame.empty:
        return
    points = pd.DataFrame({"lon": [v["lon"] for v, _ in todo], "lat": [v["lat"] for v, _ in todo]})
    found = zones.locate(points, zones.to_geoframe(zone_frame))
    for (values, change), (park, township) in zip(todo, found.itertuples(index=False), strict=True):
        if not change.park and park:
            values["park_id"] = ids[park]
        if not change.township and township:
            values["township_id"] = ids[township]


@_in_bulk
def read(
    engine: Engine,
    path: Path | str,
    *,
    mapping: dict[str, str | None] | None = None,
    **options: object,
) -> LedgerReading:
    """Read a ledger the way this office reads it: its remembered column mapping, then
    ``mapping`` (this time's choices) over it; ``options`` go to :func:`read_ledger`."""
    remembered = store.load_ledger_mapping(engine)
    return read_ledger(path, mapping={**remembered, **(mapping or {})}, **options)


def import_ledger(
    engine: Engine,
    path: Path | str,
    *,
    sheet: str | None = None,
    as_of: dt.date | None = None,
    crs: str | None = None,
    dry_run: bool = False,
    progress: Callable[[float], None] | None = None,
    mapping: dict[str, str | None] | None = None,
    category: str | None = None,
    home: tuple[float, float] | None = None,
    reason: str | None = None,
) -> ImportPlan:
    """Read, plan and (unless ``dry_run`` or the file has errors) apply a ledger.

    ``mapping`` adds to (and overrides) the office's remembered column mapping; ``reason`` is
    what a ledger of a closed year needs (:func:`apply_import`)."""
    reading = read(
        engine,
        path,
        sheet=sheet,
        as_of=as_of,
        crs=crs,
        progress=progress,
        mapping=mapping,
        category=category,
    )
    plan = plan_import(engine, reading, home)
    if not dry_run and not plan.errors:
        apply_import(engine, plan, reason=reason)
    return plan


_COLUMN_KEYS = {
    "total_investment_wan": "col.total_investment",
    "annual_plan_wan": "col.annual_plan",
}


def _column_label(column: str, lang: str) -> str:
    from geo.i18n import TEXTS, t

    key = _COLUMN_KEYS.get(column, f"col.{column}")
    return t(key, lang) if key in TEXTS else column


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.6g}"
    return str(value)


def preview_tables(plan: ImportPlan, lang: str) -> dict[str, pd.DataFrame]:
    """The preview of an import as tables: new projects, updates, new problems (the errors and
    warnings are said one by one: :meth:`geo.ingest.ledger.LedgerProblem.text`)."""
    from geo import formatting
    from geo.i18n import label, t

    def rows_for(changes: list[RowChange]) -> list[dict[str, object]]:
        return [
            {
                t("data.row", lang): c.row.row,
                t("col.name", lang): c.row.get("name"),
                t("col.category", lang): label("category", c.row.get("category"), lang),
                t("col.park", lang): c.park or "",
                t("col.township", lang): c.township or "",
                t("col.annual_plan", lang): formatting.wan(c.row.get("annual_plan_wan")),
                t("col.completed", lang): formatting.wan(c.row.get("completed_wan")),
            }
            for c in changes
        ]

    updates = [
        {
            t("data.row", lang): c.row.row,
            t("col.name", lang): c.row.get("name"),
            t("data.changes", lang): "；".join(
                f"{_column_label(col, lang)}: {_shown(old)} → {_shown(new)}"
                for col, (old, new) in c.changes.items()
            ),
        }
        for c in plan.updated
    ]
    problems = [
        {
            t("data.row", lang): c.row.row,
            t("col.name", lang): c.row.get("name"),
            t("problem.category", lang): label("problem_category", category, lang),
            t("problem.description", lang): text,
        }
        for c in plan.rows
        for category, text in c.new_problems
    ]
    return {
        "new": pd.DataFrame(rows_for(plan.new)),
        "updated": pd.DataFrame(updates),
        "problems": pd.DataFrame(problems),
    }
