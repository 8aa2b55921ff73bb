"""The signing page's forms for the office (签约开工): agreements, starts, links, targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo import formatting
from geo.core.snapshot import Snapshot
from geo.storage.store import Engine
from geo.ui.text import lang, tr
from geo.ui.widgets import form_key, run_and_rerun, show_saved, version_seen
from geo.vocab import ATTRACTION_WAYS, CATEGORIES
from geo.workflow import signing


@dataclass(frozen=True)
class _Choices:
    """What the agreement form offers: the day a new one defaults to, origins, zones, units."""

    day: dt.date
    origins: list[str]
    zones: dict[int, str]
    units: list[str]


def _optional(options: dict, value: object) -> list:
    """``None`` (not set) first, then the keys."""
    return [None, *options] if value is None or value in options else [None, *options, value]


def _agreement_form(key: str, current: dict | None, choices: _Choices) -> signing.Agreement | None:
    """The agreement's fields; the Agreement when the form was submitted."""
    c = current or {}
    day, origins, zones, units = choices.day, choices.origins, choices.zones, choices.units
    with st.form(key):
        name = st.text_input(tr("signing.name"), value=c.get("name") or "")
        first, second, third = st.columns(3)
        signed_on = first.date_input(tr("signing.signed_on"), value=c.get("signed_on") or day)
        planned = second.date_input(tr("signing.planned_start"), value=c.get("planned_start"))
        started = third.date_input(tr("signing.started_on"), value=c.get("started_on"))
        first, second, third = st.columns(3)
        origin = first.selectbox(
            tr("signing.origin_region"),
            origins,
            index=origins.index(c["origin_region"]) if c.get("origin_region") in origins else None,
            accept_new_options=True,
            placeholder=tr("select.placeholder"),
        )
        ways = list(ATTRACTION_WAYS)
        way = second.selectbox(
            tr("signing.attraction_way"),
            ways,
            index=ways.index(c["attraction_way"]) if c.get("attraction_way") in ways else 0,
            format_func=lambda w: tr(f"attraction_way.{w}"),
        )
        money = third.number_input(
            tr("signing.agreed_investment"),
            min_value=0.0,
            value=float(c.get("agreed_investment_wan") or 0.0),
            step=100.0,
        )
        first, second, third = st.columns(3)
        sectors = [None, *CATEGORIES]
        sector = first.selectbox(
            tr("signing.sector"),
            sectors,
            index=sectors.index(c.get("sector")) if c.get("sector") in sectors else 0,
            format_func=lambda k: tr("signing.unset") if k is None else tr(f"category.{k}"),
        )
        zone_options = _optional(zones, c.get("zone_id"))
        zone_id = second.selectbox(
            tr("signing.zone"),
            zone_options,
            index=zone_options.index(c.get("zone_id")),
            format_func=lambda z: tr("signing.unset") if z is None else zones.get(z, str(z)),
        )
        unit = third.selectbox(
            tr("signing.responsible_unit"),
            units,
            index=units.index(c["responsible_unit"])
            if c.get("responsible_unit") in units
            else None,
            accept_new_options=True,
            placeholder=tr("select.placeholder"),
        )
        first, second = st.columns(2)
        lon = first.number_input(tr("signing.lon"), value=c.get("lon"), format="%.6f")
        lat = second.number_input(tr("signing.lat"), value=c.get("lat"), format="%.6f")
        note = st.text_input(tr("signing.note"), value=c.get("note") or "")
        if not st.form_submit_button(tr("signing.save")):
            return None
    return signing.Agreement(
        name=name,
        signed_on=signed_on,
        origin_region=origin or "",
        attraction_way=way,
        agreed_investment_wan=float(money),
        planned_start=planned,
        sector=sector,
        zone_id=zone_id,
        responsible_unit=unit,
        lon=lon,
        lat=lat,
        started_on=started,
        project_id=c.get("project_id"),
        note=note,
    )


def office_forms(
    engine: Engine,
    agreements: pd.DataFrame,
    targets: pd.DataFrame,
    snap: Snapshot,
    year: int,
    day: dt.date,
) -> None:
    """The office's forms: add an agreement, correct one, record its start, link it to a key
    project, set a unit's targets for the year."""
    lg = lang()
    st.divider()
    st.subheader(tr("signing.h.office"), anchor=False)
    zones = snap.zones.set_index("id")["name"].to_dict()
    projects = snap.projects.set_index("id")["name"].to_dict()
    origins = list(dict.fromkeys([*signing.ORIGINS, *agreements["origin_region"]]))
    units = sorted({u for u in agreements["responsible_unit"] if u} | set(targets["unit"]))
    choices = _Choices(day, origins, zones, units)

    with st.expander(tr("signing.add"), expanded=agreements.empty):
        show_saved()
        added = _agreement_form(form_key("signing_add"), None, choices)
        if added is not None:
            run_and_rerun(
                signing.add_agreement,
                engine,
                added,
                today=dt.date.today(),
                clears="signing_add",
                saved=tr("signing.added", name=added.name),
            )

    if not agreements.empty:
        by_id = agreements.set_index("id")
        ids = list(reversed(by_id.index.tolist()))  # the newest first
        chosen = st.selectbox(
            tr("signing.choose"),
            ids,
            format_func=lambda i: (
                f"{by_id.loc[i, 'name']} · {formatting.date(by_id.loc[i, 'signed_on'], lg)}"
            ),
            key=f"signing_chosen_{lg}",
        )
        current = {"id": chosen, **by_id.loc[chosen].to_dict()}
        current = {k: (None if formatting.is_missing(v) else v) for k, v in current.items()}
        seen = version_seen("signed_agreement", chosen, int(current["version"]))
        with st.expander(tr("signing.edit")):
            edited = _agreement_form(f"signing_edit_{chosen}", current, choices)
            if edited is not None:
                run_and_rerun(
                    signing.edit_agreement,
                    engine,
                    int(chosen),
                    edited,
                    version=seen,
                    today=dt.date.today(),
                )
        start_col, link_col = st.columns(2)
        with start_col, st.form(f"signing_start_{chosen}"):
            st.markdown(f"**{tr('signing.mark_started')}**")
            if current["started_on"] is not None:
                st.caption(
                    tr("signing.started_already", date=formatting.date(current["started_on"], lg))
                )
            started_on = st.date_input(
                tr("signing.started_on"), value=current["started_on"] or dt.date.today()
            )
            if st.form_submit_button(tr("signing.save")):
                run_and_rerun(
                    signing.mark_started,
                    engine,
                    int(chosen),
                    started_on,
                    version=seen,
                    today=dt.date.today(),
                )
        with link_col, st.form(f"signing_link_{chosen}"):
            st.markdown(f"**{tr('signing.link')}**")
            project_options = _optional(projects, current["project_id"])
            project_id = st.selectbox(
                tr("signing.project"),
                project_options,
                index=project_options.index(current["project_id"]),
                format_func=lambda p: (
                    tr("signing.no_project") if p is None else projects.get(p, str(p))
                ),
            )
            if st.form_submit_button(tr("signing.save")):
                run_and_rerun(signing.link_project, engine, int(chosen), project_id, version=seen)

    with st.expander(tr("signing.set_target")), st.form("signing_target"):
        first, second = st.columns(2)
        target_year = first.number_input(
            tr("signing.target_year"), min_value=2000, max_value=2100, value=year, step=1
        )
        unit = second.selectbox(
            tr("signing.responsible_unit"),
            units,
            index=None,
            accept_new_options=True,
            placeholder=tr("select.placeholder"),
        )
        first, second, third = st.columns(3)
        signed_count = first.number_input(tr("signing.target_signed_count"), min_value=0, step=1)
        started_count = second.number_input(tr("signing.target_started_count"), min_value=0, step=1)
        investment = third.number_input(tr("signing.target_investment"), min_value=0.0, step=1000.0)
        if st.form_submit_button(tr("signing.save")):
            run_and_rerun(
                signing.save_target,
                engine,
                int(target_year),
                unit or "",
                signed_count=int(signed_count),
                started_count=int(started_count),
                investment_wan=float(investment),
            )
