"""``python -m geo``: every command, its JSON, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.config import REPO_ROOT
from geo.ops import cli
from geo.storage import store
from geo.views import maps
from geo.vocab import CATEGORIES as CATEGORY_CODES


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_projects_json(capsys, demo_url: str) -> None:
    code, out, _ = run(capsys, "--db", demo_url, "projects", "--json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 115
    first = items[0]
    for key in (
        "id",
        "name",
        "lon",
        "lat",
        "park",
        "township",
        "category",
        "stage",
        "annual_plan_wan",
        "completed_wan",
        "completion_rate",
    ):
        assert key in first
    assert first["name"] == "朗弘热交换系统制造基地"
    assert first["completion_rate"] == pytest.approx(4500 / 4000)
    assert {i["category"] for i in items} <= set(CATEGORY_CODES)
    assert all(108 < i["lon"] < 115 and 30 < i["lat"] < 34 for i in items)


def test_kpis_json_by_category(capsys, demo_url: str) -> None:
    code, out, _ = run(capsys, "--db", demo_url, "kpis", "--by", "category", "--json")
    assert code == 0
    kpis = json.loads(out)
    assert kpis["as_of"] == "2026-10-31"
    assert kpis["time_schedule"] == pytest.approx(10 / 12)
    assert kpis["projects"] == 115
    groups = kpis["groups"]
    assert [g["key"] for g in groups] == [c for c in CATEGORY_CODES if c != "other"]
    assert sum(g["projects"] for g in groups) == kpis["projects"]
    assert sum(g["completed_wan"] for g in groups) == pytest.approx(kpis["completed_wan"])
    assert sum(g["behind_schedule"] for g in groups) == kpis["behind_schedule"]
    assert kpis["completion_rate"] == pytest.approx(
        kpis["completed_wan"] / kpis["annual_plan_wan"], abs=1e-6
    )


@pytest.mark.parametrize("by", ["park", "township", "leader", "unit", "stage"])
def test_kpis_groupings(capsys, demo_url: str, by: str) -> None:
    code, out, _ = run(
        capsys, "--db", demo_url, "kpis", "--by", by, "--json", "--as-of", "2026-06-30"
    )
    assert code == 0
    kpis = json.loads(out)
    assert kpis["as_of"] == "2026-06-30" and kpis["time_schedule"] == 0.5
    assert kpis["groups"] and all(
        set(g) >= {"key", "projects", "completion_rate"} for g in kpis["groups"]
    )
    if by == "park":
        assert {g["key"] for g in kpis["groups"]} == {
            "谷城经济开发区",
            "石花工业园",
            "谷城再生资源产业园",
        }


def test_kpis_text(capsys, demo_url: str) -> None:
    code, out, _ = run(capsys, "--db", demo_url, "kpis")
    assert code == 0 and "time schedule 83.3%" in out and "projects 115" in out


def test_render_map(capsys, demo_url: str, tmp_path: Path) -> None:
    out_file = tmp_path / "map.html"
    code, out, _ = run(
        capsys, "--db", demo_url, "render-map", str(out_file), "--color-by", "schedule"
    )
    assert code == 0 and "115 projects" in out
    html = out_file.read_text(encoding="utf-8")
    assert len(maps.sites_in_html(html)) == 115
    assert "cdn.jsdelivr" not in html and "code.jquery" not in html


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["kpis", "--as-of", "2026-13-01"], "is not a date"),
        (["kpis", "--by", "colour"], "invalid choice"),
        (["render-map", "x.html", "--color-by", "rainbow"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_give_one_line(capsys, demo_url: str, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "--db", demo_url, *argv)
    assert code == 2
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_a_new_database_gets_its_tables_not_a_demo(capsys, sqlite_url: str) -> None:
    code, out, err = run(capsys, "--db", sqlite_url, "projects", "--json")
    assert code == 0 and json.loads(out) == []
    assert "created the tables" in err and "demo" not in err
    assert store.schema_state(store.make_engine(sqlite_url)) == "current"


def test_unreachable_database(capsys) -> None:
    code, _, err = run(capsys, "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "kpis")
    assert code == 1 and err.startswith("error: database:") and err.count("\n") == 1


def test_module_entry_point_and_env_url(demo_url: str) -> None:
    env = {**os.environ, "GEO_DB_URL": demo_url}
    done = subprocess.run(
        [sys.executable, "-m", "geo", "kpis", "--json"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["projects"] == 115
    failed = subprocess.run(
        [sys.executable, "-m", "geo", "--db", f"sqlite:///{REPO_ROOT / 'app.py'}/x.db", "kpis"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (
        failed.returncode != 0
        and failed.stderr.startswith("error:")
        and "Traceback" not in failed.stderr
    )


def test_demo_command(capsys, postgres_url: str) -> None:
    code, out, _ = run(capsys, "--db", postgres_url, "demo")
    assert code == 0 and "115 projects" in out
    code, out, _ = run(capsys, "--db", postgres_url, "kpis", "--json")
    assert json.loads(out)["projects"] == 115


#: What a light command must not load: the reasons `python -m geo` once took 2.6 s to start.
HEAVY = ("pandas", "alembic", "pyproj", "shapely", "folium", "fpdf", "docx", "geopandas")

LOADED = """
import runpy, sys
sys.argv = ["geo", *sys.argv[1:]]
try:
    runpy.run_module("geo", run_name="__main__")
except SystemExit:
    pass
print("loaded:", *sorted(m for m in {heavy} if m in sys.modules
                         and type(sys.modules[m]).__name__ != "_LazyModule"))
"""


@pytest.mark.parametrize("command", [["--help"], ["users", "list"], ["kiosk", "off"]])
def test_light_commands_load_no_heavy_library(demo_copy_url: str, command: list[str]) -> None:
    """Loaded for real, not merely registered for later: pandas and its kin stay asleep."""
    argv = command if command == ["--help"] else ["--db", demo_copy_url, *command]
    done = subprocess.run(
        [sys.executable, "-c", LOADED.format(heavy=HEAVY), *argv],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "loaded:", done.stdout
