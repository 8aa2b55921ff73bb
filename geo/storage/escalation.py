"""The escalation ladder as stored (督办函 → 效能告诫 → 约谈 → 问责 → 移交纪委监委): each step a
problem took, dated, with its document number; which step is due is decided in
:mod:`geo.workflow.escalation`.

Steps are only ever added (a step down is a new step too), so a problem's history on the
ladder is its rows in date order and its current step the latest of them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from geo.refusals import Refusal, Term
from geo.storage import store
from geo.storage.models import Escalation, Problem
from geo.storage.store import Engine, Session

#: The columns every reader returns, in this order.
COLUMNS = (
    "id",
    "problem_id",
    "step",
    "taken_on",
    "direction",
    "reason",
    "document_no",
    "letter_id",
    "actor",
)


def _query() -> sa.Select:
    e = Escalation
    return sa.select(*(getattr(e, c) for c in COLUMNS)).order_by(e.problem_id, e.taken_on, e.id)


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=list(COLUMNS))
    frame["taken_on"] = [v.date() if isinstance(v, dt.datetime) else v for v in frame["taken_on"]]
    # Missing texts and letters as None, never NaN (a page would show "nan").
    for column in ("reason", "document_no", "letter_id"):
        frame[column] = pd.Series(
            [None if pd.isna(v) else v for v in frame[column]], index=frame.index, dtype=object
        )
    frame["letter_id"] = [None if v is None else int(v) for v in frame["letter_id"]]
    return frame


def load_escalations(engine: Engine, problem_id: int | None = None) -> pd.DataFrame:
    """Every step on the ladder (of one problem, or all), by problem and date:
    ``id, problem_id, step, taken_on, direction, reason, document_no, letter_id, actor``."""
    query = _query()
    if problem_id is not None:
        query = query.where(Escalation.problem_id == problem_id)
    return _tidy(store.read_frame(engine, query))


def escalations_in(session: Session, problem_id: int | None = None) -> pd.DataFrame:
    """:func:`load_escalations` read inside the caller's transaction (what a run that is
    about to write must see, its own earlier writes included)."""
    query = _query()
    if problem_id is not None:
        query = query.where(Escalation.problem_id == problem_id)
    rows = session.execute(query).all()
    return _tidy(pd.DataFrame([tuple(r) for r in rows], columns=list(COLUMNS)))


def problem_standing(session: Session, problem_id: int) -> tuple[str, dt.date | None]:
    """The problem's status and the day it was resolved; refused when there is no such
    problem."""
    problem = session.get(Problem, problem_id)
    if problem is None:
        raise Refusal("not_found", kind=Term.of("record.problems"), id=problem_id)
    return problem.status, problem.resolved_on


def steps_numbered(session: Session, step: str, year: int) -> int:
    """How many steps of this kind were taken in ``year`` with a document number of the
    office's (the next one is numbered one more)."""
    return session.scalar(
        sa.select(sa.func.count(Escalation.id)).where(
            Escalation.step == step,
            Escalation.direction != "down",
            Escalation.document_no.is_not(None),
            Escalation.taken_on >= dt.date(year, 1, 1),
            Escalation.taken_on <= dt.date(year, 12, 31),
        )
    )


def add_step(
    session: Session,
    problem_id: int,
    *,
    step: str,
    taken_on: dt.date,
    direction: str,
    reason: str | None = None,
    document_no: str | None = None,
    letter_id: int | None = None,
    actor: str | None = None,
) -> dict[str, object]:
    """Record one step of the problem on the ladder; returns it as stored."""
    row = Escalation(
        problem_id=problem_id,
        step=step,
        taken_on=taken_on,
        direction=direction,
        reason=reason,
        document_no=document_no,
        letter_id=letter_id,
        actor=actor or store.current_actor(),
    )
    session.add(row)
    session.flush()
    return {column: getattr(row, column) for column in COLUMNS}
