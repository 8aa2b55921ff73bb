"""Roadmaps and approvals: every project's next milestone in the chosen zone, and the
joint-approval board (联审联批): what waits at which department, and who cannot start."""

import datetime as dt

import pandas as pd
import streamlit as st

from geo import approvals, filters, formatting, roadmap, tables, ui
from geo.i18n import label

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
    ordered = shown.sort_values(["days_late", "next_planned_on"], ascending=[False, True])
    st.dataframe(
        pd.DataFrame(
            {
                ui.tr("col.name"): ordered["name"],
                ui.tr("col.park"): ordered["park"].fillna(""),
                ui.tr("col.township"): ordered["township"].fillna(""),
                ui.tr("roadmap.next"): [
                    roadmap.label_of(c, lg) if isinstance(c, str) else ""
                    for c in ordered["next_milestone"]
                ],
                ui.tr("roadmap.planned"): ordered["next_planned_on"],
                ui.tr("roadmap.days_late"): ordered["days_late"],
                ui.tr("roadmap.status"): [
                    ui.tr(f"roadmap.{s}", days=days) for s in ordered["roadmap_status"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )

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
    st.dataframe(
        board.rename(
            columns={
                "rank": ui.tr("approvals.rank"),
                "department": ui.tr("approvals.department"),
                "pending": ui.tr("approvals.pending"),
                "days_waiting": ui.tr("approvals.days_waiting"),
                "longest_wait": ui.tr("approvals.longest_wait"),
                "granted": ui.tr("approvals.granted_count"),
                "average_days": ui.tr("approvals.average_days"),
            }
        )[
            [
                ui.tr(k)
                for k in (
                    "approvals.rank",
                    "approvals.department",
                    "approvals.pending",
                    "approvals.days_waiting",
                    "approvals.longest_wait",
                    "approvals.granted_count",
                    "approvals.average_days",
                )
            ]
        ],  # fmt: skip
        hide_index=True,
        width="stretch",
    )
    st.subheader(ui.tr("approvals.blocked"), anchor=False)
    st.dataframe(
        pd.DataFrame(
            {
                ui.tr("col.name"): blocked["name"],
                ui.tr("col.stage"): [label("stage", s, lg) for s in blocked["stage"]],
                ui.tr("approvals.missing"): [
                    "、".join(label("approval_item", i, lg) for i in m) for m in blocked["missing"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.subheader(ui.tr("approvals.pending"), anchor=False)
    st.dataframe(
        tables.approval_table(pending.sort_values("days_waiting", ascending=False), lg).assign(
            **{
                ui.tr("col.name"): pending.sort_values("days_waiting", ascending=False)[
                    "project"
                ].to_numpy()
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(ui.tr("kpi.as_of", date=formatting.date(today, lg)))
