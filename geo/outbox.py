"""The outbox: notices written once, sent once, never lost.

A notice is written in the same transaction as what causes it (a letter archived, a day's
rules planned), under a ``dedup_key`` the table holds once, so planning twice or two planners
at once add nothing. A sender takes a notice by a compare-and-set on its status (the same on
SQLite and PostgreSQL: whoever changes ``pending`` to ``sending`` owns it), sends it, and
records the attempt and the channel's answer. A failure is retried after 1, 2, 4, 8… minutes
and given up (``failed``) after :data:`MAX_ATTEMPTS`; a sender killed mid-send leaves the
notice ``sending`` past its lease, and the next sender marks it ``uncertain`` instead of
sending it again (it may have arrived): the office decides, on the notices page.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo import channels
from geo.refusals import Refusal, Term
from geo.storage import store
from geo.storage.models import ChannelSecret, Notice, NoticeAttempt, NoticeChannel

MAX_ATTEMPTS = 5
LEASE = dt.timedelta(minutes=5)
FIRST_RETRY = dt.timedelta(minutes=1)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


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


# ---------------------------------------------------------------- channels


def add_channel(
    engine: Engine,
    name: str,
    kind: str,
    audience_kind: str,
    audience: str,
    address: str,
    secret: str = "",
) -> Channel:
    """Add a channel, checked; a robot's full address and any signing secret are kept apart
    from what the audit trail and the pages see."""
    name, audience, address = name.strip(), audience.strip(), address.strip()
    if not name:
        raise Refusal("required", field=Term.of("notices.channel_name"))
    if kind not in channels.KINDS:
        raise Refusal("channel_kind", value=kind, choices=channels.KINDS)
    if audience_kind not in channels.AUDIENCES:
        raise Refusal("channel_audience", value=audience_kind, choices=channels.AUDIENCES)
    if audience_kind != "leadership" and not audience:
        raise Refusal("required", field=Term.of("notices.audience"))
    if kind == "email":
        if (
            not all("@" in a for a in address.replace(",", ";").split(";") if a.strip())
            or not address
        ):
            raise Refusal("channel_address", value=address)
    elif not address.startswith(("http://", "https://")):
        raise Refusal("channel_address", value=address)
    shown = address if kind == "email" else channels.masked(address)
    with store.transaction(engine, write=True, reason="notice channel") as session:
        if session.scalar(sa.select(NoticeChannel.id).where(NoticeChannel.name == name)):
            raise Refusal("channel_exists", name=name)
        row = NoticeChannel(
            name=name,
            kind=kind,
            audience_kind=audience_kind,
            audience=audience if audience_kind != "leadership" else "",
            address=shown,
            active=True,
        )
        session.add(row)
        session.flush()
        session.add(
            ChannelSecret(
                channel_id=row.id, value=json.dumps({"url": address, "sign": secret.strip()})
            )
        )
        return _channel(row)


def _channel(row: NoticeChannel) -> Channel:
    return Channel(
        row.id, row.name, row.kind, row.audience_kind, row.audience, row.address, row.active
    )


def list_channels(engine: Engine) -> list[Channel]:
    with store.transaction(engine) as session:
        rows = session.scalars(sa.select(NoticeChannel).order_by(NoticeChannel.name))
        return [_channel(r) for r in rows]


def channel_named(engine: Engine, name: str) -> Channel:
    found = [c for c in list_channels(engine) if c.name == name]
    if not found:
        raise Refusal("no_such_channel", name=name)
    return found[0]


def _secret(session, channel_id: int) -> dict[str, str]:
    row = session.get(ChannelSecret, channel_id)
    return json.loads(row.value) if row is not None else {"url": "", "sign": ""}


# ---------------------------------------------------------------- writing notices


def enqueue(session, drafts: Iterable[Draft], now: dt.datetime | None = None) -> int:
    """Write ``drafts`` in the caller's transaction, each at most once (by ``dedup_key``);
    returns how many were new."""
    drafts = list(drafts)
    if not drafts:
        return 0
    now = now or utcnow()
    known = set(
        session.scalars(
            sa.select(Notice.dedup_key).where(Notice.dedup_key.in_([d.dedup_key for d in drafts]))
        )
    )
    new = []
    for d in drafts:
        if d.dedup_key in known:
            continue
        known.add(d.dedup_key)
        new.append(d)
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
    return len(new)


def not_yet_written(engine: Engine, drafts: Iterable[Draft]) -> list[Draft]:
    """The drafts the outbox does not hold yet (what a dry run would write)."""
    drafts = list(drafts)
    with engine.connect() as conn:
        known = set(
            conn.execute(
                sa.select(Notice.dedup_key).where(
                    Notice.dedup_key.in_([d.dedup_key for d in drafts])
                )
            ).scalars()
        )
    return [d for d in drafts if d.dedup_key not in known]


def write(engine: Engine, drafts: Iterable[Draft], now: dt.datetime | None = None) -> int:
    """:func:`enqueue` in its own transaction."""
    with store.transaction(engine, write=True, reason="notices") as session:
        return enqueue(session, drafts, now)


# ---------------------------------------------------------------- sending


Render = Callable[[Notice], channels.Message]


@dataclass(frozen=True)
class SendResult:
    sent: int
    failed: int
    retrying: int
    uncertain: int


def send_due(
    engine: Engine,
    render: Render,
    *,
    smtp: channels.Smtp | None = None,
    now: Callable[[], dt.datetime] = utcnow,
    limit: int = 500,
    only: str | None = None,
) -> SendResult:
    """Send every notice that is due (or only the one keyed ``only``); returns what
    happened."""
    uncertain = _mark_abandoned(engine, now())
    sent = failed = retrying = 0
    due = _due_ids(engine, now(), limit, only)
    for notice_id in due:
        token = secrets.token_hex(8)
        claimed = _claim(engine, notice_id, token, now())
        if claimed is None:
            continue  # another sender took it
        notice, channel, secret = claimed
        try:
            message = render(notice)
        except Exception as exc:
            answer = channels.Answer(False, f"[render] {exc}")
        else:
            answer = channels.send(
                channel.kind,
                secret.get("url") or channel.address,
                message,
                secret=secret.get("sign", ""),
                smtp=smtp,
            )
        outcome = _finish(engine, notice_id, token, answer, now())
        sent += outcome == "sent"
        failed += outcome == "failed"
        retrying += outcome == "pending"
    return SendResult(sent, failed, retrying, uncertain)


def _due_ids(engine: Engine, now: dt.datetime, limit: int, only: str | None = None) -> list[int]:
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


def _claim(engine: Engine, notice_id: int, token: str, now: dt.datetime):
    """Take a notice if it is still pending: the status changes in one statement, so two
    senders cannot both take it."""
    with store.begin_write(engine) as conn:
        taken = conn.execute(
            sa.update(Notice)
            .where(Notice.id == notice_id, Notice.status == "pending")
            .values(status="sending", lease_token=token, lease_until=now + LEASE)
        ).rowcount
    if taken != 1:
        return None
    with store.transaction(engine) as session:
        notice = session.get(Notice, notice_id)
        channel = _channel(session.get(NoticeChannel, notice.channel_id))
        return notice, channel, _secret(session, channel.id)


def _finish(
    engine: Engine, notice_id: int, token: str, answer: channels.Answer, now: dt.datetime
) -> str:
    with store.begin_write(engine) as conn:
        attempts = (
            conn.execute(sa.select(Notice.attempts).where(Notice.id == notice_id)).scalar_one() + 1
        )
        if answer.ok:
            values = {"status": "sent", "sent_at": now, "last_error": None}
        elif attempts >= MAX_ATTEMPTS:
            values = {"status": "failed", "last_error": answer.said}
        else:
            values = {
                "status": "pending",
                "last_error": answer.said,
                "next_attempt_at": now + FIRST_RETRY * 2 ** (attempts - 1),
            }
        conn.execute(
            sa.update(Notice)
            .where(Notice.id == notice_id, Notice.lease_token == token)
            .values(attempts=attempts, lease_token=None, lease_until=None, **values)
        )
        conn.execute(
            sa.insert(NoticeAttempt).values(
                notice_id=notice_id, at=now, ok=answer.ok, answer=answer.said[:2000]
            )
        )
    return values["status"]


def _mark_abandoned(engine: Engine, now: dt.datetime) -> int:
    """Notices a sender took and never finished (killed mid-send): uncertain, not resent."""
    with store.begin_write(engine) as conn:
        return conn.execute(
            sa.update(Notice)
            .where(Notice.status == "sending", Notice.lease_until < now)
            .values(
                status="uncertain",
                lease_token=None,
                last_error="the sender stopped while sending: it may have arrived",
            )
        ).rowcount


def send_again(engine: Engine, notice_id: int) -> None:
    """The office's decision to send a failed or uncertain notice once more."""
    with store.begin_write(engine) as conn:
        changed = conn.execute(
            sa.update(Notice)
            .where(Notice.id == notice_id, Notice.status.in_(("failed", "uncertain")))
            .values(status="pending", attempts=0, next_attempt_at=utcnow())
        ).rowcount
    if changed != 1:
        raise Refusal("notice_not_stuck", id=notice_id)


def outbox_frame(engine: Engine, limit: int = 500) -> pd.DataFrame:
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


def last_answer(engine: Engine, dedup_key: str) -> channels.Answer:
    """The channel's answer to the latest try of a notice."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(NoticeAttempt.ok, NoticeAttempt.answer)
            .join(Notice, Notice.id == NoticeAttempt.notice_id)
            .where(Notice.dedup_key == dedup_key)
            .order_by(NoticeAttempt.id.desc())
            .limit(1)
        ).first()
    return channels.Answer(bool(row[0]), row[1]) if row else channels.Answer(False, "—")


def channels_in(session) -> list[Channel]:
    """The channels, read in the caller's transaction."""
    return [
        _channel(r) for r in session.scalars(sa.select(NoticeChannel).order_by(NoticeChannel.name))
    ]


def attempts_of(engine: Engine, notice_id: int) -> pd.DataFrame:
    query = (
        sa.select(NoticeAttempt.at, NoticeAttempt.ok, NoticeAttempt.answer)
        .where(NoticeAttempt.notice_id == notice_id)
        .order_by(NoticeAttempt.id)
    )
    return store.read_frame(engine, query)
