"""Configuration, read once from the environment with defaults that work offline.

Every setting has one name here; pages and commands never read ``os.environ``
themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
STATIC_DIR = REPO_ROOT / "static"
DEFAULT_DB_PATH = DATA_DIR / "dashboard.db"

LANGUAGES = ("zh", "en")
TILE_CHOICES = ("osm", "none")


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
        ``osm`` (OpenStreetMap, needs the internet), ``none`` (offline, polygons only) or
        a tile URL template with ``{z}/{x}/{y}`` (``GEO_TILES``), e.g. a local tile server.
    tiles_attribution:
        Attribution shown for a custom tile URL (``GEO_TILES_ATTR``).
    static_url:
        Where the browser finds the vendored Leaflet files (``GEO_STATIC_URL``).
    """

    db_url: str
    language: str
    tiles: str
    tiles_attribution: str
    static_url: str


def default_db_url() -> str:
    return f"sqlite:///{DEFAULT_DB_PATH}"


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read settings from ``environ`` (default ``os.environ``) and check them."""
    env = os.environ if environ is None else environ
    language = env.get("GEO_LANG", "zh").strip().lower() or "zh"
    if language not in LANGUAGES:
        raise ValueError(f"GEO_LANG={language!r} is not a language; use one of {LANGUAGES}")
    tiles = env.get("GEO_TILES", "osm").strip() or "osm"
    if tiles not in TILE_CHOICES and "{z}" not in tiles:
        raise ValueError(
            f"GEO_TILES={tiles!r} is neither one of {TILE_CHOICES} nor a URL with {{z}}/{{x}}/{{y}}"
        )
    return Settings(
        db_url=env.get("GEO_DB_URL", "").strip() or default_db_url(),
        language=language,
        tiles=tiles,
        tiles_attribution=env.get("GEO_TILES_ATTR", "").strip(),
        static_url=env.get("GEO_STATIC_URL", "/app/static").strip().rstrip("/"),
    )
