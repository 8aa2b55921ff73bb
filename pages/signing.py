"""Signing to start (招商引资：签约抓开工): the year's signed agreements, how many have started,
the start rate by zone, unit, origin and way of attraction, what is overdue to start, the
units' targets, the agreements on the map; and the office's forms."""

import datetime as dt

import streamlit as st

from geo import formatting, ui
from geo.views import maps
from geo.vocab import ATTRACTION_WAYS, CATEGORIES
from geo.workflow import signing

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
engine = ui.engine()
st.title(ui.tr("page.signing"))
snap = ui.current_snapshot(ui.as_of())
agreements = signing.load_agreements(engine)

years = sorted({d.year for d in agreements["signed_on"]} | {snap.as_of.year}, reverse=True)
left, right = st.columns(2)
year = left.selectbox(
    ui.tr("signing.year"), years, index=years.index(snap.as_of.year), key="signing_year"
)
# Keyed by the app's as-of date: choosing another one in the sidebar starts from it.
day = right.date_input(ui.tr("signing.as_of"), value=snap.as_of, key=f"signing_day_{snap.as_of}")
mine = signing.of_year(agreements, year, day)
head = signing.summary(mine, day)

cols = st.columns(5)
cols[0].metric(ui.tr("signing.signed"), f"{head.signed:,}")
cols[1].metric(ui.tr("signing.started"), f"{head.started:,}")
cols[2].metric(ui.tr("signing.start_rate"), formatting.percent(head.start_rate))
ui.money_metric(cols[3], "signing.agreed", head.agreed_wan)
cols[4].metric(ui.tr("signing.months_median"), signing.months_text(head.months_median))
st.caption(ui.tr("signing.method"))

if mine.empty:
    st.info(ui.tr("signing.none", year=year, date=formatting.date(day, lg)))
else:
    st.subheader(ui.tr("signing.h.groups"), anchor=False)
    for tab, by in zip(
        st.tabs([ui.tr(f"signing.by.{by}") for by in signing.GROUPS]), signing.GROUPS, strict=True
    ):
        with tab:
            ui.table(signing.group_table(signing.by_group(mine, day, by), by, lg))

st.subheader(ui.tr("signing.h.overdue"), anchor=False)
st.caption(ui.tr("signing.overdue_scope"))
late = signing.overdue_to_start(agreements, day)
if late.empty:
    st.success(ui.tr("signing.none_overdue"))
else:
    ui.table(signing.overdue_table(late, lg))

st.subheader(ui.tr("signing.h.targets"), anchor=False)
targets = signing.load_targets(engine, year)
if targets.empty:
    st.caption(ui.tr("signing.no_targets", year=year))
else:
    ui.table(signing.target_table(signing.target_completion(targets, mine, day), lg))

st.subheader(ui.tr("signing.h.linked"), anchor=False)
linked = signing.linked_on(engine, mine, day)
if linked.empty:
    st.caption(ui.tr("signing.none_linked", year=year))
else:
    st.caption(ui.tr("signing.linked_method"))
    ui.table(signing.linked_table(linked, lg))

st.subheader(ui.tr("signing.h.map"), anchor=False)
points = signing.signing_points(mine, day, lg)
if points.empty:
    st.caption(ui.tr("signing.map_none", year=year))
else:
    s = ui.settings()
    options = maps.MapOptions(
        lang=lg, tiles=s.tiles, tiles_attribution=s.tiles_attribution, tianditu_key=s.tianditu_key
    )
    layers = tuple(
        maps.PointLayer(
            ui.tr(
                "signing.layer",
                status=ui.tr(f"signing.status.{status}"),
                n=int((points["status"] == status).sum()),
            ),
            points[points["status"] == status],
            signing.POINT_COLORS[status],
        )
        for status in signing.POINT_STATUSES
    )
    fmap = maps.points_map(layers, snap.zones, options, ui.tr("signing.legend"))
    ui.show_map(ui.served(fmap), "signing_map", height=460)

if not mine.empty:
    with st.expander(ui.tr("signing.h.list")):
        ui.table(signing.agreement_table(mine, day, lg))

who = ui.principal()
if who is not None and who.role != "admin":  # the office records agreements and targets
    st.stop()

st.divider()
st.subheader(ui.tr("signing.h.office"), anchor=False)
zones = snap.zones.set_index("id")["name"].to_dict()
projects = snap.projects.set_index("id")["name"].to_dict()
origins = list(dict.fromkeys([*signing.ORIGINS, *agreements["origin_region"]]))
units = sorted({u for u in agreements["responsible_unit"] if u} | set(targets["unit"]))


def _optional(options: dict, value: object) -> list:
    """``None`` (not set) first, then the keys."""
    return [None, *options] if value is None or value in options else [None, *options, value]


def agreement_form(key: str, current: dict | None) -> signing.Agreement | None:
    """The agreement's fields; the Agreement when the form was submitted."""
    c = current or {}
    with st.form(key):
        name = st.text_input(ui.tr("signing.name"), value=c.get("name") or "")
        first, second, third = st.columns(3)
        signed_on = first.date_input(ui.tr("signing.signed_on"), value=c.get("signed_on") or day)
        planned = second.date_input(ui.tr("signing.planned_start"), value=c.get("planned_start"))
        started = third.date_input(ui.tr("signing.started_on"), value=c.get("started_on"))
        first, second, third = st.columns(3)
        origin = first.selectbox(
            ui.tr("signing.origin_region"),
            origins,
            index=origins.index(c["origin_region"]) if c.get("origin_region") in origins else None,
            accept_new_options=True,
            placeholder=ui.tr("select.placeholder"),
        )
        ways = list(ATTRACTION_WAYS)
        way = second.selectbox(
            ui.tr("signing.attraction_way"),
            ways,
            index=ways.index(c["attraction_way"]) if c.get("attraction_way") in ways else 0,
            format_func=lambda w: ui.tr(f"attraction_way.{w}"),
        )
        money = third.number_input(
            ui.tr("signing.agreed_investment"),
            min_value=0.0,
            value=float(c.get("agreed_investment_wan") or 0.0),
            step=100.0,
        )
        first, second, third = st.columns(3)
        sectors = [None, *CATEGORIES]
        sector = first.selectbox(
            ui.tr("signing.sector"),
            sectors,
            index=sectors.index(c.get("sector")) if c.get("sector") in sectors else 0,
            format_func=lambda k: ui.tr("signing.unset") if k is None else ui.tr(f"category.{k}"),
        )
        zone_options = _optional(zones, c.get("zone_id"))
        zone_id = second.selectbox(
            ui.tr("signing.zone"),
            zone_options,
            index=zone_options.index(c.get("zone_id")),
            format_func=lambda z: ui.tr("signing.unset") if z is None else zones.get(z, str(z)),
        )
        unit = third.selectbox(
            ui.tr("signing.responsible_unit"),
            units,
            index=units.index(c["responsible_unit"])
            if c.get("responsible_unit") in units
            else None,
            accept_new_options=True,
            placeholder=ui.tr("select.placeholder"),
        )
        first, second = st.columns(2)
        lon = first.number_input(ui.tr("signing.lon"), value=c.get("lon"), format="%.6f")
        lat = second.number_input(ui.tr("signing.lat"), value=c.get("lat"), format="%.6f")
        note = st.text_input(ui.tr("signing.note"), value=c.get("note") or "")
        if not st.form_submit_button(ui.tr("signing.save")):
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


with st.expander(ui.tr("signing.add"), expanded=agreements.empty):
    ui.show_saved()
    added = agreement_form(ui.form_key("signing_add"), None)
    if added is not None:
        ui.run_and_rerun(
            signing.add_agreement,
            engine,
            added,
            today=dt.date.today(),
            clears="signing_add",
            saved=ui.tr("signing.added", name=added.name),
        )

if not agreements.empty:
    by_id = agreements.set_index("id")
    ids = list(reversed(by_id.index.tolist()))  # the newest first
    chosen = st.selectbox(
        ui.tr("signing.choose"),
        ids,
        format_func=lambda i: (
            f"{by_id.loc[i, 'name']} · {formatting.date(by_id.loc[i, 'signed_on'], lg)}"
        ),
        key=f"signing_chosen_{lg}",
    )
    current = {"id": chosen, **by_id.loc[chosen].to_dict()}
    current = {k: (None if formatting.is_missing(v) else v) for k, v in current.items()}
    seen = ui.version_seen("signed_agreement", chosen, int(current["version"]))
    with st.expander(ui.tr("signing.edit")):
        edited = agreement_form(f"signing_edit_{chosen}", current)
        if edited is not None:
            ui.run_and_rerun(
                signing.edit_agreement,
                engine,
                int(chosen),
                edited,
                version=seen,
                today=dt.date.today(),
            )
    start_col, link_col = st.columns(2)
    with start_col, st.form(f"signing_start_{chosen}"):
        st.markdown(f"**{ui.tr('signing.mark_started')}**")
        if current["started_on"] is not None:
            st.caption(
                ui.tr("signing.started_already", date=formatting.date(current["started_on"], lg))
            )
        started_on = st.date_input(
            ui.tr("signing.started_on"), value=current["started_on"] or dt.date.today()
        )
        if st.form_submit_button(ui.tr("signing.save")):
            ui.run_and_rerun(
                signing.mark_started,
                engine,
                int(chosen),
                started_on,
                version=seen,
                today=dt.date.today(),
            )
    with link_col, st.form(f"signing_link_{chosen}"):
        st.markdown(f"**{ui.tr('signing.link')}**")
        project_options = _optional(projects, current["project_id"])
        project_id = st.selectbox(
            ui.tr("signing.project"),
            project_options,
            index=project_options.index(current["project_id"]),
            format_func=lambda p: (
                ui.tr("signing.no_project") if p is None else projects.get(p, str(p))
            ),
        )
        if st.form_submit_button(ui.tr("signing.save")):
            ui.run_and_rerun(signing.link_project, engine, int(chosen), project_id, version=seen)

with st.expander(ui.tr("signing.set_target")), st.form("signing_target"):
    first, second = st.columns(2)
    target_year = first.number_input(
        ui.tr("signing.target_year"), min_value=2000, max_value=2100, value=year, step=1
    )
    unit = second.selectbox(
        ui.tr("signing.responsible_unit"),
        units,
        index=None,
        accept_new_options=True,
        placeholder=ui.tr("select.placeholder"),
    )
    first, second, third = st.columns(3)
    signed_count = first.number_input(ui.tr("signing.target_signed_count"), min_value=0, step=1)
    started_count = second.number_input(ui.tr("signing.target_started_count"), min_value=0, step=1)
    investment = third.number_input(ui.tr("signing.target_investment"), min_value=0.0, step=1000.0)
    if st.form_submit_button(ui.tr("signing.save")):
        ui.run_and_rerun(
            signing.save_target,
            engine,
            int(target_year),
            unit or "",
            signed_count=int(signed_count),
            started_count=int(started_count),
            investment_wan=float(investment),
        )
