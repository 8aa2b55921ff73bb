"""Backgrounds, and drawing in the background's system (GCJ-02 on Gaode)."""

from __future__ import annotations

import json
import re

import pytest
import shapely
import sqlalchemy as sa

from geo import coords, tiles
from geo.core import measures, snapshot
from geo.views import maps


@pytest.mark.parametrize(
    ("choice", "crs", "layers", "host"),
    [
        ("osm", coords.WGS84, 1, "tile.openstreetmap.org"),
        ("gaode", coords.GCJ02, 1, "webrd0{s}.is.autonavi.com"),
        ("gaode_satellite", coords.GCJ02, 1, "webst0{s}.is.autonavi.com"),
        ("tianditu", coords.WGS84, 2, "t{s}.tianditu.gov.cn"),
        ("tianditu_satellite", coords.WGS84, 2, "t{s}.tianditu.gov.cn"),
        ("none", coords.WGS84, 0, None),
        ("http://tiles.local/{z}/{x}/{y}.png", coords.WGS84, 1, "tiles.local"),
    ],
)
def test_basemaps(choice: str, crs: str, layers: int, host: str | None) -> None:
    background = tiles.basemap(choice, tianditu_key="KEY123")
    assert background.crs == crs and len(background.layers) == layers
    if host:
        assert all(host in layer.url for layer in background.layers)
    if choice.startswith("tianditu"):
        assert all("tk=KEY123" in layer.url for layer in background.layers)


def test_tianditu_needs_a_key() -> None:
    with pytest.raises(ValueError, match="GEO_TIANDITU_KEY"):
        tiles.basemap("tianditu")


def test_shapes_are_shifted_onto_gaode(demo_engine: sa.Engine) -> None:
    snap = snapshot.take_snapshot(demo_engine)
    rates = measures.zone_rates(snap.projects, snap.zones)
    html = (
        maps.overview_map(snap.projects, rates, maps.MapOptions(tiles="gaode")).get_root().render()
    )
    blobs = re.findall(r'_add\((\{"features": .*?"type": "FeatureCollection"\})\);', html, re.S)
    first = snap.projects.iloc[0]
    site = next(p for p in maps.sites_in_html(html) if p["project_id"] == first["id"])
    drawn = [site["lon"], site["lat"]]
    expected = coords.from_wgs84(first["lon"], first["lat"], coords.GCJ02)
    assert drawn == pytest.approx(list(expected), abs=6e-6)
    assert drawn[0] - first["lon"] > 0.004  # about 540 m east
    polygons = [
        f for b in blobs for f in json.loads(b)["features"] if f["geometry"]["type"] != "Point"
    ]
    stored = shapely.from_geojson(snap.zones["geometry"].iloc[0])
    shifted = shapely.geometry.shape(
        next(p for p in polygons if p["properties"]["zone"] == snap.zones["name"].iloc[0])[
            "geometry"
        ]
    )
    assert shifted.centroid.x - stored.centroid.x == pytest.approx(
        drawn[0] - first["lon"], abs=0.001
    )


def test_for_display_is_identity_on_wgs84() -> None:
    box = shapely.box(111.6, 32.2, 111.7, 32.3)
    assert tiles.for_display(box, coords.WGS84).equals(box)
