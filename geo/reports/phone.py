"""Phone pages: each shared project's read-only page, a static file behind a signed link.

A hundred people opening a link from the task force's group must not each start a Streamlit
session. So a shared project gets one small HTML page (its card, rate, stage, open problems,
latest photo, next milestone), written when the data changes and served by nginx as a file.

The link names the project and its expiry and carries ``HMAC-SHA256(secret, project:expiry)``:
it cannot be guessed without the server's share secret, and it is for one project until one
time. nginx does not compute HMACs; instead the publisher keeps one file per live link, named
by its token (a symbolic link to the project's page), and removes it when the link expires or
is withdrawn. A link is thus valid exactly while its file exists, and :func:`verify` says the
same for code that checks a link itself.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import html
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from geo import formatting
from geo.colors import completion_color
from geo.core.measures import time_schedule
from geo.i18n import field_label, label, t

#: 144 bits of the HMAC: 24 URL-safe characters.
_TOKEN_BYTES = 18
LINK_PATTERN = re.compile(r"^/m/(?P<project>\d+)/(?P<expires>\d+)/(?P<token>[A-Za-z0-9_-]{24})$")
#: Open problems listed on a page (the count says how many more).
MAX_PROBLEMS = 8
BEIJING = formatting.BEIJING


def sign(secret: str, project_id: int, expires: int) -> str:
    """The token of a link to ``project_id`` until ``expires`` (Unix seconds)."""
    digest = hmac.new(
        secret.encode(), f"geo-phone:{int(project_id)}:{int(expires)}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest[:_TOKEN_BYTES]).decode()


@dataclass(frozen=True)
class Link:
    """A phone link: ``/m/<project>/<expires>/<token>`` under the phone pages' address."""

    project_id: int
    expires: int  # Unix seconds
    token: str

    @property
    def path(self) -> str:
        return f"/m/{self.project_id}/{self.expires}/{self.token}"

    @property
    def file_name(self) -> str:
        """The file under ``links/`` that makes the link work (nginx maps the path to it)."""
        return f"{self.project_id}-{self.expires}-{self.token}.html"

    def url(self, base: str) -> str:
        return base.rstrip("/") + self.path


def link_for(secret: str, project_id: int, expires: int) -> Link:
    return Link(int(project_id), int(expires), sign(secret, project_id, expires))


def verify(secret: str, path: str, now: float) -> int | None:
    """The project a link's path opens, or None when it is forged, altered or expired."""
    match = LINK_PATTERN.match(path)
    if match is None:
        return None
    project_id, expires = int(match["project"]), int(match["expires"])
    if expires <= now:
        return None
    if not hmac.compare_digest(sign(secret, project_id, expires), match["token"]):
        return None
    return project_id


def expiry(now: dt.datetime, days: int) -> int:
    """A link made ``now`` for ``days`` days lasts to the end of that day in Beijing time, so
    links shared the same day end together and the page can say "valid until 12月31日"."""
    if days < 1:
        raise ValueError("a link lasts at least one day")
    local = now.astimezone(BEIJING).date() + dt.timedelta(days=days)
    end = dt.datetime.combine(local, dt.time(23, 59, 59), tzinfo=BEIJING)
    return int(end.timestamp())


def local_time(unix_seconds: float) -> dt.datetime:
    """Beijing time, as people read it on the page."""
    return dt.datetime.fromtimestamp(unix_seconds, BEIJING)


@dataclass(frozen=True)
class OpenProblem:
    text: str
    unit: str
    deadline: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class PhoneCard:
    """What one project's phone page shows; built from a snapshot row by :func:`card`."""

    project_id: int
    name: str
    subtitle: str
    stage: str  # the stage code
    completion_rate: float | None
    schedule_status: str
    annual_plan_wan: float | None
    completed_wan: float | None
    physical_progress: str
    next_milestone: str | None  # the milestone code
    next_planned_on: dt.date | None
    days_late: int
    open_problems: tuple[OpenProblem, ...]
    as_of: dt.date
    photo_jpeg: bytes | None = None
    photo_taken: dt.date | None = None
    photo_caption: str = ""


def _present(value: object) -> object | None:
    return None if formatting.is_missing(value) else value


def card(
    project: Mapping[str, object],
    problems: Iterable[Mapping[str, object]],
    as_of: dt.date,
    photo_jpeg: bytes | None = None,
    photo_taken: dt.date | None = None,
    photo_caption: str = "",
) -> PhoneCard:
    """A snapshot row (:func:`geo.core.snapshot.take_snapshot`) and that project's flagged problems
    (:func:`geo.core.problems.for_display`) as a phone card: open problems only, overdue first."""
    parts = (project.get(k) for k in ("code", "park", "township"))
    rate = _present(project.get("completion_rate"))
    opened = [
        OpenProblem(
            text=formatting.text(p.get("description")),
            unit=formatting.text(p.get("responsible_unit")),
            deadline=_present(p.get("deadline")),
            overdue=bool(p.get("overdue")),
        )
        for p in problems
        if p.get("is_open")
    ]
    return PhoneCard(
        project_id=int(project["id"]),
        name=formatting.text(project.get("name")),
        subtitle=" · ".join(str(p) for p in parts if _present(p) not in (None, "")),
        stage=formatting.text(project.get("stage")),
        completion_rate=None if rate is None else float(rate),
        schedule_status=formatting.text(project.get("schedule_status")),
        annual_plan_wan=_present(project.get("annual_plan_wan")),
        completed_wan=_present(project.get("completed_wan")),
        physical_progress=formatting.text(project.get("physical_progress")),
        next_milestone=_present(project.get("next_milestone")),
        next_planned_on=_present(project.get("next_planned_on")),
        days_late=int(_present(project.get("days_late")) or 0),
        open_problems=tuple(sorted(opened, key=lambda p: (not p.overdue,))),
        as_of=as_of,
        photo_jpeg=photo_jpeg,
        photo_taken=photo_taken,
        photo_caption=photo_caption,
    )


_STYLE = """
body{margin:0;font:16px/1.5 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",
"WenQuanYi Micro Hei",sans-serif;color:#1f2933;background:#f4f5f7}
main{max-width:640px;margin:0 auto;padding:16px}
h1{font-size:22px;line-height:1.3;margin:0 0 4px;overflow-wrap:anywhere}
h2{font-size:17px;margin:20px 0 8px}
.sub{color:#52606d;font-size:14px;overflow-wrap:anywhere}
.card{background:#fff;border-radius:10px;padding:14px 16px;margin-top:12px;
box-shadow:0 1px 2px rgba(0,0,0,.08)}
.rate{font-size:44px;font-weight:700;line-height:1.1}
.bar{height:10px;background:#e4e7eb;border-radius:5px;overflow:hidden;margin:8px 0}
.bar>i{display:block;height:100%}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0}
dt{color:#52606d}dd{margin:0;overflow-wrap:anywhere}
ul{padding-left:20px;margin:0}li{margin:6px 0;overflow-wrap:anywhere}
.late{color:#c81e1e;font-weight:600}
img{width:100%;border-radius:8px;display:block}
footer{color:#7b8794;font-size:13px;margin:20px 0}
"""


def page_html(card: PhoneCard, lang: str, generated: dt.datetime) -> str:
    """The page itself: one file, no script, the photo inline; every text escaped."""
    esc = html.escape
    rate = card.completion_rate
    width = 0 if rate is None else min(max(rate, 0.0), 1.0) * 100
    facts = [
        (t("col.stage", lang), label("stage", card.stage, lang) if card.stage else "—"),
        (t("col.annual_plan", lang), formatting.wan(card.annual_plan_wan)),
        (t("col.completed", lang), formatting.wan(card.completed_wan)),
    ]
    if card.physical_progress:
        facts.append((t("col.physical_progress", lang), card.physical_progress))
    if card.next_milestone:
        from geo.workflow.roadmap import label_of  # only where a milestone is shown

        when = formatting.date(card.next_planned_on, lang)
        late = t("phone.days_late", lang, days=card.days_late) if card.days_late > 0 else ""
        facts.append(
            (
                t("phone.next_milestone", lang),
                f"{label_of(card.next_milestone, lang)} · {when}{late}",
            )
        )
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts)
    shown = card.open_problems[:MAX_PROBLEMS]
    items = []
    for p in shown:
        deadline = (
            f"{field_label('deadline', lang)} {formatting.date(p.deadline, lang)}"
            if p.deadline
            else ""
        )
        flag = (
            f' <span class="late">{esc(t("problem.flag.overdue", lang))}</span>'
            if p.overdue
            else ""
        )
        meta = " · ".join(x for x in (p.unit, deadline) if x)
        items.append(f"<li>{esc(p.text)}<br><small>{esc(meta)}</small>{flag}</li>")
    more = len(card.open_problems) - len(shown)
    if more > 0:
        items.append(f"<li>{esc(t('phone.more_problems', lang, n=more))}</li>")
    problems = (
        f"<ul>{''.join(items)}</ul>"
        if items
        else f"<p>{esc(t('phone.no_open_problems', lang))}</p>"
    )
    photo = ""
    if card.photo_jpeg:
        data = base64.b64encode(card.photo_jpeg).decode()
        taken = " · ".join(
            x
            for x in (
                formatting.date(card.photo_taken, lang) if card.photo_taken else "",
                card.photo_caption,
            )
            if x
        )
        photo = (
            f'<h2>{esc(t("phone.latest_photo", lang))}</h2><div class="card">'
            f'<img alt="{esc(card.name)}" src="data:image/jpeg;base64,{data}">'
            f'<div class="sub">{esc(taken)}</div></div>'
        )
    status = " · ".join(
        part
        for part in (
            t("kpi.time_schedule", lang, value=formatting.percent(time_schedule(card.as_of))),
            t(f"schedule.{card.schedule_status}", lang) if card.schedule_status else "",
        )
        if part
    )
    footer = t(
        "phone.footer",
        lang,
        as_of=formatting.date(card.as_of, lang),
        generated=generated.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"),
    )
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer">
<title>{esc(card.name)}</title><style>{_STYLE}</style></head>
<body><main>
<h1>{esc(card.name)}</h1><div class="sub">{esc(card.subtitle)}</div>
<div class="card"><div class="sub">{esc(t("col.completion_rate", lang))}</div>
<div class="rate" style="color:{completion_color(rate)}">{esc(formatting.percent(rate))}</div>
<div class="bar"><i style="width:{width:.0f}%;background:{completion_color(rate)}"></i></div>
<div class="sub">{esc(status)}</div></div>
<div class="card"><dl>{rows}</dl></div>
<h2>{esc(t("phone.open_problems", lang, n=len(card.open_problems)))}</h2>
<div class="card">{problems}</div>
{photo}
<footer>{esc(footer)}</footer>
</main></body></html>
"""


@dataclass(frozen=True)
class Published:
    """What one publication changed on the disk."""

    pages_written: int
    pages_removed: int
    links_added: int
    links_removed: int


def _write_if_changed(path: Path, text: str) -> bool:
    data = text.encode()
    if path.exists() and path.read_bytes() == data:
        return False
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.chmod(0o644)
    os.replace(temporary, path)  # nginx never serves half a file
    return True


def publish(out_dir: Path, pages: Mapping[int, str] | None, links: Iterable[Link]) -> Published:
    """Make ``out_dir`` hold exactly these pages (``pages/<id>.html``, when given; None keeps
    the pages as they are) and a file per live link (``links/<file_name>`` → its page).
    Files of expired or withdrawn links, and pages no link opens, are removed."""
    page_dir, link_dir = out_dir / "pages", out_dir / "links"
    page_dir.mkdir(parents=True, exist_ok=True)
    link_dir.mkdir(parents=True, exist_ok=True)
    written = removed_pages = 0
    if pages is not None:
        for project_id, text in pages.items():
            written += _write_if_changed(page_dir / f"{int(project_id)}.html", text)
        for old in page_dir.glob("*.html"):
            if old.stem.isdigit() and int(old.stem) not in pages:
                old.unlink()
                removed_pages += 1
    wanted = {link.file_name: link for link in links}
    removed_links = added = 0
    for old in link_dir.iterdir():
        if old.name not in wanted:
            old.unlink()
            removed_links += 1
    for name, link in wanted.items():
        target = link_dir / name
        if not target.is_symlink():
            target.symlink_to(Path("..") / "pages" / f"{link.project_id}.html")
            added += 1
    return Published(written, removed_pages, added, removed_links)
