"""Many editors at once, on SQLite and PostgreSQL: refused, never lost."""

from __future__ import annotations

import json

import pytest

from geo.ops import cli, stress


def test_concurrent_editors_lose_nothing(backend_url: str) -> None:
    result = stress.run(backend_url, writers=8, writes=15, records=3)
    assert result.writes == 8 * 15
    assert result.lost_updates == 0
    assert result.errors == 0
    assert result.conflicts > 0  # they did collide: the check was exercised


def test_without_the_version_check_updates_are_lost(sqlite_url: str) -> None:
    """The counter can see a lost update: the naive save loses some under the same load."""
    result = stress.run(sqlite_url, writers=8, writes=15, records=2, pause=0.005, check=False)
    assert result.conflicts == 0
    assert result.lost_updates > 0


def test_stress_refuses_a_database_with_projects(demo_copy_url: str) -> None:
    with pytest.raises(ValueError, match="empty database"):
        stress.run(demo_copy_url, writers=1, writes=1)


def test_stress_command(sqlite_url: str, capsys) -> None:
    argv = ["stress", "--writers", "4", "--writes", "5", "--db", sqlite_url, "--json"]
    assert cli.main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"lost_updates", "conflicts", "errors", "writes", "seconds"} <= set(result)
    assert result["writes"] == 20 and result["lost_updates"] == 0
