"""Sharing a project: a stable link to its drill-down with a QR code, and phone links.

The drill-down link (:func:`project_link`) opens the app, where sign-in applies. A phone link
(:func:`issue`) opens the project's read-only phone page without signing in, until it expires
or is withdrawn; :mod:`geo.reports.phone` makes the pages and :func:`publish_pages` keeps them on disk.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import segno

from geo.core import problems, snapshot
from geo.refusals import Refusal, Term
from geo.reports import phone
from geo.storage import share as stored
from geo.storage import store
from geo.storage.store import Engine

#: The ``app_settings`` key of the share secret when the server's environment sets none.
SECRET_KEY = "share_secret"
SECRET_ENV = "GEO_SHARE_SECRET"
#: How long a phone link lasts unless its sharer says otherwise, and at most.
DEFAULT_DAYS, MAX_DAYS = 30, 366


def project_link(public_url: str, project_id: int) -> str:
    """``https://dashboard.example/project?project=42``: the drill-down, directly."""
    return f"{public_url.rstrip('/')}/project?{urlencode({'project': int(project_id)})}"


def qr_png(link: str, scale: int = 8) -> bytes:
    """The link as a QR code (PNG), with error correction that survives a creased print."""
    buffer = io.BytesIO()
    segno.make(link, error="q", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _utc(unix_seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(unix_seconds, dt.UTC).replace(tzinfo=None)


def _unix(naive_utc: dt.datetime) -> int:
    return int(naive_utc.replace(tzinfo=dt.UTC).timestamp())


def share_secret(engine: Engine, environ: dict[str, str] | None = None) -> str:
    """The key phone links are signed with: ``GEO_SHARE_SECRET`` when the server sets it, else
    one made at random on first use and kept in the database (outside the audit trail)."""
    env = os.environ if environ is None else environ
    if env.get(SECRET_ENV, "").strip():
        return env[SECRET_ENV].strip()
    return stored.kept_setting(engine, SECRET_KEY, _new_secret)


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


def rotate_secret(engine: Engine) -> None:
    """A new stored secret: every phone link made so far stops working at the next
    publication (a secret set by the server's environment is rotated there instead)."""
    stored.replace_setting(engine, SECRET_KEY, _new_secret())


def issue(
    engine: Engine,
    project_id: int,
    days: int = DEFAULT_DAYS,
    *,
    now: float | None = None,
    actor: str | None = None,
) -> phone.Link:
    """A phone link to ``project_id`` for ``days`` days, recorded (who, when, until when) in
    the audit trail; zone managers may share their own zones' projects (geo.storage.access).

    The same project for the same days on the same day is the same link (its address is the
    project and the expiry, signed), so it is recorded once and withdrawn once; a link made
    again after being withdrawn gets a new address (a second earlier), so a withdrawn address
    never works again."""
    if not 1 <= days <= MAX_DAYS:
        raise Refusal("days_between", field=Term.of("share.days"), value=days, most=MAX_DAYS)
    now = time.time() if now is None else now
    expires = phone.expiry(dt.datetime.fromtimestamp(now, dt.UTC), days)
    with store.transaction(engine, write=True, actor=actor, reason="phone link") as s:
        if not store.project_exists(s, project_id):
            raise Refusal("not_found", kind=Term.of("record.projects"), id=project_id)
        expires = _never_withdrawn(expires, stored.withdrawn_expiries(s, project_id))
        stored.record_link(
            s, project_id, _utc(expires), _utc(now), created_by=actor or store.current_actor()
        )
    return phone.link_for(share_secret(engine), project_id, expires)


def _never_withdrawn(expires: int, withdrawn: set[dt.datetime]) -> int:
    """The expiry (Unix), a second earlier each time, until no withdrawn link had it."""
    while _utc(expires) in withdrawn:
        expires -= 1
    return expires


def withdraw(
    engine: Engine, link_id: int, *, now: float | None = None, actor: str | None = None
) -> None:
    """End a phone link before its time (its file goes at the next publication)."""
    now = time.time() if now is None else now
    with store.transaction(engine, write=True, actor=actor, reason="phone link withdrawn") as s:
        if not stored.revoke_link(s, link_id, _utc(now)):
            raise Refusal("not_found", kind=Term.of("record.share_links"), id=link_id)


def live_links(
    engine: Engine, now: float | None = None, project_id: int | None = None
) -> pd.DataFrame:
    """Links neither expired nor withdrawn: id, project_id, expires (Unix), created_at,
    created_by; newest first."""
    now = time.time() if now is None else now
    frame = stored.load_live_links(engine, _utc(now), project_id)
    frame["expires"] = [_unix(v) for v in frame["expires_at"]]
    return frame.drop(columns="expires_at")


def links_of(secret: str, live: pd.DataFrame) -> list[phone.Link]:
    return [
        phone.link_for(secret, int(p), int(e))
        for p, e in zip(live["project_id"], live["expires"], strict=True)
    ]


def _latest_photos(
    engine: Engine, project_ids: list[int], photo_dir: Path
) -> dict[int, tuple[bytes, dt.date | None, str]]:
    """Each project's newest photo (by when taken, else uploaded) as its thumbnail's bytes."""
    if not project_ids:
        return {}
    newest: dict[int, tuple[dt.datetime, str, str]] = {}
    for project_id, file_name, taken, uploaded, caption in stored.photos_for_pages(
        engine, project_ids
    ):
        when = taken or uploaded
        if project_id not in newest or when > newest[project_id][0]:
            newest[project_id] = (when, file_name, caption or "")
    out = {}
    for project_id, (when, file_name, caption) in newest.items():
        from geo.ingest.photos import thumbnail_path  # Pillow only where photos are

        path = thumbnail_path(photo_dir, file_name)
        if path.exists():
            out[project_id] = (path.read_bytes(), when.date(), caption)
    return out


def render_pages(
    engine: Engine, project_ids: list[int], lang: str, photo_dir: Path, now: dt.datetime
) -> dict[int, str]:
    """The phone pages of these projects, from the latest snapshot."""
    if not project_ids:
        return {}
    snap = snapshot.take_snapshot(engine)
    rows = snap.projects[snap.projects["id"].isin(project_ids)]
    today = now.astimezone(phone.BEIJING).date()
    flagged = problems.for_display(store.load_problems(engine), today)
    by_project = {int(k): g.to_dict("records") for k, g in flagged.groupby("project_id")}
    photos = _latest_photos(engine, [int(i) for i in rows["id"]], photo_dir)
    pages = {}
    for row in rows.to_dict("records"):
        pid = int(row["id"])
        jpeg, taken, caption = photos.get(pid, (None, None, ""))
        card = phone.card(row, by_project.get(pid, []), snap.as_of, jpeg, taken, caption)
        pages[pid] = phone.page_html(card, lang, now)
    return pages


class Publisher:
    """Keeps a folder of phone pages true: each pass republishes the live links (so expired
    and withdrawn ones stop working) and re-renders the pages only when the data changed."""

    def __init__(
        self,
        engine: Engine,
        out_dir: Path,
        lang: str,
        photo_dir: Path,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine, self.out_dir, self.lang, self.photo_dir = engine, out_dir, lang, photo_dir
        self.clock = clock
        self._rendered_for: tuple | None = None

    def run_once(self) -> phone.Published:
        now = self.clock()
        secret = share_secret(self.engine)
        live = live_links(self.engine, now)
        links = links_of(secret, live)
        ids = sorted({link.project_id for link in links})
        moment = dt.datetime.fromtimestamp(now, dt.UTC)
        key = (
            store.data_stamp(self.engine),
            stored.photo_stamp(self.engine),
            tuple(ids),
            moment.astimezone(phone.BEIJING).date(),
        )
        pages = None
        if key != self._rendered_for:
            pages = render_pages(self.engine, ids, self.lang, self.photo_dir, moment)
        result = phone.publish(self.out_dir, pages, links)
        self._rendered_for = key
        return result

    def run_forever(self, interval: float = 5.0) -> None:
        while True:
            self.run_once()
            time.sleep(interval)
