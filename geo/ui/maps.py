"""Maps on pages: the overview map built once per distinct input, and maps whose sites open
their drill-down when clicked."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import folium
import pandas as pd
import streamlit as st
import streamlit_folium

from geo import colors, tiles
from geo.core import filters, measures, snapshot
from geo.core.filters import ProjectFilter
from geo.i18n import TEXTS
from geo.ui import state
from geo.ui.resources import data_stamp, engine, served, settings
from geo.ui.text import lang, tr
from geo.ui.widgets import table
from geo.views import maps
from geo.workflow import library, office, signing

#: streamlit-folium's browser component, taken before anything swaps it (see _component_args).
_COMPONENT = streamlit_folium._component_func
#: Held while st_folium runs: _component_args swaps the module's component for a recorder.
_ST_FOLIUM = threading.Lock()


def _component_args(fmap: folium.Map, key: str, height: int, returned: tuple[str, ...]) -> dict:
    """What ``st_folium`` would send to the browser for ``fmap``: rendering the map to HTML and
    Leaflet script is most of a visit's server time, so a shared map does it once."""
    captured: dict = {}
    with _ST_FOLIUM:
        real = streamlit_folium._component_func
        streamlit_folium._component_func = lambda **args: captured.update(args)
        try:
            streamlit_folium.st_folium(
                fmap,
                key=key,
                height=height,
                use_container_width=True,
                returned_objects=list(returned),
            )
        finally:
            streamlit_folium._component_func = real
    return captured


@dataclass(eq=False)
class SharedMap:
    """A map built once per data change for every session (a cache entry): the sites a click
    may select, and what the browser is sent, prepared once per widget key and height."""

    fmap: folium.Map
    sites: pd.DataFrame | None
    _sent: dict[tuple, dict] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def component_args(self, key: str, height: int, returned: tuple[str, ...]) -> dict:
        with self._lock:
            if (key, height, returned) not in self._sent:
                # st_folium rewrites the map it is given: each preparation gets its own copy.
                self._sent[key, height, returned] = _component_args(
                    copy.deepcopy(self.fmap), key, height, returned
                )
            return self._sent[key, height, returned]


@st.cache_resource(max_entries=32, show_spinner=False)
def _built_map(
    _snap: snapshot.Snapshot, key: tuple, chosen: ProjectFilter, options: maps.MapOptions
) -> SharedMap:
    del key  # identifies _snap, which is not hashed
    shown = filters.apply(_snap.projects, chosen)
    zone_rates = measures.zone_rates(shown, _snap.zones)
    focus = maps.zone_focus(zone_rates, chosen.zone) if chosen.zone else None
    layers = _pipeline_layers(_snap.as_of, options.lang)
    fmap = served(maps.overview_map(shown, zone_rates, options, focus=focus, layers=layers))
    return SharedMap(fmap, maps.sites_of(fmap))


def _pipeline_layers(as_of, lang: str) -> tuple[maps.PointLayer, ...]:
    """What comes before the list, hidden until switched on: the library's projects still to
    become key projects, and agreements signed but not yet started (签约抓开工)."""
    eng = engine()
    waiting = signing.signing_points(signing.load_agreements(eng), as_of, lang)
    waiting = waiting[~waiting["started"].astype(bool)]
    return (
        maps.PointLayer(
            tr("map.layer.library"),
            library.library_points(library.load_library(eng), lang),
            colors.LIBRARY,
            shown=False,
        ),
        maps.PointLayer(tr("map.layer.signed"), waiting, colors.SIGNED, shown=False),
    )


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
) -> SharedMap:
    """The overview map for the filtered projects, built once per distinct input and shared
    by every session until the data change."""
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
    return _built_map(snap, key, chosen, options)


def show_map(
    fmap: folium.Map | SharedMap,
    key: str,
    *,
    height: int = 560,
    returned: tuple[str, ...] = (),
    on_change: Callable[[], None] | None = None,
) -> None:
    """``st_folium`` for every map of the app; a :class:`SharedMap` is rendered once for all.

    The browser's component is called here (``_COMPONENT``), the one seam tests stand in for.
    """
    if isinstance(fmap, SharedMap):
        args = fmap.component_args(key, height, returned)
    else:
        args = _component_args(fmap, key, height, returned)
    widget_key = args["key"]  # st_folium's own key, derived from the map's script and ``key``

    def changed() -> None:  # as st_folium's: what the map returned, under ``key``
        st.session_state[key] = st.session_state.get(widget_key, {})
        if on_change is not None:
            on_change()

    _COMPONENT(**{**args, "default": copy.deepcopy(args["default"]), "on_change": changed})


def drilldown_map(fmap: folium.Map | SharedMap, key: str, height: int = 560) -> None:
    """Show a map whose project points open their drill-down when clicked."""
    clicked_key = f"{key}_clicked_project"
    sites = fmap.sites if isinstance(fmap, SharedMap) else maps.sites_of(fmap)

    def remember_click() -> None:
        # Fires only when the user interacts with the map, never on a mere rerun.
        st.session_state[clicked_key] = maps.clicked_project_id(st.session_state.get(key), sites)

    returned = (
        ("last_active_drawing",) if sites is None else ("last_active_drawing", "last_clicked")
    )
    show_map(fmap, key, height=height, returned=returned, on_change=remember_click)
    clicked = st.session_state.pop(clicked_key, None)
    if clicked is not None:
        open_project(clicked)


def problem_list(ordered: pd.DataFrame, key: str, *, with_project: bool = False) -> None:
    """A problem table (ordered as given); selecting a row opens that problem's page."""
    from geo.workflow.drilldown import problem_table

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
