"""Accounts: who may sign in, with which role, over which zones.

Passwords are kept only as argon2 hashes (argon2-cffi's defaults, re-hashed when those
change). There is no default account and no default password: the first administrator is
created with ``python -m geo users add``. Until an account exists the app runs open, as one
office's single-user install (everyone may do everything, named by ``GEO_ACTOR``).
"""

from __future__ import annotations

import json
import re
import secrets

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo import vocab
from geo.refusals import Refusal, Term
from geo.storage import access, store
from geo.storage.access import Principal
from geo.storage.models import Account, AppSetting, SignInSession, Zone

ROLES = vocab.ROLES
MIN_PASSWORD = 10
KIOSK = "kiosk"
_HASHER = PasswordHasher()


def principal_of(account: Account) -> Principal:
    """Who an account acts as (its zones loaded)."""
    return Principal(
        username=account.username,
        display_name=account.display_name,
        role=account.role,
        zone_ids=frozenset(z.id for z in account.zones),
        zone_names=tuple(sorted(z.name for z in account.zones)),
        must_change_password=bool(account.must_change_password),
    )


def _plain_name(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def check_password(password: str, username: str = "") -> None:
    """Refuse a short password, the user name itself, and what guessers try first: common
    passwords, keyboard rows, repeats and dates (zxcvbn's score below 2 of 4)."""
    if len(password) < MIN_PASSWORD:
        raise Refusal("password_short", least=MIN_PASSWORD)
    if username and _plain_name(password) == _plain_name(username):
        raise Refusal("password_is_username")
    from zxcvbn import zxcvbn  # its lists load in 0.03 s, only where a password is set

    if zxcvbn(password[:100], user_inputs=[username] if username else [])["score"] < 2:
        raise Refusal("password_guessable")


#: Letters and digits that cannot be mistaken for one another when read out over the phone
#: (no 0/O/o, 1/l/I, 5/S, 2/Z, 8/B, u/v).
READABLE = "34679abcdefghjkmnpqrstwxyzACDEFGHJKLMNPQRTWXY"


def one_time_password() -> str:
    """A password to hand over once (the account must choose its own at the next sign-in):
    three groups of four readable characters, about 66 bits."""
    groups = ("".join(secrets.choice(READABLE) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def _zones(session, names: list[str]) -> list[Zone]:
    found = {z.name: z for z in session.scalars(sa.select(Zone).where(Zone.name.in_(names)))}
    missing = [n for n in names if n not in found]
    if missing:
        raise Refusal("no_such_zone", names=tuple(missing))
    return [found[n] for n in names]


def create_account(
    engine: Engine,
    username: str,
    *,
    role: str,
    password: str | None,
    zones: list[str] | None = None,
    display_name: str | None = None,
    one_time: bool = False,
) -> Principal:
    """Add an account; ``password=None`` makes a single-sign-on account (username = e-mail)."""
    username = username.strip()
    if not username:
        raise Refusal("username_required")
    if not re.fullmatch(r"[^\s<>\"'&/\\]{1,60}", username):  # typed at sign-in, shown in logs
        raise Refusal("username_form", username=username)
    if role not in ROLES:
        raise Refusal("no_such_role", role=role, choices=tuple(Term.of(f"role.{r}") for r in ROLES))
    if password is not None:
        check_password(password, username)
    zones = [z.strip() for z in zones or [] if z.strip()]
    if role == "zone_manager" and not zones:
        raise Refusal("zone_manager_zones")
    with store.transaction(engine, write=True) as s:
        if s.scalar(sa.select(Account.id).where(Account.username == username)) is not None:
            raise Refusal("account_exists", username=repr(username))
        account = Account(
            username=username,
            display_name=(display_name or username).strip(),
            password_hash=_HASHER.hash(password) if password is not None else None,
            role=role,
            active=True,
            zones=_zones(s, zones),
            must_change_password=one_time and password is not None,
        )
        s.add(account)
        s.flush()
        return principal_of(account)


def set_password(
    engine: Engine,
    username: str,
    password: str,
    *,
    one_time: bool = False,
    actor: str | None = None,
) -> None:
    """A new password; ``one_time``: the account must choose its own at the next sign-in."""
    check_password(password, username)
    with store.transaction(engine, write=True, actor=actor) as s:
        account = s.scalar(sa.select(Account).where(Account.username == username))
        if account is None:
            raise Refusal("no_such_account", username=username)
        account.password_hash = _HASHER.hash(password)
        account.must_change_password = one_time
        end_sessions(s, account.id)


def end_sessions(s: Session, account_id: int) -> None:
    """Every browser of this account must sign in again (geo.storage.sessions): its password, role,
    zones or active flag just changed, in this same transaction."""
    s.execute(sa.delete(SignInSession).where(SignInSession.account_id == account_id))


def change_role(
    engine: Engine, username: str, *, role: str, zones: list[str] | None = None, active: bool = True
) -> Principal:
    """What an account may do from now on; its open browsers sign in again. The last active
    administrator stays one (without one, nobody could reach the settings page again)."""
    if role not in ROLES:
        raise Refusal("no_such_role", role=role, choices=tuple(Term.of(f"role.{r}") for r in ROLES))
    zones = [z.strip() for z in zones or [] if z.strip()]
    if role == "zone_manager" and not zones:
        raise Refusal("zone_manager_zones")
    with store.transaction(engine, write=True, reason=f"role {role}") as s:
        account = s.scalar(sa.select(Account).where(Account.username == username.strip()))
        if account is None:
            raise Refusal("no_such_account", username=username)
        if account.role == "admin" and account.active and (role != "admin" or not active):
            admins = s.scalar(
                sa.select(sa.func.count(Account.id)).where(Account.role == "admin", Account.active)
            )
            if admins <= 1:
                raise Refusal("last_admin", username=username)
        account.role, account.active = role, active
        account.zones = _zones(s, zones if role == "zone_manager" else [])
        end_sessions(s, account.id)
        s.flush()
        return principal_of(account)


def authenticate(engine: Engine, username: str, password: str) -> Principal | None:
    """The account if the password is right (and the account active), else None."""
    with store.transaction(engine) as s:
        account = s.scalar(sa.select(Account).where(Account.username == username.strip()))
        if account is None or not account.active or not account.password_hash:
            _HASHER.hash(password)  # the same work either way: no timing hint of who exists
            return None
        try:
            _HASHER.verify(account.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        principal = principal_of(account)
        stale_hash = _HASHER.check_needs_rehash(account.password_hash)
    if stale_hash:  # the same password, hashed with today's parameters (rules unchanged)
        with store.transaction(engine, write=True) as s:
            account = s.scalar(sa.select(Account).where(Account.username == username.strip()))
            account.password_hash = _HASHER.hash(password)
    return principal


def choose_password(engine: Engine, username: str, old: str, new: str) -> Principal:
    """The account's own new password, after a one-time one (the old one proves who asks).

    Written as the account itself whatever its role: the old password is the permission, and
    it opens this one account only (the access rules let only administrators write accounts)."""
    with access.acting_as(None):
        if authenticate(engine, username, old) is None:
            raise Refusal("password_wrong")
        if new == old:
            raise Refusal("password_same")
        set_password(engine, username, new, actor=username)
        who = authenticate(engine, username, new)
    assert who is not None
    return who


def find(engine: Engine, username: str) -> Principal | None:
    """The active account of this name as it is now, or None."""
    with store.transaction(engine) as s:
        account = s.scalar(
            sa.select(Account).where(Account.username == username.strip(), Account.active)
        )
        return principal_of(account) if account else None


def for_single_sign_on(engine: Engine, email: str | None) -> Principal | None:
    """The active account whose username is the e-mail the identity provider vouched for."""
    if not email:
        return None
    with store.transaction(engine) as s:
        account = s.scalar(
            sa.select(Account).where(Account.username == email.strip(), Account.active)
        )
        return principal_of(account) if account else None


def has_accounts(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count(Account.id))).scalar_one() > 0


def list_accounts(engine: Engine) -> list[dict[str, object]]:
    with store.transaction(engine) as s:
        return [
            {
                "username": a.username,
                "display_name": a.display_name,
                "role": a.role,
                "zones": sorted(z.name for z in a.zones),
                "active": a.active,
                "sso_only": a.password_hash is None,
                "must_change_password": bool(a.must_change_password),
            }
            for a in s.scalars(sa.select(Account).order_by(Account.username))
        ]


def kiosk_enabled(engine: Engine) -> bool:
    """Kiosk mode: presentation screens may show the read-only pages without signing in."""
    with engine.connect() as conn:
        value = conn.execute(sa.select(AppSetting.value).where(AppSetting.key == KIOSK)).scalar()
    return bool(value and json.loads(value))


def set_kiosk(engine: Engine, on: bool) -> None:
    """Turn kiosk mode on or off (administrators only: enforced by :mod:`geo.storage.access`)."""
    with store.transaction(engine, write=True, reason=f"kiosk {'on' if on else 'off'}") as s:
        s.merge(AppSetting(key=KIOSK, value=json.dumps(on)))
