"""Many editors at once: a save based on an old copy of a record is refused, never merged.

Every editable record carries ``version`` (SQLAlchemy's version counter: each save adds one,
and an UPDATE whose version no longer matches touches nothing). An edit names the version the
person was looking at; when the record has moved on since, :class:`ConcurrentEdit` says who
changed it and when (from the audit log), so they can reload and decide again.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.refusals import Refusal, Term, record_term
from geo.storage.models import AuditEntry


class ConcurrentEdit(Refusal):
    """The record was changed by someone else since it was loaded; ``what`` names it
    (:func:`geo.refusals.record`, or a :class:`~geo.refusals.Term` of its own)."""

    def __init__(self, what: Term, actor: str | None, at: dt.datetime | None) -> None:
        self.what, self.actor, self.at = what, actor, at
        if actor and at:
            super().__init__("changed_by", what=what, actor=actor, at=f"{at:%Y-%m-%d %H:%M:%S}")
        else:
            super().__init__("changed_meanwhile", what=what)


def last_change(
    session: Session, table_name: str, record_id: int
) -> tuple[str, dt.datetime] | None:
    """Who last wrote the record and when, from the audit log."""
    row = session.execute(
        sa.select(AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.table_name == table_name, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    return (row.actor, row.at) if row else None


def expect_version(session: Session, record: object, expected: int | None) -> None:
    """Refuse to go on when ``record`` is no longer at the ``expected`` version.

    ``None`` means the caller read the record in this same transaction (nothing to compare).
    """
    if expected is None or record.version == expected:
        return
    table = record.__tablename__
    who = last_change(session, table, record.id)
    raise ConcurrentEdit(record_term(table, record.id), *(who or (None, None)))


def stale_write(error: Exception) -> ConcurrentEdit:
    """The race the version check cannot see (two saves between read and write): the
    database's own version check caught it; say so in the same words."""
    text = str(error)
    table = text.split("table '")[1].split("'")[0] if "table '" in text else None
    what = Term.of(f"record.{table}") if table else Term.of("refusal.what.a_record")
    return ConcurrentEdit(what, None, None)
