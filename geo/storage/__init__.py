"""Storage: the one door to the database. Only this package imports SQLAlchemy.

- :mod:`~geo.storage.models`: the tables (the schema is owned by the Alembic migrations in
  ``migrations/``);
- :mod:`~geo.storage.store`: engines, transactions, migrations, bulk writes, shared readers;
- :mod:`~geo.storage.access`: who may write what, checked at every flush;
- :mod:`~geo.storage.audit`: the audit trail, written in the same transaction as the change;
- :mod:`~geo.storage.concurrency`: optimistic version checks, and who changed a record;
- :mod:`~geo.storage.accounts`, :mod:`~geo.storage.signin`, :mod:`~geo.storage.sessions`:
  accounts, sign-in throttling and lockout, signed-in browsers;
- :mod:`~geo.storage.backup`: every table to one file and back.

Submodules are imported by name (``from geo.storage import store``); nothing is loaded here,
so a light command pays only for what it uses.
"""

__all__ = [
    "access",
    "accounts",
    "audit",
    "backup",
    "concurrency",
    "models",
    "sessions",
    "signin",
    "store",
]
