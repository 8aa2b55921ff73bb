"""Monthly bulletin (月通报): the as-of date's figures in the office's words, as Word or PDF."""

import functools

import streamlit as st

from geo import bulletin, documents, ui

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
s = ui.settings()
st.title(ui.tr("page.bulletin"))

facts = ui.bulletin_facts(ui.as_of())
document = bulletin.bulletin_document(facts, lg, issuer=s.issuer, area=s.area)
ui.headline_strip(facts.headline)

stem = f"bulletin-{facts.as_of.isoformat()}-{lg}"
left, right = st.columns(2)
left.download_button(
    ui.tr("bulletin.download_docx"),
    # Built when clicked (a callable), not on every rerun.
    functools.partial(documents.to_docx, document),
    file_name=f"{stem}.docx",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    icon=":material/description:",
)
try:
    documents.cjk_font()
except ValueError as exc:
    right.warning(ui.tr("bulletin.no_font", error=exc))
else:
    right.download_button(
        ui.tr("bulletin.download_pdf"),
        functools.partial(documents.to_pdf, document),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
    )

st.divider()
with st.container(border=True):
    ui.document_preview(document)
