"""The app's own HTTP route beside Streamlit's: the cookie that keeps a browser signed in.

Streamlit lets a script read the browser's cookies (``st.context.cookies``) but not set them,
and a cookie set by a page script could not be HttpOnly. So ``app.py`` is served as a
``streamlit.starlette.App`` (Streamlit's own ASGI server, found by ``streamlit run app.py``)
with one more route, ``/_geo/session``:

- ``POST`` with the one-time code the page got at sign-in (geo.storage.sessions.begin) answers with
  ``Set-Cookie: geo_session=<token>; HttpOnly; SameSite=Lax`` (``Secure`` behind HTTPS);
- ``DELETE`` ends the session the cookie names and clears the cookie (sign-out).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from geo import config
from geo.storage import sessions, store

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from geo.storage.store import Engine

SESSION_PATH = "_geo/session"


def base_path() -> str:
    """Where the app is served: "/" or "/<server.baseUrlPath>/"."""
    from streamlit import config as st_config

    base = (st_config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/" if base else "/"


def session_url() -> str:
    return base_path() + SESSION_PATH


@functools.cache
def _engine() -> Engine:
    return store.make_engine(config.load_settings().db_url)


def _secure(request: Request) -> bool:
    # Behind nginx the scheme the browser used comes in X-Forwarded-Proto.
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or forwarded.split(",")[0].strip() == "https"


async def session_route(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import Response

    cookie = {"path": base_path(), "httponly": True, "samesite": "lax"}
    if request.method == "POST":
        handoff = (await request.body())[:200].decode("ascii", "replace")
        current = request.cookies.get(sessions.COOKIE, "")
        token = await run_in_threadpool(
            functools.partial(sessions.redeem, _engine(), handoff, current=current)
        )
        if token is None:
            return Response("unknown or expired code", status_code=403)
        answer = Response(status_code=204, headers={"Cache-Control": "no-store"})
        limit = sessions.Lifetime.of(config.load_settings()).limit
        answer.set_cookie(
            sessions.COOKIE,
            token,
            max_age=int(limit.total_seconds()),
            secure=_secure(request),
            **cookie,
        )
        return answer
    token = request.cookies.get(sessions.COOKIE, "")
    if token:
        await run_in_threadpool(functools.partial(sessions.end, _engine(), token=token))
    answer = Response(status_code=204, headers={"Cache-Control": "no-store"})
    answer.delete_cookie(sessions.COOKIE, secure=_secure(request), **cookie)
    return answer


def routes() -> list[Route]:
    from starlette.routing import Route

    return [Route(session_url(), session_route, methods=["POST", "DELETE"])]
