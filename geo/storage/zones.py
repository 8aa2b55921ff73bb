"""Zones as a boundary import writes them, inside the caller's transaction: outlines added or
replaced by name, then every project put in the park and township it lies in; which file
says what is :mod:`geo.ingest.boundaries`'s."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.storage.models import Project, Zone


class Outline(Protocol):
    """One zone as a boundary file gives it (:class:`geo.ingest.zones.ZoneRecord`)."""

    @property
    def kind(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def code(self) -> str | None: ...
    @property
    def geometry(self) -> str: ...


def zone_kinds(session: Session) -> dict[str, str]:
    """Every zone's kind (park, township), by name."""
    return dict(session.execute(sa.select(Zone.name, Zone.kind)).all())


def save_zones(session: Session, outlines: Iterable[Outline]) -> None:
    """Add these zones, or give the zone of the same name its new outline (and code, when the
    file has one); flushed, so that the new zones have their ids."""
    outlines = list(outlines)
    names = [o.name for o in outlines]
    existing = {z.name: z for z in session.scalars(sa.select(Zone).where(Zone.name.in_(names)))}
    for outline in outlines:
        zone = existing.get(outline.name)
        if zone is None:
            session.add(
                Zone(
                    kind=outline.kind,
                    name=outline.name,
                    code=outline.code,
                    geometry=outline.geometry,
                )
            )
        else:
            zone.geometry, zone.code = outline.geometry, outline.code or zone.code
    session.flush()


def zone_outlines(session: Session) -> pd.DataFrame:
    """Every zone as this transaction sees it: ``id, kind, name, geometry`` (GeoJSON text)."""
    rows = session.execute(sa.select(Zone.id, Zone.kind, Zone.name, Zone.geometry)).all()
    return pd.DataFrame(rows, columns=["id", "kind", "name", "geometry"])


class Site(NamedTuple):
    """Where a project is, and the zones it is in now."""

    id: int
    name: str
    lon: float | None
    lat: float | None
    park_id: int | None
    township_id: int | None


def project_sites(session: Session) -> list[Site]:
    """Every project's site, by id."""
    query = sa.select(*(Project.__table__.c[c] for c in Site._fields)).order_by(Project.id)
    return [Site(*row) for row in session.execute(query)]


def move_projects(session: Session, zones: Mapping[int, tuple[int | None, int | None]]) -> None:
    """Put these projects in these zones (project id → park id, township id), each saved at its
    next version and audited like an edit."""
    if not zones:
        return
    for project in session.scalars(sa.select(Project).order_by(Project.id)):
        if project.id in zones:
            project.park_id, project.township_id = zones[project.id]
