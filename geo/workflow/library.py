"""The project library (项目库): ideas and reserve projects on their way to a list, the funnel of
a year, declaration rounds, and the key project a library project becomes.

**The maturity ladder** (:data:`geo.vocab.MATURITY_LADDER`): 谋划 idea → 储备 reserve → 申报
declared → 入库 listed, declared to and listed on a county, city or provincial list
(``list_level``). Every move is a dated step (:class:`~geo.storage.models.ReserveStep`), and the
rules allow

- **up**: to any higher place, one rung or more. Places in order: idea, reserve, then declared
  and listed on the county list, on the city's, on the province's — so a project listed by the
  county may go on to be declared to the city or the province;
- **removal** (调整出库) from any place, with a reason; a removed project is still followed
  ("仍会继续跟踪") until the office says it no longer is;
- **re-entry** of a removed project, as a reserve project only, with a reason.

**The funnel of a year** (:func:`funnel`), optionally of one zone: a library project *reached*
a rung in the year when one of its steps dated in that year took it there or higher — it counts
at every rung up to the highest it reached that year, so a project entered as reserve counts
as an idea too, and the counts never grow up the ladder (a project put back after a removal
reaches reserve again). The **conversion** of a rung is its count ÷ the count of the rung
before it (reserve ÷ idea, declared ÷ reserve, listed ÷ declared). Removals of the year and
projects entered in the library that year are counted beside the funnel.

**A declaration round** (申报, e.g. the provincial key projects of 2027) holds the library
projects entered in it, each with its outcome (:data:`geo.vocab.DECLARATION_OUTCOMES`):
``pending`` (declared, not decided yet), ``listed``, ``not_listed`` (declared, not listed) and
``withdrawn`` (entered but not selected for declaration, or withdrawn). Its summary says what
the seeds say: "55 projects entered in the provincial library, 18 of them selected and
declared, 9 listed" — *entered* is every declaration, *declared* those not withdrawn, *listed*
those listed. Entering a project as pending steps it to declared at the round's level, and
recording "listed" steps it to listed there, in the same transaction (each only when that is
up the ladder). A listing is final: a listed project leaves the list by a removal step.

Withdrawing a declaration that was pending leaves the project declared (the ladder has no
step down but removal). **Promotion** (:func:`promote`) makes a library project a key project without retyping: name,
sector → category, expected investment → total investment, zone → park or township (by the
zone's kind; the other one found from the site), site (or the zone's inner point), source unit
→ responsible unit, list level → level (county when it has none), stage "planned".

The functions over DataFrames are pure; the composing ones (``add``, ``edit``, ``step``,
``follow``, ``open_round``, ``enter_round``, ``record_outcome``, ``promote``) read and write
through :mod:`geo.storage.library`, each in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import asdict, dataclass, replace

import pandas as pd

from geo import colors, coords, formatting
from geo.config import parse_point
from geo.i18n import label, t
from geo.refusals import Refusal, Term
from geo.storage import library as stored
from geo.storage import store

# Read as stored; the pages and the command line read them through this module.
from geo.storage.library import LibraryProject
from geo.storage.library import load_declarations as load_declarations
from geo.storage.library import load_library as load_library
from geo.storage.library import load_rounds as load_rounds
from geo.storage.library import load_steps as load_steps
from geo.storage.store import Engine
from geo.vocab import CATEGORIES, DECLARATION_OUTCOMES, LEVELS, MATURITY, MATURITY_LADDER

#: The lists a project is declared to or listed on, lowest first.
LIST_LEVELS = ("county", "city", "provincial")
#: The lists a round declares to (the county lists its own projects by a step).
ROUND_LEVELS = ("city", "provincial")
#: Each maturity on the map and in the funnel chart: pale to deep up the ladder, removed red.
MATURITY_COLORS = {
    "idea": "#8c8c99",
    "reserve": "#7e57c2",
    "declared": "#f0a30a",
    "listed": colors.GREEN,
    "removed": colors.RED,
}
#: Widths of the text columns (longer text is refused, not cut).
_LONGEST = {"name": 200, "source_unit": 200}


# --------------------------------------------------------------------------- the ladder
def place(maturity: str, list_level: str | None) -> int:
    """Where a project stands, as a number that grows up the ladder (removed: -1)."""
    if maturity == "removed":
        return -1
    rung = MATURITY_LADDER.index(maturity)
    if rung < 2:
        return rung
    return 2 + 2 * LIST_LEVELS.index(list_level or "county") + (maturity == "listed")


def place_term(maturity: str, list_level: str | None) -> Term:
    """A place on the ladder in words: "入库（省级）" / "Listed (provincial)"."""
    if maturity in ("declared", "listed") and list_level:
        return Term.of(
            "library.place",
            maturity=Term.of(f"maturity.{maturity}"),
            level=Term.of(f"list_level.{list_level}"),
        )
    return Term.of(f"maturity.{maturity}")


def place_label(maturity: str, list_level: str | None, lang: str) -> str:
    """:func:`place_term` in ``lang``."""
    return place_term(maturity, list_level).text(lang)


def check_step(
    project: LibraryProject,
    maturity: str,
    *,
    taken_on: dt.date,
    list_level: str | None = None,
    reason: str | None = None,
) -> tuple[str | None, str | None]:
    """The step's list level and reason as stored, or a refusal: up the ladder only (a list
    named for declared and listed), removal and re-entry (as reserve) only with a reason, and
    never dated before the project's last step.

    >>> p = LibraryProject(1, "x", "industry", 0.0, "declared", "city", None, None, None, None,
    ...                    True, None, 1, dt.date(2026, 3, 1))
    >>> check_step(p, "reserve", taken_on=dt.date(2026, 4, 1))
    Traceback (most recent call last):
    geo.refusals.Refusal: x is at Declared (city): a step goes up the ladder, and Reserve is not up
    """
    if maturity not in MATURITY:
        raise Refusal("not_one_of", field=Term.of("library.maturity"), value=maturity)
    if taken_on < project.last_step_on:
        raise Refusal(
            "date_before",
            later=Term.of("library.taken_on"),
            later_on=taken_on,
            earlier=Term.of("library.last_step"),
            earlier_on=project.last_step_on,
        )
    reason = (reason or "").strip() or None
    leaving = maturity == "removed"
    coming_back = project.maturity == "removed"
    if leaving and coming_back:
        raise Refusal("library_already_removed", name=project.name)
    if coming_back and maturity != "reserve":
        raise Refusal("library_back_as_reserve", name=project.name)
    if (leaving or coming_back) and reason is None:
        raise Refusal("required", field=Term.of("refusal.field.reason"))
    if leaving:
        return project.list_level, reason  # the list it leaves
    if coming_back:
        return None, reason
    list_level = check_entry(maturity, list_level)
    if place(maturity, list_level) <= place(project.maturity, project.list_level):
        raise Refusal(
            "library_not_up",
            name=project.name,
            current=place_term(project.maturity, project.list_level),
            target=place_term(maturity, list_level),
        )
    return list_level, reason


def check_entry(maturity: str, list_level: str | None) -> str | None:
    """The list level a new library project is entered with: any place on the ladder (an
    office entering its existing library may start it as listed), a list named for declared
    and listed, none below."""
    if maturity not in MATURITY_LADDER:
        raise Refusal("not_one_of", field=Term.of("library.maturity"), value=maturity)
    if maturity not in ("declared", "listed"):
        return None
    if list_level is None:
        raise Refusal("required", field=Term.of("library.list_level"))
    if list_level not in LEVELS:
        raise Refusal("not_one_of", field=Term.of("library.list_level"), value=list_level)
    return list_level


def moves_offered(maturity: str, list_level: str | None) -> list[str]:
    """The maturities a step from here may go to: a removed project only back to reserve;
    others to every rung with a place above theirs (on some list), or off the list."""
    if maturity == "removed":
        return ["reserve"]
    here = place(maturity, list_level)
    return [m for m in MATURITY_LADDER if place(m, LIST_LEVELS[-1]) > here] + ["removed"]


def is_up(project: LibraryProject, maturity: str, list_level: str) -> bool:
    """Whether moving to ``maturity`` on ``list_level`` would take the project up the ladder."""
    return project.maturity != "removed" and place(maturity, list_level) > place(
        project.maturity, project.list_level
    )


# --------------------------------------------------------------------------- the fields
@dataclass(frozen=True)
class LibraryFields:
    """What a person types about a library project (:data:`geo.storage.library.EDITABLE`)."""

    name: str
    sector: str
    expected_investment_wan: float = 0.0
    land_mu: float | None = None
    source_unit: str | None = None
    zone_id: int | None = None
    lon: float | None = None
    lat: float | None = None
    note: str | None = None

    def checked(self) -> LibraryFields:
        """The fields trimmed (empty text is none), or a refusal naming the field."""
        name = self.name.strip()
        if not name:
            raise Refusal("required", field=Term.of("library.name"))
        if self.sector not in CATEGORIES:
            raise Refusal("not_one_of", field=Term.of("library.sector"), value=self.sector)
        for field, value in (
            ("expected_investment_wan", self.expected_investment_wan),
            ("land_mu", self.land_mu),
        ):
            if value is not None and not (math.isfinite(value) and value >= 0):
                raise Refusal("library_negative", field=Term.of(f"library.{field}"), value=value)
        if (self.lon is None) != (self.lat is None):
            raise Refusal("library_site_pair")
        if self.lon is not None and not (-180 <= self.lon <= 180 and -90 <= self.lat <= 90):
            raise Refusal(
                "not_on_earth", field=Term.of("library.site"), value=f"{self.lon},{self.lat}"
            )
        unit = (self.source_unit or "").strip() or None
        note = (self.note or "").strip() or None
        for field, value in (("name", name), ("source_unit", unit)):
            if value is not None and len(value) > _LONGEST[field]:
                raise Refusal(
                    "library_too_long", field=Term.of(f"library.{field}"), n=_LONGEST[field]
                )
        return replace(self, name=name, source_unit=unit, note=note)


def site_from(text: str, system: str = coords.WGS84) -> tuple[float | None, float | None]:
    """A site typed as "longitude,latitude" in ``system`` (WGS-84, GCJ-02 from Gaode or
    Tencent, BD-09 from Baidu) as WGS-84, rounded to 1e-6° (about 0.1 m); none when empty."""
    text = text.strip()
    if not text:
        return None, None
    lon, lat = coords.to_wgs84(*parse_point(text, Term.of("library.site")), system)
    return round(lon, 6), round(lat, 6)


# --------------------------------------------------------------------------- the funnel
@dataclass(frozen=True)
class Funnel:
    """A year's funnel (of one zone, or all): per rung, the library projects that reached it
    that year (``reached``) and its share of the rung before it on the ladder
    (``conversion``, None at the first rung or after an empty one); beside it, projects
    entered in the library and removed from it that year."""

    year: int
    zone_id: int | None
    rungs: pd.DataFrame  # maturity, reached, conversion
    entered: int
    removed: int

    def reached(self, maturity: str) -> int:
        return int(self.rungs.set_index("maturity").loc[maturity, "reached"])


def _in_zone(library: pd.DataFrame, zone_id: int | None) -> pd.DataFrame:
    return library if zone_id is None else library[library["zone_id"] == zone_id]


def _years(days: pd.Series) -> pd.Series:
    return pd.Series([d.year for d in days], index=days.index, dtype="int64")


def funnel(
    library: pd.DataFrame, steps: pd.DataFrame, year: int, zone_id: int | None = None
) -> Funnel:
    """The funnel of ``year`` (see the module): ``library`` as :func:`load_library` reads it,
    ``steps`` as :func:`load_steps`."""
    projects = _in_zone(library, zone_id)
    ids = set(projects["id"])
    mine = steps[steps["reserve_id"].isin(ids)]
    mine = mine[_years(mine["taken_on"]) == year] if not mine.empty else mine
    on_ladder = mine[mine["maturity"].isin(MATURITY_LADDER)]
    highest = (
        on_ladder.assign(rung=[MATURITY_LADDER.index(m) for m in on_ladder["maturity"]])
        .groupby("reserve_id")["rung"]
        .max()
    )
    reached = [int((highest >= rung).sum()) for rung in range(len(MATURITY_LADDER))]
    conversion = [None] + [
        above / below if below else None for below, above in zip(reached, reached[1:], strict=False)
    ]
    rungs = pd.DataFrame(
        {"maturity": list(MATURITY_LADDER), "reached": reached, "conversion": conversion}
    )
    entered = int((_years(projects["entered_on"]) == year).sum()) if not projects.empty else 0
    removed = int(mine.loc[mine["maturity"] == "removed", "reserve_id"].nunique())
    return Funnel(year, zone_id, rungs, entered, removed)


def step_years(steps: pd.DataFrame, also: int | None = None) -> list[int]:
    """The years with steps (and ``also``), newest first: what the year filter offers."""
    years = set(_years(steps["taken_on"])) if not steps.empty else set()
    if also is not None:
        years.add(also)
    return sorted(years, reverse=True)


def with_last_step(library: pd.DataFrame, steps: pd.DataFrame) -> pd.DataFrame:
    """``library`` with ``last_step_on``: the date of each project's latest step."""
    last = steps.groupby("reserve_id")["taken_on"].max() if not steps.empty else pd.Series()
    out = library.copy()
    out["last_step_on"] = [
        last.get(i, e) for i, e in zip(out["id"], out["entered_on"], strict=True)
    ]
    return out


def chosen(
    library: pd.DataFrame,
    steps: pd.DataFrame,
    *,
    year: int | None = None,
    zone_id: int | None = None,
    maturities: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The library projects of the list: with a step in ``year`` (None: any), in the zone,
    at one of ``maturities`` (empty: any); with ``last_step_on``; newest move first."""
    out = with_last_step(_in_zone(library, zone_id), steps)
    if year is not None:
        moved = (
            set(steps.loc[_years(steps["taken_on"]) == year, "reserve_id"]) if len(steps) else set()
        )
        out = out[out["id"].isin(moved)]
    if maturities:
        out = out[out["maturity"].isin(maturities)]
    return out.sort_values(["last_step_on", "id"], ascending=[False, True]).reset_index(drop=True)


# --------------------------------------------------------------------------- rounds
@dataclass(frozen=True)
class RoundSummary:
    """What came of a round: entered, of them declared (not withdrawn), and of those listed,
    not listed and still pending; the listing rate is listed ÷ declared."""

    entered: int
    declared: int
    listed: int
    not_listed: int
    pending: int
    withdrawn: int

    @property
    def listing_rate(self) -> float | None:
        return self.listed / self.declared if self.declared else None

    def to_dict(self) -> dict[str, object]:
        rate = self.listing_rate
        return {**asdict(self), "listing_rate": None if rate is None else round(rate, 6)}


def round_summary(declarations: pd.DataFrame) -> RoundSummary:
    """The summary of one round's declarations (``outcome`` per row)."""
    counts = declarations["outcome"].value_counts()
    n = {outcome: int(counts.get(outcome, 0)) for outcome in DECLARATION_OUTCOMES}
    return RoundSummary(
        entered=len(declarations),
        declared=len(declarations) - n["withdrawn"],
        listed=n["listed"],
        not_listed=n["not_listed"],
        pending=n["pending"],
        withdrawn=n["withdrawn"],
    )


def round_sentence(list_level: str, summary: RoundSummary, lang: str) -> str:
    """The round as the seeds report it: "55 entered in the provincial library, 18 of them
    selected and declared, 9 listed"."""
    return t(
        "library.round_sentence",
        lang,
        level=label("list_level", list_level, lang),
        entered=summary.entered,
        declared=summary.declared,
        listed=summary.listed,
    )


def find_round(rounds: pd.DataFrame, wanted: str) -> pd.Series:
    """A round by its id or its name (refused when there is none)."""
    hit = rounds[(rounds["name"] == wanted) | (rounds["id"].astype(str) == wanted)]
    if hit.empty:
        raise Refusal("not_found", kind=Term.of("record.declaration_rounds"), id=wanted)
    return hit.iloc[0]


# --------------------------------------------------------------------------- the map
def library_points(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The library projects with a site, for the map: ``lon, lat, name, maturity, label``
    (the tooltip, plain text: escaping is the map's). Left out: those that became key projects
    (they are on the map as such) and removed ones the office no longer follows."""
    shown = frame[
        frame["lon"].notna()
        & frame["lat"].notna()
        & frame["project_id"].isna()
        & (frame["followed"] | (frame["maturity"] != "removed"))
    ]
    labels = [
        f"{name} · {place_label(m, level, lang)}"
        for name, m, level in zip(
            shown["name"],
            shown["maturity"],
            shown["list_level"].where(shown["list_level"].notna(), None),
            strict=True,
        )
    ]
    return pd.DataFrame(
        {
            "lon": shown["lon"].astype(float).to_numpy(),
            "lat": shown["lat"].astype(float).to_numpy(),
            "name": shown["name"].to_numpy(),
            "maturity": shown["maturity"].to_numpy(),
            "label": labels,
        }
    )


def library_layers(frame: pd.DataFrame, lang: str) -> tuple:
    """:func:`library_points` as map layers (:class:`geo.views.maps.PointLayer`), one per
    maturity in ladder order, then the removed ones still followed, each in its colour."""
    from geo.views.maps import PointLayer

    points = library_points(frame, lang)
    layers = []
    for maturity in (*MATURITY_LADDER, "removed"):
        these = points[points["maturity"] == maturity]
        if these.empty:
            continue
        name = t("library.layer", lang, maturity=label("maturity", maturity, lang), n=len(these))
        layers.append(PointLayer(name, these.reset_index(drop=True), MATURITY_COLORS[maturity]))
    return tuple(layers)


# --------------------------------------------------------------------------- promotion
def key_project_values(
    project: LibraryProject, zone_frame: pd.DataFrame, *, code: str, plan_year: int
) -> dict[str, object]:
    """The key project a library project becomes (the projects table's columns), from its
    own fields: see the module. ``zone_frame``: ``id, kind, name, geometry`` of every zone."""
    from shapely.geometry import shape

    from geo.ingest import zones

    zone = zone_frame[zone_frame["id"] == project.zone_id]
    if project.lon is not None and project.lat is not None:
        lon, lat = float(project.lon), float(project.lat)
    elif not zone.empty:
        lon, lat = zones.label_point(shape(json.loads(zone["geometry"].iloc[0])))
        lon, lat = round(lon, 6), round(lat, 6)
    else:
        raise Refusal("library_no_place", name=project.name)
    placed = {"park": None, "township": None}
    if not zone.empty:
        placed[zone["kind"].iloc[0]] = int(project.zone_id)
    if None in placed.values() and not zone_frame.empty:  # the other one, from the site
        found = zones.locate(
            pd.DataFrame({"lon": [lon], "lat": [lat]}), zones.to_geoframe(zone_frame)
        )
        ids = dict(zip(zone_frame["name"], zone_frame["id"].astype(int), strict=True))
        for kind in placed:
            name = found[kind].iloc[0]
            if placed[kind] is None and name is not None:
                placed[kind] = ids[name]
    return {
        "code": code,
        "name": project.name,
        "lon": lon,
        "lat": lat,
        "park_id": placed["park"],
        "township_id": placed["township"],
        "category": project.sector,
        "level": project.list_level or "county",
        "build_type": "new",
        "stage": "planned",
        "plan_year": plan_year,
        "total_investment_wan": float(project.expected_investment_wan),
        "annual_plan_wan": 0.0,
        "responsible_unit": project.source_unit,
    }


# --------------------------------------------------------------------------- writes
def add(
    engine: Engine,
    fields: LibraryFields,
    *,
    entered_on: dt.date,
    maturity: str = "idea",
    list_level: str | None = None,
    actor: str | None = None,
) -> int:
    """A new library project at ``maturity`` (its first step, dated ``entered_on``); returns
    its id."""
    fields = fields.checked()
    list_level = check_entry(maturity, list_level)
    by = actor or store.current_actor()
    with store.transaction(engine, write=True, actor=by, reason="project library: added") as s:
        if fields.zone_id is not None and not stored.zone_exists(s, fields.zone_id):
            raise Refusal("not_found", kind=Term.of("record.zones"), id=fields.zone_id)
        reserve_id = stored.add_library_project(
            s, asdict(fields), maturity=maturity, entered_on=entered_on
        )
        stored.add_step(
            s,
            reserve_id,
            maturity=maturity,
            taken_on=entered_on,
            list_level=list_level,
            reason=None,
            actor=by,
        )
        return reserve_id


def edit(
    engine: Engine,
    reserve_id: int,
    fields: LibraryFields,
    *,
    version: int | None = None,
    actor: str | None = None,
) -> bool:
    """Save a library project's edited fields (not its maturity: that moves by steps);
    returns whether anything changed."""
    fields = fields.checked()
    with store.transaction(engine, write=True, actor=actor, reason="project library: edited") as s:
        if fields.zone_id is not None and not stored.zone_exists(s, fields.zone_id):
            raise Refusal("not_found", kind=Term.of("record.zones"), id=fields.zone_id)
        return stored.update_library_project(s, reserve_id, asdict(fields), version)


def step(
    engine: Engine,
    reserve_id: int,
    maturity: str,
    *,
    taken_on: dt.date,
    list_level: str | None = None,
    reason: str | None = None,
    version: int | None = None,
    actor: str | None = None,
) -> None:
    """Move a library project on the ladder (see the module for what is allowed)."""
    by = actor or store.current_actor()
    why = (reason or "").strip() or f"project library: {maturity}"
    with store.transaction(engine, write=True, actor=by, reason=why) as s:
        project = stored.library_project(s, reserve_id)
        level, reason = check_step(
            project, maturity, taken_on=taken_on, list_level=list_level, reason=reason
        )
        stored.add_step(
            s,
            reserve_id,
            maturity=maturity,
            taken_on=taken_on,
            list_level=level,
            reason=reason,
            actor=by,
            version=version,
        )


def follow(
    engine: Engine,
    reserve_id: int,
    followed: bool,
    *,
    version: int | None = None,
    actor: str | None = None,
) -> None:
    """Whether the office still follows a project taken off the list (only those stop)."""
    with store.transaction(
        engine,
        write=True,
        actor=actor,
        reason="project library: followed" if followed else "project library: no longer followed",
    ) as s:
        project = stored.library_project(s, reserve_id)
        if project.maturity != "removed" and not followed:
            raise Refusal("library_follow_removed_only", name=project.name)
        stored.set_followed(s, reserve_id, followed, version)


def open_round(
    engine: Engine,
    name: str,
    list_level: str,
    *,
    year: int,
    opened_on: dt.date,
    actor: str | None = None,
) -> int:
    """A new declaration round to the city's or the province's list; returns its id."""
    name = name.strip()
    if not name:
        raise Refusal("required", field=Term.of("library.round_name"))
    if list_level not in ROUND_LEVELS:
        raise Refusal("not_one_of", field=Term.of("library.list_level"), value=list_level)
    with store.transaction(engine, write=True, actor=actor, reason="project library: round") as s:
        return stored.add_round(s, name=name, list_level=list_level, year=year, opened_on=opened_on)


def _move_for_outcome(
    s: store.Session, project: LibraryProject, outcome: str, level: str, on: dt.date, by: str
) -> None:
    """The step an outcome means, when it is up the ladder: pending and not listed are
    declared, listed is listed, at the round's level."""
    maturity = {"pending": "declared", "not_listed": "declared", "listed": "listed"}.get(outcome)
    if maturity is None or not is_up(project, maturity, level):
        return
    check_step(project, maturity, taken_on=on, list_level=level)
    stored.add_step(
        s, project.id, maturity=maturity, taken_on=on, list_level=level, reason=None, actor=by
    )


def enter_round(
    engine: Engine,
    round_id: int,
    reserve_ids: list[int],
    *,
    outcome: str = "pending",
    on: dt.date | None = None,
    actor: str | None = None,
) -> int:
    """Enter library projects in a round (``outcome``: pending = declared; withdrawn =
    entered, not selected), stepping the declared ones to declared on the round's list, dated
    ``on`` (default: the round's opening); returns how many were entered."""
    if outcome not in DECLARATION_OUTCOMES:
        raise Refusal("not_one_of", field=Term.of("library.outcome"), value=outcome)
    by = actor or store.current_actor()
    with store.transaction(engine, write=True, actor=by, reason="project library: declared") as s:
        the_round = stored.declaration_round(s, round_id)
        day = on or the_round.opened_on
        already = stored.declared_in(s, round_id)
        for reserve_id in dict.fromkeys(reserve_ids):
            project = stored.library_project(s, reserve_id)
            if project.maturity == "removed":
                raise Refusal("library_removed_not_declared", name=project.name)
            if reserve_id in already:
                raise Refusal("library_in_round", name=project.name, round=the_round.name)
            stored.add_declaration(s, round_id, reserve_id, outcome, None)
            _move_for_outcome(s, project, outcome, the_round.list_level, day, by)
        stored.set_decided(s, round_id, None if stored.count_pending(s, round_id) else day)
        return len(dict.fromkeys(reserve_ids))


def record_outcome(
    engine: Engine,
    declaration_id: int,
    outcome: str,
    *,
    on: dt.date,
    note: str | None = None,
    version: int | None = None,
    actor: str | None = None,
) -> None:
    """Record what came of a declaration, and move the project with it (listed: listed on the
    round's list) in the same transaction; the round counts as decided on ``on`` once nothing
    in it is pending."""
    if outcome not in DECLARATION_OUTCOMES:
        raise Refusal("not_one_of", field=Term.of("library.outcome"), value=outcome)
    by = actor or store.current_actor()
    note = (note or "").strip() or None
    with store.transaction(engine, write=True, actor=by, reason=f"declaration: {outcome}") as s:
        round_id, reserve_id, before = stored.set_outcome(s, declaration_id, outcome, note, version)
        if before == "listed" and outcome != "listed":
            raise Refusal("library_listing_final")
        the_round = stored.declaration_round(s, round_id)
        project = stored.library_project(s, reserve_id)
        _move_for_outcome(s, project, outcome, the_round.list_level, on, by)
        stored.set_decided(s, round_id, None if stored.count_pending(s, round_id) else on)


def promote(
    engine: Engine, reserve_id: int, *, plan_year: int, actor: str | None = None
) -> tuple[int, str]:
    """Make a library project a key project (see the module), in one transaction; returns
    the key project's id and code. Refused a second time, and for a removed project."""
    from geo.ingest.importer import _code_counter  # one numbering of new projects: XM-YEAR-NNNN

    zone_frame = store.load_zones(engine)
    with store.transaction(
        engine, write=True, actor=actor, reason="project library: promoted"
    ) as s:
        project = stored.library_project(s, reserve_id)
        if project.project_id is not None:
            raise Refusal("library_promoted", name=project.name)
        if project.maturity == "removed":
            raise Refusal("library_promote_removed", name=project.name)
        code = _code_counter(stored.project_codes(s), plan_year)()
        values = key_project_values(project, zone_frame, code=code, plan_year=plan_year)
        project_id = stored.add_key_project(s, values)
        stored.link_key_project(s, reserve_id, project_id)
        return project_id, code


def link(engine: Engine, reserve_id: int, project_id: int, *, actor: str | None = None) -> None:
    """Say which existing key project a library project became (one listed before its entry
    here was linked, or made by hand): refused when it is linked already."""
    with store.transaction(engine, write=True, actor=actor, reason="project library: linked") as s:
        project = stored.library_project(s, reserve_id)
        if project.project_id is not None:
            raise Refusal("library_promoted", name=project.name)
        if not store.project_exists(s, project_id):
            raise Refusal("not_found", kind=Term.of("record.projects"), id=project_id)
        stored.link_key_project(s, reserve_id, project_id)


# --------------------------------------------------------------------------- tables, records
def library_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`chosen` as the page's list, column names in ``lang``."""
    col = lambda key: t(f"library.col.{key}", lang)  # noqa: E731 - a short alias
    return pd.DataFrame(
        {
            col("name"): frame["name"],
            col("maturity"): [
                place_label(m, None if formatting.is_missing(v) else v, lang)
                for m, v in zip(frame["maturity"], frame["list_level"], strict=True)
            ],
            col("zone"): frame["zone"],
            col("expected_investment_wan"): [
                formatting.wan(v) for v in frame["expected_investment_wan"]
            ],
            col("sector"): [label("category", c, lang) for c in frame["sector"]],
            col("source_unit"): frame["source_unit"],
            col("last_step_on"): [formatting.date(d, lang) for d in frame["last_step_on"]],
            col("land_mu"): [
                None if formatting.is_missing(v) else f"{v:,.0f}" for v in frame["land_mu"]
            ],
            # Said of those taken off the list: the others are followed as a matter of course.
            col("followed"): [
                ""
                if m != "removed"
                else t("library.following" if f else "library.not_following", lang)
                for m, f in zip(frame["maturity"], frame["followed"], strict=True)
            ],
            col("project_code"): frame["project_code"],
        }
    )


def history_table(steps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One project's steps, oldest first, column names in ``lang``."""
    col = lambda key: t(f"library.col.{key}", lang)  # noqa: E731 - a short alias
    return pd.DataFrame(
        {
            col("taken_on"): [formatting.date(d, lang) for d in steps["taken_on"]],
            col("maturity"): [
                place_label(m, None if formatting.is_missing(v) else v, lang)
                for m, v in zip(steps["maturity"], steps["list_level"], strict=True)
            ],
            col("reason"): [formatting.text(r) for r in steps["reason"]],
            col("actor"): steps["actor"],
        }
    )


def declarations_table(declarations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A round's declarations, column names in ``lang``."""
    col = lambda key: t(f"library.col.{key}", lang)  # noqa: E731 - a short alias
    return pd.DataFrame(
        {
            col("name"): declarations["name"],
            col("zone"): declarations["zone"],
            col("expected_investment_wan"): [
                formatting.wan(v) for v in declarations["expected_investment_wan"]
            ],
            col("outcome"): [
                label("declaration_outcome", o, lang) for o in declarations["outcome"]
            ],
            col("note"): declarations["note"],
        }
    )


def rounds_table(rounds: pd.DataFrame, declarations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every round with its summary, newest first, column names in ``lang``."""
    col = lambda key: t(f"library.col.{key}", lang)  # noqa: E731 - a short alias
    summaries = [round_summary(declarations[declarations["round_id"] == i]) for i in rounds["id"]]
    return pd.DataFrame(
        {
            col("round"): rounds["name"],
            col("list_level"): [label("list_level", v, lang) for v in rounds["list_level"]],
            col("year"): rounds["year"].astype(str),
            col("opened_on"): [formatting.date(d, lang) for d in rounds["opened_on"]],
            col("decided_on"): [formatting.date(d, lang) for d in rounds["decided_on"]],
            t("library.summary.entered", lang): [x.entered for x in summaries],
            t("library.summary.declared", lang): [x.declared for x in summaries],
            t("library.summary.listed", lang): [x.listed for x in summaries],
            t("library.summary.pending", lang): [x.pending for x in summaries],
        }
    )


_RECORD_FIELDS = (
    "id",
    "name",
    "sector",
    "expected_investment_wan",
    "land_mu",
    "maturity",
    "list_level",
    "source_unit",
    "zone",
    "lon",
    "lat",
    "entered_on",
    "last_step_on",
    "followed",
    "removed_reason",
    "project_id",
    "project_code",
    "note",
)


def library_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-ready library projects (``frame`` from :func:`chosen`): the command line's
    ``library --json``."""
    return formatting.json_records(
        frame, {f: f for f in _RECORD_FIELDS}, counts=("id", "project_id")
    )


def funnel_record(result: Funnel, zone: str | None) -> dict[str, object]:
    """JSON-ready funnel: ``library --funnel YEAR --json``."""
    return {
        "year": result.year,
        "zone": zone,
        "rungs": formatting.json_records(
            result.rungs,
            {"maturity": "maturity", "reached": "reached", "conversion": "conversion"},
            rates=("conversion",),
            counts=("reached",),
        ),
        "entered": result.entered,
        "removed": result.removed,
    }


def round_record(the_round: pd.Series, declarations: pd.DataFrame) -> dict[str, object]:
    """JSON-ready round, its summary and its declarations: ``library --round NAME --json``."""
    summary = round_summary(declarations)
    return {
        "round": formatting.jsonable(
            {
                k: the_round[k]
                for k in ("id", "name", "list_level", "year", "opened_on", "decided_on")
            }
        ),
        "summary": summary.to_dict(),
        "sentence": round_sentence(the_round["list_level"], summary, "zh"),
        "declarations": formatting.json_records(
            declarations,
            {
                "id": "id",
                "reserve_id": "reserve_id",
                "name": "name",
                "zone": "zone",
                "outcome": "outcome",
                "note": "note",
            },
            counts=("id", "reserve_id"),
        ),
    }
