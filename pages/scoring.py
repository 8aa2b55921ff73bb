"""Scoring an observation meeting: each judge scores each stop; the ranking is published at once."""

import datetime as dt

import pandas as pd
import streamlit as st

from geo import ui
from geo.workflow import scoring

ui.entrypoint_guard()
ui.require_data()
engine = ui.engine()
settings = ui.settings()
st.title(ui.tr("page.scoring"))
snap = ui.current_snapshot(ui.as_of())
names = dict(zip(snap.projects["id"].astype(int), snap.projects["name"], strict=True))
criteria = (
    scoring.parse_criteria(settings.score_criteria)
    if settings.score_criteria
    else scoring.DEFAULT_CRITERIA
)

with st.expander(ui.tr("scoring.new"), expanded=not scoring.list_tours(engine)):
    planned = st.session_state.get("tour_plan")
    with st.form("new_observation"):
        title = st.text_input(
            ui.tr("scoring.title"), value=f"{dt.date.today():%Y年%m月}重点项目观摩会"
        )
        held_on = st.date_input(ui.tr("meeting.held_on"), value=dt.date.today())
        stops = st.multiselect(
            ui.tr("scoring.stops"),
            list(names),
            placeholder=ui.tr("select.placeholder"),
            format_func=names.get,
            default=list(planned[0].order) if planned else [],
        )
        if st.form_submit_button(ui.tr("scoring.create")):
            try:
                st.session_state["scoring_tour"] = scoring.create_tour(
                    engine, title, held_on, stops, criteria
                )
            except ValueError as exc:
                ui.refused(exc)

tours = scoring.list_tours(engine)
if not tours:
    st.stop()
labels = dict(tours)
ids = list(labels)
current = st.session_state.get("scoring_tour")
tour_id = st.selectbox(
    ui.tr("scoring.meeting"),
    ids,
    index=ids.index(current) if current in ids else 0,
    format_func=labels.get,
    placeholder=ui.tr("select.placeholder"),
)
tour, tour_criteria, tour_stops = scoring.load_tour(engine, tour_id)
judge = st.text_input(ui.tr("scoring.judge"), key="judge")
mine = scoring.load_scores(engine, tour_id)
mine = mine[mine["judge"] == judge.strip()]

if judge.strip():
    for number, project_id in enumerate(tour_stops, start=1):
        with st.form(f"score_{tour_id}_{project_id}"):
            st.markdown(f"**{number}. {ui.md(names.get(project_id, project_id))}**")
            cols = st.columns(len(tour_criteria))
            values = {}
            for column, c in zip(cols, tour_criteria, strict=True):
                saved = mine[(mine["project_id"] == project_id) & (mine["criterion"] == c.key)][
                    "value"
                ]
                values[c.key] = column.number_input(
                    f"{c.label}（{c.weight:g}）",
                    0.0,
                    100.0,
                    float(saved.iloc[0]) if len(saved) else 80.0,
                    step=1.0,
                )
            if st.form_submit_button(ui.tr("scoring.save")):
                try:
                    scoring.save_scores(engine, tour_id, judge, project_id, values)
                except ValueError as exc:  # refused: a score out of range, or not theirs
                    ui.refused(exc)
                else:
                    st.toast(ui.tr("scoring.saved"))
else:
    st.caption(ui.tr("scoring.judge_first"))

if st.button(ui.tr("scoring.publish"), type="primary"):
    table = scoring.ranking(scoring.load_scores(engine, tour_id), tour_criteria)
    if table.empty:
        st.info(ui.tr("scoring.none"))
    else:
        shown = pd.DataFrame(
            {
                ui.tr("scoring.rank"): table["rank"],
                ui.tr("col.name"): [names.get(i, i) for i in table["project_id"]],
                ui.tr("scoring.score"): table["score"],
                ui.tr("scoring.judges"): table["judges"],
            }
        )
        ui.table(shown)
        st.download_button(
            ui.tr("scoring.download_xlsx"),
            scoring.ranking_xlsx(table, names, tour.title),
            file_name=f"{tour.title}评分排名.xlsx",
        )
        try:
            st.download_button(
                ui.tr("scoring.download_pdf"),
                scoring.ranking_pdf(table, names, tour.title),
                file_name=f"{tour.title}评分排名.pdf",
            )
        except ValueError as exc:
            st.caption(ui.md(exc))
