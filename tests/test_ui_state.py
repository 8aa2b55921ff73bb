"""What a session shares between pages is typed: a value left by another page, another
language or an older run never reaches a function as the wrong type (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from geo.ui import frame, state


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 9, 30), dt.date(2026, 9, 30)),
        (dt.datetime(2026, 9, 30, 12, 5), dt.date(2026, 9, 30)),
        ("2026-09-30", dt.date(2026, 9, 30)),
        (" 2026-09-30T00:00:00 ", dt.date(2026, 9, 30)),
        ("2026年9月30日", None),  # the label a Chinese screen showed: not a date
        ("", None),
        (None, None),
        (20260930, None),
    ],
)
def test_coerce_date(value: object, expected: dt.date | None) -> None:
    assert state.coerce_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, 3),
        ("3", 3),
        (" 12 ", 12),
        (3.0, 3),
        (0, None),
        (-2, None),
        ("3a", None),
        (True, None),
        (None, None),
        (2.5, None),
    ],
)
def test_coerce_id(value: object, expected: int | None) -> None:
    assert state.coerce_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("en", "en"), ("zh", "zh"), ("fr", "zh"), (None, "zh"), (["en"], "zh")]
)
def test_coerce_lang(value: object, expected: str) -> None:
    assert state.coerce_lang(value, "zh") == expected


def test_widget_keys_differ_by_language() -> None:
    assert state.key_for("as_of", "zh") != state.key_for("as_of", "en")


def _exceptions(at) -> list[str]:
    return [e.message for e in at.exception]


def test_every_page_survives_a_date_chosen_in_chinese_then_english(open_app, demo_url: str) -> None:
    """The path of issue 15: an earlier as-of date in 中文, the switch to English, then every
    page (13 of 16 crashed with 'str' object has no attribute 'year')."""
    at = open_app(demo_url)
    at.run()
    at.sidebar.selectbox(key=state.key_for("as_of", "zh")).select(dt.date(2026, 9, 30)).run()
    at.sidebar.segmented_control(key="_lang_widget").set_value("en").run()
    assert not _exceptions(at)
    assert at.session_state[state.AS_OF_KEY] == dt.date(2026, 9, 30)
    for name in frame.PAGE_NAMES:
        at.switch_page(f"pages/{name}.py").run()
        assert not _exceptions(at), (name, _exceptions(at))
        assert at.session_state[state.AS_OF_KEY] == dt.date(2026, 9, 30), name
    # The English as-of select shows the date in English, and the choice held.
    as_of = at.sidebar.selectbox(key=state.key_for("as_of", "en"))
    assert as_of.value == dt.date(2026, 9, 30) and "2026-09-30" in as_of.options


def test_a_stale_value_in_the_session_is_not_a_date(open_app, demo_url: str) -> None:
    """An older run (or another page) left text where the date lives: the page still runs on
    the latest report."""
    at = open_app(demo_url, "project")
    at.session_state[state.AS_OF_KEY] = "2026年9月30日"
    at.session_state[state.PROJECT_KEY] = "not a number"
    at.run()
    assert not _exceptions(at)


def test_filters_follow_across_pages_and_languages(open_app, demo_url: str) -> None:
    at = open_app(demo_url)
    at.run()
    at.sidebar.multiselect(key=state.key_for("project_filter.stages", "zh")).select(
        "building"
    ).run()
    at.sidebar.segmented_control(key="_lang_widget").set_value("en").run()
    stages = at.sidebar.multiselect(key=state.key_for("project_filter.stages", "en"))
    assert stages.value == ["building"]
    at.switch_page("pages/trends.py").run()
    assert at.sidebar.multiselect(key=state.key_for("project_filter.stages", "en")).value == [
        "building"
    ]


def test_an_unexpected_error_shows_an_id_and_logs_the_traceback(
    open_app, demo_copy_url: str, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    from geo.ui import guard

    monkeypatch.delenv(guard.RAISE_ENV)
    at = open_app(demo_copy_url, "ranking")
    engine = sa.create_engine(demo_copy_url)
    with engine.begin() as conn:  # a table the page needs is gone: nobody expected that
        conn.execute(sa.text("DROP TABLE problems"))
    at.run()
    assert not at.exception  # no traceback on screen
    shown = at.error[0].value
    assert "这一页出错了，已记录（编号 E-" in shown and "Traceback" not in shown
    ident = shown.split("编号 ")[1].split("）")[0]
    assert ident in caplog.text and "Traceback" in caplog.text


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil.example","点我")', "见 www.evil.example", "写信 a@evil.cn"]
)
def test_an_address_in_data_does_not_become_a_link(text: str) -> None:
    """Streamlit's Markdown links bare addresses after reading escapes: a name holding one
    is shown as text (a walk found one as a link on the ranking boards)."""
    import re

    from geo.ui.text import md

    shown = md(text)
    assert not re.search(r"(?i)https?://|www\\?\.|@[a-z]", shown)
    unescaped = re.sub(r"\\(.)", r"\1", shown).replace("\u2060", "")
    assert unescaped == text  # what a person reads is what was entered
