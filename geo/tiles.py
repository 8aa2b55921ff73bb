"""Background maps: OpenStreetMap, Gaode/AMap, Tianditu (天地图), or none.

Tiles are decoration: with ``none`` (or no internet) the zones and sites still read well.
Gaode's pictures are drawn in GCJ-02, so on Gaode tiles everything we draw is shifted into
GCJ-02 too — otherwise every site lands a few hundred metres off, in the wrong factory.
OpenStreetMap and Tianditu are WGS-84 / CGCS2000, like our stored coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo import coords
from geo.refusals import Refusal, Setting

if TYPE_CHECKING:
    import numpy as np
    import shapely


@dataclass(frozen=True)
class TileLayer:
    url: str
    attribution: str  # plain text; escaped where it is drawn
    subdomains: str = "abc"


@dataclass(frozen=True)
class Basemap:
    """One background: its tile layers (drawn in order) and the system they are drawn in."""

    layers: tuple[TileLayer, ...]
    crs: str = coords.WGS84
    max_zoom: int = 18


_GAODE = "© 高德地图 AutoNavi"
_TIANDITU = "© 天地图 Tianditu"
_TDT = "https://t{s}.tianditu.gov.cn/%s_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=%s&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=%s"

#: The named choices (GEO_TILES); anything else must be a URL template.
_FIELD = Setting.named("GEO_TILES")
CHOICES = ("osm", "gaode", "gaode_satellite", "tianditu", "tianditu_satellite", "none")


def basemap(choice: str, tianditu_key: str = "", attribution: str = "") -> Basemap:
    """The background for a choice from :data:`CHOICES` or a ``{z}/{x}/{y}`` URL template."""
    if choice == "none":
        return Basemap(())
    if choice == "osm":
        return Basemap(
            (
                TileLayer(
                    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                    "© OpenStreetMap contributors",
                    "",
                ),
            )
        )
    if choice in ("gaode", "gaode_satellite"):
        style, host = (8, "webrd") if choice == "gaode" else (6, "webst")
        url = f"https://{host}0{{s}}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style={style}&x={{x}}&y={{y}}&z={{z}}"
        return Basemap((TileLayer(url, _GAODE, "1234"),), crs=coords.GCJ02)
    if choice in ("tianditu", "tianditu_satellite"):
        if not tianditu_key:
            key = Setting.named("GEO_TIANDITU_KEY")
            raise Refusal("tiles_need_key", field=_FIELD, needs=key)
        base, labels = ("vec", "cva") if choice == "tianditu" else ("img", "cia")
        return Basemap(
            tuple(
                TileLayer(_TDT % (layer, layer, tianditu_key), _TIANDITU, "01234567")
                for layer in (base, labels)
            )
        )
    if "{z}" in choice and "{x}" in choice and "{y}" in choice:
        return Basemap((TileLayer(choice, attribution or "tiles", ""),))
    raise Refusal("tiles_unknown", field=_FIELD, value=choice, choices=CHOICES)


def for_display(geometry: shapely.Geometry, crs: str) -> shapely.Geometry:
    """A WGS-84 geometry as it must be drawn on tiles in ``crs``."""
    import numpy as np
    import shapely

    if crs == coords.WGS84:
        return geometry

    def shift(points: np.ndarray) -> np.ndarray:
        return np.array([coords.from_wgs84(lon, lat, crs) for lon, lat in points])

    return shapely.transform(geometry, shift)
