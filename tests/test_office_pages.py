"""The office's pages in AppTest: monthly bulletin, quarterly ranking, trends."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from geo import formatting
from geo.reports import bulletin
from geo.workflow import ranking


def test_bulletin_page_previews_the_measures(
    open_app, demo_url: str, demo_engine: sa.Engine
) -> None:
    at = open_app(demo_url, "bulletin")
    at.run()
    assert not at.exception
    facts = bulletin.compile_facts(demo_engine)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["重点项目"] == str(facts.headline.projects)
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert f"共有重点项目{facts.headline.projects}个" in text
    assert f"低于时间进度的项目{facts.headline.behind_schedule}个" in text
    category_table = at.dataframe[0].value
    assert category_table.iloc[-1, 0] == "合计"
    assert category_table.iloc[-1, 1] == str(facts.headline.projects)
    assert any(b.proto.label == "下载 Word(.docx)" for b in at.get("download_button"))

    at.sidebar.segmented_control(key="_lang_widget").set_value("en").run()
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert "Overall progress" in text and f"has {facts.headline.projects} key projects" in text


def test_ranking_page_shows_heroes_and_laggards(
    open_app, demo_url: str, demo_engine: sa.Engine
) -> None:
    at = open_app(demo_url, "ranking")
    at.run()
    assert not at.exception
    at.segmented_control(key="_w.ranking_by.zh").set_value("township").run()
    table = ranking.quarterly(demo_engine, "township")
    heroes, laggards = ranking.heroes(table), ranking.laggards(table)
    labels = [m.label for m in at.metric]
    expected = [f"{int(r['rank'])}. {r['key']}" for r in heroes.to_dict("records")]
    expected += [f"{int(r['rank'])}. {r['key']}" for r in laggards.to_dict("records")]
    assert labels == expected
    assert at.metric[0].value == f"{heroes.iloc[0]['score']:.1f}"
    shown = at.dataframe[0].value
    assert list(shown["名称"]) == list(table["key"])
    assert "截至2026年10月31日排名" in at.caption[0].value


def test_trends_page_draws_three_charts_for_the_filtered_projects(
    open_app, demo_url: str, demo_engine: sa.Engine
) -> None:
    at = open_app(demo_url, "trends")
    at.run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 3
    whole = _chart_values(at, 0)

    at.sidebar.selectbox(key="_w.project_filter.zone.zh").set_value("石花工业园").run()
    assert not at.exception
    zone = _chart_values(at, 0)
    assert 0 < max(zone) < max(whole)  # the park's curve is part of the county's

    with demo_engine.connect() as conn:
        one = conn.execute(
            sa.text(
                "select p.id from projects p join zones z on z.id = p.park_id"
                " where z.name = '石花工业园' order by p.id limit 1"
            )
        ).scalar_one()
    at.selectbox(key="_w.trends_project.zh").set_value(one).run()
    assert not at.exception
    project = _chart_values(at, 0)
    assert 0 < max(project) < max(zone)


def _chart_values(at: AppTest, index: int) -> list[float]:
    """The completed-investment values drawn by the index-th chart (from its spec)."""
    chart = at.get("vega_lite_chart")[index].proto
    spec = json.loads(chart.spec)
    values: list[float] = []
    for layer in spec.get("layer", []):
        for row in layer.get("data", {}).get("values", []) or []:
            if "value" in row and row.get("value") is not None:
                values.append(float(row["value"]))
    if not values:  # datasets travel separately from the spec
        for dataset in chart.datasets:
            frame = _arrow(dataset.data.data)
            if "value" in frame:
                values.extend(frame["value"].dropna().astype(float))
    return values


def _arrow(data: bytes):
    import pyarrow as pa

    return pa.ipc.open_stream(data).read_all().to_pandas()


def test_ranking_date_follows_the_sidebar(open_app, demo_url: str) -> None:
    at = open_app(demo_url, "ranking")
    at.run()
    at.sidebar.selectbox(key="_w.as_of.zh").select(dt.date(2026, 6, 30)).run()
    assert not at.exception
    assert formatting.date(dt.date(2026, 6, 30), "zh") in at.caption[0].value
    assert formatting.date(dt.date(2026, 3, 31), "zh") in at.caption[0].value
