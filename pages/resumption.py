"""Stoppage and resumption (停复工): for a chosen period, who is back at work, who has stopped,
who has not reported, the resumption rate by park and township, people on site per day; and a
form to file a project's report."""

import datetime as dt

import streamlit as st

from geo import formatting, ui
from geo.core import filters
from geo.vocab import STOPPAGE_KINDS
from geo.workflow import resumption

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
engine = ui.engine()
st.title(ui.tr("page.resumption"))
snap = ui.current_snapshot(ui.as_of())
periods = resumption.load_periods(engine)
who = ui.principal()
if who is None or who.role == "admin":  # the office opens a period; sites then report in it
    with (
        st.expander(ui.tr("resumption.open_period"), expanded=periods.empty),
        st.form("stoppage_period"),
    ):
        name = st.text_input(ui.tr("resumption.period_name"))
        kind = st.selectbox(
            ui.tr("resumption.period_kind"),
            list(STOPPAGE_KINDS),
            format_func=lambda k: ui.tr(f"resumption.kind.{k}"),
            placeholder=ui.tr("select.placeholder"),
        )
        first, last = st.columns(2)
        starts_on = first.date_input(ui.tr("resumption.starts_on"), value=snap.as_of)
        ends_on = last.date_input(ui.tr("resumption.ends_on"), value=snap.as_of)
        if st.form_submit_button(ui.tr("resumption.save")):
            ui.run_and_rerun(resumption.add_period, engine, name, kind, starts_on, ends_on)
if periods.empty:
    st.info(ui.tr("resumption.none"))
    st.stop()

by_id = periods.set_index("id")
current = resumption.current_period(periods, snap.as_of)
ids = by_id.index.tolist()
left, right = st.columns(2)
period_id = left.selectbox(
    ui.tr("resumption.period"),
    ids,
    index=ids.index(current["id"]) if current is not None else len(ids) - 1,
    format_func=lambda i: by_id.loc[i, "name"],
    key="resumption_period",
    placeholder=ui.tr("select.placeholder"),
)
period = periods[periods["id"] == period_id].iloc[0]
day = right.date_input(ui.tr("resumption.on_day"), value=snap.as_of, key="resumption_day")
st.caption(
    ui.tr(f"resumption.kind.{period['kind']}")
    + " · "
    + ui.tr(
        "resumption.span",
        start=formatting.date(period["starts_on"], lg),
        end=formatting.date(period["ends_on"], lg),
    )
)

chosen = ui.filter_sidebar(snap.projects, snap.zones)
shown = filters.apply(snap.projects, chosen)
statuses = resumption.statuses_for(engine, shown, period, day)
head = resumption.summary(statuses)
cols = st.columns(6)
cols[0].metric(ui.tr("resumption.expected"), head.expected)
for column, status in zip(
    cols[1:5], ("resumed", "working", "stopped", "not_reported"), strict=True
):
    column.metric(ui.tr(f"resumption.status.{status}"), getattr(head, status))
cols[5].metric(ui.tr("resumption.rate"), formatting.percent(head.resumption_rate))
st.caption(ui.tr("resumption.method"))

park_tab, township_tab = st.columns(2)
for column, by in ((park_tab, "park"), (township_tab, "township")):
    with column:
        st.subheader(ui.tr(f"resumption.by_{by}"), anchor=False)
        ui.table(resumption.zone_table(resumption.by_zone(statuses, by), by, lg))

st.subheader(ui.tr("resumption.missing"), anchor=False)
missing = resumption.not_reported(statuses)
if missing.empty:
    st.success(ui.tr("resumption.all_reported"))
else:
    ui.table(resumption.missing_table(missing, lg))

late = resumption.late_to_resume(statuses, period["ends_on"], day)
if not late.empty:
    st.subheader(ui.tr("resumption.late"), anchor=False)
    ui.table(resumption.late_table(late, lg))

st.subheader(ui.tr("resumption.headcount_by_day"), anchor=False)
headcounts = resumption.load_headcounts(engine, int(period_id))
per_day = resumption.headcount_by_zone(headcounts, shown, "township")
if per_day.empty:
    st.caption(ui.tr("resumption.headcount_none"))
else:
    ui.table(resumption.headcount_table(per_day, lg), hide_index=False)

if who is not None and who.role not in ("admin", "zone_manager"):
    st.stop()
st.subheader(ui.tr("resumption.file"), anchor=False)
names = dict(zip(shown["id"], shown["name"], strict=True))
if not names:
    st.info(ui.tr("filter.none_match"))
    st.stop()
project_id = st.selectbox(
    ui.tr("resumption.project"),
    list(names),
    format_func=names.get,
    key="resumption_project",
    placeholder=ui.tr("select.placeholder"),
)
reports = resumption.load_reports(engine, int(period_id)).set_index("project_id")
report = reports.loc[project_id] if project_id in reports.index else None
seen = ui.version_seen(
    f"stoppage_{period_id}", project_id, 0 if report is None else int(report["version"])
)
if report is not None:
    st.caption(
        ui.tr("resumption.reported")
        + " · "
        + ui.tr(
            f"resumption.status.{statuses.set_index('id').loc[project_id, 'resumption_status']}"
        )
    )
with st.form("stoppage_report"):
    stops = st.checkbox(
        ui.tr("resumption.stops"), value=True if report is None else bool(report["stops"])
    )
    stopped_on = st.date_input(
        ui.tr("resumption.stopped_on"), value=None if report is None else report["stopped_on"]
    )
    planned = st.date_input(
        ui.tr("resumption.planned_resume_on"),
        value=None if report is None else report["planned_resume_on"],
    )
    resumed = st.date_input(
        ui.tr("resumption.resumed_on"), value=None if report is None else report["resumed_on"]
    )
    note = st.text_input(
        ui.tr("resumption.note"), value="" if report is None else report["note"] or ""
    )
    if st.form_submit_button(ui.tr("resumption.save")):
        # The dates of a stoppage mean nothing for a site that works through it.
        ui.run_and_rerun(
            resumption.save_report,
            engine,
            int(period_id),
            int(project_id),
            stops=stops,
            stopped_on=stopped_on if stops else None,
            planned_resume_on=planned if stops else None,
            resumed_on=resumed if stops else None,
            note=note,
            version=seen,
            today=dt.date.today(),
        )
if report is not None:
    with st.form("stoppage_headcount"):
        on_day = st.date_input(
            ui.tr("resumption.day"), value=min(max(day, period["starts_on"]), period["ends_on"])
        )
        people = st.number_input(ui.tr("resumption.headcount"), min_value=0, step=1, value=0)
        if st.form_submit_button(ui.tr("resumption.record_headcount")):
            ui.run_and_rerun(
                resumption.record_headcounts,
                engine,
                int(period_id),
                int(project_id),
                {on_day: int(people)},
            )
