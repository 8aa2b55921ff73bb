"""Trends: investment against the plan curve, the stage ladder and the problem flow, month by
month, for the projects the map's filters choose (or one of them)."""

import streamlit as st

from geo import ui
from geo.core import filters, trends
from geo.storage import store
from geo.views import charts

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
st.title(ui.tr("page.trends"))

snap = ui.current_snapshot(ui.as_of())
chosen = ui.filter_sidebar(snap.projects, snap.zones)
shown = filters.apply(snap.projects, chosen)
if shown.empty:
    st.info(ui.tr("trends.no_projects"))
    st.stop()

names = dict(zip(shown["id"], shown["name"], strict=True))
pick = ui.choose(
    "selectbox",
    ui.tr("trends.scope"),
    [None, *names],
    name="trends_project",
    format_func=lambda i: ui.tr("trends.scope.all") if i is None else names[i],
)
projects = shown if pick is None else shown[shown["id"] == pick]

ends = trends.month_ends(snap.as_of)
states = trends.monthly_states(projects, ui.report_history(snap.as_of), ends)

st.subheader(ui.tr("trends.investment"), anchor=False)
curve = trends.investment_curve(projects, states, full_year=True)
st.altair_chart(charts.investment_chart(curve, lg), width="stretch")

left, right = st.columns(2)
with left:
    st.subheader(ui.tr("trends.stages"), anchor=False)
    st.altair_chart(charts.stage_chart(trends.stage_counts(projects, states), lg), width="stretch")
with right:
    st.subheader(ui.tr("trends.problems"), anchor=False)
    problem_list = store.load_problems(ui.engine())
    mine = problem_list[problem_list["project_id"].isin(projects["id"])]
    st.altair_chart(charts.problem_flow_chart(trends.problem_flow(mine, ends), lg), width="stretch")
