"""Quarterly ranking (季排名): parks, townships, units and leaders by a composite score, the
hero board and the laggards, with the change since last quarter."""

import streamlit as st

from geo import formatting, ui
from geo.views.tables import ranking_table
from geo.workflow import ranking

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
st.title(ui.tr("page.ranking"))

by = ui.choose(
    "segmented_control",
    ui.tr("ranking.by"),
    ranking.GROUPINGS,
    name="ranking_by",
    default="park",
    format_func=lambda g: ui.tr(f"ranking.by.{g}"),
)
as_of = ui.as_of() or ui.current_snapshot().as_of
table = ui.quarterly_ranking(by, as_of)
st.caption(
    ui.tr(
        "ranking.quarter",
        date=formatting.date(as_of, lg),
        previous=formatting.date(ranking.previous_quarter_end(as_of), lg),
    )
)
if table["rank"].notna().sum() == 0:
    st.info(ui.tr("ranking.empty"))
    st.stop()


def board(title: str, rows, icon: str) -> None:
    st.subheader(f"{icon} {title}", anchor=False)
    cols = st.columns(max(len(rows), 1))
    for column, row in zip(cols, rows.to_dict("records"), strict=False):
        change = row["change"]
        known = change is not None and change == change  # None or NaN: not ranked last quarter
        column.metric(
            f"{int(row['rank'])}. {ui.md(str(row['key']))}",  # a name is text, not Markdown
            f"{row['score']:.1f}",
            delta=(
                ui.tr("ranking.moved", n=f"{int(change):+d}")
                if known and change
                else ui.tr("ranking.unchanged")
                if known
                else None
            ),
            delta_color="normal" if known and change else "off",
            delta_arrow="auto" if known and change else "off",
            border=True,
        )


left, right = st.columns(2)
with left:
    board(ui.tr("ranking.heroes"), ranking.heroes(table), ":material/emoji_events:")
with right:
    board(ui.tr("ranking.laggards"), ranking.laggards(table), ":material/trending_down:")

shown, column_config = ranking_table(table, lg)
ui.table(shown, column_config=column_config)

weights = ranking.parse_weights(ui.settings().ranking_weights).as_dict()
with st.expander(ui.tr("ranking.method")):
    st.markdown(
        ui.tr(
            "ranking.method_text",
            weights=", ".join(
                f"{ui.tr(f'ranking.col.{part}')} {value:g}" for part, value in weights.items()
            ),
        )
    )
