"""Storage: the one door to the database. Only this package imports SQLAlchemy
(``tests/test_layers.py`` fails otherwise).

The machinery every write passes through:

- :mod:`~geo.storage.models`: the tables (the schema is owned by the Alembic migrations in
  ``migrations/``);
- :mod:`~geo.storage.store`: engines, transactions, migrations, bulk writes, shared readers;
- :mod:`~geo.storage.access`: who may write what, checked at every flush;
- :mod:`~geo.storage.audit`: the audit trail, written in the same transaction as the change;
- :mod:`~geo.storage.concurrency`: optimistic version checks, and who changed a record;
- :mod:`~geo.storage.freeze`: a closed year's monthly reports change only with a reason;
- :mod:`~geo.storage.backup`: every table to one file and back.

One module per feature, its reads and writes named for what they do (the rules over what
they return live in the feature's own module above this package):

- accounts and signing in: ``accounts``, ``signin``, ``sessions``;
- ledgers and places: ``ledger_import``, ``zones``, ``photos``, ``targets``;
- the office's work: ``approvals``, ``letters``, ``library`` (项目库), ``lifecycle``
  (problems), ``meetings``, ``reporting`` (monthly reports), ``roadmap``, ``stoppages``,
  ``scoring``, ``share``, ``outbox``, ``signing`` (招商引资签约), ``yearend`` (the year's
  close) and ``freeze`` (a closed year's reports change only with a reason), ``escalation``
  (督办升级);
- tools: ``seeding`` (the demo county), ``stress``.

Submodules are imported by name (``from geo.storage import store``); nothing is loaded here,
so a light command pays only for what it uses.
"""

__all__ = [
    "access",
    "accounts",
    "approvals",
    "audit",
    "backup",
    "concurrency",
    "escalation",
    "freeze",
    "ledger_import",
    "letters",
    "library",
    "lifecycle",
    "meetings",
    "models",
    "outbox",
    "photos",
    "reporting",
    "roadmap",
    "scoring",
    "seeding",
    "sessions",
    "share",
    "signin",
    "signing",
    "stoppages",
    "store",
    "stress",
    "targets",
    "yearend",
    "zones",
]
