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

from geo.storage import concurrency, store
from geo.storage import stress as stored
from geo.storage.store import Engine

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
            version, value = stored.read_annual_plan(engine, project_id)  # the form is loaded…
            time.sleep(rng.uniform(0, pause))  # …someone reads it and types…
            stored.save_annual_plan(  # …and saves
                engine, project_id, value + 1, version if check else None, f"editor-{number}"
            )
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
    ids = stored.add_test_projects(engine, records, STRESS_CODE, actor="stress")
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
    total = stored.total_annual_plan(engine)
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
