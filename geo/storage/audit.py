"""The audit trail: every write through a session records who, when, which record, old and new.

:func:`geo.storage.store.transaction` with ``write=True`` watches its session: after each flush the
inserted, changed and deleted records of the audited tables are written to ``audit_log`` in
the same transaction — so a rolled-back write leaves no audit entry either.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os

import orjson
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo import lazy
from geo.config import SECRET_SETTINGS
from geo.storage.models import (
    Approval,
    AppSetting,
    AuditEntry,
    Decision,
    Declaration,
    DeclarationRound,
    Escalation,
    LedgerMapping,
    Letter,
    Meeting,
    Milestone,
    MonthlyTarget,
    NoticeChannel,
    ObservationTour,
    Photo,
    Problem,
    ProgressReport,
    Project,
    ReserveProject,
    ReserveStep,
    RewardSanction,
    Score,
    ShareLink,
    SignedAgreement,
    SigningTarget,
    SiteHeadcount,
    StoppagePeriod,
    StoppageReport,
    YearClose,
    Zone,
)

AUDITED = (
    Zone,
    Project,
    ProgressReport,
    Problem,
    Meeting,
    Decision,
    Photo,
    ObservationTour,
    Score,
    Milestone,
    Approval,
    MonthlyTarget,
    Letter,
    StoppagePeriod,
    StoppageReport,
    SiteHeadcount,
    LedgerMapping,
    AppSetting,
    NoticeChannel,
    ShareLink,
    YearClose,
    RewardSanction,
    ReserveProject,
    ReserveStep,
    DeclarationRound,
    Declaration,
    SignedAgreement,
    SigningTarget,
    Escalation,
)
_SKIP = frozenset({"version", "updated_at"})
pd = lazy.module("pandas")  # for the history tables only


def default_actor() -> str:
    """Who is writing when no account says so: ``GEO_ACTOR``, else the system user."""
    return os.environ.get("GEO_ACTOR", "").strip() or getpass.getuser()


def _plain(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _changes(obj: object, action: str) -> dict[str, list[object]]:
    state = sa.inspect(obj)
    out = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIP:
            continue
        if action == "insert":
            value = getattr(obj, key)
            if value is not None:
                out[key] = [None, _plain(value)]
        elif action == "delete":
            out[key] = [_plain(state.attrs[key].loaded_value), None]
        else:
            history = state.attrs[key].history
            if history.has_changes():
                old = history.deleted[0] if history.deleted else None
                new = history.added[0] if history.added else None
                if old != new:
                    out[key] = [_plain(old), _plain(new)]
    return out


def watch(session: Session, actor: str, reason: str | None = None) -> None:
    """Record every flush of ``session`` in the audit log (and let :func:`record` add the rows
    a bulk write makes without the ORM, under the same person and reason)."""
    session.info["audit"] = (actor, reason)

    @event.listens_for(session, "after_flush")
    def _record(flushing: Session, _context: object) -> None:
        entries = []
        for action, objects in (
            ("insert", flushing.new),
            ("update", flushing.dirty),
            ("delete", flushing.deleted),
        ):
            for obj in objects:
                if not isinstance(obj, AUDITED):
                    continue
                changes = _changes(obj, action)
                if action == "update" and not changes:
                    continue
                if isinstance(obj, AppSetting):  # keyed by name; a secret is not kept
                    changes["key"] = [obj.key, obj.key]
                    if obj.key in SECRET_SETTINGS and "value" in changes:
                        changes["value"] = ["***" if v else v for v in changes["value"]]
                entries.append((action, obj.__tablename__, getattr(obj, "id", None), changes))
        record(flushing, entries)


#: One audit entry: action, table, record id, and {column: [old, new]}.
Entry = tuple[str, str, "int | None", dict[str, list[object]]]


def record(session: Session, entries: list[Entry]) -> None:
    """Write these entries in the session's transaction, as the person it is watched for."""
    if not entries:
        return
    actor, reason = session.info["audit"]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [
        {
            "at": now,
            "actor": actor,
            "action": action,
            "table_name": table,
            "record_id": record_id,
            "changes": _json(changes),
            "reason": reason,
        }
        for action, table, record_id, changes in entries
    ]
    if len(rows) > 100:  # a bulk write (a ledger of thousands of rows): COPY, or one statement
        from geo.storage.store import bulk_insert  # store imports this module

        bulk_insert(session.connection(), AuditEntry.__table__, rows)
    else:
        session.connection().execute(sa.insert(AuditEntry.__table__), rows)


def _json(changes: dict[str, list[object]]) -> str:
    """An entry's changes as JSON text: UTF-8 as written (not \\u escapes), dates in ISO."""
    return orjson.dumps(changes, default=_json_value, option=orjson.OPT_SERIALIZE_NUMPY).decode()


def _json_value(value: object) -> object:
    return _plain(value) if isinstance(value, dt.date | dt.datetime) else str(value)


def inserted(values: dict[str, object]) -> dict[str, list[object]]:
    """A new record's entry: every column it was given, as the ORM's flush records it."""
    return {k: [None, v] for k, v in values.items() if v is not None and k not in _SKIP}


def updated(old: dict[str, object], new: dict[str, object]) -> dict[str, list[object]]:
    """A changed record's entry: the columns whose value differs."""
    return {
        k: [_plain(old.get(k)), _plain(v)]
        for k, v in new.items()
        if k not in _SKIP and old.get(k) != v
    }


def record_refusal(engine: Engine, refused: Exception) -> None:
    """Keep a refused write in the log (in its own transaction: the write was rolled back)."""
    with engine.begin() as conn:
        conn.execute(
            sa.insert(AuditEntry.__table__),
            {
                "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                "actor": refused.principal.username,
                "action": "refused",
                "table_name": refused.table_name,
                "record_id": refused.record_id,
                "changes": "{}",
                "reason": str(refused),
            },
        )


def history(engine: Engine, table_name: str, record_id: int) -> pd.DataFrame:
    """One record's audit entries, oldest first, with ``changes`` decoded."""
    query = (
        sa.select(
            AuditEntry.at,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.changes,
            AuditEntry.reason,
        )
        .where(AuditEntry.table_name == table_name, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.id)
    )
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["changes"] = json.loads(row["changes"])
    return pd.DataFrame(rows, columns=["at", "actor", "action", "changes", "reason"])


#: Fields whose values are codes with words on screen: (table, field) → code kind ("" for any).
_CODE_FIELDS = {
    ("projects", "category"): "category",
    ("problems", "category"): "problem_category",
    ("", "stage"): "stage",
    ("", "level"): "level",
    ("", "build_type"): "build_type",
    ("problems", "status"): "problem_status",
    ("problems", "source"): "problem_source",
    ("meetings", "kind"): "meeting_kind",
}


def history_table(trail: pd.DataFrame, lang: str, table: str = "") -> pd.DataFrame:
    """A record's history as shown: when, who, what, which fields changed, why; fields by
    their names on screen and codes by their words (``table`` tells which codes)."""
    from geo import formatting
    from geo.i18n import field_label, label, t

    def value(field: str, raw: object) -> str:
        if raw is None:
            return "—"
        kind = _CODE_FIELDS.get((table, field)) or _CODE_FIELDS.get(("", field))
        shown = label(kind, str(raw), lang) if kind else str(raw)
        return formatting.shorten(shown, 60)

    def name(field: str) -> str:
        if (table, field) == ("problems", "category"):
            return t("problem.category", lang)
        return field_label(field, lang)

    def summary(changes: dict[str, list[object]]) -> str:
        separator = "；" if lang == "zh" else "; "
        return separator.join(
            f"{name(k)}: {value(k, old)} → {value(k, new)}" for k, (old, new) in changes.items()
        )

    return pd.DataFrame(
        {
            t("history.at", lang): [a.strftime("%Y-%m-%d %H:%M") for a in trail["at"]],
            t("history.actor", lang): trail["actor"],
            t("history.action", lang): [t(f"history.{a}", lang) for a in trail["action"]],
            t("history.changes", lang): [summary(c) for c in trail["changes"]],
            t("history.reason", lang): trail["reason"].fillna(""),
        }
    )
