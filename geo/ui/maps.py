"""Maps on pages: the overview map built once per distinct input, and maps whose sites open
their drill-down when clicked."""

from __future__ import annotations

import copy

import folium
import pandas as pd
import streamlit as st

from geo import filters, maps, measures, office, snapshot, tiles
from geo.filters import ProjectFilter
from geo.i18n import TEXTS
from geo.ui import state
from geo.ui.resources import data_stamp, served, settings
from geo.ui.text import lang, tr
from geo.ui.widgets import table


@st.cache_resource(max_entries=32, show_spinner=False)
def _built_map(
    _snap: snapshot.Snapshot, key: tuple, chosen: ProjectFilter, options: maps.MapOptions
) -> folium.Map:
    del key  # identifies _snap, which is not hashed
    shown = filters.apply(_snap.projects, chosen)
    zone_rates = measures.zone_rates(shown, _snap.zones)
    focus = maps.zone_focus(zone_rates, chosen.zone) if chosen.zone else None
    return served(maps.overview_map(shown, zone_rates, options, focus=focus))


def basemap_choices() -> list[str]:
    """Backgrounds to offer: the configured one first, Tianditu only with a key."""
    s = settings()
    offered = [c for c in tiles.CHOICES if not c.startswith("tianditu") or s.tianditu_key]
    return [s.tiles, *(c for c in offered if c != s.tiles)]


def basemap_label(choice: str) -> str:
    key = f"tiles.{choice}"
    return tr(key) if key in TEXTS else tr("tiles.custom")


def overview_map(
    snap: snapshot.Snapshot, chosen: ProjectFilter, color_by: str, background: str | None = None
) -> folium.Map:
    """The overview map for the filtered projects, built once per distinct input."""
    s = settings()
    options = maps.MapOptions(
        color_by=color_by,
        lang=lang(),
        tiles=background or s.tiles,
        tiles_attribution=s.tiles_attribution,
        tianditu_key=s.tianditu_key,
        roadmap_amber_days=s.roadmap_amber_days,
        resumption_period=snap.resumption_period or "",
        area_outline=office.outline_of(s) or "",
    )
    key = (s.db_url, snap.as_of, data_stamp())
    # st_folium rewrites the map it is given, so a cached map may be handed over only once;
    # a copy keeps the element ids (and so the component's identity) stable across reruns.
    return copy.deepcopy(_built_map(snap, key, chosen, options))


def drilldown_map(fmap: folium.Map, key: str, height: int = 560) -> None:
    """Show a map whose project points open their drill-down when clicked."""
    from streamlit_folium import st_folium

    clicked_key = f"{key}_clicked_project"
    sites = maps.sites_of(fmap)

    def remember_click() -> None:
        # Fires only when the user interacts with the map, never on a mere rerun.
        st.session_state[clicked_key] = maps.clicked_project_id(st.session_state.get(key), sites)

    returned = ["last_active_drawing"] if sites is None else ["last_active_drawing", "last_clicked"]
    st_folium(
        fmap,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=returned,
        on_change=remember_click,
    )
    clicked = st.session_state.pop(clicked_key, None)
    if clicked is not None:
        open_project(clicked)


def problem_list(ordered: pd.DataFrame, key: str, *, with_project: bool = False) -> None:
    """A problem table (ordered as given); selecting a row opens that problem's page."""
    from geo.drilldown import problem_table

    selection = table(
        problem_table(ordered, lang(), with_project=with_project),
        key=key,
        on_select="rerun",
        selection_mode="single-row",
    )
    if selection and selection.selection.rows:
        problem_id = int(ordered.iloc[selection.selection.rows[0]]["id"])
        st.switch_page("pages/problem.py", query_params={"problem": str(problem_id)})


def open_project(project_id: int) -> None:
    """Go to the drill-down of ``project_id`` (also reachable as ``?project=ID``)."""
    state.set_project_id(project_id)
    st.switch_page("pages/project.py", query_params={"project": str(project_id)})
