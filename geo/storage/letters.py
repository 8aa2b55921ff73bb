"""The letters of the month (两函一单) as stored: the archive, numbered by kind within the
year, and the decisions the letters chase; what a letter says is decided in
:mod:`geo.workflow.letters`.

An archived letter comes back as a plain record: the ``letters`` table's columns by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from geo.storage import store
from geo.storage.models import Decision, Letter, Meeting, Project
from geo.storage.store import Engine, Session


class IssuedMeanwhile(Exception):
    """Another run archived a letter of the same kind, month and unit, or took the number,
    while this one was writing (the archive's unique keys refused the second)."""


def load_all_decisions(engine: Engine) -> pd.DataFrame:
    """Every decision with its meeting's date and title and its project's name."""
    query = (
        sa.select(
            Decision.id,
            Decision.problem_id,
            Decision.action,
            Decision.responsible_unit,
            Decision.deadline,
            Decision.status,
            Decision.done_on,
            Meeting.held_on,
            Meeting.title.label("meeting"),
            Project.name.label("project"),
        )
        .join(Meeting, Meeting.id == Decision.meeting_id)
        .outerjoin(Project, Project.id == Decision.project_id)
        .order_by(Decision.id)
    )
    return store.read_frame(engine, query)


def load_archive(engine: Engine, year: int | None = None, month: int | None = None) -> pd.DataFrame:
    """The archived letters (of ``month`` of ``year``, or all), by month, kind and number."""
    query = sa.select(*Letter.__table__.c).order_by(
        Letter.year, Letter.month, Letter.kind, Letter.number
    )
    if year is not None:
        query = query.where(Letter.year == year, Letter.month == month)
    return store.read_frame(engine, query)


@contextmanager
def issuing(engine: Engine, *, actor: str | None, reason: str) -> Iterator[Session]:
    """One write transaction for an issue run (:func:`geo.storage.store.transaction`); a
    letter another writer archived meanwhile raises :class:`IssuedMeanwhile`."""
    try:
        with store.transaction(engine, write=True, actor=actor, reason=reason) as session:
            yield session
    except IntegrityError as exc:
        raise IssuedMeanwhile from exc


def _record(letter: Letter) -> dict[str, object]:
    return {column.name: getattr(letter, column.name) for column in Letter.__table__.c}


def archive_letter(
    session: Session,
    *,
    kind: str,
    year: int,
    month: int,
    unit: str,
    issued_on: dt.date,
    items: str,
    digest: str,
) -> tuple[dict[str, object], str]:
    """Archive a letter; returns it as stored and what became of it.

    A letter already archived for the same kind, month and unit keeps its number: it is
    ``unchanged`` when it says the same (same ``digest``, not withdrawn), else rewritten as
    the next revision (``revised``). A ``new`` one takes the next number of its kind in the
    year."""
    existing = session.execute(
        sa.select(Letter).where(
            Letter.kind == kind, Letter.year == year, Letter.month == month, Letter.unit == unit
        )
    ).scalar_one_or_none()
    if existing is not None:
        if existing.digest == digest and existing.withdrawn_on is None:
            return _record(existing), "unchanged"
        existing.items, existing.digest, existing.withdrawn_on = items, digest, None
        existing.issued_on = issued_on
        existing.revision += 1
        session.flush()
        return _record(existing), "revised"
    number = session.execute(
        sa.select(sa.func.coalesce(sa.func.max(Letter.number), 0)).where(
            Letter.kind == kind, Letter.year == year
        )
    ).scalar_one()
    letter = Letter(
        kind=kind,
        year=year,
        month=month,
        unit=unit,
        number=number + 1,
        issued_on=issued_on,
        items=items,
        digest=digest,
        revision=1,
    )
    session.add(letter)
    session.flush()
    return _record(letter), "new"


def withdraw_letters(
    session: Session,
    year: int,
    month: int,
    unit: str | None,
    called_for: set[tuple[str, str]],
    on: dt.date,
) -> list[dict[str, object]]:
    """Withdraw on ``on`` the month's standing letters (to ``unit``, or to all) whose kind and
    unit are not ``called_for``; each withdrawal is a new revision. Returns them, by kind and
    number."""
    query = sa.select(Letter).where(
        Letter.year == year, Letter.month == month, Letter.withdrawn_on.is_(None)
    )
    if unit is not None:
        query = query.where(Letter.unit == unit)
    out = []
    for letter in session.scalars(query.order_by(Letter.kind, Letter.number)):
        if (letter.kind, letter.unit) not in called_for:
            letter.withdrawn_on, letter.revision = on, letter.revision + 1
            session.flush()
            out.append(_record(letter))
    return out
