"""Year-end settlement (年终决算) and annual assessment (年度考核): close a year (its figures
frozen), its totals and zones, the assessment with grades, rewards and sanctions, the year's
report, and one project year by year."""

import datetime as dt

import streamlit as st

from geo import formatting, ui
from geo.i18n import label
from geo.reports import yearend as year_report
from geo.workflow import ranking, yearend

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
engine = ui.engine()
st.title(ui.tr("page.yearend"))
st.caption(ui.tr("yearend.help"))
today = dt.date.today()
who = ui.principal()
office = who is None or who.role == "admin"

closes = yearend.closed_years(engine)
years = yearend.years_to_choose(engine, today)
year = ui.choose(
    "selectbox",
    ui.tr("yearend.year"),
    years,
    name="yearend_year",
    default=int(closes["year"].iloc[0]) if not closes.empty else years[0],
    format_func=lambda y: ui.tr("yearend.year_option", year=y),
    container=st.columns([1, 3])[0],
)
done = yearend.year_end(engine, year)


def close_section() -> None:
    """The year is open: what closing would freeze, and (for the office) the button."""
    st.info(ui.tr("yearend.open", year=year))
    try:
        as_of = yearend.close_date(year, ui.report_dates(), today)
    except ValueError as exc:  # no report in the year: nothing to close
        st.caption(ui.said(exc))
        return
    if not office:
        st.caption(ui.tr("yearend.office_closes"))
        return
    with st.container(border=True):
        st.markdown(ui.tr("yearend.close_what", year=year, date=formatting.date(as_of, lg)))
        if as_of != dt.date(year, 12, 31):
            st.caption(ui.tr("yearend.close_running", year=year))
        sure = st.checkbox(ui.tr("yearend.close_confirm", year=year), key=f"yearend_sure_{year}")
        if st.button(
            ui.tr("yearend.close", year=year),
            type="primary",
            disabled=not sure,
            key="yearend_close",
            icon=":material/lock:",
        ):
            weights = ranking.parse_weights(ui.settings().ranking_weights)
            ui.run_and_rerun(yearend.close_year, engine, year, weights=weights, today=today)


def totals_tab(done: yearend.YearEnd) -> None:
    ui.headline_strip(done.headline)
    left, right = st.columns(2)
    for column, by, groups in (
        (left, "park", done.parks),
        (right, "township", done.townships),
    ):
        with column:
            st.subheader(ui.tr(f"yearend.by_{by}"), anchor=False)
            ui.table(yearend.zone_table(groups, by, lg))
    with st.expander(ui.tr("yearend.figures")):
        ui.table(yearend.figures_table(done.figures, lg))


def assessment_tab(done: yearend.YearEnd) -> None:
    by = ui.choose(
        "segmented_control",
        ui.tr("yearend.assess_by"),
        ranking.GROUPINGS,
        name="yearend_by",
        default="park",
        format_func=lambda g: ui.tr(f"ranking.by.{g}"),
    )
    rows = done.assessments[done.assessments["grouping"] == by]
    if rows.empty:
        st.info(ui.tr("yearend.not_assessed"))
    else:
        counts = rows["grade"].value_counts()  # one line: four metrics stack on a phone
        st.markdown(
            " · ".join(
                f"{label('assessment_grade', grade, lg)} **{int(counts.get(grade, 0))}**"
                for grade in yearend.GRADES
            )
        )
        ui.table(yearend.assessment_table(rows, lg))
    with st.expander(ui.tr("yearend.method")):
        st.markdown(ui.tr("yearend.doc.method"))


def rewards_tab(done: yearend.YearEnd) -> None:
    rows = done.rewards
    ui.table(yearend.rewards_table(rows, lg), empty=ui.tr("yearend.rewards_none", year=year))
    if not office:
        return
    st.subheader(ui.tr("yearend.add_reward"), anchor=False)
    left, right = st.columns(2)
    kind = left.segmented_control(
        ui.tr("yearend.kind"),
        tuple(yearend.MEASURES),
        default="reward",
        required=True,
        format_func=lambda k: label("reward_kind", k, lg),
        key=ui.widget_key("yearend_kind"),
    )
    grouping = right.segmented_control(
        ui.tr("yearend.grouping"),
        yearend.REWARD_GROUPINGS,
        default="township",
        required=True,
        format_func=lambda g: ui.tr(f"yearend.for.{g}"),
        key=ui.widget_key("yearend_grouping"),
    )
    assessed = done.assessments[done.assessments["grouping"] == grouping]["key"].tolist()
    with st.form("yearend_reward", clear_on_submit=True):
        target = st.selectbox(
            ui.tr("yearend.target"),
            assessed,
            index=None,
            accept_new_options=True,
            placeholder=ui.tr("select.placeholder"),
        )
        measure = st.selectbox(
            ui.tr("yearend.measure"),
            yearend.MEASURES[kind],
            format_func=lambda m: yearend.measure_label(kind, m, lg),
        )
        first, second = st.columns(2)
        decided_on = first.date_input(ui.tr("yearend.decided_on"), value=today)
        document_no = second.text_input(ui.tr("yearend.document_no"))
        note = st.text_input(ui.tr("yearend.note"))
        if st.form_submit_button(ui.tr("yearend.save")):
            entry = yearend.RewardSanction(
                year, grouping, target or "", kind, measure, decided_on, document_no, note
            )
            ui.run_and_rerun(yearend.record_reward_sanction, engine, entry)
    if rows.empty:
        return
    with st.expander(ui.tr("yearend.remove_which")):
        by_id = rows.set_index("id")
        chosen = st.selectbox(
            ui.tr("yearend.remove_which"),
            by_id.index.tolist(),
            format_func=lambda i: (
                f"{by_id.loc[i, 'target']} · "
                + yearend.measure_label(by_id.loc[i, "kind"], by_id.loc[i, "measure"], lg)
            ),
            label_visibility="collapsed",
        )
        seen = ui.version_seen("reward_sanction", chosen, int(by_id.loc[chosen, "version"]))
        if st.button(ui.tr("yearend.remove"), key="yearend_remove", icon=":material/delete:"):
            ui.run_and_rerun(yearend.remove_reward_sanction, engine, int(chosen), seen)


def report_tab(done: yearend.YearEnd) -> None:
    s = ui.settings()
    document = year_report.year_document(done, lg, issuer=s.issuer, area=s.area)
    ui.document_downloads(document, f"yearend-{year}-{lg}")
    with st.container(border=True):
        ui.document_preview(document)


if done is None:
    close_section()
else:
    st.success(
        ui.tr(
            "yearend.closed",
            year=year,
            date=formatting.date(done.as_of, lg),
            who=ui.md(done.closed_by),
            at=formatting.beijing_time(done.closed_at),
        ),
        icon=":material/lock:",
    )
    tabs = st.tabs(
        [ui.tr(f"yearend.tab.{k}") for k in ("totals", "assessment", "rewards", "report")]
    )
    for tab, show in zip(tabs, (totals_tab, assessment_tab, rewards_tab, report_tab), strict=True):
        with tab:
            show(done)

st.divider()
st.subheader(ui.tr("yearend.compare"), anchor=False)
st.caption(ui.tr("yearend.compare_help"))
snap = ui.current_snapshot(ui.as_of())
names = dict(zip(snap.projects["id"].astype(int), snap.projects["name"], strict=True))
project_id = ui.choose(
    "selectbox",
    ui.tr("yearend.compare_project"),
    list(names),
    name="yearend_project",
    default=ui.project_id() if ui.project_id() in names else next(iter(names), None),
    format_func=lambda i: names.get(i, str(i)),
)
if project_id is not None:
    live = yearend.year_projects(snap.projects, snap.as_of.year, snap.as_of, listed_only=False)
    try:
        table = yearend.comparison(
            yearend.project_years(engine, int(project_id)), live, snap.as_of, int(project_id)
        )
    except ValueError:
        st.caption(ui.tr("yearend.compare_none"))
    else:
        ui.table(yearend.comparison_table(table, lg))
