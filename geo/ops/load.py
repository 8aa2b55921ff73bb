"""``python -m geo load``: many people opening the dashboard at once, without a browser each.

Each simulated visitor opens the app's own WebSocket (``/_stcore/stream``, the protocol the
browser speaks: protobuf ``BackMsg`` up, ``ForwardMsg`` down, both shipped with ``streamlit``),
asks for one run of a page and waits for the server to say the run finished. So one small
machine can stand in for the hundred phones of an observation meeting; what the browser does
afterwards (drawing the map in its iframe) costs the server nothing and is not measured here.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import statistics
import time
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

#: How long one visit may take before it counts as an error.
VISIT_TIMEOUT_S = 120.0
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclasses.dataclass(frozen=True)
class Visit:
    """One simulated visitor: how long until the page's run finished, or why it did not."""

    seconds: float
    elements: int
    error: str = ""
    #: The page's headline numbers as shown (label, value), e.g. ("重点项目", "115").
    metrics: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass(frozen=True)
class ServerUse:
    """CPU and memory of the server's processes (local servers only, read from /proc)."""

    cpu_seconds: float
    rss_mb: float


@dataclasses.dataclass(frozen=True)
class LoadReport:
    url: str
    page: str
    sessions: int
    visits: tuple[Visit, ...]
    wall_seconds: float
    server_before: ServerUse | None = None
    server_after: ServerUse | None = None

    @property
    def finished(self) -> list[float]:
        return sorted(v.seconds for v in self.visits if not v.error)

    @property
    def errors(self) -> list[str]:
        return [v.error for v in self.visits if v.error]

    def percentile(self, share: float) -> float | None:
        done = self.finished
        if not done:
            return None
        if len(done) == 1:
            return done[0]
        # "inclusive" keeps p95 inside the observed range for small samples.
        cuts = statistics.quantiles(done, n=100, method="inclusive")
        return cuts[round(share * 100) - 1]

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "url": self.url,
            "page": self.page or "(default)",
            "sessions": self.sessions,
            "finished": len(self.finished),
            "errors": len(self.errors),
            "error_kinds": sorted(set(self.errors)),
            "p50_s": _round(self.percentile(0.50)),
            "p95_s": _round(self.percentile(0.95)),
            "max_s": _round(max(self.finished) if self.finished else None),
            "wall_s": round(self.wall_seconds, 3),
            "visits_per_s": round(len(self.finished) / self.wall_seconds, 2)
            if self.wall_seconds
            else None,
        }
        if self.server_before and self.server_after:
            cpu = self.server_after.cpu_seconds - self.server_before.cpu_seconds
            out["server_cpu_s"] = round(cpu, 2)
            out["server_cpu_per_visit_s"] = (
                round(cpu / len(self.finished), 3) if self.finished else None
            )
            out["server_rss_mb_before"] = round(self.server_before.rss_mb, 1)
            out["server_rss_mb_after"] = round(self.server_after.rss_mb, 1)
        return out

    def table(self) -> str:
        facts = self.as_dict()
        width = max(len(k) for k in facts)
        return "\n".join(f"{k:<{width}}  {v}" for k, v in facts.items())


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def stream_url(app_url: str) -> str:
    """The WebSocket address of the app at ``app_url`` (http→ws, https→wss, any path prefix)."""
    parts = urllib.parse.urlsplit(app_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{app_url!r} is not an address like http://127.0.0.1:8501/")
    scheme = "wss" if parts.scheme == "https" else "ws"
    path = parts.path.rstrip("/") + "/_stcore/stream"
    return urllib.parse.urlunsplit((scheme, parts.netloc, path, "", ""))


def _rerun_message(page: str, query: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState

    msg = BackMsg(rerun_script=ClientState(query_string=query, page_name=page))
    return msg.SerializeToString()


def _read_visit(seconds: float, frames: Sequence[bytes]) -> Visit:
    """Elements drawn, headline numbers and the first error among a run's messages."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    elements = 0
    metrics: list[tuple[str, str]] = []
    for raw in frames:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            elements += 1
            element = msg.delta.new_element
            if element.WhichOneof("type") == "exception":
                return Visit(seconds, elements, "exception on the page")
            if element.WhichOneof("type") == "metric":
                metrics.append((element.metric.label, element.metric.body))
        elif kind == "page_not_found":
            return Visit(seconds, elements, "page not found")
        elif kind == "script_finished" and msg.script_finished == 1:
            return Visit(seconds, elements, "script did not compile")
    return Visit(seconds, elements, metrics=tuple(metrics))


async def _visit(url: str, page: str, query: str, headers: dict[str, str]) -> Visit:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    started = time.perf_counter()
    frames: list[bytes] = []
    try:
        async with asyncio.timeout(VISIT_TIMEOUT_S):
            async with connect(
                url,
                subprotocols=["streamlit"],  # type: ignore[list-item]
                additional_headers=headers,
                max_size=None,
                open_timeout=VISIT_TIMEOUT_S,
            ) as ws:
                await ws.send(_rerun_message(page, query))
                while True:
                    raw = await ws.recv()
                    if isinstance(raw, str):
                        continue
                    frames.append(raw)
                    msg = ForwardMsg()
                    msg.ParseFromString(raw)
                    if msg.WhichOneof("type") == "page_not_found":
                        break
                    # 2 is "finished early for a rerun": the page asked for another run.
                    if msg.WhichOneof("type") == "script_finished" and msg.script_finished != 2:
                        break
    except TimeoutError:
        return Visit(time.perf_counter() - started, 0, "no finished run in time")
    except OSError as exc:
        return Visit(time.perf_counter() - started, 0, f"connection: {exc.strerror or exc}")
    except Exception as exc:
        return Visit(time.perf_counter() - started, 0, type(exc).__name__)
    return _read_visit(time.perf_counter() - started, frames)


async def _run(
    url: str, sessions: int, within: float, page: str, query: str, headers: dict[str, str]
) -> list[Visit]:
    async def staggered(i: int) -> Visit:
        if within > 0 and sessions > 1:
            await asyncio.sleep(within * i / (sessions - 1))
        return await _visit(url, page, query, headers)

    return list(await asyncio.gather(*(staggered(i) for i in range(sessions))))


def server_use(pids: Sequence[int]) -> ServerUse:
    """User+system CPU and resident memory of these processes and their children (Linux)."""
    cpu = 0.0
    rss = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        # utime, stime, cutime, cstime are fields 14-17 of stat (11-14 after the name).
        cpu += sum(int(f) for f in fields[11:15]) / _CLOCK_TICKS
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss += int(line.split()[1]) / 1024
    return ServerUse(cpu, rss)


def run(
    app_url: str,
    sessions: int,
    *,
    within: float = 0.0,
    page: str = "",
    query: str = "",
    server_pids: Sequence[int] = (),
    cookie: str = "",
) -> LoadReport:
    """Open ``sessions`` visits of ``page`` (the default page when empty), starting them
    evenly over ``within`` seconds, and report how long each took to a finished run."""
    if sessions < 1:
        raise ValueError("--sessions must be at least 1")
    url = stream_url(app_url)
    headers = {"Cookie": cookie} if cookie else {}
    before = server_use(server_pids) if server_pids else None
    started = time.perf_counter()
    visits = asyncio.run(_run(url, sessions, within, page, query, headers))
    wall = time.perf_counter() - started
    after = server_use(server_pids) if server_pids else None
    return LoadReport(app_url, page, sessions, tuple(visits), wall, before, after)
