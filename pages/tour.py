"""Inspection tour (拉练): pick the sites, plan the day, see the route, print the brief."""

import datetime as dt

import streamlit as st

from geo import config, formatting, ui
from geo.core import measures, problems, tour
from geo.core.filters import ProjectFilter
from geo.reports import brief
from geo.storage import store
from geo.views import maps
from geo.workflow import drilldown

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
engine = ui.engine()
settings = ui.settings()
st.title(ui.tr("page.tour"))

snap = ui.current_snapshot(ui.as_of())
flagged = problems.with_flags(store.load_problems(engine), dt.date.today())
names = dict(zip(snap.projects["id"].astype(int), snap.projects["name"], strict=True))

left, middle = st.columns(2)
preset = ui.choose(
    "selectbox",
    ui.tr("tour.preset"),
    tour.PRESETS,
    name="tour_preset",
    default=tour.PRESETS[0],
    container=left,
    format_func=lambda p: ui.tr(f"tour.preset.{p}"),
)
zone = ui.choose(
    "selectbox",
    ui.tr("filter.my_zone"),
    [None, *snap.zones["name"]],
    name="tour_zone",
    container=middle,
    format_func=lambda z: ui.tr("filter.all_zones") if z is None else z,
)
found = tour.preset_stops(snap.projects, flagged, preset, zone)
first, every = st.columns(2)
# A day holds about ten stops: offer the first ten (laggards first) and say how many there are.
if first.button(
    ui.tr("tour.preset.first", n=min(len(found), tour.DAY_STOPS), total=len(found)),
    disabled=not found,
    width="stretch",
):
    st.session_state["tour_stops"] = found[: tour.DAY_STOPS]
if len(found) > tour.DAY_STOPS and every.button(
    ui.tr("tour.preset.all", total=len(found)), width="stretch"
):
    st.session_state["tour_stops"] = found
added = st.session_state.pop("tour_clicked_stop", None)  # from a click on the map, see below
if added is not None and added not in st.session_state.get("tour_stops", []):
    st.session_state["tour_stops"] = [*st.session_state.get("tour_stops", []), added]
chosen = st.multiselect(
    ui.tr("tour.stops"),
    list(names),
    format_func=names.get,
    key="tour_stops",
    placeholder=ui.tr("select.placeholder"),
)
with st.expander(ui.tr("tour.pick_on_map")):
    # A click on a site adds it to the stops on the rerun it starts.
    def _add_clicked() -> None:
        st.session_state["tour_clicked_stop"] = maps.clicked_project_id(
            st.session_state.get("tour_pick_map")
        )

    ui.show_map(
        ui.overview_map(snap, ProjectFilter(), "schedule"),
        "tour_pick_map",
        height=380,
        returned=("last_active_drawing",),
        on_change=_add_clicked,
    )

cols = st.columns(5)
depart = cols[0].time_input(ui.tr("tour.depart"), dt.time(8, 30))
back_by = cols[1].time_input(ui.tr("tour.end_of_day"), dt.time(18, 0))
minutes = cols[2].number_input(ui.tr("tour.minutes"), 5, 120, 20, step=5)
detour = cols[3].number_input(ui.tr("tour.detour"), 1.0, 2.5, 1.3, step=0.1)
speed = cols[4].number_input(ui.tr("tour.speed"), 10, 90, 40, step=5)
end_text = st.text_input(ui.tr("tour.end"), placeholder="111.70,32.30")
try:
    end = config.parse_point(end_text, ui.tr("tour.end")) if end_text.strip() else None
except ValueError as exc:
    ui.refused(exc)
    end = None
frame = tour.TourSettings(
    start=settings.tour_start,
    end=end,
    depart=depart,
    end_of_day=back_by,
    detour_factor=detour,
    speed_kmh=float(speed),
    osrm_url=settings.osrm_url,
)

if not chosen:  # an empty editor would say "empty" in English, on a canvas
    st.caption(ui.tr("tour.no_stops"))
else:
    edited = st.data_editor(
        tour.stop_table(chosen, names, int(minutes)),
        column_config={
            "order": st.column_config.NumberColumn(ui.tr("tour.order"), min_value=1, step=1),
            "project_id": None,
            "name": st.column_config.TextColumn(ui.tr("col.name"), disabled=True),
            "minutes": st.column_config.NumberColumn(
                ui.tr("tour.minutes"), min_value=5, max_value=240, step=5
            ),
        },
        hide_index=True,
        width="stretch",
        placeholder="",
        key=f"tour_table_{'-'.join(map(str, chosen))}_{minutes}",
    )
if chosen and st.button(ui.tr("tour.plan"), type="primary"):
    given, per_stop = tour.order_and_minutes(edited)
    stops = [
        tour.Stop(s.project_id, s.name, s.lon, s.lat, per_stop[s.project_id])
        for s in tour.stops_from(snap.projects, given)
    ]
    st.session_state["tour_plan"] = (tour.plan_day(stops, frame, given=given), stops)
if "tour_plan" in st.session_state:
    plan, stops = st.session_state["tour_plan"]
    hours, rest = divmod(plan.total_minutes, 60)
    st.write(
        ui.tr(
            "tour.summary",
            stops=len(plan.order),
            km=plan.total_km,
            hours=hours,
            minutes=rest,
            given=plan.given_km or plan.total_km,
        )
    )
    if plan.dropped:
        st.warning(
            ui.tr(
                "tour.dropped", names=ui.md(formatting.join((names[i] for i in plan.dropped), lg))
            )
        )
        days = tour.plan_days(stops, frame)
        st.caption(ui.tr("tour.days", n=len(days)))
        for number, day in enumerate(days, start=1):
            st.markdown(f"**{ui.tr('tour.day', n=number)}**")
            ui.table(
                drilldown.itinerary(day, snap.projects, flagged, lg),
            )
    by_id = {s.project_id: s for s in stops}
    options = maps.MapOptions(
        lang=lg,
        tiles=settings.tiles,
        tiles_attribution=settings.tiles_attribution,
        tianditu_key=settings.tianditu_key,
    )
    zone_rates = measures.zone_rates(snap.projects, snap.zones)
    ui.drilldown_map(
        ui.served(
            maps.tour_map(
                [by_id[i] for i in plan.order], zone_rates, options, frame.start, frame.end
            )
        ),
        "tour_map",
        height=420,
    )
    ui.table(drilldown.itinerary(plan, snap.projects, flagged, lg))
    try:
        pdf = brief.brief_bytes(
            brief.read_facts(engine, stops),
            plan,
            stops,
            start=frame.start,
            photo_dir=settings.photo_dir,
        )
    except ValueError as exc:
        st.caption(ui.tr("tour.no_font", error=exc))
    else:
        st.download_button(ui.tr("tour.pdf"), pdf, file_name="拉练路线.pdf", mime="application/pdf")
