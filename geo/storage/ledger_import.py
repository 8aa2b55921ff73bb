"""A ledger import as stored: what the plan compares with, and the bulk writes that carry it out
(one statement per kind, not one object per row), with the same access rules, version checks
and audit trail as an edit through the ORM; what a ledger row means is :mod:`geo.ingest.importer`'s."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.refusals import Refusal, Term, record_term
from geo.storage import access, audit, concurrency, freeze, store
from geo.storage.models import MonthlyTarget, Problem, ProgressReport, Project
from geo.storage.targets import Targets, load_targets

_PROJECTS = Project.__table__
_REPORTS = ProgressReport.__table__
#: What tells apart the problems an import adds (two the same in all of it are the same).
_PROBLEM_KEY = ("project_id", "description", "category", "raised_on", "raised_by", "status")
#: Columns a write sets itself, not taken from the values given.
_STAMPS = ("id", "version", "updated_at")
#: The records a ledger row may add besides its project, by table.
_ADDED = {"progress_reports": ProgressReport, "monthly_targets": MonthlyTarget, "problems": Problem}

# --------------------------------------------------------------------------- what a plan reads


def load_reports_at(engine: Engine, as_of: dt.date) -> dict[int, dict[str, object]]:
    """The figures of every report at ``as_of`` (completed, cumulative, stage, progress), by
    project id."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                ProgressReport.project_id,
                ProgressReport.completed_wan,
                ProgressReport.cumulative_wan,
                ProgressReport.stage,
                ProgressReport.physical_progress,
            ).where(ProgressReport.as_of == as_of)
        )
        return {r.project_id: dict(r._mapping) for r in rows}


def load_monthly_targets(engine: Engine, year: int) -> dict[int, Targets]:
    """Every project's monthly targets of ``year``; one without any is absent."""
    with engine.connect() as conn:
        return load_targets(conn, None, year)


def project_versions(engine: Engine) -> dict[int, int]:
    """Every project's version now (applying a plan later refuses what changed since)."""
    with engine.connect() as conn:
        return {i: v for i, v in conn.execute(sa.select(Project.id, Project.version))}


# --------------------------------------------------------------------------- what applying writes


def current_projects(session: Session) -> dict[int, Mapping[str, object]]:
    """Every project's row as this transaction sees it, by id."""
    rows = session.connection().execute(sa.select(_PROJECTS)).mappings()
    return {r["id"]: r for r in rows}


def expect_versions(
    session: Session,
    current: Mapping[int, Mapping[str, object]],
    seen: Mapping[int, int],
    project_ids: Iterable[int],
) -> None:
    """Refuse when one of these projects is gone, or is no longer at the version ``seen`` when
    the plan was made (someone saved it meanwhile)."""
    for project_id in project_ids:
        was = seen.get(project_id)
        now = current.get(project_id)
        if now is None:
            raise Refusal("not_found", kind=Term.of("record.projects"), id=project_id)
        if was is not None and now["version"] != was:
            who = concurrency.last_change(session, "projects", project_id)
            raise concurrency.ConcurrentEdit(
                record_term("projects", project_id, now["name"]), *(who or (None, None))
            )


def check_access(
    current: Mapping[int, Mapping[str, object]],
    writes: Iterable[tuple[dict[str, object], Iterable[str]]],
) -> None:
    """The rules :mod:`geo.storage.access` applies to every write, for the rows written in bulk.

    ``writes``: each project's values after the import, with the tables its row adds a record
    to (``progress_reports``, ``monthly_targets``, ``problems``); not gone through at all for
    the system or an administrator, who may write it all."""
    who = access.current()
    if who is None or who.role == "admin":
        return
    for values, added in writes:
        old = current.get(values.get("id"))
        before = {old["park_id"], old["township_id"]} if old else set()
        after = {values.get("park_id"), values.get("township_id")}
        record = Project(id=values.get("id"), name=values["name"])
        if old is None or audit.updated(old, values):
            action = "insert" if old is None else "update"
            access.decide(who, record, action, lambda b=before, a=after: (b, a))
        for table in added:
            record = _ADDED[table](project_id=values.get("id"))
            access.decide(who, record, "insert", lambda a=after: (a, a))


def add_projects(session: Session, rows: list[dict[str, object]]) -> None:
    """Insert these new projects (each gets its ``id``), audited."""
    _insert(session, _PROJECTS, rows, key=("code",))


def update_projects(
    session: Session, changed: list[tuple[Mapping[str, object], dict[str, object]]]
) -> None:
    """Update these projects (old, new) in one statement, each only at the version it was read
    at; a project saved meanwhile (by another process) refuses the whole import."""
    if not changed:
        return
    columns = [c.name for c in _PROJECTS.c if c.name not in _STAMPS]
    statement = (
        sa.update(_PROJECTS)
        .where(
            _PROJECTS.c.id == sa.bindparam("w_id"), _PROJECTS.c.version == sa.bindparam("w_version")
        )
        .values(
            {
                **{c: sa.bindparam(f"v_{c}") for c in columns},
                "version": _PROJECTS.c.version + 1,
                "updated_at": sa.func.current_timestamp(),
            }
        )
    )
    params = [
        {"w_id": old["id"], "w_version": old["version"], **{f"v_{c}": new.get(c) for c in columns}}
        for old, new in changed
    ]
    conn = session.connection()
    conn.execute(statement, params)
    now = dict(conn.execute(sa.select(_PROJECTS.c.id, _PROJECTS.c.version)).all())
    for old, _new in changed:
        if now.get(old["id"]) != old["version"] + 1:
            raise concurrency.ConcurrentEdit(
                record_term("projects", old["id"], old["name"]), None, None
            )
    audit.record(
        session,
        [("update", "projects", old["id"], audit.updated(old, new)) for old, new in changed],
    )


def write_reports(
    session: Session, as_of: dt.date, figures: list[tuple[int, dict[str, object]]]
) -> None:
    """Each project's report at ``as_of`` with these figures (project id, {column: value}) over
    it: a new one (nothing completed unless said), or the existing one updated, audited; in a
    closed year only with the transaction's reason (:func:`geo.storage.freeze.check`)."""
    conn = session.connection()
    existing = {
        r["project_id"]: dict(r)
        for r in conn.execute(sa.select(_REPORTS).where(_REPORTS.c.as_of == as_of)).mappings()
    }
    new, changed = [], []
    for project_id, values in figures:
        old = existing.get(project_id)
        report = (
            dict(old) if old else {"project_id": project_id, "as_of": as_of, "completed_wan": 0.0}
        )
        report.update(values)
        if old is None:
            new.append(report)
        elif audit.updated(old, report):
            changed.append((old, report))
    if new or changed:  # around the ORM, so the freeze's flush check does not see these
        freeze.check(session, [as_of])
    _insert(session, _REPORTS, new, key=("project_id", "as_of"))
    if changed:
        columns = ("completed_wan", "cumulative_wan", "stage", "physical_progress")
        statement = (
            sa.update(_REPORTS)
            .where(_REPORTS.c.id == sa.bindparam("w_id"))
            .values({c: sa.bindparam(f"v_{c}") for c in columns})
        )
        conn.execute(
            statement,
            [
                {"w_id": old["id"], **{f"v_{c}": new.get(c) for c in columns}}
                for old, new in changed
            ],
        )
        audit.record(
            session,
            [("update", _REPORTS.name, old["id"], audit.updated(old, new)) for old, new in changed],
        )


def add_problems(session: Session, rows: list[dict[str, object]]) -> None:
    """Insert these new problems (each gets its ``id``), audited."""
    _insert(session, Problem.__table__, rows, key=_PROBLEM_KEY)


def _insert(session: Session, table: sa.Table, rows: list[dict], key: tuple[str, ...]) -> None:
    """Insert ``rows`` into ``table`` in bulk, with the columns' defaults, and record them in
    the audit trail; each row gets its new ``id``, found by its ``key`` columns."""
    if not rows:
        return
    names = [c.name for c in table.c if c.name not in _STAMPS]
    defaults = {
        c.name: c.default.arg
        for c in table.c
        if c.name in names and c.default is not None and c.default.is_scalar
    }
    stamps = {"version": 1} if "version" in table.c else {}
    params = []
    for row in rows:
        one = {name: row.get(name) for name in names}
        for name, value in defaults.items():
            if one[name] is None:
                one[name] = value
        one.update(stamps)
        params.append(one)
    conn = session.connection()
    before = store.last_id(conn, table)
    store.bulk_insert(conn, table, params)
    given = store.new_ids(conn, table, before, key)
    for row, one in zip(rows, params, strict=True):
        row["id"] = one["id"] = given[tuple(one[k] for k in key)].pop()
    audit.record(
        session, [("insert", table.name, one["id"], audit.inserted(one)) for one in params]
    )
