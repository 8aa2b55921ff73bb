"""Observation-meeting presentation (观摩会): one slide per stop, large type, read-only."""

import streamlit as st

from geo import formatting, ui
from geo.core import measures, problems
from geo.i18n import label
from geo.ingest import photos
from geo.reports import presentation
from geo.storage import store
from geo.views import maps
from geo.workflow import scoring

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
engine = ui.engine()
settings = ui.settings()
snap = ui.current_snapshot(ui.as_of())
rows = snap.projects.set_index("id")

# What to present: the tour planned in this session, a saved observation meeting, the
# projects behind schedule, or projects picked by hand.
ways = []
planned = st.session_state.get("tour_plan")
if planned:
    ways.append(presentation.Running("tour", tuple(planned[0].order)))
titles = dict(scoring.list_tours(engine))
for tour_id in titles:
    stops = scoring.load_tour(engine, tour_id)[2]
    ways.append(presentation.Running(f"meeting:{tour_id}", tuple(stops)))
behind = presentation.behind_schedule(snap.projects)
ways += [presentation.Running("behind", behind), presentation.Running("pick", None)]


def way_label(way: presentation.Running) -> str:
    if way.key.startswith("meeting:"):
        return ui.tr("present.way.meeting", title=titles[int(way.key.split(":")[1])])
    return ui.tr(f"present.way.{way.key}", n=len(way.project_ids or ()))


way = ui.choose(
    "selectbox",
    ui.tr("present.way"),
    ways,
    name="present_way",
    default=ways[0],
    format_func=way_label,
)
ids = [i for i in (way.project_ids or ()) if i in rows.index]
if way.project_ids is None:
    ids = st.multiselect(
        ui.tr("present.projects"),
        list(rows.index),
        format_func=lambda i: rows.loc[i, "name"],
        placeholder=ui.tr("select.placeholder"),
        key="present_picked",
    )
if not ids:
    st.info(ui.tr("present.none"))
    st.stop()

dark = st.toggle(ui.tr("present.dark"), key="present_dark")
slide_key = f"present_slide_{way.key}"
slide = min(st.session_state.get(slide_key, 0), len(ids) - 1)
left, middle, right = st.columns([1, 4, 1])
# Arrow keys on a keyboard; PageUp / PageDown are what presentation clickers send (the two
# clicker buttons are hidden: they only carry the shortcuts).
back = left.button(
    ui.tr("present.previous"),
    disabled=slide == 0,
    width="stretch",
    shortcut="Left",
)
forward = right.button(
    ui.tr("present.next"),
    disabled=slide == len(ids) - 1,
    width="stretch",
    shortcut="Right",
)
back |= left.button(
    ui.tr("present.previous"), disabled=slide == 0, shortcut="PageUp", key="clicker_back"
)
forward |= right.button(
    ui.tr("present.next"),
    disabled=slide == len(ids) - 1,
    shortcut="PageDown",
    key="clicker_forward",
)
slide += int(forward) - int(back)
st.session_state[slide_key] = slide
middle.caption(ui.tr("present.stop", n=slide + 1, total=len(ids)))

p = rows.loc[ids[slide]]
background, ink = ("#111418", "#f5f5f5") if dark else ("#ffffff", "#1b1f23")
st.html(
    f"""<style>
[data-testid="stAppViewContainer"] {{ background: {background}; color: {ink}; }}
[data-testid="stMetricValue"] {{ font-size: 3.2rem; }}
/* The stage is a word, not a number: smaller, and wrapped rather than cut. */
.st-key-slide_stage [data-testid="stMetricValue"] {{ font-size: 2.2rem; white-space: normal; }}
.st-key-slide_stage [data-testid="stMetricValue"] div {{ white-space: normal; overflow: visible; }}
.st-key-slide_title h1 {{ font-size: 3.4rem; font-weight: 800; line-height: 1.2; color: {ink}; }}
.st-key-slide_title p {{ font-size: 1.5rem; opacity: .8; color: {ink}; }}
.st-key-slide_problems p {{ font-size: 1.35rem; color: {ink}; }}
.st-key-clicker_back, .st-key-clicker_forward {{ display: none; }}
</style>"""
)
with st.container(key="slide_title"):
    st.title(ui.md(presentation.slide_title(slide + 1, p["name"])), anchor=False)
    st.markdown(ui.md(presentation.slide_subtitle(p)))
cols = st.columns(4)
ui.money_metric(cols[0], "kpi.annual_plan", p["annual_plan_wan"])
ui.money_metric(cols[1], "kpi.completed", p["completed_wan"])
ui.rate_metric(
    cols[2], ui.tr("kpi.completion_rate"), p["completion_rate"], measures.time_schedule(snap.as_of)
)
cols[3].container(key="slide_stage").metric(ui.tr("col.stage"), label("stage", p["stage"], lg))

shown = photos.load_photos(engine, int(ids[slide]))
photo = settings.photo_dir / shown.iloc[0]["file_name"] if not shown.empty else None
if photo is not None and photo.exists():
    picture, place = st.columns(2)
    picture.image(str(photo), caption=photos.strip_caption(shown.iloc[0].to_dict(), lg))
else:  # no photo: the map takes the whole width
    place = st.container()
with place:
    options = maps.MapOptions(
        lang=lg,
        tiles=settings.tiles,
        tiles_attribution=settings.tiles_attribution,
        tianditu_key=settings.tianditu_key,
    )
    site = maps.site_map(
        p["lon"],
        p["lat"],
        p["name"],
        measures.zone_rates(snap.projects, snap.zones),
        options,
        rate=p["completion_rate"],
    )
    ui.show_map(ui.served(site), f"present_map_{slide}", height=360)

flagged = problems.with_flags(store.load_problems(engine, int(ids[slide])), snap.as_of)
open_here = problems.for_display(flagged[flagged["is_open"]], snap.as_of)
st.subheader(ui.tr("project.problems"))
with st.container(key="slide_problems"):
    if open_here.empty:
        st.markdown(ui.tr("present.no_problems"))
    for row in open_here.to_dict("records"):
        mark = "⚠ " if row["overdue"] else ""
        unit = "" if formatting.is_missing(row["responsible_unit"]) else row["responsible_unit"]
        text = f"{mark}{row['description']} — {unit} {formatting.date(row['deadline'], lg)}"
        st.markdown(ui.md(text))
