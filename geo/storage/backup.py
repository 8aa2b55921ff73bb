"""Backup and restore of the whole database, between any two back ends.

A backup is one gzip-compressed JSON file: the schema revision it was taken at, and every
table's columns and rows (dates as ISO text). It is independent of the back end, so a county
can move from its SQLite file to a PostgreSQL server by backing up one and restoring into the
other. A restore replaces everything in one transaction: it lands whole or not at all.
Site photos are files (``GEO_PHOTO_DIR``): copy that folder alongside.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo.storage import store
from geo.storage.models import Base

FORMAT = "geo-backup"
FORMAT_VERSION = 1


def _tables() -> list[sa.Table]:
    return list(Base.metadata.sorted_tables)  # parents before children


def _plain(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


def table_rows(engine: Engine) -> dict[str, list[list[object]]]:
    """Every table's rows in primary-key order, as plain values (for backups and comparing)."""
    out = {}
    with engine.connect() as conn:
        for table in _tables():
            order = list(table.primary_key.columns) or list(table.columns)
            rows = conn.execute(sa.select(table).order_by(*order))
            out[table.name] = [[_plain(v) for v in row] for row in rows]
    return out


def backup(engine: Engine, out: Path) -> dict[str, int]:
    """Write every table to ``out``; returns the row count per table."""
    if store.schema_state(engine) != "current":
        raise ValueError("the database has no current schema; run `python -m geo migrate` first")
    rows = table_rows(engine)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "revision": store.head_revision(),
        "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tables": {
            table.name: {"columns": [c.name for c in table.columns], "rows": rows[table.name]}
            for table in _tables()
        },
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)
    return {name: len(table_rows) for name, table_rows in rows.items()}


def read_backup(path: Path) -> dict:
    """The backup at ``path``, checked to be one and to fit this version's schema."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not a backup made by `python -m geo backup` ({exc})") from None
    if document.get("format") != FORMAT:
        raise ValueError(f"{path}: not a backup made by `python -m geo backup`")
    if document.get("revision") != store.head_revision():
        raise ValueError(
            f"{path}: taken at schema revision {document.get('revision')}, this version is at "
            f"{store.head_revision()}; restore it with the version that made it, then migrate"
        )
    return document


def _typed(column: sa.Column, value: object) -> object:
    if value is None:
        return None
    kind = column.type.python_type if hasattr(column.type, "python_type") else object
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if kind is dt.time:
        return dt.time.fromisoformat(value)
    return value


def restore(engine: Engine, path: Path, document: dict | None = None) -> dict[str, int]:
    """Replace everything in the database with the backup at ``path`` (one transaction);
    ``document`` is that file already read with :func:`read_backup`, if it was."""
    document = document if document is not None else read_backup(path)
    store.migrate(engine)
    tables = _tables()
    with store.transaction(engine, write=True) as session:
        for table in reversed(tables):
            session.execute(table.delete())
        counts = {}
        for table in tables:
            saved = document["tables"].get(table.name, {"columns": [], "rows": []})
            unknown = set(saved["columns"]) - set(table.columns.keys())
            if unknown:
                raise ValueError(
                    f"{path}: table {table.name} has unknown columns {sorted(unknown)}"
                )
            columns = [table.columns[name] for name in saved["columns"]]
            records = [
                {c.name: _typed(c, v) for c, v in zip(columns, row, strict=True)}
                for row in saved["rows"]
            ]
            if records:
                session.execute(table.insert(), records)
            counts[table.name] = len(records)
        if engine.dialect.name == "postgresql":
            _reset_sequences(session, tables)
    return counts


def _reset_sequences(session, tables: list[sa.Table]) -> None:
    """Rows came in with their ids: move each id sequence past the largest one."""
    for table in tables:
        if "id" not in table.columns:
            continue
        session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )
