"""Charts as Altair specifications (Streamlit draws them; tests read the spec)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from geo import vocab
from geo.i18n import label, t


def _months(dates: pd.Series, lang: str) -> pd.Series:
    """A month as the axis names it: 3月 / Mar."""
    stamps = pd.to_datetime(dates)
    return stamps.dt.month.map(lambda m: f"{m}月") if lang == "zh" else stamps.dt.strftime("%b")


def _month_x(data: pd.DataFrame, lang: str) -> alt.X:
    """Months as bands in calendar order: a month's bars and its points share the band's
    middle (on a time axis a month's bar spans it while its point sits at its first day)."""
    order = list(dict.fromkeys(data.sort_values("month")["label"]))
    return alt.X(
        "label:O", sort=order, title=t("project.chart.month", lang), axis=alt.Axis(labelAngle=0)
    )


def _legend(**options: object) -> alt.Legend:
    # No cut labels ("Completed (cumulative t…"): Vega-Lite cuts at 160 px unless told.
    return alt.Legend(title=None, orient="top", labelLimit=0, **options)


def investment_chart(series: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Monthly amounts as bars, completed-to-date as a line, the plan as a dashed line; each
    in the legend."""
    month = t("project.chart.month", lang)
    amount = t("project.chart.amount", lang)
    completed = t("project.chart.completed", lang)
    plan = t("project.chart.plan", lang)
    in_month = t("col.month_amount", lang)
    lines = pd.concat(
        [
            pd.DataFrame(
                {"month": series["month"], "value": series["completed_wan"], "series": completed}
            ),
            pd.DataFrame({"month": series["month"], "value": series["plan_wan"], "series": plan}),
        ]
    ).dropna(subset=["value"])
    lines = lines.assign(label=_months(lines["month"], lang))
    bars_data = series.dropna(subset=["month_wan"])
    bars_data = bars_data.assign(label=_months(bars_data["month"], lang), series=in_month)
    x = _month_x(pd.concat([lines, bars_data]), lang)
    colors = alt.Scale(domain=[completed, plan, in_month], range=["#1a9850", "#d7301f", "#b0bec5"])
    bars = (
        alt.Chart(bars_data)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("month_wan:Q", title=amount),
            color=alt.Color("series:N", scale=colors, legend=_legend()),
            tooltip=[
                alt.Tooltip("label:O", title=month),
                alt.Tooltip("month_wan:Q", title=in_month, format=",.0f"),
            ],
        )
    )
    trend = (
        alt.Chart(lines)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=amount),
            color=alt.Color("series:N", scale=colors, legend=_legend()),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=[completed, plan], range=[[1, 0], [6, 4]]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("label:O", title=month),
                "series:N",
                alt.Tooltip("value:Q", title=amount, format=",.0f"),
            ],
        )
    )
    return alt.layer(bars, trend).properties(height=300)


def stage_chart(counts: pd.DataFrame, lang: str) -> alt.Chart:
    """Projects per stage, month by month, stacked in ladder order (the funnel over time)."""
    month = t("project.chart.month", lang)
    stage = t("filter.stage", lang)
    projects = t("trends.projects", lang)
    order = [label("stage", code, lang) for code in vocab.STAGES]
    data = counts.assign(
        label=_months(counts["month"], lang),
        stage=[label("stage", code, lang) for code in counts["stage"]],
        order=[list(vocab.STAGES).index(c) if c in vocab.STAGES else 99 for c in counts["stage"]],
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=_month_x(data, lang),
            y=alt.Y("projects:Q", title=projects, stack="zero"),
            color=alt.Color(
                "stage:N",
                title=stage,
                scale=alt.Scale(domain=order, scheme="viridis"),
                legend=_legend(columns=4),  # seven stages: two rows, not off the edge
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("label:O", title=month),
                alt.Tooltip("stage:N", title=stage),
                alt.Tooltip("projects:Q", title=projects),
            ],
        )
        .properties(height=300)
    )


def problem_flow_chart(flow: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Problems opened and resolved each month as bars side by side, still open as a line."""
    month = t("project.chart.month", lang)
    count = t("trends.count", lang)
    opened, resolved, still_open = (t(f"trends.{k}", lang) for k in ("opened", "resolved", "open"))
    data = flow.assign(label=_months(flow["month"], lang))
    bars_data = pd.concat(
        [
            pd.DataFrame(
                {
                    "month": data["month"],
                    "label": data["label"],
                    "value": data["opened"],
                    "series": opened,
                }
            ),
            pd.DataFrame(
                {
                    "month": data["month"],
                    "label": data["label"],
                    "value": data["resolved"],
                    "series": resolved,
                }
            ),
        ]
    )
    x = _month_x(data, lang)
    colors = alt.Scale(
        domain=[opened, resolved, still_open], range=["#d7301f", "#1a9850", "#37474f"]
    )
    bars = (
        alt.Chart(bars_data)
        .mark_bar(opacity=0.8)
        .encode(
            x=x,
            xOffset="series:N",
            y=alt.Y("value:Q", title=count),
            color=alt.Color("series:N", scale=colors, legend=_legend()),
            tooltip=[alt.Tooltip("label:O", title=month), "series:N", "value:Q"],
        )
    )
    line = (
        alt.Chart(data.assign(series=still_open))
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("open:Q", title=count),
            color=alt.Color("series:N", scale=colors, legend=_legend()),
            tooltip=[
                alt.Tooltip("label:O", title=month),
                alt.Tooltip("open:Q", title=still_open),
            ],
        )
    )
    return alt.layer(bars, line).properties(height=300)


def roadmap_chart(milestones: pd.DataFrame, today, lang: str, thresholds=None) -> alt.LayerChart:
    """A Gantt of the roadmap: each milestone's phase as planned (grey) and as it went
    (coloured by days late, as the map colours them), and a line for today.
    ``milestones`` has ``seq, code, planned_on, actual_on, days_late`` in order."""
    from geo.colors import ROADMAP_COLORS
    from geo.workflow.roadmap import Thresholds, label_of, lateness

    step = t("roadmap.milestone", lang)
    rows = []
    previous_plan = previous_actual = None
    for m in milestones.to_dict("records"):
        name = f"{int(m['seq'])}. {label_of(m['code'], lang)}"
        begin = previous_plan or m["planned_on"] - pd.Timedelta(days=30)
        rows.append(
            {
                "step": name,
                "kind": t("roadmap.planned", lang),
                "start": begin,
                "end": m["planned_on"],
                "color": "#b0bec5",
                "days": 0,
            }
        )
        if not pd.isna(m["actual_on"]):
            late = int(m["days_late"])
            color = ROADMAP_COLORS[lateness(late, thresholds or Thresholds())]
            rows.append(
                {
                    "step": name,
                    "kind": t("roadmap.actual", lang),
                    "start": previous_actual or begin,
                    "end": m["actual_on"],
                    "color": color,
                    "days": late,
                }
            )
            previous_actual = m["actual_on"]
        previous_plan = m["planned_on"]
    data = pd.DataFrame(rows)
    data["start"], data["end"] = pd.to_datetime(data["start"]), pd.to_datetime(data["end"])
    order = list(dict.fromkeys(data["step"]))
    bars = (
        alt.Chart(data)
        .mark_bar(height=9)
        .encode(
            x=alt.X(
                "start:T",
                title=None,
                axis=alt.Axis(format="%Y年%-m月" if lang == "zh" else "%b %Y", labelAngle=0),
            ),
            x2="end:T",
            y=alt.Y("step:N", sort=order, title=step),
            yOffset=alt.YOffset("kind:N"),
            color=alt.Color("color:N", scale=None),
            tooltip=[
                alt.Tooltip("step:N", title=step),
                "kind:N",
                alt.Tooltip("end:T", format="%Y-%m-%d"),
                alt.Tooltip("days:Q", title=t("roadmap.days_late", lang)),
            ],
        )
    )
    rule = (
        alt.Chart(
            pd.DataFrame({"today": [pd.Timestamp(today)], "label": [t("roadmap.today", lang)]})
        )
        .mark_rule(color="#c62828", strokeDash=[4, 3])
        .encode(x="today:T", tooltip=["label:N"])
    )
    return alt.layer(bars, rule).properties(height=max(120, 42 * len(order)))


def funnel_chart(rungs: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The library's funnel of a year: a bar per rung of the maturity ladder, top down, as long
    as the projects that reached it, labelled with the count and the conversion from the rung
    above (``rungs``: ``maturity, reached, conversion`` as :func:`geo.workflow.library.funnel`
    gives them)."""
    from geo.workflow.library import MATURITY_COLORS

    rung = t("library.col.maturity", lang)
    reached = t("library.reached", lang)
    conversion = t("library.conversion", lang)
    data = rungs.assign(
        rung=[label("maturity", m, lang) for m in rungs["maturity"]],
        color=[MATURITY_COLORS[m] for m in rungs["maturity"]],
        shown=[
            f"{n}" if c is None or pd.isna(c) else f"{n} · {c * 100:.1f}%"
            for n, c in zip(rungs["reached"], rungs["conversion"], strict=True)
        ],
    )
    y = alt.Y("rung:N", sort=list(data["rung"]), title=None, axis=alt.Axis(labelLimit=0))
    bars = (
        alt.Chart(data)
        .mark_bar(height=26)
        .encode(
            # Room on the right for the longest bar's label.
            x=alt.X(
                "reached:Q",
                title=reached,
                axis=alt.Axis(tickMinStep=1),
                scale=alt.Scale(domain=[0, max(1, int(rungs["reached"].max()) * 1.3)]),
            ),
            y=y,
            color=alt.Color("color:N", scale=None),
            tooltip=[
                alt.Tooltip("rung:N", title=rung),
                alt.Tooltip("reached:Q", title=reached),
                alt.Tooltip("conversion:Q", title=conversion, format=".1%"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=4, color="#263238").encode(text="shown:N")
    return alt.layer(bars, text).properties(height=48 * len(data))
