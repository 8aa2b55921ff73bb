"""Signing to start (招商引资：签约抓开工): signed agreements, how many have started, how fast,
how much of the signed investment is being kept, and what is late.

The seeds count it this way: "江浙签约项目：我区2个，到年底开工1个，开工率50%。北京签约项目：
我区11个，到年底预计开工10个，开工率90%". The figures here, over the agreements of a period
(a year: signed from 1 January to the as-of day, :func:`of_year`) on an as-of day:

- **signed**: agreements signed in the period; **started**: of them, those whose start
  (``started_on``) is on or before the as-of day — a start recorded for a later day does not
  count yet;
- **start rate (开工率)** = started ÷ signed, by zone, responsible unit, origin region and way of
  attraction. Rates are kept exact and shown with one decimal, as every rate of the app:
  10 of 11 is 90.9% (the seed's paper rounds it down to "90%"); ``--json`` gives the fraction
  to six decimals;
- **months from signing to start (签约到开工月数)** of each started agreement: whole calendar
  months from the signing day to the start, plus the remaining days as a share of the month
  they fall in (signed 15 January, started 15 April: 3.0; started 30 April: 3 + 15/30 = 3.5);
  the median and the mean of the started ones;
- **fulfilment (履约)**: the agreed investment of the started agreements ÷ all agreed; and for
  agreements that became a key project, that project's cumulative completed investment
  (累计完成投资, 0 before its first monthly report) ÷ the agreed investment;
- **overdue to start (逾期未开工)**: planned start before the as-of day, not started by then,
  with the days late — of every agreement signed by the as-of day, whatever its year: the
  list to chase does not start afresh on 1 January;
- **targets** (:class:`~geo.storage.models.SigningTarget`): per unit and year, agreements
  signed, of them started, and investment agreed, against what the unit did.

The functions over DataFrames are pure; ``add_agreement``, ``edit_agreement``,
``mark_started``, ``link_project``, ``save_target`` and ``signing_facts`` read and write
through :mod:`geo.storage.signing`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import asdict, dataclass, fields, replace

import pandas as pd

from geo import colors, formatting, vocab
from geo.formatting import is_missing
from geo.i18n import label, t
from geo.refusals import Refusal, Term
from geo.storage import signing as stored
from geo.storage import store

# Read as stored; the pages and the command line read them through this module.
from geo.storage.signing import load_agreements as load_agreements
from geo.storage.signing import load_targets as load_targets
from geo.storage.store import Engine
from geo.vocab import ATTRACTION_WAYS, CATEGORIES

#: What the tables can be grouped by (:data:`geo.vocab.SIGNING_GROUPS`), and the column each
#: reads.
GROUPS = dict(
    zip(
        vocab.SIGNING_GROUPS,
        ("zone", "responsible_unit", "origin_region", "attraction_way"),
        strict=True,
    )
)
#: An agreement on the map: started, not started and not yet due, overdue to start.
POINT_STATUSES = ("started", "waiting", "overdue")
POINT_COLORS = {"started": colors.GREEN, "waiting": colors.AMBER, "overdue": colors.RED}
#: Origins the form offers first (any other can be typed).
ORIGINS = ("北京", "上海", "江浙", "广东", "深圳", "港澳", "本省", "本市", "境外")
_GROUP_COLUMNS = (
    "key",
    "signed",
    "started",
    "start_rate",
    "months_median",
    "months_mean",
    "agreed_wan",
    "started_wan",
    "fulfilment_rate",
    "overdue",
)


# --------------------------------------------------------------------------- validation


@dataclass(frozen=True)
class Agreement:
    """What the office enters for a signed agreement (investment in 万元)."""

    name: str
    signed_on: dt.date
    origin_region: str
    attraction_way: str
    agreed_investment_wan: float = 0.0
    planned_start: dt.date | None = None
    sector: str | None = None
    zone_id: int | None = None
    responsible_unit: str | None = None
    lon: float | None = None
    lat: float | None = None
    started_on: dt.date | None = None
    project_id: int | None = None
    note: str | None = None

    def cleaned(self) -> Agreement:
        """Texts trimmed and without control characters (which no document can hold), empty
        ones None."""
        texts = ("name", "origin_region", "sector", "responsible_unit", "note")
        return replace(self, **{f: _clean(getattr(self, f)) for f in texts})

    def fields(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: The longest text each field holds (the columns' sizes).
LIMITS = {"name": 200, "origin_region": 100, "responsible_unit": 200}


def _clean(text: str | None) -> str | None:
    return None if is_missing(text) else formatting.printable(str(text)).strip() or None


def _term(name: str) -> Term:
    return Term.of(f"signing.{name}")


def check_agreement(agreement: Agreement, today: dt.date | None = None) -> None:
    """Raise a :class:`~geo.refusals.Refusal` naming the field when an agreement does not hold
    together: no name or origin, an unknown way of attraction or sector, a negative
    investment, a planned start or start before the signing, a start in the future, half a
    site or one off the Earth.

    >>> check_agreement(Agreement("甲", dt.date(2026, 3, 1), "北京", "expo",
    ...                           started_on=dt.date(2026, 2, 1)))
    Traceback (most recent call last):
    geo.refusals.Refusal: Started on 2026-02-01 is before Signed on 2026-03-01
    """
    a = agreement
    for name in ("name", "origin_region"):
        if not (getattr(a, name) or "").strip():
            raise Refusal("required", field=_term(name))
    for name, limit in LIMITS.items():
        if len(getattr(a, name) or "") > limit:
            raise Refusal("signing_too_long", field=_term(name), limit=limit)
    if a.attraction_way not in ATTRACTION_WAYS:
        raise Refusal("not_one_of", field=_term("attraction_way"), value=a.attraction_way)
    if a.sector is not None and a.sector not in CATEGORIES:
        raise Refusal("not_one_of", field=_term("sector"), value=a.sector)
    money = a.agreed_investment_wan
    if not isinstance(money, int | float) or not math.isfinite(money) or money < 0:
        raise Refusal("signing_investment", value=money)
    for name in ("planned_start", "started_on"):
        later = getattr(a, name)
        if later is not None and later < a.signed_on:
            raise Refusal(
                "date_before",
                later=_term(name),
                later_on=later,
                earlier=_term("signed_on"),
                earlier_on=a.signed_on,
            )
    if today is not None and a.started_on is not None and a.started_on > today:
        raise Refusal("signing_started_in_future", value=a.started_on)
    if (a.lon is None) != (a.lat is None):
        raise Refusal("signing_half_site")
    if a.lon is not None and not (-180 <= a.lon <= 180 and -90 <= a.lat <= 90):
        raise Refusal("not_on_earth", field=_term("site"), value=f"{a.lon},{a.lat}")


def check_target(year: int, unit: str, signed: int, started: int, investment: float) -> None:
    """Raise a :class:`~geo.refusals.Refusal` for a target without a unit, a negative one, or
    more starts than signings."""
    if not unit.strip():
        raise Refusal("required", field=_term("responsible_unit"))
    if len(unit.strip()) > LIMITS["responsible_unit"]:
        raise Refusal(
            "signing_too_long", field=_term("responsible_unit"), limit=LIMITS["responsible_unit"]
        )
    if not 2000 <= year <= 2100:
        raise Refusal("signing_target_year", value=year)
    for value in (signed, started, investment):
        if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
            raise Refusal("signing_target_negative", value=value)
    if started > signed:
        raise Refusal("signing_target_starts", started=started, signed=signed)


# --------------------------------------------------------------------------- measures


def of_year(frame: pd.DataFrame, year: int, as_of: dt.date) -> pd.DataFrame:
    """The agreements signed in ``year`` up to ``as_of``: the period the figures are about."""
    last = min(dt.date(year, 12, 31), as_of)
    days = frame["signed_on"]
    mine = [dt.date(year, 1, 1) <= d <= last for d in days]
    return frame[pd.Series(mine, index=frame.index, dtype=bool)]


def _signed_by(frame: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    mine = pd.Series([d <= as_of for d in frame["signed_on"]], index=frame.index, dtype=bool)
    return frame[mine]


def started_by(frame: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """Whether each agreement has started on or before ``as_of``."""
    return pd.Series(
        [not is_missing(d) and d <= as_of for d in frame["started_on"]],
        index=frame.index,
        dtype=bool,
    )


def _add_months(day: dt.date, months: int) -> dt.date:
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_between(signed_on: dt.date, started_on: dt.date) -> float:
    """Calendar months from signing to start, the days left over as a share of their month.

    >>> months_between(dt.date(2026, 1, 15), dt.date(2026, 4, 15))
    3.0
    >>> round(months_between(dt.date(2026, 3, 10), dt.date(2026, 5, 25)), 4)  # 2 + 15/31
    2.4839
    """
    if started_on < signed_on:
        return -months_between(started_on, signed_on)
    whole = (started_on.year - signed_on.year) * 12 + started_on.month - signed_on.month
    if _add_months(signed_on, whole) > started_on:
        whole -= 1
    base, following = _add_months(signed_on, whole), _add_months(signed_on, whole + 1)
    return whole + (started_on - base).days / (following - base).days


def months_to_start(frame: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """Months from signing to start of each agreement started by ``as_of`` (NaN otherwise)."""
    started = started_by(frame, as_of)
    return pd.Series(
        [
            months_between(s, d) if ok else float("nan")
            for s, d, ok in zip(frame["signed_on"], frame["started_on"], started, strict=True)
        ],
        index=frame.index,
        dtype=float,
    )


def overdue_mask(frame: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """Planned to start before ``as_of`` and not started by then."""
    started = started_by(frame, as_of)
    return pd.Series(
        [
            not ok and not is_missing(p) and p < as_of
            for p, ok in zip(frame["planned_start"], started, strict=True)
        ],
        index=frame.index,
        dtype=bool,
    )


def _rate(part: float, whole: float) -> float:
    return part / whole if whole else float("nan")


@dataclass(frozen=True)
class Summary:
    """The headline figures of a period's agreements on a day."""

    signed: int
    started: int
    start_rate: float  # NaN when nothing was signed
    agreed_wan: float
    started_wan: float
    fulfilment_rate: float  # agreed investment of the started ÷ all agreed
    months_median: float  # NaN when none has started
    months_mean: float
    overdue: int  # of these agreements

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        for name in ("start_rate", "fulfilment_rate", "months_median", "months_mean"):
            out[name] = None if math.isnan(out[name]) else round(float(out[name]), 6)
        return out


def summary(frame: pd.DataFrame, as_of: dt.date) -> Summary:
    """The headline figures of ``frame`` (one period's agreements, :func:`of_year`)."""
    started = started_by(frame, as_of)
    months = months_to_start(frame, as_of).dropna()
    agreed = float(frame["agreed_investment_wan"].sum())
    started_wan = float(frame.loc[started, "agreed_investment_wan"].sum())
    return Summary(
        signed=len(frame),
        started=int(started.sum()),
        start_rate=_rate(int(started.sum()), len(frame)),
        agreed_wan=agreed,
        started_wan=started_wan,
        fulfilment_rate=_rate(started_wan, agreed),
        months_median=float(months.median()) if len(months) else float("nan"),
        months_mean=float(months.mean()) if len(months) else float("nan"),
        overdue=int(overdue_mask(frame, as_of).sum()),
    )


def by_group(frame: pd.DataFrame, as_of: dt.date, by: str) -> pd.DataFrame:
    """Per zone, unit, origin or way of attraction (``by``, :data:`GROUPS`): ``key, signed,
    started, start_rate, months_median, months_mean, agreed_wan, started_wan,
    fulfilment_rate, overdue``. Best start rate first, then most signed, then by name;
    agreements without a zone or unit form a group of their own (``key`` None), last."""
    vocab.check_code("by", by, tuple(GROUPS))
    if frame.empty:
        return pd.DataFrame(columns=list(_GROUP_COLUMNS))
    work = pd.DataFrame(
        {
            "key": [None if is_missing(k) else k for k in frame[GROUPS[by]]],
            "started": started_by(frame, as_of),
            "months": months_to_start(frame, as_of),
            "agreed": frame["agreed_investment_wan"].astype(float),
            "overdue": overdue_mask(frame, as_of),
        },
        index=frame.index,
    )
    work["started_wan"] = work["agreed"].where(work["started"], 0.0)
    table = (
        work.groupby("key", dropna=False, sort=False)
        .agg(
            signed=("started", "size"),
            started=("started", "sum"),
            months_median=("months", "median"),
            months_mean=("months", "mean"),
            agreed_wan=("agreed", "sum"),
            started_wan=("started_wan", "sum"),
            overdue=("overdue", "sum"),
        )
        .reset_index()
    )
    table["key"] = pd.Series(
        [None if is_missing(k) else k for k in table["key"]], index=table.index, dtype=object
    )
    table["signed"] = table["signed"].astype(int)
    table["started"] = table["started"].astype(int)
    table["overdue"] = table["overdue"].astype(int)
    table["start_rate"] = table["started"] / table["signed"]
    table["fulfilment_rate"] = [
        _rate(s, a) for s, a in zip(table["started_wan"], table["agreed_wan"], strict=True)
    ]
    table["unnamed"] = [k is None for k in table["key"]]
    table["name"] = [k or "" for k in table["key"]]
    table = table.sort_values(
        ["unnamed", "start_rate", "signed", "name"], ascending=[True, False, False, True]
    )
    return table[list(_GROUP_COLUMNS)].reset_index(drop=True)


def overdue_to_start(frame: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Agreements signed by ``as_of`` whose planned start has passed without a start: ``id,
    name, zone, responsible_unit, origin_region, signed_on, planned_start,
    agreed_investment_wan, days_late``; most days late first, then by name."""
    columns = [
        "id",
        "name",
        "zone",
        "responsible_unit",
        "origin_region",
        "signed_on",
        "planned_start",
        "agreed_investment_wan",
    ]
    signed = _signed_by(frame, as_of)
    late = signed[overdue_mask(signed, as_of)]
    out = late[columns].assign(days_late=[(as_of - p).days for p in late["planned_start"]])
    out = out.sort_values(["days_late", "name"], ascending=[False, True])
    return out.astype({"days_late": int}).reset_index(drop=True)


def linked_fulfilment(frame: pd.DataFrame, projects: pd.DataFrame) -> pd.DataFrame:
    """Agreements that became a key project, with that project's cumulative completed
    investment on the day ``projects`` were read (0 before its first report) against the
    agreed investment: ``id, name, project_id, project, agreed_wan, completed_wan,
    fulfilment_rate``; by name."""
    mine = [not is_missing(p) for p in frame["project_id"]]
    linked = frame[pd.Series(mine, index=frame.index, dtype=bool)]
    done = projects.set_index("id")["cumulative_wan"]
    names = projects.set_index("id")["name"]
    completed = [
        0.0 if is_missing(done.get(p)) else float(done.get(p)) for p in linked["project_id"]
    ]
    out = pd.DataFrame(
        {
            "id": linked["id"].astype(int).to_numpy(),
            "name": linked["name"].to_numpy(),
            "project_id": [int(p) for p in linked["project_id"]],
            "project": [names.get(p) for p in linked["project_id"]],
            "agreed_wan": linked["agreed_investment_wan"].astype(float).to_numpy(),
            "completed_wan": completed,
        }
    )
    out["fulfilment_rate"] = [
        _rate(c, a) for c, a in zip(out["completed_wan"], out["agreed_wan"], strict=True)
    ]
    return out.sort_values("name").reset_index(drop=True)


def target_completion(targets: pd.DataFrame, frame: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Each unit's targets of the year (``targets``, :func:`load_targets` of one year) against
    its agreements of that year (``frame``, :func:`of_year`): ``unit, signed_target, signed,
    signed_rate, started_target, started, started_rate, investment_target_wan, agreed_wan,
    investment_rate``. Units with targets, the largest first, then units that signed without
    one (their rates None)."""
    done = by_group(frame, as_of, "unit")
    done = done[done["key"].notna()].rename(columns={"key": "unit"})
    wanted = targets.rename(
        columns={
            "signed_count": "signed_target",
            "started_count": "started_target",
            "investment_wan": "investment_target_wan",
        }
    )[["unit", "signed_target", "started_target", "investment_target_wan"]]
    out = wanted.merge(done[["unit", "signed", "started", "agreed_wan"]], on="unit", how="outer")
    for column in ("signed", "started"):
        out[column] = out[column].fillna(0).astype(int)
    out["agreed_wan"] = out["agreed_wan"].fillna(0.0).astype(float)
    for actual, target, rate in (
        ("signed", "signed_target", "signed_rate"),
        ("started", "started_target", "started_rate"),
        ("agreed_wan", "investment_target_wan", "investment_rate"),
    ):
        out[rate] = [
            float("nan") if is_missing(w) else _rate(a, w)
            for a, w in zip(out[actual], out[target], strict=True)
        ]
    out = out.sort_values(["signed_target", "unit"], ascending=[False, True], na_position="last")
    columns = [
        "unit",
        "signed_target",
        "signed",
        "signed_rate",
        "started_target",
        "started",
        "started_rate",
        "investment_target_wan",
        "agreed_wan",
        "investment_rate",
    ]
    return out[columns].reset_index(drop=True)


def point_status(started: bool, overdue: bool) -> str:
    return "started" if started else "overdue" if overdue else "waiting"


def signing_points(frame: pd.DataFrame, as_of: dt.date, lang: str) -> pd.DataFrame:
    """The agreements signed by ``as_of`` that have a site, for a map: ``id, lon, lat, name,
    started, status`` (:data:`POINT_STATUSES`, coloured by :data:`POINT_COLORS`) and ``label``
    (plain text for a tooltip: the name, started when, or planned when and how late)."""
    columns = ["id", "lon", "lat", "name", "started", "status", "label"]
    signed = _signed_by(frame, as_of)
    sited = signed[signed["lon"].notna() & signed["lat"].notna()]
    if sited.empty:
        return pd.DataFrame(columns=columns)
    started = started_by(sited, as_of)
    overdue = overdue_mask(sited, as_of)
    statuses = [point_status(s, o) for s, o in zip(started, overdue, strict=True)]
    labels = []
    for row, status in zip(sited.to_dict("records"), statuses, strict=True):
        planned = row["planned_start"]
        words = t(
            f"signing.point.{status}",
            lang,
            started=formatting.date(row["started_on"], lang),
            planned=formatting.date(planned, lang) if planned else "—",
            days=(as_of - planned).days if planned else 0,
        )
        labels.append(f"{row['name']} · {words}")
    return pd.DataFrame(
        {
            "id": sited["id"].astype(int).to_numpy(),
            "lon": sited["lon"].astype(float).to_numpy(),
            "lat": sited["lat"].astype(float).to_numpy(),
            "name": sited["name"].to_numpy(),
            "started": started.to_numpy(),
            "status": statuses,
            "label": labels,
        }
    )


# --------------------------------------------------------------------------- the bulletin, --json


@dataclass(frozen=True)
class SigningFacts:
    """What the monthly bulletin says of signing to start: the year's figures on ``as_of``."""

    year: int
    as_of: dt.date
    summary: Summary
    by_zone: pd.DataFrame  # by_group(…, "zone")
    overdue: pd.DataFrame  # overdue_to_start


def facts_of(agreements: pd.DataFrame, as_of: dt.date, year: int | None = None) -> SigningFacts:
    """:class:`SigningFacts` of ``year`` (default: the as-of day's) from all agreements."""
    year = year or as_of.year
    mine = of_year(agreements, year, as_of)
    return SigningFacts(
        year=year,
        as_of=as_of,
        summary=summary(mine, as_of),
        by_zone=by_group(mine, as_of, "zone"),
        overdue=overdue_to_start(agreements, as_of),
    )


def signing_facts(engine: Engine, as_of: dt.date, year: int | None = None) -> SigningFacts:
    """:func:`facts_of` read from the database."""
    return facts_of(load_agreements(engine), as_of, year)


def linked_on(engine: Engine, frame: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """:func:`linked_fulfilment` with the key projects as their reports stood on ``as_of``."""
    return linked_fulfilment(frame, store.load_projects(engine, as_of))


def records(
    agreements: pd.DataFrame,
    targets: pd.DataFrame,
    projects: pd.DataFrame,
    as_of: dt.date,
    year: int,
    by: str,
) -> dict[str, object]:
    """JSON-ready (the command line's ``signing --json``): the year's summary, the groups by
    ``by``, the overdue list, the targets and the agreements that became key projects."""
    mine = of_year(agreements, year, as_of)
    groups = by_group(mine, as_of, by)
    late = overdue_to_start(agreements, as_of)
    goals = target_completion(targets, mine, as_of)
    linked = linked_fulfilment(mine, projects)
    group_rates = ("start_rate", "fulfilment_rate", "months_median", "months_mean")
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "summary": summary(mine, as_of).to_dict(),
        "by": by,
        "groups": formatting.json_records(
            groups,
            {c: c for c in groups.columns},
            rates=group_rates,
            counts=("signed", "started", "overdue"),
        ),
        "overdue": formatting.json_records(
            late, {c: c for c in late.columns}, counts=("id", "days_late")
        ),
        "targets": formatting.json_records(
            goals,
            {c: c for c in goals.columns},
            rates=("signed_rate", "started_rate", "investment_rate"),
            counts=("signed_target", "signed", "started_target", "started"),
        ),
        "linked": formatting.json_records(
            linked,
            {c: c for c in linked.columns},
            rates=("fulfilment_rate",),
            counts=("id", "project_id"),
        ),
    }


# --------------------------------------------------------------------------- reading, saving


def _checked_links(session: store.Session, agreement: Agreement) -> None:
    if agreement.zone_id is not None and not stored.zone_exists(session, agreement.zone_id):
        raise Refusal("not_found", kind=Term.of("record.zones"), id=agreement.zone_id)
    if agreement.project_id is not None and not store.project_exists(session, agreement.project_id):
        raise Refusal("not_found", kind=Term.of("record.projects"), id=agreement.project_id)


def add_agreement(
    engine: Engine, agreement: Agreement, *, today: dt.date | None = None, actor: str | None = None
) -> int:
    """Record a signed agreement; returns its id."""
    agreement = agreement.cleaned()
    check_agreement(agreement, today)
    with store.transaction(engine, write=True, actor=actor) as s:
        _checked_links(s, agreement)
        return stored.write_agreement(s, None, agreement.fields())


def edit_agreement(
    engine: Engine,
    agreement_id: int,
    agreement: Agreement,
    *,
    version: int | None = None,
    today: dt.date | None = None,
    actor: str | None = None,
) -> int:
    """Correct an agreement: every field as given. ``version`` is the one the person was
    looking at; an agreement changed since is refused, never overwritten (None: no check)."""
    agreement = agreement.cleaned()
    check_agreement(agreement, today)
    with store.transaction(engine, write=True, actor=actor) as s:
        _checked_links(s, agreement)
        return stored.write_agreement(s, agreement_id, agreement.fields(), version)


def _as_agreement(values: dict[str, object]) -> Agreement:
    return Agreement(**{f.name: values[f.name] for f in fields(Agreement)})


def mark_started(
    engine: Engine,
    agreement_id: int,
    started_on: dt.date,
    *,
    version: int | None = None,
    today: dt.date | None = None,
    actor: str | None = None,
) -> int:
    """Record the day the agreement's project started (开工)."""
    with store.transaction(engine, write=True, actor=actor) as s:
        current = stored.agreement_fields(s, agreement_id)
        check_agreement(replace(_as_agreement(current), started_on=started_on), today)
        return stored.write_agreement(s, agreement_id, {"started_on": started_on}, version)


def link_project(
    engine: Engine,
    agreement_id: int,
    project_id: int | None,
    *,
    version: int | None = None,
    actor: str | None = None,
) -> int:
    """Say which key project the agreement became (None: none)."""
    with store.transaction(engine, write=True, actor=actor) as s:
        current = stored.agreement_fields(s, agreement_id)
        _checked_links(s, replace(_as_agreement(current), project_id=project_id))
        return stored.write_agreement(s, agreement_id, {"project_id": project_id}, version)


def save_target(
    engine: Engine,
    year: int,
    unit: str,
    *,
    signed_count: int,
    started_count: int,
    investment_wan: float,
    version: int | None = None,
    actor: str | None = None,
) -> int:
    """Set a unit's signing targets for the year (replacing its earlier ones)."""
    unit = _clean(unit) or ""
    check_target(year, unit, signed_count, started_count, investment_wan)
    with store.transaction(engine, write=True, actor=actor) as s:
        return stored.write_target(
            s,
            year,
            unit,
            signed_count=int(signed_count),
            started_count=int(started_count),
            investment_wan=float(investment_wan),
            version=version,
        )


# --------------------------------------------------------------------------- on screen


def _group_key(key: object, by: str, lang: str) -> str:
    if is_missing(key):
        return t(f"signing.no_{by}", lang) if by in ("zone", "unit") else "—"
    return label("attraction_way", str(key), lang) if by == "way" else str(key)


def months_text(value: float) -> str:
    """Months to start as shown: one decimal, a dash when none has started."""
    return "—" if is_missing(value) else f"{value:.1f}"


def group_table(groups: pd.DataFrame, by: str, lang: str) -> pd.DataFrame:
    """:func:`by_group` with the column names shown on screen, rates as percentages; the rate
    first after the name (on a phone the last columns scroll away)."""
    return pd.DataFrame(
        {
            t(f"signing.by.{by}", lang): [_group_key(k, by, lang) for k in groups["key"]],
            t("signing.start_rate", lang): [formatting.percent(r) for r in groups["start_rate"]],
            t("signing.col.signed", lang): groups["signed"],
            t("signing.col.started", lang): groups["started"],
            t("signing.col.months_median", lang): [months_text(m) for m in groups["months_median"]],
            t("signing.col.months_mean", lang): [months_text(m) for m in groups["months_mean"]],
            t("signing.agreed_wan", lang): [formatting.wan(v) for v in groups["agreed_wan"]],
            t("signing.fulfilment", lang): [
                formatting.percent(r) for r in groups["fulfilment_rate"]
            ],
            t("signing.col.overdue", lang): groups["overdue"],
        }
    )


def overdue_table(late: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`overdue_to_start` with the column names shown on screen, the days late first
    after the name."""
    return pd.DataFrame(
        {
            t("signing.name", lang): late["name"],
            t("signing.days_late", lang): late["days_late"],
            t("signing.planned_start", lang): [
                formatting.date(d, lang) for d in late["planned_start"]
            ],
            t("signing.by.zone", lang): list(late["zone"]),
            t("col.responsible_unit", lang): list(late["responsible_unit"]),
            t("signing.origin_region", lang): late["origin_region"],
            t("signing.signed_on", lang): [formatting.date(d, lang) for d in late["signed_on"]],
            t("signing.agreed_wan", lang): [
                formatting.wan(v) for v in late["agreed_investment_wan"]
            ],
        }
    )


def _done_of(done: object, target: object, money: bool = False) -> str:
    """ "8 / 10": what was done of the target ("—" without one)."""
    shown = formatting.wan if money else (lambda v: f"{int(v):,}")
    return f"{shown(done)} / {'—' if is_missing(target) else shown(target)}"


def target_table(goals: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`target_completion` with the column names shown on screen: each figure as done
    of target ("8 / 10") beside its rate, so the table fits half a screen."""
    pairs = (
        ("signed", "signed_target", "signed_rate", False),
        ("started", "started_target", "started_rate", False),
        ("agreed_wan", "investment_target_wan", "investment_rate", True),
    )
    columns: dict[str, list] = {t("col.responsible_unit", lang): list(goals["unit"])}
    for done, target, rate, money in pairs:
        columns[t(f"signing.target.{done}", lang)] = [
            _done_of(d, g, money) for d, g in zip(goals[done], goals[target], strict=True)
        ]
        columns[t(f"signing.target.{rate}", lang)] = [formatting.percent(r) for r in goals[rate]]
    return pd.DataFrame(columns)


def linked_table(linked: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`linked_fulfilment` with the column names shown on screen."""
    return pd.DataFrame(
        {
            t("signing.name", lang): linked["name"],
            t("signing.project", lang): list(linked["project"]),
            t("signing.agreed_wan", lang): [formatting.wan(v) for v in linked["agreed_wan"]],
            t("signing.completed_wan", lang): [formatting.wan(v) for v in linked["completed_wan"]],
            t("signing.fulfilment", lang): [
                formatting.percent(r) for r in linked["fulfilment_rate"]
            ],
        }
    )


def agreement_table(frame: pd.DataFrame, as_of: dt.date, lang: str) -> pd.DataFrame:
    """The agreements themselves, newest signing first, as the page lists them."""
    shown = frame.iloc[::-1]
    started = started_by(shown, as_of)
    overdue = overdue_mask(shown, as_of)
    months = months_to_start(shown, as_of)
    return pd.DataFrame(
        {
            t("signing.name", lang): shown["name"],
            t("signing.signed_on", lang): [formatting.date(d, lang) for d in shown["signed_on"]],
            t("signing.origin_region", lang): shown["origin_region"],
            t("signing.attraction_way", lang): [
                label("attraction_way", w, lang) for w in shown["attraction_way"]
            ],
            t("signing.agreed_wan", lang): [
                formatting.wan(v) for v in shown["agreed_investment_wan"]
            ],
            t("signing.by.zone", lang): list(shown["zone"]),
            t("col.responsible_unit", lang): list(shown["responsible_unit"]),
            t("signing.status", lang): [
                t(f"signing.status.{point_status(s, o)}", lang)
                for s, o in zip(started, overdue, strict=True)
            ],
            # None, not "": the table shows a dash for what is not there.
            t("signing.planned_start", lang): [
                formatting.date(d, lang) if d else None for d in shown["planned_start"]
            ],
            t("signing.started_on", lang): [
                formatting.date(d, lang) if ok else None
                for d, ok in zip(shown["started_on"], started, strict=True)
            ],
            t("signing.months", lang): [months_text(m) for m in months],
            t("signing.project", lang): list(shown["project"]),
        }
    )
