"""The real app on a free port, and Debian's Chromium to look at it (Playwright cannot download
browsers here). Shared by the browser tests and the walking test."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from geo.config import REPO_ROOT

CHROMIUM = next(
    (
        p
        for p in map(shutil.which, ("chromium", "chromium-browser", "chromium-headless-shell"))
        if p
    ),
    None,
)
ARTIFACTS = REPO_ROOT / "test-artifacts"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db_url: str, log_path: Path, **env: str) -> Iterator[str]:
    """Run the app with ``streamlit run`` on a free port until the block ends; the server's
    output is printed at the end (pytest shows it when a test failed)."""
    port = free_port()
    env = {**os.environ, "GEO_DB_URL": db_url, "GEO_TILES": "none", "GEO_LANG": "zh", **env}
    env.pop("GEO_RAISE_PAGE_ERRORS", None)  # a person sees the guard's message
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless=true",
                f"--server.port={port}",
                "--server.address=127.0.0.1",
                "--browser.gatherUsageStats=false",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"streamlit did not start:\n{log_path.read_text()}")
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        print(log_path.read_text()[-3000:])


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium; skipped without one, except in CI, where it must be there."""
    if CHROMIUM is None:
        if os.environ.get("CI", "").lower() in ("1", "true"):
            pytest.fail("chromium is required in CI (make test installs it with apt-get)")
        pytest.skip("no chromium on this machine: `apt-get install chromium` to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
