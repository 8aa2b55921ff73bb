"""Boundary files in four formats and three CRSs, reprojected, and projects re-assigned."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
import sqlalchemy as sa
from shapely.geometry import shape

from geo.ingest import boundaries
from geo.ops import demo
from geo.storage import store


@pytest.fixture
def county(demo_copy_url: str) -> sa.Engine:
    return store.make_engine(demo_copy_url)


def _townships(name_column: str = "XZMC") -> gpd.GeoDataFrame:
    collection = demo.demo_boundaries()
    rows = [f for f in collection["features"] if f["properties"]["kind"] == "township"]
    return gpd.GeoDataFrame(
        {
            name_column: [f["properties"]["name"] for f in rows],
            "XZQDM": [f["properties"]["code"] for f in rows],
        },
        geometry=[shape(f["geometry"]) for f in rows],
        crs="EPSG:4326",
    )


def _stored_geometry(engine: sa.Engine, name: str):
    frame = store.load_zones(engine)
    return shape(json.loads(frame.loc[frame["name"] == name, "geometry"].item()))


@pytest.mark.parametrize(
    ("fmt", "crs", "name_column"),
    [
        ("gpkg", "EPSG:4545", "XZMC"),  # CGCS2000 / 3-degree Gauss-Kruger CM 111E
        ("shp.zip", "EPSG:4546", "NAME"),  # CM 114E, a zone away: still exact
        ("geojson", "EPSG:4490", "名称"),  # CGCS2000 geographic
        ("kml", "EPSG:4326", "Name"),
    ],
)
def test_formats_and_projections(
    county: sa.Engine, tmp_path: Path, fmt: str, crs: str, name_column: str
) -> None:
    frame = _townships(name_column).to_crs(crs)
    if fmt == "shp.zip":
        folder = tmp_path / "shp"
        folder.mkdir()
        frame.to_file(folder / "townships.shp", encoding="utf-8")
        path = tmp_path / "townships.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for part in folder.iterdir():
                archive.write(part, part.name)
    else:
        path = tmp_path / f"townships.{fmt}"
        frame.to_file(path, driver={"gpkg": "GPKG", "geojson": "GeoJSON", "kml": "KML"}[fmt])
    original = _stored_geometry(county, "城关镇")
    result = boundaries.import_boundaries(county, path, "township")
    assert result.name_field == name_column
    assert sorted(result.updated) == sorted(_townships()["XZMC"]) and result.new == []
    stored = _stored_geometry(county, "城关镇")
    # Reprojected there and back: the same place within a couple of metres.
    assert stored.symmetric_difference(original).area < original.area * 1e-4
    assert abs(stored.centroid.x - original.centroid.x) < 2e-5


def test_reassignment_lists_sites_outside(county: sa.Engine, tmp_path: Path) -> None:
    frame = _townships()
    shrunk = frame.copy()
    shrunk.loc[shrunk["XZMC"] == "城关镇", "geometry"] = shrunk.loc[
        shrunk["XZMC"] == "城关镇", "geometry"
    ].scale(0.3, 0.3)
    path = tmp_path / "shrunk.geojson"
    shrunk.to_file(path, driver="GeoJSON")
    stamp = store.data_stamp(county)
    dry = boundaries.import_boundaries(county, path, "township", dry_run=True)
    assert dry.outside and store.data_stamp(county) == stamp
    result = boundaries.import_boundaries(county, path, "township")
    assert result.moved_projects == len(result.outside) > 0
    projects = store.load_projects(county)
    assert projects["township"].isna().sum() == len(result.outside)


def test_new_parks_from_geojson(county: sa.Engine, tmp_path: Path) -> None:
    park = gpd.GeoDataFrame(
        {"名称": ["城南新区"]},
        geometry=[shapely.box(111.58, 32.22, 111.66, 32.262)],
        crs="EPSG:4326",
    )
    path = tmp_path / "park.geojson"
    park.to_file(path, driver="GeoJSON")
    result = boundaries.import_boundaries(county, path, "park")
    assert result.new == ["城南新区"]
    projects = store.load_projects(county)
    inside = projects[
        (projects.lon.between(111.58, 111.66)) & (projects.lat.between(32.22, 32.262))
    ]
    assert (inside["park"] == "城南新区").all() and len(inside) > 0


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("no_name", "no name field"),
        ("points", "not a polygon"),
        ("no_crs", "declares no coordinate system"),
        ("garbage", "not a readable boundary file"),
    ],
)
def test_bad_files_are_explained(
    county: sa.Engine, tmp_path: Path, setup: str, message: str
) -> None:
    frame = _townships()
    if setup == "no_name":
        frame = frame.rename(columns={"XZMC": "FOO", "XZQDM": "BAR"})
        frame["FOO"] = range(len(frame))
        frame["BAR"] = range(len(frame))
    if setup == "points":
        frame["geometry"] = frame.representative_point()
    path = tmp_path / "bad.geojson"
    if setup == "garbage":
        path.write_text("not geojson")
    elif setup == "no_crs":
        path = tmp_path / "bad.shp"
        frame.to_file(path)
        path.with_suffix(".prj").unlink()
    else:
        frame.to_file(path, driver="GeoJSON")
    stamp = store.data_stamp(county)
    with pytest.raises(ValueError, match=message):
        boundaries.import_boundaries(county, path, "township")
    assert store.data_stamp(county) == stamp
