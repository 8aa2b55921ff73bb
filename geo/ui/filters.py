"""The filter widgets in the sidebar. What is chosen is kept for the session (state), so the
map, the trends and the roadmaps show the same projects, in either language."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from geo.core import filters, problems
from geo.core.filters import ProjectFilter
from geo.i18n import label
from geo.ui import state
from geo.ui.text import lang, tr


def _kept(store: str) -> dict:
    kept = state.shared(store)
    return dict(kept) if isinstance(kept, dict) else {}


def _zone(store: str, zones: pd.DataFrame, kinds: bool) -> str | None:
    kept = _kept(store)
    names = zones["name"].tolist()
    kind_of = dict(zip(zones["name"], zones["kind"], strict=True))
    options = [None, *names]
    current = kept.get("zone") if kept.get("zone") in names else None

    lg, everywhere = lang(), tr("filter.all_zones")  # the labels of the language drawn in

    def show(z: str | None) -> str:
        if z is None:
            return everywhere
        return f"{z} · {label('zone_kind', kind_of[z], lg)}" if kinds else z

    picked = st.selectbox(
        tr("filter.my_zone"),
        options,
        index=options.index(current),
        format_func=show,
        key=state.widget_key(f"{store}.zone"),
        placeholder=tr("select.placeholder"),
    )
    picked = picked if picked in names else None  # a label left by the other language is no zone
    state.keep(store, {**_kept(store), "zone": picked})
    return picked


def _many(
    store: str, field: str, title: str, options: Sequence[str], show: Callable[[str], str] = str
) -> tuple[str, ...]:
    kept = _kept(store)
    current = [v for v in kept.get(field, ()) if v in options]
    picked = st.multiselect(
        title,
        list(options),
        default=current,
        format_func=show,
        key=state.widget_key(f"{store}.{field}"),
        placeholder=tr("filter.all"),
    )
    picked = tuple(v for v in picked if v in options)
    state.keep(store, {**_kept(store), field: picked})
    return picked


def filter_sidebar(projects: pd.DataFrame, zones: pd.DataFrame) -> ProjectFilter:
    """The project filter widgets (my zone first); returns what is chosen."""
    lg = lang()
    store = state.FILTER_KEY

    def coded(kind: str) -> Callable[[str], str]:
        return lambda v: label(kind, v, lg)

    with st.sidebar:
        st.subheader(tr("filter.heading"))
        zone = _zone(store, zones, kinds=True)
        return ProjectFilter(
            zone=zone,
            parks=_many(store, "parks", tr("filter.park"), filters.choices(projects, "park")),
            townships=_many(
                store, "townships", tr("filter.township"), filters.choices(projects, "township")
            ),
            categories=_many(
                store,
                "categories",
                tr("filter.category"),
                filters.choices(projects, "category"),
                coded("category"),
            ),
            levels=_many(
                store,
                "levels",
                tr("filter.level"),
                filters.choices(projects, "level"),
                coded("level"),
            ),
            stages=_many(
                store,
                "stages",
                tr("filter.stage"),
                filters.choices(projects, "stage"),
                coded("stage"),
            ),
            leaders=_many(
                store, "leaders", tr("filter.leader"), filters.choices(projects, "lead_leader")
            ),
        )


def problem_filters(flagged: pd.DataFrame, zones: pd.DataFrame) -> problems.ProblemFilter:
    """The problem board's filter widgets in the sidebar."""
    lg = lang()
    store = "problem_filter"
    with st.sidebar:
        st.subheader(tr("filter.heading"))
        zone = _zone(store, zones, kinds=False)
        return problems.ProblemFilter(
            zone=zone,
            states=_many(
                store,
                "states",
                tr("board.state"),
                problems.STATES,
                lambda s: tr(f"board.state.{s}"),
            ),
            projects=_many(
                store, "projects", tr("board.project"), filters.choices(flagged, "project")
            ),
            units=_many(
                store, "units", tr("board.unit"), filters.choices(flagged, "responsible_unit")
            ),
            leaders=_many(
                store, "leaders", tr("filter.leader"), filters.choices(flagged, "lead_leader")
            ),
            categories=_many(
                store,
                "categories",
                tr("problem.category"),
                filters.choices(flagged, "category"),
                lambda c: label("problem_category", c, lg),
            ),
        )
