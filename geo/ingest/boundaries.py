"""Zone boundaries from the GIS office: any common format, any CRS, into the zones table.

GeoJSON, zipped Shapefile, GeoPackage and KML are read through pyogrio (GDAL); CGCS2000
(EPSG:4490) and Gauss–Krüger zones (EPSG:4513–4554) are reprojected to WGS-84. After an
import every project is re-assigned to its park and township by point-in-polygon.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import mapping

from geo.ingest import zones
from geo.refusals import Refusal, Term
from geo.storage import store
from geo.storage import zones as stored_zones
from geo.storage.store import Engine, Session
from geo.vocab import ZONE_KINDS

#: Attribute names that usually hold a zone's name, most specific first.
_NAME_FIELDS = (
    "名称",
    "name",
    "xzmc",
    "zqmc",
    "yqmc",
    "xzqmc",
    "mc",
    "乡镇",
    "园区",
    "name_cn",
    "zh_name",
)
_CODE_FIELDS = ("code", "xzqdm", "xzdm", "dm", "编码", "代码", "adcode")


@dataclass
class ZoneImport:
    """What a boundary import did (or, dry, would do)."""

    file: str
    kind: str
    crs: str
    name_field: str
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    moved_projects: int = 0
    outside: list[str] = field(default_factory=list)  # projects in no township

    def summary(self) -> dict[str, object]:
        return {
            "file": self.file,
            "kind": self.kind,
            "crs": self.crs,
            "name_field": self.name_field,
            "new": self.new,
            "updated": self.updated,
            "moved_projects": self.moved_projects,
            "outside_every_township": self.outside,
        }


def _pick(columns: list[str], wanted: tuple[str, ...]) -> str | None:
    lowered = {c.lower(): c for c in columns}
    for want in wanted:
        if want in lowered:
            return lowered[want]
    for want in wanted:
        for low, original in lowered.items():
            if want in low:
                return original
    return None


def read_boundaries(
    path: Path | str, kind: str, name_field: str | None = None
) -> tuple[list[zones.ZoneRecord], str, str]:
    """Zones from a boundary file: (records in WGS-84, the file's CRS, the name field used)."""
    path = Path(path)
    if kind not in ZONE_KINDS:
        raise ValueError(f"kind={kind!r} is not one of {', '.join(ZONE_KINDS)}")
    try:
        frame = gpd.read_file(path)
    except Exception as exc:
        detail = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise Refusal("boundary_unreadable", file=path.name, detail=detail) from exc
    if frame.empty:
        raise Refusal("boundary_empty", file=path.name)
    if frame.crs is None:
        raise Refusal("boundary_no_crs", file=path.name)
    source_crs = frame.crs.to_string()
    columns = [c for c in frame.columns if c != "geometry"]
    name_col = name_field or _pick(columns, _NAME_FIELDS)
    if name_col is None or name_col not in frame.columns:
        raise Refusal("boundary_no_name_field", file=path.name, columns=", ".join(columns))
    code_col = _pick(columns, _CODE_FIELDS)
    frame = frame.to_crs(zones.WGS84)
    records = []
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        name = str(getattr(row, name_col) or "").strip()
        geom = row.geometry
        if not name:
            raise Refusal("boundary_name_empty", file=path.name, n=number, field=name_col)
        if geom is None or geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise Refusal("boundary_not_polygon", file=path.name, n=number, name=name)
        if not geom.is_valid:
            geom = geom.buffer(0)  # self-touching rings are common in digitised boundaries
        geom = geom.simplify(0.00001)  # about a metre: enough for a dashboard
        code = getattr(row, code_col) if code_col else None
        records.append(
            zones.ZoneRecord(
                kind, name, None if code is None else str(code), json.dumps(mapping(geom))
            )
        )
    names = [r.name for r in records]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise Refusal("boundary_names_repeat", file=path.name, names=tuple(duplicates))
    return records, source_crs, name_col


def import_boundaries(
    engine: Engine,
    path: Path | str,
    kind: str,
    name_field: str | None = None,
    dry_run: bool = False,
) -> ZoneImport:
    """Add or update the file's zones, then re-assign every project; all in one transaction."""
    records, crs, name_col = read_boundaries(path, kind, name_field)
    result = ZoneImport(Path(path).name, kind, crs, name_col)
    with store.transaction(engine, write=True) as session:
        kinds = stored_zones.zone_kinds(session)
        for record in records:
            now = kinds.get(record.name)
            if now is None:
                result.new.append(record.name)
            elif now != kind:
                raise Refusal(
                    "boundary_kind_clash",
                    file=result.file,
                    name=record.name,
                    now=Term.of(f"zone_kind.{now}"),
                    kind=Term.of(f"zone_kind.{kind}"),
                )
            else:
                result.updated.append(record.name)
        stored_zones.save_zones(session, records)
        _reassign(session, result)
        if dry_run:
            store.discard(session)
    return result


def _reassign(session: Session, result: ZoneImport) -> None:
    """Put every project in the park and township its point lies in; count who moved, and name
    those in no township."""
    frame = stored_zones.zone_outlines(session)
    geo = zones.to_geoframe(frame)
    ids = dict(zip(frame["name"].tolist(), frame["id"].tolist(), strict=True))  # plain ints
    sites = stored_zones.project_sites(session)
    if not sites:
        return
    located = zones.locate(
        pd.DataFrame({"lon": [s.lon for s in sites], "lat": [s.lat for s in sites]}), geo
    )
    moves = {}
    for site, (park, township) in zip(sites, located.itertuples(index=False), strict=True):
        park_id = ids[park] if park else None
        township_id = ids[township] if township else None
        if (site.park_id, site.township_id) != (park_id, township_id):
            moves[site.id] = (park_id, township_id)
        if township_id is None:
            result.outside.append(site.name)
    result.moved_projects = len(moves)
    stored_zones.move_projects(session, moves)
