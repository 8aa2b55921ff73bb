"""The demo county: seed figures, plausibility, determinism, boundaries."""

from __future__ import annotations

import json

import sqlalchemy as sa

from geo.core import snapshot
from geo.ingest import zones
from geo.ops import demo
from geo.storage import store
from geo.vocab import CATEGORIES


def test_seed_projects_match_seed_002(demo_engine: sa.Engine) -> None:
    projects = snapshot.take_snapshot(demo_engine).projects.set_index("name")
    seeds = projects.loc[[s.name for s in demo._SEED_PROJECTS]]
    # "11个重点项目完成投资11.3亿元,超额完成年度计划15%以上"
    assert seeds["completed_wan"].sum() == 113_000
    assert seeds["completed_wan"].sum() / seeds["annual_plan_wan"].sum() > 1.15
    assert projects.loc["一汽凌源", "cumulative_wan"] == 85_000
    assert projects.loc["霆顺车轮", "completed_wan"] == 4_950
    assert "试产" in projects.loc["优迪欧LED光电照明全产业链", "physical_progress"]


def test_demo_is_plausible(demo_engine: sa.Engine) -> None:
    counts = store.count_rows(demo_engine)
    assert 100 <= counts["projects"] <= 130
    assert counts["progress_reports"] == counts["projects"] * 10  # January to October
    assert 1.5 <= counts["problems"] / counts["projects"] <= 2.5
    assert counts["meetings"] >= 30 and counts["decisions"] >= counts["meetings"]
    snap = snapshot.take_snapshot(demo_engine)
    frame = snap.projects
    assert frame["township"].notna().all()  # every site lies in a township
    assert frame["park"].notna().sum() >= 30
    assert set(frame["category"]) == set(CATEGORIES) - {"other"}  # every row states one
    assert frame["behind_schedule"].sum() > 10 and frame["below_30pct"].sum() >= 3
    problems = store.load_problems(demo_engine)
    assert {"resolved", "in_progress"} <= set(problems["status"])
    # The office's remembered ledger columns: the Data page's column list shows them in use.
    assert store.load_ledger_mapping(demo_engine)["截至本月累计完成"] == "completed_wan"


def test_demo_is_deterministic(tmp_path) -> None:
    records = []
    for name in ("a.db", "b.db"):
        engine = store.make_engine(f"sqlite:///{tmp_path / name}")
        demo.build_demo(engine)
        records.append(snapshot.project_records(snapshot.take_snapshot(engine).projects))
    assert records[0] == records[1]


def test_rebuild_replaces_everything(demo_url: str, tmp_path) -> None:
    engine = store.make_engine(f"sqlite:///{tmp_path / 'twice.db'}")
    first = demo.build_demo(engine)
    assert demo.build_demo(engine) == first


def test_boundary_file_is_what_the_generator_makes() -> None:
    committed = json.loads(demo.BOUNDARY_FILE.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(demo.demo_boundaries()))
    assert "Illustrative" in committed["description"]
    records = zones.read_zone_file(demo.BOUNDARY_FILE)
    kinds = [r.kind for r in records]
    assert kinds.count("township") == 10 and kinds.count("park") == 3


def test_demo_photos(tmp_path) -> None:
    from geo.ingest import photos

    engine = store.make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    demo.build_demo(engine, photo_dir=tmp_path / "photos")
    shown = [photos.load_photos(engine, i) for i in range(1, 9)]
    assert sum(len(s) for s in shown) == 24
    far = [p for s in shown for p in s.to_dict("records") if p["far"]]
    assert len(far) == 1 and far[0]["project_id"] == 4  # 霆顺车轮, taken at the county hall
    assert all(p["taken_at"] is not None for s in shown for p in s.to_dict("records"))
    assert len(list((tmp_path / "photos").glob("*.jpg"))) == 24
