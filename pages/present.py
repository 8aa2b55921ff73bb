"""Observation-meeting presentation (观摩会): one slide per stop, large type, read-only."""

import html

import streamlit as st
from streamlit_folium import st_folium

from geo import formatting, maps, measures, photos, problems, store, ui
from geo.i18n import label

ui.entrypoint_guard()
ui.require_data()
st.set_page_config(layout="wide", initial_sidebar_state="collapsed")
lg = ui.lang()
engine = ui.engine()
settings = ui.settings()
snap = ui.current_snapshot(ui.as_of())
rows = snap.projects.set_index("id")

planned = st.session_state.get("tour_plan")
ids = list(planned[0].order) if planned else []
if not ids:
    st.info(ui.tr("present.none"))
    ids = st.multiselect(
        ui.tr("present.projects"), list(rows.index), format_func=lambda i: rows.loc[i, "name"]
    )
    if not ids:
        st.stop()

dark = st.toggle(ui.tr("present.dark"), key="present_dark")
slide = min(st.session_state.get("present_slide", 0), len(ids) - 1)
left, middle, right = st.columns([1, 4, 1])
# Arrow keys on a keyboard; PageUp / PageDown are what presentation clickers send.
back = left.button(ui.tr("present.previous"), disabled=slide == 0, width="stretch", shortcut="Left")
forward = right.button(
    ui.tr("present.next"), disabled=slide == len(ids) - 1, width="stretch", shortcut="Right"
)
back |= left.button("⏮", disabled=slide == 0, shortcut="PageUp", key="clicker_back")
forward |= right.button(
    "⏭", disabled=slide == len(ids) - 1, shortcut="PageDown", key="clicker_forward"
)
slide += int(forward) - int(back)
st.session_state["present_slide"] = slide
middle.caption(ui.tr("present.stop", n=slide + 1, total=len(ids)))

p = rows.loc[ids[slide]]
background, ink = ("#111418", "#f5f5f5") if dark else ("#ffffff", "#1b1f23")
st.markdown(
    f"""<style>
    [data-testid="stAppViewContainer"] {{ background: {background}; color: {ink}; }}
    [data-testid="stMetricValue"] {{ font-size: 3.2rem; }}
    .slide-title {{ font-size: 3.4rem; font-weight: 800; line-height: 1.2; margin: .2rem 0 1rem; color: {ink}; }}
    .slide-sub {{ font-size: 1.5rem; opacity: .8; color: {ink}; }}
    .slide-problem {{ font-size: 1.35rem; margin: .3rem 0; color: {ink}; }}
    </style>
    <div class="slide-title">{slide + 1}. {html.escape(str(p["name"]))}</div>
    <div class="slide-sub">{html.escape(" · ".join(str(v) for v in (p["owner"], p["park"], p["township"]) if isinstance(v, str)))}</div>""",
    unsafe_allow_html=True,  # every data text above is escaped
)
cols = st.columns(4)
ui.money_metric(cols[0], "kpi.annual_plan", p["annual_plan_wan"])
ui.money_metric(cols[1], "kpi.completed", p["completed_wan"])
ui.rate_metric(
    cols[2], ui.tr("kpi.completion_rate"), p["completion_rate"], measures.time_schedule(snap.as_of)
)
cols[3].metric(ui.tr("col.stage"), label("stage", p["stage"], lg))

picture, place = st.columns(2)
shown = photos.load_photos(engine, int(ids[slide]))
if not shown.empty and (settings.photo_dir / shown.iloc[0]["file_name"]).exists():
    picture.image(
        str(settings.photo_dir / shown.iloc[0]["file_name"]),
        caption=photos.strip_caption(shown.iloc[0].to_dict(), lg),
    )
with place:
    options = maps.MapOptions(lang=lg, tiles=settings.tiles, tiles_attribution=settings.tiles_attribution,
                              tianditu_key=settings.tianditu_key)  # fmt: skip
    site = maps.site_map(
        p["lon"], p["lat"], p["name"], measures.zone_rates(snap.projects, snap.zones), options
    )
    st_folium(
        ui.served(site),
        height=360,
        use_container_width=True,
        returned_objects=[],
        key=f"present_map_{slide}",
    )

flagged = problems.with_flags(
    store.load_problems(engine, int(ids[slide])), ui.as_of() or snap.as_of
)
open_here = problems.for_display(flagged[flagged["is_open"]], snap.as_of)
st.subheader(ui.tr("project.problems"))
if open_here.empty:
    st.markdown(
        f'<div class="slide-problem">{html.escape(ui.tr("present.no_problems"))}</div>',
        unsafe_allow_html=True,
    )
for row in open_here.to_dict("records"):
    mark = "⚠ " if row["overdue"] else ""
    text = f"{mark}{row['description']} — {row['responsible_unit'] or ''} {formatting.date(row['deadline'], lg)}"
    st.markdown(f'<div class="slide-problem">{html.escape(text)}</div>', unsafe_allow_html=True)
