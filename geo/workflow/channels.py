"""Sending one message to one channel: a work group's robot (企业微信, 钉钉, 飞书), a generic JSON
webhook, or mailboxes over SMTP; and reading the channel's answer.

企业微信 and 钉钉 answer ``{"errcode": 0, …}`` on success and another code otherwise (HTTP 200
either way); 飞书 answers ``{"code": 0}`` (older robots ``{"StatusCode": 0}``); a webhook succeeds
with any 2xx. A timeout, a refused connection or an HTTP error is a failure with its reason.
Only the standard library is used (``urllib``, ``hmac``, ``smtplib``, ``email``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import smtplib
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage

KINDS = ("wecom", "dingtalk", "feishu", "webhook", "email")
AUDIENCES = ("unit", "leader", "task_force", "leadership")
TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class Message:
    """What is sent: a subject, a text (Markdown for the robots that read it), a link to the
    page, and attachments for e-mail (file name, bytes)."""

    subject: str
    text: str
    link: str = ""
    attachments: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class Answer:
    ok: bool
    said: str  # the channel's answer or the reason it failed, for the outbox page


@dataclass(frozen=True)
class Smtp:
    """The mail server, from the server's environment (``GEO_SMTP_*``)."""

    host: str = ""
    port: int = 25
    user: str = ""
    password: str = ""
    sender: str = ""
    starttls: bool = False


def masked(address: str) -> str:
    """A robot's address as shown back, its key cut to the last 4 characters: in the query
    (企业微信 ``…/send?…9f3a``, 钉钉) or, without one, the last part of the path (飞书
    ``…/hook/…9f3a``)."""
    parts = urllib.parse.urlsplit(address)
    if parts.query:
        return (
            urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
            + f"?…{parts.query[-4:]}"
        )
    head, _, last = parts.path.rpartition("/")
    if len(last) <= 8:
        return address
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"{head}/…{last[-4:]}", "", ""))


def payload(kind: str, message: Message, secret: str = "", now: float | None = None) -> dict:
    """The JSON body a robot or webhook expects (signed where the channel has a secret)."""
    text = message.text + (f"\n\n[{message.link}]({message.link})" if message.link else "")
    if kind == "wecom":
        return {"msgtype": "markdown", "markdown": {"content": f"**{message.subject}**\n{text}"}}
    if kind == "dingtalk":
        return {
            "msgtype": "markdown",
            "markdown": {"title": message.subject, "text": f"### {message.subject}\n{text}"},
        }
    if kind == "feishu":
        body: dict = {"msg_type": "text", "content": {"text": f"{message.subject}\n{text}"}}
        if secret:
            stamp = str(int(now if now is not None else time.time()))
            body.update(timestamp=stamp, sign=feishu_sign(secret, stamp))
        return body
    if kind == "webhook":
        return {"subject": message.subject, "text": message.text, "link": message.link}
    raise ValueError(f"no JSON payload for a channel of kind {kind!r}")


def dingtalk_sign(secret: str, timestamp_ms: str) -> str:
    """钉钉's signature: HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret, Base64."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def feishu_sign(secret: str, timestamp_s: str) -> str:
    """飞书's signature: HMAC-SHA256 keyed by "timestamp\\nsecret" over nothing, Base64."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def signed_url(kind: str, url: str, secret: str, now: float | None = None) -> str:
    """钉钉 takes its signature in the address."""
    if kind != "dingtalk" or not secret:
        return url
    stamp = str(int((now if now is not None else time.time()) * 1000))
    query = urllib.parse.urlencode({"timestamp": stamp, "sign": dingtalk_sign(secret, stamp)})
    return f"{url}{'&' if '?' in url else '?'}{query}"


def send(
    kind: str, address: str, message: Message, *, secret: str = "", smtp: Smtp | None = None
) -> Answer:
    """Send ``message`` to one channel and say how it went; never raises for the channel's
    failures (they are the outbox's business). A failure's text starts with its reason's code
    in brackets, ``[timeout] 10 s``, which :func:`reason` says in the reader's language."""
    if kind == "email":
        return _mail(address, message, smtp or Smtp())
    body = json.dumps(payload(kind, message, secret), ensure_ascii=False).encode()
    request = urllib.request.Request(
        signed_url(kind, address, secret),
        data=body,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            said = response.read(2000).decode("utf-8", "replace")
            status = response.status
    except urllib.error.HTTPError as exc:
        return Answer(False, f"[http] {exc.code} {exc.read(500).decode('utf-8', 'replace')}")
    except TimeoutError:
        return Answer(False, f"[timeout] {TIMEOUT_SECONDS} s")
    except (urllib.error.URLError, OSError) as exc:
        return Answer(False, f"[unreachable] {getattr(exc, 'reason', exc)}")
    ok = _accepted(kind, status, said)
    return Answer(ok, (said or f"HTTP {status}") if ok else f"[rejected] {said or status}")


def _accepted(kind: str, status: int, said: str) -> bool:
    if not 200 <= status < 300:
        return False
    if kind == "webhook":
        return True
    try:
        answer = json.loads(said)
    except ValueError:
        return False
    if kind == "feishu":
        return answer.get("code", answer.get("StatusCode")) == 0
    return answer.get("errcode") == 0


def _mail(address: str, message: Message, smtp: Smtp) -> Answer:
    if not smtp.host:
        return Answer(False, "[no_smtp] GEO_SMTP_HOST")
    to = [a.strip() for a in address.replace("；", ";").replace(",", ";").split(";") if a.strip()]
    mail = EmailMessage()
    mail["Subject"] = message.subject
    mail["From"] = smtp.sender or smtp.user or "geo@localhost"
    mail["To"] = ", ".join(to)
    mail.set_content(message.text + (f"\n\n{message.link}" if message.link else ""))
    for name, data in message.attachments:
        subtype = (
            "pdf"
            if name.endswith(".pdf")
            else "vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        mail.add_attachment(data, maintype="application", subtype=subtype, filename=name)
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_SECONDS) as server:
            if smtp.starttls:
                server.starttls()
            if smtp.user:
                server.login(smtp.user, smtp.password)
            refused = server.send_message(mail)
    except (smtplib.SMTPException, OSError) as exc:
        return Answer(False, f"[mail] {exc}")
    if refused:
        return Answer(False, f"[recipients] {', '.join(refused)}")
    return Answer(True, f"accepted for {', '.join(to)}")


REASONS = (
    "http",
    "timeout",
    "unreachable",
    "rejected",
    "no_smtp",
    "mail",
    "recipients",
    "render",
    "abandoned",
)


def reason(text: str | None, lang: str) -> str:
    """A failure as the office reads it: "[timeout] 10 s" → "渠道无应答：10 s"."""
    from geo.i18n import t

    if not text:
        return "—"
    code, _, detail = text.partition("] ")
    code = code.removeprefix("[")
    if not text.startswith("[") or code not in REASONS:
        return text
    return t(f"notices.fail.{code}", lang) + (
        f"：{detail}" if lang == "zh" else f": {detail}"
    ) * bool(detail)
