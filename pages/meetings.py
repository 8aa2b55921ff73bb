"""Meetings: the record of each, its decisions and minutes, the next meeting's agenda, a new meeting."""

import datetime as dt

import pandas as pd
import streamlit as st

from geo import formatting, ui
from geo.i18n import label
from geo.reports import minutes
from geo.storage import store
from geo.vocab import MEETING_KINDS
from geo.workflow import drilldown, meetings

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
engine = ui.engine()
today = dt.date.today()
st.title(ui.tr("page.meetings"))

snap = ui.current_snapshot(ui.as_of())
project_names = dict(zip(snap.projects["id"].astype(int), snap.projects["name"], strict=True))
zone_names = dict(zip(snap.zones["id"].astype(int), snap.zones["name"], strict=True))
listed = store.load_meetings(engine)
kinds = st.multiselect(
    ui.tr("meetings.kind"),
    list(MEETING_KINDS),
    format_func=lambda k: label("meeting_kind", k, lg),
    placeholder=ui.tr("filter.all"),
)
if kinds:
    listed = listed[listed["kind"].isin(kinds)]
table = pd.DataFrame(
    {
        ui.tr("meeting.held_on"): [formatting.date(d, lg) for d in listed["held_on"]],
        ui.tr("meeting.kind"): [label("meeting_kind", k, lg) for k in listed["kind"]],
        ui.tr("meeting.title"): listed["title"],
        ui.tr("meeting.chair"): listed["chair"].fillna(""),
        ui.tr("meetings.decisions"): listed["decisions_open"] + listed["decisions_done"],
    }
)
picked = ui.table(table, on_select="rerun", selection_mode="single-row", key="meetings_table")
if not (picked and picked.selection.rows):
    st.caption(ui.tr("meetings.pick"))
else:
    meeting = listed.iloc[picked.selection.rows[0]].to_dict()
    decisions = store.load_decisions(engine, int(meeting["id"]))
    st.subheader(ui.md(drilldown.meeting_heading(meeting, len(decisions), lg)))
    st.caption(
        f"{ui.tr('meeting.place')}: {ui.md(meeting['place'] or '')} · {ui.tr('meeting.attendees')}: {ui.md(meeting['attendees'] or '')}"
    )
    if not decisions.empty:
        ui.table(drilldown.decision_table(decisions, lg))
    st.download_button(
        ui.tr("meetings.minutes"),
        minutes.minutes_bytes(meeting, decisions, project_names),
        file_name=f"{meeting['title']}会议纪要.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    with st.expander(ui.tr("meetings.delete")), st.form("delete_meeting"):
        reason = st.text_input(ui.tr("problem.reason"))
        if st.form_submit_button(ui.tr("meetings.delete")):
            try:
                meetings.delete_meeting(engine, int(meeting["id"]), reason=reason)
            except ValueError as exc:
                ui.refused(exc)
            else:
                st.rerun()
    if st.button(ui.tr("meetings.agenda"), key="agenda"):
        zone = None if pd.isna(meeting["zone_id"]) else int(meeting["zone_id"])
        agenda = meetings.next_agenda(engine, meeting["kind"], zone, today)
        if agenda.previous is not None:
            st.markdown(
                f"**{ui.tr('meetings.agenda.previous', title=ui.md(agenda.previous['title']))}**"
            )
            shown = drilldown.decision_table(agenda.decisions, lg)
            shown.insert(
                0,
                ui.tr("decision.overdue"),
                ["⚠" if o else "" for o in agenda.decisions["overdue"]],
            )
            ui.table(shown)
        st.markdown(f"**{ui.tr('meetings.agenda.overdue')}**")
        ui.table(
            drilldown.problem_table(agenda.overdue_problems, lg, with_project=True),
        )

st.subheader(ui.tr("meetings.record"))
with st.form("record_meeting"):
    left, right = st.columns(2)
    kind = left.selectbox(
        ui.tr("meetings.kind"),
        list(MEETING_KINDS),
        format_func=lambda k: label("meeting_kind", k, lg),
        placeholder=ui.tr("select.placeholder"),
    )
    held_on = right.date_input(ui.tr("meeting.held_on"), value=today)
    starts_at = right.time_input(ui.tr("meeting.starts_at"), value=dt.time(9, 0))
    title = st.text_input(ui.tr("meetings.title"))
    chair = left.text_input(ui.tr("meeting.chair"))
    place = right.text_input(ui.tr("meeting.place"))
    attendees = st.text_input(ui.tr("meeting.attendees"))
    zone = st.selectbox(
        ui.tr("meetings.zone"),
        [None, *zone_names],
        format_func=lambda z: "—" if z is None else zone_names[z],
        placeholder=ui.tr("select.placeholder"),
    )
    st.caption(ui.tr("meetings.projects"))
    # One blank row to fill in (an editor without rows says "empty", in English, on a canvas);
    # blank rows are skipped when the meeting is recorded.
    agenda_rows = st.data_editor(
        pd.DataFrame({"project": [None], "discussion": [None]}, dtype=object),
        num_rows="dynamic",
        placeholder="",  # an empty cell to fill in, not "None"
        column_config={
            "project": st.column_config.SelectboxColumn(
                ui.tr("decision.project"), options=list(project_names.values())
            ),
            "discussion": st.column_config.TextColumn(ui.tr("meetings.discussion"), width="large"),
        },
        key="agenda_rows",
    )
    st.caption(ui.tr("meetings.decisions"))
    drafts = st.data_editor(
        pd.DataFrame(
            {
                "project": pd.Series([None], dtype=object),
                "action": pd.Series([None], dtype=object),
                "unit": pd.Series([None], dtype=object),
                "deadline": pd.Series([pd.NaT], dtype="datetime64[ns]"),
                "new_problem": pd.Series([False], dtype=bool),
            }
        ),
        num_rows="dynamic",
        placeholder="",  # an empty cell to fill in, not "None"
        column_config={
            "project": st.column_config.SelectboxColumn(
                ui.tr("decision.project"), options=list(project_names.values())
            ),
            "action": st.column_config.TextColumn(ui.tr("decision.action"), width="large"),
            "unit": st.column_config.TextColumn(ui.tr("decision.responsible_unit")),
            "deadline": st.column_config.DateColumn(ui.tr("decision.deadline")),
            "new_problem": st.column_config.CheckboxColumn(ui.tr("meetings.new_problem")),
        },
        key="decision_drafts",
    )
    if st.form_submit_button(ui.tr("meetings.record")):
        ids_by_name = {v: k for k, v in project_names.items()}
        try:
            drafts_list = meetings.drafts_from(drafts, ids_by_name)
            said = meetings.discussions_from(agenda_rows, ids_by_name)
            meetings.record_meeting(
                engine,
                kind=kind,
                held_on=held_on,
                title=title,
                chair=chair or None,
                place=place or None,
                attendees=attendees or None,
                project_ids=list(said),
                decisions=drafts_list,
                zone_id=zone,
                discussions=said,
                starts_at=starts_at,
            )
        except ValueError as exc:
            ui.refused(exc)
        else:
            st.success(ui.tr("meetings.saved"))
