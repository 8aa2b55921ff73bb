"""Choosing the office's area (province → city → county, or by name or code) and seeing it."""

from __future__ import annotations

import streamlit as st

from geo.ingest import areas
from geo.ui.maps import show_map
from geo.ui.resources import served, settings
from geo.ui.text import lang, tr
from geo.views import maps


def _area_label(area: areas.Area) -> str:
    return f"{area.full_name} · {area.code} · {tr(f'setup.level.{area.level}')}"


def area_chooser(key: str, current: str = "") -> areas.Area | None:
    """Search by name or code, or pick province, city and county; the chosen area or None."""
    query = st.text_input(
        tr("setup.search"), key=f"{key}_query", placeholder=tr("setup.search_help")
    )
    if query.strip():
        found = areas.search(query, limit=30)
        if not found:
            st.warning(tr("setup.none_found"))
            return None
        return st.selectbox(tr("setup.found"), found, format_func=_area_label, key=f"{key}_found")
    known = areas.by_code(current) if current else None
    provinces = areas.provinces()
    left, middle, right = st.columns(3)
    province = left.selectbox(
        tr("setup.province"),
        provinces,
        format_func=lambda a: a.name,
        key=f"{key}_province",
        index=next(
            (i for i, p in enumerate(provinces) if known and p.name == known.province), None
        ),
        placeholder=tr("select.placeholder"),
    )
    if province is None:
        return None
    cities = areas.cities(province)
    city = middle.selectbox(
        tr("setup.city"),
        cities,
        format_func=lambda a: a.name,
        key=f"{key}_city_{province.code}",
        index=next((i for i, c in enumerate(cities) if known and c.name == known.city), None),
        placeholder=tr("select.placeholder"),
    )
    if city is None:
        return None
    counties = [None, *areas.counties(city)]  # None: the whole city
    county = right.selectbox(
        tr("setup.county"),
        counties,
        key=f"{key}_county_{city.code}",
        format_func=lambda a: tr("setup.whole_city") if a is None else a.name,
        index=0
        if known and known.code == city.code
        else next(
            (i for i, c in enumerate(counties) if c and known and c.code == known.code), None
        ),
        placeholder=tr("select.placeholder"),
    )
    return county or city


def area_preview(area: areas.Area, key: str) -> None:
    """The area's real outline on the map, and where it comes from."""
    s = settings()
    options = maps.MapOptions(
        lang=lang(),
        tiles=s.tiles,
        tiles_attribution=s.tiles_attribution,
        tianditu_key=s.tianditu_key,
        area_outline=areas.outline_geojson(area),
    )
    show_map(served(maps.area_map(options)), key, height=360)
    st.caption(tr("setup.outline_note"))
