"""Sign-in throttling and lockout (geo.storage.signin), on both back ends, with a clock the test sets."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from geo.storage import accounts, audit, signin, store
from geo.storage.models import AuditEntry

T0 = dt.datetime(2026, 12, 4, 1, 0)
POLICY = signin.Policy(lock_after=5, lock_minutes=15)
PASSWORD = "correct horse battery"


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


@pytest.fixture
def office(engine: sa.Engine) -> sa.Engine:
    accounts.create_account(engine, "wang", role="viewer", password=PASSWORD)
    return engine


def _try(
    engine: sa.Engine, name: str, password: str, seconds: float, address: str = "10.0.0.7"
) -> signin.Outcome:
    return signin.sign_in(engine, name, password, address, policy=POLICY, now=at(seconds))


def test_delays_grow_then_the_name_is_locked_and_unlocked(office: sa.Engine) -> None:
    assert _try(office, "wang", "wrong 1", 0).why == "wrong"  # one slip: no wait
    second = _try(office, "wang", "wrong 2", 1)
    assert second.why == "wrong" and second.until == at(2)  # wait 1 s
    assert _try(office, "wang", PASSWORD, 1.5).why == "wait"  # refused unchecked, not counted
    assert _try(office, "wang", "wrong 3", 2).until == at(4)  # then 2 s
    assert _try(office, "wang", "wrong 4", 4).until == at(8)  # then 4 s
    fifth = _try(office, "wang", "wrong 5", 8)
    assert fifth.why == "wrong" and fifth.until == at(8 + 15 * 60)  # locked 15 minutes
    # Locked: the right password is refused before it is checked, and says how long.
    locked = _try(office, "wang", PASSWORD, 60)
    assert locked.principal is None and locked.why == "wait"
    assert locked.seconds_left(at(60)) == 15 * 60 + 8 - 60
    with office.connect() as conn:
        actions = [
            a
            for (a,) in conn.execute(
                sa.select(AuditEntry.action)
                .where(AuditEntry.table_name == "accounts")
                .order_by(AuditEntry.id)
            )
        ]
    assert actions.count("sign_in_failed") == 5 and actions.count("locked") == 1
    assert signin.lock_states(office, POLICY, now=at(60))["wang"] == (5, at(8 + 15 * 60))
    # The administrator lifts it: the right password works at once, the count starts again.
    signin.unlock(office, "wang", actor="office", now=at(61))
    assert _try(office, "wang", PASSWORD, 62).principal.username == "wang"
    assert signin.lock_states(office, POLICY, now=at(62))["wang"] == (0, None)
    trail = audit.history(office, "accounts", accounts_id(office, "wang"))
    assert list(trail["action"])[-1] == "unlocked" and list(trail["actor"])[-1] == "office"


def accounts_id(engine: sa.Engine, name: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            sa.text("SELECT id FROM accounts WHERE username = :n"), {"n": name}
        ).scalar_one()


def test_a_lockout_ends_by_itself(office: sa.Engine) -> None:
    for i, second in enumerate((0, 1, 2, 4, 8)):
        _try(office, "wang", f"wrong {i}", second)
    assert _try(office, "wang", PASSWORD, 8 + 15 * 60 - 1).why == "wait"
    assert _try(office, "wang", PASSWORD, 8 + 15 * 60).principal is not None


def test_an_unknown_name_gets_the_same_answers(office: sa.Engine) -> None:
    """Whether or not the account exists, the answers and their timing rules are the same."""
    known = [_try(office, "wang", f"x{i}", s) for i, s in enumerate((0, 1, 2, 4, 8, 9))]
    unknown = [_try(office, "nobody", f"x{i}", s) for i, s in enumerate((0, 1, 2, 4, 8, 9))]
    assert [(o.why, o.until) for o in known] == [(o.why, o.until) for o in unknown]
    with office.connect() as conn:
        failed = conn.execute(
            sa.select(AuditEntry.actor, AuditEntry.record_id).where(
                AuditEntry.action == "sign_in_failed"
            )
        ).all()
    assert ("nobody", None) in failed  # recorded too, against no account


def test_one_address_guessing_many_names_is_locked(office: sa.Engine) -> None:
    for i in range(POLICY.address_limit):
        _try(office, f"name{i}", "guess", i, address="203.0.113.9")
    assert _try(office, "wang", PASSWORD, 30, address="203.0.113.9").why == "wait"
    assert _try(office, "wang", PASSWORD, 30, address="10.0.0.7").principal is not None


def test_lockouts_hold_across_app_processes(office: sa.Engine, backend_url: str) -> None:
    """Two app processes are two engines on one database: they count the same failures."""
    other = store.make_engine(backend_url)
    for i, second in enumerate((0, 1, 2, 4)):
        _try(office if i % 2 else other, "wang", f"wrong {i}", second)
    assert _try(other, "wang", "wrong 5", 8).until == at(8 + 15 * 60)
    assert _try(office, "wang", PASSWORD, 20).why == "wait"
    other.dispose()
