"""Tables of projects as shown on screen: localised headers and labels, a progress bar."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.i18n import label, t


def project_table(projects: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict[str, object]]:
    """The projects below the map, and the column configuration that draws the rate as a bar.

    Rates above 100% are shown as a full bar with their true value in the number.
    """
    rate = t("col.completion_rate", lang)
    table = pd.DataFrame(
        {
            t("col.code", lang): projects["code"],
            t("col.name", lang): projects["name"],
            t("col.park", lang): projects["park"].fillna(""),
            t("col.township", lang): projects["township"].fillna(""),
            t("col.category", lang): [label("category", c, lang) for c in projects["category"]],
            t("col.stage", lang): [label("stage", s, lang) for s in projects["stage"]],
            t("col.annual_plan", lang): projects["annual_plan_wan"],
            t("col.completed", lang): projects["completed_wan"],
            rate: projects["completion_rate"],
            t("col.lead_leader", lang): projects["lead_leader"].fillna(""),
            t("col.responsible_unit", lang): projects["responsible_unit"].fillna(""),
        }
    )
    money = st.column_config.NumberColumn(format="localized")
    config: dict[str, object] = {
        t("col.annual_plan", lang): money,
        t("col.completed", lang): money,
        rate: st.column_config.ProgressColumn(format="percent", min_value=0.0, max_value=1.0),
    }
    return table, config


def report_editor_config(lang: str) -> dict[str, object]:
    """Labels and editability of the monthly report table (see :mod:`geo.workflow.reporting`)."""
    from geo.vocab import STAGES

    money = {"min_value": 0.0, "format": "localized"}
    return {
        "id": None,  # hidden
        "code": st.column_config.TextColumn(t("col.code", lang), disabled=True),
        "name": st.column_config.TextColumn(t("col.name", lang), disabled=True),
        "last_as_of": st.column_config.DateColumn(t("report.last_as_of", lang), disabled=True),
        "last_completed_wan": st.column_config.NumberColumn(
            t("report.last_completed", lang), disabled=True, format="localized"
        ),
        "completed_wan": st.column_config.NumberColumn(
            t("col.completed", lang), required=True, **money
        ),
        "cumulative_wan": st.column_config.NumberColumn(t("col.cumulative", lang), **money),
        "stage": st.column_config.SelectboxColumn(
            t("col.stage", lang), options=[label("stage", s, lang) for s in STAGES]
        ),
        "physical_progress": st.column_config.TextColumn(
            t("col.physical_progress", lang), width="large"
        ),
        "reason": st.column_config.TextColumn(t("report.reason", lang)),
    }


def targets_editor_config(lang: str) -> dict[str, object]:
    """Labels and editability of the monthly plan table (:func:`geo.workflow.reporting.targets_frame`)."""
    from geo.workflow.reporting import TARGET_COLUMNS

    month = {"min_value": 0.0, "format": "localized"}
    return {
        "id": None,  # hidden
        "code": st.column_config.TextColumn(t("col.code", lang), disabled=True),
        "name": st.column_config.TextColumn(t("col.name", lang), disabled=True),
        "annual_plan_wan": st.column_config.NumberColumn(
            t("col.annual_plan", lang), disabled=True, format="localized"
        ),
        **{
            column: st.column_config.NumberColumn(t("report.month", lang, month=m), **month)
            for m, column in enumerate(TARGET_COLUMNS, start=1)
        },
    }


def ranking_table(table: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict[str, object]]:
    """The quarterly ranking: rank, name, score, last quarter, change (▲/▼), the parts."""
    from geo.weights import COMPONENTS

    def change(value: object) -> str:
        if value is None or pd.isna(value):
            return ""
        return f"▲{int(value)}" if value > 0 else f"▼{-int(value)}" if value < 0 else "—"

    columns = ["rank", "key", "score", "previous_rank", "change", "projects", "completion_rate"]
    shown = table[[*columns, *COMPONENTS]].copy()
    shown["change"] = [change(v) for v in shown["change"]]
    shown["completion_rate"] = shown["completion_rate"] * 100  # one decimal, as everywhere
    shown = shown.rename(columns={c: t(f"ranking.col.{c}", lang) for c in shown.columns})
    share = st.column_config.ProgressColumn(format="percent", min_value=0.0, max_value=1.0)
    config: dict[str, object] = {t(f"ranking.col.{c}", lang): share for c in COMPONENTS}
    config[t("ranking.col.completion_rate", lang)] = st.column_config.NumberColumn(format="%.1f%%")
    config[t("ranking.col.score", lang)] = st.column_config.NumberColumn(format="%.1f")
    return shown, config


def _day(value: object) -> str:
    """A date as ISO text; nothing (not "None") when there is none yet."""
    return "" if value is None or pd.isna(value) else value.isoformat()


def milestone_table(steps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A roadmap as shown: milestone, planned, actual, days late."""
    from geo.workflow.roadmap import label_of

    return pd.DataFrame(
        {
            t("roadmap.milestone", lang): [label_of(c, lang) for c in steps["code"]],
            t("roadmap.planned", lang): [_day(d) for d in steps["planned_on"]],
            t("roadmap.actual", lang): [_day(d) for d in steps["actual_on"]],
            t("roadmap.days_late", lang): steps["days_late"],
        }
    )


def approval_table(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Approvals as shown: item, department, applied, granted, status, days waiting."""
    return pd.DataFrame(
        {
            t("approvals.item", lang): [label("approval_item", i, lang) for i in items["item"]],
            t("approvals.department", lang): items["department"],
            t("approvals.applied", lang): [_day(d) for d in items["applied_on"]],
            t("approvals.granted", lang): [_day(d) for d in items["granted_on"]],
            t("approvals.status", lang): [
                t(f"approvals.status.{s}", lang) for s in items["status"]
            ],
            t("approvals.days_waiting", lang): items["days_waiting"],
        }
    )


def next_milestone_table(projects: pd.DataFrame, lang: str, amber_days: int) -> pd.DataFrame:
    """Each project's next milestone, the latest first: where the roadmaps slip."""
    from geo.workflow.roadmap import label_of

    ordered = projects.sort_values(["days_late", "next_planned_on"], ascending=[False, True])
    return pd.DataFrame(
        {
            t("col.name", lang): ordered["name"],
            t("col.park", lang): ordered["park"].fillna(""),
            t("col.township", lang): ordered["township"].fillna(""),
            t("roadmap.next", lang): [
                label_of(c, lang) if isinstance(c, str) else "" for c in ordered["next_milestone"]
            ],
            t("roadmap.planned", lang): [_day(d) for d in ordered["next_planned_on"]],
            t("roadmap.days_late", lang): ordered["days_late"],
            t("roadmap.status", lang): [
                t(f"roadmap.{s}", lang, days=amber_days) for s in ordered["roadmap_status"]
            ],
        }
    )


_BOARD_COLUMNS = {
    "rank": "approvals.rank",
    "department": "approvals.department",
    "pending": "approvals.pending",
    "days_waiting": "approvals.days_waiting",
    "longest_wait": "approvals.longest_wait",
    "granted": "approvals.granted_count",
    "average_days": "approvals.average_days",
}


def department_board_table(board: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The joint-approval board (geo.workflow.approvals.by_department) with its headers on screen."""
    return board[list(_BOARD_COLUMNS)].rename(
        columns={column: t(key, lang) for column, key in _BOARD_COLUMNS.items()}
    )


def blocked_table(blocked: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Projects that cannot start, and the approvals they still lack."""
    from geo.formatting import join

    return pd.DataFrame(
        {
            t("col.name", lang): blocked["name"],
            t("col.stage", lang): [label("stage", s, lang) for s in blocked["stage"]],
            t("approvals.missing", lang): [
                join((label("approval_item", i, lang) for i in m), lang) for m in blocked["missing"]
            ],
        }
    )


def pending_approvals_table(pending: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Approvals still pending, the longest waiting first, with their project."""
    ordered = pending.sort_values("days_waiting", ascending=False)
    return approval_table(ordered, lang).assign(
        **{t("col.name", lang): ordered["project"].to_numpy()}
    )
