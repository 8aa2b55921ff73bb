"""Signing to start (招商引资：签约抓开工): the year's signed agreements, how many have started,
the start rate by zone, unit, origin and way of attraction, what is overdue to start, the
units' targets, the agreements on the map; and the office's forms."""

import streamlit as st

from geo import formatting, ui
from geo.views import maps
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

ui.signing_forms(engine, agreements, targets, snap, year, day)
