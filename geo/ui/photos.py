"""Site photos on a page: a dated strip and a form to add more."""

from __future__ import annotations

import streamlit as st

from geo.ingest import photos
from geo.ui.resources import engine, settings
from geo.ui.text import lang, tr
from geo.ui.widgets import refused


def photo_strip(project_id: int, problem_id: int | None = None) -> None:
    """A project's (or one of its problems') photos as a dated strip, and a form to add more."""
    s = settings()
    shown = photos.load_photos(engine(), project_id)
    if problem_id is not None:
        shown = shown[shown["problem_id"] == problem_id]
    if shown.empty:
        st.caption(tr("photos.none"))
    for row_start in range(0, min(len(shown), 12), 4):
        for column, photo in zip(
            st.columns(4), shown.iloc[row_start : row_start + 4].to_dict("records"), strict=False
        ):
            thumb = photos.thumbnail_path(s.photo_dir, photo["file_name"])
            if thumb.exists():
                column.image(str(thumb), caption=photos.strip_caption(photo, lang()))
    with st.form(f"photos_{project_id}_{problem_id}", clear_on_submit=True):
        uploads = st.file_uploader(
            tr("photos.upload"),
            type=["jpg", "jpeg", "png", "webp"],
            accept_multiple_files=True,
            max_upload_size=max(1, s.photo_max_bytes // 2**20),
        )
        caption = st.text_input(tr("photos.caption"))
        if st.form_submit_button(tr("photos.save")) and uploads:
            saved = 0
            for upload in uploads:
                try:
                    photos.add_photo(
                        engine(),
                        project_id,
                        upload.getvalue(),
                        upload.name,
                        photo_dir=s.photo_dir,
                        max_bytes=s.photo_max_bytes,
                        caption=caption or None,
                        problem_id=problem_id,
                    )
                    saved += 1
                except ValueError as exc:
                    refused(exc)
            if saved:
                st.success(tr("photos.saved", n=saved))
