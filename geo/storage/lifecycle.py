"""Problems as stored through their life: raised, moved a step on, deleted, each inside the
caller's transaction (so the step is audited with it); which steps are allowed is decided in
:mod:`geo.workflow.lifecycle`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from geo.refusals import Refusal, Term
from geo.storage import concurrency
from geo.storage.models import Problem


def add_problem(
    session: Session,
    project_id: int,
    *,
    description: str,
    category: str,
    raised_by: str,
    raised_on: dt.date,
    status: str,
    source: str,
) -> int:
    """A new problem on the project; returns its id."""
    problem = Problem(
        project_id=project_id,
        description=description,
        category=category,
        raised_by=raised_by,
        raised_on=raised_on,
        status=status,
        source=source,
    )
    session.add(problem)
    session.flush()
    return problem.id


def _problem(session: Session, problem_id: int, version: int | None) -> Problem:
    problem = session.get(Problem, problem_id)
    if problem is None:
        raise Refusal("not_found", kind=Term.of("record.problems"), id=problem_id)
    concurrency.expect_version(session, problem, version)
    return problem


def problem_status(session: Session, problem_id: int, version: int | None) -> str:
    """Where the problem stands; refused when it does not exist, or when it is no longer at
    the ``version`` the person saw (``None``: don't check)."""
    return _problem(session, problem_id, version).status


def update_problem(session: Session, problem_id: int, **changes: object) -> None:
    """Write these fields of a problem read in this transaction (:func:`problem_status`)."""
    problem = _problem(session, problem_id, None)
    for name, value in changes.items():
        setattr(problem, name, value)


def delete_problem(session: Session, problem_id: int, version: int | None) -> None:
    """Remove the problem (refused as :func:`problem_status` refuses)."""
    session.delete(_problem(session, problem_id, version))
