"""Who may write what, enforced where every write passes: the session's flush.

Pages and commands do not decide permissions: :func:`geo.storage.store.transaction` asks :func:`guard`
to check every record a write inserts, changes or deletes against the person acting (set once
per page run with :func:`acting_as`). A refused write raises :class:`AccessDenied` naming
the person, the record and why; nothing of it is saved, and the refusal is recorded in the
audit log.

- ``admin`` (the key-project office): everything;
- ``leader``: reads everything, scores observation meetings, shares phone links;
- ``zone_manager``: the projects of their zones, and those projects' reports, problems,
  photos, meeting decisions, stoppage reports (停复工) with headcounts and phone links;
  meetings themselves;
- ``viewer`` and the ``kiosk`` screen: nothing.

No one acting (the command line, the demo builder, an install without accounts) is the
system and may do everything.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from geo.refusals import Refusal, Term, record_term
from geo.storage.models import (
    Account,
    AppSetting,
    Decision,
    Meeting,
    MonthlyTarget,
    ObservationTour,
    Photo,
    Problem,
    ProgressReport,
    Project,
    Score,
    ShareLink,
    SiteHeadcount,
    StoppageReport,
)


@dataclass(frozen=True)
class Principal:
    """Who is acting: an account, or the kiosk screen (``role="kiosk"``, read-only)."""

    username: str
    display_name: str
    role: str
    zone_ids: frozenset[int] = frozenset()
    zone_names: tuple[str, ...] = ()
    #: Signed in with a one-time password: nothing else until a new one is chosen.
    must_change_password: bool = False

    @property
    def can_write(self) -> bool:
        return self.role in ("admin", "leader", "zone_manager")


KIOSK_PRINCIPAL = Principal("kiosk", "kiosk", "kiosk")

_ACTING: ContextVar[Principal | None] = ContextVar("geo_acting", default=None)
#: Records a zone manager may write when they belong to one of their zones' projects.
_PROJECT_RECORDS = (
    ProgressReport,
    Problem,
    Photo,
    Decision,
    StoppageReport,
    SiteHeadcount,
    MonthlyTarget,
    ShareLink,
)


class AccessDenied(Refusal):
    """A write the person acting may not make; ``why`` is a text key (``refusal.why.…``)."""

    def __init__(self, principal: Principal, record: object, why: str) -> None:
        self.principal, self.why = principal, why
        self.table_name = record.__tablename__
        self.record_id = getattr(record, "id", None)
        super().__init__(
            "may_not_change",
            who=principal.display_name,
            role=Term.of(f"role.{principal.role}"),
            what=_describe(record),
            why=Term.of(f"refusal.why.{why}", role=Term.of(f"role.{principal.role}")),
        )


def current() -> Principal | None:
    return _ACTING.get()


def set_current(principal: Principal | None) -> None:
    """Who acts from here on in this thread (a page run sets it first thing)."""
    _ACTING.set(principal)


@contextlib.contextmanager
def acting_as(principal: Principal | None) -> Iterator[None]:
    token = _ACTING.set(principal)
    try:
        yield
    finally:
        _ACTING.reset(token)


def _describe(record: object) -> Term:
    name = getattr(record, "name", None) or getattr(record, "username", None)
    ident = getattr(record, "id", None) or getattr(record, "key", None)
    return record_term(record.__tablename__, ident, name)


def _project_zones(session: Session, project_id: int | None) -> set[int | None]:
    if project_id is None:
        return set()
    with session.no_autoflush:
        project = session.get(Project, project_id)
    return {project.park_id, project.township_id} if project else set()


def _zones_before(record: Project) -> set[int | None]:
    """A project's zones as loaded (a manager may not move a project out of their zone)."""
    state = sa.inspect(record)
    out = set()
    for key in ("park_id", "township_id"):
        history = state.attrs[key].history
        out.update(history.deleted or history.unchanged or ())
    return out


def check(principal: Principal, session: Session, record: object, action: str) -> None:
    """Raise :class:`AccessDenied` unless ``principal`` may ``action`` ``record``."""

    def zones() -> tuple[set[int | None], set[int | None]]:
        if isinstance(record, Project):
            return _zones_before(record), {record.park_id, record.township_id}
        if isinstance(record, _PROJECT_RECORDS):
            here = _project_zones(session, record.project_id)
            return here, here
        return set(), set()

    decide(principal, record, action, zones)


def decide(
    principal: Principal,
    record: object,
    action: str,
    zones: Callable[[], tuple[set[int | None], set[int | None]]],
) -> None:
    """The rules themselves, for a record written through the ORM (:func:`check`) or in bulk
    (the ledger import). ``zones()`` gives the zones of the record's project before and after
    the write; it is asked only when the role depends on them."""
    role = principal.role
    if role == "admin":
        return
    if role == "leader" and isinstance(record, ObservationTour | Score | ShareLink):
        return
    if role == "zone_manager":
        mine = principal.zone_ids
        if isinstance(record, Project):
            if action == "insert":
                raise AccessDenied(principal, record, "office_adds_projects")
            # In one of their zones before the change and after it: not moved out, not taken in.
            before, after = zones()
            if before & mine and after & mine:
                return
            raise AccessDenied(principal, record, "not_your_zone")
        if isinstance(record, Meeting):
            return
        if isinstance(record, _PROJECT_RECORDS):
            if zones()[1] & mine:
                return
            raise AccessDenied(principal, record, "project_not_your_zone")
    if isinstance(record, Account | AppSetting):
        raise AccessDenied(principal, record, "admins_only")
    raise AccessDenied(principal, record, "role_does_not_edit")


def guard(session: Session) -> None:
    """Check every record of every flush of ``session`` against the person acting."""
    principal = current()
    if principal is None:
        return

    @event.listens_for(session, "before_flush")
    def _check(flushing: Session, _context: object, _instances: object) -> None:
        for action, records in (
            ("insert", flushing.new),
            ("update", flushing.dirty),
            ("delete", flushing.deleted),
        ):
            for record in records:
                if action == "update" and not flushing.is_modified(record):
                    continue
                check(principal, flushing, record, action)
