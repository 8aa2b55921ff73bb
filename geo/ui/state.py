"""What several pages share about one person's session, in one typed place.

The language, the as-of date, the chosen project and the map's filters are kept in
``st.session_state`` under plain keys, converted once on the way in (:func:`coerce_date`,
:func:`coerce_lang`, :func:`coerce_id`), so that a value left by another page, another
language or an older version of the app never reaches a function as the wrong type.

Widgets that show these values are keyed by :func:`widget_key`, which includes the
language: Streamlit keeps a keyed widget's value as the *label* the browser showed, and
after a switch from 中文 to English a label such as ``2026年9月30日`` matches no option, so
Streamlit would hand back that string instead of a date.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.config import LANGUAGES

LANG_KEY = "lang"
AS_OF_KEY = "as_of"
PROJECT_KEY = "project_id"
FILTER_KEY = "project_filter"


def coerce_lang(value: object, default: str) -> str:
    """``value`` if it is a language the app speaks, else ``default``."""
    return value if isinstance(value, str) and value in LANGUAGES else default


def coerce_date(value: object) -> dt.date | None:
    """A date from a date, a datetime or an ISO string (``"2026-09-30"``); else None.

    >>> coerce_date("2026-09-30")
    datetime.date(2026, 9, 30)
    >>> coerce_date("2026年9月30日") is None
    True
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def coerce_id(value: object) -> int | None:
    """A record id (a positive whole number) from an int or a digit string; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, float) and value.is_integer() and value > 0:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
        return number if number > 0 else None
    return None


def lang(default: str = "zh") -> str:
    """The UI language of this session (``zh`` or ``en``)."""
    return coerce_lang(st.session_state.get(LANG_KEY), default)


def set_lang(value: object) -> None:
    if isinstance(value, str) and value in LANGUAGES:
        st.session_state[LANG_KEY] = value


def as_of() -> dt.date | None:
    """The as-of date chosen in the sidebar; None means the latest report."""
    return coerce_date(st.session_state.get(AS_OF_KEY))


def set_as_of(value: dt.date | None) -> None:
    st.session_state[AS_OF_KEY] = coerce_date(value)


def project_id() -> int | None:
    """The project this session last opened."""
    return coerce_id(st.session_state.get(PROJECT_KEY))


def set_project_id(value: object) -> None:
    st.session_state[PROJECT_KEY] = coerce_id(value)


def key_for(name: str, language: str) -> str:
    """The key of the widget ``name`` on a screen in ``language``."""
    return f"_w.{name}.{language}"


def widget_key(name: str) -> str:
    """The key of a widget whose option labels depend on the language (see the module)."""
    return key_for(name, lang())


def shared(name: str, default: object = None) -> object:
    """A value kept for this session under ``name`` (what a widget last chose)."""
    return st.session_state.get(name, default)


def keep(name: str, value: object) -> None:
    st.session_state[name] = value
