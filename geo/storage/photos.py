"""Site photos as stored: one row per photo (the file itself is under the photo folder); the
checks, the distance from the site and the order shown are :mod:`geo.ingest.photos`'s."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.storage import store
from geo.storage.models import Photo, Project

#: The columns of a photo's row, in the table's order.
COLUMNS = tuple(c.name for c in Photo.__table__.c)


def project_site(session: Session, project_id: int) -> tuple[float, float] | None:
    """Where the project is (lon, lat), or None when there is no such project."""
    project = session.get(Project, project_id)
    return None if project is None else (project.lon, project.lat)


def record_photo(session: Session, **values: object) -> int:
    """Add a photo's row (``values``: its columns but the id); returns the new id."""
    photo = Photo(**values)
    session.add(photo)
    session.flush()
    return photo.id


def photos_of(engine: Engine, project_id: int) -> pd.DataFrame:
    """A project's photos, every column (:data:`COLUMNS`), in no particular order."""
    query = sa.select(Photo).where(Photo.project_id == project_id)
    with store.transaction(engine) as s:
        rows = [{c: getattr(p, c) for c in COLUMNS} for p in s.scalars(query)]
    return pd.DataFrame(rows, columns=list(COLUMNS))
