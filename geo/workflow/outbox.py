"""The outbox: notices written once, sent once, never lost.

A notice is written in the same transaction as what causes it (a letter archived, a day's
rules planned), under a ``dedup_key`` the table holds once, so planning twice or two planners
at once add nothing. A sender takes a notice by a compare-and-set on its status (the same on
SQLite and PostgreSQL: whoever changes ``pending`` to ``sending`` owns it), sends it, and
records the attempt and the channel's answer. A failure is retried after 1, 2, 4, 8… minutes
and given up (``failed``) after :data:`MAX_ATTEMPTS`; a sender killed mid-send leaves the
notice ``sending`` past its lease, and the next sender marks it ``uncertain`` instead of
sending it again (it may have arrived): the office decides, on the notices page. The queue
as stored is :mod:`geo.storage.outbox`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from geo.refusals import Refusal, Term
from geo.storage import outbox as queue
from geo.storage import store
from geo.storage.outbox import Channel, Draft, OutgoingNotice, Secret, channels_in, list_channels
from geo.storage.store import Engine, Session
from geo.workflow import channels

__all__ = [
    "ABANDONED",
    "FIRST_RETRY",
    "LEASE",
    "MAX_ATTEMPTS",
    "Channel",
    "Draft",
    "OutgoingNotice",
    "Render",
    "SendResult",
    "add_channel",
    "after_attempt",
    "attempts_of",
    "channel_named",
    "channels_in",
    "enqueue",
    "last_answer",
    "list_channels",
    "not_yet_written",
    "outbox_frame",
    "send_again",
    "send_due",
    "utcnow",
    "write",
]

MAX_ATTEMPTS = 5
LEASE = dt.timedelta(minutes=5)
FIRST_RETRY = dt.timedelta(minutes=1)
#: Why a notice is uncertain when its sender never finished.
ABANDONED = "the sender stopped while sending: it may have arrived"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


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
    return queue.add_channel(
        engine,
        name,
        kind,
        audience_kind,
        audience if audience_kind != "leadership" else "",
        shown=address if kind == "email" else channels.masked(address),
        secret={"url": address, "sign": secret.strip()},
    )


def channel_named(engine: Engine, name: str) -> Channel:
    found = [c for c in list_channels(engine) if c.name == name]
    if not found:
        raise Refusal("no_such_channel", name=name)
    return found[0]


# ---------------------------------------------------------------- writing notices


def enqueue(session: Session, drafts: Iterable[Draft], now: dt.datetime | None = None) -> int:
    """Write ``drafts`` in the caller's transaction, each at most once (by ``dedup_key``);
    returns how many were new."""
    drafts = list(drafts)
    if not drafts:
        return 0
    return queue.add_notices(session, drafts, now or utcnow())


def not_yet_written(engine: Engine, drafts: Iterable[Draft]) -> list[Draft]:
    """The drafts the outbox does not hold yet (what a dry run would write)."""
    drafts = list(drafts)
    known = queue.known_keys(engine, [d.dedup_key for d in drafts])
    return [d for d in drafts if d.dedup_key not in known]


def write(engine: Engine, drafts: Iterable[Draft], now: dt.datetime | None = None) -> int:
    """:func:`enqueue` in its own transaction."""
    with store.transaction(engine, write=True, reason="notices") as session:
        return enqueue(session, drafts, now)


# ---------------------------------------------------------------- sending


Render = Callable[[OutgoingNotice], channels.Message]


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
    uncertain = queue.mark_abandoned(engine, now(), ABANDONED)
    sent = failed = retrying = 0
    due = queue.due_notices(engine, now(), limit, only)
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


def _claim(
    engine: Engine, notice_id: int, token: str, now: dt.datetime
) -> tuple[OutgoingNotice, Channel, Secret] | None:
    """Take a notice if it is still pending, for one :data:`LEASE`."""
    return queue.claim_notice(engine, notice_id, token, now + LEASE)


def after_attempt(attempts: int, answer: channels.Answer, now: dt.datetime) -> dict[str, object]:
    """A notice's state after its ``attempts``-th try got ``answer``: sent; failed for good
    after :data:`MAX_ATTEMPTS`; else pending again after 1, 2, 4, 8… minutes."""
    if answer.ok:
        return {"status": "sent", "sent_at": now, "last_error": None}
    if attempts >= MAX_ATTEMPTS:
        return {"status": "failed", "last_error": answer.said}
    return {
        "status": "pending",
        "last_error": answer.said,
        "next_attempt_at": now + FIRST_RETRY * 2 ** (attempts - 1),
    }


def _finish(
    engine: Engine, notice_id: int, token: str, answer: channels.Answer, now: dt.datetime
) -> str:
    return queue.record_attempt(
        engine,
        notice_id,
        token,
        answer.ok,
        answer.said,
        now,
        lambda attempts: after_attempt(attempts, answer, now),
    )


def send_again(engine: Engine, notice_id: int) -> None:
    """The office's decision to send a failed or uncertain notice once more."""
    if not queue.reopen_notice(engine, notice_id, utcnow()):
        raise Refusal("notice_not_stuck", id=notice_id)


# ---------------------------------------------------------------- reading the outbox


def outbox_frame(engine: Engine, limit: int = 500) -> pd.DataFrame:
    """The newest notices with their channel: what was sent to whom and when."""
    return queue.load_outbox(engine, limit)


def last_answer(engine: Engine, dedup_key: str) -> channels.Answer:
    """The channel's answer to the latest try of a notice."""
    found = queue.last_attempt(engine, dedup_key)
    return channels.Answer(*found) if found else channels.Answer(False, "—")


def attempts_of(engine: Engine, notice_id: int) -> pd.DataFrame:
    return queue.load_attempts(engine, notice_id)
