"""The escalation ladder on the pages: a problem's steps with the office's up/down form and its
notices (problem page), and the items beyond the letter by unit and step (letters page)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo import formatting
from geo.core.problems import solved_by
from geo.storage import store
from geo.ui.auth import principal
from geo.ui.documents import document_downloads
from geo.ui.resources import engine, settings
from geo.ui.text import lang, md, tr
from geo.ui.widgets import form_key, refused, run_and_rerun, table
from geo.workflow import escalation, letters


def _office() -> bool:
    """Only the office moves problems on the ladder (the data layer checks it again)."""
    who = principal()
    return who is None or who.role == "admin"


def _rule_text() -> str:
    days = settings().escalation_days
    lg = lang()
    steps = [
        tr(
            "escalation.threshold",
            days=n,
            step=escalation.step_label(escalation.STEPS[i], lg),
            next=escalation.step_label(escalation.STEPS[i + 1], lg),
        )
        for i, n in enumerate(days)
    ]
    return tr("escalation.thresholds", steps=tr("escalation.sep").join(steps))


def _where_it_stands(problem: dict, steps, today: dt.date) -> None:
    lg = lang()
    if steps.empty:
        st.caption(tr("escalation.off"))
        return
    latest = escalation.current_steps(steps).iloc[0]
    since = latest["taken_on"]
    st.markdown(
        tr(
            "escalation.current",
            step=escalation.step_label(latest["step"], lg),
            date=formatting.date(since, lg),
            days=(today - since).days,
        )
    )
    if solved_by(problem["status"], problem["resolved_on"], today):
        st.caption(tr("escalation.solved"))
        return
    coming = escalation.next_due(latest["step"], since, settings().escalation_days)
    if coming is None:
        st.caption(tr("escalation.at_top"))
        return
    step, due = coming
    key = "escalation.next_due" if due > today else "escalation.due_since"
    st.caption(tr(key, step=escalation.step_label(step, lg), date=formatting.date(due, lg)))


def _step_form(problem_id: int, steps, today: dt.date, solved: bool) -> None:
    lg = lang()
    current = None if steps.empty else escalation.current_steps(steps).iloc[0]["step"]
    moves = {}
    for direction in ("up", "down"):
        try:  # only the moves the rules allow are offered
            to = escalation.next_step(current, direction, solved=solved, on=today, since=None)
        except ValueError:
            continue
        moves[direction] = tr(f"escalation.{direction}", step=escalation.step_label(to, lg))
    if not moves:
        return
    form = form_key(f"escalation_{problem_id}")  # new after each step: no reason carried over
    with st.form(form):
        st.markdown(f"**{tr('escalation.form')}**")
        direction = st.radio(
            tr("escalation.direction"), list(moves), format_func=moves.get, horizontal=True
        )
        reason = st.text_input(tr("escalation.reason"), key=f"{form}_reason")
        left, right = st.columns(2)
        number = left.text_input(
            tr("escalation.document"), key=f"{form}_document", help=tr("escalation.document_help")
        )
        on = right.date_input(tr("escalation.on"), value=today, key=f"{form}_on")
        if st.form_submit_button(tr("escalation.save")):
            run_and_rerun(
                _step_and_say,
                problem_id,
                direction,
                reason=reason,
                on=on,
                document_no=number,
                clears=f"escalation_{problem_id}",
            )


def _step_and_say(problem_id: int, direction: str, **step: object) -> None:
    taken = escalation.take_step(
        engine(), problem_id, direction, prefix=settings().letter_prefix, **step
    )
    st.toast(tr("escalation.done", step=escalation.step_label(taken["step"], lang())))


def _notices(problem: dict, steps) -> None:
    lg = lang()
    for row in escalation.with_notice(steps).iloc[::-1].to_dict("records"):
        title = tr(
            "escalation.notice",
            step=escalation.step_label(row["step"], lg),
            number=md(row["document_no"] or ""),
        )
        with st.expander(title):
            document = escalation.notice_document(
                problem, steps, int(row["id"]), lg, issuer=settings().issuer
            )
            document_downloads(document, escalation.notice_file_name(row))


def problem_ladder(problem: dict, today: dt.date) -> None:
    """The problem's place on the ladder: where it stands and what the rule does next, its
    steps with dates, reasons and documents, the notices to download, and (for the office)
    the form to step it up or down with a reason."""
    problem_id = int(problem["id"])
    st.subheader(tr("escalation.title"))
    steps = escalation.load_escalations(engine(), problem_id)
    _where_it_stands(problem, steps, today)
    if not steps.empty:
        table(escalation.history_table(steps, lang()))
        _notices(problem, steps)
    if _office():
        solved = solved_by(problem["status"], problem["resolved_on"], today)
        _step_form(problem_id, steps, today, solved)


def letters_ladder(unit: str | None, today: dt.date) -> None:
    """Beyond the letter: the open problems that climbed past their supervision letter, by
    responsible unit and step (of ``unit`` only, when one is chosen), with the rule and what
    it calls for today; the office takes the steps due from here. In a box of its own, apart
    from the month's letters around it."""
    with st.container(border=True):
        _letters_ladder(unit, today)


def _letters_ladder(unit: str | None, today: dt.date) -> None:
    lg = lang()
    s = settings()
    eng = engine()
    st.subheader(tr("escalation.letters_title"))
    problems = store.load_problems(eng)
    steps = escalation.load_escalations(eng)
    on_ladder = escalation.ladder(problems, steps, today)
    if unit is not None:
        on_ladder = on_ladder[on_ladder["unit"] == unit]
    beyond = escalation.beyond_letter(on_ladder)
    st.caption(tr("escalation.letters_intro", date=formatting.date(today, lg)))
    st.caption(_rule_text())
    if beyond.empty:
        st.info(tr("escalation.letters_none"))
    else:
        table(escalation.unit_table(beyond, lg))
        table(escalation.ladder_table(beyond, lg))
    at_letter = len(on_ladder) - len(beyond)
    if at_letter:
        st.caption(tr("escalation.at_letter", n=at_letter))
    if not _office():
        return
    if message := st.session_state.pop("_escalation_applied", None):
        st.success(message)
    # Every unit's: the rule is run for all at once.
    due = escalation.due_steps(
        problems, steps, letters.archived(eng), today, s.escalation_days, s.letter_prefix
    )
    if not due:
        return
    st.markdown(tr("escalation.due", n=len(due)))
    if st.button(tr("escalation.apply"), key="write_escalate_due", icon=":material/trending_up:"):
        try:
            written = escalation.escalate_due(
                eng, today, days=s.escalation_days, prefix=s.letter_prefix
            )
        except ValueError as exc:
            refused(exc)
        else:
            st.session_state["_escalation_applied"] = tr("escalation.applied", n=len(written))
            st.rerun()
