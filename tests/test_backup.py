"""Backup and restore: every table comes back identical, on either back end, or not at all."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo.ops import cli
from geo.storage import backup, store
from geo.workflow import lifecycle


def test_restore_gives_back_identical_tables(
    demo_engine: sa.Engine, engine: sa.Engine, tmp_path: Path
) -> None:
    saved = tmp_path / "county.json.gz"
    counts = backup.backup(demo_engine, saved)
    assert counts["projects"] > 100 and counts["audit_log"] > 0
    backup.restore(engine, saved)
    assert backup.table_rows(engine) == backup.table_rows(demo_engine)
    # New records get fresh ids after a restore (PostgreSQL's sequences were moved on).
    new_id = lifecycle.raise_problem(
        engine, 1, "测试", "other", raised_by="测试", raised_on=dt.date(2026, 11, 1)
    )
    assert new_id > max(row[0] for row in backup.table_rows(demo_engine)["problems"])
    # Restoring again replaces what changed since.
    backup.restore(engine, saved)
    assert backup.table_rows(engine) == backup.table_rows(demo_engine)


def test_a_bad_backup_changes_nothing(
    demo_engine: sa.Engine, engine: sa.Engine, tmp_path: Path
) -> None:
    saved = tmp_path / "county.json.gz"
    backup.backup(demo_engine, saved)
    backup.restore(engine, saved)
    before = backup.table_rows(engine)
    with gzip.open(saved, "rt", encoding="utf-8") as handle:
        document = json.load(handle)
    document["tables"]["progress_reports"]["rows"][-1][1] = 999_999  # a report of no project
    broken = tmp_path / "broken.json.gz"
    with gzip.open(broken, "wt", encoding="utf-8") as handle:
        json.dump(document, handle)
    with pytest.raises(sa.exc.IntegrityError):
        backup.restore(engine, broken)
    assert backup.table_rows(engine) == before


def test_not_a_backup_is_named(engine: sa.Engine, tmp_path: Path) -> None:
    other = tmp_path / "ledger.xlsx"
    other.write_bytes(b"PK\x03\x04 not a backup")
    with pytest.raises(ValueError, match="ledger.xlsx: not a backup"):
        backup.restore(engine, other)


def test_backup_and_restore_commands(
    demo_url: str, sqlite_url: str, tmp_path: Path, capsys
) -> None:
    saved = tmp_path / "b.json.gz"
    assert cli.main(["--db", demo_url, "backup", str(saved)]) == 0
    assert cli.main(["--db", sqlite_url, "restore", str(saved)]) == 0
    assert "restored" in capsys.readouterr().out
    assert backup.table_rows(store.make_engine(sqlite_url)) == backup.table_rows(
        store.make_engine(demo_url)
    )
    assert cli.main(["--db", sqlite_url, "restore", str(tmp_path / "missing.json.gz")]) == 1
