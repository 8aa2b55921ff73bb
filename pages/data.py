"""Data in and out: ledgers and zone boundaries in (preview, then confirm), the ledger out."""

import dataclasses

import pandas as pd
import streamlit as st

from geo import coords, formatting, ui, vocab
from geo.i18n import label
from geo.ingest import boundaries, exporter, importer, ledger
from geo.storage import store
from geo.views import maps
from geo.workflow import yearend

ui.entrypoint_guard()

ui.ensure_schema()
engine = ui.engine()
st.title(ui.tr("page.data"))

# ---------------------------------------------------------------- ledger
st.header(ui.tr("data.ledger"))
st.caption(ui.tr("data.ledger_help"))
upload = st.file_uploader(
    ui.tr("data.ledger"),
    type=["xlsx", "xls", "csv"],
    key="ledger_upload",
    label_visibility="collapsed",
)
if upload is not None:
    path = ui.save_upload(upload)
    left, middle, right = st.columns(3)
    sheet = left.selectbox(
        ui.tr("data.sheet"), ledger.sheet_names(path), placeholder=ui.tr("select.placeholder")
    )
    as_of = middle.date_input(ui.tr("data.as_of"), value=None)
    crs = right.selectbox(
        ui.tr("data.crs"),
        [None, coords.WGS84, coords.GCJ02, coords.BD09],
        format_func=lambda c: ui.tr("data.crs.auto") if c is None else c.upper(),
        placeholder=ui.tr("select.placeholder"),
    )
    bar = st.progress(0.0, text=ui.tr("data.reading", file=upload.name))
    options = {"sheet": sheet if sheet != "csv" else None, "as_of": as_of, "crs": crs}
    category = st.session_state.get(ui.widget_key("ledger_category"))
    # First as this office reads such a ledger (its remembered mapping), then with what the
    # person changes in the column list below.
    base = importer.read(
        engine, path, **options, category=category, progress=lambda share: bar.progress(share)
    )
    bar.empty()
    st.subheader(ui.tr("data.columns"))
    st.caption(ui.tr("data.columns_help"))
    base_key = hash((upload.file_id, sheet, tuple(sorted(base.mapped().items(), key=str))))
    changed = ui.column_mapping(base, key=ui.widget_key(f"ledger_columns_{base_key}"))
    reading = (
        importer.read(engine, path, mapping=changed, **options, category=category)
        if changed
        else base
    )
    if reading.uncategorised:
        st.selectbox(
            ui.tr("data.category_for_rest"),
            [None, *vocab.CATEGORIES],
            format_func=lambda c: (
                ui.tr("data.category_none") if c is None else label("category", c, ui.lang())
            ),
            key=ui.widget_key("ledger_category"),
        )
    plan = importer.plan_import(engine, reading, ui.settings().tour_start)
    # Confirming applies what the preview showed: a project changed since is refused, not
    # overwritten (the preview of the previous run is what the person read).
    seen_versions = ui.version_seen("ledger", upload.file_id, plan.versions)
    summary = plan.summary()
    st.write(
        ui.tr(
            "data.summary",
            file=ui.md(reading.file),
            sheet=ui.md(reading.sheet),
            as_of=summary["as_of"] or "—",
            crs=reading.crs,
            rows=summary["rows"],
        )
    )
    counts = st.columns(6)
    for column, key, value in zip(
        counts,
        (
            "data.new",
            "data.updated",
            "data.unchanged",
            "data.reports",
            "data.problems",
            "data.targets",
        ),
        (
            "new_projects",
            "updated_projects",
            "unchanged_projects",
            "reports",
            "problems",
            "monthly_targets",
        ),
        strict=True,
    ):
        column.metric(ui.tr(key), summary[value])
    tables = importer.preview_tables(plan, ui.lang())
    if plan.errors or plan.warnings:
        st.subheader(ui.tr("data.messages"))
        ui.messages(
            [e.text(ui.lang()) for e in plan.errors], [w.text(ui.lang()) for w in plan.warnings]
        )
    for key, title in (
        ("new", "data.new"),
        ("updated", "data.updated"),
        ("problems", "data.problems"),
    ):
        if not tables[key].empty:
            st.subheader(ui.tr(title))
            ui.table(tables[key])
    # A ledger of a closed year changes frozen figures: only with a reason, kept in the history.
    closed_on = yearend.closed_as_of(engine, reading.as_of.year) if reading.as_of else None
    change_reason = None
    if closed_on is not None and not plan.errors and not plan.is_noop():
        st.warning(
            ui.tr(
                "yearend.edit_closed",
                year=reading.as_of.year,
                date=formatting.date(closed_on, ui.lang()),
            ),
            icon=":material/lock:",
        )
        change_reason = st.text_input(ui.tr("yearend.edit_reason"), key="ledger_change_reason")
    if plan.errors:
        st.error(ui.tr("data.refused"))
    elif plan.is_noop():
        st.info(ui.tr("data.nothing"))
    elif st.button(ui.tr("data.confirm"), type="primary", key="write_ledger_confirm"):
        try:
            done = importer.apply_import(
                engine, dataclasses.replace(plan, versions=seen_versions), reason=change_reason
            )
            if changed:  # next month's ledger of this shape reads the same, with no clicks
                store.save_ledger_mapping(engine, changed)
        except ValueError as exc:
            ui.refused(exc)
        else:
            st.success(
                ui.tr(
                    "data.done",
                    new=done["new_projects"],
                    updated=done["updated_projects"],
                    reports=done["reports"],
                )
            )
            if changed:
                st.info(ui.tr("data.mapping_saved", n=len(changed)))

# ---------------------------------------------------------------- zones
st.header(ui.tr("data.zones"))
st.caption(ui.tr("data.zones_help"))
zone_upload = st.file_uploader(
    ui.tr("data.zones"),
    type=["geojson", "json", "gpkg", "kml", "zip"],
    key="zones_upload",
    label_visibility="collapsed",
)
if zone_upload is not None:
    left, right = st.columns(2)
    kind = left.radio(
        ui.tr("data.kind"),
        ("township", "park"),
        horizontal=True,
        format_func=lambda k: ui.tr(f"zone_kind.{k}"),
    )
    name_field = right.text_input(ui.tr("data.name_field")) or None
    zone_path = ui.save_upload(zone_upload)
    try:
        records, _crs, _field = boundaries.read_boundaries(zone_path, kind, name_field)
        preview = boundaries.import_boundaries(engine, zone_path, kind, name_field, dry_run=True)
    except ValueError as exc:
        ui.refused(exc)
    else:
        st.write(
            ui.tr(
                "data.zones_summary",
                file=ui.md(preview.file),
                crs=preview.crs,
                field=ui.md(preview.name_field),
                new=len(preview.new),
                updated=len(preview.updated),
                moved=preview.moved_projects,
            )
        )
        ui.show_map(ui.served(maps.boundary_preview(records)), "zones_preview", height=360)
        if preview.outside:
            with st.expander(f"{ui.tr('data.outside')} ({len(preview.outside)})"):
                ui.table(pd.DataFrame({ui.tr("col.name"): preview.outside}))
        if st.button(ui.tr("data.confirm"), type="primary", key="write_zones_confirm"):
            try:
                boundaries.import_boundaries(engine, zone_path, kind, name_field)
            except ValueError as exc:  # refused: not the office's to change, or changed meanwhile
                ui.refused(exc)
            else:
                st.success(
                    ui.tr(
                        "data.done", new=len(preview.new), updated=len(preview.updated), reports=0
                    )
                )

# ---------------------------------------------------------------- export
st.header(ui.tr("data.export"))
if store.count_rows(engine)["projects"]:
    snap = ui.current_snapshot(ui.as_of())

    def ledger_file() -> bytes:  # made when asked for, not on every visit of the page
        frame = exporter.ledger_frame(
            snap.projects,
            exporter.open_problems(store.load_problems(engine)),
            snap.as_of,
            targets=store.load_targets(engine, snap.as_of.year),
        )
        return exporter.xlsx_bytes(frame, snap.as_of)

    st.download_button(
        ui.tr("data.export_ledger"),
        ledger_file,
        file_name=f"重点项目台账_{snap.as_of:%Y%m%d}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
else:
    st.caption(ui.tr("data.export_none"))
