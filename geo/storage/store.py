"""Engines, transactions, migrations, bulk writes and the readers every view shares.

SQLite (the embedded default) gets WAL, foreign keys, a busy timeout and — for
writers — ``BEGIN IMMEDIATE``, because a deferred read-then-write transaction fails
with "database is locked" whatever the timeout. PostgreSQL needs none of that.

Readers return pandas DataFrames with plain columns; nothing outside ``geo/storage/``
writes SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from geo import lazy
from geo.storage import access, audit, concurrency, freeze
from geo.storage.models import (
    Account,
    Approval,
    AppSetting,
    Assessment,
    AuditEntry,
    ChannelSecret,
    Decision,
    Declaration,
    DeclarationRound,
    Escalation,
    LedgerMapping,
    Letter,
    Meeting,
    Milestone,
    MonthlyTarget,
    Notice,
    NoticeAttempt,
    NoticeChannel,
    ObservationTour,
    Photo,
    Problem,
    ProgressReport,
    Project,
    ReserveProject,
    ReserveStep,
    RewardSanction,
    Score,
    ShareLink,
    SignedAgreement,
    SignInAttempt,
    SigningTarget,
    SiteHeadcount,
    StoppagePeriod,
    StoppageReport,
    YearClose,
    YearEndFigure,
    Zone,
    account_zones,
    meeting_projects,
)

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: Loaded at first use: commands that read no tables start without them.
pd = lazy.module("pandas")
_WRITE = "geo_write"
#: Whatever the database or its driver raised: the surfaces report it without importing
#: SQLAlchemy themselves.
DatabaseError = sa.exc.SQLAlchemyError


def make_engine(url: str) -> Engine:
    """Create the engine for ``url``; for SQLite files, create the folder and set pragmas."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise ValueError(f"database URL {url!r} is not a valid SQLAlchemy URL") from exc
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        writing = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


@contextmanager
def transaction(
    engine: Engine, *, write: bool = False, actor: str | None = None, reason: str | None = None
) -> Iterator[Session]:
    """A session inside one transaction: committed on success, rolled back on any error.

    Pass ``write=True`` for anything that writes, so SQLite takes the write lock up front;
    every change is then recorded in the audit log under ``actor`` (default: GEO_ACTOR or the
    system user), with ``reason`` when given. A closed year's monthly reports change only with
    a ``reason`` (:mod:`geo.storage.freeze`).
    """
    bound = engine.execution_options(**{_WRITE: True}) if write else engine
    acting = access.current()
    try:
        with Session(bound, expire_on_commit=False) as session, session.begin():
            if write:
                access.guard(session)
                audit.watch(session, actor or _actor_name(acting), reason)
                freeze.guard(session)
            yield session
    except StaleDataError as exc:  # another save got in first: refuse, never overwrite
        raise concurrency.stale_write(exc) from exc
    except access.AccessDenied as exc:  # rolled back; the attempt itself is kept
        audit.record_refusal(engine, exc)
        raise


def begin_write(engine: Engine):
    """A plain connection in a write transaction (SQLite takes its write lock up front, so
    two writers wait for each other instead of failing); for tables outside the audit trail,
    such as the outbox."""
    return engine.execution_options(**{_WRITE: True}).begin()


def bulk_insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, object]]) -> None:
    """Many rows (all with the same keys) into ``table`` as fast as the back end takes them:
    COPY on PostgreSQL, one prepared statement run for every row on SQLite. Nothing is
    returned; callers find the new ids by their keys (:func:`new_ids`)."""
    if not rows:
        return
    names = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    columns = ", ".join(quote(n) for n in names)
    if conn.dialect.name == "postgresql":  # psycopg 3's COPY, in this same transaction
        with conn.connection.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[n] for n in names])
        return
    # The columns' own conversions (dates as SQLAlchemy stores them in SQLite), then the driver.
    converted = [
        (i, p) for i, n in enumerate(names) if (p := table.c[n].type.bind_processor(conn.dialect))
    ]
    values = [[row[n] for n in names] for row in rows]
    for i, convert in converted:
        # Converted once per distinct value: a bulk write repeats a few (its time, its date).
        done: dict[object, object] = {}
        for one in values:
            value = one[i]
            try:
                one[i] = done[value]
            except KeyError:
                one[i] = done[value] = convert(value)
            except TypeError:  # not hashable
                one[i] = convert(value)
    marks = ", ".join("?" for _ in names)
    sql = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})"
    conn.exec_driver_sql(sql, [tuple(one) for one in values])


def new_ids(
    conn: sa.Connection, table: sa.Table, after: int, key: tuple[str, ...]
) -> dict[tuple, list[int]]:
    """The ids of the rows above id ``after``, by their ``key`` columns."""
    query = sa.select(table.c.id, *(table.c[k] for k in key)).where(table.c.id > after)
    found: dict[tuple, list[int]] = {}
    for new_id, *values in conn.execute(query):
        found.setdefault(tuple(values), []).append(new_id)
    return found


def last_id(conn: sa.Connection, table: sa.Table) -> int:
    return conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()


def _actor_name(acting: access.Principal | None) -> str:
    return acting.username if acting else audit.default_actor()


def current_actor() -> str:
    """Who a write now is by: the person signed in, else the system user."""
    return _actor_name(access.current())


def _alembic_config(connection: sa.Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (creates it on an empty database)."""
    from alembic import command

    with engine.connect().execution_options(**{_WRITE: True}) as conn:
        command.upgrade(_alembic_config(conn), "head")
        conn.commit()


_REVISION = re.compile(r'^(down_revision|revision) = "?(\w+)"?', re.MULTILINE)


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration: the one no other revises (read from the scripts once, without
    starting alembic, so that every command does not pay for it)."""
    revisions, revised = set(), set()
    for script in (_MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(script.read_text(encoding="utf-8")))
        revisions.add(found["revision"])
        revised.add(found.get("down_revision"))
    (head,) = revisions - revised
    return head


def schema_state(engine: Engine) -> str:
    """``"current"``, ``"old"`` (an earlier version's schema: run the migrations) or ``"empty"``."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return "empty"
        current = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    if current is None:
        return "empty"
    return "current" if current == head_revision() else "old"


def schema_is_current(engine: Engine) -> bool:
    """True when the database is at the newest migration."""
    return schema_state(engine) == "current"


# --------------------------------------------------------------------------- readers

_DATE_COLUMNS = (
    "as_of",
    "last_meeting",
    "planned_start",
    "planned_completion",
    "planned_production",
    "raised_on",
    "deadline",
    "resolved_on",
    "held_on",
    "done_on",
)


def read_frame(engine: Engine, query: sa.Select) -> pd.DataFrame:
    """Run a select; date columns come back as ``datetime.date`` (or None) on both back ends."""
    with engine.connect() as conn:
        result = conn.execute(query)
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    for column in frame.columns.intersection(_DATE_COLUMNS):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def load_zones(engine: Engine) -> pd.DataFrame:
    """All zones: ``id, kind, name, code, geometry`` (GeoJSON text), parks first."""
    query = sa.select(Zone.id, Zone.kind, Zone.name, Zone.code, Zone.geometry).order_by(
        Zone.kind, Zone.name
    )
    return read_frame(engine, query)


def report_dates(engine: Engine) -> list[dt.date]:
    """Every as-of date that has reports, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(ProgressReport.as_of).distinct().order_by(ProgressReport.as_of.desc())
        )
        return [row[0] for row in rows]


def load_projects(engine: Engine, as_of: dt.date | None = None) -> pd.DataFrame:
    """Every project with its zone names and its latest report on or before ``as_of``.

    Columns: the project's own fields, ``park``, ``township`` (names or None), and from
    the report ``report_as_of``, ``completed_wan`` (this year, 0 when no report),
    ``cumulative_wan``, ``physical_progress``; ``stage`` is the report's where it has one.
    """
    park, township = aliased(Zone), aliased(Zone)
    latest = sa.select(
        ProgressReport.project_id, sa.func.max(ProgressReport.as_of).label("as_of")
    ).group_by(ProgressReport.project_id)
    if as_of is not None:
        latest = latest.where(ProgressReport.as_of <= as_of)
    latest = latest.subquery()
    report = aliased(ProgressReport)
    query = (
        sa.select(
            *[c for c in Project.__table__.c if c.name not in ("version", "updated_at")],
            park.name.label("park"),
            township.name.label("township"),
            report.as_of.label("report_as_of"),
            report.completed_wan,
            report.cumulative_wan,
            report.stage.label("report_stage"),
            report.physical_progress,
        )
        .outerjoin(park, Project.park_id == park.id)
        .outerjoin(township, Project.township_id == township.id)
        .outerjoin(latest, latest.c.project_id == Project.id)
        .outerjoin(report, (report.project_id == Project.id) & (report.as_of == latest.c.as_of))
        .order_by(Project.id)
    )
    frame = read_frame(engine, query)
    frame["completed_wan"] = frame["completed_wan"].astype(float).fillna(0.0)
    frame["stage"] = frame["report_stage"].where(frame["report_stage"].notna(), frame["stage"])
    frame["report_as_of"] = frame["report_as_of"].astype(object)
    return frame.drop(columns="report_stage")


def load_reports(engine: Engine, project_id: int) -> pd.DataFrame:
    """One project's monthly reports, oldest first."""
    query = (
        sa.select(
            ProgressReport.as_of,
            ProgressReport.completed_wan,
            ProgressReport.cumulative_wan,
            ProgressReport.stage,
            ProgressReport.physical_progress,
        )
        .where(ProgressReport.project_id == project_id)
        .order_by(ProgressReport.as_of)
    )
    return read_frame(engine, query)


def load_report_history(engine: Engine, until: dt.date) -> pd.DataFrame:
    """Every report of ``until``'s year up to ``until``: ``project_id, as_of, completed_wan,
    stage`` (what the month-by-month trends are drawn from), oldest first."""
    query = (
        sa.select(
            ProgressReport.project_id,
            ProgressReport.as_of,
            ProgressReport.completed_wan,
            ProgressReport.stage,
        )
        .where(ProgressReport.as_of >= dt.date(until.year, 1, 1), ProgressReport.as_of <= until)
        .order_by(ProgressReport.as_of, ProgressReport.project_id)
    )
    return read_frame(engine, query)


def load_targets(engine: Engine, year: int) -> pd.DataFrame:
    """Every project's monthly targets (分月计划) of ``year``: ``project_id, month, target_wan``."""
    query = (
        sa.select(MonthlyTarget.project_id, MonthlyTarget.month, MonthlyTarget.target_wan)
        .where(MonthlyTarget.year == year)
        .order_by(MonthlyTarget.project_id, MonthlyTarget.month)
    )
    return read_frame(engine, query)


def load_problems(engine: Engine, project_id: int | None = None) -> pd.DataFrame:
    """Problems (of one project, or all) with their project's name, zones and lead leader,
    the last update (``updated_at``) and how many meetings took decisions on them."""
    park, township = aliased(Zone), aliased(Zone)
    discussed = (
        sa.select(
            Decision.problem_id,
            sa.func.count(sa.distinct(Decision.meeting_id)).label("meetings"),
            sa.func.max(Meeting.held_on).label("last_meeting"),
        )
        .join(Meeting, Meeting.id == Decision.meeting_id)
        .where(Decision.problem_id.is_not(None))
        .group_by(Decision.problem_id)
        .subquery()
    )
    query = (
        sa.select(
            *Problem.__table__.c,
            Project.name.label("project"),
            Project.lead_leader,
            Project.lon,
            Project.lat,
            park.name.label("park"),
            township.name.label("township"),
            sa.func.coalesce(discussed.c.meetings, 0).label("meetings"),
            discussed.c.last_meeting,
        )
        .join(Project, Problem.project_id == Project.id)
        .outerjoin(park, Project.park_id == park.id)
        .outerjoin(township, Project.township_id == township.id)
        .outerjoin(discussed, discussed.c.problem_id == Problem.id)
    )
    if project_id is not None:
        query = query.where(Problem.project_id == project_id)
    frame = read_frame(engine, query.order_by(Problem.id))
    frame["meetings"] = frame["meetings"].astype(int)
    return frame


def load_project_meetings(engine: Engine, project_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Meetings that had the project on the agenda, and their decisions about it.

    Returns ``(meetings, decisions)``, meetings newest first; decisions carry ``meeting_id``.
    """
    on_agenda = sa.select(meeting_projects.c.meeting_id).where(
        meeting_projects.c.project_id == project_id
    )
    with_decision = sa.select(Decision.meeting_id).where(Decision.project_id == project_id)
    said = meeting_projects.alias("said")
    meetings = read_frame(
        engine,
        sa.select(
            Meeting.id,
            Meeting.kind,
            Meeting.held_on,
            Meeting.title,
            Meeting.chair,
            Meeting.place,
            Meeting.attendees,
            said.c.discussion,
        )
        .outerjoin(said, (said.c.meeting_id == Meeting.id) & (said.c.project_id == project_id))
        .where(Meeting.id.in_(on_agenda.union(with_decision)))
        .order_by(Meeting.held_on.desc(), Meeting.id.desc()),
    )
    decisions = read_frame(
        engine,
        sa.select(
            Decision.id,
            Decision.meeting_id,
            Decision.problem_id,
            Decision.action,
            Decision.responsible_unit,
            Decision.deadline,
            Decision.status,
            Decision.done_on,
        )
        .where(Decision.project_id == project_id)
        .order_by(Decision.meeting_id, Decision.id),
    )
    return meetings, decisions


def load_meetings(engine: Engine, project_id: int | None = None) -> pd.DataFrame:
    """Meetings (all, or those that dealt with one project), newest first, with the ids of the
    projects on the agenda and the number of decisions, open and done."""
    agenda = sa.select(meeting_projects.c.meeting_id, meeting_projects.c.project_id)
    query = sa.select(
        Meeting.id,
        Meeting.kind,
        Meeting.held_on,
        Meeting.starts_at,
        Meeting.title,
        Meeting.chair,
        Meeting.place,
        Meeting.attendees,
        Meeting.zone_id,
    ).order_by(Meeting.held_on.desc(), Meeting.id.desc())
    if project_id is not None:
        with_decision = sa.select(Decision.meeting_id).where(Decision.project_id == project_id)
        on_agenda = agenda.where(meeting_projects.c.project_id == project_id).with_only_columns(
            meeting_projects.c.meeting_id
        )
        query = query.where(Meeting.id.in_(on_agenda.union(with_decision)))
    frame = read_frame(engine, query)
    with engine.connect() as conn:
        links = pd.DataFrame(conn.execute(agenda).fetchall(), columns=["meeting_id", "project_id"])
        counts = pd.DataFrame(
            conn.execute(
                sa.select(Decision.meeting_id, Decision.status, sa.func.count()).group_by(
                    Decision.meeting_id, Decision.status
                )
            ).fetchall(),
            columns=["meeting_id", "status", "n"],
        )
    projects = links.groupby("meeting_id")["project_id"].apply(lambda s: sorted(int(i) for i in s))
    frame["projects"] = [projects.get(i, []) for i in frame["id"]]
    for status in ("open", "done"):
        per = counts[counts["status"] == status].set_index("meeting_id")["n"]
        frame[f"decisions_{status}"] = [int(per.get(i, 0)) for i in frame["id"]]
    return frame


def load_decisions(engine: Engine, meeting_id: int) -> pd.DataFrame:
    """One meeting's decisions, in the order they were taken."""
    query = (
        sa.select(
            Decision.id,
            Decision.project_id,
            Decision.problem_id,
            Decision.action,
            Decision.responsible_unit,
            Decision.deadline,
            Decision.status,
            Decision.done_on,
        )
        .where(Decision.meeting_id == meeting_id)
        .order_by(Decision.id)
    )
    return read_frame(engine, query)


def discard(session: Session) -> None:
    """Undo all this transaction wrote (a dry run: what it would do is known, nothing kept)."""
    session.rollback()


def project_exists(session: Session, project_id: int) -> bool:
    """Whether the project is there (inside a transaction that is about to refer to it)."""
    return session.get(Project, project_id) is not None


def has_projects(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(Project.id).limit(1)).first() is not None


def count_rows(engine: Engine) -> dict[str, int]:
    """Rows per table, for checks and the demo command's summary."""
    tables = ("zones", "projects", "progress_reports", "problems", "meetings", "decisions")
    with engine.connect() as conn:
        return {
            name: conn.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one()
            for name in tables
        }


def data_stamp(engine: Engine) -> tuple:
    """A value that changes whenever the data does: caches key on it.

    Row counts catch inserts and deletes; the sum of ``version`` catches every edit of a
    versioned record (each save increments it); reports are stamped by their sums.
    """
    parts = []
    for model in (
        Zone,
        Project,
        Problem,
        Meeting,
        Decision,
        Milestone,
        Approval,
        MonthlyTarget,
        Letter,
        Escalation,
        StoppagePeriod,
        StoppageReport,
        SignedAgreement,
        SigningTarget,
        ReserveProject,
    ):
        parts.append(sa.select(sa.func.count(model.id)).scalar_subquery())
        parts.append(sa.select(sa.func.coalesce(sa.func.sum(model.version), 0)).scalar_subquery())
    parts.append(sa.select(sa.func.count(ProgressReport.id)).scalar_subquery())
    parts.append(
        sa.select(sa.func.coalesce(sa.func.sum(ProgressReport.completed_wan), 0)).scalar_subquery()
    )
    parts.append(sa.select(sa.func.count()).select_from(meeting_projects).scalar_subquery())
    parts.append(sa.select(sa.func.count(SiteHeadcount.id)).scalar_subquery())
    parts.append(
        sa.select(sa.func.coalesce(sa.func.sum(SiteHeadcount.headcount), 0)).scalar_subquery()
    )
    with engine.connect() as conn:
        return tuple(conn.execute(sa.select(*parts)).one())


def load_ledger_mapping(engine: Engine) -> dict[str, str | None]:
    """The ledger columns the office said how to read: header key → field (None: unread)."""
    with engine.connect() as conn:
        return dict(conn.execute(sa.select(LedgerMapping.header, LedgerMapping.reads_as)).all())


def save_ledger_mapping(engine: Engine, mapping: dict[str, str | None]) -> int:
    """Remember how to read these headers (one transaction, audited); returns how many changed."""
    changed = 0
    with transaction(engine, write=True) as session:
        known = {m.header: m for m in session.scalars(sa.select(LedgerMapping))}
        for header, reads_as in mapping.items():
            record = known.get(header)
            if record is None:
                session.add(LedgerMapping(header=header, reads_as=reads_as))
            elif record.reads_as == reads_as:
                continue
            else:
                record.reads_as = reads_as
            changed += 1
    return changed


def load_office_settings(engine: Engine) -> dict[str, str]:
    """The settings the office's administrator stored (``GEO_…`` names); none on a database
    without tables yet."""
    from geo.config import OFFICE_SETTINGS

    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(AppSetting.key, AppSetting.value).where(
                    AppSetting.key.in_(OFFICE_SETTINGS)
                )
            ).all()
    except sa.exc.SQLAlchemyError:  # no tables yet: the first run
        return {}
    return dict(rows)


def save_office_settings(engine: Engine, values: dict[str, str]) -> list[str]:
    """Store the office's settings (an empty value removes the setting: the default applies),
    audited; returns the names that changed."""
    changed = []
    with transaction(engine, write=True) as session:
        for key, value in values.items():
            record = session.get(AppSetting, key)
            value = value.strip()
            if record is None and value:
                session.add(AppSetting(key=key, value=value))
            elif record is not None and not value:
                session.delete(record)
            elif record is not None and record.value != value:
                record.value = value
            else:
                continue
            changed.append(key)
    return changed


def clear_all(session: Session) -> None:
    """Delete every row, children first (used when the demo county is rebuilt)."""
    for table in (
        Declaration,
        DeclarationRound,
        ReserveStep,
        ReserveProject,
        SignedAgreement,
        SigningTarget,
        YearEndFigure,
        Assessment,
        YearClose,
        RewardSanction,
        SignInAttempt,
        ShareLink,
        NoticeAttempt,
        Notice,
        ChannelSecret,
        NoticeChannel,
        account_zones,
        Account,
        AppSetting,
        LedgerMapping,
        Escalation,
        Letter,
        SiteHeadcount,
        StoppageReport,
        StoppagePeriod,
        Milestone,
        Approval,
        MonthlyTarget,
        AuditEntry,
        Score,
        ObservationTour,
        Photo,
        Decision,
        meeting_projects,
        Meeting,
        Problem,
        ProgressReport,
        Project,
        Zone,
    ):
        target = table if isinstance(table, sa.Table) else table.__table__
        session.execute(sa.delete(target))
