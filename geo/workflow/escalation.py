"""The escalation ladder (督办升级): 督办函 → 效能告诫 → 约谈 → 问责 → 移交纪委监委.

When letters do not work, the office climbs a ladder (:data:`geo.vocab.ESCALATION_STEPS`):

- a problem that a supervision letter (督办函) named enters the ladder at that letter: the
  first rung, dated the letter's issue day and numbered as the letter (the earliest standing
  letter that named it);
- an open problem that has stayed at its current step for that step's number of days
  (``GEO_ESCALATION_DAYS``, default 15, 15, 30, 30) moves up one step on the day the rule runs.
  A step is something the office does — a notice sent, an interview held — so it is dated the
  day it is taken, never back-dated, and one run moves a problem one step at most;
- a solved problem (resolved or closed by that day) never climbs;
- the office steps a problem up or down by hand, always with a reason; the rule's clock then
  counts from that step.

A problem's current step is its latest step (none: not on the ladder). The rule
(:func:`due_steps`) is pure; :func:`escalate_due` reads, applies it and writes in one
transaction, so running it twice on the same day writes nothing the second time. Only
problems can be escalated: a meeting's decision without a problem stays in the letters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import pandas as pd

from geo import config, formatting, vocab
from geo.core.problems import solved_by
from geo.i18n import label, t
from geo.refusals import Refusal, Term
from geo.reports import documents
from geo.reports.documents import Addressee, Centered, Masthead, Paragraph, Signature, Table, Title
from geo.storage import escalation as stored
from geo.storage import store
from geo.storage.store import Engine, Session
from geo.workflow import letters

#: The ladder, lowest step first.
STEPS = tuple(vocab.ESCALATION_STEPS)
#: Days at each step before the next, as the settings default them.
DEFAULT_DAYS = config.Settings.escalation_days
#: The steps the bulletin names item by item: 约谈 and beyond.
SERIOUS = STEPS[STEPS.index("interview") :]
#: The steps whose notice the office writes as a document (效能告诫通知书, 约谈通知书).
NOTICE_STEPS = ("efficiency_warning", "interview")
#: The character each step's document number carries: 重点办告〔2026〕3号.
_NUMBER_MARK = {
    "supervision_letter": "督",
    "efficiency_warning": "告",
    "interview": "约",
    "accountability": "问",
    "referral": "移",
}


@dataclass(frozen=True)
class DueStep:
    """A step the rule calls for: ``problem_id`` moves from ``current`` (None: not on the
    ladder yet) to ``step``, recorded on ``taken_on``; it fell due on ``due_since``. Entering
    the ladder carries the supervision letter (``letter_id``, its number as ``document_no``)."""

    problem_id: int
    step: str
    current: str | None
    taken_on: dt.date
    due_since: dt.date
    letter_id: int | None = None
    document_no: str | None = None

    def record(self) -> dict[str, object]:
        return formatting.jsonable(asdict(self))


def check_days(days: Sequence[int]) -> tuple[int, ...]:
    """The thresholds as a tuple: one whole number of days (at least 1) for each step but the
    last; ``ValueError`` names the value otherwise."""
    days = tuple(days)
    if len(days) != len(STEPS) - 1 or not all(isinstance(d, int) and d >= 1 for d in days):
        raise ValueError(
            f"days={days!r}: give {len(STEPS) - 1} whole numbers of days, at least 1 each"
        )
    return days


# --------------------------------------------------------------------------- the rule


def current_steps(escalations: pd.DataFrame, day: dt.date | None = None) -> pd.DataFrame:
    """Each problem's latest step (taken on or before ``day``, when given): the rows of
    :func:`geo.storage.escalation.load_escalations`, one per problem on the ladder."""
    rows = escalations
    if day is not None:
        taken = pd.Series([d <= day for d in rows["taken_on"]], index=rows.index, dtype=bool)
        rows = rows[taken]
    ordered = rows.sort_values(["problem_id", "taken_on", "id"], kind="stable")
    return ordered.drop_duplicates("problem_id", keep="last").reset_index(drop=True)


def first_letters(
    archive: Sequence[letters.IssuedLetter], day: dt.date
) -> dict[int, letters.IssuedLetter]:
    """Problem id → the earliest standing supervision letter issued by ``day`` that named it
    (a withdrawn letter chased nobody)."""
    out: dict[int, letters.IssuedLetter] = {}
    chasing = (
        x
        for x in archive
        if x.kind == "supervision" and x.withdrawn_on is None and x.issued_on <= day
    )
    for letter in sorted(chasing, key=lambda x: (x.issued_on, x.id)):
        for item in letter.items:
            kind, _, number = str(item.get("key", "")).partition(":")
            if kind == "problem" and number.isdigit():
                out.setdefault(int(number), letter)
    return out


def _open_ids(problems: pd.DataFrame, day: dt.date) -> list[int]:
    return sorted(
        int(p["id"])
        for p in problems.to_dict("records")
        if not solved_by(p["status"], p["resolved_on"], day)
    )


def due_steps(
    problems: pd.DataFrame,
    escalations: pd.DataFrame,
    archive: Sequence[letters.IssuedLetter],
    today: dt.date,
    days: Sequence[int] = DEFAULT_DAYS,
    prefix: str = "重点办",
) -> list[DueStep]:
    """The steps the rule calls for on ``today``, by problem (see the module's docstring).

    ``problems`` as :func:`geo.storage.store.load_problems` gives them, ``escalations`` as
    :func:`geo.storage.escalation.load_escalations`, ``archive`` the letters
    (:func:`geo.workflow.letters.archived`); ``days[i]`` is how long an open problem stays at
    ``STEPS[i]`` before ``STEPS[i + 1]``. A problem whose ladder already holds a step after
    ``today`` is left alone: its history is past this day.

    For example, problem 7 named by the letter 重点办督〔2026〕3号 of 2 October and still open
    on 17 October (15 days) gives two steps: the letter (taken 2 October, that number) and
    效能告诫 (taken 17 October, due since 17 October).
    """
    days = check_days(days)
    entered = first_letters(archive, today)
    by_problem = {int(k): rows for k, rows in escalations.groupby("problem_id")}
    out: list[DueStep] = []
    for problem_id in _open_ids(problems, today):
        rows = by_problem.get(problem_id)
        if rows is None or rows.empty:
            letter = entered.get(problem_id)
            if letter is None:
                continue  # never chased by a supervision letter: not on the ladder
            step, since = STEPS[0], letter.issued_on
            out.append(
                DueStep(
                    problem_id,
                    step,
                    None,
                    since,
                    since,
                    letter_id=letter.id,
                    document_no=letter.number_text(prefix, "zh"),
                )
            )
        else:
            if any(d > today for d in rows["taken_on"]):
                continue
            latest = current_steps(rows).iloc[0]
            step, since = latest["step"], latest["taken_on"]
        at = STEPS.index(step)
        if at + 1 == len(STEPS):
            continue  # referred: the top of the ladder
        due = since + dt.timedelta(days=days[at])
        if due <= today:
            out.append(DueStep(problem_id, STEPS[at + 1], step, today, due))
    return out


def next_step(
    current: str | None, direction: str, *, solved: bool, on: dt.date, since: dt.date | None
) -> str:
    """Where a step by hand takes a problem at ``current`` (None: not on the ladder), or the
    refusal: up from a solved problem or from the top, down from the first rung or from off
    the ladder, or a step dated before the current one (``since``)."""
    if direction not in ("up", "down"):
        raise Refusal("not_one_of", field=Term.of("escalation.direction"), value=direction)
    if since is not None and on < since:
        raise Refusal("escalation_before", date=since)
    if direction == "up":
        if solved:
            raise Refusal("escalation_solved")
        if current == STEPS[-1]:
            raise Refusal("escalation_top", step=Term.of(f"escalation_step.{current}"))
        return STEPS[0] if current is None else STEPS[STEPS.index(current) + 1]
    if current is None or current == STEPS[0]:
        raise Refusal("escalation_bottom")
    return STEPS[STEPS.index(current) - 1]


def next_due(
    current: str | None, since: dt.date | None, days: Sequence[int] = DEFAULT_DAYS
) -> tuple[str, dt.date] | None:
    """The step the rule would take next and from which day, for a problem still open (None
    off the ladder or at its top)."""
    if current is None or since is None or current == STEPS[-1]:
        return None
    at = STEPS.index(current)
    return STEPS[at + 1], since + dt.timedelta(days=check_days(days)[at])


# --------------------------------------------------------------------------- writing


def _number(session: Session, step: str, year: int, prefix: str) -> str:
    n = stored.steps_numbered(session, step, year) + 1
    return f"{prefix}{_NUMBER_MARK[step]}〔{year}〕{n}号"


def escalate_due(
    engine: Engine,
    today: dt.date,
    *,
    days: Sequence[int] = DEFAULT_DAYS,
    prefix: str = "重点办",
    actor: str | None = None,
) -> list[dict[str, object]]:
    """Write the steps :func:`due_steps` calls for on ``today``, in one transaction; returns
    them as stored. Each step beyond the letter gets the office's next document number of
    its kind in the year (重点办告〔2026〕1号 for 效能告诫, 约 for 约谈, 问 for 问责, 移 for
    移交). The steps are read inside the transaction, so a second run finds nothing due."""
    days = check_days(days)
    problems = store.load_problems(engine)
    archive = letters.archived(engine)
    reason = f"escalation rule as of {today.isoformat()}"
    with store.transaction(engine, write=True, actor=actor, reason=reason) as session:
        due = due_steps(problems, stored.escalations_in(session), archive, today, days, prefix)
        return [
            stored.add_step(
                session,
                d.problem_id,
                step=d.step,
                taken_on=d.taken_on,
                direction="rule",
                document_no=d.document_no or _number(session, d.step, d.taken_on.year, prefix),
                letter_id=d.letter_id,
                actor=actor,
            )
            for d in due
        ]


def take_step(
    engine: Engine,
    problem_id: int,
    direction: str,
    *,
    reason: str,
    on: dt.date,
    document_no: str | None = None,
    prefix: str = "重点办",
    actor: str | None = None,
) -> dict[str, object]:
    """The office moves a problem one step ``up`` or ``down`` on ``on``, saying why; returns
    the step as stored. A step up beyond the letter without a ``document_no`` gets the
    office's next number of its kind (as :func:`escalate_due` numbers them)."""
    if not isinstance(reason, str) or not reason.strip():
        raise Refusal("required", field=Term.of("escalation.reason"))
    number = (document_no or "").strip() or None
    with store.transaction(engine, write=True, actor=actor, reason=reason.strip()) as session:
        status, resolved_on = stored.problem_standing(session, problem_id)
        mine = stored.escalations_in(session, problem_id)
        latest = None if mine.empty else current_steps(mine).iloc[0]
        step = next_step(
            None if latest is None else latest["step"],
            direction,
            solved=solved_by(status, resolved_on, on),
            on=on,
            since=None if latest is None else latest["taken_on"],
        )
        if number is None and direction == "up" and step != STEPS[0]:
            number = _number(session, step, on.year, prefix)
        return stored.add_step(
            session,
            problem_id,
            step=step,
            taken_on=on,
            direction=direction,
            reason=reason.strip(),
            document_no=number,
            actor=actor,
        )


# --------------------------------------------------------------------------- what stands


def load_escalations(engine: Engine, problem_id: int | None = None) -> pd.DataFrame:
    """The steps as stored (:func:`geo.storage.escalation.load_escalations`)."""
    return stored.load_escalations(engine, problem_id)


_LADDER_COLUMNS = [
    "problem_id",
    "project",
    "unit",
    "problem",
    "deadline",
    "step",
    "since",
    "days",
    "direction",
    "document_no",
]


def ladder(problems: pd.DataFrame, escalations: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The open problems on the ladder on ``day`` with their current step: ``problem_id,
    project, unit, problem, deadline, step, since`` (the day the step was taken), ``days``
    (at it by ``day``), ``direction, document_no``; by unit, then step (highest first), then
    the longest at it."""
    current = current_steps(escalations, day).set_index("problem_id")
    rows = []
    for p in problems.to_dict("records"):
        pid = int(p["id"])
        if pid not in current.index or solved_by(p["status"], p["resolved_on"], day):
            continue
        step = current.loc[pid]
        rows.append(
            {
                "problem_id": pid,
                "project": p["project"],
                "unit": p["responsible_unit"] if isinstance(p["responsible_unit"], str) else None,
                "problem": p["description"],
                "deadline": p["deadline"] if isinstance(p["deadline"], dt.date) else None,
                "step": step["step"],
                "since": step["taken_on"],
                "days": (day - step["taken_on"]).days,
                "direction": step["direction"],
                "document_no": step["document_no"],
            }
        )
    frame = pd.DataFrame(rows, columns=_LADDER_COLUMNS)
    if frame.empty:
        return frame
    frame["_rank"] = [-STEPS.index(s) for s in frame["step"]]
    frame["_unit"] = frame["unit"].fillna("")
    frame = frame.sort_values(["_unit", "_rank", "days", "problem_id"], ascending=[1, 1, 0, 1])
    return frame.drop(columns=["_rank", "_unit"]).reset_index(drop=True)


def step_counts(on_ladder: pd.DataFrame) -> dict[str, int]:
    """How many problems stand at each step (every step, in ladder order)."""
    found = on_ladder["step"].value_counts() if len(on_ladder) else pd.Series(dtype=int)
    return {step: int(found.get(step, 0)) for step in STEPS}


def beyond_letter(on_ladder: pd.DataFrame) -> pd.DataFrame:
    """Those of :func:`ladder` past the supervision letter (效能告诫 or higher)."""
    return on_ladder[on_ladder["step"] != STEPS[0]].reset_index(drop=True)


@dataclass(frozen=True)
class LadderFacts:
    """The ladder as the bulletin tells it: how many problems at each step (ladder order) and
    the ones at 约谈 or beyond, each ``unit, project, problem, step, since``."""

    counts: tuple[tuple[str, int], ...] = ()
    serious: tuple[dict, ...] = ()

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


def ladder_facts(on_ladder: pd.DataFrame) -> LadderFacts:
    """:class:`LadderFacts` of :func:`ladder`; the serious ones highest step first, then the
    longest at it."""
    serious = on_ladder[on_ladder["step"].isin(SERIOUS)]
    serious = serious.assign(_rank=[-STEPS.index(s) for s in serious["step"]]).sort_values(
        ["_rank", "since", "problem_id"]
    )
    keep = ["problem_id", "unit", "project", "problem", "step", "since"]
    return LadderFacts(
        counts=tuple(step_counts(on_ladder).items()),
        serious=tuple(serious[keep].to_dict("records")),
    )


def read_ladder_facts(engine: Engine, day: dt.date, problems: pd.DataFrame) -> LadderFacts:
    """:func:`ladder_facts` on ``day`` from the stored steps (``problems``: already read)."""
    return ladder_facts(ladder(problems, stored.load_escalations(engine), day))


# --------------------------------------------------------------------------- on screen


def records(on_ladder: pd.DataFrame) -> list[dict[str, object]]:
    """:func:`ladder` as the ``escalation --json`` command prints it."""
    return formatting.json_records(
        on_ladder,
        {c: c for c in _LADDER_COLUMNS},
        counts=("problem_id", "days"),
    )


def due_records(due: list[DueStep], problems: pd.DataFrame) -> list[dict[str, object]]:
    """:func:`due_steps` with each problem's project, unit and text (``escalation --due``)."""
    named = problems.set_index("id")
    out = []
    for d in due:
        p = named.loc[d.problem_id]
        out.append(
            {
                **d.record(),
                "project": formatting.jsonable(p["project"]),
                "unit": formatting.jsonable(p["responsible_unit"]),
                "problem": formatting.jsonable(p["description"]),
            }
        )
    return out


def step_label(step: str | None, lang: str) -> str:
    return label("escalation_step", step, lang) if step else t("escalation.none", lang)


def history_table(steps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A problem's steps, oldest first, as its page lists them: date, step, how (by rule, up,
    down), reason, document number, by whom."""
    rows = [
        (
            r["taken_on"],
            step_label(r["step"], lang),
            label("escalation_direction", r["direction"], lang),
            r["reason"],
            r["document_no"],
            r["actor"] or None,
        )
        for r in steps.to_dict("records")
    ]
    columns = ["taken_on", "step", "direction", "reason", "document_no", "actor"]
    return pd.DataFrame(rows, columns=[t(f"escalation.col.{c}", lang) for c in columns])


def ladder_table(on_ladder: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`ladder` as a page lists it: unit, step, project, problem, since, days at it,
    document number."""
    rows = [
        (
            r["unit"],
            step_label(r["step"], lang),
            r["project"],
            r["problem"],
            r["since"],
            int(r["days"]),
            r["document_no"],
        )
        for r in on_ladder.to_dict("records")
    ]
    columns = ["unit", "step", "project", "problem", "since", "days", "document_no"]
    return pd.DataFrame(rows, columns=[t(f"escalation.col.{c}", lang) for c in columns])


def unit_table(on_ladder: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many problems each responsible unit has at each step beyond the letter, and in
    all; the units with the most serious first."""
    steps = list(STEPS[1:])
    rows = []
    for unit, mine in on_ladder.groupby(on_ladder["unit"].fillna("—"), sort=False):
        counts = step_counts(mine)
        rows.append((unit, *(counts[s] for s in steps), sum(counts[s] for s in steps)))
    columns = [t("escalation.col.unit", lang), *(step_label(s, lang) for s in steps)]
    frame = pd.DataFrame(rows, columns=[*columns, t("escalation.col.total", lang)])
    frame = frame[frame.iloc[:, -1] > 0] if len(frame) else frame
    order = [c for c in reversed(columns[1:])] + [columns[0]]
    ascending = [False] * (len(order) - 1) + [True]
    return frame.sort_values(order, ascending=ascending).reset_index(drop=True)


# --------------------------------------------------------------------------- the notice


def with_notice(steps: pd.DataFrame) -> pd.DataFrame:
    """The steps of :func:`load_escalations` that carry a notice the office writes: 效能告诫
    and 约谈 taken by the rule or stepped up to (a step down eases, it sends nothing)."""
    return steps[steps["step"].isin(NOTICE_STEPS) & (steps["direction"] != "down")]


def notice_document(
    problem: dict, steps: pd.DataFrame, step_id: int, lang: str, *, issuer: str
) -> documents.Document:
    """The notice of the problem's 效能告诫 or 约谈 step ``step_id`` (one of ``steps``, its
    rows of :func:`load_escalations`) to its responsible unit, in the letters' formal
    layout: number, title, addressee, what happened, what is asked, the steps before it,
    issuer and date. ``problem`` is its row of :func:`geo.storage.store.load_problems`.
    ``ValueError`` for a step without a notice (:func:`with_notice`)."""
    if step_id not in set(with_notice(steps)["id"]):
        raise ValueError(f"step_id={step_id!r}: no 效能告诫 or 约谈 step of this problem")
    at = [int(i) for i in steps["id"]].index(step_id)
    step, steps_before = steps.iloc[at].to_dict(), steps.iloc[:at]
    kind = step["step"]
    date = formatting.date(step["taken_on"], lang)
    first = steps_before["taken_on"].min() if len(steps_before) else step["taken_on"]
    deadline = problem.get("deadline")
    taken = [step_label(s, lang) for s in steps_before["step"]] or [step_label(kind, lang)]
    rows = tuple(
        (
            str(n),
            step_label(r["step"], lang),
            formatting.date(r["taken_on"], lang),
            r["document_no"] or "—",
        )
        for n, r in enumerate(steps_before.to_dict("records"), start=1)
    )
    header = tuple(t(f"escalation.doc.col.{c}", lang) for c in ("number", "step", "date", "doc"))
    blocks: list[documents.Block] = [
        Masthead(issuer),
        Centered(step["document_no"] or ""),
        Title(t(f"escalation.doc.title.{kind}", lang)),
        Addressee(t("letters.to", lang, unit=problem.get("responsible_unit") or "—")),
        Paragraph(
            t(
                f"escalation.doc.body.{kind}",
                lang,
                project=problem.get("project") or "—",
                problem=problem.get("description") or "",
                deadline=formatting.date(deadline, lang) if isinstance(deadline, dt.date) else "—",
                since=formatting.date(first, lang),
                steps=t("escalation.sep", lang).join(dict.fromkeys(taken)),
            )
        ),
        Paragraph(t(f"escalation.doc.ask.{kind}", lang, issuer=issuer)),
    ]
    if rows:
        blocks.append(Table(header, rows, widths=(1, 4, 4, 6)))
    blocks += [Paragraph(t("escalation.doc.closing", lang)), Signature((issuer, date))]
    title = f"{step['document_no'] or ''} {t(f'escalation.doc.title.{kind}', lang)}".strip()
    return documents.Document(tuple(blocks), meta={"title": title, "author": issuer})


def notices_of(
    engine: Engine, taken: Sequence[dict], lang: str, *, issuer: str
) -> list[tuple[documents.Document, str]]:
    """The notices of those of ``taken`` (steps as stored) that carry one, each with its file
    name (no suffix): what the office sends after a run of the rule or a step up."""
    with_one = [s for s in taken if s["step"] in NOTICE_STEPS and s["direction"] != "down"]
    if not with_one:
        return []
    problems = store.load_problems(engine).set_index("id")
    out = []
    for step in with_one:
        problem_id = int(step["problem_id"])
        problem = {"id": problem_id, **problems.loc[problem_id].to_dict()}
        steps = stored.load_escalations(engine, problem_id)
        document = notice_document(problem, steps, int(step["id"]), lang, issuer=issuer)
        out.append((document, notice_file_name(step)))
    return out


def notice_file_name(step: dict) -> str:
    """2026-10-31_效能告诫_重点办告〔2026〕3号 (no suffix)."""
    name = f"{step['taken_on'].isoformat()}_{vocab.ESCALATION_STEPS[step['step']]}"
    number = "".join(c for c in (step["document_no"] or "") if c not in '\\/:*?"<>|').strip()
    return f"{name}_{number}" if number else name
