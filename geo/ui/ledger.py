"""The column list of a ledger being imported, where a person says what each column is."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.ingest import ledger
from geo.ui.text import lang, tr


def column_mapping(reading: ledger.LedgerReading, key: str) -> dict[str, str | None]:
    """Every column of the sheet with what it is read as, the "read as" cell a choice of
    field; returns what the person changed (header key → field, None: leave unread).

    ``key`` must change when ``reading`` was made with another mapping: the editor keeps
    its edits relative to the rows it was first given."""
    lg = lang()
    unread = tr("ledger.unread")
    words = {f: ledger.field_label(f, lg) for f in ledger.ASSIGNABLE}
    fields = {word: f for f, word in words.items()}
    rows = ledger.column_rows(reading, lg)
    frame = pd.DataFrame(rows)
    field_column = tr("ledger.col.field")
    frame[field_column] = [words[c.field] if c.field else unread for c in reading.sheet_columns]
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        placeholder="—",
        disabled=[c for c in frame.columns if c != field_column],
        column_config={
            field_column: st.column_config.SelectboxColumn(
                options=[unread, *words.values()], required=True
            )
        },
    )
    chosen = {
        letter: fields.get(word)
        for letter, word in zip(edited[tr("ledger.col.letter")], edited[field_column], strict=True)
    }
    return ledger.overrides(reading, chosen)
