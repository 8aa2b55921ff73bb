"""The Data page in AppTest: a ledger uploaded, previewed, refused or imported; the export."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.config import REPO_ROOT
from geo.ops import demo
from geo.storage import store
from geo.storage.models import Project

APP = str(REPO_ROOT / "app.py")


class _Upload(io.BytesIO):
    """What st.file_uploader returns, enough for the page."""

    def __init__(self, path: Path) -> None:
        super().__init__(path.read_bytes())
        self.name = path.name
        self.file_id = f"test-{path.stat().st_mtime_ns}-{path.name}"


def _page(monkeypatch: pytest.MonkeyPatch, url: str, uploads: dict[str, Path]) -> AppTest:
    monkeypatch.setenv("GEO_DB_URL", url)
    monkeypatch.setenv("GEO_TILES", "none")
    st.cache_resource.clear()
    st.cache_data.clear()
    real = st.file_uploader

    def fake_uploader(label, *args, key=None, **kwargs):
        real(label, *args, key=key, **kwargs)  # keep the widget on the page
        return _Upload(uploads[key]) if key in uploads else None

    monkeypatch.setattr(st, "file_uploader", fake_uploader)
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/data.py")
    return at


def _rename_seed_projects(url: str) -> None:
    with store.transaction(store.make_engine(url), write=True) as s:
        for name in ("朗弘热交换系统制造基地", "霆顺车轮"):
            s.scalars(sa.select(Project).where(Project.name == name)).one().name = name + "(旧)"


def test_preview_then_import(
    monkeypatch: pytest.MonkeyPatch, demo_copy_url: str, messy_ledger: Path
) -> None:
    _rename_seed_projects(demo_copy_url)
    before = store.count_rows(store.make_engine(demo_copy_url))["projects"]
    at = _page(monkeypatch, demo_copy_url, {"ledger_upload": messy_ledger})
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["新增项目"] == "3" and metrics["新增问题"] == "2"
    assert store.count_rows(store.make_engine(demo_copy_url))["projects"] == before  # preview only
    at.button(key="write_ledger_confirm").click().run()
    assert not at.exception
    assert "导入完成" in at.success[0].value
    assert store.count_rows(store.make_engine(demo_copy_url))["projects"] == before + 3


def test_bad_ledger_is_refused_with_rows_named(
    monkeypatch: pytest.MonkeyPatch, demo_copy_url: str, tmp_path: Path, ledger_writer
) -> None:
    bad = ledger_writer(tmp_path / "bad.xlsx", bad_last_row=True)
    at = _page(monkeypatch, demo_copy_url, {"ledger_upload": bad})
    at.run()
    assert not at.exception
    assert at.error and "不会写入" in at.error[0].value
    # In the UI's language, whole (not cut at the table's edge: a list, not a grid).
    said = [m.value.replace("\\", "") for m in at.markdown]
    assert any("第2013行，F列：年度计划投资：'一百万' 不是数字" in m for m in said), said[:5]
    assert not [b for b in at.button if b.key == "write_ledger_confirm"]


def test_zone_upload_preview(
    monkeypatch: pytest.MonkeyPatch, demo_copy_url: str, tmp_path: Path
) -> None:
    collection = demo.demo_boundaries()
    collection["features"] = [
        f for f in collection["features"] if f["properties"]["kind"] == "township"
    ]
    path = tmp_path / "townships.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), "utf-8")
    stamp = store.data_stamp(store.make_engine(demo_copy_url))
    at = _page(monkeypatch, demo_copy_url, {"zones_upload": path})
    at.run()
    assert not at.exception
    assert any("新增 0 个，更新 10 个" in m.value for m in at.markdown)
    assert store.data_stamp(store.make_engine(demo_copy_url)) == stamp  # a preview writes nothing


def test_zone_file_of_the_wrong_kind_is_explained(
    monkeypatch: pytest.MonkeyPatch, demo_copy_url: str
) -> None:
    # The demo file holds parks too; read as townships, a park's name is refused.
    at = _page(
        monkeypatch, demo_copy_url, {"zones_upload": REPO_ROOT / "data" / "demo_zones.geojson"}
    )
    at.run()
    assert not at.exception
    assert "已是园区，不能作为乡镇导入" in at.error[0].value  # the UI's language


def test_export_offers_the_ledger(monkeypatch: pytest.MonkeyPatch, demo_copy_url: str) -> None:
    at = _page(monkeypatch, demo_copy_url, {})
    at.run()
    assert not at.exception
    assert at.get("download_button")


def test_a_column_assigned_in_the_preview_is_read_and_remembered(
    monkeypatch: pytest.MonkeyPatch, demo_copy_url: str, tmp_path: Path
) -> None:
    """The clerk says in the column list that 到位资金 is the year's completed investment: the
    preview follows at once, the import reads it, and the next ledger of that shape needs no
    click (issue 16)."""
    import datetime as dt

    import pandas as pd
    from test_ledger_shapes import GUCHENG, gucheng_sheet

    header = [*GUCHENG[:4], "到位资金(亿元)", *GUCHENG[5:]]
    path = gucheng_sheet(tmp_path / "m.xlsx", header=header)
    choices: dict[str, str] = {}
    real_editor = st.data_editor

    def person_edits(frame: pd.DataFrame, *args, **kwargs) -> pd.DataFrame:
        real_editor(frame, *args, **kwargs)
        edited = frame.copy()
        for letter, word in choices.items():
            edited.loc[edited["列"] == letter, "读作"] = word
        return edited

    at = _page(monkeypatch, demo_copy_url, {"ledger_upload": path})
    monkeypatch.setattr(st, "data_editor", person_edits)
    at.run()
    at.date_input[0].set_value(dt.date(2018, 12, 31)).run()
    assert not at.exception
    said = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert "没有找到“年度完成投资”列" in said and "E 到位资金(亿元)" in said
    choices["E"] = "年度完成投资"
    at.run()
    said = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert "没有找到“年度完成投资”列" not in said and "数据没有读取" not in said
    assert {m.label: m.value for m in at.metric}["新增项目"] == "3"  # 8 names are the demo's
    at.button(key="write_ledger_confirm").click().run()
    assert not at.exception and "导入完成" in at.success[0].value
    engine = store.make_engine(demo_copy_url)
    assert store.load_ledger_mapping(engine)["到位资金(亿元)"] == "completed_wan"
    with engine.connect() as conn:
        done = conn.execute(
            sa.text("SELECT SUM(completed_wan) FROM progress_reports WHERE as_of = '2018-12-31'")
        ).scalar_one()
    assert done == pytest.approx(sum(4_000 + i * 100 for i in range(1, 12)))
    # Next month's ledger of the same shape: read as remembered, nothing to click.
    choices.clear()
    again = _page(
        monkeypatch,
        demo_copy_url,
        {"ledger_upload": gucheng_sheet(tmp_path / "n.xlsx", header=header)},
    )
    again.run()
    again.date_input[0].set_value(dt.date(2018, 12, 31)).run()
    said = " ".join(m.value.replace("\\", "") for m in again.markdown)
    assert (
        "没有找到“年度完成投资”列" not in said
        and {m.label: m.value for m in again.metric}["无变化"] == "11"
    )
