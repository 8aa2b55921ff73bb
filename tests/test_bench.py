"""The benchmark command as a smoke test at a small size: it runs and reports every stage.
It never fails on timing: the figures are for people (README), not for assertions."""

from __future__ import annotations

import json

from geo.ops import bench, cli
from geo.views import maps


def test_bench_reports_every_stage(capsys) -> None:
    assert cli.main(["bench", "--sizes", "300", "--repeat", "1", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["stage"], r["n"]) for r in rows] == [
        ("map", 300),
        ("import", 300),
        ("measures", 300),
        ("page_rerun", 115),
        ("notices", rows[-1]["n"]),
    ]
    assert rows[-1]["n"] > 30  # the month's letters, reminders, overdue items, digests, bulletin
    for row in rows:
        assert {"stage", "n", "seconds", "bytes", "baseline_seconds", "baseline_bytes"} <= set(row)
        assert row["seconds"] > 0
    drawn = rows[0]
    assert drawn["bytes"] > 0 and drawn["baseline_seconds"] > 0 and drawn["baseline_bytes"] > 0


def test_synthetic_projects_are_all_on_the_map() -> None:
    rates = bench.demo_zone_rates()
    projects = bench.synthetic_projects(500, rates)
    assert projects["id"].is_unique and projects["name"].is_unique
    html = maps.overview_map(projects, rates, maps.MapOptions(tiles="none")).get_root().render()
    assert len(maps.sites_in_html(html)) == 500


def test_bad_sizes_are_refused(capsys) -> None:
    assert cli.main(["bench", "--sizes", "ten"]) == 1
    assert "--sizes" in capsys.readouterr().err
