"""What the office pushes, by rule, and when: the notices of a day, as drafts for the outbox.

Rules (each can be switched off, ``GEO_NOTIFY_OFF``):

- ``letter``: each letter of the month, to its unit's channels, once per revision;
- ``reminder``: an open problem or decision due in ``GEO_NOTIFY_REMINDER_DAYS`` days, to its
  unit's channels and its project's task force;
- ``overdue``: the same on the day after its deadline (caught up for a week if no sender ran);
- ``digest``: on the first working day of a week, to each lead leader, their projects behind
  schedule, the overdue items and the next milestones;
- ``bulletin``: on the letter day, the month's headline figures to the leadership group.

Notices are sent on working days outside quiet hours (``GEO_NOTIFY_QUIET``, "22-8"), by China's
public-holiday calendar (``chinese-calendar``); past the years it knows, Monday to Friday, and
the command line says so. Messages are in the office's language; lists are cut after
:data:`LIST_MOST` items with "等N项" and a link to the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo import vocab
from geo.formatting import is_missing
from geo.i18n import label, t
from geo.workflow.outbox import Channel, Draft

RULES = vocab.NOTICE_RULES
LIST_MOST = 5
OVERDUE_CATCH_UP_DAYS = 7


# ---------------------------------------------------------------- the calendar


def calendar_years() -> tuple[int, int]:
    """The first and last year the public-holiday calendar knows."""
    import chinese_calendar

    years = sorted(
        {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    )
    return years[0], years[-1]


def is_working_day(day: dt.date) -> bool:
    """A working day by China's calendar (make-up Saturdays included, holidays left out);
    Monday to Friday in a year the calendar does not know (:func:`calendar_known`)."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def calendar_known(day: dt.date) -> bool:
    first, last = calendar_years()
    return first <= day.year <= last


def parse_quiet(text: str) -> tuple[int, int]:
    """ "22-8" → (22, 8): no sending from 22:00 to 08:00."""
    try:
        start, end = (int(x) for x in text.replace("–", "-").split("-"))
    except ValueError:
        raise ValueError(f"quiet hours {text!r} are not 'from-to' hours, e.g. 22-8") from None
    if not (0 <= start <= 23 and 0 <= end <= 23):
        raise ValueError(f"quiet hours {text!r} are not hours of the day")
    return start, end


def may_send(moment: dt.datetime, quiet: tuple[int, int]) -> bool:
    """A working day and outside the quiet hours (local time)."""
    start, end = quiet
    hour = moment.hour
    in_quiet = (start <= hour or hour < end) if start > end else (start <= hour < end)
    return is_working_day(moment.date()) and not in_quiet


# ---------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Rules:
    """The office's notice settings."""

    off: frozenset[str] = frozenset()
    reminder_days: int = 3
    letter_day: int = 2
    public_url: str = "http://localhost:8501"
    lang: str = "zh"
    area: str = "county"  # 全县 / 全市 / 全区 in the bulletin's notice


def _for(channels: list[Channel], audience_kind: str, audience: object) -> list[Channel]:
    if is_missing(audience):
        return []
    return [
        c
        for c in channels
        if c.active
        and c.audience_kind == audience_kind
        and (audience_kind == "leadership" or c.audience == str(audience).strip())
    ]


def cut(lines: list[str], lang: str, link: str) -> str:
    """Lines as a list, cut after :data:`LIST_MOST` with "等N项" and the page's link."""
    shown = [f"- {line}" for line in lines[:LIST_MOST]]
    if len(lines) > LIST_MOST:
        shown.append(t("notify.and_more", lang, n=len(lines), link=link))
    return "\n".join(shown)


def item_drafts(
    items: pd.DataFrame, channels: list[Channel], today: dt.date, rules: Rules
) -> list[Draft]:
    """Reminders and overdue notices for open items (problems and decisions as
    :func:`geo.workflow.letters.letter_items` gives them, one row per item key)."""
    out: list[Draft] = []
    lang, link = rules.lang, f"{rules.public_url}/problems"
    for row in items[items["is_open"]].to_dict("records"):
        deadline = row["deadline"]
        if deadline is None or is_missing(deadline):
            continue
        if "reminder" not in rules.off and deadline == today + dt.timedelta(
            days=rules.reminder_days
        ):
            rule = "reminder"
        elif (
            "overdue" not in rules.off
            and today - dt.timedelta(days=OVERDUE_CATCH_UP_DAYS) <= deadline < today
        ):
            rule = "overdue"
        else:
            continue
        subject = t(
            f"notify.{rule}.subject",
            lang,
            project=row["project"] or "—",
            deadline=deadline.isoformat(),
        )
        body = t(
            f"notify.{rule}.body",
            lang,
            unit=row["unit"],
            project=row["project"] or "—",
            text=row["text"],
            deadline=deadline.isoformat(),
            link=link,
        )
        targets = _for(channels, "unit", row["unit"]) + _for(channels, "task_force", row["project"])
        for channel in targets:
            key = f"{rule}:{row['key']}:{deadline.isoformat()}:{channel.id}"
            out.append(Draft(key, channel.id, rule, subject, body))
    return out


def letter_drafts(letters: list[dict], channels: list[Channel], rules: Rules) -> list[Draft]:
    """Each letter (id, kind, unit, number_text, revision, items) to its unit, with the
    document attached to e-mail."""
    if "letter" in rules.off:
        return []
    out = []
    lang, link = rules.lang, f"{rules.public_url}/letters"
    for letter in letters:
        kind = t(f"letters.kind.{letter['kind']}", lang)
        lines = [
            f"{i.get('project') or '—'}：{i.get('text')}"
            + (f"（{i['deadline']}）" if i.get("deadline") else "")
            for i in letter["items"]
        ]
        subject = t("notify.letter.subject", lang, kind=kind, number=letter["number_text"])
        body = t(
            "notify.letter.body",
            lang,
            unit=letter["unit"],
            kind=kind,
            n=len(lines),
            number=letter["number_text"],
            items=cut(lines, lang, link),
            link=link,
        )
        for channel in _for(channels, "unit", letter["unit"]):
            key = f"letter:{letter['id']}:r{letter['revision']}:{channel.id}"
            out.append(Draft(key, channel.id, "letter", subject, body, f"letter:{letter['id']}"))
    return out


def digest_drafts(
    projects: pd.DataFrame,
    items: pd.DataFrame,
    channels: list[Channel],
    today: dt.date,
    rules: Rules,
) -> list[Draft]:
    """On the week's first working day: each lead leader's projects behind schedule, their
    projects' overdue items and next milestones within two weeks."""
    if "digest" in rules.off or not _first_working_day_of_week(today):
        return []
    lang, link = rules.lang, rules.public_url
    week = today.isocalendar()
    out = []
    for leader in sorted({str(x) for x in projects["lead_leader"] if not is_missing(x)}):
        targets = _for(channels, "leader", leader)
        if not targets:
            continue
        own = projects[projects["lead_leader"] == leader]
        behind = [
            f"{r['name']}：{_pct(r['completion_rate'])}"
            for r in own[own["behind_schedule"]].to_dict("records")
        ]
        names = set(own["name"])
        overdue = [
            f"{r['project']}：{r['text']}（{r['deadline']}）"
            for r in items.to_dict("records")
            if r["is_open"] and r["project"] in names and r["deadline"] and r["deadline"] < today
        ]
        soon = [
            f"{r['name']}：{label('milestone', r['next_milestone'], lang)}（{r['next_planned_on']}）"
            for r in own.to_dict("records")
            if not is_missing(r.get("next_planned_on"))
            and today <= r["next_planned_on"] <= today + dt.timedelta(days=14)
        ]
        subject = t(
            "notify.digest.subject", lang, leader=leader, week=f"{week.year}-W{week.week:02d}"
        )
        body = t(
            "notify.digest.body",
            lang,
            leader=leader,
            projects=len(own),
            n_behind=len(behind),
            behind=cut(behind, lang, link) or "—",
            n_overdue=len(overdue),
            overdue=cut(overdue, lang, link) or "—",
            n_soon=len(soon),
            soon=cut(soon, lang, link) or "—",
            link=link,
        )
        for channel in targets:
            out.append(
                Draft(
                    f"digest:{leader}:{week.year}-{week.week}:{channel.id}",
                    channel.id,
                    "digest",
                    subject,
                    body,
                )
            )
    return out


def bulletin_drafts(
    headline: dict, channels: list[Channel], today: dt.date, rules: Rules
) -> list[Draft]:
    """On the letter day (or the first working day after it), the month's figures to the
    leadership group, with the bulletin attached to e-mail."""
    if "bulletin" in rules.off or today.day < rules.letter_day or not is_working_day(today):
        return []
    month = f"{today.year}-{today.month:02d}"
    lang, link = rules.lang, f"{rules.public_url}/bulletin"
    subject = t("notify.bulletin.subject", lang, month=month)
    body = t(
        "notify.bulletin.body", lang, link=link, area=t(f"area.{rules.area}", lang), **headline
    )
    return [
        Draft(f"bulletin:{month}:{c.id}", c.id, "bulletin", subject, body, f"bulletin:{month}")
        for c in _for(channels, "leadership", "")
    ]


def test_draft(channel: Channel, now: dt.datetime, lang: str) -> Draft:
    """A test message to one channel, asked for on the notices page or the command line."""
    return Draft(
        f"test:{channel.id}:{now.isoformat()}",
        channel.id,
        "test",
        t("notify.test.subject", lang),
        t("notify.test.body", lang, channel=channel.name),
    )


def _first_working_day_of_week(day: dt.date) -> bool:
    if not is_working_day(day):
        return False
    monday = day - dt.timedelta(days=day.weekday())
    return not any(is_working_day(monday + dt.timedelta(days=i)) for i in range(day.weekday()))


def _pct(rate: object) -> str:
    return "—" if is_missing(rate) else f"{float(rate) * 100:.1f}%"
