"""Site photos: checked (type, size), stored under random names, EXIF date and GPS read,
a photo taken far from its project flagged, thumbnails made.

The file is written before the database row and removed again if the row cannot be
written, so a failed upload leaves neither.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from PIL import ExifTags, Image, UnidentifiedImageError

from geo.refusals import Refusal, Term
from geo.storage import photos as stored_photos
from geo.storage import store
from geo.storage.store import Engine

FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
#: A photo taken further than this from its project's point is flagged.
FAR_FROM_SITE_M = 1_000.0
THUMB_SIZE = (320, 320)


@dataclass(frozen=True)
class PhotoInfo:
    """What the bytes say about themselves."""

    content_type: str
    extension: str
    size_bytes: int
    taken_at: dt.datetime | None
    lon: float | None
    lat: float | None


def _degrees(parts: tuple, ref: str) -> float:
    d, m, s = (float(x) for x in parts)
    value = d + m / 60 + s / 3600
    return -value if ref in ("S", "W") else value


def inspect(data: bytes, filename: str, max_bytes: int) -> PhotoInfo:
    """Check an upload and read its EXIF; ``ValueError`` names the file and what is wrong."""
    if len(data) > max_bytes:
        raise Refusal(
            "photo_too_big",
            file=filename,
            size=f"{len(data) / 1e6:.1f}",
            limit=f"{max_bytes / 1e6:.0f}",
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise Refusal("not_a_picture", file=filename) from exc
    if image.format not in FORMATS:
        raise Refusal("picture_format", file=filename, format=image.format)
    exif = image.getexif()
    taken_at = None
    stamp = exif.get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal) or exif.get(
        ExifTags.Base.DateTime
    )
    if stamp:
        try:
            taken_at = dt.datetime.strptime(str(stamp).strip(), "%Y:%m:%d %H:%M:%S")
        except ValueError:
            taken_at = None  # a camera with a broken clock: keep the photo, not the date
    lon = lat = None
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    try:
        lat = _degrees(gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef, "N"))
        lon = _degrees(gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        lon = lat = None
    content_type, extension = FORMATS[image.format]
    return PhotoInfo(content_type, extension, len(data), taken_at, lon, lat)


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres."""
    r = 6_371_008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def thumbnail_path(photo_dir: Path, file_name: str) -> Path:
    return photo_dir / "thumbs" / (Path(file_name).stem + ".jpg")


def add_photo(
    engine: Engine,
    project_id: int,
    data: bytes,
    filename: str,
    *,
    photo_dir: Path,
    max_bytes: int,
    caption: str | None = None,
    problem_id: int | None = None,
    actor: str | None = None,
) -> int:
    """Check, store and record a photo of a project (and optionally of one of its problems)."""
    info = inspect(data, filename, max_bytes)
    name = uuid.uuid4().hex + info.extension
    photo_dir.mkdir(parents=True, exist_ok=True)
    (photo_dir / "thumbs").mkdir(exist_ok=True)
    path, thumb = photo_dir / name, thumbnail_path(photo_dir, name)
    path.write_bytes(data)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.thumbnail(THUMB_SIZE)
            image.convert("RGB").save(thumb, "JPEG", quality=80)
        with store.transaction(engine, write=True, actor=actor) as s:
            site = stored_photos.project_site(s, project_id)
            if site is None:
                raise Refusal("not_found", kind=Term.of("record.projects"), id=project_id)
            far = None if info.lon is None else distance_m(info.lon, info.lat, *site)
            return stored_photos.record_photo(
                s,
                project_id=project_id,
                problem_id=problem_id,
                file_name=name,
                original_name=filename[:255],
                content_type=info.content_type,
                size_bytes=info.size_bytes,
                taken_at=info.taken_at,
                lon=info.lon,
                lat=info.lat,
                distance_m=far,
                caption=caption,
                uploaded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            )
    except BaseException:
        path.unlink(missing_ok=True)
        thumb.unlink(missing_ok=True)
        raise


def load_photos(engine: Engine, project_id: int) -> pd.DataFrame:
    """A project's photos, newest first (by when they were taken, else uploaded), with ``far``."""
    frame = stored_photos.photos_of(engine, project_id)
    frame["far"] = [d is not None and d == d and d > FAR_FROM_SITE_M for d in frame["distance_m"]]
    frame["when"] = [
        t if t is not None and t == t else u
        for t, u in zip(frame["taken_at"], frame["uploaded_at"], strict=True)
    ]
    return frame.sort_values("when", ascending=False).reset_index(drop=True)


def strip_caption(photo: dict[str, object], lang: str) -> str:
    """ "2026年11月20日 · 主体封顶 · ⚠ taken 4.7 km from the site" under a thumbnail."""
    from geo import formatting
    from geo.i18n import t

    when = photo["when"]
    parts = [formatting.date(when.date() if hasattr(when, "date") else when, lang)]
    if photo.get("caption"):
        parts.append(str(photo["caption"]))
    if photo.get("far"):
        parts.append(t("photos.far", lang, km=photo["distance_m"] / 1000))
    return " · ".join(parts)
