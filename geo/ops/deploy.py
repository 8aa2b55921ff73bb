"""Several app processes behind nginx: the proxy's configuration and a small supervisor.

Streamlit keeps a person's session in one process over one WebSocket, so the proxy must send
all of a browser's requests to the same process. Debian's nginx has no ``sticky`` directive
(that is nginx Plus); instead nginx itself gives each new browser a random ``geo_route``
cookie and hashes on it (``hash … consistent``), so a browser stays on its process, new
browsers spread over all of them, and when a process is down nginx tries the next one.
Static files (Leaflet, Streamlit's own front end) are served by nginx from the disk, and so
are the phone pages (geo.reports.phone): ``/m/<project>/<expires>/<token>`` is the file
``links/<project>-<expires>-<token>.html`` under the phone folder, which exists exactly while
the link is live; the publisher process (``python -m geo phone-pages``) keeps that folder true.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.config import REPO_ROOT

ROUTE_COOKIE = "geo_route"


def streamlit_static_dir() -> Path:
    """Streamlit's built front end (index.html, JS, CSS) inside the installed package."""
    import streamlit

    return Path(streamlit.__file__).parent / "static"


@dataclass(frozen=True)
class Site:
    """What the proxy needs: where it listens and where the app processes are."""

    listen: str  # "8080" or "127.0.0.1:8080"
    app_ports: tuple[int, ...]
    app_host: str = "127.0.0.1"
    leaflet_dir: Path = REPO_ROOT / "static"
    streamlit_dir: Path | None = None
    phone_dir: Path = REPO_ROOT / "data" / "phone"


def nginx_site(site: Site) -> str:
    """The ``http``-level part: the upstream, the route cookie and the server (a file for
    ``/etc/nginx/sites-available``, or included by :func:`nginx_main`)."""
    if not site.app_ports:
        raise ValueError("at least one app process is needed")
    servers = "\n".join(
        f"    server {site.app_host}:{port} max_fails=1 fail_timeout=5s;" for port in site.app_ports
    )
    front = site.streamlit_dir or streamlit_static_dir()
    return f"""# Written by `python -m geo serve` (geo/ops/deploy.py); regenerate rather than edit.
map $cookie_{ROUTE_COOKIE} $geo_route {{
    ""      $request_id;
    default $cookie_{ROUTE_COOKIE};
}}
map $cookie_{ROUTE_COOKIE} $geo_route_cookie {{
    ""      "{ROUTE_COOKIE}=$request_id; Path=/; HttpOnly; SameSite=Lax";
    default "";
}}
map $http_upgrade $geo_connection {{
    default upgrade;
    ""      close;
}}

upstream geo_app {{
    hash $geo_route consistent;
{servers}
}}

server {{
    listen {site.listen};
    client_max_body_size 50m;  # the app's upload limit (.streamlit/config.toml)

    # Leaflet and the app's other files, and Streamlit's own front end: from the disk.
    location /app/static/ {{
        alias {site.leaflet_dir}/;
        expires 7d;
    }}
    location /static/ {{
        alias {front}/static/;
        expires 7d;
    }}

    # Phone pages: a live link is a file (geo.reports.phone); anything else under /m/ is not found.
    location ~ "^/m/([0-9]+)/([0-9]+)/([A-Za-z0-9_-]{{24}})$" {{
        root {site.phone_dir};
        try_files /links/$1-$2-$3.html =404;
        charset utf-8;
        add_header Cache-Control "no-cache";
        add_header X-Robots-Tag "noindex, nofollow";
        add_header Referrer-Policy "no-referrer";
        add_header Content-Security-Policy "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
    }}
    location /m/ {{
        return 404;
    }}

    location /_stcore/stream {{
        proxy_pass http://geo_app;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $geo_connection;
        proxy_set_header Host $host;
        proxy_read_timeout 1d;  # an open dashboard keeps its WebSocket all day
        proxy_next_upstream error timeout;
    }}

    location / {{
        proxy_pass http://geo_app;
        proxy_http_version 1.1;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;  # the sign-in cookie is Secure over HTTPS
        proxy_next_upstream error timeout;
        add_header Set-Cookie $geo_route_cookie;
        add_header X-Geo-Upstream $upstream_addr always;
    }}
}}
"""


def nginx_main(site: Site, run_dir: Path) -> str:
    """A whole nginx configuration that runs as any user, everything under ``run_dir``."""
    temp = "\n".join(
        f"    {kind}_temp_path {run_dir}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    site_text = "\n".join("    " + line if line else "" for line in nginx_site(site).splitlines())
    return f"""daemon off;
worker_processes auto;
pid {run_dir}/nginx.pid;
error_log {run_dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {run_dir}/access.log;
{temp}
{site_text}
}}
"""


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not _healthy(url):
        if time.monotonic() > deadline:
            raise OSError(f"{url} did not answer within {seconds:.0f} s")
        time.sleep(0.3)


#: Set for the app processes ``serve`` starts: the project page then offers phone links.
PHONE_PAGES_ENV = "GEO_PHONE_PAGES"


def _child(command: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, PHONE_PAGES_ENV: "1"}
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT, env=env
        )


def app_process(port: int, log: Path) -> subprocess.Popen:
    """One Streamlit process of the app on 127.0.0.1:``port``."""
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.headless=true",
    ]
    return _child(command, log)


def publisher_process(phone_dir: Path, log: Path) -> subprocess.Popen:
    """The process that keeps the phone pages and live links under ``phone_dir``."""
    return _child([sys.executable, "-m", "geo", "phone-pages", "--out", str(phone_dir)], log)


def serve(listen: int, processes: int, first_app_port: int, run_dir: Path) -> int:
    """Run ``processes`` app processes and nginx in front of them until interrupted; a process
    that dies is started again. Prints one line per process so scripts can find them."""
    nginx = nginx_binary()
    if nginx is None:
        raise OSError("nginx is not installed (Debian: apt-get install nginx-light)")
    if processes < 1:
        raise ValueError("--processes must be at least 1")
    run_dir.mkdir(parents=True, exist_ok=True)
    ports = tuple(first_app_port + i for i in range(processes))
    phone_dir = (run_dir / "phone").resolve()
    conf = run_dir / "nginx.conf"
    site = Site(str(listen), ports, phone_dir=phone_dir)
    conf.write_text(nginx_main(site, run_dir.resolve()), encoding="utf-8")
    apps = {port: app_process(port, run_dir / f"app-{port}.log") for port in ports}
    publisher = publisher_process(phone_dir, run_dir / "phone-pages.log")
    for port, proc in apps.items():
        wait_healthy(f"http://127.0.0.1:{port}")
        print(f"app process {proc.pid} on port {port}", flush=True)
    proxy = subprocess.Popen([nginx, "-p", str(run_dir.resolve()), "-c", str(conf.resolve())])
    wait_healthy(f"http://127.0.0.1:{listen}")
    print(f"phone pages by process {publisher.pid} in {phone_dir}", flush=True)
    print(f"nginx {proxy.pid} on port {listen}: http://127.0.0.1:{listen}/", flush=True)
    stopping = False

    def stop(*_args: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while not stopping:
            time.sleep(0.5)
            for port, proc in list(apps.items()):
                if proc.poll() is not None:
                    apps[port] = app_process(port, run_dir / f"app-{port}.log")
                    print(f"app process {apps[port].pid} on port {port} (restarted)", flush=True)
            if publisher.poll() is not None:
                time.sleep(5)  # a publisher that cannot start (no database) must not spin
                publisher = publisher_process(phone_dir, run_dir / "phone-pages.log")
            if proxy.poll() is not None:
                raise OSError(f"nginx stopped; see {run_dir / 'error.log'}")
    finally:
        _stop_all([proxy, publisher, *apps.values()])
    return 0


def _stop_all(processes: Sequence[subprocess.Popen]) -> None:
    for proc in processes:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM if os.name == "posix" else signal.SIGINT)
    for proc in processes:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
