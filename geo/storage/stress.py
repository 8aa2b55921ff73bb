"""What the stress run (:mod:`geo.ops.stress`) reads and writes: test projects whose annual plan
many editors raise at once, each save audited and, when asked, version-checked."""

from __future__ import annotations

import sqlalchemy as sa

from geo.storage import concurrency, store
from geo.storage.models import Project
from geo.storage.store import Engine


def add_test_projects(engine: Engine, records: int, code_prefix: str, actor: str) -> list[int]:
    """``records`` projects coded ``code_prefix`` and a number, each planned at 0 万元, in one
    transaction; their ids."""
    with store.transaction(engine, write=True, actor=actor) as s:
        rows = [
            Project(
                code=f"{code_prefix}{n:03d}",
                name=f"并发测试项目{n}",
                lon=111.6,
                lat=32.3,
                category="industry",
                level="county",
                build_type="new",
                stage="building",
                plan_year=2026,
                annual_plan_wan=0.0,
            )
            for n in range(1, records + 1)
        ]
        s.add_all(rows)
        s.flush()
        return [p.id for p in rows]


def read_annual_plan(engine: Engine, project_id: int) -> tuple[int, float]:
    """A project's version and annual plan, as a form loads them."""
    with engine.connect() as conn:
        version, value = conn.execute(
            sa.select(Project.version, Project.annual_plan_wan).where(Project.id == project_id)
        ).one()
    return version, value


def save_annual_plan(
    engine: Engine, project_id: int, value: float, seen_version: int | None, actor: str
) -> None:
    """Save a project's annual plan; with ``seen_version``, refused
    (:class:`~geo.storage.concurrency.ConcurrentEdit`) when the project has moved on since."""
    with store.transaction(engine, write=True, actor=actor) as s:
        project = s.get(Project, project_id)
        if seen_version is not None:
            concurrency.expect_version(s, project, seen_version)
        project.annual_plan_wan = value


def total_annual_plan(engine: Engine) -> float:
    """The annual plans of every project, added up."""
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.sum(Project.annual_plan_wan))).scalar_one()
