"""Project library (项目库): the funnel of a year by zone, the list with its filters, a project's
history, the declaration rounds with their outcomes, the library on the map; and the office's
forms (add, step, promote, rounds and outcomes)."""

import datetime as dt

import streamlit as st

from geo import formatting, ui
from geo.i18n import label
from geo.ui import library as forms
from geo.views import charts, maps
from geo.vocab import MATURITY, MATURITY_LADDER
from geo.workflow import library, office

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
eng = ui.engine()
st.title(ui.tr("page.library"))
today = dt.date.today()
snap = ui.current_snapshot(ui.as_of())
everything = library.load_library(eng)
steps = library.load_steps(eng)
office_writes = forms.office_writes()
zone_names = dict(zip(snap.zones["id"].astype(int), snap.zones["name"], strict=True))

if office_writes:
    forms.add_form(snap.zones, today)
if everything.empty:
    st.info(ui.tr("library.empty"))
    st.stop()

years = library.step_years(steps, also=snap.as_of.year)
left, middle, right = st.columns(3)
year = ui.choose(
    "selectbox",
    ui.tr("library.year"),
    years,
    name="library_year",
    default=snap.as_of.year,
    container=left,
    format_func=lambda y: ui.tr("library.year_label", year=y),
)
zone_id = ui.choose(
    "selectbox",
    ui.tr("library.zone"),
    [None, *zone_names],
    name="library_zone",
    default=None,
    container=middle,
    format_func=lambda z: ui.tr("filter.all_zones") if z is None else zone_names[z],
)
maturities = right.multiselect(
    ui.tr("library.maturity"),
    list(MATURITY),
    format_func=lambda m: label("maturity", m, lg),
    placeholder=ui.tr("library.all_maturities"),
    key=ui.widget_key("library_maturities"),
)

# The funnel of the year: big numbers, then the chart.
result = library.funnel(everything, steps, year, zone_id)
st.subheader(ui.tr("library.funnel", year=year), anchor=False)
cols = st.columns(len(MATURITY_LADDER) + 2)
for column, row in zip(cols, result.rungs.itertuples(), strict=False):
    rate = row.conversion
    column.metric(
        label("maturity", row.maturity, lg),
        row.reached,
        delta=None
        if rate is None or rate != rate
        else ui.tr("library.conversion_of", rate=formatting.percent(rate)),
        delta_color="off",
        delta_arrow="off",
    )
cols[-2].metric(ui.tr("library.entered"), result.entered)
cols[-1].metric(ui.tr("library.removed"), result.removed)
st.caption(ui.tr("library.funnel_method"))
if result.reached(MATURITY_LADDER[0]):
    st.altair_chart(charts.funnel_chart(result.rungs, lg), width="stretch")
else:
    st.caption(ui.tr("library.funnel_empty", year=year))

# The list, and the project chosen in it.
st.subheader(ui.tr("library.list"), anchor=False)
all_years = st.toggle(ui.tr("library.all_years"), key="library_all_years")
shown = library.chosen(
    everything,
    steps,
    year=None if all_years else year,
    zone_id=zone_id,
    maturities=tuple(maturities),
)
st.caption(
    ui.tr("library.list_count", shown=len(shown), total=len(everything))
    + ("" if all_years else " · " + ui.tr("library.list_year", year=year))
)
picked_key = "library_project"
selection = ui.table(
    library.library_table(shown, lg),
    empty=ui.tr("library.none_match"),
    key="library_table",
    on_select="rerun",
    selection_mode="single-row",
)
if selection and selection.selection.rows:
    st.session_state[picked_key] = int(shown.iloc[selection.selection.rows[0]]["id"])
names = dict(zip(everything["id"].astype(int), everything["name"], strict=True))
project_ids = [int(i) for i in shown["id"]]
if project_ids:
    if st.session_state.get(picked_key) not in project_ids:
        st.session_state.pop(picked_key, None)
    reserve_id = st.selectbox(
        ui.tr("library.pick"),
        project_ids,
        format_func=lambda i: ui.data(names[i], 60),
        key=picked_key,
        placeholder=ui.tr("select.placeholder"),
    )
    forms.project_card(
        everything[everything["id"] == reserve_id].iloc[0].to_dict(),
        steps[steps["reserve_id"] == reserve_id],
        snap.zones,
        today=today,
        plan_year=snap.as_of.year,
    )

# Declaration rounds.
st.subheader(ui.tr("library.rounds"), anchor=False)
if office_writes:
    forms.round_form(today)
rounds = library.load_rounds(eng)
declarations = library.load_declarations(eng)
if rounds.empty:
    st.info(ui.tr("library.no_rounds"))
else:
    ui.table(library.rounds_table(rounds, declarations, lg))
    round_names = dict(zip(rounds["id"].astype(int), rounds["name"], strict=True))
    round_id = st.selectbox(
        ui.tr("library.round"),
        list(round_names),
        format_func=lambda i: ui.data(round_names[i], 60),
        key="library_round",
    )
    the_round = rounds[rounds["id"] == round_id].iloc[0].to_dict()
    declared = declarations[declarations["round_id"] == round_id]
    summary = library.round_summary(declared)
    st.markdown(ui.md(library.round_sentence(the_round["list_level"], summary, lg)))
    cols = st.columns(5)
    for column, key in zip(
        cols, ("entered", "declared", "listed", "not_listed", "pending"), strict=True
    ):
        column.metric(ui.tr(f"library.summary.{key}"), getattr(summary, key))
    st.caption(
        ui.tr("library.listing_rate", rate=formatting.percent(summary.listing_rate))
        + " · "
        + (
            ui.tr("library.decided", date=formatting.date(the_round["decided_on"], lg))
            if the_round["decided_on"] is not None
            else ui.tr("library.undecided")
        )
    )
    ui.table(library.declarations_table(declared, lg), empty=ui.tr("library.round_empty"))
    if office_writes:
        enter_tab, outcome_tab = st.tabs([ui.tr("library.enter_tab"), ui.tr("library.outcome_tab")])
        with enter_tab:
            forms.enter_form(the_round, everything, declared)
        with outcome_tab:
            forms.outcome_form(the_round, declared, today)

# The library on the map, one layer per maturity.
st.subheader(ui.tr("library.map"), anchor=False)
s = ui.settings()
options = maps.MapOptions(
    lang=lg,
    tiles=s.tiles,
    tiles_attribution=s.tiles_attribution,
    tianditu_key=s.tianditu_key,
    area_outline=office.outline_of(s) or "",
)
layers = library.library_layers(shown, lg)
fmap = maps.points_map(layers, snap.zones, options, ui.tr("page.library"))
ui.show_map(ui.served(fmap), "library_map", height=480)
st.caption(ui.tr("library.map_note"))
