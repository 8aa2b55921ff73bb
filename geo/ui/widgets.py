"""Pieces of pages: tables with an empty state, the headline numbers, writes that rerun, and
the versions a form was filled in from."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import formatting
from geo.core.filters import ProjectFilter
from geo.core.measures import Headline
from geo.core.snapshot import Snapshot
from geo.ui import state
from geo.ui.resources import data_stamp, settings
from geo.ui.text import data, lang, md, said, tr
from geo.views.tables import project_table

#: Longest text a table cell shows; the whole text is on the record's own page.
CELL_LIMIT = 120


def as_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells as data: cut to :data:`CELL_LIMIT` and direction-isolated (geo.ui.text.data)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [
                data(v, CELL_LIMIT) if isinstance(v, str) else v for v in out[column].tolist()
            ]
    return out


def table(
    frame: pd.DataFrame | list | dict | None,
    *,
    empty: str | None = None,
    prepared: bool = False,
    **options: object,
) -> object:
    """A table of ``frame``, or a line saying there is nothing to show (in the UI's language,
    never Streamlit's "empty"); missing values show as "—", never "None" or "nan".

    ``options`` go to ``st.dataframe`` (``key``, ``column_config``, ``on_select``…); returns
    what it returns, or None when there was nothing to show. ``prepared``: the cells already
    went through :func:`as_cells` (a table shared by all sessions).
    """
    if frame is not None and not isinstance(frame, pd.DataFrame):
        frame = pd.DataFrame(frame)  # records or a mapping of columns
    if frame is None or len(frame) == 0:
        st.caption(empty or tr("table.empty"))
        return None
    options.setdefault("hide_index", True)
    options.setdefault("width", "stretch")
    return st.dataframe(frame if prepared else as_cells(frame), placeholder="—", **options)


@st.cache_resource(max_entries=32, show_spinner=False)
def _shared_project_table(
    _shown: pd.DataFrame, key: tuple, lang: str
) -> tuple[pd.DataFrame, dict[str, object]]:
    del key  # identifies _shown, which is not hashed
    frame, column_config = project_table(_shown, lang)
    return as_cells(frame), column_config


def project_rows(
    snap: Snapshot, chosen: ProjectFilter, shown: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, object]]:
    """The table under the overview map (``shown``: ``snap``'s projects that ``chosen`` lets
    through), made once per data change, filter and language for every session; show it with
    ``table(..., prepared=True)`` and do not change it."""
    key = (settings().db_url, snap.as_of, data_stamp(), chosen)
    return _shared_project_table(shown, key, lang())


def choose(
    kind: str,
    title: str,
    options: Sequence[object],
    *,
    name: str,
    default: object = None,
    container: object = st,
    **kwargs: object,
) -> object:
    """A single choice (``kind``: ``selectbox``, ``radio`` or ``segmented_control``) that this
    session remembers under ``name`` across pages and languages, and that only ever returns
    one of ``options`` (or ``default``).

    The widget is keyed by :func:`geo.ui.state.widget_key`: its option labels are in the UI's
    language, and a label of the other language must never come back as a value.
    """
    options = list(options)
    kept_as = f"_chosen.{name}"
    kept = state.shared(kept_as, default)
    current = kept if kept in options else default
    widget = getattr(container, kind)
    key = state.widget_key(name)
    if "format_func" in kwargs:  # the labels of the language the widget is drawn in, once
        labels = [kwargs["format_func"](o) for o in options]
        kwargs["format_func"] = lambda o: labels[options.index(o)] if o in options else str(o)

    def chosen() -> None:  # before the script runs: the whole run sees the choice
        value = st.session_state.get(key)
        if value in options:
            state.keep(kept_as, value)

    if kind == "segmented_control":
        kwargs.setdefault("required", current is not None)
        value = widget(title, options, default=current, key=key, on_change=chosen, **kwargs)
    else:
        index = options.index(current) if current in options else (None if current is None else 0)
        if kind == "radio" and index is None:
            index = 0
        if kind == "selectbox":
            kwargs.setdefault("placeholder", tr("select.placeholder"))
        value = widget(title, options, index=index, key=key, on_change=chosen, **kwargs)
    value = value if value in options else current
    state.keep(kept_as, value)
    return value


def messages(errors: Sequence[str], warnings: Sequence[str] = ()) -> None:
    """What a file or a form got wrong, errors first, each whole (they name the row and the
    column); a long list scrolls in its box."""
    height = "content" if len(errors) + len(warnings) <= 12 else 360
    with st.container(height=height, border=True, key="messages"):
        for text in errors:
            st.markdown(f":red[:material/error:] {md(text)}")
        for text in warnings:
            st.markdown(f":orange[:material/warning:] {md(text)}")


def headline_strip(head: Headline) -> None:
    """Projects, plan, completed, rate against the time schedule, behind, under 30%."""
    lg = lang()
    cols = st.columns(6)
    cols[0].metric(tr("kpi.projects"), f"{head.projects:,}")
    money_metric(cols[1], "kpi.annual_plan", head.annual_plan_wan)
    money_metric(cols[2], "kpi.completed", head.completed_wan)
    rate_metric(cols[3], tr("kpi.completion_rate"), head.completion_rate, head.time_schedule)
    cols[4].metric(tr("kpi.behind_schedule"), f"{head.behind_schedule:,}")
    cols[5].metric(tr("kpi.below_30pct"), f"{head.below_30pct:,}")
    st.caption(
        tr("kpi.as_of", date=formatting.date(head.as_of, lg))
        + " · "
        + tr("kpi.time_schedule", value=formatting.percent(head.time_schedule))
    )


def money_metric(container, label_key: str, value_wan: float) -> None:
    """A sum of money with its unit (万元 or 亿元) in the label, so the number stays short."""
    number, unit = formatting.money_parts(value_wan)
    title = tr("kpi.in_unit", label=tr(label_key), unit=tr(f"unit.name.{unit}"))
    container.metric(title, number)


def rate_metric(container, title: str, rate: float, schedule: float) -> None:
    """A completion rate with its gap to the time schedule, in points, as the delta."""
    gap = rate - schedule
    container.metric(
        title,
        formatting.percent(rate),
        delta=None if gap != gap else tr("kpi.points", gap=f"{gap * 100:+.1f}"),  # NaN: no gap
        help=tr("kpi.time_schedule", value=formatting.percent(schedule)),
    )


def run_and_rerun(
    step, *args: object, clears: str | None = None, saved: str | None = None, **kwargs: object
) -> None:
    """Run a write; show a refusal in the users' words, or rerun to show the result. After a
    save, the form made with ``form_key(clears)`` starts empty (a second click cannot save a
    copy) and ``saved`` is said once (:func:`show_saved`)."""
    try:
        step(*args, **kwargs)
    except ValueError as exc:
        refused(exc)
    else:
        if clears is not None:
            st.session_state[_FORM_ROUND + clears] = (
                st.session_state.get(_FORM_ROUND + clears, 0) + 1
            )
        if saved is not None:
            st.session_state[_SAVED] = saved
        st.rerun()


_FORM_ROUND, _SAVED = "_form_round_", "_saved_message"


def form_key(name: str) -> str:
    """The key of form ``name`` for now: a new one after each save through
    ``run_and_rerun(…, clears=name)``, so the form's fields start empty again (after a refusal
    they keep what was typed)."""
    return f"{name}_{st.session_state.get(_FORM_ROUND + name, 0)}"


def show_saved() -> None:
    """What the last save said (``run_and_rerun(…, saved=…)``), once."""
    if message := st.session_state.pop(_SAVED, None):
        st.success(message, icon=":material/check:")


def refused(error: BaseException) -> None:
    """Show why the rules refused (access, a stale version, bad input), in the UI's language."""
    st.error(said(error), icon=":material/block:")


def version_seen(kind: str, record_id: object, current: object) -> object:
    """The version of a record this session showed on its previous run — what a form just
    submitted was filled in from — and remember ``current`` for the next run."""
    key = f"_seen_{kind}_{record_id}"
    seen = st.session_state.get(key, current)
    st.session_state[key] = current
    return seen


def save_upload(upload) -> Path:
    """An uploaded file on disk (readers want a path and its suffix), once per upload."""
    folder = Path(tempfile.gettempdir()) / "geo-uploads" / upload.file_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(upload.name).name
    if not path.exists():
        path.write_bytes(upload.getvalue())
    return path
