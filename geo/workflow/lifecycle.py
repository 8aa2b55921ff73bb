"""A problem's life: raised → assigned → in progress → resolved → confirmed closed, or reopened.

Each step checks where the problem stands and what the step needs (a unit and deadline to
assign, how it was solved to resolve, a reason to reopen or delete), then writes in one
audited transaction, so the problem's history is its audit trail (the reads and writes are
in :mod:`geo.storage.lifecycle`).
"""

from __future__ import annotations

import datetime as dt

from geo.refusals import Refusal, Term
from geo.storage import lifecycle as stored
from geo.storage import store
from geo.storage.store import Engine
from geo.vocab import PROBLEM_CATEGORIES, PROBLEM_SOURCES, check_code

#: Where each status may go next ("reopen" goes back to in_progress, with a reason).
NEXT = {
    "raised": ("assigned", "in_progress", "resolved"),
    "assigned": ("in_progress", "resolved"),
    "in_progress": ("resolved",),
    "resolved": ("closed", "in_progress"),
    "closed": ("in_progress",),
}


#: The fields a step needs, by the words the problem page uses for them.
_FIELDS = {
    "description": "problem.description",
    "raised_by": "problem.raised_by",
    "unit": "problem.responsible_unit",
    "deadline": "problem.deadline",
    "resolution": "problem.resolution",
    "resolved_on": "problem.resolved_on",
    "reason": "problem.reason",
}


def check_step(current: str, wanted: str) -> None:
    """Refuse a step the life cycle does not allow, saying which are allowed."""
    if wanted not in NEXT.get(current, ()):
        raise Refusal(
            "problem_step",
            current=Term.of(f"problem_status.{current}"),
            wanted=Term.of(f"problem_status.{wanted}"),
            allowed=tuple(Term.of(f"problem_status.{s}") for s in NEXT.get(current, ())),
        )


def _required(**values: object) -> None:
    for name, value in values.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            raise Refusal("required", field=Term.of(_FIELDS[name]))


def raise_problem(
    engine: Engine,
    project_id: int,
    description: str,
    category: str,
    *,
    raised_by: str,
    raised_on: dt.date,
    source: str = "office",
    actor: str | None = None,
) -> int:
    """Record a new problem on a project, saying who raised it and where; returns its id."""
    _required(description=description, raised_by=raised_by)
    check_code("source", source, PROBLEM_SOURCES)
    if category not in PROBLEM_CATEGORIES:
        raise Refusal("not_one_of", field=Term.of("problem.category"), value=category)
    with store.transaction(engine, write=True, actor=actor) as s:
        return stored.add_problem(
            s,
            project_id,
            description=description.strip(),
            category=category,
            raised_by=raised_by.strip(),
            raised_on=raised_on,
            status="raised",
            source=source,
        )


def _step(
    engine: Engine,
    problem_id: int,
    wanted: str,
    actor: str | None,
    reason: str | None = None,
    version: int | None = None,
    **changes: object,
) -> None:
    """One step of the life cycle; ``version`` is the one the person saw (None: don't check)."""
    with store.transaction(engine, write=True, actor=actor, reason=reason) as s:
        check_step(stored.problem_status(s, problem_id, version), wanted)
        stored.update_problem(s, problem_id, status=wanted, **changes)


def assign(
    engine: Engine,
    problem_id: int,
    *,
    unit: str,
    deadline: dt.date,
    contact: str | None = None,
    actor: str | None = None,
    version: int | None = None,
) -> None:
    """Give the problem to a responsible unit with a deadline (交办)."""
    _required(unit=unit, deadline=deadline)
    _step(
        engine,
        problem_id,
        "assigned",
        actor,
        version=version,
        responsible_unit=unit.strip(),
        deadline=deadline,
        contact=contact,
    )


def start(
    engine: Engine, problem_id: int, *, actor: str | None = None, version: int | None = None
) -> None:
    _step(engine, problem_id, "in_progress", actor, version=version)


def resolve(
    engine: Engine,
    problem_id: int,
    *,
    resolution: str,
    resolved_on: dt.date,
    actor: str | None = None,
    version: int | None = None,
) -> None:
    """Say how and when it was solved; the office still has to confirm it closed."""
    _required(resolution=resolution, resolved_on=resolved_on)
    _step(
        engine,
        problem_id,
        "resolved",
        actor,
        version=version,
        resolution=resolution.strip(),
        resolved_on=resolved_on,
    )


def close(
    engine: Engine, problem_id: int, *, actor: str | None = None, version: int | None = None
) -> None:
    """Confirm that a resolved problem is closed (销号)."""
    _step(engine, problem_id, "closed", actor, version=version)


def reopen(
    engine: Engine,
    problem_id: int,
    *,
    reason: str,
    actor: str | None = None,
    version: int | None = None,
) -> None:
    """Back to in progress, because it was not solved after all: the reason is recorded."""
    _required(reason=reason)
    _step(
        engine,
        problem_id,
        "in_progress",
        actor,
        reason=reason.strip(),
        version=version,
        resolved_on=None,
    )


def delete(
    engine: Engine,
    problem_id: int,
    *,
    reason: str,
    actor: str | None = None,
    version: int | None = None,
) -> None:
    """Remove a problem entered by mistake; never silently: the reason is recorded."""
    _required(reason=reason)
    with store.transaction(engine, write=True, actor=actor, reason=reason.strip()) as s:
        stored.delete_problem(s, problem_id, version)
