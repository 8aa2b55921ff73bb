"""What the screens draw, as data: the map, charts and tables (Streamlit renders them).

- maps: the overview map (folium);
- charts: Altair specifications;
- tables: tables as shown on screen;
- assets: Leaflet served offline.

Submodules are imported by name (``from geo.views import assets``); nothing is loaded
here.
"""

__all__ = [
    "assets",
    "charts",
    "maps",
    "tables",
]
