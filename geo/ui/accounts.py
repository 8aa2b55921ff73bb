"""The administrator's accounts: who can sign in, as what, and a form to add one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import formatting
from geo.refusals import Refusal
from geo.storage import accounts, sessions, signin, store
from geo.storage.store import Engine
from geo.ui.auth import principal, signed_in
from geo.ui.resources import settings
from geo.ui.text import tr
from geo.ui.widgets import refused, table

_ONE_TIME_KEY = "_one_time_made"


def accounts_table(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The accounts as the administrator reads them: headings and roles in the UI's language."""
    return pd.DataFrame(
        {
            tr("accounts.col.username"): [r["username"] for r in rows],
            tr("accounts.col.display_name"): [r["display_name"] for r in rows],
            tr("accounts.col.role"): [tr(f"role.{r['role']}") for r in rows],
            tr("accounts.col.zones"): ["、".join(r["zones"]) for r in rows],  # type: ignore[arg-type]
            tr("accounts.col.active"): [bool(r["active"]) for r in rows],
            tr("accounts.col.sign_in"): [
                tr("accounts.sso" if r["sso_only"] else "accounts.password")
                + (tr("accounts.one_time_pending") if r.get("must_change_password") else "")
                for r in rows
            ],
            tr("accounts.col.failures"): [int(r.get("failures", 0)) for r in rows],
            tr("accounts.col.locked_until"): [
                formatting.beijing_time(r.get("locked_until")) for r in rows
            ],
            tr("accounts.col.signed_in"): [int(r.get("signed_in", 0)) for r in rows],
        }
    )


def _change_role_form(engine: Engine, rows: list[dict[str, object]], zones: list[str]) -> None:
    """Another account's role, zones and whether it may sign in (not one's own: a slip would
    lock oneself out of this page). Saving signs that account out everywhere."""
    by_name = {str(r["username"]): r for r in rows}
    with st.expander(tr("accounts.change")):
        st.caption(tr("accounts.change_help"))
        chosen = st.selectbox(
            tr("accounts.change_which"),
            list(by_name),
            index=None,
            placeholder=tr("select.placeholder"),
            key="change_account",
        )
        if chosen is None:
            return
        row = by_name[chosen]
        with st.form("change_role_form"):
            role = st.selectbox(
                tr("accounts.role"),
                accounts.ROLES,
                index=accounts.ROLES.index(str(row["role"])),
                format_func=lambda r: tr(f"role.{r}"),
            )
            kept = [z for z in row["zones"] if z in zones]  # type: ignore[union-attr]
            picked = st.multiselect(
                tr("accounts.zones"), zones, default=kept, placeholder=tr("select.placeholder")
            )
            active = st.toggle(tr("accounts.active_toggle"), value=bool(row["active"]))
            if not st.form_submit_button(tr("accounts.change_submit"), type="primary"):
                return
        try:
            who = accounts.change_role(engine, chosen, role=role, zones=picked, active=active)
        except ValueError as exc:
            refused(exc)
        else:  # the list above is drawn again with the change
            st.toast(tr("accounts.changed", username=who.username, role=tr(f"role.{who.role}")))
            st.rerun()


def accounts_section(engine: Engine) -> None:
    """The list of accounts, a form to create one, and kiosk mode."""
    st.header(tr("auth.accounts"), anchor="accounts")
    st.caption(tr("accounts.roles_help"))
    zones = store.load_zones(engine)["name"].tolist()
    # The first account is an administrator: once any account exists the app asks everyone to
    # sign in, and without an administrator nobody could come back to this page.
    first = not accounts.has_accounts(engine)
    roles = ("admin",) if first else accounts.ROLES
    with st.expander(tr("accounts.add"), expanded=first), st.form("account_form"):
        if first:
            st.info(tr("accounts.first_is_admin"))
        username = st.text_input(tr("setup.username"))
        display_name = st.text_input(tr("accounts.display_name"))
        role = st.selectbox(
            tr("accounts.role"),
            roles,
            index=len(roles) - 1 if first else roles.index("viewer"),
            format_func=lambda r: tr(f"role.{r}"),
        )
        chosen = st.multiselect(tr("accounts.zones"), zones, placeholder=tr("select.placeholder"))
        password = st.text_input(tr("setup.password"), type="password")
        again = st.text_input(tr("setup.password_again"), type="password")
        submitted = st.form_submit_button(tr("accounts.submit"), type="primary")
    if submitted:
        try:
            if password != again:
                raise Refusal("passwords_differ")
            who = accounts.create_account(
                engine,
                username,
                role=role,
                password=password,
                zones=chosen,
                display_name=display_name or None,
            )
        except ValueError as exc:
            refused(exc)
        else:
            if first:  # whoever made the first administrator goes on as that administrator
                signed_in(who)
            st.success(tr("accounts.created", username=who.username, role=tr(f"role.{role}")))
    rows = signin.accounts_with_locks(
        engine, signin.Policy.of(settings()), lifetime=sessions.Lifetime.of(settings())
    )
    table(accounts_table(rows), empty=tr("accounts.none"))
    me = principal()
    # Not one's own account: a slip of the mouse would replace one's own password.
    others = [r for r in rows if me is None or r["username"] != me.username]
    local = [r["username"] for r in others if not r["sso_only"]]
    if local:
        with st.expander(tr("accounts.one_time")), st.form("one_time_form"):
            st.caption(tr("accounts.one_time_help"))
            chosen = st.selectbox(
                tr("setup.username"), local, index=None, placeholder=tr("select.placeholder")
            )
            if st.form_submit_button(tr("accounts.one_time_make")) and chosen:
                given = accounts.one_time_password()
                accounts.set_password(engine, chosen, given, one_time=True)
                # Shown once, after the list above is drawn again with it: it is kept nowhere.
                st.session_state[_ONE_TIME_KEY] = (chosen, given)
                st.rerun()
        made = st.session_state.pop(_ONE_TIME_KEY, None)
        if isinstance(made, tuple):
            st.success(tr("accounts.one_time_made", username=made[0]))
            st.code(made[1], language=None)
    if others:
        _change_role_form(engine, others, zones)
    for row in rows:
        if row["failures"] and st.button(
            tr("accounts.unlock", username=row["username"]), key=f"unlock_{row['username']}"
        ):
            signin.unlock(engine, row["username"])
            st.toast(tr("accounts.unlocked", username=row["username"]))
            st.rerun()
    for row in others:
        name = row["username"]
        if row["signed_in"] and st.button(
            tr("accounts.sign_out_everywhere", username=name), key=f"sign_out_{name}"
        ):
            sessions.end_account(engine, str(name))
            st.toast(tr("accounts.signed_out_everywhere", username=name))
            st.rerun()
    kiosk = accounts.kiosk_enabled(engine)
    if st.toggle(tr("auth.kiosk"), value=kiosk, key="kiosk_toggle") != kiosk:
        accounts.set_kiosk(engine, not kiosk)
        st.toast(tr("auth.kiosk_off" if kiosk else "auth.kiosk_on"))
