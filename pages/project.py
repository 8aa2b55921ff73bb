"""Project drill-down: the card, investment against plan, problems and meetings of one site."""

import datetime as dt

import streamlit as st

from geo import formatting, ui, vocab
from geo.core.measures import time_schedule
from geo.i18n import label
from geo.storage import audit
from geo.ui import state
from geo.views import charts, tables
from geo.workflow import approvals, drilldown, roadmap

ui.entrypoint_guard()

lg = ui.lang()
ui.require_data()
snap = ui.current_snapshot(ui.as_of())

projects = snap.projects.sort_values("code")
ids = projects["id"].astype(int).tolist()
names = dict(zip(ids, projects["code"] + " · " + projects["name"], strict=True))
asked = st.query_params.get("project")
wanted = state.coerce_id(asked) if asked is not None else ui.project_id()
if (asked is not None and wanted is None) or (wanted is not None and wanted not in names):
    st.warning(ui.tr("project.unknown", id=ui.md(asked if wanted is None else wanted)))
    wanted = None

heading = st.empty()  # the page's name above the picker until a project is chosen
project_id = st.selectbox(
    ui.tr("project.pick"),
    ids,
    index=ids.index(wanted) if wanted is not None else None,
    format_func=names.get,
    placeholder=ui.tr("project.pick_help"),
)
if project_id is None:
    # Nothing chosen yet: every project, the furthest behind first, one click from its page.
    heading.title(ui.tr("page.project"))
    st.caption(ui.tr("project.none"))
    laggards = snap.projects.sort_values(["completion_rate", "code"], na_position="first")
    table, column_config = tables.project_table(laggards, lg)
    picked = ui.table(
        table,
        column_config=column_config,
        on_select="rerun",
        selection_mode="single-row",
        key="project_list",
    )
    if picked and picked.selection.rows:
        ui.open_project(int(laggards.iloc[picked.selection.rows[0]]["id"]))
    st.stop()
state.set_project_id(project_id)
st.query_params["project"] = str(project_id)

detail = drilldown.load_detail(ui.engine(), snap.projects, project_id, dt.date.today())
p = detail.project
st.title(ui.md(p["name"]))
st.caption(" · ".join(ui.md(part) for part in drilldown.subtitle(p)))

cols = st.columns(6)
cols[0].metric(ui.tr("col.annual_plan"), formatting.wan(p["annual_plan_wan"]))
cols[1].metric(ui.tr("col.completed"), formatting.wan(p["completed_wan"]))
ui.rate_metric(
    cols[2], ui.tr("col.completion_rate"), p["completion_rate"], time_schedule(snap.as_of)
)
cols[3].metric(ui.tr("col.cumulative"), formatting.wan(p["cumulative_wan"]))
cols[4].metric(ui.tr("col.stage"), label("stage", p["stage"], lg))
# Side by side with the rate against time: the rate against its own monthly plan (分月计划).
cols[5].metric(
    ui.tr("kpi.own_plan_rate"),
    formatting.percent(p["own_plan_rate"]),
    help=ui.tr("kpi.own_plan_help", plan=formatting.wan(p["own_plan_wan"])),
)

left, right = st.columns([3, 2])
with left:
    st.subheader(ui.tr("project.card"))
    st.table(drilldown.card(p, lg))
with right:
    st.subheader(ui.tr("project.chain"))
    st.table(drilldown.chain(p, lg))
    st.subheader(ui.tr("project.investment_chart"))
    series = drilldown.investment_series(detail.reports, p["annual_plan_wan"], snap.as_of.year)
    st.altair_chart(charts.investment_chart(series, lg), width="stretch")

st.subheader(ui.tr("project.problems"))
if detail.problems.empty:
    st.caption(ui.tr("project.no_problems"))
else:
    ui.problem_list(detail.problems, "project_problems")

st.subheader(ui.tr("project.meetings"))
if detail.meetings.empty:
    st.caption(ui.tr("project.no_meetings"))
for meeting in detail.meetings.to_dict("records"):
    decisions = detail.decisions[detail.decisions["meeting_id"] == meeting["id"]]
    with st.expander(ui.md(drilldown.meeting_heading(meeting, len(decisions), lg))):
        st.caption(
            f"{ui.tr('meeting.chair')}: {ui.md(meeting['chair'] or '')} · "
            f"{ui.tr('meeting.place')}: {ui.md(meeting['place'] or '')}"
        )
        if isinstance(meeting["discussion"], str) and meeting["discussion"]:
            st.markdown(ui.md(meeting["discussion"]))
        if not decisions.empty:
            ui.table(drilldown.decision_table(decisions, lg))

today = dt.date.today()
left, right = st.columns([3, 2])
with left:
    st.subheader(ui.tr("roadmap.title"))
    steps = roadmap.with_days_late(roadmap.load_milestones(ui.engine(), project_id), today)
    if steps.empty:
        st.caption(ui.tr("roadmap.none"))
        if st.button(ui.tr("roadmap.apply_template"), key="write_apply_template"):
            ui.run_and_rerun(roadmap.apply_template, ui.engine(), project_id)
    else:
        days = ui.settings().roadmap_amber_days
        st.altair_chart(
            charts.roadmap_chart(steps, today, lg, roadmap.Thresholds(days)), width="stretch"
        )
        ui.table(tables.milestone_table(steps, lg))
        with st.expander(ui.tr("roadmap.record")):
            by_seq = steps.set_index("id")
            milestone_id = st.selectbox(
                ui.tr("roadmap.milestone"),
                by_seq.index.tolist(),
                format_func=lambda i: roadmap.label_of(by_seq.loc[i, "code"], lg),
                placeholder=ui.tr("select.placeholder"),
            )
            step = by_seq.loc[milestone_id]
            seen_step = ui.version_seen("milestone", milestone_id, int(step["version"]))
            with st.form("milestone_reached"):
                planned = st.date_input(ui.tr("roadmap.planned"), value=step["planned_on"])
                reached = st.date_input(ui.tr("roadmap.reached"), value=step["actual_on"])
                if st.form_submit_button(ui.tr("roadmap.save")):
                    ui.run_and_rerun(
                        roadmap.update_milestone,
                        ui.engine(),
                        milestone_id,
                        planned_on=planned,
                        actual_on=reached,
                        version=seen_step,
                    )
        with st.expander(ui.tr("roadmap.add")), st.form("milestone_add"):
            name = st.text_input(ui.tr("roadmap.milestone"))
            planned_new = st.date_input(ui.tr("roadmap.planned"), value=today)
            if st.form_submit_button(ui.tr("roadmap.save")):
                ui.run_and_rerun(roadmap.add_milestone, ui.engine(), project_id, name, planned_new)
with right:
    st.subheader(ui.tr("approvals.title"))
    items = approvals.load_approvals(ui.engine(), project_id)
    ui.table(tables.approval_table(approvals.with_days(items, today), lg))
    if not items.empty:
        with st.expander(ui.tr("approvals.update")):
            by_id = items.set_index("id")
            # Outside the form: choosing an item shows its current dates at once.
            approval_id = st.selectbox(
                ui.tr("approvals.item"),
                by_id.index.tolist(),
                format_func=lambda i: label("approval_item", by_id.loc[i, "item"], lg),
                placeholder=ui.tr("select.placeholder"),
            )
            row = by_id.loc[approval_id]
            seen = ui.version_seen("approval", approval_id, int(row["version"]))
            with st.form("approval_update"):
                status = st.selectbox(
                    ui.tr("approvals.status"),
                    vocab.APPROVAL_STATUSES,
                    index=vocab.APPROVAL_STATUSES.index(row["status"]),
                    format_func=lambda s: ui.tr(f"approvals.status.{s}"),
                    placeholder=ui.tr("select.placeholder"),
                )
                applied = st.date_input(ui.tr("approvals.applied"), value=row["applied_on"])
                granted = st.date_input(ui.tr("approvals.granted"), value=row["granted_on"])
                if st.form_submit_button(ui.tr("roadmap.save")):
                    ui.run_and_rerun(
                        approvals.update,
                        ui.engine(),
                        approval_id,
                        status=status,
                        applied_on=applied,
                        granted_on=granted,
                        version=seen,
                    )
    ui.share_section(project_id)

st.subheader(ui.tr("project.progress_history"))
ui.table(drilldown.progress_table(detail.reports, lg))
st.subheader(ui.tr("photos.title"))
ui.photo_strip(project_id)

with st.expander(ui.tr("problem.history")):
    trail = audit.history(ui.engine(), "projects", project_id)
    ui.table(audit.history_table(trail, lg, "projects"))
if st.button(ui.tr("project.back")):
    st.switch_page("pages/overview.py")
