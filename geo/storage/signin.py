"""Signing in without letting anyone guess: throttling and lockout (OWASP's authentication
cheat sheet), held in the database so that every app process counts the same attempts.

- Failures are counted per user name as typed (an account or not: the answer is the same) since
  its last successful sign-in or unlock, and per client address over the lockout period.
- After the second failure in a row the next try waits 1 s, then 2 s, 4 s…; after
  ``lock_after`` (5) failures the name is locked for ``lock_minutes`` (15). An address with
  ``4 × lock_after`` failures over that period (one guesser trying many names) is locked too.
- A try while locked or waiting is refused before the password is checked, and not counted
  (a guesser cannot keep a colleague locked out for ever by hammering).
- Every failure, lockout and unlock goes into the audit log; ``python -m geo users unlock NAME``
  and the administrator's account list lift a lockout.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo.storage import accounts, sessions, store
from geo.storage.access import Principal
from geo.storage.models import Account, AuditEntry, SignInAttempt

if TYPE_CHECKING:
    from geo.config import Settings


@dataclass(frozen=True)
class Policy:
    lock_after: int = 5
    lock_minutes: int = 15

    @classmethod
    def of(cls, settings: Settings) -> Policy:
        """The policy the server is configured with (``GEO_SIGNIN_LOCK_…``)."""
        return cls(settings.signin_lock_after, settings.signin_lock_minutes)

    @property
    def address_limit(self) -> int:
        return 4 * self.lock_after


def wait_after(failures: list[dt.datetime], policy: Policy) -> dt.datetime | None:
    """Until when the next try must wait, given the failures in a row (oldest first)."""
    n = len(failures)
    if n >= policy.lock_after:
        return failures[-1] + dt.timedelta(minutes=policy.lock_minutes)
    if n >= 2:
        return failures[-1] + dt.timedelta(seconds=2 ** (n - 2))
    return None


@dataclass(frozen=True)
class Outcome:
    """A sign-in's answer: the person, or why not (``wrong``, or ``wait`` until ``until``)."""

    principal: Principal | None
    why: str = ""
    until: dt.datetime | None = None

    def seconds_left(self, now: dt.datetime) -> int:
        return 0 if self.until is None else max(1, int((self.until - now).total_seconds() + 0.999))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _name(username: str) -> str:
    return username.strip()[:100]


def failures_in_a_row(conn: sa.Connection, username: str) -> list[dt.datetime]:
    """The failures of this name since its last success or unlock, oldest first."""
    reset = (
        sa.select(sa.func.max(SignInAttempt.at))
        .where(SignInAttempt.username == username, SignInAttempt.kind.in_(("success", "unlock")))
        .scalar_subquery()
    )
    query = (
        sa.select(SignInAttempt.at)
        .where(
            SignInAttempt.username == username,
            SignInAttempt.kind == "failure",
            sa.or_(reset.is_(None), SignInAttempt.at > reset),
        )
        .order_by(SignInAttempt.at)
    )
    return list(conn.execute(query).scalars())


def _address_failures(conn: sa.Connection, address: str, since: dt.datetime) -> list[dt.datetime]:
    if not address:
        return []
    query = (
        sa.select(SignInAttempt.at)
        .where(
            SignInAttempt.address == address,
            SignInAttempt.kind == "failure",
            SignInAttempt.at > since,
        )
        .order_by(SignInAttempt.at)
    )
    return list(conn.execute(query).scalars())


def locked_until(
    conn: sa.Connection, username: str, address: str, now: dt.datetime, policy: Policy
) -> dt.datetime | None:
    """When this name (from this address) may try again, if not now."""
    waits = [wait_after(failures_in_a_row(conn, username), policy)]
    window = now - dt.timedelta(minutes=policy.lock_minutes)
    by_address = _address_failures(conn, address, window)
    if len(by_address) >= policy.address_limit:
        waits.append(by_address[-1] + dt.timedelta(minutes=policy.lock_minutes))
    later = [w for w in waits if w is not None and w > now]
    return max(later) if later else None


def _audit(
    conn: sa.Connection, at: dt.datetime, actor: str, action: str, username: str, reason: str
) -> None:
    account = conn.execute(sa.select(Account.id).where(Account.username == username)).scalar()
    conn.execute(
        sa.insert(AuditEntry),
        {
            "at": at,
            "actor": actor[:100],
            "action": action,
            "table_name": "accounts",
            "record_id": account,
            "changes": json.dumps({"username": [username, username]}, ensure_ascii=False),
            "reason": reason,
        },
    )


def sign_in(
    engine: Engine,
    username: str,
    password: str,
    address: str = "",
    *,
    policy: Policy = Policy(),
    now: dt.datetime | None = None,
) -> Outcome:
    """Check a sign-in against the throttle, then the password; record what happened."""
    now = now or _now()
    name, address = _name(username), address[:64]
    with engine.connect() as conn:
        until = locked_until(conn, name, address, now, policy)
    if until is not None:
        return Outcome(None, "wait", until)
    who = accounts.authenticate(engine, name, password)
    with store.begin_write(engine) as conn:
        kind = "success" if who is not None else "failure"
        conn.execute(
            sa.insert(SignInAttempt),
            {"at": now, "username": name, "address": address, "kind": kind},
        )
        if who is not None:
            return Outcome(who)
        _audit(conn, now, name, "sign_in_failed", name, f"address {address or '?'}")
        failures = failures_in_a_row(conn, name)
        if len(failures) == policy.lock_after:
            _audit(
                conn,
                now,
                name,
                "locked",
                name,
                f"{len(failures)} failures; locked for {policy.lock_minutes} minutes",
            )
        until = locked_until(conn, name, address, now, policy)
    return Outcome(None, "wrong", until)


def unlock(
    engine: Engine, username: str, actor: str | None = None, now: dt.datetime | None = None
) -> None:
    """Lift a name's lockout (its failures in a row start again from none)."""
    now = now or _now()
    name = _name(username)
    with store.begin_write(engine) as conn:
        conn.execute(
            sa.insert(SignInAttempt), {"at": now, "username": name, "address": "", "kind": "unlock"}
        )
        _audit(conn, now, actor or store.current_actor(), "unlocked", name, "lockout lifted")


def accounts_with_locks(
    engine: Engine,
    policy: Policy = Policy(),
    now: dt.datetime | None = None,
    lifetime: sessions.Lifetime | None = None,
) -> list[dict[str, object]]:
    """The accounts (:func:`geo.storage.accounts.list_accounts`) with ``failures`` in a row, when
    locked out (not merely slowed down by a few seconds) ``locked_until`` (UTC), and in how
    many browsers each is ``signed_in`` (geo.storage.sessions)."""
    now = now or _now()
    browsers = sessions.open_sessions(engine, now=now, lifetime=lifetime or sessions.Lifetime())
    rows = []
    with engine.connect() as conn:
        for row in accounts.list_accounts(engine):
            failures = failures_in_a_row(conn, row["username"])
            until = wait_after(failures, policy) if len(failures) >= policy.lock_after else None
            rows.append(
                {
                    **row,
                    "failures": len(failures),
                    "locked_until": until if until is not None and until > now else None,
                    "signed_in": browsers.get(row["username"], 0),
                }
            )
    return rows


def lock_states(
    engine: Engine, policy: Policy = Policy(), now: dt.datetime | None = None
) -> dict[str, tuple[int, dt.datetime | None]]:
    """Each account's failures in a row and, when locked out, until when."""
    return {
        r["username"]: (r["failures"], r["locked_until"])
        for r in accounts_with_locks(engine, policy, now)
    }
