"""Zone files in, points located in zones, with errors that name the feature and field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from geo.ingest import zones

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}
SMALL = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def _write(tmp_path: Path, features: list[dict]) -> Path:
    path = tmp_path / "zones.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path


def _feature(name: str, kind: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"name": name, "kind": kind}, "geometry": geometry}


def test_locate_points_in_parks_and_townships(tmp_path: Path) -> None:
    path = _write(tmp_path, [_feature("甲镇", "township", SQUARE), _feature("园区", "park", SMALL)])
    frame = zones.to_geoframe(pd.DataFrame([r.__dict__ for r in zones.read_zone_file(path)]))
    points = pd.DataFrame({"lon": [0.5, 1.5, 5.0], "lat": [0.5, 1.5, 5.0]})
    located = zones.locate(points, frame)
    assert located["park"].tolist() == ["园区", None, None]
    assert located["township"].tolist() == ["甲镇", "甲镇", None]


@pytest.mark.parametrize(
    ("feature", "message"),
    [
        (_feature("", "park", SQUARE), "feature 2: field 'name' is empty"),
        (_feature("乙镇", "county", SQUARE), "feature 2 (乙镇): field 'kind' is 'county'"),
        (
            _feature("乙镇", "township", {"type": "Point", "coordinates": [1, 1]}),
            "must be a valid polygon",
        ),
        (_feature("乙镇", "township", {"type": "Nonsense"}), "field 'geometry' is not a geometry"),
    ],
)
def test_bad_features_are_named(tmp_path: Path, feature: dict, message: str) -> None:
    path = _write(tmp_path, [_feature("甲镇", "township", SQUARE), feature])
    with pytest.raises(ValueError, match=re.escape(message)) as error:
        zones.read_zone_file(path)
    assert str(path) in str(error.value)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text("{not json", "utf-8")
    with pytest.raises(ValueError, match="not a readable GeoJSON file"):
        zones.read_zone_file(path)
