"""Sharing a project on its page: the app link with its QR code, and phone links."""

from __future__ import annotations

import streamlit as st

from geo.reports import phone
from geo.ui.auth import principal
from geo.ui.resources import engine, settings
from geo.ui.text import tr
from geo.ui.widgets import run_and_rerun
from geo.workflow import share


def share_section(project_id: int) -> None:
    st.subheader(tr("share.title"))
    link = share.project_link(settings().public_url, project_id)
    st.caption(tr("share.help"))
    st.code(link, language=None)
    qr = share.qr_png(link)
    st.image(qr, width=160)
    st.download_button(
        tr("share.download"), qr, file_name=f"project-{project_id}.png", mime="image/png"
    )
    st.subheader(tr("share.phone_title"))
    if not settings().phone_pages:
        st.caption(tr("share.phone_not_served", command="python -m geo serve"))
        return
    st.caption(tr("share.phone_help"))
    who = principal()
    if who is None or who.can_write:  # the data layer checks the zone (geo.storage.access)
        with st.form(f"phone_link_{project_id}"):
            days = st.number_input(
                tr("share.days"),
                min_value=1,
                max_value=share.MAX_DAYS,
                value=share.DEFAULT_DAYS,
                step=1,
            )
            if st.form_submit_button(tr("share.phone_make")):
                run_and_rerun(share.issue, engine(), project_id, int(days))
    live = share.live_links(engine(), project_id=project_id)
    if live.empty:
        return
    st.markdown(f"**{tr('share.phone_live')}**")
    links = share.links_of(share.share_secret(engine()), live)
    for link_id, who_made, link in zip(live["id"], live["created_by"], links, strict=True):
        until = phone.local_time(link.expires).strftime("%Y-%m-%d %H:%M")
        st.caption(tr("share.phone_by", id=int(link_id), who=who_made, when=until))
        url = link.url(settings().public_url)
        st.code(url, language=None)
        st.download_button(
            tr("share.download"),
            share.qr_png(url),
            key=f"phone_qr_{link_id}",
            file_name=f"project-{project_id}-phone-{link_id}.png",
            mime="image/png",
        )
        if who is None or who.can_write:
            if st.button(tr("share.phone_withdraw", id=int(link_id)), key=f"withdraw_{link_id}"):
                run_and_rerun(share.withdraw, engine(), int(link_id))
