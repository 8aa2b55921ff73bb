"""Tour planning: optimal for small tours, never worse than the given order, the day respected."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from geo.core import tour

HALL = (111.6448, 32.2628)


def _stops(n: int, seed: int, spread: float = 0.25, minutes: int = 20) -> list[tour.Stop]:
    rng = random.Random(seed)
    return [
        tour.Stop(
            100 + i,
            f"项目{i}",
            HALL[0] + rng.uniform(-spread, spread),
            HALL[1] + rng.uniform(-spread / 2, spread / 2),
            minutes,
        )
        for i in range(n)
    ]


def _brute_force_km(stops: list[tour.Stop], settings: tour.TourSettings) -> float:
    problem = tour._Problem(stops, settings)
    return min(problem.length_km(list(p)) for p in itertools.permutations(range(len(stops))))


@pytest.mark.parametrize(("n", "seed"), [(3, 1), (5, 2), (6, 3), (7, 4), (8, 5), (8, 6)])
def test_small_tours_are_optimal(n: int, seed: int) -> None:
    settings = tour.TourSettings(start=HALL, end_of_day=dt.time(23, 0))
    stops = _stops(n, seed)
    plan = tour.plan_day(stops, settings)
    assert plan.dropped == [] and sorted(plan.order) == sorted(s.project_id for s in stops)
    assert plan.total_km == pytest.approx(_brute_force_km(stops, settings), rel=1e-6)


@pytest.mark.parametrize("seed", range(5))
def test_never_worse_than_the_given_order(seed: int) -> None:
    settings = tour.TourSettings(start=HALL, end_of_day=dt.time(23, 0), search_seconds=1)
    stops = _stops(12, seed)
    given = [s.project_id for s in stops][::-1]
    plan = tour.plan_day(stops, settings, given=given)
    assert plan.total_km <= plan.given_km + 1e-9


def test_the_day_is_respected_and_what_does_not_fit_is_named() -> None:
    settings = tour.TourSettings(start=HALL, end_of_day=dt.time(17, 0))
    stops = _stops(14, 7, minutes=45)
    plan = tour.plan_day(stops, settings)
    assert plan.dropped  # 14 stops of 45 minutes cannot fit in a day
    assert set(plan.order) | set(plan.dropped) == {s.project_id for s in stops}
    assert plan.arrivals[0] >= dt.time(8, 30)
    assert dt.time(8, 30).hour * 60 + 30 + plan.total_minutes <= 17 * 60
    for arrive, leave in zip(plan.arrivals, plan.departures, strict=True):
        assert (leave.hour * 60 + leave.minute) - (arrive.hour * 60 + arrive.minute) == 45
    gaps = [
        (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)
        for a, b in zip(plan.departures, plan.arrivals[1:], strict=False)
    ]
    assert max(gaps + [0]) >= 60 or plan.departures[-1] < dt.time(12, 0)  # lunch is taken
    days = tour.plan_days(stops, settings)
    assert len(days) >= 2 and sorted(p for d in days for p in d.order) == sorted(
        s.project_id for s in stops
    )


def test_legs_and_return() -> None:
    settings = tour.TourSettings(start=HALL)
    stops = _stops(4, 9)
    plan = tour.plan_day(stops, settings)
    assert len(plan.legs_km) == len(plan.order) + 1
    assert plan.total_km == pytest.approx(sum(plan.legs_km))
    straight = tour.straight_km(HALL, (stops[0].lon, stops[0].lat))
    assert straight > 0 and tour.straight_km(HALL, HALL) == 0


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="at least one stop"):
        tour.plan_day([], tour.TourSettings(start=HALL))
    stop = _stops(1, 1)[0]
    with pytest.raises(ValueError, match="twice"):
        tour.plan_day([stop, stop], tour.TourSettings(start=HALL))


def test_tour_command_and_brief(demo_url: str, tmp_path, capsys, chinese_font) -> None:
    import json

    from pypdf import PdfReader

    from geo.core import snapshot
    from geo.ops import cli
    from geo.storage import store

    ids = [4, 1, 9, 20, 33]
    out = tmp_path / "brief.pdf"
    assert (
        cli.main(
            [
                "--db",
                demo_url,
                "tour",
                "--stops",
                ",".join(map(str, ids)),
                "--json",
                "--pdf",
                str(out),
            ]
        )
        == 0
    )
    plan = json.loads(capsys.readouterr().out)
    assert sorted(plan["order"]) == sorted(ids) and plan["dropped"] == []
    assert set(plan) >= {
        "order",
        "legs_km",
        "total_km",
        "detour_factor",
        "total_minutes",
        "dropped",
    }
    assert plan["total_km"] == pytest.approx(sum(plan["legs_km"]), abs=0.05)
    reader = PdfReader(out)
    assert len(reader.pages) == 1 + len(ids)
    names = snapshot.take_snapshot(store.make_engine(demo_url)).projects.set_index("id")["name"]
    cover = reader.pages[0].extract_text()
    for number, pid in enumerate(plan["order"], start=1):
        assert names[pid] in cover
        assert f"第{number}站" in reader.pages[number].extract_text()
        assert names[pid] in reader.pages[number].extract_text()
    # Approvals still missing are named on the stop's page.
    from geo.workflow import approvals

    items = approvals.load_approvals(store.make_engine(demo_url))
    gaps = set(items.loc[items["status"].isin(["pending", "not_applied"]), "project_id"])
    for number, pid in enumerate(plan["order"], start=1):
        assert ("前期手续未办结" in reader.pages[number].extract_text()) == (pid in gaps)


def test_tour_command_errors(demo_url: str, capsys) -> None:
    from geo.ops import cli

    assert cli.main(["--db", demo_url, "tour", "--stops", "1,x"]) == 1
    assert "not a list of project ids" in capsys.readouterr().err
    assert cli.main(["--db", demo_url, "tour", "--stops", "1,99999"]) == 1
    assert "no project with id 99999" in capsys.readouterr().err
    assert cli.main(["--db", demo_url, "tour", "--stops", "1", "--start", "east"]) == 1
    assert "--start: 'east' is not 'longitude,latitude'" in capsys.readouterr().err


def test_stop_table_round_trip() -> None:
    table = tour.stop_table([7, 3, 5], {7: "甲", 3: "乙", 5: "丙"}, 20)
    table.loc[1, "order"] = 1  # 乙 moved up to share first place: ties keep the list order
    table.loc[2, "minutes"] = 45
    ids, minutes = tour.order_and_minutes(table)
    assert ids == [7, 3, 5]
    table.loc[0, "order"] = 4
    ids, minutes = tour.order_and_minutes(table)
    assert ids == [3, 5, 7] and minutes == {7: 20, 3: 20, 5: 45}


def test_a_routing_server_gives_road_distances() -> None:
    """A stand-in OSRM on loopback whose roads make the straight-line best order the worst."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    stops = [
        tour.Stop(1, "甲", HALL[0] + 0.01, HALL[1]),
        tour.Stop(2, "乙", HALL[0] + 0.02, HALL[1]),
        tour.Stop(3, "丙", HALL[0] + 0.03, HALL[1]),
    ]
    # Nodes: stops 0..2, start 3, end 4 (= start). Road km: only 3→2→1→0→4 is short.
    big = 50_000.0
    km = [
        [0, big, big, big, 1000],
        [1000, 0, big, big, big],
        [big, 1000, 0, big, big],
        [big, big, 1000, 0, big],
        [big, big, 1000, 0, 0],
    ]
    answer = {"code": "Ok", "distances": km, "durations": [[d / 10 for d in row] for row in km]}
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            body = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        plan = tour.plan_day(
            stops, tour.TourSettings(start=HALL, osrm_url=url, end_of_day=dt.time(23, 0))
        )
    finally:
        server.shutdown()
    assert requests and requests[0].startswith("/table/v1/driving/")
    assert plan.by_road and plan.order == [3, 2, 1]
    assert plan.total_km == pytest.approx(4.0)


def test_no_routing_server_falls_back_to_straight_lines() -> None:
    plan = tour.plan_day(_stops(3, 1), tour.TourSettings(start=HALL, osrm_url="http://127.0.0.1:9"))
    assert not plan.by_road and plan.total_km > 0


@pytest.mark.parametrize(
    ("km_per_mm", "expected"), [(0.5, 20), (0.12, 2), (0.01, 0.2), (2.6, 100), (0.03, 1)]
)
def test_the_brief_scale_bar_is_a_round_length_in_km(km_per_mm: float, expected: float) -> None:
    from geo.reports.brief import scale_bar_km

    assert scale_bar_km(km_per_mm) == pytest.approx(expected)
    assert scale_bar_km(km_per_mm) <= km_per_mm * 40
