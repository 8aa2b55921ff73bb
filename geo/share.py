"""A stable link to each project's page and its QR code, for the task force's WeChat group
and the board at the site (the link opens the drill-down; sign-in still applies)."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import segno


def project_link(public_url: str, project_id: int) -> str:
    """``https://dashboard.example/project?project=42``: the drill-down, directly."""
    return f"{public_url.rstrip('/')}/project?{urlencode({'project': int(project_id)})}"


def qr_png(link: str, scale: int = 8) -> bytes:
    """The link as a QR code (PNG), with error correction that survives a creased print."""
    buffer = io.BytesIO()
    segno.make(link, error="q", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
