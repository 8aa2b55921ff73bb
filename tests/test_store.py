"""The store on SQLite and on the PostgreSQL server: round trip, dates, versions, rollback."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from geo.storage import store
from geo.storage.concurrency import ConcurrentEdit
from geo.storage.models import Decision, Meeting, Problem, ProgressReport, Project, Zone

SQUARE = json.dumps(
    {"type": "Polygon", "coordinates": [[[111, 32], [112, 32], [112, 33], [111, 33], [111, 32]]]}
)


def _seed(engine: sa.Engine) -> int:
    with store.transaction(engine, write=True) as s:
        park = Zone(kind="park", name="开发区", code="P1", geometry=SQUARE)
        town = Zone(kind="township", name="城关镇", code="T1", geometry=SQUARE)
        project = Project(
            code="P-001",
            name="热交换系统制造基地",
            lon=111.65,
            lat=32.26,
            park=park,
            township=town,
            category="industry",
            level="city",
            build_type="new",
            stage="signed",
            plan_year=2026,
            annual_plan_wan=4000,
            total_investment_wan=12000,
            planned_start=dt.date(2026, 3, 1),
            lead_leader="张立新",
        )
        s.add_all([park, town, project])
        for month, done, stage in (
            (8, 2000, "started"),
            (9, 3000, "building"),
            (10, 4500, "building"),
        ):
            end = dt.date(2026, month, 30 if month in (9,) else 31)
            s.add(
                ProgressReport(
                    project=project,
                    as_of=end,
                    completed_wan=done,
                    stage=stage,
                    cumulative_wan=done,
                    physical_progress=f"{month}月进度",
                )
            )
        s.flush()
        problem = Problem(
            project_id=project.id,
            description="110千伏专线未接通",
            category="utilities",
            raised_on=dt.date(2026, 8, 5),
            deadline=dt.date(2026, 9, 5),
            status="in_progress",
        )
        s.add(problem)
        s.flush()
        meeting = Meeting(
            kind="coordination",
            held_on=dt.date(2026, 8, 20),
            title="推进协调会",
            projects=[project],
        )
        meeting.decisions.append(
            Decision(
                project_id=project.id,
                problem_id=problem.id,
                action="供电公司9月5日前接通",
                responsible_unit="供电公司",
                deadline=dt.date(2026, 9, 5),
            )
        )
        s.add(meeting)
        return project.id


def test_migrate_creates_current_schema(engine: sa.Engine) -> None:
    assert store.schema_is_current(engine)
    store.migrate(engine)  # twice is harmless
    assert store.count_rows(engine) == dict.fromkeys(
        ("zones", "projects", "progress_reports", "problems", "meetings", "decisions"), 0
    )


def test_round_trip_with_latest_report(engine: sa.Engine) -> None:
    project_id = _seed(engine)
    latest = store.load_projects(engine).set_index("id").loc[project_id]
    assert latest["park"] == "开发区" and latest["township"] == "城关镇"
    assert latest["completed_wan"] == 4500
    assert latest["report_as_of"] == dt.date(2026, 10, 31)
    assert latest["planned_start"] == dt.date(2026, 3, 1)
    assert latest["stage"] == "building"  # the report's stage overrides the project's
    september = store.load_projects(engine, dt.date(2026, 9, 30)).set_index("id").loc[project_id]
    assert september["completed_wan"] == 3000
    before = store.load_projects(engine, dt.date(2026, 7, 31)).set_index("id").loc[project_id]
    assert before["completed_wan"] == 0 and before["stage"] == "signed"


def test_reports_problems_and_meetings(engine: sa.Engine) -> None:
    project_id = _seed(engine)
    reports = store.load_reports(engine, project_id)
    assert [d.month for d in reports["as_of"]] == [8, 9, 10]
    assert all(isinstance(d, dt.date) for d in reports["as_of"])
    problems = store.load_problems(engine, project_id)
    assert problems["deadline"].tolist() == [dt.date(2026, 9, 5)]
    meetings, decisions = store.load_project_meetings(engine, project_id)
    assert meetings["title"].tolist() == ["推进协调会"]
    assert decisions["responsible_unit"].tolist() == ["供电公司"]
    assert decisions["meeting_id"].tolist() == meetings["id"].tolist()
    assert store.report_dates(engine)[0] == dt.date(2026, 10, 31)


def test_failed_transaction_leaves_nothing(engine: sa.Engine) -> None:
    with pytest.raises(RuntimeError), store.transaction(engine, write=True) as s:
        s.add(Zone(kind="park", name="半截园区", geometry=SQUARE))
        s.flush()
        raise RuntimeError("interrupted half-way")
    assert store.count_rows(engine)["zones"] == 0


def test_stale_save_is_refused(engine: sa.Engine) -> None:
    project_id = _seed(engine)
    with store.transaction(engine) as first_reader:
        first = first_reader.get(Project, project_id)
    with store.transaction(engine, write=True) as s:
        s.get(Project, project_id).lead_leader = "李红梅"
    # The database's own version check turns the overwrite into a refusal in the users' words.
    with pytest.raises(
        ConcurrentEdit, match="project was changed by someone else meanwhile; reload"
    ):
        with store.transaction(engine, write=True) as s:
            stale = s.merge(first, load=False)
            stale.lead_leader = "王建华"
    assert store.load_projects(engine).set_index("id").loc[project_id, "lead_leader"] == "李红梅"


def test_data_stamp_follows_edits(engine: sa.Engine) -> None:
    project_id = _seed(engine)
    before = store.data_stamp(engine)
    assert store.data_stamp(engine) == before
    with store.transaction(engine, write=True) as s:
        s.get(Project, project_id).annual_plan_wan = 5000
    assert store.data_stamp(engine) != before


def test_foreign_keys_are_enforced(engine: sa.Engine) -> None:
    with pytest.raises(sa.exc.IntegrityError), store.transaction(engine, write=True) as s:
        s.add(ProgressReport(project_id=999, as_of=dt.date(2026, 1, 31), completed_wan=1))


def test_bad_url_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not a valid SQLAlchemy URL"):
        store.make_engine("not a url")


def test_an_older_schema_is_upgraded_without_losing_data(sqlite_url: str, capsys) -> None:
    from alembic import command

    from geo.ops import cli

    engine = store.make_engine(sqlite_url)
    with engine.connect() as conn:
        command.upgrade(store._alembic_config(conn), "0001")
        conn.commit()
        conn.execute(
            sa.text(
                "insert into zones (kind, name, geometry, version) values ('park', '老园区', :g, 1)"
            ),
            {"g": SQUARE},
        )
        conn.commit()
    assert store.schema_state(engine) == "old"
    assert cli.main(["--db", sqlite_url, "kpis"]) == 1
    assert "run `python -m geo migrate`" in capsys.readouterr().err
    assert cli.main(["--db", sqlite_url, "migrate"]) == 0
    assert store.schema_state(engine) == "current"
    assert store.load_zones(engine)["name"].tolist() == ["老园区"]
