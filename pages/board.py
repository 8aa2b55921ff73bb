"""Problem board: every problem of the county, overdue and carried-over first, and who holds them."""

import datetime as dt

import streamlit as st

from geo import formatting, maps, problems, store, ui

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
st.title(ui.tr("page.board"))

with st.sidebar:
    day = st.date_input(ui.tr("board.as_of"), value=dt.date.today(), key="board_day")
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
left, right = st.columns([3, 1])
with left:
    ui.problem_list(problems.for_display(shown, day), "board_table", with_project=True)
with right:
    st.subheader(ui.tr("board.units"))
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
