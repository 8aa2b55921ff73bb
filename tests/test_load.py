"""``python -m geo load``: simulated visitors over the app's own WebSocket, against a real server."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import serve

from geo.config import REPO_ROOT
from geo.ops import load


@pytest.fixture(scope="module")
def app_url(demo_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(demo_url, tmp_path_factory.mktemp("load") / "streamlit.log") as url:
        yield url


def test_stream_address() -> None:
    assert load.stream_url("http://127.0.0.1:8501/") == "ws://127.0.0.1:8501/_stcore/stream"
    assert (
        load.stream_url("https://zdxm.example.cn/dash")
        == "wss://zdxm.example.cn/dash/_stcore/stream"
    )
    with pytest.raises(ValueError, match="not an address"):
        load.stream_url("127.0.0.1:8501")


def test_percentiles_and_errors() -> None:
    visits = tuple(load.Visit(float(s), 10) for s in range(1, 21)) + (
        load.Visit(30.0, 0, "no finished run in time"),
    )
    report = load.LoadReport("http://x/", "", 21, visits, 25.0)
    facts = report.as_dict()
    assert facts["finished"] == 20 and facts["errors"] == 1
    assert facts["p50_s"] == pytest.approx(10.5) and facts["max_s"] == 20.0
    assert 19 <= facts["p95_s"] <= 20
    assert facts["error_kinds"] == ["no finished run in time"]


def test_visitors_at_once_all_get_the_whole_overview(app_url: str) -> None:
    report = load.run(app_url, 4)
    assert report.errors == []
    elements = {v.elements for v in report.visits}
    # The same overview for everyone: title, filters, headline numbers, the map, the table.
    assert len(elements) == 1 and elements.pop() > 20
    assert report.as_dict()["p95_s"] > 0


def test_an_unknown_page_is_reported_and_fails_the_command(app_url: str) -> None:
    report = load.run(app_url, 2, page="no_such_page")
    assert report.errors == ["page not found", "page not found"]
    done = subprocess.run(
        [sys.executable, "-m", "geo", "load", "--url", app_url, "--sessions", "2", "--json"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["finished"] == 2
    failed = subprocess.run(
        [sys.executable, "-m", "geo", "load", "--url", app_url, "--page", "no_such_page"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == 1 and "page not found" in failed.stdout


def test_a_server_that_is_not_there(tmp_path: Path) -> None:
    report = load.run("http://127.0.0.1:9/", 2)
    assert len(report.errors) == 2 and report.errors[0].startswith("connection")
