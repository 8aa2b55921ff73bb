"""Two app processes behind Debian's nginx on loopback (``python -m geo serve``): a browser stays
on its process, an edit shows on both, and a killed process loses nothing while nginx sends
its visitors to the other. Needs nginx (installed by `make browser`; skipped without it,
except in CI, where it must run)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import free_port

from geo.config import REPO_ROOT
from geo.ops import deploy, load


@pytest.fixture(scope="module")
def site(demo_url: str) -> Iterator[dict]:
    if deploy.nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing in CI (make browser installs it)")
        pytest.skip("nginx is not installed")
    # Not under pytest's folders (mode 0700): nginx's workers (nobody, when the test runs as
    # root) must reach the phone pages, as they reach a deployment's folder.
    folder = Path(tempfile.mkdtemp(prefix="geo-deploy-"))
    folder.chmod(0o755)
    db = folder / "county.db"
    db.write_bytes(Path(demo_url.removeprefix("sqlite:///")).read_bytes())
    env = {**os.environ, "GEO_DB_URL": f"sqlite:///{db}", "GEO_TILES": "none", "GEO_LANG": "zh"}
    port, first = free_port(), free_port()
    while first + 1 == port:
        first = free_port()
    command = [
        sys.executable,
        "-m",
        "geo",
        "serve",
        "--processes",
        "2",
        "--port",
        str(port),
        "--first-app-port",
        str(first),
        "--run-dir",
        str(folder / "run"),
    ]
    server = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, text=True)
    pids: dict[int, int] = {}
    try:
        for line in server.stdout:  # type: ignore[union-attr]
            if found := re.match(r"app process (\d+) on port (\d+)", line):
                pids[int(found[2])] = int(found[1])
            if line.startswith("nginx"):
                break
        assert len(pids) == 2, f"the supervisor said: {pids}"
        yield {"url": f"http://127.0.0.1:{port}", "pids": pids, "env": env, "folder": folder}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def _upstream(url: str, cookie: str) -> str:
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["X-Geo-Upstream"]


def _cookie_for_each_process(url: str) -> dict[str, str]:
    """A route cookie that lands on each process, as nginx hands them to new browsers."""
    found: dict[str, str] = {}
    for _ in range(40):
        with urllib.request.urlopen(f"{url}/", timeout=10) as response:
            cookie = response.headers["Set-Cookie"].split(";")[0]
        found.setdefault(_upstream(url, cookie), cookie)
        if len(found) == 2:
            return found
    raise AssertionError(f"new browsers all went to {list(found)}")


def _projects(url: str, cookie: str) -> str:
    (visit,) = load.run(url, 1, cookie=cookie).visits
    assert not visit.error, visit.error
    return dict(visit.metrics)["重点项目"]


def test_two_processes_behind_nginx(site: dict) -> None:
    url = site["url"]
    cookies = _cookie_for_each_process(url)
    # A browser stays on its process.
    for upstream, cookie in cookies.items():
        assert {_upstream(url, cookie) for _ in range(10)} == {upstream}
    # Static files come from nginx (Leaflet for the map, Streamlit's front end).
    with urllib.request.urlopen(f"{url}/app/static/vendor/leaflet/leaflet.js") as response:
        assert "X-Geo-Upstream" not in response.headers and b"Leaflet" in response.read(2000)
    # Visitors through the proxy get the whole overview from both processes.
    assert {_projects(url, c) for c in cookies.values()} == {"115"}
    report = load.run(url, 6)
    assert report.errors == [] and len({v.elements for v in report.visits}) == 1

    # An edit (a ledger with one new project, imported by the command line) shows on both.
    export = site["folder"] / "ledger.csv"
    subprocess.run(
        [sys.executable, "-m", "geo", "export-ledger", str(export)],
        cwd=REPO_ROOT,
        env=site["env"],
        check=True,
        capture_output=True,
    )
    header, first, *_ = list(csv.reader(export.open(encoding="utf-8-sig")))
    first[:2] = ["NEW-001", "新建测试项目"]
    with (site["folder"] / "one.csv").open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, first])
    subprocess.run(
        [sys.executable, "-m", "geo", "import-ledger", str(site["folder"] / "one.csv")],
        cwd=REPO_ROOT,
        env=site["env"],
        check=True,
        capture_output=True,
    )
    assert {_projects(url, c) for c in cookies.values()} == {"116"}

    # One process killed: its browsers are sent to the other, and nothing saved is lost.
    victim_upstream, victim_cookie = next(iter(cookies.items()))
    os.kill(site["pids"][int(victim_upstream.rsplit(":", 1)[1])], signal.SIGKILL)
    time.sleep(0.3)  # the supervisor starts it again, which takes seconds
    assert _upstream(url, victim_cookie) != victim_upstream
    assert _projects(url, victim_cookie) == "116"


def _get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), ""


def _until(check, seconds: float = 40) -> None:
    """The publisher passes every 5 s: wait for what it is to do."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the phone pages publisher did not catch up"
        time.sleep(0.5)


def test_phone_pages_are_files_nginx_serves_while_the_link_lives(site: dict) -> None:
    url = site["url"]

    def geo(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "geo", *args],
            cwd=REPO_ROOT,
            env=site["env"],
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout

    path = geo("share", "1", "--days", "2").strip().split("localhost:8501", 1)[1]
    _until(lambda: _get(url + path)[0] == 200)
    status, headers, page = _get(url + path)
    assert (
        "朗弘热交换系统制造基地" in page and headers["Content-Type"] == "text/html; charset=utf-8"
    )
    assert "X-Geo-Upstream" not in headers  # a file from nginx, no app process involved
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    # Altered links are not found: another project, a longer life, a changed token.
    project, expires, token = path.split("/")[2:]
    for forged in (
        f"/m/2/{expires}/{token}",
        f"/m/1/{int(expires) + 86400}/{token}",
        f"/m/1/{expires}/{token[:-1]}{'B' if token[-1] == 'A' else 'A'}",
        f"/m/1/{expires}/../../pages/1.html",
        "/m/pages/1.html",
    ):
        assert _get(url + forged)[0] == 404, forged
    # Withdrawn: not found within a publisher pass.
    (link_id,) = [r for r in geo("share").splitlines() if path in r]
    geo("share", "--withdraw", link_id.split()[0].lstrip("#"))
    _until(lambda: _get(url + path)[0] == 404)


def test_a_sign_in_cookie_from_one_process_opens_the_other(site: dict) -> None:
    """The cookie is set by whichever process the page posts to; the session lives in the
    database, so the other process (another route cookie) resumes it."""
    import sqlalchemy as sa

    from geo.storage import accounts, sessions, store

    url = site["url"]
    engine = store.make_engine(site["env"]["GEO_DB_URL"])
    who = accounts.create_account(engine, "wang", role="leader", password="wang-secret-12")
    try:
        (first, on_first), (second, on_second) = _cookie_for_each_process(url).items()
        begun = sessions.begin(engine, who)
        post = urllib.request.Request(
            f"{url}/_geo/session",
            data=begun.handoff.encode(),
            method="POST",
            headers={"Cookie": on_first},
        )
        with urllib.request.urlopen(post, timeout=10) as response:
            assert response.headers["X-Geo-Upstream"] == first
            (set_cookie,) = [
                c for c in response.headers.get_all("Set-Cookie") if "geo_session" in c
            ]
        assert "HttpOnly" in set_cookie and "SameSite=lax" in set_cookie
        session_cookie = set_cookie.split(";")[0]
        # A used code is refused (403), through the proxy as well.
        with pytest.raises(urllib.error.HTTPError, match="403"):
            urllib.request.urlopen(post, timeout=10)
        (visit,) = load.run(url, 1, cookie=f"{on_second}; {session_cookie}").visits
        assert not visit.error and dict(visit.metrics).get("重点项目"), visit
        (stranger,) = load.run(url, 1, cookie=on_second).visits
        assert not dict(stranger.metrics)  # no cookie: the sign-in prompt, no numbers
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM sign_in_sessions"))
            conn.execute(sa.text("DELETE FROM accounts"))


def test_the_site_file_for_a_system_nginx() -> None:
    text = deploy.nginx_site(deploy.Site("80", (8501, 8502)))
    assert "server 127.0.0.1:8501" in text and "server 127.0.0.1:8502" in text
    assert "hash $geo_route consistent" in text and "proxy_set_header Upgrade" in text
    with pytest.raises(ValueError):
        deploy.nginx_site(deploy.Site("80", ()))
    nginx = deploy.nginx_binary()
    if nginx is None:
        pytest.skip("nginx is not installed")
    # nginx itself checks the whole configuration built around it.
    run = Path(os.environ.get("TMPDIR", "/tmp")) / f"geo-nginx-test-{os.getpid()}"
    run.mkdir(exist_ok=True)
    conf = run / "nginx.conf"
    conf.write_text(deploy.nginx_main(deploy.Site("127.0.0.1:1", (8501, 8502)), run))
    checked = subprocess.run(
        [nginx, "-t", "-p", str(run), "-c", str(conf)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
