"""The project library's forms for the office (项目库): add and edit a library project, take a
step on the ladder, stop or resume following a removed one, make it a key project, open a
declaration round, enter projects in it and record what came of them. The rules and the
access checks are :mod:`geo.workflow.library`'s and the data layer's; nothing is decided here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from geo import coords, formatting
from geo.i18n import label
from geo.ui.auth import principal
from geo.ui.resources import engine
from geo.ui.text import lang, md, tr
from geo.ui.widgets import refused, table, version_seen
from geo.vocab import CATEGORIES, DECLARATION_OUTCOMES, LEVELS, MATURITY_LADDER
from geo.workflow import library

#: Coordinate systems a site may be typed in (converted to WGS-84 on saving).
_SITE_SYSTEMS = (coords.WGS84, coords.GCJ02, coords.BD09)


def office_writes() -> bool:
    """Only the office keeps the library (the data layer checks it again at every write)."""
    who = principal()
    return who is None or who.role == "admin"


def _act(done_key: str, step: Callable[..., object], *args: object, **kwargs: object) -> None:
    """Run a write; on a refusal say why in the UI's language, else rerun to show the result."""
    try:
        step(engine(), *args, **kwargs)
    except ValueError as exc:
        refused(exc)
    else:
        st.toast(tr(done_key))
        st.rerun()


def _level_label(level: str | None) -> str:
    return tr("library.no_list") if level is None else label("list_level", level, lang())


def _fields(prefix: str, zones: pd.DataFrame, current: dict | None = None) -> library.LibraryFields:
    """The fields of a library project as a form asks for them (``current``: when editing)."""
    now = current or {}
    lg = lang()
    names = dict(zip(zones["id"].astype(int), zones["name"], strict=True))
    name = st.text_input(tr("library.name"), value=now.get("name") or "", key=f"{prefix}_name")
    left, right = st.columns(2)
    sectors = list(CATEGORIES)
    sector = left.selectbox(
        tr("library.sector"),
        sectors,
        index=sectors.index(now["sector"]) if now.get("sector") in sectors else 0,
        format_func=lambda c: label("category", c, lg),
        key=f"{prefix}_{lang()}_sector",
    )
    zone_ids = [None, *names]
    zone_id = right.selectbox(
        tr("library.zone"),
        zone_ids,
        index=zone_ids.index(now.get("zone_id")) if now.get("zone_id") in zone_ids else 0,
        format_func=lambda z: tr("library.no_zone") if z is None else names[z],
        key=f"{prefix}_{lang()}_zone",
    )
    money, land = st.columns(2)
    expected = money.number_input(
        tr("library.expected_investment_wan"),
        min_value=0.0,
        value=float(now.get("expected_investment_wan") or 0.0),
        step=100.0,
        key=f"{prefix}_expected",
    )
    land_mu = land.number_input(
        tr("library.land_mu"),
        min_value=0.0,
        value=None if formatting.is_missing(now.get("land_mu")) else float(now["land_mu"]),
        step=1.0,
        key=f"{prefix}_land",
    )
    unit = st.text_input(
        tr("library.source_unit"), value=now.get("source_unit") or "", key=f"{prefix}_unit"
    )
    site, system = st.columns([2, 1])
    shown = "" if formatting.is_missing(now.get("lon")) else f"{now['lon']:.6f},{now['lat']:.6f}"
    text = site.text_input(
        tr("library.site"), value=shown, help=tr("library.site_help"), key=f"{prefix}_site"
    )
    crs = system.selectbox(
        tr("library.site_system"),
        _SITE_SYSTEMS,
        format_func=lambda c: tr(f"library.crs.{c}"),
        key=f"{prefix}_{lang()}_crs",
    )
    note = st.text_area(tr("library.note"), value=now.get("note") or "", key=f"{prefix}_note")
    lon, lat = library.site_from(text, crs)
    return library.LibraryFields(
        name=name,
        sector=sector,
        expected_investment_wan=float(expected),
        land_mu=None if land_mu is None else float(land_mu),
        source_unit=unit,
        zone_id=zone_id,
        lon=lon,
        lat=lat,
        note=note,
    )


def project_card(
    project: dict, history: pd.DataFrame, zones: pd.DataFrame, *, today: dt.date, plan_year: int
) -> None:
    """One library project: where it stands, its facts, its history; the office's forms."""
    lg = lang()
    on_list = None if formatting.is_missing(project["list_level"]) else project["list_level"]
    with st.container(border=True):
        place = library.place_label(project["maturity"], on_list, lg)
        st.markdown(f"**{md(project['name'])}** · {place}")
        facts = [
            label("category", project["sector"], lg),
            tr(
                "library.fact.investment",
                value=formatting.money(float(project["expected_investment_wan"]), lg),
            ),
        ]
        if not formatting.is_missing(project["land_mu"]):
            facts.append(tr("library.fact.land", value=f"{project['land_mu']:,.0f}"))
        facts += [md(v) for v in (project["zone"], project["source_unit"]) if formatting.text(v)]
        st.caption(" · ".join(facts))
        if project["maturity"] == "removed":
            reason = md(formatting.text(project["removed_reason"], "—"))
            following = "library.following" if project["followed"] else "library.not_following"
            st.caption(tr("library.removed_because", reason=reason) + " · " + tr(following))
        if formatting.text(project["note"]):
            st.caption(md(project["note"]))
        st.markdown(f"**{tr('library.history')}**")
        table(library.history_table(history, lg))
        if not office_writes():
            if not formatting.is_missing(project["project_id"]):
                st.caption(tr("library.promoted_as", code=project["project_code"]))
            return
        step_tab, edit_tab, key_tab = st.tabs(
            [tr("library.take_step"), tr("library.edit"), tr("library.key_project")]
        )
        with step_tab:
            step_form(project, today)
            follow_buttons(project)
        with edit_tab:
            edit_form(project, zones)
        with key_tab:
            promote_button(project, plan_year)


def add_form(zones: pd.DataFrame, today: dt.date) -> None:
    """A new library project, entered as an idea or higher."""
    with st.expander(tr("library.add"), icon=":material/add:"), st.form("library_add"):
        try:
            fields = _fields("library_add", zones)
        except ValueError as exc:  # a site that is no place: said when saving
            fields, problem = None, exc
        left, middle, right = st.columns(3)
        maturity = left.selectbox(
            tr("library.first_maturity"),
            list(MATURITY_LADDER),
            format_func=lambda m: label("maturity", m, lang()),
            key=f"library_{lang()}_add_maturity",
        )
        level = middle.selectbox(
            tr("library.list_level"),
            [None, *LEVELS],
            format_func=_level_label,
            key=f"library_{lang()}_add_level",
        )
        entered_on = right.date_input(tr("library.entered_on"), value=today, key="library_add_on")
        if st.form_submit_button(tr("library.save"), type="primary"):
            if fields is None:
                refused(problem)
            else:
                _act(
                    "library.added",
                    library.add,
                    fields,
                    entered_on=entered_on,
                    maturity=maturity,
                    list_level=level,
                )


def edit_form(project: dict, zones: pd.DataFrame) -> None:
    """Correct a library project's fields (its maturity moves by steps)."""
    seen = version_seen("reserve_edit", project["id"], int(project["version"]))
    with st.form(f"library_edit_{project['id']}"):
        try:
            fields = _fields(f"library_edit_{project['id']}", zones, project)
        except ValueError as exc:
            fields, problem = None, exc
        if st.form_submit_button(tr("library.save")):
            if fields is None:
                refused(problem)
            else:
                _act("library.saved", library.edit, int(project["id"]), fields, version=seen)


def step_form(project: dict, today: dt.date) -> None:
    """Move the project on the ladder: up, off the list with a reason, or back in as reserve."""
    lg = lang()
    seen = version_seen("reserve_step", project["id"], int(project["version"]))
    on_list = None if formatting.is_missing(project["list_level"]) else project["list_level"]
    offered = library.moves_offered(project["maturity"], on_list)
    with st.form(f"library_step_{project['id']}"):
        left, middle, right = st.columns(3)
        maturity = left.selectbox(
            tr("library.to_maturity"),
            offered,
            format_func=lambda m: label("maturity", m, lg),
            key=f"library_{lang()}_step_to_{project['id']}",
        )
        level = middle.selectbox(
            tr("library.list_level"),
            [None, *LEVELS],
            format_func=_level_label,
            help=tr("library.list_level_help"),
            key=f"library_{lang()}_step_level_{project['id']}",
        )
        taken_on = right.date_input(
            tr("library.taken_on"), value=today, key=f"library_step_on_{project['id']}"
        )
        reason = st.text_input(
            tr("library.reason"),
            help=tr("library.reason_help"),
            key=f"library_step_reason_{project['id']}",
        )
        if st.form_submit_button(tr("library.take_step"), type="primary"):
            _act(
                "library.stepped",
                library.step,
                int(project["id"]),
                maturity,
                taken_on=taken_on,
                list_level=level,
                reason=reason,
                version=seen,
            )


def follow_buttons(project: dict) -> None:
    """A removed project is still followed until the office stops (and may resume)."""
    if project["maturity"] != "removed":
        return
    seen = version_seen("reserve_follow", project["id"], int(project["version"]))
    followed = bool(project["followed"])
    key = "library.stop_following" if followed else "library.follow_again"
    if st.button(tr(key), key=f"library_follow_{project['id']}"):
        _act("library.saved", library.follow, int(project["id"]), not followed, version=seen)


def promote_button(project: dict, plan_year: int) -> None:
    """Make the library project a key project (its fields carried over)."""
    if not formatting.is_missing(project.get("project_id")):
        st.caption(tr("library.promoted_as", code=project["project_code"]))
        return
    st.caption(tr("library.promote_help", year=plan_year))
    if st.button(
        tr("library.promote"), icon=":material/upgrade:", key=f"library_promote_{project['id']}"
    ):
        _act("library.promoted", library.promote, int(project["id"]), plan_year=plan_year)


def round_form(today: dt.date) -> None:
    """Open a declaration round to the city's or the province's list."""
    with st.expander(tr("library.open_round"), icon=":material/add:"), st.form("library_round"):
        name = st.text_input(tr("library.round_name"), placeholder=tr("library.round_example"))
        left, middle, right = st.columns(3)
        level = left.selectbox(
            tr("library.list_level"),
            list(library.ROUND_LEVELS),
            index=1,
            format_func=_level_label,
            key=f"library_{lang()}_round_level",
        )
        year = middle.number_input(
            tr("library.round_year"), min_value=2000, max_value=2100, value=today.year + 1, step=1
        )
        opened_on = right.date_input(tr("library.opened_on"), value=today)
        if st.form_submit_button(tr("library.save"), type="primary"):
            _act(
                "library.round_opened",
                library.open_round,
                name,
                level,
                year=int(year),
                opened_on=opened_on,
            )


def enter_form(the_round: dict, everything: pd.DataFrame, declared: pd.DataFrame) -> None:
    """Enter library projects in the round: declared (pending), or entered but not selected."""
    lg = lang()
    inside = set(declared["reserve_id"])
    can = everything[(everything["maturity"] != "removed") & ~everything["id"].isin(inside)]
    names = dict(zip(can["id"].astype(int), can["name"], strict=True))
    with st.form(f"library_enter_{the_round['id']}"):
        picked = st.multiselect(
            tr("library.enter_projects"),
            list(names),
            format_func=names.get,
            placeholder=tr("library.enter_placeholder"),
            key=f"library_{lang()}_enter_pick_{the_round['id']}",
        )
        left, right = st.columns(2)
        outcome = left.selectbox(
            tr("library.entered_as"),
            ["pending", "withdrawn"],
            format_func=lambda o: label("declaration_outcome", o, lg),
            key=f"library_{lang()}_enter_as_{the_round['id']}",
        )
        on = right.date_input(
            tr("library.declared_on"),
            value=the_round["opened_on"],
            key=f"library_enter_on_{the_round['id']}",
        )
        if st.form_submit_button(tr("library.enter"), type="primary"):
            _act(
                "library.entered_done",
                library.enter_round,
                int(the_round["id"]),
                [int(i) for i in picked],
                outcome=outcome,
                on=on,
            )


def outcome_form(the_round: dict, declared: pd.DataFrame, today: dt.date) -> None:
    """Record what came of one declaration of the round."""
    if declared.empty:
        return
    lg = lang()
    by_id = declared.set_index("id")
    ids = [int(i) for i in declared["id"]]
    picked = st.selectbox(
        tr("library.declaration"),
        ids,
        format_func=lambda i: (
            f"{by_id.loc[i, 'name']} · {label('declaration_outcome', by_id.loc[i, 'outcome'], lg)}"
        ),
        key=f"library_{lang()}_outcome_pick_{the_round['id']}",
    )
    row = by_id.loc[picked]
    seen = version_seen("declaration", picked, int(row["version"]))
    with st.form(f"library_outcome_{the_round['id']}"):
        left, right = st.columns(2)
        outcomes = list(DECLARATION_OUTCOMES)
        outcome = left.selectbox(
            tr("library.outcome"),
            outcomes,
            index=outcomes.index(row["outcome"]),
            format_func=lambda o: label("declaration_outcome", o, lg),
            key=f"library_{lang()}_outcome_to_{the_round['id']}",
        )
        on = right.date_input(
            tr("library.decided_on"), value=today, key=f"library_outcome_on_{the_round['id']}"
        )
        note = st.text_input(
            tr("library.note"),
            value=formatting.text(row["note"]),
            key=f"library_outcome_note_{the_round['id']}",
        )
        if st.form_submit_button(tr("library.record_outcome"), type="primary"):
            _act(
                "library.outcome_recorded",
                library.record_outcome,
                picked,
                outcome,
                on=on,
                note=note,
                version=seen,
            )
