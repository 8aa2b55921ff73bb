"""Configuration, read once from the environment with defaults that work offline.

Every setting has one name here; pages and commands never read ``os.environ``
themselves.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from geo import vocab
from geo.refusals import Refusal, Setting
from geo.tiles import basemap

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
STATIC_DIR = REPO_ROOT / "static"
DEFAULT_DB_PATH = DATA_DIR / "dashboard.db"

LANGUAGES = vocab.LANGUAGES
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
    #: The quarterly ranking's weights (``GEO_RANKING_WEIGHTS``, see geo.workflow.ranking).
    ranking_weights: str = ""
    #: A roadmap up to this many days late is amber, beyond it red (``GEO_ROADMAP_AMBER_DAYS``).
    roadmap_amber_days: int = 10
    #: The address people open the app at, for shared project links and QR codes
    #: (``GEO_PUBLIC_URL``).
    public_url: str = "http://localhost:8501"
    #: The letters of the month (geo.workflow.letters): the day of the month they are issued
    #: (``GEO_LETTER_DAY``), how many days ahead a reminder looks
    #: (``GEO_LETTER_REMINDER_DAYS``) and the office's short name in their numbers
    #: (``GEO_LETTER_PREFIX``: 重点办督〔2026〕3号).
    letter_day: int = 2
    letter_reminder_days: int = 10
    letter_prefix: str = "重点办"
    #: The escalation ladder (geo.workflow.escalation): days an open item stays at each step
    #: before the next (``GEO_ESCALATION_DAYS``, "15,15,30,30": at the supervision letter before
    #: 效能告诫, at 效能告诫 before 约谈, at 约谈 before 问责, at 问责 before 移交纪委监委).
    escalation_days: tuple[int, ...] = (15, 15, 30, 30)
    #: The office's area by administrative code (``GEO_AREA_CODE``, 420625 = 谷城县): its real
    #: outline on the map (geo.ingest.areas); empty: none drawn.
    area_code: str = ""
    #: Notices (geo.workflow.notices): rules switched off (``GEO_NOTIFY_OFF``, "digest,bulletin"), quiet
    #: hours (``GEO_NOTIFY_QUIET``, "22-8") and how many days ahead a deadline is reminded
    #: (``GEO_NOTIFY_REMINDER_DAYS``).
    notify_off: frozenset[str] = frozenset()
    notify_quiet: str = "22-8"
    notify_reminder_days: int = 3
    #: Phone pages (geo.reports.phone) are served here: the app runs behind nginx with a publisher
    #: (``GEO_PHONE_PAGES=1``, set by ``python -m geo serve``), so the project page offers
    #: phone links.
    phone_pages: bool = False
    #: Sign-in lockout (geo.storage.signin): after this many failures in a row
    #: (``GEO_SIGNIN_LOCK_AFTER``) a name is locked for this many minutes
    #: (``GEO_SIGNIN_LOCK_MINUTES``).
    signin_lock_after: int = 5
    signin_lock_minutes: int = 15
    #: Staying signed in (geo.storage.sessions): a browser signs in again after this many hours
    #: without using the app (``GEO_SESSION_IDLE_HOURS``) and this many days after signing in
    #: whatever happens (``GEO_SESSION_MAX_DAYS``).
    session_idle_hours: int = 8
    session_max_days: int = 7


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
        raise Refusal("not_megabytes", field=_field("GEO_PHOTO_MAX_MB"), value=text) from None
    if value <= 0:
        raise Refusal("not_megabytes", field=_field("GEO_PHOTO_MAX_MB"), value=text)
    return int(value * 1024 * 1024)


def _days(text: str, name: str = "GEO_ROADMAP_AMBER_DAYS", most: int | None = None) -> int:
    if not text.strip().isdigit():
        raise Refusal("not_days", field=_field(name), value=text)
    if most is not None and not 1 <= int(text) <= most:
        raise Refusal("days_between", field=_field(name), value=text, most=most)
    return int(text)


def _area(text: str) -> str:
    area = text.strip().lower() or "county"
    if area not in AREAS:
        raise Refusal("area_kind", field=_field("GEO_AREA"), value=text)
    return area


def _ranking_weights(text: str) -> str:
    if text.strip():  # checked here so a typo fails at start-up
        from geo.weights import parse_weights

        parse_weights(text)
    return text.strip()


#: The office's settings, changed by its administrator in the app (stored in ``app_settings``
#: under these names) or set by the server's environment, which wins when set.
OFFICE_SETTINGS = (
    "GEO_ISSUER",
    "GEO_LETTER_PREFIX",
    "GEO_AREA",
    "GEO_AREA_CODE",
    "GEO_TOUR_START",
    "GEO_LETTER_DAY",
    "GEO_LETTER_REMINDER_DAYS",
    "GEO_ESCALATION_DAYS",
    "GEO_RANKING_WEIGHTS",
    "GEO_SCORE_CRITERIA",
    "GEO_ROADMAP_AMBER_DAYS",
    "GEO_TILES",
    "GEO_TIANDITU_KEY",
    "GEO_PUBLIC_URL",
    "GEO_NOTIFY_OFF",
    "GEO_NOTIFY_QUIET",
    "GEO_NOTIFY_REMINDER_DAYS",
)
#: Settings never shown back in full.
SECRET_SETTINGS = frozenset({"GEO_TIANDITU_KEY"})


def server_value(name: str, environ: dict[str, str] | None = None) -> str:
    """What the server's environment sets ``name`` to ("" when it does not)."""
    env = os.environ if environ is None else environ
    return env.get(name, "").strip()


def default_value(name: str) -> str:
    """An office setting's value when neither the server nor the office sets it."""
    if name == "GEO_RANKING_WEIGHTS":  # empty means the method's own weights: show them
        from geo.weights import Weights, format_weights

        return format_weights(Weights())
    if name == "GEO_SCORE_CRITERIA":
        from geo.weights import DEFAULT_CRITERIA, format_criteria

        return format_criteria(DEFAULT_CRITERIA)
    value = getattr(load_settings({}), name.removeprefix("GEO_").lower())
    if isinstance(value, frozenset):
        return ",".join(sorted(value))
    return ",".join(f"{v:g}" for v in value) if isinstance(value, tuple) else str(value)


#: What a setting looks like, where its default is not the best example.
_EXAMPLES = {"GEO_PUBLIC_URL": "http://192.168.1.10:8501"}


def example_value(name: str) -> str:
    """A value of the setting to show in its help: ``http://192.168.1.10:8501``."""
    return _EXAMPLES.get(name) or default_value(name)


def fixed_by_server(environ: dict[str, str] | None = None) -> frozenset[str]:
    """The office settings the server's environment sets (the app shows them, cannot change
    them)."""
    env = os.environ if environ is None else environ
    return frozenset(k for k in OFFICE_SETTINGS if env.get(k, "").strip())


def load_settings(
    environ: dict[str, str] | None = None, stored: dict[str, str] | None = None
) -> Settings:
    """Read settings from ``environ`` (default ``os.environ``) over the office's ``stored``
    ones (:data:`OFFICE_SETTINGS`), and check them: a bad value raises ValueError naming it."""
    env = os.environ if environ is None else environ
    if stored:
        office = {k: v for k, v in stored.items() if k in OFFICE_SETTINGS and v.strip()}
        env = {**office, **{k: v for k, v in env.items() if v.strip() or k not in office}}
    language = env.get("GEO_LANG", "zh").strip().lower() or "zh"
    if language not in LANGUAGES:
        raise Refusal("not_a_language", field=_field("GEO_LANG"), value=language, choices=LANGUAGES)
    tiles = env.get("GEO_TILES", "osm").strip() or "osm"
    tianditu_key = env.get("GEO_TIANDITU_KEY", "").strip()
    basemap(tiles, tianditu_key)  # refuses what cannot be drawn
    return Settings(
        db_url=env.get("GEO_DB_URL", "").strip() or default_db_url(),
        language=language,
        tiles=tiles,
        tiles_attribution=env.get("GEO_TILES_ATTR", "").strip(),
        tianditu_key=tianditu_key,
        tour_start=parse_point(
            env.get("GEO_TOUR_START", "111.6448,32.2628"), _field("GEO_TOUR_START")
        ),
        score_criteria=_score_criteria(env.get("GEO_SCORE_CRITERIA", "")),
        osrm_url=env.get("GEO_OSRM_URL", "").strip(),
        photo_dir=Path(env.get("GEO_PHOTO_DIR", "").strip() or DATA_DIR / "photos"),
        photo_max_bytes=_megabytes(env.get("GEO_PHOTO_MAX_MB", "10")),
        static_url=env.get("GEO_STATIC_URL", "/app/static").strip().rstrip("/"),
        issuer=env.get("GEO_ISSUER", "").strip() or Settings.issuer,
        area=_area(env.get("GEO_AREA", "county")),
        ranking_weights=_ranking_weights(env.get("GEO_RANKING_WEIGHTS", "")),
        roadmap_amber_days=_days(env.get("GEO_ROADMAP_AMBER_DAYS", "10")),
        public_url=_web_address(env.get("GEO_PUBLIC_URL", "")),
        letter_day=_days(env.get("GEO_LETTER_DAY", "2"), "GEO_LETTER_DAY", most=28),
        letter_reminder_days=_days(
            env.get("GEO_LETTER_REMINDER_DAYS", "10"), "GEO_LETTER_REMINDER_DAYS", most=60
        ),
        letter_prefix=env.get("GEO_LETTER_PREFIX", "").strip() or Settings.letter_prefix,
        escalation_days=_escalation_days(env.get("GEO_ESCALATION_DAYS", "")),
        area_code=_area_code(env.get("GEO_AREA_CODE", "")),
        notify_off=_rules_off(env.get("GEO_NOTIFY_OFF", "")),
        notify_quiet=_quiet(env.get("GEO_NOTIFY_QUIET", "")),
        notify_reminder_days=_days(
            env.get("GEO_NOTIFY_REMINDER_DAYS", "3"), "GEO_NOTIFY_REMINDER_DAYS", most=30
        ),
        phone_pages=env.get("GEO_PHONE_PAGES", "").strip().lower() in ("1", "on", "yes", "true"),
        signin_lock_after=_days(
            env.get("GEO_SIGNIN_LOCK_AFTER", "5"), "GEO_SIGNIN_LOCK_AFTER", most=100
        ),
        signin_lock_minutes=_days(
            env.get("GEO_SIGNIN_LOCK_MINUTES", "15"), "GEO_SIGNIN_LOCK_MINUTES", most=24 * 60
        ),
        session_idle_hours=_days(
            env.get("GEO_SESSION_IDLE_HOURS", "8"), "GEO_SESSION_IDLE_HOURS", most=24 * 7
        ),
        session_max_days=_days(
            env.get("GEO_SESSION_MAX_DAYS", "7"), "GEO_SESSION_MAX_DAYS", most=90
        ),
    )


def _escalation_days(text: str) -> tuple[int, ...]:
    """ "15,15,30,30" → (15, 15, 30, 30): one number of days for each step but the last."""
    if not text.strip():
        return Settings.escalation_days
    parts = [p for p in re.split(r"[,，、\s]+", text.strip()) if p]
    wanted = len(vocab.ESCALATION_STEPS) - 1
    if len(parts) != wanted or not all(p.isdecimal() and 1 <= int(p) <= 365 for p in parts):
        raise Refusal("escalation_days", field=_field("GEO_ESCALATION_DAYS"), value=text, n=wanted)
    return tuple(int(p) for p in parts)


def _area_code(text: str) -> str:
    text = text.strip()
    if text and not re.fullmatch(r"\d{6}", text):
        raise Refusal("area_code", field=_field("GEO_AREA_CODE"), value=text)
    return text


def _score_criteria(text: str) -> str:
    if text.strip():  # checked here so a typo fails at start-up
        from geo.weights import parse_criteria

        parse_criteria(text)
    return text.strip()


def _rules_off(text: str) -> frozenset[str]:
    RULES = vocab.NOTICE_RULES
    off = frozenset(w.strip() for w in re.split(r"[,，、\s]+", text) if w.strip())
    unknown = sorted(off - set(RULES))
    if unknown:
        raise Refusal(
            "not_rules", field=_field("GEO_NOTIFY_OFF"), value=",".join(unknown), choices=RULES
        )
    return off


def _quiet(text: str) -> str:
    text = text.strip() or Settings.notify_quiet
    if not re.fullmatch(r"([01]?\d|2[0-3])\s*[-–]\s*([01]?\d|2[0-3])", text):
        raise Refusal("not_quiet_hours", field=_field("GEO_NOTIFY_QUIET"), value=text)
    return text


def _web_address(text: str) -> str:
    """The public address: http(s)://host[:port][/path], so links and QR codes open."""
    text = text.strip() or Settings.public_url
    if not re.fullmatch(r"https?://[^\s/:?#]+(:\d{1,5})?(/[^\s]*)?", text):
        raise Refusal(
            "not_a_web_address",
            field=_field("GEO_PUBLIC_URL"),
            value=text,
            example=_EXAMPLES["GEO_PUBLIC_URL"],
        )
    return text.rstrip("/")


def _field(name: str) -> Setting:
    """A setting as a refusal names it: its label in the reader's language (in English also
    its variable, for the server's operator)."""
    return Setting.named(name)
