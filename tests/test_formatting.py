"""Money, rates and dates the way the users write them."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from geo import formatting
from geo.ui import md


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1_699_060.0, "zh", "169.91 亿元"),
        (1_699_060.0, "en", "169.91 (100m yuan)"),
        (10_000.0, "zh", "1.00 亿元"),
        (9_999.4, "zh", "9,999 万元"),
        (4_500.0, "en", "4,500 (10k yuan)"),
    ],
)
def test_money(value: float, lang: str, expected: str) -> None:
    assert formatting.money(value, lang) == expected


@pytest.mark.parametrize(
    ("rate", "expected"),
    [(0.7466, "74.7%"), (1.125, "112.5%"), (0.0, "0.0%"), (math.nan, "—"), (None, "—")],
)
def test_percent(rate: float | None, expected: str) -> None:
    assert formatting.percent(rate) == expected


def test_dates() -> None:
    day = dt.date(2026, 9, 30)
    assert formatting.date(day, "zh") == "2026年9月30日"
    assert formatting.date(day, "en") == "2026-09-30"
    assert formatting.date(None, "zh") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**粗体**", r"\*\*粗体\*\*"),
        ("<b>x</b>", r"\<b\>x\</b\>"),
        ("[a](javascript:x)", r"\[a\]\(javascript:x\)"),
        ("$x$", r"\$x\$"),
        ("朗弘热交换系统制造基地", "朗弘热交换系统制造基地"),
    ],
)
def test_markdown_escaping(text: str, expected: str) -> None:
    assert md(text) == expected


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        (None, True),
        (float("nan"), True),
        (pd.NaT, True),
        (pd.NA, True),
        (0, False),
        (0.0, False),
        ("", False),
        ("nan", False),
        (dt.date(2026, 1, 1), False),
        ([None], False),
    ],
)
def test_is_missing(value: object, missing: bool) -> None:
    assert formatting.is_missing(value) is missing


@pytest.mark.parametrize(
    ("items", "lang", "expected"),
    [
        (("钱七", float("nan")), "zh", "钱七"),  # a project imported without a secretary
        (("钱七", "王五"), "zh", "钱七、王五"),
        (("Qian Qi", None, "Wang Wu"), "en", "Qian Qi, Wang Wu"),
        ((None, "", "  "), "zh", ""),
    ],
)
def test_join_leaves_missing_names_out(items: tuple, lang: str, expected: str) -> None:
    assert formatting.join(items, lang) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [("短名称", 10, "短名称"), ("超长" * 10, 5, "超长超长…"), ("abcdef", 6, "abcdef")],
)
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert formatting.shorten(text, limit) == expected
    assert len(formatting.shorten(text, limit)) <= limit


def test_isolate_only_text_that_can_turn_what_follows() -> None:
    assert formatting.isolate("谷城县项目") == "谷城县项目"
    rlo = "\u202eevil\u202c 反向"
    assert formatting.isolate(rlo) == f"\u2068{rlo}\u2069"
    assert formatting.isolate("مشروع") == "\u2068مشروع\u2069"


@pytest.mark.parametrize(
    ("value", "expected"), [(None, "—"), (float("nan"), "—"), ("", "—"), ("城关镇", "城关镇")]
)
def test_text_never_says_nan(value: object, expected: str) -> None:
    assert formatting.text(value, "—") == expected


def test_json_records_are_strict_json_with_the_names_printed() -> None:
    import datetime as dt
    import json

    import numpy as np
    import pandas as pd

    from geo.formatting import json_records

    rows = pd.DataFrame(
        {
            "description": ["<b>漏水</b>", None],
            "deadline": [dt.date(2026, 12, 31), pd.NaT],
            "rate": [0.123456789, np.nan],
            "rank": [3.0, np.nan],  # a missing rank turns the column into floats
            "open": np.array([True, False]),
        }
    )
    got = json_records(
        rows,
        {
            "text": "description",
            "deadline": "deadline",
            "rate": "rate",
            "rank": "rank",
            "open": "open",
        },
        rates=("rate",),
        counts=("rank",),
    )
    assert got == [
        {
            "text": "<b>漏水</b>",
            "deadline": "2026-12-31",
            "rate": 0.123457,
            "rank": 3,
            "open": True,
        },
        {"text": None, "deadline": None, "rate": None, "rank": None, "open": False},
    ]
    assert type(got[0]["rank"]) is int and type(got[0]["open"]) is bool
    json.dumps(got, allow_nan=False)  # nothing left that strict JSON refuses
