"""The outbox as stored: channels (their secrets kept apart), notices and every attempt to
send them. Notices live outside the audit trail (:func:`~geo.storage.store.begin_write`);
a sender owns a notice by changing its status in one statement, so two cannot both take it.
The rules (what is checked, when to retry) are in :mod:`geo.workflow.outbox`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.refusals import Refusal
from geo.storage import store
from geo.storage.models import ChannelSecret, Notice, NoticeAttempt, NoticeChannel
from geo.storage.store import Engine


@dataclass(frozen=True)
class Channel:
    id: int
    name: str
    kind: str
    audience_kind: str
    audience: str
    address: str  # as shown: a robot's key masked
    active: bool


@dataclass(frozen=True)
class Draft:
    """A notice to write: to a channel, under a key that makes it once."""

    dedup_key: str
    channel_id: int
    rule: str
    subject: str
    body: str
    attachment: str | None = None


@dataclass(frozen=True)
class OutgoingNotice:
    """A notice a sender has taken, as it is rendered for its channel."""

    id: int
    dedup_key: str
    channel_id: int
    rule: str
    subject: str
    body: str
    attachment: str | None  # "letter:12" or "bulletin:2026-11": attached to e-mail


#: A channel's secret as kept: the full address and the signing key.
Secret = dict[str, str]


# ---------------------------------------------------------------- channels


def _channel(row: NoticeChannel) -> Channel:
    return Channel(
        row.id, row.name, row.kind, row.audience_kind, row.audience, row.address, row.active
    )


def add_channel(
    engine: Engine,
    name: str,
    kind: str,
    audience_kind: str,
    audience: str,
    shown: str,
    secret: Secret,
) -> Channel:
    """Add a channel (audited) showing address ``shown``; its ``secret`` goes apart, where
    neither the audit trail nor the pages see it. Refuses a name already taken."""
    with store.transaction(engine, write=True, reason="notice channel") as session:
        if session.scalar(sa.select(NoticeChannel.id).where(NoticeChannel.name == name)):
            raise Refusal("channel_exists", name=name)
        row = NoticeChannel(
            name=name,
            kind=kind,
            audience_kind=audience_kind,
            audience=audience,
            address=shown,
            active=True,
        )
        session.add(row)
        session.flush()
        session.add(ChannelSecret(channel_id=row.id, value=json.dumps(secret)))
        return _channel(row)


def channels_in(session: Session) -> list[Channel]:
    """The channels by name, read in the caller's transaction."""
    return [
        _channel(r) for r in session.scalars(sa.select(NoticeChannel).order_by(NoticeChannel.name))
    ]


def list_channels(engine: Engine) -> list[Channel]:
    """The channels by name."""
    with store.transaction(engine) as session:
        return channels_in(session)


def _secret(session: Session, channel_id: int) -> Secret:
    row = session.get(ChannelSecret, channel_id)
    return json.loads(row.value) if row is not None else {"url": "", "sign": ""}


def route_channels_to(engine: Engine, url: str, switch_off_kind: str) -> None:
    """Every channel now sends to ``url`` (unsigned), and those of ``switch_off_kind`` are
    switched off, in one transaction: the benchmark's loopback robot instead of the groups."""
    with engine.begin() as conn:
        conn.execute(sa.update(ChannelSecret).values(value=json.dumps({"url": url, "sign": ""})))
        conn.execute(
            sa.update(NoticeChannel)
            .where(NoticeChannel.kind == switch_off_kind)
            .values(active=False)
        )


# ---------------------------------------------------------------- writing notices


def add_notices(session: Session, drafts: list[Draft], now: dt.datetime) -> int:
    """Write ``drafts`` as pending notices in the caller's transaction, each at most once (by
    ``dedup_key``); returns how many were new."""
    if not drafts:
        return 0
    known = set(
        session.scalars(
            sa.select(Notice.dedup_key).where(Notice.dedup_key.in_([d.dedup_key for d in drafts]))
        )
    )
    new = 0
    for d in drafts:
        if d.dedup_key in known:
            continue
        known.add(d.dedup_key)
        new += 1
        session.add(
            Notice(
                dedup_key=d.dedup_key,
                channel_id=d.channel_id,
                rule=d.rule,
                subject=d.subject[:200],
                body=d.body,
                attachment=d.attachment,
                created_at=now,
                status="pending",
                attempts=0,
                next_attempt_at=now,
            )
        )
    session.flush()  # a planner running at the same moment fails here on the unique key
    return new


def known_keys(engine: Engine, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` the outbox already holds."""
    with engine.connect() as conn:
        return set(
            conn.execute(sa.select(Notice.dedup_key).where(Notice.dedup_key.in_(list(keys))))
            .scalars()
            .all()
        )


# ---------------------------------------------------------------- sending


def due_notices(engine: Engine, now: dt.datetime, limit: int, only: str | None = None) -> list[int]:
    """The ids of pending notices due by ``now`` on active channels, oldest first (only the one
    keyed ``only`` when given)."""
    with engine.connect() as conn:
        query = (
            sa.select(Notice.id)
            .join(NoticeChannel, NoticeChannel.id == Notice.channel_id)
            .where(
                Notice.status == "pending",
                Notice.next_attempt_at <= now,
                NoticeChannel.active.is_(True),
            )
            .order_by(Notice.id)
            .limit(limit)
        )
        if only is not None:
            query = query.where(Notice.dedup_key == only)
        return [row[0] for row in conn.execute(query)]


def claim_notice(
    engine: Engine, notice_id: int, token: str, lease_until: dt.datetime
) -> tuple[OutgoingNotice, Channel, Secret] | None:
    """Take a notice if it is still pending, until ``lease_until``: the status changes in one
    statement, so two senders cannot both take it. ``None`` when another sender has it."""
    with store.begin_write(engine) as conn:
        taken = conn.execute(
            sa.update(Notice)
            .where(Notice.id == notice_id, Notice.status == "pending")
            .values(status="sending", lease_token=token, lease_until=lease_until)
        ).rowcount
    if taken != 1:
        return None
    with store.transaction(engine) as session:
        row = session.get(Notice, notice_id)
        notice = OutgoingNotice(
            row.id, row.dedup_key, row.channel_id, row.rule, row.subject, row.body, row.attachment
        )
        channel = _channel(session.get(NoticeChannel, row.channel_id))
        return notice, channel, _secret(session, channel.id)


def record_attempt(
    engine: Engine,
    notice_id: int,
    token: str,
    ok: bool,
    said: str,
    now: dt.datetime,
    outcome: Callable[[int], dict[str, object]],
) -> str:
    """Record a try and the channel's answer, and release the notice: ``outcome`` gives, from
    the number of tries so far, the notice's new ``status`` and the other columns to set.
    Returns the new status."""
    with store.begin_write(engine) as conn:
        attempts = (
            conn.execute(sa.select(Notice.attempts).where(Notice.id == notice_id)).scalar_one() + 1
        )
        values = outcome(attempts)
        conn.execute(
            sa.update(Notice)
            .where(Notice.id == notice_id, Notice.lease_token == token)
            .values(attempts=attempts, lease_token=None, lease_until=None, **values)
        )
        conn.execute(
            sa.insert(NoticeAttempt).values(notice_id=notice_id, at=now, ok=ok, answer=said[:2000])
        )
    return str(values["status"])


def mark_abandoned(engine: Engine, now: dt.datetime, why: str) -> int:
    """Notices a sender took and held past its lease (killed mid-send) become ``uncertain``,
    for ``why``; returns how many."""
    with store.begin_write(engine) as conn:
        return conn.execute(
            sa.update(Notice)
            .where(Notice.status == "sending", Notice.lease_until < now)
            .values(status="uncertain", lease_token=None, last_error=why)
        ).rowcount


def reopen_notice(engine: Engine, notice_id: int, now: dt.datetime) -> bool:
    """A failed or uncertain notice pending again from ``now``, its tries counted afresh;
    False when it is neither."""
    with store.begin_write(engine) as conn:
        changed = conn.execute(
            sa.update(Notice)
            .where(Notice.id == notice_id, Notice.status.in_(("failed", "uncertain")))
            .values(status="pending", attempts=0, next_attempt_at=now)
        ).rowcount
    return changed == 1


# ---------------------------------------------------------------- reading the outbox


def load_outbox(engine: Engine, limit: int = 500) -> pd.DataFrame:
    """The newest notices with their channel: what was sent to whom and when."""
    query = (
        sa.select(
            Notice.id,
            Notice.created_at,
            Notice.rule,
            NoticeChannel.name.label("channel"),
            NoticeChannel.kind,
            Notice.subject,
            Notice.body,
            Notice.status,
            Notice.attempts,
            Notice.sent_at,
            Notice.last_error,
        )
        .join(NoticeChannel, NoticeChannel.id == Notice.channel_id)
        .order_by(Notice.id.desc())
        .limit(limit)
    )
    return store.read_frame(engine, query)


def last_attempt(engine: Engine, dedup_key: str) -> tuple[bool, str] | None:
    """Whether the latest try of a notice worked, and the channel's answer; ``None`` before
    any."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(NoticeAttempt.ok, NoticeAttempt.answer)
            .join(Notice, Notice.id == NoticeAttempt.notice_id)
            .where(Notice.dedup_key == dedup_key)
            .order_by(NoticeAttempt.id.desc())
            .limit(1)
        ).first()
    return (bool(row[0]), row[1]) if row else None


def load_attempts(engine: Engine, notice_id: int) -> pd.DataFrame:
    """A notice's tries, oldest first: ``at, ok, answer``."""
    query = (
        sa.select(NoticeAttempt.at, NoticeAttempt.ok, NoticeAttempt.answer)
        .where(NoticeAttempt.notice_id == notice_id)
        .order_by(NoticeAttempt.id)
    )
    return store.read_frame(engine, query)
