"""Pushing notices, put together: read the data, apply :mod:`geo.workflow.notices`' rules, write the
outbox (:mod:`geo.workflow.outbox`), and render each notice for its channel (with the letter or the
bulletin attached to e-mail). Used by ``python -m geo notify`` and the notices page."""

from __future__ import annotations

import datetime as dt
import os

from geo.config import Settings
from geo.core import measures, snapshot
from geo.reports import documents
from geo.storage import store
from geo.storage.store import Engine
from geo.workflow import channels, letters, notices, outbox


def rules_from(settings: Settings) -> notices.Rules:
    return notices.Rules(
        off=settings.notify_off,
        reminder_days=settings.notify_reminder_days,
        letter_day=settings.letter_day,
        public_url=settings.public_url,
        lang=settings.language,
        area=settings.area,
    )


def smtp_from(environ: dict[str, str] | None = None) -> channels.Smtp:
    """The mail server from the server's environment (``GEO_SMTP_HOST``, ``_PORT``, ``_USER``,
    ``_PASSWORD``, ``_FROM``, ``_STARTTLS``)."""
    env = os.environ if environ is None else environ
    return channels.Smtp(
        host=env.get("GEO_SMTP_HOST", "").strip(),
        port=int(env.get("GEO_SMTP_PORT", "25") or 25),
        user=env.get("GEO_SMTP_USER", "").strip(),
        password=env.get("GEO_SMTP_PASSWORD", ""),
        sender=env.get("GEO_SMTP_FROM", "").strip(),
        starttls=env.get("GEO_SMTP_STARTTLS", "").strip().lower() in ("1", "true", "yes"),
    )


def due_drafts(engine: Engine, today: dt.date, rules: notices.Rules) -> list[outbox.Draft]:
    """Every notice the rules call for on ``today`` (reminders, overdue items, the week's
    digests, the month's bulletin); letters are written when they are issued."""
    chans = outbox.list_channels(engine)
    if not chans:
        return []
    items = letters.letter_items(
        store.load_problems(engine), letters.load_all_decisions(engine), today
    )
    items = letters.one_per_key(items)
    drafts = notices.item_drafts(items, chans, today, rules)
    if store.count_rows(engine)["projects"]:
        snap = snapshot.take_snapshot(engine)
        drafts += notices.digest_drafts(snap.projects, items, chans, today, rules)
        head = measures.headline(snap.projects, snap.as_of)
        figures = {
            "as_of": head.as_of.isoformat(),
            "projects": head.projects,
            "plan": f"{head.annual_plan_wan / 10_000:.2f}",
            "done": f"{head.completed_wan / 10_000:.2f}",
            "rate": f"{head.completion_rate * 100:.1f}%",
            "schedule": f"{head.time_schedule * 100:.1f}%",
            "behind": head.behind_schedule,
        }
        drafts += notices.bulletin_drafts(figures, chans, today, rules)
    return drafts


def plan_due(engine: Engine, today: dt.date, rules: notices.Rules) -> int:
    """Write today's notices to the outbox (each once); returns how many were new."""
    return outbox.write(engine, due_drafts(engine, today, rules))


def renderer(engine: Engine, settings: Settings):
    """Notice → message; e-mail gets the letter (.docx) or the month's bulletin attached."""

    def render(notice: outbox.OutgoingNotice) -> channels.Message:
        attachments: tuple[tuple[str, bytes], ...] = ()
        if notice.attachment and notice.attachment.startswith("letter:"):
            letter_id = int(notice.attachment.split(":")[1])
            found = [x for x in letters.archived(engine) if x.id == letter_id]
            if found:
                document = letters.letter_document(
                    found[0],
                    settings.language,
                    issuer=settings.issuer,
                    prefix=settings.letter_prefix,
                )
                attachments = ((letters.file_name(found[0], ".docx"), documents.to_docx(document)),)
        return channels.Message(notice.subject, notice.body, attachments=attachments)

    return render


def send_due(
    engine: Engine,
    settings: Settings,
    now: dt.datetime | None = None,
    smtp: channels.Smtp | None = None,
) -> outbox.SendResult | None:
    """Send what is due, if now is a working day outside quiet hours (else None)."""
    local = now or dt.datetime.now()
    if not notices.may_send(local, notices.parse_quiet(settings.notify_quiet)):
        return None
    return outbox.send_due(engine, renderer(engine, settings), smtp=smtp or smtp_from())


def send_test(
    engine: Engine, settings: Settings, channel: outbox.Channel, smtp: channels.Smtp | None = None
) -> channels.Answer:
    """A test message to one channel now (quiet hours do not apply), recorded in the outbox."""
    now = outbox.utcnow()
    draft = notices.test_draft(channel, now, settings.language)
    outbox.write(engine, [draft], now)
    result = outbox.send_due(
        engine, renderer(engine, settings), smtp=smtp or smtp_from(), only=draft.dedup_key
    )
    return outbox.last_answer(engine, draft.dedup_key) if result else channels.Answer(False, "—")
