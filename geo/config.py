"""Configuration, read once from the environment with defaults that work offline.

Every setting has one name here; pages and commands never read ``os.environ``
themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from geo.refusals import Refusal
from geo.tiles import basemap

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
STATIC_DIR = REPO_ROOT / "static"
DEFAULT_DB_PATH = DATA_DIR / "dashboard.db"

LANGUAGES = ("zh", "en")
AREAS = ("county", "city", "district")


@dataclass(frozen=True)
class Settings:
    """What the app and the command line are configured with.

    Attributes
    ----------
    db_url:
        SQLAlchemy URL; SQLite file under ``data/`` unless ``GEO_DB_URL`` says otherwise.
    language:
        Default UI language, ``zh`` or ``en`` (``GEO_LANG``); the sidebar switch overrides it.
    tiles:
        ``osm`` (OpenStreetMap), ``gaode``, ``gaode_satellite``, ``tianditu``,
        ``tianditu_satellite``, ``none`` (offline, polygons only) or a tile URL template with
        ``{z}/{x}/{y}`` (``GEO_TILES``), e.g. a local tile server. All but ``none`` need a network.
    tiles_attribution:
        Attribution shown for a custom tile URL (``GEO_TILES_ATTR``).
    static_url:
        Where the browser finds the vendored Leaflet files (``GEO_STATIC_URL``).
    tianditu_key:
        The key for Tianditu tiles (``GEO_TIANDITU_KEY``).
    tour_start:
        Where inspection tours start and end (``GEO_TOUR_START``, "lon,lat" in WGS-84;
        default: the demo county's government building).
    photo_dir, photo_max_bytes:
        Where site photos are kept (``GEO_PHOTO_DIR``) and the largest accepted
        (``GEO_PHOTO_MAX_MB``, default 10).
    """

    db_url: str
    language: str
    tiles: str
    tiles_attribution: str
    static_url: str
    tianditu_key: str = ""
    tour_start: tuple[float, float] = (111.6448, 32.2628)
    osrm_url: str = ""  # a routing server (GEO_OSRM_URL); empty: straight lines × detour factor
    score_criteria: str = ""  # "key:label:weight;…" (GEO_SCORE_CRITERIA); empty: the usual four
    photo_dir: Path = DATA_DIR / "photos"
    photo_max_bytes: int = 10 * 1024 * 1024
    #: The office that issues bulletins and letters (``GEO_ISSUER``).
    issuer: str = "县重点项目建设工作领导小组办公室"
    #: ``county``, ``city`` or ``district`` (``GEO_AREA``): "全县" / "全市" / "全区" in documents.
    area: str = "county"
    #: The quarterly ranking's weights (``GEO_RANKING_WEIGHTS``, see geo.ranking).
    ranking_weights: str = ""
    #: A roadmap up to this many days late is amber, beyond it red (``GEO_ROADMAP_AMBER_DAYS``).
    roadmap_amber_days: int = 10
    #: The address people open the app at, for shared project links and QR codes
    #: (``GEO_PUBLIC_URL``).
    public_url: str = "http://localhost:8501"
    #: The letters of the month (geo.letters): the day of the month they are issued
    #: (``GEO_LETTER_DAY``), how many days ahead a reminder looks
    #: (``GEO_LETTER_REMINDER_DAYS``) and the office's short name in their numbers
    #: (``GEO_LETTER_PREFIX``: 重点办督〔2026〕3号).
    letter_day: int = 2
    letter_reminder_days: int = 10
    letter_prefix: str = "重点办"


def default_db_url() -> str:
    return f"sqlite:///{DEFAULT_DB_PATH}"


def parse_point(text: str, name: str) -> tuple[float, float]:
    """ "111.6448,32.2628" → (111.6448, 32.2628), longitude first."""
    try:
        lon, lat = (float(part) for part in text.replace("，", ",").split(","))
    except ValueError:
        raise Refusal("not_a_point", field=name, value=text) from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise Refusal("not_on_earth", field=name, value=text)
    return lon, lat


def _megabytes(text: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"GEO_PHOTO_MAX_MB={text!r} is not a number of megabytes") from None
    if value <= 0:
        raise ValueError(f"GEO_PHOTO_MAX_MB={text!r} must be more than 0")
    return int(value * 1024 * 1024)


def _days(text: str, name: str = "GEO_ROADMAP_AMBER_DAYS", most: int | None = None) -> int:
    if not text.strip().isdigit():
        raise ValueError(f"{name}={text!r} is not a whole number of days")
    if most is not None and not 1 <= int(text) <= most:
        raise ValueError(f"{name}={text!r} must be between 1 and {most}")
    return int(text)


def _area(text: str) -> str:
    area = text.strip().lower() or "county"
    if area not in AREAS:
        raise ValueError(f"GEO_AREA={text!r} is not one of {', '.join(AREAS)}")
    return area


def _ranking_weights(text: str) -> str:
    from geo.ranking import parse_weights  # checked here so a typo fails at start-up

    try:
        parse_weights(text)
    except ValueError as exc:
        raise ValueError(f"GEO_RANKING_WEIGHTS: {exc}") from None
    return text.strip()


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read settings from ``environ`` (default ``os.environ``) and check them."""
    env = os.environ if environ is None else environ
    language = env.get("GEO_LANG", "zh").strip().lower() or "zh"
    if language not in LANGUAGES:
        raise ValueError(f"GEO_LANG={language!r} is not a language; use one of {LANGUAGES}")
    tiles = env.get("GEO_TILES", "osm").strip() or "osm"
    tianditu_key = env.get("GEO_TIANDITU_KEY", "").strip()
    try:
        basemap(tiles, tianditu_key)
    except ValueError as exc:
        raise ValueError(f"GEO_TILES: {exc}") from None
    return Settings(
        db_url=env.get("GEO_DB_URL", "").strip() or default_db_url(),
        language=language,
        tiles=tiles,
        tiles_attribution=env.get("GEO_TILES_ATTR", "").strip(),
        tianditu_key=tianditu_key,
        tour_start=parse_point(env.get("GEO_TOUR_START", "111.6448,32.2628"), "GEO_TOUR_START"),
        score_criteria=env.get("GEO_SCORE_CRITERIA", "").strip(),
        osrm_url=env.get("GEO_OSRM_URL", "").strip(),
        photo_dir=Path(env.get("GEO_PHOTO_DIR", "").strip() or DATA_DIR / "photos"),
        photo_max_bytes=_megabytes(env.get("GEO_PHOTO_MAX_MB", "10")),
        static_url=env.get("GEO_STATIC_URL", "/app/static").strip().rstrip("/"),
        issuer=env.get("GEO_ISSUER", "").strip() or Settings.issuer,
        area=_area(env.get("GEO_AREA", "county")),
        ranking_weights=_ranking_weights(env.get("GEO_RANKING_WEIGHTS", "")),
        roadmap_amber_days=_days(env.get("GEO_ROADMAP_AMBER_DAYS", "10")),
        public_url=(env.get("GEO_PUBLIC_URL", "").strip() or Settings.public_url).rstrip("/"),
        letter_day=_days(env.get("GEO_LETTER_DAY", "2"), "GEO_LETTER_DAY", most=28),
        letter_reminder_days=_days(
            env.get("GEO_LETTER_REMINDER_DAYS", "10"), "GEO_LETTER_REMINDER_DAYS", most=60
        ),
        letter_prefix=env.get("GEO_LETTER_PREFIX", "").strip() or Settings.letter_prefix,
    )
