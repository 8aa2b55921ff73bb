"""``python -m geo``: the office's automation interface.

Every command exits 0 on success; on failure it prints one line to stderr (no
traceback) and exits 1 (2 for a wrong command line).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from geo import lazy


def _lazy(name: str) -> ModuleType:
    """``geo.<name>``, loaded when first used: ``--help`` and light commands do not pay for
    pandas, SQLAlchemy, folium and fpdf."""
    return lazy.module(f"geo.{name}")


accounts = lazy.module("geo.storage.accounts")
approvals = lazy.module("geo.workflow.approvals")
areas = lazy.module("geo.ingest.areas")
assets = lazy.module("geo.views.assets")
backup = lazy.module("geo.storage.backup")
boundaries = lazy.module("geo.ingest.boundaries")
brief = lazy.module("geo.reports.brief")
bulletin = lazy.module("geo.reports.bulletin")
config = _lazy("config")
demo = lazy.module("geo.ops.demo")
documents = lazy.module("geo.reports.documents")
escalation = lazy.module("geo.workflow.escalation")
exporter = lazy.module("geo.ingest.exporter")
formatting = _lazy("formatting")
importer = lazy.module("geo.ingest.importer")
ledger = lazy.module("geo.ingest.ledger")
letters = lazy.module("geo.workflow.letters")
library = lazy.module("geo.workflow.library")
maps = lazy.module("geo.views.maps")
measures = lazy.module("geo.core.measures")
meetings = lazy.module("geo.workflow.meetings")
minutes = lazy.module("geo.reports.minutes")
notices = lazy.module("geo.workflow.notices")
notify = lazy.module("geo.workflow.notify")
office = lazy.module("geo.workflow.office")
outbox = lazy.module("geo.workflow.outbox")
problems = lazy.module("geo.core.problems")
ranking = lazy.module("geo.workflow.ranking")
resumption = lazy.module("geo.workflow.resumption")
roadmap = lazy.module("geo.workflow.roadmap")
sessions = lazy.module("geo.storage.sessions")
share = lazy.module("geo.workflow.share")
signin = lazy.module("geo.storage.signin")
signing = lazy.module("geo.workflow.signing")
snapshot = lazy.module("geo.core.snapshot")
store = lazy.module("geo.storage.store")
stress = lazy.module("geo.ops.stress")
tour = lazy.module("geo.core.tour")
vocab = _lazy("vocab")
year_report = lazy.module("geo.reports.yearend")
yearend = lazy.module("geo.workflow.yearend")


class CommandError(Exception):
    """A failure to report as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + error
        raise SystemExit(_fail(f"{self.prog}: {message}", code=2))


def _fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-09-30") from None


def _month(text: str) -> letters.Month:
    try:
        return letters.Month.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _percent(rate: float | None) -> str:
    """A rate from a JSON record as the terminal shows it: 81.2%, or — when there is none."""
    return "—" if rate is None else f"{rate:.1%}"


def _print_json(value: object) -> None:
    """Strict JSON (no NaN, no pandas types): what jq, JavaScript and any parser accept."""
    print(json.dumps(formatting.jsonable(value), ensure_ascii=False, indent=1, allow_nan=False))


@dataclass(frozen=True)
class _Command:
    """One ``python -m geo NAME``: its options, declared beside the function that runs it."""

    name: str
    help: str
    options: tuple[tuple[tuple[str, ...], dict[str, Any]], ...]
    json: bool  # takes --json (the same flag, with the same meaning, everywhere)
    run: Callable[[argparse.Namespace], int]
    defaults: dict[str, Any]


_COMMANDS: list[_Command] = []
_JSON_HELP = "print strict JSON (for jq and scripts) instead of lines"


def option(*flags: str, **settings: Any) -> tuple[tuple[str, ...], dict[str, Any]]:
    """One option of a command, as ``ArgumentParser.add_argument`` takes it."""
    return flags, settings


def command(
    name: str,
    help: str,
    *,
    options: Sequence[tuple[tuple[str, ...], dict[str, Any]]] = (),
    json: bool = False,
    **defaults: Any,
) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    """Make the function below the command ``name`` (in ``--help`` in the order defined)."""

    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        _COMMANDS.append(_Command(name, help, tuple(options), json, run, defaults))
        return run

    return register


def _engine(args: argparse.Namespace):
    url = args.db or config.load_settings().db_url
    return store.make_engine(url)


def _settings(args: argparse.Namespace) -> config.Settings:
    """The server's environment over the office's stored settings (issuer, prefix, tour start…)."""
    return config.load_settings(stored=store.load_office_settings(_engine(args)))


def _ready_engine(args: argparse.Namespace):
    engine = _engine(args)
    state = store.schema_state(engine)
    if state == "old":
        raise CommandError(
            "the database was made by an earlier version; run `python -m geo migrate`"
        )
    if state == "empty":  # a new office's database: make it, as `migrate` would
        store.migrate(engine)
        print(f"note: created the tables in the new database {engine.url!r}", file=sys.stderr)
    return engine


@command(
    "demo",
    help="(re)build the demo county",
    options=[
        option("--as-of", type=_date, help="default: 2026-10-31, the demo's last report"),
        option("--regenerate-boundaries", action="store_true"),
        option(
            "--accounts",
            action="store_true",
            help="also one account per role, with random passwords printed once",
        ),
    ],
)
def _cmd_demo(args: argparse.Namespace) -> int:
    if args.regenerate_boundaries:
        demo.write_boundaries()
        print(f"wrote {demo.BOUNDARY_FILE}")
    engine = _engine(args)
    counts = demo.build_demo(
        engine, args.as_of or demo.DEFAULT_AS_OF, photo_dir=_settings(args).photo_dir
    )
    print("demo county built: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
    if args.accounts:
        print("demo accounts (passwords shown once, made up just now):")
        for username, role, zones, password in demo.demo_accounts(engine):
            print(f"  {username:<10} {role:<13} {password}  {'、'.join(zones)}")
    return 0


@command("migrate", help="create or upgrade the schema")
def _cmd_migrate(args: argparse.Namespace) -> int:
    store.migrate(_engine(args))
    print("schema is current")
    return 0


@command("projects", help="list projects", options=[option("--as-of", type=_date)], json=True)
def _cmd_projects(args: argparse.Namespace) -> int:
    snap = snapshot.take_snapshot(_ready_engine(args), args.as_of)
    records = snapshot.project_records(snap.projects)
    if args.json:
        _print_json(records)
    else:
        for r in records:
            rate = "—" if r["completion_rate"] is None else f"{r['completion_rate']:.1%}"
            print(f"{r['id']:>5}  {rate:>7}  {r['name']}")
    return 0


@command(
    "kpis",
    help="headline numbers, optionally by group",
    options=[option("--as-of", type=_date), option("--by", choices=tuple(vocab.GROUP_COLUMNS))],
    json=True,
)
def _cmd_kpis(args: argparse.Namespace) -> int:
    snap = snapshot.take_snapshot(_ready_engine(args), args.as_of)
    head = measures.headline(snap.projects, snap.as_of)
    result = head.to_dict()
    groups = measures.by_group(snap.projects, args.by) if args.by else None
    result["groups"] = measures.groups_to_records(groups) if groups is not None else []
    if args.json:
        _print_json(result)
        return 0
    print(
        f"as of {head.as_of}  time schedule {head.time_schedule:.1%}  projects {head.projects}\n"
        f"annual plan {head.annual_plan_wan:,.0f} 万元  completed {head.completed_wan:,.0f} 万元"
        f"  rate {head.completion_rate:.1%}\n"
        f"behind schedule {head.behind_schedule}  behind own monthly plan {head.behind_own_plan}"
        f"  under 30% {head.below_30pct}"
    )
    for g in result["groups"]:
        rate = _percent(g["completion_rate"])
        print(f"  {g['key']:<20} {g['projects']:>4}  {rate:>7}  behind {g['behind_schedule']}")
    return 0


@command(
    "render-map",
    help="the overview map as one standalone HTML file",
    options=[
        option("out", metavar="OUT.html"),
        option("--color-by", choices=vocab.COLOR_BY, default="completion"),
        option("--as-of", type=_date),
        option("--lang", choices=vocab.LANGUAGES),
        option("--tiles", help="osm, gaode, gaode_satellite, tianditu, none or a URL template"),
    ],
)
def _cmd_render_map(args: argparse.Namespace) -> int:
    settings = _settings(args)
    snap = snapshot.take_snapshot(_ready_engine(args), args.as_of)
    options = maps.MapOptions(
        color_by=args.color_by,
        lang=args.lang or settings.language,
        tiles=args.tiles or settings.tiles,
        tiles_attribution=settings.tiles_attribution,
        tianditu_key=settings.tianditu_key,
        resumption_period=snap.resumption_period or "",
    )
    fmap = maps.overview_map(snap.projects, measures.zone_rates(snap.projects, snap.zones), options)
    assets.inline_assets(fmap)
    out = Path(args.out)
    fmap.save(str(out))
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(snap.projects)} projects)")
    return 0


def _mapping(pairs: list[str]) -> dict[str, str | None]:
    """``--map "2018年完成投资(亿元)=completed"`` (``=-`` leaves a column unread)."""
    mapping: dict[str, str | None] = {}
    for pair in pairs:
        header, sep, word = pair.rpartition("=")
        if not sep or not header.strip():
            raise CommandError(f"--map {pair!r}: write it as HEADER=FIELD, or HEADER=- to skip")
        try:
            mapping[ledger.header_key(header)] = ledger.field_named(word)
        except ValueError as exc:
            raise CommandError(f"--map {pair!r}: {exc}") from None
    return mapping


def _category(word: str | None) -> str | None:
    if word is None:
        return None
    found = ledger.category_from_text(word)
    if found is None:
        choices = ", ".join(f"{code} ({zh})" for code, zh in vocab.CATEGORIES.items())
        raise CommandError(f"--category {word!r} is not a category; use one of {choices}")
    return found


@command(
    "import-ledger",
    help="read an Excel/CSV ledger into the database",
    options=[
        option("file", type=Path),
        option("--sheet"),
        option("--as-of", type=_date),
        option("--crs", help="coordinates' system: WGS-84 (default), GCJ-02, BD-09, EPSG:n"),
        option("--dry-run", action="store_true", help="report what would change, write nothing"),
        option(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="read the column headed HEADER as FIELD (completed, annual_plan, name, 年度完成投资…); "
            "HEADER=- leaves it unread; repeat for more columns",
        ),
        option(
            "--save-mapping",
            action="store_true",
            help="remember the --map choices for the next ledger of this shape",
        ),
        option("--category", help="category of rows that state none (工业, industry…)"),
        option("--reason", help="why a closed year's reports change (kept in the history)"),
    ],
    json=True,
)
def _cmd_import_ledger(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    mapping = _mapping(args.map)
    plan = importer.import_ledger(
        engine,
        args.file,
        sheet=args.sheet,
        as_of=args.as_of,
        crs=args.crs,
        dry_run=args.dry_run,
        mapping=mapping,
        category=_category(args.category),
        home=_settings(args).tour_start,
        reason=args.reason,
    )
    written = not args.dry_run and not plan.errors
    saved = store.save_ledger_mapping(engine, mapping) if args.save_mapping and written else 0
    summary = {**plan.summary(), "written": written, "mapping_saved": saved}
    if args.json:
        _print_json(summary)
    else:
        verb = "would change" if args.dry_run else "changed"
        print(
            f"{summary['file']} ({summary['sheet']}, as of {summary['as_of']}, {summary['crs']}): "
            f"{summary['rows']} projects read; {verb}: {summary['new_projects']} new, "
            f"{summary['updated_projects']} updated, {summary['unchanged_projects']} unchanged, "
            f"{summary['reports']} reports, {summary['problems']} new problems, "
            f"{summary['monthly_targets']} monthly plans"
        )
        if args.dry_run:
            print("columns of the sheet:")
            for column in ledger.column_rows(plan.reading, "en"):
                print("  " + "  ".join(str(v) for v in column.values()))
        for warning in summary["warnings"]:
            print(f"warning: {warning}")
        if saved:
            print(f"remembered how to read {saved} column header(s) for the next ledger")
        elif args.save_mapping and mapping and not written:
            print("note: the mapping is remembered when the ledger is imported (not on --dry-run)")
    for error in summary["errors"]:
        print(f"error: {error}", file=sys.stderr)
    if plan.errors:
        print("error: nothing was written", file=sys.stderr)
        return 1
    return 0


@command(
    "export-ledger",
    help="the canonical ledger as .xlsx or .csv",
    options=[option("out", metavar="OUT.xlsx"), option("--as-of", type=_date)],
)
def _cmd_export_ledger(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    snap = snapshot.take_snapshot(engine, args.as_of)
    frame = exporter.ledger_frame(
        snap.projects,
        exporter.open_problems(store.load_problems(engine)),
        snap.as_of,
        targets=store.load_targets(engine, snap.as_of.year),
    )
    out = Path(args.out)
    if out.suffix.lower() == ".csv":
        exporter.write_csv(frame, out)
    elif out.suffix.lower() == ".xlsx":
        exporter.write_xlsx(frame, snap.as_of, out)
    else:
        raise CommandError(f"{out}: export to .xlsx or .csv")
    print(f"wrote {out} ({len(frame)} projects, as of {snap.as_of})")
    return 0


@command(
    "import-zones",
    help="parks or townships from GeoJSON, Shapefile (.zip), GPKG, KML",
    options=[
        option("file", type=Path),
        option("--kind", choices=("park", "township"), required=True),
        option("--name-field", help="the attribute holding the zone's name (found when obvious)"),
        option("--dry-run", action="store_true"),
    ],
    json=True,
)
def _cmd_import_zones(args: argparse.Namespace) -> int:
    result = boundaries.import_boundaries(
        _ready_engine(args), args.file, args.kind, args.name_field, dry_run=args.dry_run
    )
    summary = result.summary()
    if args.json:
        _print_json(summary)
        return 0
    verb = "would add" if args.dry_run else "added"
    print(
        f"{result.file} ({result.crs}, names from {result.name_field!r}): {verb} {len(result.new)} "
        f"{args.kind}(s), updated {len(result.updated)}; {result.moved_projects} projects re-assigned"
    )
    if result.outside:
        print(f"outside every township ({len(result.outside)}): " + "、".join(result.outside))
    return 0


@command(
    "problems",
    help="the problem list with its flags",
    options=[
        option("--project", type=int),
        option("--zone", help="a park or township name"),
        option("--status", choices=("open", "overdue", "carried", "resolved")),
        option("--as-of", type=_date, help="flags as they stood on this day (default today)"),
    ],
    json=True,
)
def _cmd_problems(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    day = args.as_of or dt.date.today()
    flagged = problems.as_of(store.load_problems(engine, args.project), day)
    if args.zone:
        flagged = flagged[(flagged["park"] == args.zone) | (flagged["township"] == args.zone)]
    status_filter = {
        "open": flagged["is_open"],
        "overdue": flagged["overdue"],
        "carried": flagged["carried_over"],
        "resolved": ~flagged["is_open"],
    }
    if args.status:
        flagged = flagged[status_filter[args.status]]
    records = problems.records(flagged)
    if args.json:
        _print_json(records)
    else:
        for r in records:
            flags = " ".join(f for f in ("overdue", "carried_over", "stale") if r[f])
            print(
                f"{r['id']:>5}  {r['status']:<12} {r['deadline'] or '':<10}  {r['project']}: {r['text']}  {flags}"
            )
    return 0


@command(
    "meetings",
    help="meetings with their decisions",
    options=[option("--project", type=int)],
    json=True,
)
def _cmd_meetings(args: argparse.Namespace) -> int:
    records = meetings.records(store.load_meetings(_ready_engine(args), args.project))
    if args.json:
        _print_json(records)
    else:
        for r in records:
            print(
                f"{r['id']:>4}  {r['held_on']}  {r['kind']:<12} {r['title']}  ({r['decisions']} decisions)"
            )
    return 0


@command(
    "minutes",
    help="a meeting's minutes (会议纪要) as .docx",
    options=[option("meeting_id", type=int), option("out", metavar="OUT.docx")],
)
def _cmd_minutes(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    all_meetings = store.load_meetings(engine)
    found = all_meetings[all_meetings["id"] == args.meeting_id]
    if found.empty:
        raise CommandError(f"there is no meeting {args.meeting_id}")
    decisions = store.load_decisions(engine, args.meeting_id)
    projects = store.load_projects(engine)
    names = dict(zip(projects["id"].astype(int), projects["name"], strict=True))
    minutes.write_minutes(found.iloc[0].to_dict(), decisions, names, Path(args.out))
    print(f"wrote {args.out} ({len(decisions)} decisions)")
    return 0


@command(
    "tour",
    help="plan an inspection tour through some projects",
    options=[
        option("--stops", required=True, help="project ids, e.g. 3,17,42"),
        option("--start", help="lon,lat (default: GEO_TOUR_START)"),
        option("--end", help="lon,lat (default: back to the start)"),
        option("--pdf", metavar="OUT.pdf", help="also write the brief"),
    ],
    json=True,
)
def _cmd_tour(args: argparse.Namespace) -> int:
    settings = _settings(args)
    engine = _ready_engine(args)
    try:
        wanted = [int(part) for part in args.stops.split(",") if part.strip()]
    except ValueError:
        raise CommandError(
            f"--stops {args.stops!r} is not a list of project ids like 3,17,42"
        ) from None
    projects = snapshot.take_snapshot(engine).projects.set_index("id")
    missing = [i for i in wanted if i not in projects.index]
    if missing:
        raise CommandError(f"no project with id {', '.join(map(str, missing))}")
    stops = [
        tour.Stop(i, projects.loc[i, "name"], projects.loc[i, "lon"], projects.loc[i, "lat"])
        for i in wanted
    ]
    start = config.parse_point(args.start, "--start") if args.start else settings.tour_start
    end = config.parse_point(args.end, "--end") if args.end else None
    plan = tour.plan_day(
        stops, tour.TourSettings(start=start, end=end, osrm_url=settings.osrm_url), given=wanted
    )
    if args.pdf:
        facts = brief.read_facts(engine, stops)
        brief.write_brief(
            facts, plan, stops, Path(args.pdf), start=start, end=end, photo_dir=settings.photo_dir
        )
    if args.json:
        _print_json(plan.to_dict())
    else:
        names = dict(zip(wanted, (s.name for s in stops), strict=True))
        for n, (pid, arrive) in enumerate(zip(plan.order, plan.arrivals, strict=True), start=1):
            print(f"{n:>2}. {arrive:%H:%M}  {names[pid]}")
        print(
            f"{plan.total_km:.1f} km, {plan.total_minutes // 60} h {plan.total_minutes % 60:02d} min"
            + (f"; not today: {', '.join(names[p] for p in plan.dropped)}" if plan.dropped else "")
        )
    return 0


@command(
    "bulletin",
    help="the monthly bulletin (月通报) as .docx or .pdf",
    options=[
        option("out", metavar="OUT.docx|OUT.pdf"),
        option("--as-of", type=_date, help="default: the latest report date"),
        option("--lang", choices=vocab.LANGUAGES, help="default: GEO_LANG"),
    ],
)
def _cmd_bulletin(args: argparse.Namespace) -> int:
    settings = _settings(args)
    out = Path(args.out)
    if out.suffix.lower() not in (".docx", ".pdf"):
        raise CommandError(f"{out}: the bulletin is written as .docx or .pdf")
    facts = bulletin.compile_facts(_ready_engine(args), args.as_of)
    document = bulletin.bulletin_document(
        facts, args.lang or settings.language, issuer=settings.issuer, area=settings.area
    )
    documents.write(document, out)
    h = facts.headline
    print(
        f"wrote {out}: as of {facts.as_of}, {h.projects} projects, rate "
        f"{h.completion_rate:.1%}, {h.behind_schedule} behind schedule"
    )
    return 0


@command(
    "ranking",
    help="the quarterly ranking (季排名) by composite score",
    options=[
        option("--by", choices=vocab.RANKING_GROUPINGS, required=True),
        option("--as-of", type=_date, help="default: the latest report date"),
    ],
    json=True,
)
def _cmd_ranking(args: argparse.Namespace) -> int:
    weights = ranking.parse_weights(_settings(args).ranking_weights)
    table = ranking.quarterly(_ready_engine(args), args.by, args.as_of, weights)
    rows = ranking.records(table)
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        rank = "—" if row["rank"] is None else str(row["rank"])
        before = "—" if row["previous_rank"] is None else str(row["previous_rank"])
        score = "—" if row["score"] is None else f"{row['score']:.1f}"
        print(f"{rank:>3}  {score:>6}  (last quarter {before:>2})  {row['key']}")
    return 0


def _closed_year(args: argparse.Namespace, engine) -> yearend.YearEnd:
    found = yearend.year_end(engine, args.year)
    if found is None:
        raise CommandError(f"{args.year} is not closed; close it with `python -m geo year-close`")
    return found


@command(
    "year-close",
    help="close a year (年终决算): freeze its figures and make the annual assessment",
    options=[
        option("year", type=int),
        option("--today", type=_date, help="the day it is done (default: today)"),
    ],
    json=True,
)
def _cmd_year_close(args: argparse.Namespace) -> int:
    weights = ranking.parse_weights(_settings(args).ranking_weights)
    closed = yearend.close_year(_ready_engine(args), args.year, weights=weights, today=args.today)
    result = closed.to_dict()
    if args.json:
        _print_json(result)
        return 0
    print(
        f"closed {closed.year} as of {closed.as_of}: {result['projects']} projects, annual plan "
        f"{result['annual_plan_wan']:,.0f} 万元, completed {result['completed_wan']:,.0f} 万元, "
        f"rate {_percent(result['completion_rate'])}; assessed "
        + ", ".join(f"{n} by {by}" for by, n in closed.assessed.items())
    )
    return 0


@command(
    "year-assessment",
    help="a closed year's annual assessment (年度考核) with grades",
    options=[option("year", type=int), option("--by", choices=vocab.RANKING_GROUPINGS)],
    json=True,
)
def _cmd_year_assessment(args: argparse.Namespace) -> int:
    assessed = _closed_year(args, _ready_engine(args)).assessments
    if args.by:
        assessed = assessed[assessed["grouping"] == args.by]
    rows = yearend.assessment_records(assessed)
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        rank = "—" if row["rank"] is None else str(row["rank"])
        score = "—" if row["score"] is None else f"{row['score']:.1f}"
        print(f"{row['grouping']:<9} {rank:>3}  {score:>6}  {row['grade'] or '—':<10} {row['key']}")
    return 0


@command(
    "year-compare",
    help="one project year by year: frozen figures of closed years, live ones of this year",
    options=[
        option("project_id", type=int),
        option("--as-of", type=_date, help="the live year's date (default: the latest report)"),
    ],
    json=True,
)
def _cmd_year_compare(args: argparse.Namespace) -> int:
    rows = yearend.comparison_records(
        yearend.compare(_ready_engine(args), args.project_id, args.as_of)
    )
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        print(
            f"{r['year']}  {r['status']:<6} {r['as_of']}  plan {r['annual_plan_wan']:>12,.0f}  "
            f"completed {r['completed_wan']:>12,.0f}  {_percent(r['completion_rate']):>7}  "
            f"{r['stage']}  {r['name']}"
        )
    return 0


@command(
    "year-report",
    help="a closed year's settlement and assessment report as .docx or .pdf",
    options=[
        option("year", type=int),
        option("out", metavar="OUT.docx|OUT.pdf"),
        option("--lang", choices=vocab.LANGUAGES, help="default: GEO_LANG"),
    ],
)
def _cmd_year_report(args: argparse.Namespace) -> int:
    settings = _settings(args)
    out = Path(args.out)
    if out.suffix.lower() not in (".docx", ".pdf"):
        raise CommandError(f"{out}: the report is written as .docx or .pdf")
    found = _closed_year(args, _ready_engine(args))
    document = year_report.year_document(
        found, args.lang or settings.language, issuer=settings.issuer, area=settings.area
    )
    documents.write(document, out)
    print(
        f"wrote {out}: {found.year} as of {found.as_of}, {found.headline.projects} projects, "
        f"{len(found.assessments)} assessed, {len(found.rewards)} rewards and sanctions"
    )
    return 0


@command(
    "reward-sanction",
    help="rewards and sanctions (奖惩) of a year: add, list, remove",
    options=[
        option("action", choices=("add", "list", "remove")),
        option("--year", type=int, help="the year assessed (add; list: only this year)"),
        option("--grouping", choices=("park", "township", "unit"), default="unit"),
        option("--target", help="the unit or zone, as named in the assessment"),
        option("--kind", choices=("reward", "sanction")),
        option("--measure", help="commendation, bonus, notice_of_criticism, interview…"),
        option("--on", type=_date, help="the day it was decided"),
        option("--document", help="the document's number"),
        option("--note"),
        option("--id", type=int, help="remove: the record's id"),
    ],
    json=True,
)
def _cmd_reward_sanction(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    if args.action == "add":
        if args.year is None or args.kind is None or args.measure is None:
            raise CommandError("add needs --year, --kind and --measure")
        entry = yearend.RewardSanction(
            year=args.year,
            grouping=args.grouping,
            target=args.target or "",
            kind=args.kind,
            measure=args.measure,
            decided_on=args.on,
            document_no=args.document,
            note=args.note,
        )
        new_id = yearend.record_reward_sanction(engine, entry)
        if args.json:
            _print_json({"id": new_id})
        else:
            print(f"recorded {args.kind} #{new_id} for {entry.target.strip()} ({args.year})")
        return 0
    if args.action == "remove":
        if args.id is None:
            raise CommandError("remove needs --id")
        yearend.remove_reward_sanction(engine, args.id)
        if args.json:
            _print_json({"removed": args.id})
        else:
            print(f"removed #{args.id}")
        return 0
    rows = yearend.reward_records(yearend.rewards_sanctions(engine, args.year))
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        print(
            f"{r['id']:>4} {r['year']} {r['decided_on']}  {r['kind']:<8} {r['measure']:<20} "
            f"{r['target']}  {r['document_no'] or ''}"
        )
    return 0


@command(
    "stress",
    help="concurrent editors against a scratch database",
    options=[
        option("--writers", type=int, default=20),
        option("--writes", type=int, default=100, help="saves per editor"),
        option("--records", type=int, default=5, help="records they share"),
        option(
            "--db", dest="stress_db", help="an EMPTY database (default: a temporary SQLite file)"
        ),
    ],
    json=True,
)
def _cmd_stress(args: argparse.Namespace) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        url = args.stress_db or args.db or f"sqlite:///{scratch}/stress.db"
        result = stress.run(url, writers=args.writers, writes=args.writes, records=args.records)
    if args.json:
        _print_json(result.to_dict())
    else:
        print(
            f"{result.backend}: {result.writers} editors, {result.writes} saves in "
            f"{result.seconds:.2f} s ({result.writes_per_second:.0f}/s); conflicts refused "
            f"{result.conflicts}, errors {result.errors}, lost updates {result.lost_updates}"
        )
    return 0 if result.lost_updates == 0 and result.errors == 0 else 1


@command(
    "backup",
    help="every table to one file (.json.gz), any back end",
    options=[option("out", metavar="OUT.json.gz")],
)
def _cmd_backup(args: argparse.Namespace) -> int:
    counts = backup.backup(_ready_engine(args), Path(args.out))
    print(f"wrote {args.out}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))
    return 0


@command(
    "restore",
    help="replace everything with a backup (one transaction)",
    options=[option("input", metavar="IN.json.gz")],
)
def _cmd_restore(args: argparse.Namespace) -> int:
    engine = _engine(args)
    document = backup.read_backup(Path(args.input))  # a wrong file: refused before anything
    if store.schema_state(engine) == "current" and any(store.count_rows(engine).values()):
        # What is about to be replaced is kept, in case the wrong file was named.
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = config.DATA_DIR / "backups" / f"before-restore-{stamp}.json.gz"
        backup.backup(engine, kept)
        print(f"the data being replaced was saved to {kept}")
    counts = backup.restore(engine, Path(args.input), document)
    print(f"restored {args.input}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))
    return 0


def _new_password(args: argparse.Namespace) -> str | None:
    if args.sso:
        return None
    if args.password_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise CommandError("the two passwords differ")
    return first


def _area(text: str) -> areas.Area:
    """``420625`` or ``谷城县``: one area, or a message listing what the text could mean."""
    found = areas.search(text, limit=8)
    exact = [a for a in found if text.strip() in (a.code, a.name)]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if not found:
        raise CommandError(f"--area {text!r}: no province, city or county is named or coded so")
    said = "; ".join(f"{a.code} {a.full_name}" for a in found)
    raise CommandError(f"--area {text!r} could be several: {said}; give the code")


@command(
    "init",
    help="set up a new office: its area, name and first administrator",
    options=[
        option("--area", required=True, help="administrative code or name: 420625, 谷城县"),
        option("--issuer", required=True, help="the office's full name, on letters"),
        option("--prefix", help="its short name in letter numbers (default: the full name)"),
        option("--admin", default="admin", help="the first administrator's user name"),
        option("--password-stdin", action="store_true"),
        option("--tour-start", help="lon,lat (WGS-84) of the government building"),
        option(
            "--counties-as-zones",
            action="store_true",
            help="a city's office: its counties and districts as zones",
        ),
        option("--force", action="store_true", help="set area and office again"),
    ],
    sso=False,
)
def _cmd_init(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if not office.first_run(engine) and not args.force:
        raise CommandError(
            "this database already has projects or accounts; the settings page changes "
            "them (or pass --force to set the area and office again)"
        )
    area = _area(args.area)
    tour_start = config.parse_point(args.tour_start, "--tour-start") if args.tour_start else None
    if args.force and accounts.has_accounts(engine):  # settings only: the accounts stay
        values = office.setup_settings(area, args.issuer, args.prefix or "", tour_start)
        store.save_office_settings(engine, values)
    else:
        password = _new_password(args)
        office.set_up(
            engine,
            office.OfficeSetup(
                area.code,
                args.issuer,
                args.prefix or "",
                args.admin,
                password or "",
                tour_start,
                counties_as_zones=args.counties_as_zones,
            ),
        )
    settings = _settings(args)
    print(
        f"set up {area.full_name} ({area.code}) for {settings.issuer}; "
        f"tours start at {settings.tour_start[0]:.5f},{settings.tour_start[1]:.5f}"
    )
    print(
        "next: python -m geo import-zones …, python -m geo import-ledger …, "
        "python -m geo users add …"
    )
    return 0


def _zone_names(text: str | None) -> list[str]:
    return [z.strip() for z in (text or "").replace("，", ",").split(",") if z.strip()]


@command(
    "users",
    help="accounts: add, passwd, role, disable, list, unlock, sign-out (no default password)",
    options=[
        option(
            "action", choices=("add", "passwd", "role", "disable", "list", "unlock", "sign-out")
        ),
        option("username", nargs="?"),
        option("--role", choices=vocab.ROLES),
        option("--zones", help="for zone managers: zone names, comma-separated"),
        option("--display-name"),
        option("--password-stdin", action="store_true", help="read the password from stdin"),
        option(
            "--one-time",
            action="store_true",
            help="make a password, print it once; the account chooses its own at sign-in",
        ),
        option(
            "--sso",
            action="store_true",
            help="no password: signs in by single sign-on (username = e-mail)",
        ),
        option("--all", action="store_true", help="sign-out: every account's browsers"),
    ],
    json=True,
)
def _cmd_users(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    if args.action == "list":
        settings = config.load_settings()
        rows = [
            {
                **row,
                "locked_until": row["locked_until"]
                and row["locked_until"].isoformat(timespec="seconds"),
            }
            for row in signin.accounts_with_locks(
                engine, signin.Policy.of(settings), lifetime=sessions.Lifetime.of(settings)
            )
        ]
        if args.json:
            _print_json(rows)
        for row in [] if args.json else rows:
            locked = (
                f"  locked until {row['locked_until'].replace('T', ' ')} UTC"
                if row["locked_until"]
                else ""
            )
            browsers = f"  signed in: {row['signed_in']}" if row["signed_in"] else ""
            off = "" if row["active"] else "  (switched off)"
            off += "  (one-time password not yet replaced)" if row["must_change_password"] else ""
            print(
                f"{row['username']:<24} {row['role']:<13} {'、'.join(row['zones'])}{locked}{browsers}{off}"
            )
        return 0
    if args.action == "sign-out" and args.all:
        print(f"{sessions.end_everyone(engine)} signed-in browser(s) signed out")
        return 0
    if not args.username:
        raise CommandError(f"users {args.action} needs a user name")
    if args.action == "sign-out":
        print(
            f"{sessions.end_account(engine, args.username)} browser(s) of {args.username} signed out"
        )
        return 0
    if args.action in ("role", "disable"):
        before = {r["username"]: r for r in accounts.list_accounts(engine)}.get(args.username)
        if before is None:
            raise CommandError(f"there is no account {args.username!r}")
        role = args.role or str(before["role"])
        zones = _zone_names(args.zones) if args.zones is not None else list(before["zones"])
        who = accounts.change_role(
            engine, args.username, role=role, zones=zones, active=args.action != "disable"
        )
        state = "switched off" if args.action == "disable" else "now"
        print(
            f"{who.username} {state}: {who.role} {'、'.join(who.zone_names)}; signed out everywhere"
        )
        return 0
    if args.action == "unlock":
        signin.unlock(engine, args.username)
        print(f"{args.username} may sign in again")
        return 0
    password = accounts.one_time_password() if args.one_time else _new_password(args)
    if args.action == "add":
        who = accounts.create_account(
            engine,
            args.username,
            role=args.role or "viewer",
            password=password,
            zones=_zone_names(args.zones),
            one_time=args.one_time,
            display_name=args.display_name,
        )
        print(f"added {who.username} ({who.role})")
    else:
        accounts.set_password(engine, args.username, password or "", one_time=args.one_time)
        print(f"password of {args.username} changed")
    if args.one_time:
        print(
            f"one-time password (shown once; a new one is chosen at the first sign-in): {password}"
        )
    return 0


@command(
    "notify",
    help="notices to work groups and mailboxes: plan, send, channels",
    options=[
        option(
            "--send-due", action="store_true", help="write today's notices and send what is due"
        ),
        option(
            "--dry-run", action="store_true", help="say what today's rules call for; write nothing"
        ),
        option("--today", type=dt.date.fromisoformat, help="plan as of this day (YYYY-MM-DD)"),
        option(
            "--at",
            type=dt.datetime.fromisoformat,
            help="the local time quiet hours are checked against (default: now)",
        ),
        option("--channels", action="store_true", help="list the channels"),
        option("--outbox", action="store_true", help="list the newest notices"),
        option("--test", metavar="CHANNEL", help="send a test message to a channel now"),
        option(
            "--add-channel", metavar="NAME", help="add a channel (with --kind, --audience-kind, …)"
        ),
        option("--kind", choices=("wecom", "dingtalk", "feishu", "webhook", "email")),
        option("--audience-kind", choices=("unit", "leader", "task_force", "leadership")),
        option("--audience", help="the unit's, leader's or project's name as the data writes it"),
        option("--address", help="the robot's webhook address, or e-mail addresses"),
        option("--secret-stdin", action="store_true", help="read the signing secret from stdin"),
    ],
    json=True,
)
def _cmd_notify(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    settings = _settings(args)
    if args.add_channel:
        secret = sys.stdin.readline().strip() if args.secret_stdin else ""
        channel = outbox.add_channel(
            engine,
            args.add_channel,
            args.kind,
            args.audience_kind,
            args.audience or "",
            args.address or "",
            secret,
        )
        print(
            f"channel {channel.name} added: {channel.kind} to {channel.audience_kind} "
            f"{channel.audience} at {channel.address}"
        )
        return 0
    if args.test:
        answer = notify.send_test(engine, settings, outbox.channel_named(engine, args.test))
        print(f"{'sent' if answer.ok else 'failed'}: {answer.said}")
        return 0 if answer.ok else 1
    if args.channels:
        rows = [c.__dict__ for c in outbox.list_channels(engine)]
        if args.json:
            _print_json(rows)
        for c in [] if args.json else rows:
            print(
                f"{c['name']:<20} {c['kind']:<9} {c['audience_kind']:<11} {c['audience']:<16} {c['address']}"
            )
        return 0
    if args.outbox:
        frame = outbox.outbox_frame(engine)
        if args.json:
            _print_json(frame.to_dict("records"))
            return 0
        for r in frame.to_dict("records"):
            print(f"{r['id']:>5} {r['status']:<9} {r['rule']:<9} {r['channel']:<16} {r['subject']}")
        return 0
    today = args.today or (args.at.date() if args.at else dt.date.today())
    if not notices.calendar_known(today):
        first, last = notices.calendar_years()
        print(
            f"note: the holiday calendar (chinese-calendar) knows {first}–{last}; {today.year} "
            "counts Monday to Friday as working days. Upgrade it: pip install -U chinese-calendar",
            file=sys.stderr,
        )
    rules = notify.rules_from(settings)
    if args.dry_run:
        drafts = outbox.not_yet_written(engine, notify.due_drafts(engine, today, rules))
        if args.json:
            _print_json({"would_write": [d.__dict__ for d in drafts], "written": False})
        else:
            for d in drafts:
                print(f"{d.rule:<9} {d.dedup_key:<40} {d.subject}")
            print(f"{len(drafts)} new notice(s) due today; nothing written (--dry-run)")
        return 0
    written = notify.plan_due(engine, today, rules)
    result = notify.send_due(engine, settings, now=args.at) if args.send_due else None
    summary = {
        "written": written,
        "sent": result.sent if result else 0,
        "failed": result.failed if result else 0,
        "retrying": result.retrying if result else 0,
        "uncertain": result.uncertain if result else 0,
        "quiet": bool(args.send_due and result is None),
    }
    if args.json:
        _print_json(summary)
    else:
        print(
            f"{written} new notice(s) in the outbox; sent {summary['sent']}, failed "
            f"{summary['failed']}, to retry {summary['retrying']}, uncertain {summary['uncertain']}"
            + (
                " (quiet hours, a weekend or a holiday: nothing sent now)"
                if summary["quiet"]
                else ""
            )
        )
    return 0


@command(
    "kiosk",
    help="read-only screens without sign-in: on or off",
    options=[option("state", choices=("on", "off"))],
)
def _cmd_kiosk(args: argparse.Namespace) -> int:
    accounts.set_kiosk(_ready_engine(args), args.state == "on")
    print(f"kiosk mode {args.state}")
    return 0


@command(
    "bench",
    help="measure map, import, measures and page rerun at scale",
    options=[
        option("--sizes", default="1000,10000,50000", help="numbers of projects"),
        option("--repeat", type=int, default=2, help="runs per stage (the best is kept)"),
        option("--baseline-all", action="store_true", help="the naive map at every size"),
        option("--no-page", action="store_true", help="skip the page rerun (AppTest)"),
        option(
            "--no-notices", action="store_true", help="skip sending the demo's month of notices"
        ),
    ],
    json=True,
)
def _cmd_bench(args: argparse.Namespace) -> int:
    from geo.ops import bench

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        raise CommandError(f"--sizes {args.sizes!r}: give numbers like 1000,10000,50000") from None
    if not sizes or min(sizes) < 1:
        raise CommandError("--sizes: give at least one size above 0")
    results = bench.run(
        sizes,
        repeat=args.repeat,
        page=not args.no_page,
        notices=not args.no_notices,
        baseline_up_to=max(sizes) if args.baseline_all else bench.BASELINE_UP_TO,
    )
    if args.json:
        _print_json([m.to_dict() for m in results])
    else:
        print(bench.table(results))
    return 0


@command(
    "load",
    help="many visitors at once over the app's WebSocket: time to a finished page",
    options=[
        option("--url", required=True, help="the app's address, e.g. http://127.0.0.1:8501/"),
        option("--sessions", type=int, default=10, help="visitors, all at once by default"),
        option("--within", type=float, default=0.0, help="start them evenly over N seconds"),
        option("--page", default="", help="a page's URL name (default: the overview)"),
        option(
            "--pid",
            type=int,
            action="append",
            help="a local server process: report its CPU and memory (repeatable)",
        ),
    ],
    json=True,
)
def _cmd_load(args: argparse.Namespace) -> int:
    from geo.ops import load

    try:
        report = load.run(
            args.url, args.sessions, within=args.within, page=args.page, server_pids=args.pid or ()
        )
    except (ValueError, OSError) as exc:
        raise CommandError(str(exc)) from None
    if args.json:
        _print_json(report.as_dict())
    else:
        print(report.table())
    return 0 if not report.errors else 1


@command(
    "serve",
    help="several app processes behind nginx (sticky sessions)",
    options=[
        option("--processes", type=int, default=2, help="app processes (one per core)"),
        option("--port", type=int, default=8080, help="where nginx listens"),
        option("--first-app-port", type=int, default=8501, help="app processes: this and up"),
        option("--run-dir", default="data/run", help="nginx's configuration, logs and pid"),
        option(
            "--print-site",
            action="store_true",
            help="print the nginx site for /etc/nginx/sites-available and stop",
        ),
        option(
            "--phone-dir",
            default="data/phone",
            help="with --print-site: where `phone-pages --out` writes",
        ),
    ],
)
def _cmd_serve(args: argparse.Namespace) -> int:
    from geo.ops import deploy

    ports = tuple(args.first_app_port + i for i in range(args.processes))
    if args.print_site:
        site = deploy.Site(str(args.port), ports, phone_dir=Path(args.phone_dir).resolve())
        print(deploy.nginx_site(site), end="")
        return 0
    return deploy.serve(args.port, args.processes, args.first_app_port, Path(args.run_dir))


@command(
    "share",
    help="phone links: make one for a project, list, withdraw",
    options=[
        option("project", type=int, nargs="?", help="make a link to this project"),
        option("--days", type=int, default=30, help="how long the link works"),
        option("--withdraw", type=int, metavar="LINK_ID", help="end a link now"),
        option(
            "--rotate-secret",
            action="store_true",
            help="a new signing secret: every link made so far stops working",
        ),
    ],
    json=True,
)
def _cmd_share(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    if args.rotate_secret:
        share.rotate_secret(engine)
        print("share secret replaced: every phone link made so far stops working")
        return 0
    if args.withdraw is not None:
        share.withdraw(engine, args.withdraw)
        print(f"phone link #{args.withdraw} withdrawn")
        return 0
    base = _settings(args).public_url
    if args.project is None:
        live = share.live_links(engine)
        links = share.links_of(share.share_secret(engine), live)
        records = [
            {
                "id": int(i),
                "project_id": link.project_id,
                "url": link.url(base),
                "expires": dt.datetime.fromtimestamp(link.expires, dt.UTC).isoformat(),
                "created_by": who,
            }
            for i, who, link in zip(live["id"], live["created_by"], links, strict=True)
        ]
        if args.json:
            _print_json(records)
        for r in [] if args.json else records:
            print(f"#{r['id']}  project {r['project_id']}  until {r['expires']}  {r['url']}")
        return 0
    link = share.issue(engine, args.project, args.days)
    if args.json:
        _print_json({"project_id": link.project_id, "expires": link.expires, "url": link.url(base)})
    else:
        print(link.url(base))
    return 0


@command(
    "phone-pages",
    help="keep the phone pages and live links in a folder",
    options=[
        option("--out", default="data/phone", help="the folder nginx serves /m/ from"),
        option("--once", action="store_true", help="publish once and stop"),
        option("--interval", type=float, default=5.0, help="seconds between passes"),
    ],
)
def _cmd_phone_pages(args: argparse.Namespace) -> int:
    settings = _settings(args)
    publisher = share.Publisher(
        _ready_engine(args), Path(args.out), settings.language, settings.photo_dir
    )
    if args.once:
        done = publisher.run_once()
        print(
            f"{done.pages_written} pages written, {done.pages_removed} removed; "
            f"{done.links_added} links added, {done.links_removed} removed"
        )
        return 0
    publisher.run_forever(args.interval)
    return 0


@command(
    "milestones",
    help="a project's roadmap: milestones, planned, actual, days late",
    options=[
        option("--project", type=int, required=True),
        option("--today", type=_date, default=dt.date.today(), help="count days late to this day"),
    ],
    json=True,
)
def _cmd_milestones(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    frame = roadmap.load_milestones(engine, args.project)
    if frame.empty and args.project not in set(store.load_projects(engine)["id"]):
        raise CommandError(f"there is no project {args.project}")
    rows = roadmap.records(frame, args.today)
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        late = f"  {r['days_late']} days late" if r["days_late"] else ""
        print(
            f"{r['seq']}. {r['name']:<8} planned {r['planned']}  actual {r['actual'] or '—'}{late}"
        )
    return 0


@command(
    "approvals",
    help="approval items (前期手续) with days waiting",
    options=[
        option("--department"),
        option("--status", choices=("pending", "granted", "not_applied", "not_needed")),
        option(
            "--today", type=_date, default=dt.date.today(), help="count days waiting to this day"
        ),
    ],
    json=True,
)
def _cmd_approvals(args: argparse.Namespace) -> int:
    frame = approvals.load_approvals(_ready_engine(args))
    if args.department:
        frame = frame[frame["department"] == args.department]
    if args.status:
        frame = frame[frame["status"] == args.status]
    rows = approvals.records(frame, args.today)
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        wait = "" if r["days_waiting"] is None else f"{r['days_waiting']} days"
        print(
            f"{r['project_id']:>4} {r['project']:<20} {r['name']:<10} {r['department']:<12} {r['status']:<11} {wait}"
        )
    return 0


@command(
    "letters",
    help="issue and archive the letters of the month (交办函, 提醒函, 督办函)",
    options=[
        option("--month", type=_month, required=True, help="the month issued, YYYY-MM"),
        option("--unit", help="only the letters to this responsible unit"),
        option("--lang", choices=("zh", "en"), default="zh"),
        option("--out", type=Path, help="also write each letter as .docx and .pdf here"),
    ],
    json=True,
)
def _cmd_letters(args: argparse.Namespace) -> int:
    settings = _settings(args)
    engine = _ready_engine(args)
    issued = letters.issue(
        engine,
        args.month,
        unit=args.unit,
        issue_day=settings.letter_day,
        reminder_days=settings.letter_reminder_days,
        notify=notify.rules_from(settings),
        prefix=settings.letter_prefix,
    )
    if args.out:
        jobs = []
        for letter in issued:
            document = letters.letter_document(
                letter, args.lang, issuer=settings.issuer, prefix=settings.letter_prefix
            )
            jobs += [(document, args.out / letters.file_name(letter, s)) for s in (".docx", ".pdf")]
        documents.write_all(jobs)
    if args.json:
        records = [letter.record(settings.letter_prefix, args.lang) for letter in issued]
        _print_json(records)
        return 0
    for letter in issued:
        print(
            f"{letter.number_text(settings.letter_prefix, args.lang):<16} {letter.kind:<12} "
            f"{letter.unit:<20} {len(letter.items):>3} items  {letter.status}"
        )
    if not issued:
        print(f"no letters for {args.month}: nothing assigned, due or overdue")
    return 0


@command(
    "resumption",
    help="work stoppage and resumption (停复工): rate by zone, who has not reported",
    options=[
        option("--period", help="the stoppage period's id or name (default: the latest begun)"),
        option("--as-of", type=_date, help="status on this day (default: the latest report)"),
        option("--by", choices=vocab.RESUMPTION_GROUPS, default="township"),
    ],
    json=True,
)
def _cmd_resumption(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    as_of = args.as_of or snapshot.default_as_of(engine)
    periods = resumption.load_periods(engine)
    if args.period:
        period = resumption.find_period(periods, args.period)
    else:
        period = resumption.current_period(periods, as_of)
        if period is None:
            raise CommandError(f"no stoppage period has begun by {as_of}; name one with --period")
    projects = store.load_projects(engine, as_of)
    statuses = resumption.statuses_for(engine, projects, period, as_of)
    result = resumption.records(period, statuses, as_of, args.by)
    if args.json:
        _print_json(result)
        return 0
    s = result["summary"]
    rate = _percent(s["resumption_rate"])
    print(
        f"{period['name']}  as of {as_of}  expected {s['expected']}  resumed {s['resumed']}"
        f"  working {s['working']}  stopped {s['stopped']}  not reported {s['not_reported']}"
        f"  resumption rate {rate}"
    )
    for g in result["groups"]:
        rate = _percent(g["resumption_rate"])
        print(f"  {g['key']:<20} {g['expected']:>4}  {rate:>7}  not reported {g['not_reported']}")
    for r in result["not_reported"]:
        print(f"  not reported: {r['id']:>4} {r['name']}  {r['responsible_unit'] or ''}")
    return 0


@command(
    "escalation",
    help="the escalation ladder (督办函 → 效能告诫 → 约谈 → 问责 → 移交纪委监委): who stands where",
    options=[
        option("--due", action="store_true", help="the steps the rule calls for (nothing written)"),
        option("--apply", action="store_true", help="take the steps the rule calls for"),
        option("--today", type=_date, default=dt.date.today(), help="as of this day"),
        option("--out", type=Path, help="with --apply: write the notices (效能告诫, 约谈) here"),
        option("--lang", choices=("zh", "en"), default="zh"),
    ],
    json=True,
)
def _cmd_escalation(args: argparse.Namespace) -> int:
    settings = _settings(args)
    engine = _ready_engine(args)
    if args.apply:
        written = escalation.escalate_due(
            engine, args.today, days=settings.escalation_days, prefix=settings.letter_prefix
        )
        if args.out:
            _write_notices(engine, written, args.out, args.lang, settings.issuer)
        if args.json:
            _print_json(written)
            return 0
        for r in written:
            print(f"{r['problem_id']:>5} {r['step']:<20} {r['taken_on']}  {r['document_no'] or ''}")
        print(f"{len(written)} steps taken as of {args.today}")
        return 0
    problems = store.load_problems(engine)
    steps = escalation.load_escalations(engine)
    if args.due:
        due = escalation.due_steps(
            problems,
            steps,
            letters.archived(engine),
            args.today,
            settings.escalation_days,
            settings.letter_prefix,
        )
        rows = escalation.due_records(due, problems)
        if args.json:
            _print_json(rows)
            return 0
        for r in rows:
            print(
                f"{r['problem_id']:>5} {r['current'] or '—':<20} → {r['step']:<20} "
                f"due since {r['due_since']}  {r['unit'] or ''}"
            )
        print(f"{len(rows)} steps due as of {args.today}; --apply takes them")
        return 0
    rows = escalation.records(escalation.ladder(problems, steps, args.today))
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        print(
            f"{r['problem_id']:>5} {r['step']:<20} since {r['since']} ({r['days']} days)  "
            f"{r['unit'] or ''}  {r['project'] or ''}"
        )
    print(f"{len(rows)} open problems on the ladder as of {args.today}")
    return 0


def _write_notices(
    engine, steps: list[dict], out: Path | None, lang: str, issuer: str
) -> list[Path]:
    """The notices of these steps (those that have one) as .docx files in ``out``."""
    if out is None:
        return []
    notices_ = escalation.notices_of(engine, steps, lang, issuer=issuer)
    out.mkdir(parents=True, exist_ok=True)
    return [documents.write(document, out / f"{name}.docx") for document, name in notices_]


@command(
    "escalation-step",
    help="step a problem up or down the escalation ladder, saying why",
    options=[
        option("problem_id", type=int),
        option("--up", action="store_true", help="one step up"),
        option("--down", action="store_true", help="one step down"),
        option("--reason", default="", help="why (required)"),
        option("--document", help="the document's number (a step up gets the next one if omitted)"),
        option("--on", type=_date, default=dt.date.today(), help="the step's date"),
        option("--out", type=Path, help="also write its notice (效能告诫, 约谈) as .docx here"),
        option("--lang", choices=("zh", "en"), default="zh"),
    ],
    json=True,
)
def _cmd_escalation_step(args: argparse.Namespace) -> int:
    if args.up == args.down:
        raise CommandError("say --up or --down")
    settings = _settings(args)
    engine = _ready_engine(args)
    step = escalation.take_step(
        engine,
        args.problem_id,
        "up" if args.up else "down",
        reason=args.reason,
        on=args.on,
        document_no=args.document,
        prefix=settings.letter_prefix,
    )
    written = _write_notices(engine, [step], args.out, args.lang, settings.issuer)
    if written:
        step = {**step, "notice": str(written[0])}
    if args.json:
        _print_json(step)
        return 0
    print(
        f"problem {step['problem_id']}: {step['step']} on {step['taken_on']} "
        f"({step['direction']})  {step['document_no'] or ''}"
    )
    if "notice" in step:
        print(f"notice written to {step['notice']}")
    return 0


@command(
    "signing",
    help="signing to start (招商引资签约开工): start rate by group, overdue starts, targets",
    options=[
        option("--year", type=int, help="agreements signed in this year (default: the as-of's)"),
        option("--as-of", type=_date, help="started by this day (default: the latest report)"),
        option("--by", choices=vocab.SIGNING_GROUPS, default="zone"),
    ],
    json=True,
)
def _cmd_signing(args: argparse.Namespace) -> int:
    engine = _ready_engine(args)
    as_of = args.as_of or snapshot.default_as_of(engine)
    year = args.year or as_of.year
    result = signing.records(
        signing.load_agreements(engine),
        signing.load_targets(engine, year),
        store.load_projects(engine, as_of),
        as_of,
        year,
        args.by,
    )
    if args.json:
        _print_json(result)
        return 0
    s = result["summary"]
    months = "—" if s["months_median"] is None else f"{s['months_median']:.1f}"
    print(
        f"{year} as of {as_of}  signed {s['signed']}  started {s['started']}"
        f"  start rate {_percent(s['start_rate'])}  agreed {s['agreed_wan']:,.0f} (10k yuan)"
        f"  fulfilment {_percent(s['fulfilment_rate'])}  months to start (median) {months}"
    )
    for g in result["groups"]:
        key = g["key"] or "—"
        print(f"  {key:<20} {g['signed']:>4} {g['started']:>4}  {_percent(g['start_rate']):>7}")
    for r in result["overdue"]:
        print(
            f"  overdue: {r['id']:>4} {r['name']}  planned {r['planned_start']}"
            f"  {r['days_late']} days late  {r['responsible_unit'] or ''}"
        )
    for r in result["targets"]:
        if r["signed_target"] is not None:
            print(
                f"  target: {r['unit']}  signed {r['signed']}/{r['signed_target']}"
                f"  started {r['started']}/{r['started_target']}"
            )
    return 0


def _zone_id(engine, name: str | None) -> int | None:
    """The id of the zone named ``name`` (None: every zone)."""
    if name is None:
        return None
    zones = store.load_zones(engine)
    hit = zones[zones["name"] == name]
    if hit.empty:
        raise CommandError(f"there is no zone {name!r}; zones: {', '.join(zones['name'])}")
    return int(hit["id"].iloc[0])


@command(
    "library",
    help="the project library (项目库): its projects, the funnel of a year, a declaration round",
    options=[
        option("--funnel", type=int, metavar="YEAR", help="the funnel of this year instead"),
        option("--round", metavar="NAME", help="a declaration round (name or id) instead"),
        option("--zone", help="only the library projects of this zone (park or township)"),
        option("--maturity", choices=tuple(vocab.MATURITY)),
    ],
    json=True,
)
def _cmd_library(args: argparse.Namespace) -> int:
    if args.funnel is not None and args.round is not None:
        raise CommandError("ask for --funnel or --round, not both")
    engine = _ready_engine(args)
    if args.round is not None:
        the_round = library.find_round(library.load_rounds(engine), args.round)
        result = library.round_record(
            the_round, library.load_declarations(engine, int(the_round["id"]))
        )
        if args.json:
            _print_json(result)
            return 0
        s = result["summary"]
        print(
            f"{the_round['name']}  {the_round['list_level']}  entered {s['entered']}  declared "
            f"{s['declared']}  listed {s['listed']}  not listed {s['not_listed']}  pending "
            f"{s['pending']}  listing rate {_percent(s['listing_rate'])}"
        )
        for d in result["declarations"]:
            print(f"  {d['reserve_id']:>4} {d['outcome']:<11} {d['name']}")
        return 0
    everything, steps = library.load_library(engine), library.load_steps(engine)
    zone_id = _zone_id(engine, args.zone)
    if args.funnel is not None:
        result = library.funnel_record(
            library.funnel(everything, steps, args.funnel, zone_id), args.zone
        )
        if args.json:
            _print_json(result)
            return 0
        print(
            f"{args.funnel}{'  ' + args.zone if args.zone else ''}  new in the library "
            f"{result['entered']}  removed {result['removed']}"
        )
        for r in result["rungs"]:
            print(f"  {r['maturity']:<9} {r['reached']:>4}  {_percent(r['conversion']):>7}")
        return 0
    maturities = (args.maturity,) if args.maturity else ()
    rows = library.library_records(
        library.chosen(everything, steps, zone_id=zone_id, maturities=maturities)
    )
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        place = r["maturity"] + (f"/{r['list_level']}" if r["list_level"] else "")
        key = f"  → {r['project_code']}" if r["project_code"] else ""
        print(f"{r['id']:>4}  {place:<18} {r['expected_investment_wan']:>10,.0f}  {r['name']}{key}")
    return 0


@command(
    "library-promote",
    help="make a library project a key project, its fields carried over",
    options=[
        option("id", type=int, help="the library project's id"),
        option("--plan-year", type=int, help="the key project's plan year (default: this year)"),
    ],
    json=True,
)
def _cmd_library_promote(args: argparse.Namespace) -> int:
    plan_year = args.plan_year or dt.date.today().year
    project_id, code = library.promote(_ready_engine(args), args.id, plan_year=plan_year)
    if args.json:
        _print_json({"reserve_id": args.id, "project_id": project_id, "code": code})
    else:
        print(f"library project {args.id} is now key project {code} (id {project_id})")
    return 0


@command("setup-assets", help="copy Leaflet from its package for offline maps")
def _cmd_setup_assets(_args: argparse.Namespace) -> int:
    print(f"Leaflet ready in {assets.ensure_vendored()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m geo", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLAlchemy database URL (default: GEO_DB_URL or data/)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for c in _COMMANDS:
        p = sub.add_parser(c.name, help=c.help)
        for flags, settings in c.options:
            p.add_argument(*flags, **settings)
        if c.json:
            p.add_argument("--json", action="store_true", help=_JSON_HELP)
        p.set_defaults(run=c.run, **c.defaults)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except SystemExit as exc:  # argparse's --help and our one-line errors
        return exc.code if isinstance(exc.code, int) else 0
    except (CommandError, ValueError, OSError) as exc:
        return _fail(str(exc))
    except Exception as exc:
        if isinstance(exc, store.DatabaseError):
            return _fail(f"database: {str(exc).splitlines()[0]}")
        return _fail(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
