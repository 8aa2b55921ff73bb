"""What every session shares: settings, the engine, and data cached per database contents.

The engine is a resource (one pool per process); snapshots, bulletin figures and rankings are
cached data keyed by a stamp of the database's contents, so an edit anywhere shows at every
session's next rerun.
"""

from __future__ import annotations

import datetime as dt

import folium
import pandas as pd
import streamlit as st

from geo import config
from geo.core import snapshot
from geo.ingest import areas
from geo.reports import bulletin
from geo.storage import store
from geo.storage.store import Engine
from geo.views import assets
from geo.workflow import office, ranking, roadmap


@st.cache_resource
def _server_settings() -> config.Settings:
    return config.load_settings()


@st.cache_data(ttl=10, show_spinner=False)
def _office_settings(url: str) -> dict[str, str]:
    # Read again every few seconds: another app process may have saved new ones.
    return store.load_office_settings(_engine(url))


def settings() -> config.Settings:
    """The server's environment over the settings the office stored in the app."""
    url = _server_settings().db_url
    return config.load_settings(stored=_office_settings(url))


def first_run() -> bool:
    """No projects and no accounts yet: the app opens the setup instead of an empty map."""
    return office.first_run(engine())


def office_area() -> areas.Area | None:
    """The office's area (settings' administrative code), or None when none is set."""
    code = settings().area_code
    try:
        return areas.by_code(code) if code else None
    except ValueError:
        return None


def office_settings_changed() -> None:
    """After a save: the next read sees the new settings (in this process at once)."""
    _office_settings.clear()


@st.cache_resource
def _engine(url: str) -> Engine:
    return store.make_engine(url)


def engine() -> Engine:
    return _engine(_server_settings().db_url)


@st.cache_resource
def assets_ready() -> bool:
    assets.ensure_vendored()
    return True


@st.cache_resource
def _schema_ready(url: str) -> bool:
    # A database made by an earlier version is upgraded on start: migrations never drop data.
    eng = _engine(url)
    if store.schema_state(eng) == "old":
        store.migrate(eng)
    return True


def schema_ready() -> bool:
    return _schema_ready(_server_settings().db_url)


def has_schema() -> bool:
    return store.schema_is_current(engine())


def ensure_schema() -> None:
    """Create or upgrade the schema (the Data page must work on an empty database)."""
    if not store.schema_is_current(engine()):
        store.migrate(engine())


def has_projects() -> bool:
    return has_schema() and bool(store.count_rows(engine())["projects"])


def data_stamp() -> tuple:
    return store.data_stamp(engine())


# A resource, not data: every session gets the same snapshot instead of its own copy (at 50,000
# projects a copy per visit was 25 MB that stayed with the session). Pages derive new frames
# from it (pandas copies on write) and never assign into it.
@st.cache_resource(show_spinner=False, max_entries=8)
def _snapshot(url: str, as_of: dt.date | None, stamp: tuple) -> snapshot.Snapshot:
    del stamp  # part of the cache key only: new data, new snapshot
    days = settings().roadmap_amber_days
    return snapshot.take_snapshot(_engine(url), as_of, roadmap.Thresholds(amber_days=days))


def current_snapshot(as_of: dt.date | None = None) -> snapshot.Snapshot:
    """The measured projects at ``as_of`` (default: the latest report), cached."""
    return _snapshot(settings().db_url, as_of, data_stamp())


@st.cache_data(show_spinner=False, max_entries=8)
def _bulletin_facts(url: str, as_of: dt.date | None, stamp: tuple) -> bulletin.BulletinFacts:
    del stamp
    return bulletin.compile_facts(_engine(url), as_of)


def bulletin_facts(as_of: dt.date | None) -> bulletin.BulletinFacts:
    """The monthly bulletin's figures at ``as_of`` (default: the latest report), cached."""
    return _bulletin_facts(settings().db_url, as_of, data_stamp())


@st.cache_data(show_spinner=False, max_entries=16)
def _ranking(url: str, by: str, as_of: dt.date | None, weights: str, stamp: tuple) -> pd.DataFrame:
    del stamp
    return ranking.quarterly(_engine(url), by, as_of, ranking.parse_weights(weights))


def quarterly_ranking(by: str, as_of: dt.date | None) -> pd.DataFrame:
    """:func:`geo.workflow.ranking.quarterly` with the configured weights, cached."""
    s = settings()
    return _ranking(s.db_url, by, as_of, s.ranking_weights, data_stamp())


@st.cache_data(show_spinner=False, max_entries=8)
def _report_history(url: str, until: dt.date, stamp: tuple) -> pd.DataFrame:
    del stamp
    return store.load_report_history(_engine(url), until)


def report_history(until: dt.date) -> pd.DataFrame:
    """Every report of ``until``'s year up to it, cached."""
    return _report_history(settings().db_url, until, data_stamp())


def report_dates() -> list[dt.date]:
    return store.report_dates(engine()) if has_schema() else []


def served(fmap: folium.Map) -> folium.Map:
    """A map pointed at the Leaflet files the app serves."""
    return assets.use_served_assets(fmap, settings().static_url)
