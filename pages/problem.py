"""One problem: where it stands, the next step it allows, and its history."""

import datetime as dt

import streamlit as st

from geo import ui
from geo.core import problems
from geo.i18n import label
from geo.storage import audit, store
from geo.vocab import PROBLEM_CATEGORIES, PROBLEM_SOURCES
from geo.workflow import drilldown, lifecycle

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
engine = ui.engine()
today = dt.date.today()
st.title(ui.tr("page.problem"))

flagged = problems.with_flags(store.load_problems(engine), today)
ids = flagged["id"].astype(int).tolist()
names = {
    int(r["id"]): f"#{r['id']} · {r['project']} · {r['description'][:40]}"
    for r in flagged.to_dict("records")
}
wanted = st.query_params.get("problem")
wanted = int(wanted) if wanted and wanted.isdigit() and int(wanted) in names else None
problem_id = st.selectbox(
    ui.tr("problem.pick"),
    ids,
    index=ids.index(wanted) if wanted else None,
    format_func=names.get,
    placeholder=ui.tr("project.pick_help"),
)


def act(step, **values) -> None:
    """Run a life-cycle step; say what went wrong in the users' words, or rerun to show it."""
    try:
        step(engine, problem_id, version=seen_version, **values)
    except ValueError as exc:
        ui.refused(exc)
    else:
        st.toast(ui.tr("problem.done"))
        st.rerun()


if problem_id is None:
    st.info(ui.tr("problem.none"))
else:
    st.query_params["problem"] = str(problem_id)
    row = flagged[flagged["id"] == problem_id]
    p = row.iloc[0].to_dict()
    # The version shown on the previous run is the one a submitted form was filled in from.
    seen_version = ui.version_seen("problem", problem_id, int(p["version"]))
    st.subheader(ui.md(p["description"]))
    source = label("problem_source", p["source"], lg) if isinstance(p["source"], str) else "—"
    st.caption(
        f"{ui.tr('problem.project')}: {ui.md(p['project'])} · {ui.tr('problem.source')}: {source}"
    )
    ui.table(drilldown.problem_table(row, lg))
    if st.button(ui.tr("project.card")):
        ui.open_project(int(p["project_id"]))

    st.subheader(ui.tr("problem.next"))
    status = p["status"]
    if "assigned" in lifecycle.NEXT[status]:
        with st.form("assign"):
            unit = st.text_input(
                ui.tr("problem.responsible_unit"), value=p["responsible_unit"] or ""
            )
            contact = st.text_input(ui.tr("problem.contact"), value=p["contact"] or "")
            deadline = st.date_input(
                ui.tr("problem.deadline"), value=p["deadline"] or today + dt.timedelta(days=15)
            )
            if st.form_submit_button(ui.tr("problem.assign")):
                act(lifecycle.assign, unit=unit, contact=contact or None, deadline=deadline)
    if status in ("raised", "assigned") and st.button(ui.tr("problem.start"), key="write_start"):
        act(lifecycle.start)
    if "resolved" in lifecycle.NEXT[status]:
        with st.form("resolve"):
            resolution = st.text_area(ui.tr("problem.resolution"))
            resolved_on = st.date_input(ui.tr("problem.resolved_on"), value=today)
            if st.form_submit_button(ui.tr("problem.resolve")):
                act(lifecycle.resolve, resolution=resolution, resolved_on=resolved_on)
    if status == "resolved" and st.button(
        ui.tr("problem.close"), type="primary", key="write_close"
    ):
        act(lifecycle.close)
    if status in ("resolved", "closed"):
        with st.form("reopen"):
            reason = st.text_input(ui.tr("problem.reason"))
            if st.form_submit_button(ui.tr("problem.reopen")):
                act(lifecycle.reopen, reason=reason)
    with st.expander(ui.tr("problem.delete")), st.form("delete"):
        reason = st.text_input(ui.tr("problem.reason"), key="delete_reason")
        if st.form_submit_button(ui.tr("problem.delete")):
            act(lifecycle.delete, reason=reason)

    ui.problem_ladder(p, today)

    st.subheader(ui.tr("photos.title"))
    ui.photo_strip(int(p["project_id"]), problem_id=problem_id)

    st.subheader(ui.tr("problem.history"))
    ui.table(
        audit.history_table(audit.history(engine, "problems", problem_id), lg, "problems"),
    )

st.subheader(ui.tr("problem.raise"))
with st.form("raise"):
    snap = ui.current_snapshot(ui.as_of())
    project_names = dict(zip(snap.projects["id"].astype(int), snap.projects["name"], strict=True))
    project = st.selectbox(
        ui.tr("problem.project"),
        list(project_names),
        format_func=project_names.get,
        placeholder=ui.tr("select.placeholder"),
    )
    text = st.text_area(ui.tr("problem.description"))
    category = st.selectbox(
        ui.tr("problem.category"),
        list(PROBLEM_CATEGORIES),
        format_func=lambda c: label("problem_category", c, lg),
        placeholder=ui.tr("select.placeholder"),
    )
    raised_by = st.text_input(ui.tr("problem.raised_by"))
    source = st.selectbox(
        ui.tr("problem.source"),
        PROBLEM_SOURCES,
        format_func=lambda c: label("problem_source", c, lg),
        placeholder=ui.tr("select.placeholder"),
    )
    if st.form_submit_button(ui.tr("problem.raise")):
        try:
            new_id = lifecycle.raise_problem(
                engine, project, text, category, raised_by=raised_by, raised_on=today, source=source
            )
        except ValueError as exc:
            ui.refused(exc)
        else:
            st.query_params["problem"] = str(new_id)
            st.rerun()
