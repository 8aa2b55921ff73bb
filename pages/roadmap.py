"""Roadmaps and approvals: every project's next milestone in the chosen zone, and the
joint-approval board (联审联批): what waits at which department, and who cannot start."""

import datetime as dt

import streamlit as st

from geo import formatting, ui
from geo.core import filters
from geo.views import tables
from geo.workflow import approvals, roadmap

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
st.title(ui.tr("page.roadmap"))
today = dt.date.today()
snap = ui.current_snapshot(ui.as_of())
chosen = ui.filter_sidebar(snap.projects, snap.zones)
shown = filters.apply(snap.projects, chosen)
days = ui.settings().roadmap_amber_days

roadmap_tab, board_tab = st.tabs([ui.tr("roadmap.zone_view"), ui.tr("approvals.board")])
with roadmap_tab:
    counts = shown["roadmap_status"].value_counts()
    cols = st.columns(len(roadmap.ROADMAP_STATUSES))
    for column, status in zip(cols, roadmap.ROADMAP_STATUSES, strict=True):
        column.metric(ui.tr(f"roadmap.{status}", days=days), int(counts.get(status, 0)))
    ui.table(tables.next_milestone_table(shown, lg, days))

with board_tab:
    items = approvals.load_approvals(ui.engine())
    items = items[items["project_id"].isin(shown["id"])]
    flagged = approvals.with_days(items, today)
    pending = flagged[flagged["status"] == "pending"]
    cols = st.columns(3)
    cols[0].metric(ui.tr("approvals.pending"), len(pending))
    waiting = pending["days_waiting"].dropna()
    cols[1].metric(
        ui.tr("approvals.days_waiting"), f"{waiting.mean():.1f}" if len(waiting) else "—"
    )
    blocked = approvals.blocked_projects(shown, items)
    cols[2].metric(ui.tr("approvals.blocked"), len(blocked))
    board = approvals.by_department(items, today)
    ui.table(tables.department_board_table(board, lg))
    st.subheader(ui.tr("approvals.blocked"), anchor=False)
    ui.table(tables.blocked_table(blocked, lg))
    st.subheader(ui.tr("approvals.pending"), anchor=False)
    ui.table(tables.pending_approvals_table(pending, lg))
    st.caption(ui.tr("kpi.as_of", date=formatting.date(today, lg)))
