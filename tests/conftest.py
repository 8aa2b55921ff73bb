"""Shared fixtures: a demo county on SQLite, fresh databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo import demo, store

PG_ADMIN_URL = os.environ.get(
    "GEO_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _postgres_available() -> str | None:
    """None if the server answers, else why not."""
    try:
        with sa.create_engine(PG_ADMIN_URL).connect() as conn:
            conn.execute(sa.text("select 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not here"
        return str(exc).splitlines()[0]
    return None


_PG_PROBLEM = _postgres_available()


def pytest_report_header(config: pytest.Config) -> str:
    if _PG_PROBLEM:
        return f"PostgreSQL: NOT AVAILABLE at {PG_ADMIN_URL} ({_PG_PROBLEM}); its tests are skipped"
    return f"PostgreSQL: testing against {PG_ADMIN_URL}"


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo county built once per test session in its own SQLite file."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    url = f"sqlite:///{path}"
    demo.build_demo(store.make_engine(url))
    return url


@pytest.fixture
def demo_engine(demo_url: str) -> sa.Engine:
    return store.make_engine(demo_url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards."""
    if _PG_PROBLEM:
        if IN_CI:
            pytest.fail(f"PostgreSQL must be available in CI: {_PG_PROBLEM}")
        pytest.skip(f"PostgreSQL not available: {_PG_PROBLEM}")
    name = f"geo_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend_url(request: pytest.FixtureRequest) -> str:
    """The URL of an empty database on each back end in turn."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def engine(backend_url: str) -> Iterator[sa.Engine]:
    """A migrated, empty database on each back end."""
    eng = store.make_engine(backend_url)
    store.migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def demo_copy_url(demo_url: str, tmp_path: Path) -> str:
    """A private copy of the demo database, safe to change.

    Copied with SQLite's backup API: in WAL mode the newest pages may still sit in the
    ``-wal`` file, which a plain file copy would miss.
    """
    source = sqlite3.connect(sa.engine.make_url(demo_url).database)
    target_path = tmp_path / "demo-copy.db"
    target = sqlite3.connect(target_path)
    with target:
        source.backup(target)
    source.close()
    target.close()
    return f"sqlite:///{target_path}"
