"""Phone links as stored: who shared which project until when, and when a link was withdrawn;
the secret they are signed with; what the phone pages show of photos. The rules (a link's
address, its expiry, the pages) are in :mod:`geo.workflow.share` and :mod:`geo.reports.phone`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.storage import access, store
from geo.storage.models import AppSetting, Photo, ShareLink
from geo.storage.store import Engine

# ---------------------------------------------------------------- the secret


def kept_setting(engine: Engine, key: str, make: Callable[[], str]) -> str:
    """The value stored under ``key`` (outside the audit trail), stored from ``make`` on first
    use; when two processes make it at once, the first one's is kept by both."""
    query = sa.select(AppSetting.value).where(AppSetting.key == key)
    with engine.connect() as conn:
        value = conn.execute(query).scalar()
    if value:
        return value
    try:
        with store.begin_write(engine) as conn:
            conn.execute(sa.insert(AppSetting), {"key": key, "value": make()})
    except sa.exc.IntegrityError:
        pass  # another process made it first: use theirs
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def replace_setting(engine: Engine, key: str, value: str) -> None:
    """Store ``value`` under ``key`` instead of what was there (outside the audit trail)."""
    with store.begin_write(engine) as conn:
        conn.execute(sa.delete(AppSetting).where(AppSetting.key == key))
        conn.execute(sa.insert(AppSetting), {"key": key, "value": value})


# ---------------------------------------------------------------- links


def withdrawn_expiries(session: Session, project_id: int) -> set[dt.datetime]:
    """The expiries (UTC) of the project's links that were withdrawn."""
    return set(
        session.scalars(
            sa.select(ShareLink.expires_at).where(
                ShareLink.project_id == project_id, ShareLink.revoked_at.is_not(None)
            )
        )
    )


def record_link(
    session: Session,
    project_id: int,
    expires_at: dt.datetime,
    created_at: dt.datetime,
    created_by: str,
) -> None:
    """Record a link in the caller's transaction, once: the same project and expiry recorded
    already adds nothing, but the sharer must still be allowed to share it
    (:mod:`geo.storage.access`)."""
    link = ShareLink(
        project_id=project_id, expires_at=expires_at, created_at=created_at, created_by=created_by
    )
    same = sa.select(ShareLink.id).where(
        ShareLink.project_id == project_id, ShareLink.expires_at == expires_at
    )
    if session.execute(same).first() is None:
        session.add(link)
    elif (who := access.current()) is not None:  # no write, but the same permission
        access.check(who, session, link, "insert")


def revoke_link(session: Session, link_id: int, at: dt.datetime) -> bool:
    """Mark a link withdrawn at ``at`` (UTC) unless it already is; False when there is no such
    link."""
    link = session.get(ShareLink, link_id)
    if link is None:
        return False
    if link.revoked_at is None:
        link.revoked_at = at
    return True


def load_live_links(
    engine: Engine, now: dt.datetime, project_id: int | None = None
) -> pd.DataFrame:
    """Links neither expired at ``now`` (UTC) nor withdrawn (of one project, or all): id,
    project_id, expires_at, created_at, created_by; newest first."""
    query = (
        sa.select(
            ShareLink.id,
            ShareLink.project_id,
            ShareLink.expires_at,
            ShareLink.created_at,
            ShareLink.created_by,
        )
        .where(ShareLink.revoked_at.is_(None), ShareLink.expires_at > now)
        .order_by(ShareLink.id.desc())
    )
    if project_id is not None:
        query = query.where(ShareLink.project_id == project_id)
    return store.read_frame(engine, query)


# ---------------------------------------------------------------- photos on the pages


def photos_for_pages(
    engine: Engine, project_ids: list[int]
) -> list[tuple[int, str, dt.datetime | None, dt.datetime, str | None]]:
    """Every photo of these projects: project_id, file_name, taken_at, uploaded_at, caption."""
    query = sa.select(
        Photo.project_id, Photo.file_name, Photo.taken_at, Photo.uploaded_at, Photo.caption
    ).where(Photo.project_id.in_(project_ids))
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def photo_stamp(engine: Engine) -> tuple:
    """A value that changes when photos are added or removed."""
    with engine.connect() as conn:
        return tuple(conn.execute(sa.select(sa.func.count(Photo.id), sa.func.max(Photo.id))).one())
