"""Alembic environment: run with a connection handed over by :func:`geo.storage.store.migrate`."""

from __future__ import annotations

from alembic import context

from geo.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the `alembic` CLI gets here
    raise SystemExit("Run migrations through `python -m geo migrate`.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
