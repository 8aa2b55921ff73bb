"""Day one of a real office: its own area on its real outline, its name on letters, its first
administrator (the setup page and ``python -m geo init``), and its settings afterwards.

Settings live in ``app_settings`` under the names of the environment variables that set them
on a server (:data:`geo.config.OFFICE_SETTINGS`); a variable the server sets wins.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import shapely

from geo import config
from geo.ingest import areas, boundaries
from geo.refusals import Refusal
from geo.storage import accounts, store
from geo.storage.access import Principal
from geo.storage.store import Engine


@dataclass(frozen=True)
class OfficeSetup:
    """What the setup asks for."""

    area_code: str
    issuer: str  # the office's full name, on bulletins and letters
    prefix: str  # its short name in letter numbers: 谷重点办督〔2026〕3号
    admin: str
    password: str
    #: Where tours start (the government building, WGS-84); None: a point inside the area.
    tour_start: tuple[float, float] | None = None
    #: A city's office: its counties and districts become its zones (片区).
    counties_as_zones: bool = False


def first_run(engine: Engine) -> bool:
    """No projects and no accounts yet (or no tables at all): the app opens the setup."""
    if store.schema_state(engine) != "current":
        return True
    return not store.has_projects(engine) and not accounts.has_accounts(engine)


def setup_settings(
    area: areas.Area, issuer: str, prefix: str, tour_start: tuple[float, float] | None
) -> dict[str, str]:
    """The office settings a setup stores, checked as the server would check them."""
    if not issuer.strip():
        raise Refusal("office_name_required")
    lon, lat = tour_start or areas.centre(area)
    values = {
        "GEO_AREA_CODE": area.code,
        "GEO_AREA": area.area_kind,
        "GEO_ISSUER": issuer.strip(),
        "GEO_LETTER_PREFIX": prefix.strip() or issuer.strip(),
        "GEO_TOUR_START": f"{lon:.6f},{lat:.6f}",
    }
    check(values)
    return values


def check(values: dict[str, str]) -> None:
    """Refuse settings the server could not start with, naming the setting."""
    config.load_settings({}, values)  # refusals name the setting by its label


def set_up(engine: Engine, setup: OfficeSetup) -> Principal:
    """Make the tables if needed, store the office's settings and create its administrator.

    Everything is checked before anything is written."""
    try:
        area = areas.by_code(setup.area_code)
    except ValueError:
        raise Refusal("choose_area") from None
    values = setup_settings(area, setup.issuer, setup.prefix, setup.tour_start)
    accounts.check_password(setup.password, setup.admin.strip())
    if not setup.admin.strip():
        raise Refusal("username_required")
    if store.schema_state(engine) != "current":
        store.migrate(engine)
    admin = accounts.create_account(engine, setup.admin, role="admin", password=setup.password)
    store.save_office_settings(engine, values)
    if setup.counties_as_zones and area.level == "city":
        import_counties_as_zones(engine, area)
    return admin


def import_counties_as_zones(engine: Engine, city: areas.Area) -> int:
    """A city's counties and districts as its zones, on their real outlines; returns how many."""
    features = [
        {
            "type": "Feature",
            "properties": {"name": county.name, "code": county.code},
            "geometry": json.loads(areas.outline_geojson(county)),
        }
        for county in areas.counties(city)
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{city.code}.geojson"
        path.write_text(
            json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
            encoding="utf-8",
        )
        result = boundaries.import_boundaries(engine, path, "township", "name")
    return len(result.new) + len(result.updated)


def outline_of(settings: config.Settings) -> str | None:
    """The office's area outline as GeoJSON (WGS-84), when its area is set."""
    if not settings.area_code:
        return None
    try:
        return areas.outline_geojson(areas.by_code(settings.area_code))
    except ValueError:  # a code the package does not know: no outline, the rest works
        return None


def tour_start_outside(settings: config.Settings) -> bool:
    """The tours' start lies outside the office's area (more than about a kilometre): a
    typo, or longitude and latitude swapped, or a point in GCJ-02 instead of WGS-84."""
    if not settings.area_code:
        return False
    try:
        area = areas.outline(areas.by_code(settings.area_code))
    except ValueError:
        return False
    return not area.buffer(0.01).contains(shapely.Point(settings.tour_start))
