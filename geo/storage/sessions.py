"""Staying signed in through reloads, deep links and new tabs of the same browser.

After the password is checked (geo.storage.signin), :func:`begin` records a session on the server and
hands the page a one-time code. The page posts that code to ``/_geo/session`` (geo.ops.web), which
:func:`redeem`\\s it for a random token and sets it as an HttpOnly, SameSite=Lax cookie: page
scripts can never read it, and other sites' pages do not send it with their requests. Every
later script run, in any tab and any app process, :func:`resume`\\s the session from that cookie
(Streamlit passes the browser's cookies to the server in ``st.context.cookies``).

Only the token's SHA-256 is stored, never the token: a copy of the database signs nobody in.
A session ends at sign-out (:func:`end`), after ``idle`` without a script run (default 8 hours),
``limit`` after signing in (7 days) whatever happens, and for every browser of an account when
its password, role, zones or active flag change (:func:`geo.storage.accounts.end_sessions`, in the same
transaction as the change). Ended sessions are deleted: nothing about them stays.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload

from geo.storage import accounts, store
from geo.storage.access import Principal
from geo.storage.models import Account, SignInSession

if TYPE_CHECKING:
    from geo.config import Settings

COOKIE = "geo_session"
#: How long the page has to fetch its cookie after signing in.
HANDOFF = dt.timedelta(minutes=2)
#: ``last_seen_at`` is written at most this often (not on every rerun).
TOUCH_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Lifetime:
    idle: dt.timedelta = dt.timedelta(hours=8)
    limit: dt.timedelta = dt.timedelta(days=7)

    @classmethod
    def of(cls, settings: Settings) -> Lifetime:
        """As configured (``GEO_SESSION_IDLE_HOURS``, ``GEO_SESSION_MAX_DAYS``)."""
        return cls(
            dt.timedelta(hours=settings.session_idle_hours),
            dt.timedelta(days=settings.session_max_days),
        )

    def alive(self, created_at: dt.datetime, last_seen_at: dt.datetime, now: dt.datetime) -> bool:
        return now < last_seen_at + self.idle and now < created_at + self.limit

    def alive_rows(self, now: dt.datetime) -> sa.ColumnElement[bool]:
        """:meth:`alive` as a condition on the stored sessions."""
        return sa.and_(
            SignInSession.last_seen_at > now - self.idle,
            SignInSession.created_at > now - self.limit,
        )


@dataclass(frozen=True)
class Begun:
    """A session just recorded: its id and the one-time code that fetches its cookie."""

    session_id: int
    handoff: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def begin(
    engine: Engine,
    who: Principal,
    address: str = "",
    user_agent: str = "",
    *,
    now: dt.datetime | None = None,
    lifetime: Lifetime = Lifetime(),
) -> Begun:
    """Record a signed-in browser for ``who`` (whose password was just checked)."""
    now = now or _now()
    handoff = secrets.token_urlsafe(32)
    with store.begin_write(engine) as conn:
        _purge(conn, now, lifetime)
        account_id = conn.execute(
            sa.select(Account.id).where(Account.username == who.username)
        ).scalar_one()
        session_id = conn.execute(
            sa.insert(SignInSession).returning(SignInSession.id),
            {
                "account_id": account_id,
                "handoff_hash": _digest(handoff),
                "created_at": now,
                "last_seen_at": now,
                "address": address[:64],
                "user_agent": user_agent[:200],
            },
        ).scalar_one()
    return Begun(session_id, handoff)


def redeem(
    engine: Engine, handoff: str, *, current: str = "", now: dt.datetime | None = None
) -> str | None:
    """The cookie's token for a fresh one-time code, or None (unknown, used or too old).

    ``current`` is the token the browser already holds, if any: a second tab signing in as
    the same person joins that browser (one sign-out ends both, the language chosen stays); a
    different person's session in this browser ends, since its cookie is replaced."""
    now = now or _now()
    token = secrets.token_urlsafe(32)
    with store.begin_write(engine) as conn:
        fresh = conn.execute(
            sa.select(SignInSession.id, SignInSession.account_id).where(
                SignInSession.handoff_hash == _digest(handoff[:100]),
                SignInSession.created_at > now - HANDOFF,
            )
        ).first()
        if fresh is None:
            return None
        before = (
            conn.execute(
                sa.select(
                    SignInSession.id,
                    SignInSession.account_id,
                    SignInSession.browser,
                    SignInSession.language,
                ).where(SignInSession.token_hash == _digest(current[:100]))
            ).first()
            if current
            else None
        )
        joined = before is not None and before.account_id == fresh.account_id
        if before is not None and not joined:
            conn.execute(sa.delete(SignInSession).where(SignInSession.id == before.id))
        # One statement: of two posts of the same code, only one finds it still unused.
        done = conn.execute(
            sa.update(SignInSession)
            .where(
                SignInSession.id == fresh.id,
                SignInSession.handoff_hash == _digest(handoff[:100]),
            )
            .values(
                handoff_hash=None,
                token_hash=_digest(token),
                browser=(before.browser if joined and before.browser else secrets.token_hex(16)),
                language=before.language if joined else None,
            )
        )
    return token if done.rowcount == 1 else None


@dataclass(frozen=True)
class Live:
    """A session still standing: its id, its person as the database has them now, and the
    language chosen in its browser (None: not chosen)."""

    session_id: int
    principal: Principal
    language: str | None = None


#: Why a tab's session no longer stands: timed out, the account switched off, or gone (signed
#: out in another tab, or ended because the account's password, role or zones changed).
EXPIRED, SWITCHED_OFF, GONE = "expired", "switched_off", "gone"


def _live(
    engine: Engine, where: sa.ColumnElement[bool], now: dt.datetime, lifetime: Lifetime
) -> Live | str:
    """The session ``where`` names, if alive, else why not. A dead one is deleted; a live
    one's ``last_seen_at`` moves on at most once a ``TOUCH_EVERY`` (most runs only read)."""
    with Session(engine) as s:
        row = s.execute(
            sa.select(SignInSession, Account)
            .join(Account, Account.id == SignInSession.account_id)
            .options(selectinload(Account.zones))
            .where(where)
        ).first()
        if row is None:
            return GONE
        session, account = row
        why = (
            SWITCHED_OFF
            if not account.active
            else ""
            if lifetime.alive(session.created_at, session.last_seen_at, now)
            else EXPIRED
        )
        found = why or Live(session.id, accounts.principal_of(account), session.language)
        stale = now - session.last_seen_at >= TOUCH_EVERY
    if why or stale:
        mine = SignInSession.id == session.id
        with store.begin_write(engine) as conn:
            if why:
                conn.execute(sa.delete(SignInSession).where(mine))
            else:
                conn.execute(sa.update(SignInSession).where(mine).values(last_seen_at=now))
    return found


def resume(
    engine: Engine, token: str, *, now: dt.datetime | None = None, lifetime: Lifetime = Lifetime()
) -> Live | None:
    """The session a browser's cookie names, if it is still alive."""
    if not token:
        return None
    found = _live(engine, SignInSession.token_hash == _digest(token[:100]), now or _now(), lifetime)
    return found if isinstance(found, Live) else None


def check(
    engine: Engine,
    session_id: int,
    *,
    now: dt.datetime | None = None,
    lifetime: Lifetime = Lifetime(),
) -> Live | str:
    """On each run of a signed-in page: the session with the person as the database has them
    now, or why it ended (:data:`EXPIRED`, :data:`SWITCHED_OFF`, :data:`GONE`)."""
    return _live(engine, SignInSession.id == session_id, now or _now(), lifetime)


def end(engine: Engine, session_id: int | None = None, *, token: str = "") -> None:
    """Sign out: this session (by id, or by its cookie's token) ends on the server, with the
    same person's other sessions in the same browser (tabs that each signed in)."""
    where = (
        SignInSession.id == session_id
        if session_id is not None
        else SignInSession.token_hash == _digest(token[:100])
    )
    with store.begin_write(engine) as conn:
        row = conn.execute(
            sa.select(SignInSession.id, SignInSession.account_id, SignInSession.browser).where(
                where
            )
        ).first()
        if row is None:
            return
        same_browser = (
            sa.and_(
                SignInSession.account_id == row.account_id, SignInSession.browser == row.browser
            )
            if row.browser
            else SignInSession.id == row.id
        )
        conn.execute(sa.delete(SignInSession).where(same_browser))


def remember_language(engine: Engine, session_id: int, language: str) -> None:
    """The language chosen in this session's browser, for its next reload or tab."""
    with store.begin_write(engine) as conn:
        browser = conn.execute(
            sa.select(SignInSession.browser).where(SignInSession.id == session_id)
        ).scalar()
        mine = SignInSession.browser == browser if browser else SignInSession.id == session_id
        conn.execute(sa.update(SignInSession).where(mine).values(language=language[:8]))


def end_account(engine: Engine, username: str) -> int:
    """Every browser of one account signs in again (``users sign-out NAME``): how many."""
    mine = sa.select(Account.id).where(Account.username == username.strip()).scalar_subquery()
    with store.begin_write(engine) as conn:
        return conn.execute(
            sa.delete(SignInSession).where(SignInSession.account_id == mine)
        ).rowcount


def end_everyone(engine: Engine) -> int:
    """Every session of every account ends (``python -m geo users sign-out --all``)."""
    with store.begin_write(engine) as conn:
        return conn.execute(sa.delete(SignInSession)).rowcount


def _purge(conn: sa.Connection, now: dt.datetime, lifetime: Lifetime) -> None:
    """Forget sessions nobody can resume any more. (A session whose cookie was never fetched
    stays: its own tab goes on until it idles out; its code is refused after ``HANDOFF``.)"""
    conn.execute(sa.delete(SignInSession).where(sa.not_(lifetime.alive_rows(now))))


def open_sessions(
    engine: Engine, *, now: dt.datetime | None = None, lifetime: Lifetime = Lifetime()
) -> dict[str, int]:
    """In how many browsers each account is signed in (for the administrator's list); tabs
    that each signed in in one browser count once."""
    now = now or _now()
    query = (
        sa.select(Account.username, SignInSession.browser, SignInSession.id)
        .join(Account, Account.id == SignInSession.account_id)
        .where(lifetime.alive_rows(now))
    )
    browsers: dict[str, set[str]] = {}
    with engine.connect() as conn:
        for name, browser, session_id in conn.execute(query):
            browsers.setdefault(name, set()).add(browser or f"#{session_id}")
    return {name: len(seen) for name, seen in browsers.items()}
