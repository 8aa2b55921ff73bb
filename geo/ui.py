"""Streamlit pieces the pages share: language, cached data, the filter sidebar, the numbers.

Pages read widgets, call these and :mod:`geo`, and render; nothing here computes a
measure. Expensive things are cached: the engine as a resource, snapshots as data
keyed by a stamp of the database's contents, built maps as resources (so that
``st_folium`` sees the same map, with the same element ids, on every rerun).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import html
import re
import tempfile
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import (
    access,
    accounts,
    assets,
    bulletin,
    config,
    documents,
    filters,
    formatting,
    maps,
    measures,
    photos,
    problems,
    ranking,
    roadmap,
    snapshot,
    store,
    tiles,
)
from geo.filters import ProjectFilter
from geo.i18n import TEXTS, label, t
from geo.measures import Headline

LANG_KEY = "lang"
PROJECT_KEY = "project_id"
AS_OF_KEY = "as_of"
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
    "office": (
        ("ranking", ":material/military_tech:"),
        ("roadmap", ":material/flag:"),
        ("resumption", ":material/engineering:"),
        ("bulletin", ":material/newspaper:"),
        ("letters", ":material/mail:"),
        ("report", ":material/edit_calendar:"),
        ("data", ":material/upload_file:"),
    ),
}


@st.cache_resource
def settings() -> config.Settings:
    return config.load_settings()


def lang() -> str:
    """The UI language chosen in the sidebar (default from GEO_LANG)."""
    return st.session_state.get(LANG_KEY) or settings().language


def tr(key: str, **values: object) -> str:
    """:func:`geo.i18n.t` in the current language."""
    return t(key, lang(), **values)


def md(text: object) -> str:
    """Data text made inert for Streamlit's Markdown (titles, captions): shown as entered."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$])", r"\\\1", str(text))


@st.cache_resource
def _engine(url: str) -> Engine:
    return store.make_engine(url)


def engine() -> Engine:
    return _engine(settings().db_url)


@st.cache_resource
def _assets_ready() -> bool:
    assets.ensure_vendored()
    return True


@st.cache_resource
def _schema_ready(url: str) -> bool:
    # A database made by an earlier version is upgraded on start: migrations never drop data.
    eng = _engine(url)
    if store.schema_state(eng) == "old":
        store.migrate(eng)
    return True


def page_setup() -> None:
    """Title, icon and wide layout of every page."""
    st.set_page_config(page_title="重点项目 · Key projects", page_icon="🏗️", layout="wide")


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
        authorize()
        return
    PagesManager.uses_pages_directory = False
    if not st.session_state.get(_SEEN_APP):
        st.rerun()
    page_setup()
    sidebar()
    st.session_state.pop(_UNDER_APP, None)


def _keep(key: str) -> None:
    # Widget state is dropped on pages that do not draw the widget; a plain key is not.
    value = st.session_state.get(f"_{key}_widget")
    if value is not None:
        st.session_state[key] = value


def sidebar() -> None:
    """Language, as-of date and data source; called once per run from app.py, for every page."""
    st.session_state[_UNDER_APP] = True
    st.session_state[_SEEN_APP] = True
    _assets_ready()
    _schema_ready(settings().db_url)
    st.session_state.setdefault(LANG_KEY, settings().language)
    with st.sidebar:
        st.segmented_control(
            t("app.language", lang()),
            options=list(_LANG_NAMES),
            format_func=_LANG_NAMES.get,
            default=lang(),
            key=f"_{LANG_KEY}_widget",
            on_change=_keep,
            args=(LANG_KEY,),
        )
        dates = report_dates() if store.schema_is_current(engine()) else []
        if dates:
            chosen = st.session_state.get(AS_OF_KEY)
            st.selectbox(
                tr("filter.as_of"),
                dates,
                index=dates.index(chosen) if chosen in dates else 0,
                format_func=lambda d: formatting.date(d, lang()),
                key=f"_{AS_OF_KEY}_widget",
                on_change=_keep,
                args=(AS_OF_KEY,),
            )
        url = engine().url.render_as_string(hide_password=True)
        st.caption(f"{tr('app.data_source')}: `{url}`")
        _account_box()
    authorize()


def authorize() -> access.Principal | None:
    """Set who acts for this run (from this session's sign-in, or the kiosk), and stop the
    page with a sign-in hint when accounts exist and nobody is signed in. Every run passes
    here before a page draws anything (from :func:`sidebar` or :func:`entrypoint_guard`)."""
    has_accounts, kiosk = _accounts_state()
    who = st.session_state.get(PRINCIPAL_KEY) if has_accounts else None
    if who is None and kiosk:
        who = access.KIOSK_PRINCIPAL
    access.set_current(who)
    if who is None and has_accounts:  # accounts exist, nobody signed in, no kiosk
        st.session_state.pop(_UNDER_APP, None)  # this run ends here, not in a page
        st.info(tr("auth.required"))
        st.stop()
    return who


PRINCIPAL_KEY = "principal"
#: Pages that change data: not offered to viewers and kiosk screens (writes are refused at the
#: data layer anyway).
EDITING_PAGES = frozenset({"problem", "report", "data", "scoring"})


def _sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        return False


def _accounts_state() -> tuple[bool, bool]:
    """(accounts exist, kiosk mode on); both False on a database without the schema yet."""
    eng = engine()
    if not store.schema_is_current(eng) or not accounts.has_accounts(eng):
        return False, False
    return True, accounts.kiosk_enabled(eng)


def principal() -> access.Principal | None:
    """Who this session acts as: an account, the kiosk, or None (no accounts: open install)."""
    return access.current()


def page_allowed(name: str) -> bool:
    who = principal()
    return not (who is not None and not who.can_write and name in EDITING_PAGES)


def _sign_in() -> None:
    # A form callback: runs before the script, so the whole run already sees who signed in.
    username = st.session_state.get("sign_in_user", "")
    password = st.session_state.pop("sign_in_password", "")
    who = accounts.authenticate(engine(), username, password)
    if who is None:
        st.session_state["_sign_in_failed"] = True
    else:
        st.session_state[PRINCIPAL_KEY] = who


def _account_box() -> None:
    """The sign-in form, or who is signed in and a sign-out button."""
    has_accounts, kiosk = _accounts_state()
    if not has_accounts:
        return
    eng = engine()
    who = st.session_state.get(PRINCIPAL_KEY)
    if who is None and _sso_configured() and getattr(st.user, "is_logged_in", False):
        who = accounts.for_single_sign_on(eng, st.user.get("email"))
        st.session_state[PRINCIPAL_KEY] = who
    if who is not None:
        zones = f" · {'、'.join(who.zone_names)}" if who.zone_names else ""
        st.caption(
            tr("auth.signed_in_as", name=md(who.display_name), role=tr(f"role.{who.role}"))
            + md(zones)
        )
        if st.button(tr("auth.sign_out"), key="sign_out"):
            st.session_state.pop(PRINCIPAL_KEY, None)
            if _sso_configured() and getattr(st.user, "is_logged_in", False):
                st.logout()
            st.rerun()
        return
    with st.expander(tr("auth.sign_in"), expanded=not kiosk):
        with st.form("sign_in"):
            st.text_input(tr("auth.username"), key="sign_in_user")
            st.text_input(tr("auth.password"), type="password", key="sign_in_password")
            st.form_submit_button(tr("auth.sign_in"), on_click=_sign_in)
        if st.session_state.pop("_sign_in_failed", False):
            st.error(tr("auth.wrong"))
        if _sso_configured() and st.button(tr("auth.sso"), key="sso"):
            st.login()


def as_of() -> dt.date | None:
    """The as-of date chosen in the sidebar (None: the latest report)."""
    return st.session_state.get(AS_OF_KEY)


@st.cache_data(show_spinner=False, max_entries=16)
def _snapshot(url: str, as_of: dt.date | None, stamp: tuple) -> snapshot.Snapshot:
    del stamp  # part of the cache key only: new data, new snapshot
    days = settings().roadmap_amber_days
    return snapshot.take_snapshot(_engine(url), as_of, roadmap.Thresholds(amber_days=days))


@st.cache_data(show_spinner=False, max_entries=8)
def _bulletin_facts(url: str, as_of: dt.date | None, stamp: tuple) -> bulletin.BulletinFacts:
    del stamp
    return bulletin.compile_facts(_engine(url), as_of)


def bulletin_facts(as_of: dt.date | None) -> bulletin.BulletinFacts:
    """The monthly bulletin's figures at ``as_of`` (default: the latest report), cached."""
    return _bulletin_facts(settings().db_url, as_of, store.data_stamp(engine()))


@st.cache_data(show_spinner=False, max_entries=16)
def _ranking(url: str, by: str, as_of: dt.date | None, weights: str, stamp: tuple):  # noqa: ANN202
    del stamp
    return ranking.quarterly(_engine(url), by, as_of, ranking.parse_weights(weights))


def quarterly_ranking(by: str, as_of: dt.date | None):  # noqa: ANN201 - a DataFrame
    """:func:`geo.ranking.quarterly` with the configured weights, cached."""
    s = settings()
    return _ranking(s.db_url, by, as_of, s.ranking_weights, store.data_stamp(engine()))


@st.cache_data(show_spinner=False, max_entries=8)
def _report_history(url: str, until: dt.date, stamp: tuple):  # noqa: ANN202
    del stamp
    return store.load_report_history(_engine(url), until)


def report_history(until: dt.date):  # noqa: ANN201 - a DataFrame
    """Every report of ``until``'s year up to it, cached."""
    return _report_history(settings().db_url, until, store.data_stamp(engine()))


def document_downloads(document: documents.Document, stem: str) -> None:
    """Word and PDF buttons for an official document, each built only when clicked; without
    the Chinese font the PDF button is replaced by how to get one."""
    left, right = st.columns(2)
    left.download_button(
        tr("bulletin.download_docx"),
        functools.partial(documents.to_docx, document),
        file_name=f"{stem}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        icon=":material/description:",
    )
    try:
        documents.cjk_font()
    except ValueError as exc:
        right.warning(tr("bulletin.no_font", error=exc))
    else:
        right.download_button(
            tr("bulletin.download_pdf"),
            functools.partial(documents.to_pdf, document),
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
        )


def document_preview(document: documents.Document) -> None:
    """A bulletin or letter on screen, block by block; its text is data, shown as entered."""
    for block in document.blocks:
        if isinstance(block, documents.Masthead):
            st.markdown(f":red[**{md(block.text)}**]")
        elif isinstance(block, documents.Title):
            st.subheader(md(block.text), anchor=False)
        elif isinstance(block, documents.Centered):
            st.caption(md(block.text))
        elif isinstance(block, documents.Heading):
            st.markdown(f"**{md(block.text)}**")
        elif isinstance(block, documents.Paragraph | documents.Addressee):
            st.markdown(md(block.text))
        elif isinstance(block, documents.Table):
            st.dataframe(
                pd.DataFrame(list(block.rows), columns=list(block.header)),
                hide_index=True,
                width="stretch",
            )
        else:
            for line in block.lines:
                st.markdown(f"<div style='text-align:right'>{html.escape(line)}</div>",
                            unsafe_allow_html=True)  # fmt: skip


def run_and_rerun(step, *args: object, **kwargs: object) -> None:  # noqa: ANN001
    """Run a write; show a refusal in the users' words, or rerun to show the result."""
    try:
        step(*args, **kwargs)
    except ValueError as exc:
        st.error(md(exc))
    else:
        st.rerun()


def version_seen(kind: str, record_id: object, current: object) -> object:
    """The version of a record this session showed on its previous run — what a form just
    submitted was filled in from — and remember ``current`` for the next run."""
    key = f"_seen_{kind}_{record_id}"
    seen = st.session_state.get(key, current)
    st.session_state[key] = current
    return seen


def require_data() -> None:
    """Stop the page with a hint when the database has no schema or no projects yet."""
    eng = engine()
    if not store.schema_is_current(eng) or not store.count_rows(eng)["projects"]:
        st.info(tr("app.no_data"))
        st.stop()


def ensure_schema() -> None:
    """Create or upgrade the schema (the Data page must work on an empty database)."""
    if not store.schema_is_current(engine()):
        store.migrate(engine())


def save_upload(upload) -> Path:  # noqa: ANN001 - Streamlit's UploadedFile
    """An uploaded file on disk (readers want a path and its suffix), once per upload."""
    folder = Path(tempfile.gettempdir()) / "geo-uploads" / upload.file_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(upload.name).name
    if not path.exists():
        path.write_bytes(upload.getvalue())
    return path


def served(fmap: folium.Map) -> folium.Map:
    """A map pointed at the Leaflet files the app serves."""
    return assets.use_served_assets(fmap, settings().static_url)


def current_snapshot(as_of: dt.date | None = None) -> snapshot.Snapshot:
    """The measured projects at ``as_of`` (default: the latest report), cached."""
    return _snapshot(settings().db_url, as_of, store.data_stamp(engine()))


def report_dates() -> list[dt.date]:
    return store.report_dates(engine())


def filter_sidebar(projects, zones) -> ProjectFilter:  # noqa: ANN001 - DataFrames
    """The filter widgets (my zone first); returns what is chosen."""
    lg = lang()
    with st.sidebar:
        st.subheader(tr("filter.heading"))
        zone_names = [None, *zones["name"].tolist()]
        kinds = dict(zip(zones["name"], zones["kind"], strict=True))
        zone = st.selectbox(
            tr("filter.my_zone"),
            zone_names,
            format_func=lambda z: (
                tr("filter.all_zones") if z is None else f"{z} · {label('zone_kind', kinds[z], lg)}"
            ),
            key="filter_zone",
        )

        def pick(key: str, column: str, kind: str | None = None) -> tuple[str, ...]:
            options = filters.choices(projects, column)
            fmt = (lambda v: label(kind, v, lg)) if kind else str
            return tuple(
                st.multiselect(
                    tr(key),
                    options,
                    format_func=fmt,
                    key=f"filter_{column}",
                    placeholder=tr("filter.all"),
                )
            )

        return ProjectFilter(
            zone=zone,
            parks=pick("filter.park", "park"),
            townships=pick("filter.township", "township"),
            categories=pick("filter.category", "category", "category"),
            levels=pick("filter.level", "level", "level"),
            stages=pick("filter.stage", "stage", "stage"),
            leaders=pick("filter.leader", "lead_leader"),
        )


def problem_filters(flagged, zones) -> problems.ProblemFilter:  # noqa: ANN001 - DataFrames
    """The problem board's filter widgets in the sidebar."""
    lg = lang()
    with st.sidebar:
        st.subheader(tr("filter.heading"))
        zone = st.selectbox(tr("filter.my_zone"), [None, *zones["name"].tolist()], key="board_zone",
                            format_func=lambda z: tr("filter.all_zones") if z is None else z)  # fmt: skip

        def pick(key: str, column: str, fmt=str) -> tuple[str, ...]:  # noqa: ANN001
            options = filters.choices(flagged, column)
            return tuple(st.multiselect(tr(key), options, format_func=fmt, key=f"board_{column}",
                                        placeholder=tr("filter.all")))  # fmt: skip

        return problems.ProblemFilter(
            zone=zone,
            states=tuple(
                st.multiselect(
                    tr("board.state"),
                    problems.STATES,
                    key="board_states",
                    format_func=lambda s: tr(f"board.state.{s}"),
                    placeholder=tr("filter.all"),
                )
            ),  # fmt: skip
            projects=pick("board.project", "project"),
            units=pick("board.unit", "responsible_unit"),
            leaders=pick("filter.leader", "lead_leader"),
            categories=pick(
                "problem.category", "category", lambda c: label("problem_category", c, lg)
            ),
        )


def headline_strip(head: Headline) -> None:
    """Projects, plan, completed, rate against the time schedule, behind, under 30%."""
    lg = lang()
    cols = st.columns(6)
    cols[0].metric(tr("kpi.projects"), f"{head.projects:,}")
    money_metric(cols[1], "kpi.annual_plan", head.annual_plan_wan)
    money_metric(cols[2], "kpi.completed", head.completed_wan)
    rate_metric(cols[3], tr("kpi.completion_rate"), head.completion_rate, head.time_schedule)
    cols[4].metric(tr("kpi.behind_schedule"), f"{head.behind_schedule:,}")
    cols[5].metric(tr("kpi.below_30pct"), f"{head.below_30pct:,}")
    st.caption(
        tr("kpi.as_of", date=formatting.date(head.as_of, lg))
        + " · "
        + tr("kpi.time_schedule", value=formatting.percent(head.time_schedule))
    )


def money_metric(container, label_key: str, value_wan: float) -> None:  # noqa: ANN001
    """A sum of money with its unit (万元 or 亿元) in the label, so the number stays short."""
    number, unit = formatting.money_parts(value_wan)
    title = tr("kpi.in_unit", label=tr(label_key), unit=tr(f"unit.name.{unit}"))
    container.metric(title, number)


def rate_metric(container, title: str, rate: float, schedule: float) -> None:  # noqa: ANN001
    """A completion rate with its gap to the time schedule, in points, as the delta."""
    gap = rate - schedule
    container.metric(
        title,
        formatting.percent(rate),
        delta=None if gap != gap else f"{gap * 100:+.1f} pt",  # NaN: no plan, no gap
        help=tr("kpi.time_schedule", value=formatting.percent(schedule)),
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def _built_map(
    _snap: snapshot.Snapshot, key: tuple, chosen: ProjectFilter, options: maps.MapOptions
) -> folium.Map:
    del key  # identifies _snap, which is not hashed
    shown = filters.apply(_snap.projects, chosen)
    zone_rates = measures.zone_rates(shown, _snap.zones)
    focus = maps.zone_focus(zone_rates, chosen.zone) if chosen.zone else None
    return served(maps.overview_map(shown, zone_rates, options, focus=focus))


def basemap_choices() -> list[str]:
    """Backgrounds to offer: the configured one first, Tianditu only with a key."""
    s = settings()
    offered = [c for c in tiles.CHOICES if not c.startswith("tianditu") or s.tianditu_key]
    return [s.tiles, *(c for c in offered if c != s.tiles)]


def basemap_label(choice: str) -> str:
    key = f"tiles.{choice}"
    return tr(key) if key in TEXTS else tr("tiles.custom")


def overview_map(
    snap: snapshot.Snapshot, chosen: ProjectFilter, color_by: str, background: str | None = None
) -> folium.Map:
    """The overview map for the filtered projects, built once per distinct input."""
    s = settings()
    options = maps.MapOptions(
        color_by=color_by,
        lang=lang(),
        tiles=background or s.tiles,
        tiles_attribution=s.tiles_attribution,
        tianditu_key=s.tianditu_key,
        roadmap_amber_days=s.roadmap_amber_days,
        resumption_period=snap.resumption_period or "",
    )
    key = (s.db_url, snap.as_of, store.data_stamp(engine()))
    # st_folium rewrites the map it is given, so a cached map may be handed over only once;
    # a copy keeps the element ids (and so the component's identity) stable across reruns.
    return copy.deepcopy(_built_map(snap, key, chosen, options))


def drilldown_map(fmap: folium.Map, key: str, height: int = 560) -> None:
    """Show a map whose project points open their drill-down when clicked."""
    from streamlit_folium import st_folium

    clicked_key = f"{key}_clicked_project"
    sites = maps.sites_of(fmap)

    def remember_click() -> None:
        # Fires only when the user interacts with the map, never on a mere rerun.
        st.session_state[clicked_key] = maps.clicked_project_id(st.session_state.get(key), sites)

    returned = ["last_active_drawing"] if sites is None else ["last_active_drawing", "last_clicked"]
    st_folium(fmap, key=key, height=height, use_container_width=True,
              returned_objects=returned, on_change=remember_click)  # fmt: skip
    clicked = st.session_state.pop(clicked_key, None)
    if clicked is not None:
        open_project(clicked)


def problem_list(ordered, key: str, *, with_project: bool = False) -> None:  # noqa: ANN001
    """A problem table (ordered as given); selecting a row opens that problem's page."""
    from geo.drilldown import problem_table

    selection = st.dataframe(problem_table(ordered, lang(), with_project=with_project), hide_index=True,
                             width="stretch", on_select="rerun", selection_mode="single-row", key=key)  # fmt: skip
    if selection and selection.selection.rows:
        problem_id = int(ordered.iloc[selection.selection.rows[0]]["id"])
        st.switch_page("pages/problem.py", query_params={"problem": str(problem_id)})


def photo_strip(project_id: int, problem_id: int | None = None) -> None:
    """A project's (or one of its problems') photos as a dated strip, and a form to add more."""
    s = settings()
    shown = photos.load_photos(engine(), project_id)
    if problem_id is not None:
        shown = shown[shown["problem_id"] == problem_id]
    if shown.empty:
        st.caption(tr("photos.none"))
    for row_start in range(0, min(len(shown), 12), 4):
        for column, photo in zip(
            st.columns(4), shown.iloc[row_start : row_start + 4].to_dict("records"), strict=False
        ):
            thumb = photos.thumbnail_path(s.photo_dir, photo["file_name"])
            if thumb.exists():
                column.image(str(thumb), caption=photos.strip_caption(photo, lang()))
    with st.form(f"photos_{project_id}_{problem_id}", clear_on_submit=True):
        uploads = st.file_uploader(tr("photos.upload"), type=["jpg", "jpeg", "png", "webp"],
                                   accept_multiple_files=True, max_upload_size=max(1, s.photo_max_bytes // 2**20))  # fmt: skip
        caption = st.text_input(tr("photos.caption"))
        if st.form_submit_button(tr("photos.save")) and uploads:
            saved = 0
            for upload in uploads:
                try:
                    photos.add_photo(engine(), project_id, upload.getvalue(), upload.name, photo_dir=s.photo_dir,
                                     max_bytes=s.photo_max_bytes, caption=caption or None, problem_id=problem_id)  # fmt: skip
                    saved += 1
                except ValueError as exc:
                    st.error(md(exc))
            if saved:
                st.success(tr("photos.saved", n=saved))


def open_project(project_id: int) -> None:
    """Go to the drill-down of ``project_id`` (also reachable as ``?project=ID``)."""
    st.session_state[PROJECT_KEY] = project_id
    st.switch_page("pages/project.py", query_params={"project": str(project_id)})
