"""Charts as Altair specifications (Streamlit draws them; tests read the spec)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from geo.i18n import t


def investment_chart(series: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Monthly amounts as bars, completed-to-date as a line, the plan as a dashed line."""
    month = t("project.chart.month", lang)
    amount = t("project.chart.amount", lang)
    completed = t("project.chart.completed", lang)
    plan = t("project.chart.plan", lang)
    lines = pd.concat(
        [
            pd.DataFrame(
                {"month": series["month"], "value": series["completed_wan"], "series": completed}
            ),
            pd.DataFrame({"month": series["month"], "value": series["plan_wan"], "series": plan}),
        ]
    ).dropna(subset=["value"])
    lines["month"] = pd.to_datetime(lines["month"])
    bars_data = series.dropna(subset=["month_wan"]).assign(
        month=lambda d: pd.to_datetime(d["month"])
    )
    axis = alt.Axis(format="%-m月" if lang == "zh" else "%b", labelAngle=0)
    x = alt.X("yearmonth(month):T", title=month, axis=axis)
    when = alt.Tooltip("yearmonth(month):T", title=month)
    bars = (
        alt.Chart(bars_data)
        .mark_bar(opacity=0.35, color="#607d8b")
        .encode(
            x=x,
            y=alt.Y("month_wan:Q", title=amount),
            tooltip=[when, alt.Tooltip("month_wan:Q", title=amount, format=",.0f")],
        )
    )
    trend = (
        alt.Chart(lines)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=amount),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=[completed, plan], range=["#1a9850", "#d7301f"]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=[completed, plan], range=[[1, 0], [6, 4]]),
                legend=None,
            ),
            tooltip=[when, "series:N", alt.Tooltip("value:Q", title=amount, format=",.0f")],
        )
    )
    return alt.layer(bars, trend).properties(height=300)
