"""Letters of the month (两函一单): generated from the data, numbered, archived; Word and PDF."""

import datetime as dt

import streamlit as st

from geo import ui
from geo.workflow import letters, notify

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
s = ui.settings()
eng = ui.engine()
st.title(ui.tr("page.letters"))

archive = letters.load_archive(eng)
offered, default = letters.months_to_offer(archive, dt.date.today())
month = ui.choose(
    "selectbox",
    ui.tr("letters.month"),
    offered,
    name="letters_month",
    default=offered[default],
    format_func=lambda m: ui.tr("letters.month_label", year=m.year, month=m.month),
)

who = ui.principal()
if who is None or who.role == "admin":  # issuing writes the archive: the office's job
    issue_day = month.issue_day(s.letter_day)
    if st.button(
        ui.tr(
            "letters.issue", month=ui.tr("letters.month_label", year=month.year, month=month.month)
        ),
        help=ui.tr("letters.issue_help", date=issue_day.isoformat()),
        icon=":material/outgoing_mail:",
        key="write_issue_letters",
    ):
        try:
            issued = letters.issue(
                eng,
                month,
                issue_day=s.letter_day,
                reminder_days=s.letter_reminder_days,
                notify=notify.rules_from(s),
                prefix=s.letter_prefix,
            )
        except ValueError as exc:
            ui.refused(exc)
        else:
            counts = letters.status_counts(issued)
            st.session_state["_letters_issued"] = ui.tr("letters.issued", **counts)
            st.rerun()
if message := st.session_state.pop("_letters_issued", None):
    st.success(message)

these = letters.archived(eng, month)
if not these:
    st.info(ui.tr("letters.none"))
    ui.letters_ladder(None, dt.date.today())
    st.stop()

left, right = st.columns(2)
units = sorted({x.unit for x in these})
unit = left.selectbox(
    ui.tr("letters.unit_filter"),
    [None, *units],
    format_func=lambda u: ui.tr("filter.all") if u is None else u,
    placeholder=ui.tr("select.placeholder"),
)
kind = right.selectbox(
    ui.tr("letters.kind_filter"),
    [None, *letters.KINDS],
    format_func=lambda k: ui.tr("filter.all") if k is None else ui.tr(f"letters.kind.{k}"),
    placeholder=ui.tr("select.placeholder"),
)
shown = [x for x in these if (unit is None or x.unit == unit) and (kind is None or x.kind == kind)]
st.caption(
    ui.tr(
        "letters.count",
        letters=len(shown),
        units=len({x.unit for x in shown}),
        escalated=sum(x.escalated for x in shown),
    )
)
ui.table(letters.archive_table(shown, s.letter_prefix, lg))
ui.letters_ladder(unit, dt.date.today())
if not shown:
    st.stop()

chosen = st.selectbox(
    ui.tr("letters.choose"),
    shown,
    format_func=lambda x: f"{x.number_text(s.letter_prefix, lg)} · {x.unit}",
    placeholder=ui.tr("select.placeholder"),
)
document = letters.letter_document(chosen, lg, issuer=s.issuer, prefix=s.letter_prefix)
stem = letters.file_name(chosen, "")
ui.document_downloads(document, stem)
with st.container(border=True):
    ui.document_preview(document)
