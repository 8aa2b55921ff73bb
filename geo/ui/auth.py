"""Who acts in this session: the sign-in box, the kiosk screen, and what a role may open."""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from geo import formatting
from geo.ops import web
from geo.refusals import Refusal
from geo.storage import access, accounts, sessions, signin, store
from geo.storage.access import Principal
from geo.ui.resources import engine, settings
from geo.ui.state import set_lang
from geo.ui.text import lang, md, page_script, said, tr

PRINCIPAL_KEY = "principal"
#: This tab's sign-in session (geo.storage.sessions) and what its page still has to do with the cookie.
SESSION_KEY = "sign_in_session"
_HANDOFF_KEY = "_cookie_handoff"
_CLEAR_KEY = "_cookie_clear"
_COOKIE_READ_KEY = "_cookie_read"
_ENDED_KEY = "_session_ended"
_JUST_KEY = "_just_signed_in"
#: Pages that change data: not offered to viewers and kiosk screens (writes are refused at the
#: data layer anyway).
EDITING_PAGES = frozenset({"problem", "report", "data", "scoring"})
ADMIN_PAGES = frozenset({"settings", "notices"})


def _sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def _accounts_state() -> tuple[bool, bool]:
    """(accounts exist, kiosk mode on); both False on a database without the schema yet."""
    eng = engine()
    if not store.schema_is_current(eng) or not accounts.has_accounts(eng):
        return False, False
    return True, accounts.kiosk_enabled(eng)


def sign_in_needed() -> bool:
    """Accounts exist, nobody is signed in here, and this is no kiosk screen."""
    has_accounts, _kiosk = _accounts_state()
    return has_accounts and access.current() is None


def authorize(*, stop: bool = True) -> access.Principal | None:
    """Set who acts for this run (from this session's sign-in, or the kiosk). With ``stop``,
    a run that needs a sign-in ends here with a hint. Every run passes here before a page
    draws anything."""
    has_accounts, kiosk = _accounts_state()
    who = st.session_state.get(PRINCIPAL_KEY) if has_accounts else None
    if not isinstance(who, access.Principal):
        who = None
    if who is None and kiosk:
        who = access.KIOSK_PRINCIPAL
    access.set_current(who)
    if stop and who is None and has_accounts:  # accounts exist, nobody signed in, no kiosk
        st.info(tr("auth.required"))
        st.stop()
    if stop and who is not None and who.must_change_password:  # nothing else until then
        _choose_password(who)
        st.stop()
    return who


def _choose_password(who: Principal) -> None:
    """After a one-time password: the person's own, before any page."""
    st.subheader(tr("auth.choose_password"))
    st.caption(tr("auth.choose_password_help"))
    with st.form("choose_password"):
        old = st.text_input(tr("auth.current_password"), type="password")
        new = st.text_input(tr("auth.new_password"), type="password")
        again = st.text_input(tr("auth.new_password_again"), type="password")
        if st.form_submit_button(tr("auth.save_password"), type="primary"):
            try:
                if new != again:
                    raise Refusal("passwords_differ")
                # The change ends every session of the account, this tab's too: a new one.
                signed_in(accounts.choose_password(engine(), who.username, old, new))
            except ValueError as exc:
                st.error(said(exc))
            else:
                st.rerun()


def principal() -> access.Principal | None:
    """Who this session acts as: an account, the kiosk, or None (no accounts: open install)."""
    return access.current()


def page_allowed(name: str) -> bool:
    who = principal()
    if name in ADMIN_PAGES:  # an install without accounts: whoever runs it is the office
        return who is None or who.role == "admin"
    return not (who is not None and not who.can_write and name in EDITING_PAGES)


def signed_in(who: Principal) -> None:
    """Sign this tab in as ``who``, whose password was just checked (or who was just created
    by the setup), and have the page fetch the cookie that keeps the browser signed in."""
    begun = sessions.begin(engine(), who, client_address(), _user_agent(), lifetime=_lifetime())
    st.session_state[PRINCIPAL_KEY] = who
    st.session_state[SESSION_KEY] = begun.session_id
    st.session_state[_HANDOFF_KEY] = begun.handoff
    st.session_state[_JUST_KEY] = True


def just_signed_in() -> bool:
    """True once, on the first run after signing in."""
    return bool(st.session_state.pop(_JUST_KEY, False))


def _lifetime() -> sessions.Lifetime:
    return sessions.Lifetime.of(settings())


def _user_agent() -> str:
    agent = st.context.headers.get("User-Agent")
    return agent if isinstance(agent, str) else ""


def _signed_out() -> None:
    for key in (PRINCIPAL_KEY, SESSION_KEY, _HANDOFF_KEY):
        st.session_state.pop(key, None)


def resume_session() -> None:
    """Once per run, before anything asks who acts. A tab signed in through a session asks
    the database whether it still stands (signed out elsewhere, unused too long, password or
    role changed: then it is signed out, and told why) and takes the account as it is now.
    A new tab (a reload, a deep link) resumes from the browser's cookie, read once, with the
    language chosen in that browser."""
    if not _accounts_state()[0]:
        return
    session_id = st.session_state.get(SESSION_KEY)
    if isinstance(session_id, int):
        found = sessions.check(engine(), session_id, lifetime=_lifetime())
        if isinstance(found, sessions.Live):
            st.session_state[PRINCIPAL_KEY] = found.principal
        else:
            st.session_state[_ENDED_KEY] = _why_ended(found, st.session_state.get(PRINCIPAL_KEY))
            _signed_out()
        return
    if st.session_state.get(PRINCIPAL_KEY) is not None or st.session_state.get(_COOKIE_READ_KEY):
        return
    # The browser's cookies as they were when this tab connected: read once per tab.
    st.session_state[_COOKIE_READ_KEY] = True
    token = st.context.cookies.get(sessions.COOKIE)
    if not isinstance(token, str) or not token:
        return
    found = sessions.resume(engine(), token, lifetime=_lifetime())
    if found is None:
        st.session_state[_CLEAR_KEY] = True  # a cookie that no longer works: the page drops it
        return
    st.session_state[SESSION_KEY], st.session_state[PRINCIPAL_KEY] = (
        found.session_id,
        found.principal,
    )
    if found.language:
        set_lang(found.language)


def _why_ended(why: str, was: object) -> str:
    """What to tell someone whose tab was signed out: a text key of ``auth.ended.…``."""
    if why != sessions.GONE or not isinstance(was, Principal):
        return why
    now = accounts.find(engine(), was.username)
    changed = now is not None and (now.role, now.zone_ids) != (was.role, was.zone_ids)
    return "changed" if changed else why


def language_chosen(language: str) -> None:
    """Keep the language chosen in this tab for the browser's next reload or tab."""
    session_id = st.session_state.get(SESSION_KEY)
    if isinstance(session_id, int):
        sessions.remember_language(engine(), session_id, language)


def _cookie_script(method: str, body: str = "") -> None:
    """The page talks to geo.ops.web's route: the HttpOnly cookie is out of its scripts' reach."""
    options = {"method": method, "credentials": "same-origin", "keepalive": True}
    if body:
        options["body"] = body
    call = f"fetch({json.dumps(web.session_url())}, {json.dumps(options)});"
    # Run with the page's other script (geo.ui.text.localise_chrome), drawn after this in the
    # same run: an element of its own would shift the sidebar for one run.
    page_script(call)


def _sign_in() -> None:
    # A form callback: runs before the script, so the whole run already sees who signed in.
    username = st.session_state.get("sign_in_user", "")
    password = st.session_state.pop("sign_in_password", "")
    policy = signin.Policy.of(settings())
    outcome = signin.sign_in(engine(), username, password, client_address(), policy=policy)
    if outcome.principal is None:
        st.session_state["_sign_in_failed"] = outcome
    else:
        signed_in(outcome.principal)


def client_address() -> str:
    """The browser's address: the one our nginx saw (the last of X-Forwarded-For, which a
    client cannot forge), else the connection's."""
    forwarded = st.context.headers.get("X-Forwarded-For")
    direct = st.context.ip_address
    if isinstance(forwarded, str) and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return direct if isinstance(direct, str) else ""  # none without a browser (AppTest)


def _ended_text(why: str) -> str:
    if why == sessions.EXPIRED:
        return tr("auth.ended.expired", hours=settings().session_idle_hours)
    if why in ("changed", sessions.SWITCHED_OFF):
        return tr(f"auth.ended.{why}")
    return tr("auth.session_ended")


def _failure_text(outcome: signin.Outcome) -> str:
    if outcome.until is None:
        return tr("auth.wrong")
    left = outcome.seconds_left(dt.datetime.now(dt.UTC).replace(tzinfo=None))
    time = tr("auth.minutes", n=-(-left // 60)) if left >= 60 else tr("auth.seconds", n=left)
    # A few seconds between tries is pacing, not yet a lockout: said as such.
    wait = tr("auth.wait" if left >= 60 else "auth.wait_short", time=time)
    return wait if outcome.why == "wait" else f"{tr('auth.wrong')} {wait}"


def account_box() -> None:
    """The sign-in form, or who is signed in and a sign-out button."""
    has_accounts, kiosk = _accounts_state()
    if not has_accounts:
        return
    eng = engine()
    who = st.session_state.get(PRINCIPAL_KEY)
    if who is None and _sso_configured() and getattr(st.user, "is_logged_in", False):
        who = accounts.for_single_sign_on(eng, st.user.get("email"))
        st.session_state[PRINCIPAL_KEY] = who
    if who is not None:
        handoff = st.session_state.pop(_HANDOFF_KEY, None)
        if isinstance(handoff, str):
            _cookie_script("POST", handoff)
        zones = f" · {formatting.join(who.zone_names, lang())}" if who.zone_names else ""
        st.caption(
            tr("auth.signed_in_as", name=md(who.display_name), role=tr(f"role.{who.role}"))
            + md(zones)
        )
        if st.button(tr("auth.sign_out"), key="write_sign_out"):
            session_id = st.session_state.get(SESSION_KEY)
            if isinstance(session_id, int):
                sessions.end(engine(), session_id)
                st.session_state[_CLEAR_KEY] = True
            _signed_out()
            if _sso_configured() and getattr(st.user, "is_logged_in", False):
                st.logout()
            st.rerun()
        return
    if st.session_state.pop(_CLEAR_KEY, False):
        _cookie_script("DELETE")
    ended = st.session_state.pop(_ENDED_KEY, None)
    if isinstance(ended, str):
        st.warning(_ended_text(ended))
    with st.expander(tr("auth.sign_in"), expanded=not kiosk):
        with st.form("sign_in"):
            # Marked for what they are, so a browser's password manager fills them in.
            st.text_input(tr("auth.username"), key="sign_in_user", autocomplete="username")
            st.text_input(
                tr("auth.password"),
                type="password",
                key="sign_in_password",
                autocomplete="current-password",
            )
            st.form_submit_button(tr("auth.sign_in"), on_click=_sign_in)
        failed = st.session_state.pop("_sign_in_failed", None)
        if isinstance(failed, signin.Outcome):
            st.error(_failure_text(failed))
        if _sso_configured() and st.button(tr("auth.sso"), key="sso"):
            st.login()
