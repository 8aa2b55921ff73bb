"""Site photos with real image files: checks, EXIF date and GPS, the far-from-site flag, storage."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import ExifTags, Image

from geo.ingest import photos
from geo.storage import audit, store


def jpeg_with_exif(
    lon: float | None, lat: float | None, taken: str | None = "2026:11:20 10:30:00"
) -> bytes:
    """A real JPEG whose EXIF says when and where it was taken (degrees, minutes, seconds)."""
    image = Image.new("RGB", (1200, 900), (120, 160, 90))
    exif = Image.Exif()
    if taken:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken
    if lon is not None:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)

        def dms(value: float) -> tuple[float, float, float]:
            d = int(value)
            m = int((value - d) * 60)
            return (float(d), float(m), round((value - d - m / 60) * 3600, 4))

        gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", dms(lat)
        gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "E", dms(lon)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def county(demo_copy_url: str) -> sa.Engine:
    return store.make_engine(demo_copy_url)


def _site(engine: sa.Engine, project_id: int = 1) -> tuple[float, float]:
    row = store.load_projects(engine).set_index("id").loc[project_id]
    return float(row["lon"]), float(row["lat"])


def test_a_photo_on_site(county: sa.Engine, tmp_path: Path) -> None:
    lon, lat = _site(county)
    data = jpeg_with_exif(lon + 0.001, lat)  # about 95 m east
    photo_id = photos.add_photo(
        county,
        1,
        data,
        "现场.jpg",
        photo_dir=tmp_path / "photos",
        max_bytes=10**7,
        caption="主体封顶",
        actor="孙磊",
    )
    stored = photos.load_photos(county, 1).set_index("id").loc[photo_id]
    assert stored["taken_at"] == dt.datetime(2026, 11, 20, 10, 30)
    assert stored["lon"] == pytest.approx(lon + 0.001, abs=1e-5) and stored["lat"] == pytest.approx(
        lat, abs=1e-5
    )
    assert 80 < stored["distance_m"] < 110 and not stored["far"]
    assert stored["file_name"] != "现场.jpg" and len(stored["file_name"]) == 36  # 32 hex + .jpg
    assert (tmp_path / "photos" / stored["file_name"]).read_bytes() == data
    with Image.open(photos.thumbnail_path(tmp_path / "photos", stored["file_name"])) as thumb:
        assert max(thumb.size) <= 320
    assert audit.history(county, "photos", photo_id)["actor"].tolist() == ["孙磊"]


def test_a_photo_far_from_its_site_is_flagged(county: sa.Engine, tmp_path: Path) -> None:
    lon, lat = _site(county)
    photo_id = photos.add_photo(
        county,
        1,
        jpeg_with_exif(lon + 0.05, lat),
        "x.jpg",
        photo_dir=tmp_path / "photos",
        max_bytes=10**7,
    )
    stored = photos.load_photos(county, 1).set_index("id").loc[photo_id]
    assert stored["distance_m"] > 4000 and stored["far"]


def test_a_picture_without_exif(county: sa.Engine, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40), "white").save(buffer, "PNG")
    photo_id = photos.add_photo(
        county, 1, buffer.getvalue(), "截图.png", photo_dir=tmp_path / "photos", max_bytes=10**7
    )
    stored = photos.load_photos(county, 1).set_index("id").loc[photo_id]
    assert stored["taken_at"] is None and stored["lon"] is None and not stored["far"]
    assert stored["content_type"] == "image/png"


@pytest.mark.parametrize(
    ("data", "max_bytes", "message"),
    [
        (b"%PDF-1.4 not a picture", 10**7, "报告.pdf: not a picture"),
        (b"GIF89a" + b"\x00" * 10, 10**7, "not a picture"),
        (jpeg_with_exif(None, None), 1_000, "more than the 0 MB allowed"),
    ],
)
def test_uploads_are_checked(
    county: sa.Engine, tmp_path: Path, data: bytes, max_bytes: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        photos.add_photo(
            county, 1, data, "报告.pdf", photo_dir=tmp_path / "photos", max_bytes=max_bytes
        )
    assert not list((tmp_path / "photos").glob("*.*"))  # nothing left behind


def test_a_failed_record_leaves_no_file(county: sa.Engine, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="there is no project 99999"):
        photos.add_photo(
            county,
            99999,
            jpeg_with_exif(None, None),
            "a.jpg",
            photo_dir=tmp_path / "photos",
            max_bytes=10**7,
        )
    assert not [p for p in (tmp_path / "photos").rglob("*") if p.is_file()]


def test_gif_is_refused_by_format(county: sa.Engine, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    with pytest.raises(ValueError, match="GIF pictures are not accepted"):
        photos.add_photo(
            county, 1, buffer.getvalue(), "a.gif", photo_dir=tmp_path / "photos", max_bytes=10**7
        )


def test_photos_of_a_problem(county: sa.Engine, tmp_path: Path) -> None:
    problem_id = int(store.load_problems(county).query("project_id == 1")["id"].iloc[0])
    photos.add_photo(
        county,
        1,
        jpeg_with_exif(None, None),
        "a.jpg",
        photo_dir=tmp_path / "p",
        max_bytes=10**7,
        problem_id=problem_id,
    )
    photos.add_photo(
        county, 1, jpeg_with_exif(None, None), "b.jpg", photo_dir=tmp_path / "p", max_bytes=10**7
    )
    shown = photos.load_photos(county, 1)
    assert len(shown) == 2 and shown["problem_id"].tolist().count(problem_id) == 1


def test_strip_caption() -> None:
    photo = {
        "when": dt.datetime(2026, 11, 20, 10, 30),
        "caption": "主体封顶",
        "far": True,
        "distance_m": 2400.0,
    }
    assert (
        photos.strip_caption(photo, "zh") == "2026年11月20日 · 主体封顶 · ⚠ 拍摄地点距项目 2.4 公里"
    )
    assert photos.strip_caption({**photo, "far": False, "caption": None}, "en") == "2026-11-20"
