"""Monthly report: a park manager files this month's figures for the projects of a zone."""

import datetime as dt

import streamlit as st

from geo import formatting, ui
from geo.core import filters
from geo.core.filters import ProjectFilter
from geo.i18n import label
from geo.views.tables import report_editor_config, targets_editor_config
from geo.vocab import STAGES
from geo.workflow import reporting, yearend

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
st.title(ui.tr("page.report"))
st.caption(ui.tr("report.help"))

snap = ui.current_snapshot()
left, right = st.columns(2)
zone = left.selectbox(
    ui.tr("report.zone"),
    snap.zones["name"].tolist(),
    key="report_zone",
    placeholder=ui.tr("select.placeholder"),
)
as_of = right.date_input(
    ui.tr("report.as_of"), value=reporting.last_month_end(dt.date.today()), key="report_as_of"
)

projects = filters.apply(snap.projects, ProjectFilter(zone=zone))
if projects.empty:
    st.info(ui.tr("report.empty"))
    st.stop()
previous = reporting.previous_reports(ui.engine(), projects["id"].tolist(), as_of)
# What was already filed for this month when the form was shown: a filing by someone else
# in between makes the save refuse instead of overwriting theirs.
already = reporting.month_stamp(ui.engine(), projects["id"].tolist(), as_of)
seen = ui.version_seen("report", f"{zone}-{as_of}", already)
stage_codes = {label("stage", s, lg): s for s in STAGES}
filed = reporting.filed_reports(ui.engine(), projects["id"].tolist(), as_of)
form = reporting.form_frame(projects, previous, lambda s: label("stage", s, lg), filed)
edited = st.data_editor(
    form,
    column_config=report_editor_config(lg),
    hide_index=True,
    width="stretch",
    placeholder="",
    key=f"report_{zone}_{as_of}",
)
with st.expander(ui.tr("report.targets", year=as_of.year)):
    st.caption(ui.tr("report.targets_help"))
    known = reporting.targets_of(ui.engine(), projects["id"].tolist(), as_of.year)
    plan = st.data_editor(
        reporting.targets_frame(projects, known),
        column_config=targets_editor_config(lg),
        hide_index=True,
        width="stretch",
        placeholder="",
        key=f"report_targets_{zone}_{as_of}",
    )
# A closed year's figures are frozen: changing them needs a reason, which the history keeps.
closed_on = yearend.closed_as_of(ui.engine(), as_of.year)
change_reason = None
if closed_on is not None:
    st.warning(
        ui.tr("yearend.edit_closed", year=as_of.year, date=formatting.date(closed_on, lg)),
        icon=":material/lock:",
    )
    change_reason = st.text_input(ui.tr("yearend.edit_reason"), key="report_change_reason")
if st.button(ui.tr("report.submit"), type="primary", key="write_report_submit"):
    filings = reporting.filings_from(edited, stage_codes.get, plan)
    errors = reporting.validate(filings, previous, as_of, dt.date.today())
    if errors:
        st.error(ui.tr("report.errors") + "\n\n" + "\n".join(f"- {ui.said(e)}" for e in errors))
    else:
        try:
            saved = reporting.save(ui.engine(), filings, as_of, expected=seen, reason=change_reason)
        except ValueError as exc:  # refused: someone else filed meanwhile, or not their zone
            ui.refused(exc)
        else:
            st.success(ui.tr("report.saved", n=saved, date=formatting.date(as_of, lg)))
            warnings = reporting.target_warnings(filings, projects)
            if warnings:
                st.warning(
                    ui.tr("report.targets_warnings")
                    + "\n\n"
                    + "\n".join(f"- {ui.said(w)}" for w in warnings)
                )
