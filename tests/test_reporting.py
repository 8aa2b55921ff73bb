"""The monthly report: validation rules, saving all or nothing, and the page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.config import REPO_ROOT
from geo.core import snapshot
from geo.storage import store
from geo.workflow import reporting

TODAY = dt.date(2026, 11, 23)
OCT = dt.date(2026, 10, 31)
PREVIOUS = pd.DataFrame(
    {
        "id": [1],
        "report_as_of": [dt.date(2026, 9, 30)],
        "completed_wan": [300.0],
        "cumulative_wan": [900.0],
        "stage": ["building"],
        "physical_progress": ["主体施工"],
    }
)


def _filing(**changes: object) -> reporting.Filing:
    values = {
        "project_id": 1,
        "name": "甲项目",
        "completed_wan": 350.0,
        "cumulative_wan": 950.0,
        "stage": "building",
        "physical_progress": "主体封顶",
    }
    return reporting.Filing(**{**values, **changes})


@pytest.mark.parametrize(
    ("filing", "as_of", "message"),
    [
        (_filing(), OCT, None),
        (_filing(completed_wan=-1.0), OCT, "甲项目: completed this year -1 is negative"),
        (_filing(completed_wan=None), OCT, "甲项目: completed this year is empty"),
        (
            _filing(completed_wan=250.0),
            OCT,
            "甲项目: completed this year fell from 300 to 250; give a reason",
        ),
        (_filing(completed_wan=250.0, reason="审计核减"), OCT, None),
        (
            _filing(cumulative_wan=800.0),
            OCT,
            "甲项目: cumulative fell from 900 to 800; give a reason",
        ),
        (
            _filing(cumulative_wan=100.0),
            OCT,
            "甲项目: cumulative 100 is less than completed this year 350",
        ),
        (_filing(stage="flying"), OCT, "甲项目: stage 'flying' is not one of the stages"),
        (_filing(), dt.date(2026, 10, 15), "is not a month-end"),
        (_filing(), dt.date(2026, 11, 30), "is in the future"),
        (_filing(), dt.date(2024, 12, 31), "is before last year"),
        (
            _filing(completed_wan=20.0, cumulative_wan=920.0),
            dt.date(2027, 1, 31),
            None,
        ),  # a new year starts at 0
    ],
)
def test_validate(filing: reporting.Filing, as_of: dt.date, message: str | None) -> None:
    today = max(TODAY, as_of)
    if message and "future" in message:
        today = TODAY
    errors = reporting.validate([filing], PREVIOUS, as_of, today)
    if message is None:
        assert errors == []
    else:
        assert any(message in str(e) for e in errors), errors


def _zone_with_projects(engine: sa.Engine) -> tuple[str, list[int]]:
    projects = snapshot.take_snapshot(engine).projects
    zone = "石花工业园"
    return zone, projects[projects["park"] == zone]["id"].astype(int).tolist()


def test_save_stores_reports_and_stage(demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    _, ids = _zone_with_projects(engine)
    filings = [
        reporting.Filing(
            project_id=i,
            name=str(i),
            completed_wan=1000.0 + i,
            cumulative_wan=5000.0,
            stage="completed",
            physical_progress="竣工验收",
            reason="核减" if i == ids[0] else None,
        )
        for i in ids
    ]
    assert reporting.save(engine, filings, OCT) == len(ids)
    after = snapshot.take_snapshot(engine, OCT).projects.set_index("id")
    assert after.loc[ids[1], "completed_wan"] == 1000.0 + ids[1]
    assert after.loc[ids[0], "physical_progress"] == "竣工验收（说明：核减）"
    assert (after.loc[ids, "stage"] == "completed").all()


def test_save_is_all_or_nothing(demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    stamp = store.data_stamp(engine)
    bad = [_filing(project_id=1), _filing(project_id=99999)]  # no such project: foreign key fails
    with pytest.raises(sa.exc.IntegrityError):
        reporting.save(engine, bad, OCT)
    assert store.data_stamp(engine) == stamp


def test_report_page_files_a_month(monkeypatch: pytest.MonkeyPatch, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    zone, ids = _zone_with_projects(engine)
    due = reporting.last_month_end(dt.date.today())
    with engine.begin() as conn:  # make sure the month has no report yet
        conn.execute(sa.text("delete from progress_reports where as_of = :d"), {"d": due})
    before = store.count_rows(engine)["progress_reports"]
    monkeypatch.setenv("GEO_DB_URL", demo_copy_url)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/report.py").run()
    assert not at.exception
    at.selectbox(key="report_zone").select(zone).run()
    assert (
        len(at.get("arrow_data_frame")[0].value) == len(ids) if at.get("arrow_data_frame") else True
    )
    at.button[-1].click().run()
    assert not at.exception
    assert at.success and "已保存" in at.success[0].value
    assert store.count_rows(engine)["progress_reports"] == before + len(ids)


def test_a_second_filing_of_the_same_month_is_refused(demo_copy_url: str) -> None:
    from geo.storage.concurrency import ConcurrentEdit

    engine = store.make_engine(demo_copy_url)
    november = dt.date(2026, 11, 30)
    ids = [1, 2]
    seen = reporting.month_stamp(engine, ids, november)  # both park staff open the form
    mine = [reporting.Filing(i, f"项目{i}", 9000.0, 9000.0, None, None) for i in ids]
    theirs = [reporting.Filing(i, f"项目{i}", 8000.0, 8000.0, None, None) for i in ids]
    reporting.save(engine, theirs, november, expected=seen, actor="李红梅")
    with pytest.raises(ConcurrentEdit, match="monthly report for 2026-11-30 was changed by 李红梅"):
        reporting.save(engine, mine, november, expected=seen, actor="王建华")
    after = store.load_projects(engine, november).set_index("id")
    assert after.loc[1, "completed_wan"] == 8000.0  # theirs stands
    again = reporting.month_stamp(engine, ids, november)  # reloaded: the save goes through
    reporting.save(engine, mine, november, expected=again, actor="王建华")


@pytest.mark.parametrize(
    ("months", "message"),
    [
        ((100.0,) * 12, None),
        ((100.0, 100.0, -5.0, *(100.0,) * 9), "甲项目: monthly plan for month 3: -5 is negative"),
        ((float("nan"), *(100.0,) * 11), "甲项目: monthly plan for month 1: not a number"),
    ],
)
def test_validate_monthly_targets(months: tuple[float, ...], message: str | None) -> None:
    errors = reporting.validate([_filing(targets=months)], PREVIOUS, OCT, TODAY)
    assert [str(e) for e in errors] == ([] if message is None else [message])


def test_monthly_targets_off_the_annual_plan_are_a_warning() -> None:
    projects = pd.DataFrame({"id": [1, 2], "annual_plan_wan": [1200.0, 1200.0]})
    filings = [
        _filing(targets=(100.0,) * 12),
        _filing(project_id=2, name="乙项目", targets=(90.0,) * 12),
        _filing(project_id=2, name="乙项目", targets=None),  # left as it is: nothing to check
    ]
    warnings = reporting.target_warnings(filings, projects)
    assert [str(w) for w in warnings] == [
        "乙项目: monthly plan adds up to 1,080.0 (10k yuan), the annual plan is 1,200.0"
    ]
    assert (
        warnings[0].text("zh")
        == "乙项目：分月计划12个月合计 1,080.0 万元，与年度计划 1,200.0 万元不符"
    )


def test_the_monthly_plan_table_back_as_filings() -> None:
    projects = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "code": ["A", "B", "C"],
            "name": ["甲", "乙", "丙"],
            "annual_plan_wan": [1200.0, 600.0, 0.0],
        }
    )
    frame = reporting.targets_frame(projects, {1: (100.0,) * 12})
    assert frame.loc[0, "month_1"] == 100.0 and frame.loc[1, "month_1"] != frame.loc[1, "month_1"]
    frame.loc[1, ["month_1", "month_2"]] = [300.0, 300.0]  # 乙: two months typed, the rest blank
    report = reporting.form_frame(projects, PREVIOUS, str)
    filings = {f.project_id: f for f in reporting.filings_from(report, str, frame)}
    assert filings[1].targets == (100.0,) * 12
    assert filings[2].targets == (300.0, 300.0, *(0.0,) * 10)
    assert filings[3].targets is None  # blank: left as it is


def _targets(engine: sa.Engine, project_id: int, year: int) -> list[float]:
    stored = store.load_targets(engine, year)
    return stored[stored["project_id"] == project_id]["target_wan"].tolist()


def test_save_writes_monthly_targets_in_place(demo_copy_url: str) -> None:
    from geo.storage.models import MonthlyTarget

    engine = store.make_engine(demo_copy_url)
    months = (0.0, 0.0, 100.0, 100.0, 100.0, 200.0, 200.0, 200.0, 100.0, 100.0, 50.0, 50.0)
    filing = reporting.Filing(1, "项目1", 500.0, 900.0, None, None, targets=months)
    reporting.save(engine, [filing], OCT)
    assert _targets(engine, 1, 2026) == list(months)
    seen = reporting.month_stamp(engine, [1], OCT)
    again = reporting.Filing(1, "项目1", 500.0, 900.0, None, None, targets=(*months[:-1], 60.0))
    reporting.save(engine, [again], OCT, expected=seen)
    assert _targets(engine, 1, 2026)[-1] == 60.0
    with engine.connect() as conn:
        versions = dict(
            conn.execute(
                sa.select(MonthlyTarget.month, MonthlyTarget.version).where(
                    MonthlyTarget.project_id == 1, MonthlyTarget.year == 2026
                )
            ).all()
        )
    assert versions[12] == versions[1] + 1  # only December was rewritten


def test_a_monthly_plan_changed_meanwhile_refuses_the_filing(demo_copy_url: str) -> None:
    from geo.storage import targets as stored_targets
    from geo.storage.concurrency import ConcurrentEdit

    engine = store.make_engine(demo_copy_url)
    seen = reporting.month_stamp(engine, [1], OCT)
    with store.transaction(engine, write=True, actor="县发改局") as s:
        stored_targets.write_targets(s, 1, 2026, (100.0,) * 12)
    mine = reporting.Filing(1, "项目1", 500.0, 900.0, None, None, targets=(50.0,) * 12)
    with pytest.raises(ConcurrentEdit, match="changed by 县发改局"):
        reporting.save(engine, [mine], OCT, expected=seen)
    assert _targets(engine, 1, 2026) == [100.0] * 12


def test_report_page_saves_the_monthly_plan(
    monkeypatch: pytest.MonkeyPatch, demo_copy_url: str
) -> None:
    engine = store.make_engine(demo_copy_url)
    zone, ids = _zone_with_projects(engine)
    due = reporting.last_month_end(dt.date.today())
    monkeypatch.setenv("GEO_DB_URL", demo_copy_url)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/report.py").run()
    at.selectbox(key="report_zone").select(zone).run()
    assert not at.exception
    key = f"report_targets_{zone}_{due}"
    shown = next(e for e in at.data_editor if e.key == key).value
    assert shown["id"].tolist() == ids
    # A project without a plan yet gets one: 1月 and 2月 typed in, its other months count as 0.
    row = int(shown["month_1"].isna().to_numpy().argmax())
    project_id = ids[row]
    assert shown.loc[row, "month_1"] != shown.loc[row, "month_1"]  # NaN: no targets yet
    assert _targets(engine, project_id, due.year) == []
    at.session_state[key] = {
        "edited_rows": {row: {"month_1": 1000.0, "month_2": 2000.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button[-1].click().run()
    assert not at.exception
    assert at.success and "已保存" in at.success[0].value
    assert _targets(engine, project_id, due.year) == [1000.0, 2000.0, *(0.0,) * 10]
    assert at.warning and "分月计划" in at.warning[0].value  # 3000 is not the annual plan


def test_filing_a_filed_month_again_starts_from_its_own_figures(demo_copy_url: str) -> None:
    # The form used to start from the month before, so saving an already-filed month without
    # a change put last month's figures back (October's 5,879.2 became September's 5,214.6).
    engine = store.make_engine(demo_copy_url)
    _zone, ids = _zone_with_projects(engine)
    october, september = dt.date(2026, 10, 31), dt.date(2026, 9, 30)
    projects = store.load_projects(engine, october)
    projects = projects[projects["id"].isin(ids)]
    previous = reporting.previous_reports(engine, ids, october)
    filed = reporting.filed_reports(engine, ids, october)
    assert set(filed["id"]) == set(ids) and set(previous["report_as_of"]) == {september}
    form = reporting.form_frame(projects, previous, str, filed).set_index("id")
    now = projects.set_index("id")
    for pid in ids:
        assert form.loc[pid, "completed_wan"] == now.loc[pid, "completed_wan"]  # October's
        assert (
            form.loc[pid, "last_completed_wan"]
            == (
                previous.set_index("id").loc[pid, "completed_wan"]  # September's, beside it
            )
        )
    assert any(form.loc[pid, "completed_wan"] != form.loc[pid, "last_completed_wan"] for pid in ids)
    # A month not filed yet starts from the month before, as it did.
    empty = reporting.filed_reports(engine, ids, dt.date(2026, 11, 30))
    fresh = reporting.form_frame(projects, previous, str, empty).set_index("id")
    assert list(fresh["completed_wan"]) == list(fresh["last_completed_wan"])
