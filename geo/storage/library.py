"""The project library (项目库) as stored: library projects and their dated steps on the
maturity ladder, declaration rounds and what came of each declaration, and the key project a
library project became. Which steps are allowed, the funnel and a round's summary are
:mod:`geo.workflow.library`'s; everything here runs inside the caller's transaction, except the
``load_*`` readers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from geo.refusals import Refusal, Term
from geo.storage import concurrency, store
from geo.storage.models import (
    Declaration,
    DeclarationRound,
    Project,
    ReserveProject,
    ReserveStep,
    Zone,
)
from geo.storage.store import Engine

#: What a person edits of a library project (its maturity moves only by steps).
EDITABLE = (
    "name",
    "sector",
    "expected_investment_wan",
    "land_mu",
    "source_unit",
    "zone_id",
    "lon",
    "lat",
    "note",
)
_DATES = ("entered_on", "taken_on", "opened_on", "decided_on")


@dataclass(frozen=True)
class LibraryProject:
    """A library project as the rules see it inside a write."""

    id: int
    name: str
    sector: str
    expected_investment_wan: float
    maturity: str
    list_level: str | None
    source_unit: str | None
    zone_id: int | None
    lon: float | None
    lat: float | None
    followed: bool
    project_id: int | None
    version: int
    #: The date of its latest step (steps are kept in date order).
    last_step_on: dt.date


@dataclass(frozen=True)
class Round:
    """A declaration round as the rules see it inside a write."""

    id: int
    name: str
    list_level: str
    year: int
    opened_on: dt.date
    decided_on: dt.date | None


def _read(engine: Engine, query: sa.Select) -> pd.DataFrame:
    """Rows of ``query``; dates and texts missing are None (never NaT or NaN), whatever the
    other rows of the column hold."""
    frame = store.read_frame(engine, query)
    for column in frame.columns:
        if column in _DATES or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


# --------------------------------------------------------------------------- readers
def load_library(engine: Engine) -> pd.DataFrame:
    """Every library project with its zone (``zone``, ``zone_kind``) and, once promoted, its
    key project's code (``project_code``); oldest first."""
    query = (
        sa.select(
            *[c for c in ReserveProject.__table__.c if c.name != "updated_at"],
            Zone.name.label("zone"),
            Zone.kind.label("zone_kind"),
            Project.code.label("project_code"),
        )
        .outerjoin(Zone, Zone.id == ReserveProject.zone_id)
        .outerjoin(Project, Project.id == ReserveProject.project_id)
        .order_by(ReserveProject.id)
    )
    frame = _read(engine, query)
    frame["followed"] = frame["followed"].astype(bool)
    return frame


def load_steps(engine: Engine, reserve_id: int | None = None) -> pd.DataFrame:
    """Steps on the ladder (of one library project, or all): ``id, reserve_id, maturity,
    taken_on, list_level, reason, actor``, in the order they were taken."""
    query = sa.select(
        ReserveStep.id,
        ReserveStep.reserve_id,
        ReserveStep.maturity,
        ReserveStep.taken_on,
        ReserveStep.list_level,
        ReserveStep.reason,
        ReserveStep.actor,
    )
    if reserve_id is not None:
        query = query.where(ReserveStep.reserve_id == reserve_id)
    return _read(
        engine, query.order_by(ReserveStep.reserve_id, ReserveStep.taken_on, ReserveStep.id)
    )


def load_rounds(engine: Engine) -> pd.DataFrame:
    """Declaration rounds, newest first: ``id, name, list_level, year, opened_on, decided_on,
    version``."""
    query = sa.select(
        *[c for c in DeclarationRound.__table__.c if c.name != "updated_at"]
    ).order_by(DeclarationRound.opened_on.desc(), DeclarationRound.id.desc())
    return _read(engine, query)


def load_declarations(engine: Engine, round_id: int | None = None) -> pd.DataFrame:
    """Declarations (of one round, or all) with the library project's name, zone and
    maturity: ``id, round_id, reserve_id, name, zone, maturity, outcome, note, version``."""
    zone = aliased(Zone)
    query = (
        sa.select(
            Declaration.id,
            Declaration.round_id,
            Declaration.reserve_id,
            ReserveProject.name,
            zone.name.label("zone"),
            ReserveProject.maturity,
            ReserveProject.expected_investment_wan,
            Declaration.outcome,
            Declaration.note,
            Declaration.version,
        )
        .join(ReserveProject, ReserveProject.id == Declaration.reserve_id)
        .outerjoin(zone, zone.id == ReserveProject.zone_id)
        .order_by(Declaration.round_id, Declaration.id)
    )
    if round_id is not None:
        query = query.where(Declaration.round_id == round_id)
    return _read(engine, query)


# --------------------------------------------------------------------------- inside a write
def _reserve(session: Session, reserve_id: int) -> ReserveProject:
    record = session.get(ReserveProject, reserve_id)
    if record is None:
        raise Refusal("not_found", kind=Term.of("record.reserve_projects"), id=reserve_id)
    return record


def library_project(session: Session, reserve_id: int) -> LibraryProject:
    """The library project and the date of its latest step (refused when there is none)."""
    record = _reserve(session, reserve_id)
    last = session.scalar(
        sa.select(sa.func.max(ReserveStep.taken_on)).where(ReserveStep.reserve_id == reserve_id)
    )
    return LibraryProject(
        id=record.id,
        name=record.name,
        sector=record.sector,
        expected_investment_wan=record.expected_investment_wan,
        maturity=record.maturity,
        list_level=record.list_level,
        source_unit=record.source_unit,
        zone_id=record.zone_id,
        lon=record.lon,
        lat=record.lat,
        followed=record.followed,
        project_id=record.project_id,
        version=record.version,
        last_step_on=last or record.entered_on,
    )


def zone_exists(session: Session, zone_id: int) -> bool:
    return session.get(Zone, zone_id) is not None


def add_library_project(
    session: Session, fields: dict[str, object], *, maturity: str, entered_on: dt.date
) -> int:
    """A new library project (``fields``: :data:`EDITABLE`) at ``maturity``; returns its id.
    Its first step is the caller's to add (:func:`add_step`)."""
    record = ReserveProject(maturity=maturity, entered_on=entered_on, followed=True, **fields)
    session.add(record)
    session.flush()
    return record.id


def update_library_project(
    session: Session, reserve_id: int, fields: dict[str, object], version: int | None
) -> bool:
    """Save what a person edited, refused when the record is gone or has moved on from the
    ``version`` they saw; returns whether anything changed."""
    record = _reserve(session, reserve_id)
    concurrency.expect_version(session, record, version)
    changed = False
    for name, value in fields.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def add_step(
    session: Session,
    reserve_id: int,
    *,
    maturity: str,
    taken_on: dt.date,
    list_level: str | None,
    reason: str | None,
    actor: str,
    version: int | None = None,
) -> None:
    """A dated step on the ladder, and the library project where it leads: its maturity and
    list; taken off the list, its reason (still followed); back in, followed again."""
    record = _reserve(session, reserve_id)
    concurrency.expect_version(session, record, version)
    session.add(
        ReserveStep(
            reserve_id=reserve_id,
            maturity=maturity,
            taken_on=taken_on,
            list_level=list_level,
            reason=reason,
            actor=actor,
        )
    )
    record.maturity, record.followed = maturity, True
    if maturity == "removed":
        record.removed_reason = reason
    else:
        record.list_level, record.removed_reason = list_level, None


def set_followed(session: Session, reserve_id: int, followed: bool, version: int | None) -> None:
    """Whether the office still follows a library project taken off the list."""
    record = _reserve(session, reserve_id)
    concurrency.expect_version(session, record, version)
    record.followed = followed


def add_round(
    session: Session, *, name: str, list_level: str, year: int, opened_on: dt.date
) -> int:
    """A new declaration round; returns its id (refused when the name is taken)."""
    if session.scalar(sa.select(DeclarationRound.id).where(DeclarationRound.name == name)):
        raise Refusal("round_exists", name=name)
    record = DeclarationRound(name=name, list_level=list_level, year=year, opened_on=opened_on)
    session.add(record)
    session.flush()
    return record.id


def declaration_round(session: Session, round_id: int) -> Round:
    record = session.get(DeclarationRound, round_id)
    if record is None:
        raise Refusal("not_found", kind=Term.of("record.declaration_rounds"), id=round_id)
    return Round(
        record.id, record.name, record.list_level, record.year, record.opened_on, record.decided_on
    )


def declared_in(session: Session, round_id: int) -> set[int]:
    """The library projects already in the round."""
    return set(
        session.scalars(sa.select(Declaration.reserve_id).where(Declaration.round_id == round_id))
    )


def add_declaration(
    session: Session, round_id: int, reserve_id: int, outcome: str, note: str | None
) -> int:
    record = Declaration(round_id=round_id, reserve_id=reserve_id, outcome=outcome, note=note)
    session.add(record)
    session.flush()
    return record.id


def set_outcome(
    session: Session, declaration_id: int, outcome: str, note: str | None, version: int | None
) -> tuple[int, int, str]:
    """Record what came of a declaration; returns ``(round_id, reserve_id, outcome before)``."""
    record = session.get(Declaration, declaration_id)
    if record is None:
        raise Refusal("not_found", kind=Term.of("record.declarations"), id=declaration_id)
    concurrency.expect_version(session, record, version)
    before = record.outcome
    record.outcome = outcome
    if note is not None:
        record.note = note
    return record.round_id, record.reserve_id, before


def count_pending(session: Session, round_id: int) -> int:
    """Declarations of the round still waiting for a decision."""
    return session.scalar(
        sa.select(sa.func.count()).where(
            Declaration.round_id == round_id, Declaration.outcome == "pending"
        )
    )


def set_decided(session: Session, round_id: int, decided_on: dt.date | None) -> None:
    """When the round was decided (None: open again, something is pending)."""
    record = session.get(DeclarationRound, round_id)
    if record is not None and record.decided_on != decided_on:
        record.decided_on = decided_on


def project_codes(session: Session) -> set[str]:
    """Every key project's code (a new one must not take one of them)."""
    return set(session.scalars(sa.select(Project.code)))


def add_key_project(session: Session, values: dict[str, object]) -> int:
    """A new key project from ``values`` (the projects table's columns); returns its id."""
    record = Project(**values)
    session.add(record)
    session.flush()
    return record.id


def link_key_project(session: Session, reserve_id: int, project_id: int) -> None:
    """Say which key project the library project became."""
    _reserve(session, reserve_id).project_id = project_id
