"""Official documents on a page: the Word and PDF buttons, and the document shown block by
block (its text is data, shown as entered)."""

from __future__ import annotations

import functools
import html

import pandas as pd
import streamlit as st

from geo.reports import documents
from geo.ui.text import md, tr
from geo.ui.widgets import table


def document_downloads(document: documents.Document, stem: str) -> None:
    """Word and PDF buttons for an official document, each built only when clicked; without
    the Chinese font the PDF button is replaced by how to get one."""
    left, right = st.columns(2)
    left.download_button(
        tr("bulletin.download_docx"),
        functools.partial(documents.to_docx, document),
        file_name=f"{stem}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        icon=":material/description:",
    )
    try:
        documents.cjk_font()
    except ValueError as exc:
        right.warning(tr("bulletin.no_font", error=exc))
    else:
        right.download_button(
            tr("bulletin.download_pdf"),
            functools.partial(documents.to_pdf, document),
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
        )


def document_preview(document: documents.Document) -> None:
    """A bulletin or letter on screen, block by block; its text is data, shown as entered."""
    for block in document.blocks:
        if isinstance(block, documents.Masthead):
            st.markdown(f":red[**{md(block.text)}**]")
        elif isinstance(block, documents.Title):
            st.subheader(md(block.text), anchor=False)
        elif isinstance(block, documents.Centered):
            st.caption(md(block.text))
        elif isinstance(block, documents.Heading):
            st.markdown(f"**{md(block.text)}**")
        elif isinstance(block, documents.Paragraph | documents.Addressee):
            st.markdown(md(block.text))
        elif isinstance(block, documents.Table):
            table(pd.DataFrame(list(block.rows), columns=list(block.header)))
        else:
            for line in block.lines:
                st.markdown(
                    f"<div style='text-align:right'>{html.escape(line)}</div>",
                    unsafe_allow_html=True,
                )
