"""Staying signed in (geo.storage.sessions), on both back ends, with a clock the test sets."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import sqlalchemy as sa

from geo.refusals import Refusal
from geo.storage import accounts, sessions
from geo.storage.models import SignInSession

T0 = dt.datetime(2026, 12, 4, 1, 0)
LIFE = sessions.Lifetime(idle=dt.timedelta(hours=8), limit=dt.timedelta(days=7))
PASSWORD = "correct horse battery"


def at(**delta: float) -> dt.datetime:
    return T0 + dt.timedelta(**delta)


@pytest.fixture
def office(engine: sa.Engine) -> sa.Engine:
    accounts.create_account(
        engine, "wang", role="zone_manager", password=PASSWORD, zones=[_zone(engine, "石花工业园")]
    )
    accounts.create_account(engine, "li", role="admin", password=PASSWORD)
    return engine


def _zone(engine: sa.Engine, name: str) -> str:
    from geo.storage.models import Zone

    with engine.begin() as conn:
        if conn.execute(sa.select(Zone.id).where(Zone.name == name)).first() is None:
            geometry = '{"type": "Point", "coordinates": [111.5, 32.2]}'
            conn.execute(
                sa.insert(Zone), {"name": name, "kind": "park", "geometry": geometry, "version": 1}
            )
    return name


def _signed_in(engine: sa.Engine, name: str = "wang", when: dt.datetime = T0) -> tuple[int, str]:
    """A browser signed in at ``when``: its session id and the token in its cookie."""
    who = accounts.authenticate(engine, name, PASSWORD)
    begun = sessions.begin(engine, who, "10.0.0.7", "Chromium", now=when, lifetime=LIFE)
    token = sessions.redeem(engine, begun.handoff, now=when + dt.timedelta(seconds=1))
    assert token is not None
    return begun.session_id, token


def test_a_cookie_resumes_the_session_until_it_idles_out(office: sa.Engine) -> None:
    session_id, token = _signed_in(office)
    resumed = sessions.resume(office, token, now=at(hours=7, minutes=59), lifetime=LIFE)
    assert resumed is not None and resumed.session_id == session_id
    assert resumed.principal.username == "wang" and resumed.principal.zone_names == ("石花工业园",)
    # That use counts: the idle clock starts again from it.
    assert sessions.resume(office, token, now=at(hours=15, minutes=58), lifetime=LIFE)
    # Eight hours without any run: gone, and the row with it.
    assert sessions.resume(office, token, now=at(hours=23, minutes=59), lifetime=LIFE) is None
    with office.connect() as conn:
        assert conn.execute(sa.select(sa.func.count(SignInSession.id))).scalar_one() == 0


def test_the_absolute_limit_holds_however_busy(office: sa.Engine) -> None:
    session_id, token = _signed_in(office)
    for hour in range(0, 7 * 24, 4):  # used every four hours, day and night
        assert isinstance(
            sessions.check(office, session_id, now=at(hours=hour), lifetime=LIFE), sessions.Live
        )
    assert sessions.resume(office, token, now=at(days=7, seconds=-1), lifetime=LIFE) is not None
    assert sessions.resume(office, token, now=at(days=7), lifetime=LIFE) is None


def test_only_a_hash_is_kept_and_a_handoff_works_once_and_briefly(office: sa.Engine) -> None:
    who = accounts.authenticate(office, "wang", PASSWORD)
    begun = sessions.begin(office, who, now=T0, lifetime=LIFE)
    late = sessions.begin(office, who, now=T0, lifetime=LIFE)
    assert sessions.redeem(office, late.handoff, now=at(minutes=2, seconds=1)) is None  # too late
    token = sessions.redeem(office, begun.handoff, now=at(seconds=5))
    assert token and sessions.redeem(office, begun.handoff, now=at(seconds=6)) is None  # used
    assert sessions.redeem(office, "guessed", now=at(seconds=6)) is None
    with office.connect() as conn:
        stored = conn.execute(sa.select(SignInSession.token_hash, SignInSession.handoff_hash)).all()
    assert (hashlib.sha256(token.encode()).hexdigest(), None) in stored
    assert all(token not in (t or "") and begun.handoff not in (h or "") for t, h in stored)
    # A tab whose page never fetched its cookie still goes on (it is signed in itself).
    assert isinstance(
        sessions.check(office, late.session_id, now=at(hours=1), lifetime=LIFE), sessions.Live
    )
    assert sessions.resume(office, "", now=at(seconds=6), lifetime=LIFE) is None


def test_sign_out_ends_only_that_browser(office: sa.Engine) -> None:
    laptop, laptop_token = _signed_in(office)
    phone, phone_token = _signed_in(office)
    sessions.end(office, token=laptop_token)
    assert sessions.resume(office, laptop_token, now=at(minutes=5), lifetime=LIFE) is None
    assert sessions.check(office, laptop, now=at(minutes=5), lifetime=LIFE) == sessions.GONE
    assert sessions.resume(office, phone_token, now=at(minutes=5), lifetime=LIFE) is not None
    sessions.end(office, phone)
    assert sessions.check(office, phone, now=at(minutes=6), lifetime=LIFE) == sessions.GONE


def test_a_password_change_ends_every_browser_of_that_account_only(office: sa.Engine) -> None:
    _, wang = _signed_in(office)
    _, wang_phone = _signed_in(office)
    _, li = _signed_in(office, "li")
    accounts.set_password(office, "wang", "another horse battery")
    assert sessions.resume(office, wang, now=at(minutes=1), lifetime=LIFE) is None
    assert sessions.resume(office, wang_phone, now=at(minutes=1), lifetime=LIFE) is None
    assert sessions.resume(office, li, now=at(minutes=1), lifetime=LIFE) is not None
    # Choosing one's own after a one-time password: the same.
    _, wang = _signed_in_with(office, "wang", "another horse battery")
    accounts.choose_password(office, "wang", "another horse battery", "a third horse battery")
    assert sessions.resume(office, wang, now=at(minutes=2), lifetime=LIFE) is None


def _signed_in_with(engine: sa.Engine, name: str, password: str) -> tuple[int, str]:
    who = accounts.authenticate(engine, name, password)
    begun = sessions.begin(engine, who, now=T0, lifetime=LIFE)
    return begun.session_id, sessions.redeem(engine, begun.handoff, now=T0)


def test_a_role_change_ends_the_sessions_and_the_last_admin_stays(office: sa.Engine) -> None:
    session_id, token = _signed_in(office)
    changed = accounts.change_role(office, "wang", role="viewer")
    assert changed.role == "viewer" and changed.zone_ids == frozenset()
    assert sessions.check(office, session_id, now=at(minutes=1), lifetime=LIFE) == sessions.GONE
    assert sessions.resume(office, token, now=at(minutes=1), lifetime=LIFE) is None
    # Signed in again, the new role is what the session carries.
    _, token = _signed_in(office)
    assert (
        sessions.resume(office, token, now=at(minutes=2), lifetime=LIFE).principal.role == "viewer"
    )
    # Switched off: signed out as well.
    accounts.change_role(office, "wang", role="viewer", active=False)
    assert sessions.resume(office, token, now=at(minutes=3), lifetime=LIFE) is None
    with pytest.raises(Refusal, match="last administrator"):
        accounts.change_role(office, "li", role="leader")
    with pytest.raises(Refusal, match="zone manager needs"):
        accounts.change_role(office, "wang", role="zone_manager")
    with pytest.raises(Refusal, match="no account"):
        accounts.change_role(office, "nobody", role="viewer")


def test_everyone_can_be_signed_out_and_old_rows_are_purged(office: sa.Engine) -> None:
    _, old = _signed_in(office, when=T0)
    _signed_in(office, "li", when=at(days=8))  # a later sign-in clears what nobody can resume
    with office.connect() as conn:
        assert conn.execute(sa.select(sa.func.count(SignInSession.id))).scalar_one() == 1
    assert sessions.open_sessions(office, now=at(days=8, minutes=1), lifetime=LIFE) == {"li": 1}
    assert sessions.end_everyone(office) == 1
    assert sessions.open_sessions(office, now=at(days=8, minutes=1), lifetime=LIFE) == {}
    assert old  # (the first one's cookie was purged with its row)


def test_the_users_command_changes_roles_and_signs_people_out(
    office: sa.Engine, backend_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from geo.ops import cli

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # the command line's clock is the real one
    session_id, _ = _signed_in(office, when=now)
    _signed_in(office, "li", when=now)
    assert cli.main(["--db", backend_url, "users", "list"]) == 0
    assert "signed in: 1" in capsys.readouterr().out
    assert cli.main(["--db", backend_url, "users", "role", "wang", "--role", "leader"]) == 0
    assert "wang now: leader" in capsys.readouterr().out
    assert accounts.authenticate(office, "wang", PASSWORD).role == "leader"
    assert sessions.check(office, session_id, now=now, lifetime=LIFE) == sessions.GONE
    assert cli.main(["--db", backend_url, "users", "disable", "wang"]) == 0
    assert accounts.authenticate(office, "wang", PASSWORD) is None
    assert cli.main(["--db", backend_url, "users", "role", "li", "--role", "viewer"]) == 1
    assert "last administrator" in capsys.readouterr().err
    assert cli.main(["--db", backend_url, "users", "sign-out", "li"]) == 0
    assert "1 browser(s) of li signed out" in capsys.readouterr().out
    _signed_in(office, "li", when=now)
    assert cli.main(["--db", backend_url, "users", "sign-out", "--all"]) == 0
    assert "1 signed-in browser(s) signed out" in capsys.readouterr().out


def _tab(
    engine: sa.Engine, name: str, holding: str = "", when: dt.datetime = T0
) -> tuple[int, str]:
    """A tab signing in, in a browser that already holds the cookie ``holding`` (or none)."""
    who = accounts.authenticate(engine, name, PASSWORD)
    begun = sessions.begin(engine, who, now=when, lifetime=LIFE)
    token = sessions.redeem(engine, begun.handoff, current=holding, now=when)
    assert token is not None
    return begun.session_id, token


def test_tabs_that_each_signed_in_are_one_browser(office: sa.Engine) -> None:
    first, first_token = _tab(office, "wang")
    sessions.remember_language(office, first, "en")
    second, second_token = _tab(office, "wang", holding=first_token)
    assert sessions.open_sessions(office, now=at(minutes=1), lifetime=LIFE) == {"wang": 1}
    # The language chosen in the first tab holds for the second and for a reload.
    assert sessions.resume(office, second_token, now=at(minutes=1), lifetime=LIFE).language == "en"
    _, elsewhere = _tab(office, "wang")  # another browser: its own
    assert sessions.open_sessions(office, now=at(minutes=1), lifetime=LIFE) == {"wang": 2}
    # Signing out in the second tab signs out the first too, not the other browser.
    sessions.end(office, token=second_token)
    assert sessions.check(office, first, now=at(minutes=2), lifetime=LIFE) == sessions.GONE
    assert sessions.check(office, second, now=at(minutes=2), lifetime=LIFE) == sessions.GONE
    assert sessions.resume(office, elsewhere, now=at(minutes=2), lifetime=LIFE) is not None


def test_another_person_signing_in_takes_over_the_browser(office: sa.Engine) -> None:
    wang, wang_token = _tab(office, "wang")
    _tab(office, "li", holding=wang_token)  # li signs in at wang's browser: wang's cookie goes
    assert sessions.check(office, wang, now=at(minutes=1), lifetime=LIFE) == sessions.GONE
    assert sessions.open_sessions(office, now=at(minutes=1), lifetime=LIFE) == {"li": 1}


def test_a_tab_is_told_why_its_session_ended(office: sa.Engine) -> None:
    session_id, _ = _tab(office, "wang")
    assert sessions.check(office, session_id, now=at(hours=9), lifetime=LIFE) == sessions.EXPIRED
    assert sessions.check(office, session_id, now=at(hours=9), lifetime=LIFE) == sessions.GONE
