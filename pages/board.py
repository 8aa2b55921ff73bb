"""Problem board: every problem of the county, overdue and carried-over first, and who holds them."""

import datetime as dt

import streamlit as st

from geo import formatting, ui
from geo.core import problems
from geo.storage import store
from geo.views import maps

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
st.title(ui.tr("page.board"))

# Deadlines pass every day: flags are as of today, unless an earlier as-of date is chosen
# (the county as it stood then).
default_day = ui.as_of() or dt.date.today()
if st.session_state.get("_board_default") != default_day:  # a new as-of date: start from it
    st.session_state["_board_default"] = st.session_state["board_day"] = default_day
with st.sidebar:
    day = st.date_input(ui.tr("board.as_of"), key="board_day")
flagged = problems.as_of(store.load_problems(ui.engine()), day)
snap = ui.current_snapshot(ui.as_of())
chosen = ui.problem_filters(flagged, snap.zones)
shown = problems.apply(flagged, chosen)

cols = st.columns(6)
for column, key, value in zip(
    cols,
    ("board.total", "board.open", "board.overdue", "board.carried_over", "board.stale"),
    (
        len(shown),
        shown["is_open"].sum(),
        shown["overdue"].sum(),
        shown["carried_over"].sum(),
        shown["stale"].sum(),
    ),
    strict=False,
):
    column.metric(ui.tr(key), f"{int(value):,}")
cols[5].metric(ui.tr("board.resolution_rate"), formatting.percent(problems.resolution_rate(shown)))

s = ui.settings()
options = maps.MapOptions(
    lang=lg, tiles=s.tiles, tiles_attribution=s.tiles_attribution, tianditu_key=s.tianditu_key
)
zones = snap.zones
ui.drilldown_map(
    ui.served(maps.problem_map(problems.per_project(shown), zones, options)),
    "board_map",
    height=460,
)

if shown.empty:
    st.info(ui.tr("board.none"))
    st.stop()
ui.problem_list(problems.for_display(shown, day), "board_table", with_project=True)
st.subheader(ui.tr("board.units"))  # under the list: a side column cuts its last columns
ranking = problems.unit_ranking(shown).rename(
    columns={
        "rank": ui.tr("board.rank"),
        "unit": ui.tr("board.unit"),
        "open": ui.tr("board.open"),
        "overdue": ui.tr("board.overdue"),
        "carried_over": ui.tr("board.carried_over"),
    }
)
ui.table(ranking)
