"""Refusals are said in the language of whoever asked; the command line keeps English."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.refusals import Refusal, Term, record_term, said


@pytest.mark.parametrize(
    ("refusal", "en", "zh"),
    [
        (
            Refusal("required", field=Term.of("meetings.title")),
            "Title is required",
            "请填写会议名称",
        ),
        (
            Refusal("not_found", kind=Term.of("record.problems"), id=7),
            "there is no problem 7",
            "问题（#7）不存在，可能已被删除，请刷新页面",
        ),
        (  # a date is ISO in both languages
            Refusal("report_in_future", as_of=dt.date(2026, 12, 31)),
            "as-of date 2026-12-31 is in the future",
            "截止日期2026-12-31晚于今天",
        ),
        (  # a list as each language writes one, and "none" when it is empty
            Refusal("boundary_names_repeat", file="a.shp", names=("城关镇", "石花镇")),
            "a.shp: zone names repeat: 城关镇, 石花镇",
            "a.shp：区域名称重复：城关镇、石花镇",
        ),
        (
            Refusal("boundary_names_repeat", file="a.shp", names=()),
            "a.shp: zone names repeat: none",
            "a.shp：区域名称重复：无",
        ),
    ],
)
def test_a_refusal_in_both_languages(refusal: Refusal, en: str, zh: str) -> None:
    assert str(refusal) == en and said(refusal, "en") == en
    assert refusal.text("zh") == zh and said(refusal, "zh") == zh
    assert isinstance(refusal, ValueError)  # callers that catch ValueError still do


@pytest.mark.parametrize(
    ("term", "en", "zh"),
    [
        (record_term("problems", 12), "problem #12", "问题（#12）"),
        (
            record_term("projects", 3, "五山污水厂"),
            "project #3 (五山污水厂)",
            "项目（#3，五山污水厂）",
        ),
        (
            record_term("stoppage_periods", None, "国庆"),
            "a new stoppage period 国庆",
            "新停复工时段国庆",
        ),
    ],
)
def test_records_are_named_for_people(term: Term, en: str, zh: str) -> None:
    assert (term.text("en"), term.text("zh")) == (en, zh)


def test_anything_else_is_said_as_it_says_itself() -> None:
    assert said(ValueError("disk full"), "zh") == "disk full"
