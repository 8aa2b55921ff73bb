"""Overview map: every key project by zone, coloured by completion, with the headline numbers."""

import streamlit as st

from geo import ui
from geo.core import filters, measures
from geo.ingest import exporter
from geo.views import maps

ui.entrypoint_guard()

MAP_KEY = "overview_map"


st.title(ui.tr("app.title"))
ui.require_data()
snap = ui.current_snapshot(ui.as_of())

chosen = ui.filter_sidebar(snap.projects, snap.zones)
shown = filters.apply(snap.projects, chosen)
ui.headline_strip(measures.headline(shown, snap.as_of))

color_by = ui.choose(
    "segmented_control",
    ui.tr("map.color_by"),
    maps.COLOR_BY,
    name="color_by",
    default="completion",
    format_func=lambda c: ui.tr(f"map.color.{c}"),
)
with st.sidebar:
    background = ui.choose(
        "selectbox",
        ui.tr("map.background"),
        ui.basemap_choices(),
        name="basemap",
        default=ui.basemap_choices()[0],
        format_func=ui.basemap_label,
    )
fmap = ui.overview_map(snap, chosen, color_by, background)
ui.drilldown_map(fmap, MAP_KEY)
st.caption(ui.tr("map.click_hint"))

if shown.empty:
    st.info(ui.tr("filter.none_match"))
    st.stop()
table, column_config = ui.project_rows(snap, chosen, shown)
selection = ui.table(
    table,
    prepared=True,
    column_config=column_config,
    on_select="rerun",
    selection_mode="single-row",
    key="overview_table",
)
if selection and selection.selection.rows:
    ui.open_project(int(shown.iloc[selection.selection.rows[0]]["id"]))
left, right = st.columns(2)
# Files are made when asked for (a callable), not on every visit: at 50,000 projects they were
# most of a visit's server time.
left.download_button(
    ui.tr("data.export_csv"),
    lambda: exporter.csv_bytes(exporter.ledger_frame(shown, as_of=snap.as_of)),
    file_name="projects.csv",
    mime="text/csv",
)
right.download_button(
    ui.tr("data.export_geojson"),
    lambda: exporter.geojson_bytes(shown),
    file_name="projects.geojson",
    mime="application/geo+json",
)
