"""The schema: zones, projects, monthly reports, problems, meetings and their decisions.

Geometry is stored as GeoJSON text so that one schema serves SQLite and a plain
PostgreSQL server (no PostGIS needed). Coordinates are WGS-84 / CGCS2000 longitude
and latitude; anything else is converted on the way in.

Every table that people edit carries ``version`` (optimistic concurrency: a stale
save raises ``StaleDataError`` instead of overwriting) and ``updated_at``.
The schema itself is owned by the Alembic migrations in ``geo/storage/migrations``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    func,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship


class Base(DeclarativeBase):
    # Named constraints, so that later migrations can alter them on SQLite too.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class _Versioned:
    """Columns every editable record has."""

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime,
        nullable=False,
        server_default=func.current_timestamp(),
        onupdate=func.current_timestamp(),
    )


class Zone(_Versioned, Base):
    """A park / development zone (``kind="park"``) or a township (``kind="township"``)."""

    __tablename__ = "zones"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    code: Mapped[str | None] = mapped_column(String(32))
    geometry: Mapped[str] = mapped_column(Text, nullable=False)  # GeoJSON geometry, WGS-84


class Project(_Versioned, Base):
    """A key project (重点项目) with its plan and responsibility chain."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    owner: Mapped[str | None] = mapped_column(String(200))
    lon: Mapped[float] = mapped_column(Float, nullable=False)
    lat: Mapped[float] = mapped_column(Float, nullable=False)
    park_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"), index=True)
    township_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"), index=True)
    category: Mapped[str] = mapped_column(String(16), nullable=False)
    level: Mapped[str] = mapped_column(String(16), nullable=False)
    build_type: Mapped[str] = mapped_column(String(16), nullable=False)
    stage: Mapped[str] = mapped_column(String(16), nullable=False)
    plan_year: Mapped[int] = mapped_column(Integer, nullable=False)
    total_investment_wan: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    annual_plan_wan: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    planned_start: Mapped[dt.date | None] = mapped_column(Date)
    planned_completion: Mapped[dt.date | None] = mapped_column(Date)
    planned_production: Mapped[dt.date | None] = mapped_column(Date)
    lead_leader: Mapped[str | None] = mapped_column(String(100))
    responsible_unit: Mapped[str | None] = mapped_column(String(200))
    project_secretary: Mapped[str | None] = mapped_column(String(100))
    liaison: Mapped[str | None] = mapped_column(String(100))
    task_force: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)

    park: Mapped[Zone | None] = relationship(foreign_keys=[park_id])
    township: Mapped[Zone | None] = relationship(foreign_keys=[township_id])


class ProgressReport(Base):
    """A monthly report (月报): the year-to-date and cumulative figures at ``as_of``."""

    __tablename__ = "progress_reports"
    __table_args__ = (UniqueConstraint("project_id", "as_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    as_of: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    completed_wan: Mapped[float] = mapped_column(Float, nullable=False)  # this year, to date
    cumulative_wan: Mapped[float | None] = mapped_column(Float)
    stage: Mapped[str | None] = mapped_column(String(16))
    physical_progress: Mapped[str | None] = mapped_column(Text)

    project: Mapped[Project] = relationship()


class Problem(_Versioned, Base):
    """An entry in a project's problem list (问题清单)."""

    __tablename__ = "problems"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    description: Mapped[str] = mapped_column(Text, nullable=False)
    category: Mapped[str] = mapped_column(String(16), nullable=False)
    responsible_unit: Mapped[str | None] = mapped_column(String(200))
    raised_by: Mapped[str | None] = mapped_column(String(100))
    raised_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    resolved_on: Mapped[dt.date | None] = mapped_column(Date)
    resolution: Mapped[str | None] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(100))  # who at the unit answers for it
    source: Mapped[str | None] = mapped_column(String(16))  # site_visit, meeting, owner, office


meeting_projects = Table(
    "meeting_projects",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("discussion", Text),  # what the meeting said about this project
)


class Meeting(_Versioned, Base):
    """A supervision, coordination, on-site … meeting."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    held_on: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    starts_at: Mapped[dt.time | None] = mapped_column(Time)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    chair: Mapped[str | None] = mapped_column(String(100))
    place: Mapped[str | None] = mapped_column(String(200))
    attendees: Mapped[str | None] = mapped_column(Text)
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"))

    zone: Mapped[Zone | None] = relationship()

    projects: Mapped[list[Project]] = relationship(secondary=meeting_projects)
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )


class Decision(_Versioned, Base):
    """An assigned action (交办事项) decided at a meeting, tracked until done."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    problem_id: Mapped[int | None] = mapped_column(
        ForeignKey("problems.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(Text, nullable=False)
    responsible_unit: Mapped[str | None] = mapped_column(String(200))
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    done_on: Mapped[dt.date | None] = mapped_column(Date)

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")


class AuditEntry(Base):
    """One write: who, when, which record, the old and new values (JSON), and why.

    Written by :mod:`geo.storage.audit` for every change made through a session; never edited.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    actor: Mapped[str] = mapped_column(String(100), nullable=False)
    action: Mapped[str] = mapped_column(String(16), nullable=False)  # insert | update | delete
    table_name: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[str] = mapped_column(Text, nullable=False)  # {"field": [old, new]}
    reason: Mapped[str | None] = mapped_column(Text)


class Photo(Base):
    """A site photo: stored under a random name, with what its EXIF says about when and where."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    problem_id: Mapped[int | None] = mapped_column(ForeignKey("problems.id", ondelete="SET NULL"))
    file_name: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    original_name: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(32), nullable=False)
    size_bytes: Mapped[int] = mapped_column(Integer, nullable=False)
    taken_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)  # from the project's site
    caption: Mapped[str | None] = mapped_column(Text)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)


class ObservationTour(Base):
    """An observation meeting (观摩会): the stops judges score, and the criteria they use."""

    __tablename__ = "observation_tours"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    stops: Mapped[str] = mapped_column(Text, nullable=False)  # JSON list of project ids, in order
    criteria: Mapped[str] = mapped_column(Text, nullable=False)  # JSON [{"key", "label", "weight"}]


class Score(Base):
    """One judge's score (0–100) of one stop on one criterion."""

    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("tour_id", "judge", "project_id", "criterion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tour_id: Mapped[int] = mapped_column(
        ForeignKey("observation_tours.id", ondelete="CASCADE"), nullable=False, index=True
    )
    judge: Mapped[str] = mapped_column(String(100), nullable=False)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False
    )
    criterion: Mapped[str] = mapped_column(String(32), nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)


account_zones = Table(
    "account_zones",
    Base.metadata,
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("zone_id", ForeignKey("zones.id", ondelete="CASCADE"), primary_key=True),
)


class Account(_Versioned, Base):
    """Someone who signs in: a local password (argon2 hash) or single sign-on by e-mail.

    ``role`` is ``admin`` (the key-project office), ``leader``, ``zone_manager`` (edits only
    the zones in ``zones``) or ``viewer``; see :mod:`geo.storage.access`.
    """

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    display_name: Mapped[str] = mapped_column(String(100), nullable=False)
    password_hash: Mapped[str | None] = mapped_column(String(200))  # None: single sign-on only
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    #: Set by an administrator's one-time password: the next sign-in must choose a new one.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=sa_false()
    )

    zones: Mapped[list[Zone]] = relationship(secondary=account_zones)


class LedgerMapping(_Versioned, Base):
    """How the office reads a ledger column its header words do not say (or say wrongly):
    the header as written (spaces folded) → the field, or None to leave it unread."""

    __tablename__ = "ledger_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    header: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    reads_as: Mapped[str | None] = mapped_column(String(32))

    @property
    def name(self) -> str:  # what the audit trail and refusals call it
        return self.header


class AppSetting(Base):
    """A setting the office changes at run time (e.g. kiosk mode), not from the environment."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Milestone(_Versioned, Base):
    """A step of a project's roadmap (路线图): planned and actual dates, in the users' stage terms.

    ``code`` is one of :data:`geo.vocab.MILESTONES` or free text for a project's own step.
    """

    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("project_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    code: Mapped[str] = mapped_column(String(60), nullable=False)
    planned_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    actual_on: Mapped[dt.date | None] = mapped_column(Date)


class Approval(_Versioned, Base):
    """One approval a project needs (前期手续): who grants it, when it was applied for, granted."""

    __tablename__ = "approvals"
    __table_args__ = (UniqueConstraint("project_id", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    item: Mapped[str] = mapped_column(String(60), nullable=False)
    department: Mapped[str] = mapped_column(String(100), nullable=False)
    applied_on: Mapped[dt.date | None] = mapped_column(Date)
    granted_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(
        String(16), nullable=False
    )  # see geo.vocab.APPROVAL_STATUSES


class MonthlyTarget(_Versioned, Base):
    """One month of a project's annual plan split by month (分月计划): the investment planned
    for that month. A project with targets is measured against their running total."""

    __tablename__ = "monthly_targets"
    __table_args__ = (UniqueConstraint("project_id", "year", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    month: Mapped[int] = mapped_column(Integer, nullable=False)
    target_wan: Mapped[float] = mapped_column(Float, nullable=False)


class Letter(_Versioned, Base):
    """One of the letters of the month (两函一单) to one responsible unit, as issued and archived.

    ``kind`` is ``assignment`` (交办函), ``reminder`` (提醒函) or ``supervision`` (督办函);
    ``number`` counts that kind's letters within ``year``. ``items`` is the JSON list of what
    the letter says (so the archive shows what was sent even after the data moved on), and
    ``digest`` its hash: a regenerated letter with the same digest is the same letter, a
    different one is the next ``revision`` under the same number (earlier texts stay in the
    audit log).
    """

    __tablename__ = "letters"
    __table_args__ = (
        UniqueConstraint("kind", "year", "month", "unit", name="uq_letters_kind_month_unit"),
        UniqueConstraint("kind", "year", "number", name="uq_letters_kind_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    month: Mapped[int] = mapped_column(Integer, nullable=False)
    unit: Mapped[str] = mapped_column(String(200), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    issued_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    items: Mapped[str] = mapped_column(Text, nullable=False)
    digest: Mapped[str] = mapped_column(String(64), nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    #: Set when a later run found nothing left to write about (the letter is withdrawn, 撤回).
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date)


class StoppagePeriod(_Versioned, Base):
    """A stoppage the office follows (停复工): the Spring Festival, a holiday, pollution-control
    days (重污染天气管控). ``kind`` is one of :data:`geo.vocab.STOPPAGE_KINDS`; sites may stop
    from ``starts_on`` and are expected back at work by ``ends_on``."""

    __tablename__ = "stoppage_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    starts_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[dt.date] = mapped_column(Date, nullable=False)


class StoppageReport(_Versioned, Base):
    """One project's report for a stoppage period: whether it stops, when, and when it
    resumes (planned, then actual)."""

    __tablename__ = "stoppage_reports"
    __table_args__ = (UniqueConstraint("period_id", "project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(
        ForeignKey("stoppage_periods.id", ondelete="CASCADE"), nullable=False, index=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    stops: Mapped[bool] = mapped_column(Boolean, nullable=False)
    stopped_on: Mapped[dt.date | None] = mapped_column(Date)
    planned_resume_on: Mapped[dt.date | None] = mapped_column(Date)
    resumed_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class SiteHeadcount(Base):
    """People on a project's site on one day of a stoppage period (留守/在岗人数)."""

    __tablename__ = "site_headcounts"
    __table_args__ = (UniqueConstraint("period_id", "project_id", "on_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(
        ForeignKey("stoppage_periods.id", ondelete="CASCADE"), nullable=False, index=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    on_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    headcount: Mapped[int] = mapped_column(Integer, nullable=False)


class NoticeChannel(_Versioned, Base):
    """Where notices go: a work group's robot (企业微信, 钉钉, 飞书), a JSON webhook or mailboxes,
    for a responsible unit, a lead leader, a project's task force or the leadership group.

    ``audience`` is the unit's, leader's or project's name as the data writes it ("" for the
    leadership group). The robot's signing secret or the mailbox password is kept apart, in
    :class:`ChannelSecret`, out of the audit trail."""

    __tablename__ = "notice_channels"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    audience_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    audience: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    address: Mapped[str] = mapped_column(Text, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class ChannelSecret(Base):
    """A channel's secret, never audited nor shown back in full."""

    __tablename__ = "channel_secrets"

    channel_id: Mapped[int] = mapped_column(
        ForeignKey("notice_channels.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Notice(Base):
    """One message in the outbox, to one channel; ``dedup_key`` makes each notice once.

    ``status``: ``pending`` (waiting, perhaps for a retry at ``next_attempt_at``), ``sending``
    (a sender holds it until ``lease_until``), ``sent``, ``failed`` (gave up after retries) or
    ``uncertain`` (a sender stopped mid-send: it may have arrived, so it is not sent again
    without the office saying so)."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    dedup_key: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    channel_id: Mapped[int] = mapped_column(
        ForeignKey("notice_channels.id", ondelete="CASCADE"), nullable=False, index=True
    )
    rule: Mapped[str] = mapped_column(String(24), nullable=False)
    subject: Mapped[str] = mapped_column(String(200), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    #: A document to attach to e-mail: "letter:12" or "bulletin:2026-11".
    attachment: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    lease_token: Mapped[str | None] = mapped_column(String(32))
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class NoticeAttempt(Base):
    """One try at sending a notice, with the channel's answer."""

    __tablename__ = "notice_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(
        ForeignKey("notices.id", ondelete="CASCADE"), nullable=False, index=True
    )
    at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    ok: Mapped[bool] = mapped_column(Boolean, nullable=False)
    answer: Mapped[str] = mapped_column(Text, nullable=False)


class ShareLink(Base):
    """A phone link to one project's read-only page (geo.reports.phone), until ``expires_at`` (UTC).

    The link's token is not stored: it is the HMAC of the project and the expiry under the
    server's share secret, so the list of links says who shared what and until when, and a
    copy of the database does not hand out working links."""

    __tablename__ = "share_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SignInAttempt(Base):
    """A sign-in attempt (geo.storage.signin): ``failure``, ``success`` or ``unlock`` (an administrator
    lifted a lockout). ``username`` is as typed, whether or not such an account exists."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_username_at", "username", "at"),
        Index("ix_sign_in_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    username: Mapped[str] = mapped_column(String(100), nullable=False)
    address: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    kind: Mapped[str] = mapped_column(String(12), nullable=False)


class SignInSession(Base):
    """A browser that stays signed in (geo.storage.sessions) until sign-out, an idle timeout or an
    absolute limit. The browser keeps a random token in an HttpOnly cookie; only its SHA-256
    is kept here, so a copy of the database signs nobody in. ``handoff_hash`` is the one-time
    code with which the page fetches that cookie right after signing in (then cleared)."""

    __tablename__ = "sign_in_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True
    )
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    handoff_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    address: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    user_agent: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: The browser, as its cookie names it: two tabs that each signed in share it, so signing
    #: out in one ends both. Set when the cookie is fetched.
    browser: Mapped[str | None] = mapped_column(String(32), index=True)
    #: The UI language chosen in this browser, kept over reloads.
    language: Mapped[str | None] = mapped_column(String(8))


# --------------------------------------------------------------------------- before the list
class ReserveProject(_Versioned, Base):
    """A project in the library (项目库) before it is a key project: an idea (谋划) or a reserve
    project (储备) moving up the maturity ladder (:data:`geo.vocab.MATURITY`). One taken off
    the list (调整出库) keeps its row and reason and, while ``followed``, is still followed;
    ``project_id`` is the key project it became (its fields carried over, nothing retyped)."""

    __tablename__ = "reserve_projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    sector: Mapped[str] = mapped_column(String(16), nullable=False)  # vocab.CATEGORIES
    expected_investment_wan: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    land_mu: Mapped[float | None] = mapped_column(Float)  # land needed, 亩
    maturity: Mapped[str] = mapped_column(String(16), nullable=False)
    #: The list it was entered in or declared for: county, city or provincial (vocab.LEVELS).
    list_level: Mapped[str | None] = mapped_column(String(16))
    source_unit: Mapped[str | None] = mapped_column(String(200))
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"), index=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    entered_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    removed_reason: Mapped[str | None] = mapped_column(Text)
    followed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), unique=True
    )
    note: Mapped[str | None] = mapped_column(Text)


class ReserveStep(Base):
    """One step of a library project on the maturity ladder, dated (the funnel counts them)."""

    __tablename__ = "reserve_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    reserve_id: Mapped[int] = mapped_column(
        ForeignKey("reserve_projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    maturity: Mapped[str] = mapped_column(String(16), nullable=False)
    taken_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    list_level: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100), nullable=False, default="")


class DeclarationRound(_Versioned, Base):
    """A round of declaring projects to a higher list (申报), e.g. the provincial key projects of
    2027: opened, then decided."""

    __tablename__ = "declaration_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    list_level: Mapped[str] = mapped_column(String(16), nullable=False)  # city or provincial
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    opened_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    decided_on: Mapped[dt.date | None] = mapped_column(Date)


class Declaration(_Versioned, Base):
    """A library project declared in a round, and what came of it (vocab.DECLARATION_OUTCOMES)."""

    __tablename__ = "declarations"
    __table_args__ = (UniqueConstraint("round_id", "reserve_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("declaration_rounds.id", ondelete="CASCADE"), nullable=False, index=True
    )
    reserve_id: Mapped[int] = mapped_column(
        ForeignKey("reserve_projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    outcome: Mapped[str] = mapped_column(String(16), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


class SignedAgreement(_Versioned, Base):
    """A signed investment agreement (招商引资签约): where the investor comes from, how it was
    attracted, what was agreed and when it should start; ``started_on`` once it has."""

    __tablename__ = "signed_agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    signed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    origin_region: Mapped[str] = mapped_column(String(100), nullable=False)
    attraction_way: Mapped[str] = mapped_column(String(32), nullable=False)
    agreed_investment_wan: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    planned_start: Mapped[dt.date | None] = mapped_column(Date)
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    sector: Mapped[str | None] = mapped_column(String(16))
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"), index=True)
    responsible_unit: Mapped[str | None] = mapped_column(String(200))
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)


class SigningTarget(_Versioned, Base):
    """A unit's targets for the year: agreements signed, of them started, investment agreed."""

    __tablename__ = "signing_targets"
    __table_args__ = (UniqueConstraint("year", "unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    unit: Mapped[str] = mapped_column(String(200), nullable=False)
    signed_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    started_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    investment_wan: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)


# --------------------------------------------------------------------------- the year's close
class YearClose(Base):
    """A year closed (年终决算) as of 12-31: its figures are frozen in ``year_end_figures``, and
    a later edit of that year's reports needs a reason (the audit log keeps it)."""

    __tablename__ = "year_closes"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    as_of: Mapped[dt.date] = mapped_column(Date, nullable=False)
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    closed_by: Mapped[str] = mapped_column(String(100), nullable=False)


class YearEndFigure(Base):
    """One project's figures as the year was closed (kept even if the project is renamed)."""

    __tablename__ = "year_end_figures"
    __table_args__ = (UniqueConstraint("year", "project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(
        ForeignKey("year_closes.year", ondelete="CASCADE"), nullable=False, index=True
    )
    project_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(32), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    park: Mapped[str | None] = mapped_column(String(100))
    township: Mapped[str | None] = mapped_column(String(100))
    responsible_unit: Mapped[str | None] = mapped_column(String(200))
    lead_leader: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(16), nullable=False)
    stage: Mapped[str] = mapped_column(String(16), nullable=False)
    annual_plan_wan: Mapped[float] = mapped_column(Float, nullable=False)
    completed_wan: Mapped[float] = mapped_column(Float, nullable=False)
    completion_rate: Mapped[float | None] = mapped_column(Float)


class Assessment(Base):
    """The annual assessment (年度考核) of one zone, unit or leader, by the ranking's method
    over the closed year."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("year", "grouping", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(
        ForeignKey("year_closes.year", ondelete="CASCADE"), nullable=False, index=True
    )
    grouping: Mapped[str] = mapped_column(String(16), nullable=False)  # vocab.RANKING_GROUPINGS
    key: Mapped[str] = mapped_column(String(200), nullable=False)
    score: Mapped[float | None] = mapped_column(Float)
    rank: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str | None] = mapped_column(String(16))


class RewardSanction(_Versioned, Base):
    """A reward or sanction (奖惩) recorded for a unit or zone for a year, with its document."""

    __tablename__ = "rewards_sanctions"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    grouping: Mapped[str] = mapped_column(String(16), nullable=False)
    target: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # reward or sanction
    measure: Mapped[str] = mapped_column(String(32), nullable=False)  # vocab code
    decided_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    document_no: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)


# --------------------------------------------------------------------------- when letters fail
class Escalation(_Versioned, Base):
    """One step of a problem on the escalation ladder (督办函 → 效能告诫 → 约谈 → 问责 → 移交纪委
    监委, :data:`geo.vocab.ESCALATION_STEPS`): by rule when an item stays open, or by the office
    up or down with a reason; dated, with its document."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(
        ForeignKey("problems.id", ondelete="CASCADE"), nullable=False, index=True
    )
    step: Mapped[str] = mapped_column(String(32), nullable=False)
    taken_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    direction: Mapped[str] = mapped_column(String(8), nullable=False)  # rule, up or down
    reason: Mapped[str | None] = mapped_column(Text)
    document_no: Mapped[str | None] = mapped_column(String(100))
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(100), nullable=False, default="")
