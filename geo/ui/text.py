"""Words on screen: the current language's texts, data made inert for Markdown, and Streamlit's
own words in the app's language."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import streamlit as st

from geo import formatting, refusals
from geo.i18n import STREAMLIT_WORDS, t
from geo.ui import resources, state

_last_lang: list[str] = []


def lang() -> str:
    """The UI language chosen in the sidebar (default from GEO_LANG).

    Outside a script run (AppTest turning a widget's value back into its label between runs)
    there is no session to ask: the language of the last run is the one its labels were in.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None and _last_lang:
        return _last_lang[0]
    chosen = state.lang(resources.settings().language)
    _last_lang[:] = [chosen]
    return chosen


def tr(key: str, **values: object) -> str:
    """:func:`geo.i18n.t` in the current language."""
    return t(key, lang(), **values)


def md(text: object) -> str:
    """Data text made inert for Streamlit's Markdown (titles, captions): shown as entered.

    Streamlit's Markdown makes links of bare addresses (http://…, www.…, a@b.cn) after
    escapes are read, so a word joiner (invisible) goes after their first word instead."""
    text = _AUTOLINK.sub("\\1\u2060", str(text))
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$])", r"\\\1", text)


_AUTOLINK = re.compile(r"(?i)(\b(?:https?|ftp|mailto)(?=:)|\bwww(?=\.)|@)")


def said(error: BaseException) -> str:
    """What a person is told of ``error`` (a :class:`~geo.refusals.Refusal` in the UI's
    language), made inert for Markdown."""
    return md(refusals.said(error, lang()))


def data(text: object, limit: int | None = None) -> str:
    """Data text for a table cell or a bounded label: as entered, cut with "…" past ``limit``
    characters, and isolated so that a right-to-left mark in it cannot turn what follows."""
    value = "" if formatting.is_missing(text) else str(text)
    return formatting.isolate(formatting.shorten(value, limit) if limit else value)


@functools.cache
def _chrome_script() -> str:
    return (Path(__file__).with_name("chrome.js")).read_text(encoding="utf-8")


_PAGE_SCRIPTS = "_page_scripts"


def page_script(code: str) -> None:
    """Run ``code`` (trusted, made here) in the page once, with this run's chrome script."""
    st.session_state.setdefault(_PAGE_SCRIPTS, []).append(code)


def localise_chrome() -> None:
    """Put Streamlit's own words (upload button, empty lists, hints, date fields) in the UI's
    language; once per run, from the sidebar."""
    table = {
        "exact": dict(STREAMLIT_WORDS["exact"]),
        "patterns": [list(p) for p in STREAMLIT_WORDS["patterns"]],
    }
    script = (
        _chrome_script()
        .replace("GEO_LANG", json.dumps(lang()))
        .replace("GEO_TABLE", json.dumps(table, ensure_ascii=False))
    ) + "".join(f"\n;{code}" for code in st.session_state.pop(_PAGE_SCRIPTS, []))
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True, width="content")
