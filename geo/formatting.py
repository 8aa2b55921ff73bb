"""Numbers and dates as the users write them: 万元 with separators, 亿元 with two decimals."""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from geo.i18n import t

_YI = 10_000.0  # 1 亿元 = 10,000 万元


def is_missing(value: object) -> bool:
    """None, or what pandas puts in its place in a frame (NaN, NaT, pd.NA)."""
    return value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value)
                             and bool(pd.isna(value)))  # fmt: skip


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
