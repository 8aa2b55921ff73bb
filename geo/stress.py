"""Many editors at once against the store, counting what would have been lost.

Each editor (a thread with its own connections, as each browser session has) repeats what a
person does on a form: read a record, think, save a change based on what was read, naming the
version read. The change is "add one" to a figure, so after the run every record must equal
the number of saves that were accepted for it: anything less is a lost update. Refused saves
(:class:`geo.storage.concurrency.ConcurrentEdit`) are counted as conflicts and retried after
reloading, as a person would.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import asdict, dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo.storage import concurrency, store
from geo.storage.models import Project

STRESS_CODE = "STRESS-"


@dataclass(frozen=True)
class StressResult:
    backend: str
    writers: int
    writes: int  # saves accepted
    conflicts: int  # saves refused as based on an old copy (then retried)
    errors: int  # anything else (e.g. a lock timeout)
    lost_updates: int  # accepted saves missing from the final values: must be 0
    seconds: float

    @property
    def writes_per_second(self) -> float:
        return self.writes / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "writes_per_second": round(self.writes_per_second, 1)}


def _seed(engine: Engine, records: int) -> list[int]:
    with store.transaction(engine, write=True, actor="stress") as s:
        rows = [
            Project(
                code=f"{STRESS_CODE}{n:03d}",
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


def _editor(
    engine: Engine,
    number: int,
    ids: list[int],
    writes: int,
    pause: float,
    check: bool,
    tally: dict[str, int],
    lock: threading.Lock,
) -> None:
    rng = random.Random(number)
    accepted = conflicts = errors = 0
    while accepted < writes and errors < writes:
        project_id = rng.choice(ids)
        try:
            with engine.connect() as conn:  # the form is loaded…
                version, value = conn.execute(
                    sa.select(Project.version, Project.annual_plan_wan).where(
                        Project.id == project_id
                    )
                ).one()
            time.sleep(rng.uniform(0, pause))  # …someone reads it and types…
            with store.transaction(engine, write=True, actor=f"editor-{number}") as s:  # …saves
                project = s.get(Project, project_id)
                if check:
                    concurrency.expect_version(s, project, version)
                project.annual_plan_wan = value + 1
            accepted += 1
        except concurrency.ConcurrentEdit:
            conflicts += 1
        except Exception:
            errors += 1
    with lock:
        tally["writes"] += accepted
        tally["conflicts"] += conflicts
        tally["errors"] += errors


def run(
    url: str,
    writers: int = 20,
    writes: int = 100,
    records: int = 5,
    pause: float = 0.002,
    check: bool = True,
) -> StressResult:
    """Run ``writers`` editors saving ``writes`` changes each on ``records`` shared records.

    ``check=False`` saves without naming the version read (the naive way), to show what the
    check prevents.
    The database must hold no projects (a scratch database): the run adds its own records and
    removes everything it wrote at the end.
    """
    if writers < 1 or writes < 1 or records < 1:
        raise ValueError("writers, writes and records must be at least 1")
    engine = store.make_engine(url)
    store.migrate(engine)
    if store.count_rows(engine)["projects"]:
        raise ValueError(
            "stress writes test records and deletes everything afterwards: give it an empty "
            "database (--db URL), not one with projects"
        )
    ids = _seed(engine, records)
    tally = {"writes": 0, "conflicts": 0, "errors": 0}
    lock = threading.Lock()
    threads = [
        threading.Thread(target=_editor, args=(engine, n, ids, writes, pause, check, tally, lock))
        for n in range(writers)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    with engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.sum(Project.annual_plan_wan))).scalar_one()
    with store.transaction(engine, write=True, actor="stress") as s:
        store.clear_all(s)
    engine.dispose()
    return StressResult(
        backend=engine.url.get_backend_name(),
        writers=writers,
        writes=tally["writes"],
        conflicts=tally["conflicts"],
        errors=tally["errors"],
        lost_updates=int(tally["writes"] - round(total)),
        seconds=round(seconds, 3),
    )
