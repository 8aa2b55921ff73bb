"""Zone geometry: GeoJSON in and out, which zone a point lies in, where to zoom.

Geometries are stored as GeoJSON text in WGS-84; here they become shapely objects in
a GeoDataFrame so that geopandas does the spatial work.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.errors import ShapelyError
from shapely.geometry import mapping, shape

from geo.vocab import ZONE_KINDS

WGS84 = "EPSG:4326"


@dataclass(frozen=True)
class ZoneRecord:
    """One zone as read from a boundary file."""

    kind: str
    name: str
    code: str | None
    geometry: str  # GeoJSON geometry text


def read_zone_file(path: Path) -> list[ZoneRecord]:
    """Read zones from a GeoJSON FeatureCollection with ``name`` and ``kind`` properties.

    Raises ``ValueError`` naming the file, the feature and the field that is wrong.
    """
    try:
        collection = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a readable GeoJSON file ({exc})") from exc
    records = []
    for number, feature in enumerate(collection.get("features", []), start=1):
        props = feature.get("properties") or {}
        where = f"{path}: feature {number}"
        name = str(props.get("name") or "").strip()
        if not name:
            raise ValueError(f"{where}: field 'name' is empty")
        kind = props.get("kind")
        if kind not in ZONE_KINDS:
            raise ValueError(f"{where} ({name}): field 'kind' is {kind!r}, not one of {ZONE_KINDS}")
        try:
            geom = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError, ShapelyError) as exc:
            raise ValueError(f"{where} ({name}): field 'geometry' is not a geometry") from exc
        if geom.geom_type not in ("Polygon", "MultiPolygon") or not geom.is_valid:
            raise ValueError(f"{where} ({name}): field 'geometry' must be a valid polygon")
        records.append(ZoneRecord(kind, name, props.get("code"), json.dumps(mapping(geom))))
    return records


def to_geoframe(zones: pd.DataFrame) -> gpd.GeoDataFrame:
    """Zones with GeoJSON text in ``geometry`` → a GeoDataFrame in WGS-84."""
    geoms = [shape(json.loads(text)) for text in zones["geometry"]]
    return gpd.GeoDataFrame(zones.drop(columns="geometry"), geometry=geoms, crs=WGS84)


def locate(points: pd.DataFrame, zones: gpd.GeoDataFrame) -> pd.DataFrame:
    """For each ``lon``/``lat`` row, the ``park`` and ``township`` it lies in (or None).

    Where zones of one kind overlap, the first by name wins, so the answer is stable.
    """
    pts = gpd.GeoDataFrame(
        index=points.index, geometry=gpd.points_from_xy(points["lon"], points["lat"]), crs=WGS84
    )
    out = pd.DataFrame(index=points.index, columns=["park", "township"], dtype=object)
    for kind in ZONE_KINDS:
        layer = zones.loc[zones["kind"] == kind, ["name", "geometry"]].sort_values("name")
        hits = gpd.sjoin(pts, layer, how="left", predicate="within")
        first = hits[~hits.index.duplicated(keep="first")]["name"].astype(object)
        out[kind] = first.where(first.notna(), None)
    return out


def bounds(geometries: Iterable[shapely.Geometry]) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) around the geometries."""
    return tuple(shapely.total_bounds(list(geometries)).tolist())


def label_point(geometry: shapely.Geometry) -> tuple[float, float]:
    """(lon, lat) of a point certainly inside the zone, for its label."""
    point = geometry.representative_point()
    return point.x, point.y
