"""The app's frame: page setup, the sidebar every page shares (language, as-of date, who is
signed in), the navigation, and the guard around each page. ``app.py`` calls :func:`run_app`."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from geo import formatting
from geo.config import LANGUAGES
from geo.ui import auth, resources, state
from geo.ui.guard import page_guard
from geo.ui.text import lang, localise_chrome, tr

_UNDER_APP = "_page_runs_under_app"
_SEEN_APP = "_session_has_run_app"
_LANG_NAMES = {"zh": "中文", "en": "English"}

# Sections of the navigation ("nav.<section>") and their pages: (page file and URL, icon);
# titles come from the translation table as "page.<name>".
PAGE_SECTIONS = {
    "map": (
        ("overview", ":material/map:"),
        ("project", ":material/assignment:"),
        ("trends", ":material/trending_up:"),
    ),
    "supervision": (
        ("board", ":material/report:"),
        ("problem", ":material/task_alt:"),
        ("meetings", ":material/groups:"),
    ),
    "tours": (
        ("tour", ":material/route:"),
        ("present", ":material/slideshow:"),
        ("scoring", ":material/leaderboard:"),
    ),
    "pipeline": (
        ("library", ":material/inventory_2:"),
        ("signing", ":material/handshake:"),
    ),
    "office": (
        ("ranking", ":material/military_tech:"),
        ("yearend", ":material/event_available:"),
        ("roadmap", ":material/flag:"),
        ("resumption", ":material/engineering:"),
        ("bulletin", ":material/newspaper:"),
        ("letters", ":material/mail:"),
        ("report", ":material/edit_calendar:"),
        ("data", ":material/upload_file:"),
        ("notices", ":material/campaign:"),
        ("settings", ":material/settings:"),
    ),
}
PAGE_NAMES = tuple(name for pages in PAGE_SECTIONS.values() for name, _icon in pages)


def page_setup() -> None:
    """Title, icon and wide layout of every page."""
    st.set_page_config(page_title="重点项目 · Key projects", page_icon="🏗️", layout="wide")


def run_app() -> None:
    """What ``app.py`` does on every run: the frame, then the chosen page inside its guard."""
    page_setup()
    with page_guard("sidebar"):
        sidebar()
    sections = {
        tr(f"nav.{section}"): [
            st.Page(
                f"pages/{name}.py",
                title=tr(f"page.{name}"),
                icon=icon,
                url_path=name,
                default=name == "overview",
            )
            if auth.page_allowed(name)
            # Not offered, but its address (a link someone sent) says why in the user's
            # language, instead of Streamlit's own "Page not found".
            else st.Page(
                _not_for_you(name),
                title=tr(f"page.{name}"),
                icon=icon,
                url_path=name,
                visibility="hidden",
            )
            for name, icon in pages
        ]
        for section, pages in PAGE_SECTIONS.items()
    }
    first_run = False
    with page_guard("sidebar"):  # a database that fails here fails visibly, not as a traceback
        first_run = resources.first_run()
    if first_run:
        # A new office: the setup is the only page until it has an administrator (or the
        # demo county), whatever address was opened.
        setup = st.Page(
            "pages/settings.py",
            title=tr("page.setup"),
            icon=":material/settings:",
            url_path="settings",
            default=True,
        )
        navigation = st.navigation([setup], position="hidden")
        with page_guard("settings"):
            navigation.run()
        return
    if auth.sign_in_needed():
        # The address stays (a shared link opens its page after signing in), but no page runs
        # and no list of pages shows (never Streamlit's own list of files). The sidebar, where
        # the sign-in box is, opens: on a phone it is otherwise hidden behind ».
        st.set_page_config(initial_sidebar_state="expanded")
        st.navigation(sections, position="hidden")
        st.info(tr("auth.required"))
        st.stop()
    if auth.just_signed_in():  # the sidebar opened for signing in: on a phone it gives way now
        st.set_page_config(initial_sidebar_state="auto")
    navigation = st.navigation(sections, expanded=True)  # every page in view, not "View 3 more"
    with page_guard(navigation.url_path or "overview"):
        navigation.run()


def _not_for_you(name: str) -> Callable[[], None]:
    def not_for_you() -> None:
        who = auth.principal()
        role = tr(f"role.{who.role}") if who is not None else ""
        st.title(tr(f"page.{name}"))
        st.info(tr("auth.page_not_for_role", role=role))

    not_for_you.__name__ = f"not_for_you_{name}"  # Streamlit tells pages apart by it
    return not_for_you


def entrypoint_guard() -> None:
    """Make sure a page has app.py's setup and sidebar.

    With a ``pages/`` folder beside app.py, Streamlit starts in its old multipage mode and,
    until some session has run app.py (which calls ``st.navigation``), runs a deep link
    such as ``/project?project=3`` as a bare script. The old mode is switched off and a
    session that has never been through app.py (a page load) is rerun through it. A session
    that has (only Streamlit's AppTest gets here, resetting the mode on every run) gets the
    setup inline instead: a rerun would swallow the click that started the run.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if st.session_state.pop(_UNDER_APP, False):  # sidebar() marks every run it starts
        # Again, though sidebar() just did: a run that a rerun cut short can leave the flag
        # behind, and a page must never run on another run's sign-in state.
        auth.authorize()
        return
    PagesManager.uses_pages_directory = False
    if not st.session_state.get(_SEEN_APP):
        st.rerun()
    page_setup()
    sidebar()
    st.session_state.pop(_UNDER_APP, None)
    auth.authorize()


def _language_chosen() -> None:
    # A callback runs before the script: the whole run, the switch's label included, is in
    # the new language. Pressing the language already chosen deselects it (None): it stays.
    chosen = st.session_state.get("_lang_widget")
    state.set_lang(chosen)
    if chosen in LANGUAGES:
        auth.language_chosen(chosen)  # kept for this browser's next reload or tab


def _language_switch() -> None:
    st.segmented_control(
        tr("app.language"),
        options=list(LANGUAGES),
        format_func=_LANG_NAMES.get,  # each language by its own name: the same in both
        default=lang(),
        key="_lang_widget",
        on_change=_language_chosen,
    )


def _as_of_chosen(picked: object, dates: list) -> None:
    picked = state.coerce_date(picked)
    if picked is not None and picked not in dates:
        return  # a label left by the other language, or a date no longer reported
    # The latest report stays "the latest" (None) when newer reports come in.
    state.set_as_of(None if picked is None or picked == dates[0] else picked)


def _date_label(day: object, language: str) -> str:
    # Bound to the language the widget is drawn in: its labels are that language's.
    return formatting.date(day, language)


def _as_of_select() -> None:
    dates = resources.report_dates()
    if not dates:
        return
    chosen = state.as_of()
    key = state.widget_key("as_of")
    st.selectbox(
        tr("filter.as_of"),
        dates,
        index=dates.index(chosen) if chosen in dates else 0,
        format_func=functools.partial(_date_label, language=lang()),
        key=key,
        # The callback runs before the script, so the whole run (the page too) has the date.
        on_change=lambda: _as_of_chosen(st.session_state.get(key), dates),
        placeholder=tr("select.placeholder"),
    )


def sidebar() -> None:
    """Language, as-of date, data source and sign-in; once per run, for every page."""
    st.session_state[_UNDER_APP] = True
    st.session_state[_SEEN_APP] = True
    resources.assets_ready()
    resources.schema_ready()
    state.set_lang(state.lang(resources.settings().language))
    auth.resume_session()  # before the language switch: a reload keeps the language chosen
    with st.sidebar:
        _language_switch()
        _as_of_select()
        # Where the data lives is nobody's business before signing in.
        if auth.authorize(stop=False) is not None or not auth.sign_in_needed():
            url = resources.engine().url.render_as_string(hide_password=True)
            st.caption(f"{tr('app.data_source')}: `{url}`")
        auth.account_box()
        localise_chrome()
    if auth.authorize(stop=False) is None and auth.sign_in_needed():
        st.session_state.pop(_UNDER_APP, None)  # this run ends before any page


def require_data() -> None:
    """Stop the page with a hint when the database has no schema or no projects yet."""
    if not resources.has_projects():
        st.info(tr("app.no_data"))
        area = resources.office_area()
        if area is not None:  # where the projects will be: the office's area on the map
            from geo.ui.office import area_preview

            area_preview(area, key="empty_area_map")
        st.stop()
