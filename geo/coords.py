"""Coordinate systems met in Chinese project data, and conversion to WGS-84.

Stored coordinates are always WGS-84 / CGCS2000 longitude and latitude. Points copied
from Gaode/AMap or Tencent maps are GCJ-02 ("Mars coordinates"), from Baidu BD-09; both are
offset by up to ~500 m. Survey data comes in CGCS2000 or a Gauss–Krüger zone (EPSG:4513–4554),
which pyproj handles. The GCJ-02/BD-09 arithmetic comes from ``prcoords`` (public domain),
whose inverse is iterative and accurate to centimetres.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import prcoords

if TYPE_CHECKING:  # pyproj is loaded where a projection is needed, not by every command
    from pyproj import Transformer

WGS84, GCJ02, BD09 = "wgs84", "gcj02", "bd09"

# How ledgers and people name them (compared without case, spaces or dashes).
_ALIASES = {
    WGS84: ("wgs84", "wgs1984", "epsg4326", "cgcs2000", "epsg4490", "gps", "天地图", "国家2000"),
    GCJ02: ("gcj02", "gcj", "火星", "火星坐标", "高德", "腾讯", "amap", "gaode", "tencent"),
    BD09: ("bd09", "bd09ll", "百度", "baidu"),
}


def parse_crs(text: str) -> str:
    """Name a coordinate system: ``wgs84``, ``gcj02``, ``bd09`` or an ``EPSG:n`` that pyproj knows.

    >>> parse_crs("坐标(GCJ-02)")
    'gcj02'
    >>> parse_crs("EPSG:4547")
    'EPSG:4547'
    """
    squashed = re.sub(r"[\s\-_:：()（）]", "", str(text)).lower()
    for code, aliases in _ALIASES.items():
        if any(alias in squashed for alias in aliases):
            return code
    match = re.search(r"epsg(\d{4,5})", squashed)
    if match:
        epsg = f"EPSG:{match.group(1)}"
        from pyproj import CRS
        from pyproj.exceptions import CRSError

        try:
            CRS.from_user_input(epsg)
        except CRSError as exc:
            raise ValueError(f"coordinate system {text!r}: {epsg} is unknown") from exc
        return epsg
    raise ValueError(
        f"coordinate system {text!r} is not recognised; use WGS-84, CGCS2000, GCJ-02, BD-09 or EPSG:n"
    )


def find_crs(text: str) -> str | None:
    """The coordinate system a header declares ("经度（百度）" → ``bd09``), or None."""
    try:
        return parse_crs(text)
    except ValueError:
        return None


@lru_cache(maxsize=32)
def _to_wgs84(crs: str) -> Transformer:
    from pyproj import Transformer

    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)


def to_wgs84(lon: float, lat: float, crs: str) -> tuple[float, float]:
    """(lon, lat) in WGS-84 from ``crs`` (for projected systems: easting, northing)."""
    if crs == WGS84:
        return lon, lat
    if crs == GCJ02:
        p = prcoords.gcj_wgs_bored(prcoords.Coords(lat, lon))
        return p.lon, p.lat
    if crs == BD09:
        p = prcoords.bd_wgs_bored(prcoords.Coords(lat, lon))
        return p.lon, p.lat
    return _to_wgs84(crs).transform(lon, lat)


def from_wgs84(lon: float, lat: float, crs: str) -> tuple[float, float]:
    """(lon, lat) in ``crs`` (``wgs84``, ``gcj02`` or ``bd09``) from WGS-84: for drawing on
    Gaode or Baidu tiles, whose pictures are offset like their coordinates."""
    if crs == WGS84:
        return lon, lat
    if crs == GCJ02:
        p = prcoords.wgs_gcj(prcoords.Coords(lat, lon))
    elif crs == BD09:
        p = prcoords.wgs_bd(prcoords.Coords(lat, lon))
    else:
        raise ValueError(f"crs={crs!r}: only wgs84, gcj02 and bd09 are display systems")
    return p.lon, p.lat
