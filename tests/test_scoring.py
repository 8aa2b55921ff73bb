"""Scoring an observation meeting: the ranking by hand-computed examples, saving, exports."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from geo.storage import audit, store
from geo.workflow import scoring

CRITERIA = (scoring.Criterion("a", "形象进度", 3), scoring.Criterion("b", "投资强度", 1))


def _scores(rows: list[tuple[str, int, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["judge", "project_id", "criterion", "value"])


def test_ranking_by_hand() -> None:
    table = scoring.ranking(
        _scores(
            [
                # judge 张: project 1 → (3*80 + 1*60)/4 = 75; project 2 → (3*90 + 1*70)/4 = 85
                ("张", 1, "a", 80),
                ("张", 1, "b", 60),
                ("张", 2, "a", 90),
                ("张", 2, "b", 70),
                # judge 李: project 1 → (3*100 + 1*100)/4 = 100; project 2 → (3*80 + 1*80)/4 = 80
                ("李", 1, "a", 100),
                ("李", 1, "b", 100),
                ("李", 2, "a", 80),
                ("李", 2, "b", 80),
                # judge 王 scored project 3 on one criterion only: not counted
                ("王", 3, "a", 100),
            ]
        ),
        CRITERIA,
    )
    assert table.to_dict("records") == [
        {"rank": 1, "project_id": 1, "score": 87.5, "judges": 2},
        {"rank": 2, "project_id": 2, "score": 82.5, "judges": 2},
    ]


def test_ties_share_a_rank() -> None:
    table = scoring.ranking(
        _scores(
            [
                ("张", 1, "a", 80),
                ("张", 1, "b", 80),
                ("张", 2, "a", 80),
                ("张", 2, "b", 80),
                ("张", 3, "a", 60),
                ("张", 3, "b", 60),
            ]
        ),
        CRITERIA,
    )
    assert table["rank"].tolist() == [1, 1, 3]


def test_no_scores_no_ranking() -> None:
    assert scoring.ranking(_scores([]), CRITERIA).empty


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("progress:形象进度:30;quality:质量安全:20", True),
        ("a:x:0", False),
        ("a:x:1;a:y:2", False),
        ("nonsense", False),
    ],
)
def test_parse_criteria(text: str, ok: bool) -> None:
    if ok:
        assert [c.key for c in scoring.parse_criteria(text)] == ["progress", "quality"]
    else:
        with pytest.raises(ValueError):
            scoring.parse_criteria(text)


@pytest.fixture
def county(demo_copy_url: str) -> sa.Engine:
    return store.make_engine(demo_copy_url)


def test_save_and_rank(county: sa.Engine) -> None:
    tour_id = scoring.create_tour(county, "11月观摩会", dt.date(2026, 11, 20), [1, 2, 3], CRITERIA)
    scoring.save_scores(county, tour_id, "张立新", 1, {"a": 90, "b": 70})
    scoring.save_scores(county, tour_id, "张立新", 1, {"a": 80})  # a judge may correct a score
    scoring.save_scores(county, tour_id, "张立新", 2, {"a": 70, "b": 70})
    table = scoring.ranking(scoring.load_scores(county, tour_id), CRITERIA)
    assert table["project_id"].tolist() == [1, 2] and table["score"].tolist() == [77.5, 70.0]
    with pytest.raises(ValueError, match="not a stop"):
        scoring.save_scores(county, tour_id, "张立新", 99, {"a": 1})
    with pytest.raises(ValueError, match="is not between 0 and 100"):
        scoring.save_scores(county, tour_id, "张立新", 1, {"a": 101})
    with pytest.raises(ValueError, match="Judge \\(your name\\) is required"):
        scoring.save_scores(county, tour_id, " ", 1, {"a": 1})
    from geo.storage.models import Score

    with store.transaction(county) as s:
        first = s.scalars(
            sa.select(Score.id).where(Score.tour_id == tour_id).order_by(Score.id)
        ).first()
    trail = audit.history(county, "scores", first)
    assert trail["actor"].tolist() == ["张立新", "张立新"]  # saved, then corrected
    assert trail.iloc[1]["changes"]["value"] == [90.0, 80.0]


def test_exports() -> None:
    table = scoring.ranking(_scores([("张", 1, "a", 80), ("张", 1, "b", 60)]), CRITERIA)
    book = load_workbook(io.BytesIO(scoring.ranking_xlsx(table, {1: "=HYPERLINK(1)"}, "观摩会")))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[2] == (1, "=HYPERLINK(1)", 75.0, 1)
    assert book.active.cell(3, 2).data_type == "s"


def test_scoring_page(monkeypatch: pytest.MonkeyPatch, demo_copy_url: str) -> None:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from geo.config import REPO_ROOT

    monkeypatch.setenv("GEO_DB_URL", demo_copy_url)
    st.cache_resource.clear()
    st.cache_data.clear()
    engine = store.make_engine(demo_copy_url)
    tour_id = scoring.create_tour(engine, "观摩会", dt.date(2026, 11, 20), [1, 2])
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/scoring.py").run()
    assert not at.exception
    at.text_input(key="judge").input("张立新").run()
    first = [n for n in at.number_input if n.label.startswith("形象进度")][0]
    first.set_value(95.0)
    at.button(key=f"FormSubmitter:score_{tour_id}_1-保存评分").click().run()
    at.button(key=f"FormSubmitter:score_{tour_id}_2-保存评分").click().run()
    assert not at.exception
    saved = scoring.load_scores(engine, tour_id)
    assert (
        len(saved) == 8
        and saved.query("project_id == 1 and criterion == 'progress'")["value"].item() == 95.0
    )
    next(b for b in at.button if b.label == "公布排名").click().run()
    ranking = at.dataframe[-1].value
    assert ranking["名次"].tolist() == [1, 2]
    assert ranking["得分"].tolist()[0] == pytest.approx(
        (95 * 30 + 80 * 30 + 80 * 20 + 80 * 20) / 100
    )
