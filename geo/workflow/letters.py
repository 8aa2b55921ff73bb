"""The letters of the month (两函一单): assignment, reminder and supervision letters.

On the issue day of each month (``GEO_LETTER_DAY``, default the 2nd) the office writes to
every responsible unit that has something to answer for:

- an **assignment letter** (交办函): the actions assigned to it last month — decisions of
  last month's meetings and problems raised last month — with their deadlines;
- a **reminder letter** (提醒函): its open items due within the coming days
  (``GEO_LETTER_REMINDER_DAYS``, default 10);
- a **supervision letter** (督办函): its items already overdue, how many days and how many
  times they have been chased; an item chased in two consecutive months is marked for the
  bulletin (★).

Everything is read as it stood on the issue day, so regenerating a month gives the same
letter unless the data about that day changed. A problem that meetings took decisions on is
chased through its newest open decision (the deadline the meeting set); it keeps one key,
``problem:ID``, so the times it was chased add up across decisions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import pandas as pd

from geo import formatting
from geo.core.problems import solved_by
from geo.formatting import is_missing
from geo.i18n import t
from geo.refusals import Refusal
from geo.reports import documents
from geo.reports.documents import Addressee, Centered, Masthead, Paragraph, Signature, Table, Title
from geo.storage import letters as stored
from geo.storage import store

# Read as stored; the bulletin and the notices read them through this module.
from geo.storage.letters import load_all_decisions as load_all_decisions
from geo.storage.store import Engine, Session
from geo.workflow import notices, outbox

KINDS = ("assignment", "reminder", "supervision")
#: The character each kind adds to the letter's number: 重点办交〔2026〕3号.
_NUMBER_MARK = {"assignment": "交", "reminder": "提", "supervision": "督"}
DEFAULT_ISSUE_DAY = 2
DEFAULT_REMINDER_DAYS = 10


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """ "2026-11" → Month(2026, 11); ``ValueError`` names the value otherwise."""
        try:
            year, month = (int(part) for part in text.strip().split("-"))
            dt.date(year, month, 1)
        except ValueError:
            raise ValueError(f"month={text!r} is not a month written YYYY-MM") from None
        return cls(year, month)

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def issue_day(self, day: int) -> dt.date:
        """The issue date: ``day`` of this month (the last day when the month is shorter)."""
        return dt.date(self.year, self.month, min(day, self.last_day().day))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Draft:
    """A letter as the data says it should be; :func:`issue` numbers and archives it."""

    kind: str
    unit: str
    month: Month
    issued_on: dt.date
    items: tuple[dict, ...]

    def digest(self) -> str:
        """Hash of what the letter says: the same digest is the same letter."""
        body = json.dumps(
            [self.kind, self.unit, str(self.month), self.issued_on.isoformat(), self.items],
            ensure_ascii=False,
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(body.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedLetter:
    """A letter from the archive. ``status`` says what the last issue run did with it:
    ``new``, ``unchanged`` (same digest), ``revised`` (data changed: next revision) or
    ``withdrawn`` (nothing left to write about: ``withdrawn_on`` is set)."""

    id: int
    kind: str
    unit: str
    month: Month
    number: int
    issued_on: dt.date
    revision: int
    items: tuple[dict, ...]
    status: str = "archived"
    withdrawn_on: dt.date | None = None

    @property
    def escalated(self) -> int:
        if self.withdrawn_on is not None:
            return 0
        return sum(1 for item in self.items if item.get("escalated"))

    def number_text(self, prefix: str, lang: str) -> str:
        if lang == "zh":
            return f"{prefix}{_NUMBER_MARK[self.kind]}〔{self.month.year}〕{self.number}号"
        return t(
            "letters.number",
            lang,
            kind=t(f"letters.kind.{self.kind}", lang),
            year=self.month.year,
            number=self.number,
        )

    def record(self, prefix: str, lang: str = "zh") -> dict[str, object]:
        """The letter as plain JSON-able values (the ``letters --json`` output)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "unit": self.unit,
            "month": str(self.month),
            "number": self.number,
            "number_text": self.number_text(prefix, lang),
            "issued_on": self.issued_on.isoformat(),
            "revision": self.revision,
            "status": self.status,
            "withdrawn_on": self.withdrawn_on.isoformat() if self.withdrawn_on else None,
            "escalated": self.escalated,
            "items": list(self.items),
        }


# --------------------------------------------------------------------------- what is chased


def _day(value: object) -> dt.date | None:
    if is_missing(value):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


_ITEM_COLUMNS = [
    "key",
    "source",
    "source_id",
    "project",
    "unit",
    "text",
    "assigned_on",
    "deadline",
    "origin",
    "is_open",
]


def letter_items(problems: pd.DataFrame, decisions: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Everything the letters can name, as it stood on ``day``: one row per problem and per
    decision, each with its item ``key`` and whether it was open that day.

    ``problems`` as :func:`geo.storage.store.load_problems` gives them; ``decisions`` as
    :func:`load_all_decisions`. A decision on a problem shares the problem's key and is open
    only while the problem is; :func:`drafts` keeps one row per key in each letter. Items
    without a responsible unit cannot be addressed and are left out.
    """
    solved = {
        int(p["id"]): solved_by(p["status"], p["resolved_on"], day)
        for p in problems.to_dict("records")
    }
    rows: list[dict] = []
    for d in decisions.to_dict("records"):
        held = _day(d["held_on"])
        if held is None or held > day:
            continue
        done_on = _day(d["done_on"])
        is_open = d["status"] != "done" or (done_on is not None and done_on > day)
        problem_id = None if pd.isna(d["problem_id"]) else int(d["problem_id"])
        rows.append(
            {
                "key": f"problem:{problem_id}" if problem_id is not None else f"decision:{d['id']}",
                "source": "decision",
                "source_id": int(d["id"]),
                "project": d["project"],
                "unit": d["responsible_unit"],
                "text": d["action"],
                "assigned_on": held,
                "deadline": _day(d["deadline"]),
                "origin": d["meeting"],
                "is_open": is_open and not solved.get(problem_id, False),
            }
        )
    for p in problems.to_dict("records"):
        raised = _day(p["raised_on"])
        if raised is None or raised > day:
            continue
        rows.append(
            {
                "key": f"problem:{p['id']}",
                "source": "problem",
                "source_id": int(p["id"]),
                "project": p["project"],
                "unit": p["responsible_unit"],
                "text": p["description"],
                "assigned_on": raised,
                "deadline": _day(p["deadline"]),
                "origin": None,
                "is_open": not solved[int(p["id"])],
            }
        )
    items = pd.DataFrame(rows, columns=_ITEM_COLUMNS)
    addressed = [isinstance(u, str) and u.strip() != "" for u in items["unit"]]
    return items[pd.Series(addressed, index=items.index, dtype=bool)].reset_index(drop=True)


def one_per_key(frame: pd.DataFrame) -> pd.DataFrame:
    """The newest row of each item: a meeting's decision on a problem stands for the problem
    (it is later and sets the deadline being chased), a later decision for an earlier one."""
    newest = frame.assign(_decision=frame["source"] == "decision").sort_values(
        ["assigned_on", "_decision", "source_id"]
    )
    return newest.drop_duplicates("key", keep="last").drop(columns="_decision")


def chase_history(archive: pd.DataFrame) -> dict[str, set[tuple[int, int]]]:
    """Item key → the months (year, month) whose supervision letter named it."""
    out: dict[str, set[tuple[int, int]]] = {}
    for row in archive[archive["kind"] == "supervision"].to_dict("records"):
        if _day(row.get("withdrawn_on")) is not None:
            continue  # a withdrawn letter chased nobody
        for item in json.loads(row["items"]):
            out.setdefault(item["key"], set()).add((int(row["year"]), int(row["month"])))
    return out


def _text(value: object) -> str | None:
    return None if is_missing(value) else value


def _item(row: dict, **extra: object) -> dict:
    deadline = row["deadline"]
    return {
        "key": row["key"],
        "project": _text(row["project"]),
        "text": _text(row["text"]) or "",
        "origin": _text(row["origin"]),
        "assigned_on": row["assigned_on"].isoformat() if row["assigned_on"] else None,
        "deadline": deadline.isoformat() if deadline else None,
        **extra,
    }


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    far = dt.date.max
    return frame.assign(_d=[d or far for d in frame["deadline"]]).sort_values(
        ["_d", "project", "key"]
    )


def drafts(
    items: pd.DataFrame,
    month: Month,
    *,
    issue_day: int = DEFAULT_ISSUE_DAY,
    reminder_days: int = DEFAULT_REMINDER_DAYS,
    chased: dict[str, set[tuple[int, int]]] | None = None,
) -> list[Draft]:
    """The month's letters from :func:`letter_items` (taken on the issue day).

    ``chased`` is :func:`chase_history` of the archive (this month's own letters, when it is
    issued again, do not count); a supervision item carries ``days_overdue``,
    ``times_chased`` (this letter included) and ``escalated`` (it was in last month's
    supervision letter too).
    """
    chased = chased or {}
    issued_on = month.issue_day(issue_day)
    last = month.previous()
    horizon = issued_on + dt.timedelta(days=reminder_days)
    before = (month.year, month.month)
    out: list[Draft] = []
    # One row per item across units first: a meeting that hands a problem to another unit
    # takes it off the first unit's letters.
    in_last_month = [last.first_day() <= a <= last.last_day() for a in items["assigned_on"]]
    assigned_all = one_per_key(items[pd.Series(in_last_month, index=items.index, dtype=bool)])
    open_all = one_per_key(items[items["is_open"].astype(bool)])
    for unit in sorted(set(assigned_all["unit"]) | set(open_all["unit"])):
        assigned = _ordered(assigned_all[assigned_all["unit"] == unit])
        open_items = _ordered(open_all[open_all["unit"] == unit])
        due_soon = open_items[
            [d is not None and issued_on <= d <= horizon for d in open_items["deadline"]]
        ]
        overdue = open_items.loc[[d is not None and d < issued_on for d in open_items["deadline"]]]
        kinds = {
            "assignment": tuple(_item(r) for r in assigned.to_dict("records")),
            "reminder": tuple(
                _item(r, days_left=(r["deadline"] - issued_on).days)
                for r in due_soon.to_dict("records")
            ),
            "supervision": tuple(
                _item(
                    r,
                    days_overdue=(issued_on - r["deadline"]).days,
                    times_chased=1 + len({m for m in chased.get(r["key"], ()) if m < before}),
                    escalated=(last.year, last.month) in chased.get(r["key"], ()),
                )
                for r in overdue.to_dict("records")
            ),
        }
        for kind in KINDS:
            if kinds[kind]:
                out.append(Draft(kind, str(unit), month, issued_on, kinds[kind]))
    return out


# --------------------------------------------------------------------------- the archive


def load_archive(engine: Engine, month: Month | None = None) -> pd.DataFrame:
    """The archived letters (of one month, or all), by month, kind and number."""
    if month is None:
        return stored.load_archive(engine)
    return stored.load_archive(engine, month.year, month.month)


def _issued(row: dict, status: str = "archived") -> IssuedLetter:
    return IssuedLetter(
        id=int(row["id"]),
        kind=row["kind"],
        unit=row["unit"],
        month=Month(int(row["year"]), int(row["month"])),
        number=int(row["number"]),
        issued_on=_day(row["issued_on"]),
        revision=int(row["revision"]),
        items=tuple(json.loads(row["items"])),
        status=status,
        withdrawn_on=_day(row["withdrawn_on"]),
    )


def archived(engine: Engine, month: Month | None = None) -> list[IssuedLetter]:
    """The archive as letters (see :func:`load_archive`)."""
    return [_issued(row) for row in load_archive(engine, month).to_dict("records")]


def issue(
    engine: Engine,
    month: Month,
    *,
    unit: str | None = None,
    issue_day: int = DEFAULT_ISSUE_DAY,
    reminder_days: int = DEFAULT_REMINDER_DAYS,
    actor: str | None = None,
    today: dt.date | None = None,
    notify: notices.Rules | None = None,
    prefix: str = "重点办",
) -> list[IssuedLetter]:
    """Generate the month's letters from the data and archive them, in one transaction.

    A letter already archived for the same kind, month and unit keeps its number; it is
    ``unchanged`` when the data says the same, else rewritten as the next revision
    (``revised``). New letters take the next numbers of their kind in the year, in unit
    order. An archived letter of the month that the data no longer calls for is withdrawn
    (``withdrawn_on`` = ``today``), and comes back as a revision if it is called for again.
    ``unit`` limits the run to one responsible unit (``ValueError`` when no problem,
    decision or archived letter names it). With ``notify``, each new or revised letter is
    written to the outbox for its unit's channels in the same transaction (:mod:`geo.workflow.notices`).
    """
    problems, decisions = store.load_problems(engine), load_all_decisions(engine)
    archive = load_archive(engine)
    if unit is not None:
        named = set(problems["responsible_unit"]) | set(decisions["responsible_unit"])
        if unit not in named | set(archive["unit"]):
            raise ValueError(f"unit={unit!r}: no problem, decision or letter names this unit")
    items = letter_items(problems, decisions, month.issue_day(issue_day))
    wanted = drafts(
        items,
        month,
        issue_day=issue_day,
        reminder_days=reminder_days,
        chased=chase_history(archive),
    )
    if unit is not None:
        wanted = [d for d in wanted if d.unit == unit]
    out: list[IssuedLetter] = []
    try:
        with stored.issuing(engine, actor=actor, reason=f"letters of {month}") as session:
            for draft in wanted:
                out.append(_issued(*_archive(session, draft)))
            withdrawn = stored.withdraw_letters(
                session,
                month.year,
                month.month,
                unit,
                called_for={(d.kind, d.unit) for d in wanted},
                on=today or dt.date.today(),
            )
            out += [_issued(letter, "withdrawn") for letter in withdrawn]
            if notify is not None:
                fresh = [
                    x.record(prefix, notify.lang) for x in out if x.status in ("new", "revised")
                ]
                outbox.enqueue(
                    session, notices.letter_drafts(fresh, outbox.channels_in(session), notify)
                )
    except stored.IssuedMeanwhile:
        raise Refusal("issued_meanwhile", month=str(month)) from None
    return out


def _archive(session: Session, draft: Draft) -> tuple[dict[str, object], str]:
    return stored.archive_letter(
        session,
        kind=draft.kind,
        year=draft.month.year,
        month=draft.month.month,
        unit=draft.unit,
        issued_on=draft.issued_on,
        items=json.dumps(list(draft.items), ensure_ascii=False, default=str),
        digest=draft.digest(),
    )


def escalated_items(engine: Engine, month: Month) -> list[dict]:
    """The items the month's supervision letters mark for the bulletin (★), with their unit."""
    return [
        {**item, "unit": letter.unit}
        for letter in archived(engine, month)
        if letter.kind == "supervision" and letter.withdrawn_on is None
        for item in letter.items
        if item.get("escalated")
    ]


def still_open(
    chased: list[dict], problems: pd.DataFrame, decisions: pd.DataFrame, day: dt.date
) -> list[dict]:
    """Those of ``chased`` (:func:`escalated_items`) still open on ``day``: what the bulletin
    may call "still not done"."""
    now = letter_items(problems, decisions, day)
    open_keys = set(now.loc[now["is_open"].astype(bool), "key"])
    return [item for item in chased if item["key"] in open_keys]


# --------------------------------------------------------------------------- the document


def _cells(letter: IssuedLetter, item: dict, n: int, lang: str) -> tuple[str, ...]:
    deadline = (
        formatting.date(dt.date.fromisoformat(item["deadline"]), lang) if item["deadline"] else "—"
    )
    origin = item["origin"] or t("letters.from_problem_list", lang)
    first = (str(n), item["project"] or "—", item["text"], origin, deadline)
    if letter.kind == "reminder":
        return (*first, str(item["days_left"]))
    if letter.kind == "supervision":
        mark = "★" if item["escalated"] else ""
        return (*first, str(item["days_overdue"]), f"{item['times_chased']}{mark}")
    return first


def letter_document(
    letter: IssuedLetter, lang: str, *, issuer: str, prefix: str
) -> documents.Document:
    """The letter in the formal layout: number, title, addressee, body, table, issuer, date."""
    kind = letter.kind
    columns = ["number", "project", "item", "origin", "deadline"]
    widths = [1, 4, 7, 4, 3]
    if kind == "reminder":
        columns.append("days_left")
        widths.append(2)
    elif kind == "supervision":
        columns += ["days_overdue", "times_chased"]
        widths += [2, 2]
    header = tuple(t(f"letters.col.{c}", lang) for c in columns)
    rows = tuple(_cells(letter, item, n, lang) for n, item in enumerate(letter.items, start=1))
    date = formatting.date(letter.issued_on, lang)
    last = letter.month.previous()
    blocks: list[documents.Block] = [
        Masthead(issuer),
        Centered(letter.number_text(prefix, lang)),
        Title(t(f"letters.title.{kind}", lang)),
    ]
    if letter.withdrawn_on is not None:
        blocks.append(
            Centered(t("letters.withdrawn", lang, date=formatting.date(letter.withdrawn_on, lang)))
        )
    elif letter.revision > 1:
        blocks.append(Centered(t("letters.revised", lang, revision=letter.revision)))
    blocks += [
        Addressee(t("letters.to", lang, unit=letter.unit)),
        Paragraph(
            t(
                f"letters.body.{kind}",
                lang,
                date=date,
                n=len(letter.items),
                year=last.year,
                month=last.month,
            )
        ),
        Table(header, rows, widths=tuple(widths)),
    ]
    if letter.escalated:
        blocks.append(Paragraph(t("letters.escalated", lang, n=letter.escalated)))
    blocks += [
        Paragraph(t(f"letters.ask.{kind}", lang)),
        Paragraph(t("letters.closing", lang)),
        Signature((issuer, date)),
    ]
    title = f"{letter.number_text(prefix, lang)} {t(f'letters.title.{kind}', lang)}"
    return documents.Document(tuple(blocks), meta={"title": title, "author": issuer})


def archive_table(archive: list[IssuedLetter], prefix: str, lang: str) -> pd.DataFrame:
    """The archive as the page lists it: number, kind, unit, items, ★ items, date, revision."""
    columns = [
        "letter_number",
        "kind",
        "unit",
        "items",
        "escalated",
        "issued_on",
        "revision",
        "withdrawn_on",
    ]
    rows = [
        (
            letter.number_text(prefix, lang),
            t(f"letters.kind.{letter.kind}", lang),
            letter.unit,
            len(letter.items),
            letter.escalated,
            letter.issued_on,
            letter.revision,
            letter.withdrawn_on,
        )
        for letter in archive
    ]
    return pd.DataFrame(rows, columns=[t(f"letters.col.{c}", lang) for c in columns])


def months_to_offer(archive: pd.DataFrame, today: dt.date) -> tuple[list[Month], int]:
    """The months the page offers — this month, the two before it (letters issued late) and
    every month with archived letters, newest first — and which to show first: the newest
    with letters, else this month."""
    this = Month(today.year, today.month)
    archived_months = {
        Month(int(y), int(m)) for y, m in zip(archive["year"], archive["month"], strict=True)
    }
    months = sorted(
        archived_months | {this, this.previous(), this.previous().previous()},
        key=lambda m: (m.year, m.month),
        reverse=True,
    )
    first = next((i for i, m in enumerate(months) if m in archived_months), months.index(this))
    return months, first


def status_counts(issued: list[IssuedLetter]) -> dict[str, int]:
    """How many letters an issue run made new, revised and left unchanged."""
    statuses = ("new", "revised", "unchanged", "withdrawn")
    return {k: sum(1 for x in issued if x.status == k) for k in statuses}


def file_name(letter: IssuedLetter, suffix: str) -> str:
    """A file name that sorts by month, kind and number: 2026-11_督办函_003_县住建局.docx."""
    kinds = {"assignment": "交办函", "reminder": "提醒函", "supervision": "督办函"}
    unit = "".join(c for c in letter.unit if c not in '\\/:*?"<>|').strip() or "unit"
    return f"{letter.month}_{kinds[letter.kind]}_{letter.number:03d}_{unit}{suffix}"
