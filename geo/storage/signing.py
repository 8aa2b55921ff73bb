"""Signed investment agreements (招商引资签约) and the units' signing targets as stored; how
they are counted is in :mod:`geo.workflow.signing`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import aliased

from geo.formatting import is_missing
from geo.refusals import Refusal, Term
from geo.storage import concurrency, store
from geo.storage.models import Project, SignedAgreement, SigningTarget, Zone
from geo.storage.store import Engine, Session

#: What a person enters for an agreement, as the columns are named.
AGREEMENT_FIELDS = (
    "name",
    "signed_on",
    "origin_region",
    "attraction_way",
    "agreed_investment_wan",
    "planned_start",
    "started_on",
    "sector",
    "zone_id",
    "responsible_unit",
    "lon",
    "lat",
    "project_id",
    "note",
)
#: What :func:`load_agreements` returns, in this order.
AGREEMENT_COLUMNS = ("id", *AGREEMENT_FIELDS, "zone", "zone_kind", "project", "version")
TARGET_COLUMNS = (
    "id",
    "year",
    "unit",
    "signed_count",
    "started_count",
    "investment_wan",
    "version",
)
_DATES = ("signed_on", "planned_start", "started_on")
_TEXTS = ("sector", "responsible_unit", "note", "zone", "zone_kind", "project")
_IDS = ("zone_id", "project_id")


def _day(value: object) -> dt.date | None:
    if is_missing(value):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values as None, never NaN (a form would show "nan", a date column NaT)."""
    frame = frame.reindex(columns=list(AGREEMENT_COLUMNS))
    for column in _DATES:
        frame[column] = pd.Series([_day(v) for v in frame[column]], index=frame.index, dtype=object)
    for column in _TEXTS:
        frame[column] = pd.Series(
            [v if isinstance(v, str) else None for v in frame[column]],
            index=frame.index,
            dtype=object,
        )
    for column in _IDS:
        frame[column] = pd.Series(
            [None if is_missing(v) else int(v) for v in frame[column]],
            index=frame.index,
            dtype=object,
        )
    frame["agreed_investment_wan"] = frame["agreed_investment_wan"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    frame["lat"] = frame["lat"].astype(float)
    return frame


def load_agreements(engine: Engine) -> pd.DataFrame:
    """Every signed agreement, by signing date: :data:`AGREEMENT_COLUMNS` (``zone`` and
    ``zone_kind`` its zone's name and kind, ``project`` the key project's name it became)."""
    a = SignedAgreement
    zone, project = aliased(Zone), aliased(Project)
    query = (
        sa.select(
            *(getattr(a, c) for c in ("id", *AGREEMENT_FIELDS)),
            zone.name.label("zone"),
            zone.kind.label("zone_kind"),
            project.name.label("project"),
            a.version,
        )
        .outerjoin(zone, zone.id == a.zone_id)
        .outerjoin(project, project.id == a.project_id)
        .order_by(a.signed_on, a.id)
    )
    return _tidy(store.read_frame(engine, query))


def load_targets(engine: Engine, year: int | None = None) -> pd.DataFrame:
    """The units' signing targets (of one year, or all), by year and unit:
    :data:`TARGET_COLUMNS`."""
    t = SigningTarget
    query = sa.select(*(getattr(t, c) for c in TARGET_COLUMNS)).order_by(t.year, t.unit)
    if year is not None:
        query = query.where(t.year == year)
    frame = store.read_frame(engine, query).reindex(columns=list(TARGET_COLUMNS))
    return frame.astype(
        {"year": int, "signed_count": int, "started_count": int, "investment_wan": float}
    )


def _agreement(session: Session, agreement_id: int) -> SignedAgreement:
    row = session.get(SignedAgreement, agreement_id)
    if row is None:
        raise Refusal("not_found", kind=Term.of("record.signed_agreements"), id=agreement_id)
    return row


def agreement_fields(session: Session, agreement_id: int) -> dict[str, object]:
    """The agreement's fields (:data:`AGREEMENT_FIELDS` and ``version``) as stored; refused
    when there is no such agreement."""
    row = _agreement(session, agreement_id)
    return {field: getattr(row, field) for field in (*AGREEMENT_FIELDS, "version")}


def zone_exists(session: Session, zone_id: int) -> bool:
    return session.get(Zone, zone_id) is not None


def write_agreement(
    session: Session,
    agreement_id: int | None,
    fields: Mapping[str, object],
    version: int | None = None,
) -> int:
    """Store a new agreement (``agreement_id`` None) or change the given fields of one;
    returns its id. A change of an agreement that moved on since ``version`` is refused
    (:func:`geo.storage.concurrency.expect_version`)."""
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValueError(f"fields={sorted(unknown)} are not fields of an agreement")
    if agreement_id is None:
        row = SignedAgreement()
        session.add(row)
    else:
        row = _agreement(session, agreement_id)
        concurrency.expect_version(session, row, version)
    for field, value in fields.items():
        setattr(row, field, value)
    session.flush()
    return row.id


def write_target(
    session: Session,
    year: int,
    unit: str,
    *,
    signed_count: int,
    started_count: int,
    investment_wan: float,
    version: int | None = None,
) -> int:
    """Set the unit's targets for the year (replacing the ones it had); returns the row's id.
    ``version`` 0: the person saw none (stale once someone has set them)."""
    row = session.scalar(
        sa.select(SigningTarget).where(SigningTarget.year == year, SigningTarget.unit == unit)
    )
    if row is None:
        row = SigningTarget(year=year, unit=unit)
        session.add(row)
    else:
        concurrency.expect_version(session, row, version)
    row.signed_count, row.started_count = signed_count, started_count
    row.investment_wan = investment_wan
    session.flush()
    return row.id
