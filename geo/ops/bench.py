"""``python -m geo bench``: what the dashboard costs at county, city and province scale.

Synthetic projects (demo-like names, scattered over the demo county, random plans and rates)
are measured stage by stage: the overview map built and rendered to HTML (with the naive way,
one folium CircleMarker and Tooltip per project, as the baseline in the same run), a ledger of
that many rows imported into a fresh SQLite database, the measures (rates, headline, groups),
and the overview page's rerun after a filter change on the demo county (AppTest, warm caches).
Each timing is the best of ``repeat`` runs in this process. Figures, not pass/fail: the
targets are in issue 8 and the README.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import folium
import pandas as pd

from geo import vocab
from geo.core import measures
from geo.storage import store
from geo.views.maps import MapOptions, overview_map

AS_OF = dt.date(2026, 10, 31)
#: The naive map takes ~1 s per 1,000 projects; above this size it is skipped unless asked.
BASELINE_UP_TO = 10_000
_BRANDS = (
    "华泰",
    "汉江",
    "楚天",
    "鑫源",
    "恒达",
    "中联",
    "荆楚",
    "瑞丰",
    "宏宇",
    "金盛",
    "城关",
    "石花",
)
_WORKS = (
    "汽车零部件智能制造",
    "新能源电池材料",
    "高端装备制造",
    "精密铸造",
    "再生铝深加工",
    "环保新材料",
    "纺织服装产业园",
    "电子元器件",
    "冷链物流仓储",
    "县乡公路提档升级",
    "文旅康养小镇",
    "老旧小区改造",
    "污水处理厂提标",
    "第二高级中学",
)


@dataclass(frozen=True)
class Measurement:
    stage: str
    n: int
    seconds: float
    bytes: int | None = None
    baseline_seconds: float | None = None
    baseline_bytes: int | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def demo_zone_rates() -> pd.DataFrame:
    """The demo county's zones, shaped as the map takes them, with no projects counted yet."""
    from geo.ingest import zones
    from geo.ops import demo

    frame = pd.DataFrame([r.__dict__ for r in zones.read_zone_file(demo.BOUNDARY_FILE)])
    return frame.assign(projects=0, completion_rate=float("nan"))


def synthetic_projects(n: int, zone_rates: pd.DataFrame, seed: int = 7) -> pd.DataFrame:
    """``n`` measured projects scattered over the zones' extent, with demo-like names."""
    from geo.views.maps import extent

    rng = random.Random(seed)
    minx, miny, maxx, maxy = extent(pd.DataFrame(), zone_rates)
    rows = []
    for i in range(1, n + 1):
        plan = round(rng.uniform(500, 50_000), -1)
        rows.append(
            {
                "id": i,
                "code": f"SYN-{i:06d}",
                "name": f"{rng.choice(_BRANDS)}{rng.choice(_WORKS)}{i}号项目",
                "lon": round(rng.uniform(minx, maxx), 6),
                "lat": round(rng.uniform(miny, maxy), 6),
                "park": None,
                "township": None,
                "category": rng.choice(list(vocab.CATEGORIES)),
                "level": "county",
                "stage": rng.choice(list(vocab.STAGES)),
                "lead_leader": None,
                "responsible_unit": None,
                "annual_plan_wan": plan,
                "completed_wan": round(plan * min(max(rng.gauss(0.8, 0.3), 0.0), 1.5), 1)
                if i % 50
                else 0.0,
            }
        )
    return measures.with_measures(pd.DataFrame(rows), AS_OF)


def _best(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def naive_map(projects: pd.DataFrame) -> folium.Map:
    """The way the issue measures as the baseline: a CircleMarker and a Tooltip per project."""
    m = folium.Map(tiles=None, prefer_canvas=True)
    for row in projects.itertuples(index=False):
        folium.CircleMarker(
            [row.lat, row.lon],
            radius=7,
            fill=True,
            tooltip=folium.Tooltip(f"{row.name} {row.completion_rate:.1%}"),
        ).add_to(m)
    return m


def bench_map(
    projects: pd.DataFrame, zone_rates: pd.DataFrame, repeat: int, baseline: bool
) -> Measurement:
    options = MapOptions(tiles="none")
    seconds, html = _best(
        lambda: overview_map(projects, zone_rates, options).get_root().render(), repeat
    )
    base_seconds = base_bytes = None
    if baseline:
        base_seconds, base_html = _best(lambda: naive_map(projects).get_root().render(), 1)
        base_bytes = len(base_html.encode())
    return Measurement("map", len(projects), seconds, len(html.encode()), base_seconds, base_bytes)


def bench_measures(projects: pd.DataFrame, repeat: int) -> Measurement:
    raw = projects.drop(
        columns=["completion_rate", "behind_schedule", "below_30pct", "schedule_status"]
    )

    def measure() -> None:
        measured = measures.with_measures(raw, AS_OF)
        measures.headline(measured, AS_OF)
        measures.by_group(measured, "category")
        measures.by_group(measured, "stage")

    seconds, _ = _best(measure, repeat)
    return Measurement("measures", len(projects), seconds)


def write_ledger(projects: pd.DataFrame, path: Path) -> Path:
    """The projects as an office ledger (.xlsx), the shape ``import-ledger`` reads."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(["重点项目进展情况表"])
    sheet.append([f"截止时间：{AS_OF.year}年{AS_OF.month}月{AS_OF.day}日   单位：万元"])
    sheet.append(["项目编号", "项目名称", "行业", "年度计划投资", "1-10月完成", "经度", "纬度"])
    for row in projects.itertuples(index=False):
        sheet.append(
            [
                row.code,
                row.name,
                vocab.CATEGORIES[row.category],
                row.annual_plan_wan,
                row.completed_wan,
                row.lon,
                row.lat,
            ]
        )
    book.save(path)
    return path


def bench_import(projects: pd.DataFrame, folder: Path) -> Measurement:
    from geo.ingest import importer

    ledger = write_ledger(projects, folder / f"ledger-{len(projects)}.xlsx")
    engine = store.make_engine(f"sqlite:///{folder}/import-{len(projects)}.db")
    store.migrate(engine)
    started = time.perf_counter()
    plan = importer.import_ledger(engine, ledger)
    seconds = time.perf_counter() - started
    if plan.errors:
        raise ValueError(f"the synthetic ledger did not import: {plan.errors[0]}")
    engine.dispose()
    return Measurement("import", len(projects), seconds, ledger.stat().st_size)


def bench_page_rerun(folder: Path, repeat: int) -> Measurement:
    """The overview page rerun after a filter change, on the demo county, caches warm."""
    import os

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from geo.config import REPO_ROOT
    from geo.ops import demo
    from geo.ui.state import FILTER_KEY, key_for

    url = f"sqlite:///{folder}/demo.db"
    engine = store.make_engine(url)
    demo.build_demo(engine)
    os.environ.update(GEO_DB_URL=url, GEO_TILES="none")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    at.run()
    category = key_for(f"{FILTER_KEY}.categories", os.environ.get("GEO_LANG", "zh"))
    choices = [("industry",), ("transport",)]
    for chosen in choices:  # warm the caches for both views
        at.sidebar.multiselect(key=category).set_value(list(chosen)).run()
    best = float("inf")
    for i in range(repeat * 2):
        widget = at.sidebar.multiselect(key=category).set_value(list(choices[i % 2]))
        started = time.perf_counter()
        widget.run()
        best = min(best, time.perf_counter() - started)
    if at.exception:
        raise ValueError(f"the overview page failed: {at.exception[0].message}")
    return Measurement("page_rerun", int(store.count_rows(engine)["projects"]), best)


def bench_notices(folder: Path) -> Measurement:
    """The demo's month of notices (November: letters, reminders, overdue items, digests, the
    bulletin) planned day by day and sent to a loopback robot that answers like 企业微信;
    ``n`` is the number sent. The mailbox channel is left out (no mail server here)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from geo import config
    from geo.ops import demo
    from geo.storage import outbox as queue
    from geo.workflow import notify, outbox

    class Robot(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"errcode": 0, "errmsg": "ok"}')

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Robot)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/send?key=bench"
    engine = store.make_engine(f"sqlite:///{folder / 'notices.db'}")
    demo.build_demo(engine)
    queue.route_channels_to(engine, url, switch_off_kind="email")
    settings = config.load_settings({})
    rules = notify.rules_from(settings)
    start = time.perf_counter()
    sent = 0
    for day in range(1, 31):
        notify.plan_due(engine, dt.date(2026, 11, day), rules)
        sent += outbox.send_due(engine, notify.renderer(engine, settings)).sent
    seconds = time.perf_counter() - start
    server.shutdown()
    engine.dispose()
    return Measurement("notices", sent, seconds)


def run(
    sizes: list[int],
    repeat: int = 2,
    baseline_up_to: int = BASELINE_UP_TO,
    page: bool = True,
    notices: bool = True,
) -> list[Measurement]:
    """Every stage at every size (the page rerun and the notices once, on the demo county)."""
    zone_rates = demo_zone_rates()
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for n in sizes:
            projects = synthetic_projects(n, zone_rates)
            results.append(bench_map(projects, zone_rates, repeat, n <= baseline_up_to))
            results.append(bench_import(projects, folder))
            results.append(bench_measures(projects, repeat))
        if page:
            results.append(bench_page_rerun(folder, repeat))
        if notices:
            results.append(bench_notices(folder))
    return results


def table(results: list[Measurement]) -> str:
    """The figures as a plain-text table."""
    lines = [
        f"{'stage':<11}{'n':>8}{'seconds':>10}{'bytes':>12}{'B/project':>11}{'naive s':>10}{'naive B':>12}{'faster':>8}"
    ]
    for m in results:
        per = f"{m.bytes / m.n:.0f}" if m.bytes and m.stage == "map" else ""
        faster = f"{m.baseline_seconds / m.seconds:.0f}×" if m.baseline_seconds else ""
        lines.append(
            f"{m.stage:<11}{m.n:>8}{m.seconds:>10.3f}{m.bytes or '':>12}{per:>11}"
            f"{'' if m.baseline_seconds is None else f'{m.baseline_seconds:.2f}':>10}"
            f"{m.baseline_bytes or '':>12}{faster:>8}"
        )
    return "\n".join(lines)
