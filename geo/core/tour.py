"""Planning an inspection tour (拉练): which sites, in what order, at what time, in one day.

Travel is straight-line distance × a detour factor ÷ an average speed (offline, no routing
server). OR-Tools orders the stops with time windows: departure, minutes at each stop, a
lunch break inside its window, the end of the day. Stops that do not fit are dropped and
named, and can be planned as a second day. The result is never worse than the order the user
gave, when that order fits the day.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from geo.refusals import Refusal

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Stop:
    """A site to visit."""

    project_id: int
    name: str
    lon: float
    lat: float
    minutes: int = 20  # time on site


@dataclass(frozen=True)
class TourSettings:
    """The day's frame. Defaults: leave at 8:30, back by 18:00, lunch 12:00–13:30 for an hour."""

    start: tuple[float, float]  # (lon, lat), e.g. the government building
    end: tuple[float, float] | None = None  # None: back to the start
    depart: dt.time = dt.time(8, 30)
    end_of_day: dt.time = dt.time(18, 0)
    lunch_from: dt.time = dt.time(12, 0)
    lunch_until: dt.time = dt.time(13, 30)
    lunch_minutes: int = 60
    detour_factor: float = 1.3
    speed_kmh: float = 40.0
    search_seconds: int = 1
    osrm_url: str = ""  # a routing server for real road distances and times; "" = straight lines


@dataclass
class TourPlan:
    """A day: the order, the legs, the timetable and what did not fit."""

    order: list[int]  # project ids in visiting order
    legs_km: list[float]  # start → first, …, last → end
    total_km: float
    total_minutes: int  # from departure to return, stops and lunch included
    arrivals: list[dt.time]
    departures: list[dt.time]
    dropped: list[int] = field(default_factory=list)
    given_km: float | None = None  # the user's own order, for comparison
    detour_factor: float = 1.3
    by_road: bool = False  # distances from the routing server rather than straight lines

    def to_dict(self) -> dict[str, object]:
        return {
            "order": self.order,
            "legs_km": [round(k, 2) for k in self.legs_km],
            "total_km": round(self.total_km, 2),
            "detour_factor": self.detour_factor,
            "total_minutes": self.total_minutes,
            "dropped": self.dropped,
            "arrivals": [t.strftime("%H:%M") for t in self.arrivals],
            "departures": [t.strftime("%H:%M") for t in self.departures],
            "given_km": None if self.given_km is None else round(self.given_km, 2),
            "by_road": self.by_road,
        }


def straight_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle kilometres between two (lon, lat) points."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def osrm_table(url: str, points: list[tuple[float, float]], timeout: float = 5.0):
    """Road kilometres and minutes between all points from an OSRM server's table service,
    or None when it cannot answer (the tour is then planned with straight lines)."""
    import json
    import urllib.error
    import urllib.request

    where = ";".join(f"{lon:.6f},{lat:.6f}" for lon, lat in points)
    try:
        with urllib.request.urlopen(
            f"{url.rstrip('/')}/table/v1/driving/{where}?annotations=duration,distance",
            timeout=timeout,
        ) as response:
            answer = json.load(response)
    except (OSError, ValueError, urllib.error.URLError):
        return None
    if answer.get("code") != "Ok" or "distances" not in answer or "durations" not in answer:
        return None
    km = [[(d or 0.0) / 1000 for d in row] for row in answer["distances"]]
    minutes = [[(t or 0.0) / 60 for t in row] for row in answer["durations"]]
    return km, minutes


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _clock(minutes: int) -> dt.time:
    return dt.time(min(minutes // 60, 23), minutes % 60)


class _Problem:
    """Nodes 0..n-1 the stops, n the start, n+1 the end (the start again when returning)."""

    def __init__(self, stops: list[Stop], settings: TourSettings) -> None:
        self.stops, self.settings = stops, settings
        points = [(s.lon, s.lat) for s in stops] + [settings.start, settings.end or settings.start]
        n = len(points)
        road = osrm_table(settings.osrm_url, points) if settings.osrm_url else None
        if road is not None:
            self.km, minutes = road
            self.travel = [[round(m) for m in row] for row in minutes]
        else:
            self.km = [
                [straight_km(points[i], points[j]) * settings.detour_factor for j in range(n)]
                for i in range(n)
            ]
            self.travel = [
                [round(self.km[i][j] / settings.speed_kmh * 60) for j in range(n)] for i in range(n)
            ]
        self.by_road = road is not None
        self.service = [s.minutes for s in stops] + [0, 0]
        self.start, self.end = len(stops), len(stops) + 1

    def path(self, order: list[int]) -> list[int]:
        return [self.start, *order, self.end]

    def length_km(self, order: list[int]) -> float:
        path = self.path(order)
        return sum(self.km[a][b] for a, b in itertools.pairwise(path))

    def timetable(self, order: list[int]) -> tuple[list[int], list[int], int] | None:
        """Arrival and departure minutes at each stop, and the return, with lunch taken at the
        first moment it fits; None when the day is too short."""
        s = self.settings
        now, lunch_done = _minutes(s.depart), False
        arrivals, departures = [], []
        lunch_from, lunch_until = _minutes(s.lunch_from), _minutes(s.lunch_until)

        def maybe_lunch(t: int) -> int:
            nonlocal lunch_done
            if not lunch_done and t >= lunch_from:
                lunch_done = True
                return max(t, lunch_from) + s.lunch_minutes
            return t

        previous = self.start
        for node in order:
            now = maybe_lunch(now + self.travel[previous][node])
            if not lunch_done and now + self.service[node] > lunch_until - s.lunch_minutes:
                now = maybe_lunch(max(now, lunch_from))
            arrivals.append(now)
            now += self.service[node]
            departures.append(now)
            previous = node
        now = maybe_lunch(now + self.travel[previous][self.end])
        if now > _minutes(s.end_of_day):
            return None
        return arrivals, departures, now


def _solve(problem: _Problem, candidates: list[int]) -> tuple[list[int], list[int]]:
    """OR-Tools order of ``candidates`` within the day, and the ones it had to drop."""
    s = problem.settings
    manager = pywrapcp.RoutingIndexManager(len(problem.km), 1, [problem.start], [problem.end])
    routing = pywrapcp.RoutingModel(manager)

    def distance(i: int, j: int) -> int:
        return round(problem.km[manager.IndexToNode(i)][manager.IndexToNode(j)] * 1000)

    def duration(i: int, j: int) -> int:
        a, b = manager.IndexToNode(i), manager.IndexToNode(j)
        return problem.service[a] + problem.travel[a][b]

    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(distance))
    time_callback = routing.RegisterTransitCallback(duration)
    day = _minutes(s.end_of_day) - _minutes(s.depart)
    routing.AddDimension(time_callback, day, day, True, "time")
    time = routing.GetDimensionOrDie("time")
    lunch_start = _minutes(s.lunch_from) - _minutes(s.depart)
    latest = _minutes(s.lunch_until) - s.lunch_minutes - _minutes(s.depart)
    if 0 <= lunch_start <= day:
        lunch = routing.solver().FixedDurationIntervalVar(
            lunch_start, max(lunch_start, latest), s.lunch_minutes, False, "lunch"
        )
        visits = [problem.service[manager.IndexToNode(i)] for i in range(routing.Size())]
        time.SetBreakIntervalsOfVehicle([lunch], 0, visits)
    for node in range(len(problem.stops)):
        index = manager.NodeToIndex(node)
        if node in candidates:
            routing.AddDisjunction(
                [index], 10_000_000
            )  # dropping a stop costs more than any detour
        else:
            routing.solver().Add(routing.ActiveVar(index) == 0)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.seconds = s.search_seconds
    solution = routing.SolveWithParameters(params)
    if solution is None:
        return [], list(candidates)
    order, index = [], routing.Start(0)
    while not routing.IsEnd(index):
        node = manager.IndexToNode(index)
        if node < len(problem.stops):
            order.append(node)
        index = solution.Value(routing.NextVar(index))
    return order, [c for c in candidates if c not in order]


def plan_day(stops: list[Stop], settings: TourSettings, given: list[int] | None = None) -> TourPlan:
    """The best order of ``stops`` in one day; ``given`` is the user's order (project ids)."""
    if not stops:
        raise Refusal("tour_needs_stop")
    ids = [s.project_id for s in stops]
    if len(set(ids)) != len(ids):
        raise Refusal("stop_twice")
    problem = _Problem(stops, settings)
    order, dropped = _solve(problem, list(range(len(stops))))
    # Keep the user's own order when it fits and is no longer.
    position = {pid: i for i, pid in enumerate(ids)}
    given_nodes = [position[p] for p in (given or ids) if p in position]
    given_km = problem.length_km(given_nodes) if given is not None else None
    fits = problem.timetable(given_nodes) is not None
    if fits and (dropped or problem.length_km(given_nodes) <= problem.length_km(order) + 1e-9):
        order, dropped = given_nodes, []
    times = problem.timetable(order)
    while times is None and order:  # the solver's clock and ours disagree by rounding: trim
        dropped.append(order.pop())
        times = problem.timetable(order)
    arrivals, departures, back = times
    path = problem.path(order)
    legs = [problem.km[a][b] for a, b in itertools.pairwise(path)]
    return TourPlan(
        order=[ids[n] for n in order],
        legs_km=legs,
        total_km=sum(legs),
        total_minutes=back - _minutes(settings.depart),
        arrivals=[_clock(m) for m in arrivals],
        departures=[_clock(m) for m in departures],
        dropped=[ids[n] for n in sorted(dropped)],
        given_km=given_km,
        detour_factor=settings.detour_factor,
        by_road=problem.by_road,
    )


def plan_days(stops: list[Stop], settings: TourSettings, max_days: int = 5) -> list[TourPlan]:
    """What does not fit in a day goes to the next, until everything is planned."""
    days, remaining = [], list(stops)
    while remaining and len(days) < max_days:
        day = plan_day(remaining, settings)
        if not day.order:
            break
        days.append(day)
        remaining = [s for s in remaining if s.project_id in day.dropped]
    return days


PRESETS = ("behind_schedule", "below_30pct", "overdue_problems")


#: Stops a leader can visit in one day, about: what the tour page offers first.
DAY_STOPS = 10


def preset_stops(projects, flagged_problems, preset: str, zone: str | None = None) -> list[int]:
    """Project ids a leader typically tours: behind schedule, under 30%, or with overdue problems,
    optionally in one zone; laggards first (lowest completion rate)."""
    chosen = projects
    if zone:
        chosen = chosen[(chosen["park"] == zone) | (chosen["township"] == zone)]
    if preset == "overdue_problems":
        late = set(flagged_problems.loc[flagged_problems["overdue"], "project_id"])
        chosen = chosen[chosen["id"].isin(late)]
    elif preset in ("behind_schedule", "below_30pct"):
        chosen = chosen[chosen[preset]]
    else:
        raise ValueError(f"preset={preset!r} is not one of {', '.join(PRESETS)}")
    return chosen.sort_values("completion_rate")["id"].astype(int).tolist()


def stops_from(projects, ids: list[int], minutes: int = 20) -> list[Stop]:
    """Stops for the given project ids (a snapshot frame's rows), in that order."""
    rows = projects.set_index("id")
    return [
        Stop(
            i,
            str(rows.loc[i, "name"]),
            float(rows.loc[i, "lon"]),
            float(rows.loc[i, "lat"]),
            minutes,
        )
        for i in ids
    ]


def stop_table(ids: list[int], names: dict[int, str], minutes: int):
    """The chosen stops as an editable table: your order, the name, minutes on site."""
    import pandas as pd

    return pd.DataFrame(
        {
            "order": range(1, len(ids) + 1),
            "project_id": ids,
            "name": [names[i] for i in ids],
            "minutes": [minutes] * len(ids),
        }
    )


def order_and_minutes(edited) -> tuple[list[int], dict[int, int]]:
    """Back from the edited table: the ids in the order typed (ties keep the list order) and
    each stop's minutes."""
    rows = (
        edited.reset_index(drop=True)
        .assign(_pos=lambda d: range(len(d)))
        .sort_values(["order", "_pos"])
    )
    ids = [int(i) for i in rows["project_id"]]
    return ids, {int(i): int(m) for i, m in zip(rows["project_id"], rows["minutes"], strict=True)}
