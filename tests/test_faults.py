"""A write killed half-way, with SIGKILL, leaves the database as it was (both back ends)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from geo.config import REPO_ROOT
from geo.ingest import importer
from geo.storage import backup, store

# Imports a ledger and kills its own process, without any clean-up, right after the first
# rows of the import were written into the open transaction.
KILLER = """
import os, signal, sys
from geo.ingest import importer
from geo.storage import store

real = store.bulk_insert

def insert_then_die(*args, **kwargs):  # the import's first rows are in the open transaction
    real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)

store.bulk_insert = insert_then_die
importer.import_ledger(store.make_engine(sys.argv[1]), sys.argv[2])
"""


def test_an_import_killed_half_way_leaves_nothing(
    engine: sa.Engine, backend_url: str, messy_ledger: Path, ledger_writer, tmp_path: Path
) -> None:
    store.migrate(engine)
    first = importer.import_ledger(engine, messy_ledger)  # some data to keep
    assert not first.errors
    before = backup.table_rows(engine)
    october = ledger_writer(tmp_path / "october.xlsx", completed_oct=True)
    run = subprocess.run(
        [sys.executable, "-c", KILLER, backend_url, str(october)],
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()[-2000:]
    assert backup.table_rows(engine) == before
    assert not importer.import_ledger(engine, october).errors  # and the database still works
    assert backup.table_rows(engine) != before
