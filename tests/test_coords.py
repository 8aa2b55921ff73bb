"""Conversions between WGS-84, GCJ-02, BD-09 and projected systems."""

from __future__ import annotations

import math

import pytest

from geo import coords


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    dx = (a[0] - b[0]) * 111_320 * math.cos(math.radians(a[1]))
    dy = (a[1] - b[1]) * 110_574
    return math.hypot(dx, dy)


def test_gcj_offset_near_gucheng() -> None:
    # FACTS.md: about 540 m east and 260 m south of WGS-84 near 111.65 E, 32.26 N.
    lon, lat = coords.from_wgs84(111.65, 32.26, coords.GCJ02)
    east = (lon - 111.65) * 111_320 * math.cos(math.radians(32.26))
    north = (lat - 32.26) * 110_574
    assert 500 < east < 580 and -300 < north < -220


@pytest.mark.parametrize(
    ("wgs", "gcj"),
    [
        # A widely quoted pair: Tiananmen, WGS-84 and the same spot on Gaode (GCJ-02).
        ((116.391305, 39.907333), (116.397549, 39.908733)),
    ],
)
def test_against_reference_points(wgs: tuple[float, float], gcj: tuple[float, float]) -> None:
    assert _metres(coords.from_wgs84(*wgs, coords.GCJ02), gcj) < 5
    assert _metres(coords.to_wgs84(*gcj, coords.GCJ02), wgs) < 5


@pytest.mark.parametrize("crs", [coords.GCJ02, coords.BD09])
@pytest.mark.parametrize("point", [(111.65, 32.26), (87.6, 43.8), (126.6, 45.7), (110.3, 20.0)])
def test_round_trip_under_a_metre(crs: str, point: tuple[float, float]) -> None:
    there = coords.from_wgs84(*point, crs)
    assert _metres(there, point) > 100  # really shifted
    assert _metres(coords.to_wgs84(*there, crs), point) < 1


def test_projected_gauss_kruger() -> None:
    # CGCS2000 / 3-degree Gauss-Kruger CM 111E (EPSG:4545): Gucheng's county seat.
    from pyproj import Transformer

    easting, northing = Transformer.from_crs("EPSG:4326", "EPSG:4545", always_xy=True).transform(
        111.65, 32.26
    )
    assert _metres(coords.to_wgs84(easting, northing, "EPSG:4545"), (111.65, 32.26)) < 0.01


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WGS-84", "wgs84"),
        ("CGCS2000", "wgs84"),
        ("EPSG:4490", "wgs84"),
        ("坐标(GCJ-02)", "gcj02"),
        ("经度（百度）", "bd09"),
        ("高德坐标", "gcj02"),
        ("bd-09", "bd09"),
        ("EPSG:4547", "EPSG:4547"),
    ],
)
def test_parse_crs(text: str, expected: str) -> None:
    assert coords.parse_crs(text) == expected


@pytest.mark.parametrize("text", ["北京54", "EPSG:99999", ""])
def test_unknown_crs_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="coordinate system"):
        coords.parse_crs(text)
    assert coords.find_crs(text) is None
