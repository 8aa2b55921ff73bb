"""Monthly bulletin (月通报): the as-of date's figures in the office's words, as Word or PDF."""

import streamlit as st

from geo import ui
from geo.reports import bulletin

ui.entrypoint_guard()
ui.require_data()
lg = ui.lang()
s = ui.settings()
st.title(ui.tr("page.bulletin"))

facts = ui.bulletin_facts(ui.as_of())
document = bulletin.bulletin_document(facts, lg, issuer=s.issuer, area=s.area)
ui.headline_strip(facts.headline)

stem = f"bulletin-{facts.as_of.isoformat()}-{lg}"
ui.document_downloads(document, stem)

st.divider()
with st.container(border=True):
    ui.document_preview(document)
