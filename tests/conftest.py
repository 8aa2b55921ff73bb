"""Shared fixtures: a demo county on SQLite, fresh databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo.ops import demo
from geo.storage import store

PG_ADMIN_URL = os.environ.get(
    "GEO_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _postgres_available() -> str | None:
    """None if the server answers, else why not."""
    try:
        with sa.create_engine(PG_ADMIN_URL).connect() as conn:
            conn.execute(sa.text("select 1"))
    except Exception as exc:
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


def write_messy_ledger(
    path: Path, *, completed_oct: bool = False, bad_last_row: bool = False
) -> Path:
    """A ledger the way offices write them (DOMAIN.md, issue 3): title and note rows, a two-row
    header with a merged parent, section rows instead of a category column, 亿元, rates as
    text, dates in four spellings, one coordinate column in GCJ-02 (one pair swapped),
    subtotal and total rows (the total deliberately off)."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "9月"
    month = "1-10月" if completed_oct else "1-9月"
    ws.append(["2015年谷城县重点项目进展情况表"])
    ws.merge_cells("A1:K1")
    ws.append(
        [
            f"填报单位：县重点办      截止时间：2015年{10 if completed_oct else 9}月{31 if completed_oct else 30}日"
        ]
    )
    ws.append(["单位：亿元"])
    ws.append(
        [
            "序号",
            "项目名称",
            "建设单位",
            "所在园区/乡镇",
            "总投资",
            "2015年投资计划",
            None,
            None,
            "形象进度",
            "分包市领导",
            "坐标(GCJ-02)",
            "计划开工",
            "存在问题",
        ]
    )
    ws.append(
        [
            None,
            None,
            None,
            None,
            None,
            "年度计划",
            f"{month}完成",
            "完成率",
            None,
            None,
            None,
            None,
            None,
        ]
    )
    for col in "ABCDEIJKLM":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("F4:H4")
    done = (0.50, 0.47, 0.25) if completed_oct else (0.45, 0.43, 0.20)
    ws.append(["一、工业项目（2个）"])
    ws.merge_cells("A6:M6")
    ws.append(
        [
            1,
            "朗弘热交换系统制造基地",
            "湖北朗弘热交换系统有限公司",
            "谷城经济开发区",
            1.2,
            0.4,
            done[0],
            f"{done[0] / 0.4:.1%}",
            "开始设备安装调试",
            "张立新",
            "111.697,32.283",
            "2019.3",
            "1.110千伏专线未接通；2.二期用地指标不足",
        ]
    )
    ws.append(
        [
            2,
            "霆顺车轮",
            "湖北霆顺车轮有限公司",
            "谷城经济开发区",
            "1.50",
            0.43,
            done[1],
            1.0,
            "生产线建成",
            "李红梅",
            "32.289, 111.703",
            43525,
            None,
        ]
    )
    ws.append(["小计", None, None, None, None, 0.83, done[0] + done[1]])
    ws.append(["二、社会事业项目（1个）"])
    ws.append(
        [
            1,
            "县人民医院门诊楼",
            "县卫健局",
            "城关镇",
            2,
            0.5,
            done[2],
            40,
            "主体施工",
            "王建华",
            "111.652,32.257",
            "2019年3月",
            None,
        ]
    )
    ws.append(["合计", None, None, None, None, 1.33, 9.99])
    if bad_last_row:
        for i in range(2000):
            ws.append(
                [
                    i + 3,
                    f"批量项目{i}",
                    "某公司",
                    "城关镇",
                    1,
                    0.1,
                    0.05,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ]
            )
        ws.append([9999, "最后一行", "某公司", "城关镇", 1, "一百万", 0.05])
    book.save(path)
    return path


@pytest.fixture
def messy_ledger(tmp_path: Path) -> Path:
    return write_messy_ledger(tmp_path / "台账2015年9月.xlsx")


@pytest.fixture
def ledger_writer():
    """:func:`write_messy_ledger`, for tests that need several ledgers."""
    return write_messy_ledger


@pytest.fixture(autouse=True)
def _page_errors_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    """In AppTest a page's unexpected error is raised, not only shown politely (geo.ui.guard),
    so that a test of the page fails on it. Servers started for the browser tests drop it."""
    from geo.ui.guard import RAISE_ENV

    monkeypatch.setenv(RAISE_ENV, "1")


@pytest.fixture(autouse=True)
def _photos_in_tmp(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test writes photos into the repository's data/ folder."""
    monkeypatch.setenv("GEO_PHOTO_DIR", str(tmp_path_factory.mktemp("photos")))


@pytest.fixture
def chinese_font() -> Path:
    """The font PDFs embed; skipped without one, except under CI, where it must be there."""
    from geo.reports import documents

    try:
        return documents.cjk_font()
    except ValueError as exc:
        if os.environ.get("CI", "").lower() in ("1", "true"):
            pytest.fail(f"CI must have a Chinese font: {exc}")
        pytest.skip(str(exc))


@pytest.fixture
def open_app(monkeypatch: pytest.MonkeyPatch):
    """The app in Streamlit's AppTest on database ``url``, on ``page`` if given, offline,
    in ``lang``, with any further ``GEO_*`` settings; caches cleared so settings apply."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from geo.config import REPO_ROOT

    def open_(url: str, page: str | None = None, lang: str = "zh", **env: str) -> AppTest:
        for key, value in {"GEO_DB_URL": url, "GEO_TILES": "none", "GEO_LANG": lang, **env}.items():
            monkeypatch.setenv(key, value)
        st.cache_resource.clear()
        st.cache_data.clear()
        at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=90)
        if page:
            at.switch_page(f"pages/{page}.py")
        return at

    return open_
