"""Numbers and dates as the users write them: 万元 with separators, 亿元 with two decimals."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Mapping

import pandas as pd

from geo.i18n import t

_YI = 10_000.0  # 1 亿元 = 10,000 万元


def is_missing(value: object) -> bool:
    """None, or what pandas puts in its place in a frame (NaN, NaT, pd.NA)."""
    return value is None or (
        not isinstance(value, str) and pd.api.types.is_scalar(value) and bool(pd.isna(value))
    )


def text(value: object, empty: str = "") -> str:
    """A text field for a sentence or a cell: ``empty`` when missing (None, NaN), never "nan"."""
    return empty if is_missing(value) or not str(value).strip() else str(value)


def wan(value: float | None) -> str:
    """``12345.6`` → ``"12,346"`` (万元, whole numbers)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:,.0f}"


def money_parts(value_wan: float) -> tuple[str, str]:
    """A total as (number, unit code): ``"yi"`` with two decimals from 1亿 up, else ``"wan"``."""
    if abs(value_wan) >= _YI:
        return f"{value_wan / _YI:,.2f}", "yi"
    return wan(value_wan), "wan"


def money(value_wan: float, lang: str) -> str:
    """A total in 亿元 with two decimals from 1亿 up, else in 万元: ``"169.91 亿元"``."""
    number, unit = money_parts(value_wan)
    return t(f"unit.{unit}", lang, value=number)


def percent(rate: float | None, digits: int = 1) -> str:
    """``0.7466`` → ``"74.7%"``; undefined rates show a dash."""
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return "—"
    return f"{rate * 100:.{digits}f}%"


def date(value: dt.date | None, lang: str) -> str:
    """ISO in English, 2026年9月30日 in Chinese."""
    if value is None:
        return ""
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return value.isoformat()


# Characters XML 1.0 (so Word and Excel files) cannot hold, and DEL: control codes pasted from
# other systems. Tab, line feed and carriage return stay.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` without control characters, so every document format can hold it."""
    return _UNPRINTABLE.sub("", text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with "…" where space is bounded (a slide, a table
    cell, a brief's cover); whole when it fits."""
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


# Letters written right to left, and the marks that change the direction of what follows.
_BIDI = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def isolate(text: str) -> str:
    """``text`` wrapped in a first-strong isolate when it holds right-to-left letters or
    direction marks, so that it cannot reverse what is shown after it (Unicode bidi, FSI…PDI)."""
    return f"\u2068{text}\u2069" if _BIDI.search(text) else text


def without_direction_marks(text: str) -> str:
    """``text`` without the invisible marks that change direction (for writers, such as PDF,
    that draw characters in the order they come)."""
    return re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)


def join(items: object, lang: str) -> str:
    """Names in a list as the language writes them: 张三、李四 or Zhang San, Li Si; missing
    entries are left out (never "nan")."""
    names = [str(i).strip() for i in items if not is_missing(i) and str(i).strip()]
    return ("、" if lang == "zh" else ", ").join(names)


def jsonable(value: object) -> object:
    """``value`` as strict JSON takes it: NaN, NaT and pd.NA become null, numpy numbers plain
    numbers, dates ISO text, tuples and sets lists (``json.dumps(..., allow_nan=False)`` then
    refuses anything left over instead of writing ``NaN``)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, pd.DataFrame):
        return jsonable(value.to_dict("records"))
    if value is pd.NaT:  # NaT passes for a datetime, and its isoformat() is "NaT"
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def json_records(
    rows: pd.DataFrame,
    fields: Mapping[str, str],
    *,
    rates: Collection[str] = (),
    counts: Collection[str] = (),
) -> list[dict[str, object]]:
    """``rows`` as the command line's ``--json`` prints them: each record's ``fields`` (the name
    printed → the column read), through :func:`jsonable`. ``rates`` (rates, scores) are rounded
    to six decimals so they read the same on every machine; ``counts`` stay whole numbers where
    a missing value turned the column into floats (a rank of 3, never 3.0)."""
    names = list(fields)
    out = []
    for values in rows[list(fields.values())].itertuples(index=False, name=None):
        record = {name: jsonable(value) for name, value in zip(names, values, strict=True)}
        for name in rates:
            if record[name] is not None:
                record[name] = round(float(record[name]), 6)
        for name in counts:
            if record[name] is not None:
                record[name] = int(record[name])
        out.append(record)
    return out


#: China Standard Time (UTC+8, no daylight saving): how people here read a clock.
BEIJING = dt.timezone(dt.timedelta(hours=8))


def beijing_time(naive_utc: object) -> str:
    """A time the database keeps in UTC as people read it: "2026-12-04 13:05" Beijing time;
    "" when there is none.

    >>> beijing_time(dt.datetime(2026, 12, 4, 5, 5))
    '2026-12-04 13:05'
    """
    if not isinstance(naive_utc, dt.datetime) or pd.isna(naive_utc):
        return ""
    return naive_utc.replace(tzinfo=dt.UTC).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
