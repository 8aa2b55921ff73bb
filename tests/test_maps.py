"""The overview map as real folium HTML: one point per project, colours, escaping, offline."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import sqlalchemy as sa

from geo import colors
from geo.core import measures, snapshot
from geo.views import assets, maps

HOSTILE = "<img src=x onerror=alert(1)>`${alert(2)}`"


@pytest.fixture
def snap(demo_engine: sa.Engine) -> snapshot.Snapshot:
    return snapshot.take_snapshot(demo_engine)


def _html(snap: snapshot.Snapshot, **options: str) -> str:
    fmap = maps.overview_map(
        snap.projects,
        measures.zone_rates(snap.projects, snap.zones),
        maps.MapOptions(**{"tiles": "none", **options}),
    )
    return assets.use_served_assets(fmap, "/app/static").get_root().render()


def _decoded(html: str) -> str:
    """The HTML with folium's JSON escapes (\\u4e2d, \\u003c) turned back into characters,
    so that assertions see what the browser's JavaScript will see."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)


def test_one_point_per_project_with_its_colour(snap: snapshot.Snapshot) -> None:
    points = maps.sites_in_html(_html(snap))
    assert len(points) == len(snap.projects)
    by_id = {p["project_id"]: p for p in points}
    for row in snap.projects.to_dict("records"):
        site = by_id[row["id"]]
        assert [site["lon"], site["lat"]] == pytest.approx([row["lon"], row["lat"]], abs=6e-6)
        assert site["name"] == row["name"] and site["rate"] == round(row["completion_rate"] * 1000)
        # Colours step every 0.1% of completion.
        assert site["color"] == colors.completion_color(round(row["completion_rate"], 3))


@pytest.mark.parametrize(
    ("color_by", "palette"),
    [
        ("schedule", set(colors.SCHEDULE_COLORS.values())),
        ("stage", set(colors.STAGE_COLORS.values())),
    ],
)
def test_other_colourings(snap: snapshot.Snapshot, color_by: str, palette: set[str]) -> None:
    points = maps.sites_in_html(_html(snap, color_by=color_by))
    assert {p["color"] for p in points} <= palette
    laggard = snap.projects[snap.projects["schedule_status"] == "far_behind"].iloc[0]
    if color_by == "schedule":
        got = next(p for p in points if p["project_id"] == laggard["id"])
        assert got["color"] == colors.RED


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (0.0, colors.RED),
        (0.5, colors.AMBER),
        (1.0, colors.GREEN),
        (1.7, colors.GREEN),
        (float("nan"), colors.GREY),
    ],
)
def test_completion_scale(rate: float, expected: str) -> None:
    assert colors.completion_color(rate) == expected


def test_completion_scale_is_continuous() -> None:
    quarter = colors.completion_color(0.25)
    assert quarter not in (colors.RED, colors.AMBER)
    assert int(quarter[3:5], 16) > int(colors.RED[3:5], 16)  # more green than red has


def test_hostile_names_are_shown_as_text(snap: snapshot.Snapshot) -> None:
    projects = snap.projects.copy()
    projects.loc[projects.index[0], "name"] = HOSTILE
    zones = snap.zones.copy()
    zones.loc[zones.index[0], "name"] = HOSTILE
    fmap = maps.overview_map(
        projects, measures.zone_rates(projects, zones), maps.MapOptions(tiles="none")
    )
    html = _decoded(fmap.get_root().render())
    assert "<img src=x" not in html
    assert "${alert" not in html and "`${" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{alert(2)}&#96;" in html  # the zone
    # The site's name travels packed, as entered, and is escaped where it is shown.
    assert any(p["name"] == HOSTILE for p in maps.sites_in_html(fmap.get_root().render()))
    assert "esc(d.n[k])" in html and "replace(/[&<>\"'`$]/g" in html


def test_served_map_needs_no_internet(snap: snapshot.Snapshot) -> None:
    html = _html(snap)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources == [
        "/app/static/vendor/leaflet/leaflet.js",
        "/app/static/vendor/leaflet/leaflet.css",
    ]
    assert "tile.openstreetmap" not in html


def test_standalone_map_carries_leaflet(snap: snapshot.Snapshot) -> None:
    fmap = maps.overview_map(
        snap.projects, measures.zone_rates(snap.projects, snap.zones), maps.MapOptions(tiles="none")
    )
    html = assets.inline_assets(fmap).get_root().render()
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="http', html)
    assert "L.version" in html or "Leaflet" in html and "leaflet-container" in html


def test_tiles_setting(snap: snapshot.Snapshot) -> None:
    assert "tile.openstreetmap.org" in _html(snap, tiles="osm")
    fmap = maps.overview_map(
        snap.projects.head(3),
        measures.zone_rates(snap.projects.head(3), snap.zones),
        maps.MapOptions(
            tiles="https://tiles.example.local/{z}/{x}/{y}.png", tiles_attribution="本地<b>"
        ),
    )
    html = _decoded(fmap.get_root().render())
    assert "https://tiles.example.local/{z}/{x}/{y}.png" in html
    assert "本地&lt;b&gt;" in html


@pytest.mark.parametrize("color_by", maps.COLOR_BY)
def test_legend_follows_colouring(snap: snapshot.Snapshot, color_by: str) -> None:
    html = _decoded(_html(snap, color_by=color_by, lang="en"))
    legend = re.search(r'<div class="geo-legend">(.*?)</div></div>', html, re.S).group(1)
    expected = {
        "completion": "Completion rate",
        "schedule": "At or above",
        "stage": "Under construction",
        "roadmap": "Late ≤ 10 days",
        "own_plan": "Against own monthly plan",
        "resumption": "Not reported",
    }
    assert expected[color_by] in legend


def test_zone_focus_zooms_to_the_zone(snap: snapshot.Snapshot) -> None:
    rates = measures.zone_rates(snap.projects, snap.zones)
    county = maps.zone_focus(rates, "城关镇")
    park = maps.zone_focus(rates, "石花工业园")
    assert park[2] - park[0] < county[2] - county[0]
    with pytest.raises(ValueError, match="does not exist"):
        maps.zone_focus(rates, "火星镇")


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({"last_active_drawing": {"type": "Feature", "properties": {"project_id": 7}}}, 7),
        ({"last_active_drawing": {"properties": {"project_id": 7.0}}}, 7),
        ({"last_active_drawing": {"properties": {"zone": "城关镇"}}}, None),  # a zone, not a site
        ({"last_active_drawing": None}, None),
        ({"last_active_drawing": {"properties": {"project_id": "7"}}}, None),
        ({"last_active_drawing": {"properties": {"project_id": True}}}, None),
        ({}, None),
        (None, None),
    ],
)
def test_clicked_project_id(state: dict | None, expected: int | None) -> None:
    assert maps.clicked_project_id(state) == expected


def test_empty_selection_still_draws_zones(snap: snapshot.Snapshot) -> None:
    empty = snap.projects.iloc[0:0]
    fmap = maps.overview_map(
        empty, measures.zone_rates(empty, snap.zones), maps.MapOptions(tiles="none")
    )
    html = fmap.get_root().render()
    assert maps.sites_in_html(html) == [] and "城关镇" in _decoded(html)


def test_bad_colouring_is_refused() -> None:
    with pytest.raises(ValueError, match="color_by='rainbow'"):
        maps.MapOptions(color_by="rainbow")


def test_escape_text_table() -> None:
    assert maps.escape_text('a<b>&"`$') == "a&lt;b&gt;&amp;&quot;&#96;&#36;"
    assert maps.escape_text(pd.NA) == "&lt;NA&gt;"


def test_a_click_on_a_circle_is_matched_to_its_site(snap: snapshot.Snapshot) -> None:
    sites = maps.site_positions(snap.projects, "wgs84")
    row = snap.projects.iloc[5]
    at = {"lat": round(row["lat"], 5), "lng": round(row["lon"], 5)}  # the circle's own position
    assert maps.clicked_project_id({"last_clicked": at}, sites) == int(row["id"])
    away = {"lat": at["lat"] + 0.01, "lng": at["lng"]}  # a click on the background
    assert maps.clicked_project_id({"last_clicked": away}, sites) is None
    assert maps.clicked_project_id({"last_clicked": at}, None) is None
    assert maps.clicked_project_id({"last_clicked": {"lat": "x"}}, sites) is None


def test_roadmap_colouring(snap: snapshot.Snapshot) -> None:
    sites = {p["project_id"]: p for p in maps.sites_in_html(_html(snap, color_by="roadmap"))}
    for row in snap.projects.to_dict("records"):
        assert sites[row["id"]]["color"] == colors.ROADMAP_COLORS[row["roadmap_status"]]
    assert len({p["color"] for p in sites.values()}) >= 3  # the demo has on-time, late, very late


def test_own_plan_colouring(snap: snapshot.Snapshot) -> None:
    sites = {p["project_id"]: p for p in maps.sites_in_html(_html(snap, color_by="own_plan"))}
    for row in snap.projects.to_dict("records"):
        assert sites[row["id"]]["color"] == colors.SCHEDULE_COLORS[row["own_schedule_status"]]
    with_targets = snap.projects[snap.projects["own_plan_wan"].notna()]
    assert (with_targets["own_schedule_status"] != with_targets["schedule_status"]).any()


def test_every_map_speaks_metric(snap: snapshot.Snapshot) -> None:
    """The scale bar in km and m (folium's own adds miles and feet)."""
    zone_rates = measures.zone_rates(snap.projects, snap.zones)
    options = maps.MapOptions(tiles="none")
    first = snap.projects.iloc[0]
    for fmap in (
        maps.overview_map(snap.projects, zone_rates, options),
        maps.site_map(first["lon"], first["lat"], first["name"], zone_rates, options),
    ):
        html = fmap.get_root().render()
        assert "L.control.scale({metric: true, imperial: false})" in html
        assert "L.control.scale()" not in html


def test_no_map_asks_for_leaflets_marker_images(snap: snapshot.Snapshot) -> None:
    """Zone labels are markers: the blank default icon must be set before the first one, or
    the browser asks for marker-icon.png (a 404 under the app's static path)."""
    zone_rates = measures.zone_rates(snap.projects, snap.zones)
    options = maps.MapOptions(tiles="none")
    first = snap.projects.iloc[0]
    stops = list(snap.projects.head(3).itertuples())
    for fmap in (
        maps.overview_map(snap.projects, zone_rates, options),
        maps.site_map(first["lon"], first["lat"], first["name"], zone_rates, options),
        maps.tour_map(stops, zone_rates, options, (111.6448, 32.2628)),
    ):
        html = fmap.get_root().render()
        assert "L.marker(" in html
        assert html.index("L.Marker.prototype.options.icon") < html.index("L.marker(")


@pytest.mark.parametrize("rate", [0.1, 0.6, 1.125, float("nan")])
def test_a_slide_site_is_coloured_by_its_completion_rate(
    snap: snapshot.Snapshot, rate: float
) -> None:
    """A presentation slide's site has the overview's colour for its rate, not a fixed red."""
    zone_rates = measures.zone_rates(snap.projects, snap.zones)
    html = (
        maps.site_map(111.65, 32.26, "x", zone_rates, maps.MapOptions(tiles="none"), rate=rate)
        .get_root()
        .render()
    )
    assert f'"fillColor": "{colors.completion_color(rate)}"' in html


def test_point_layers_are_their_own_switchable_layers_with_text_tooltips(
    snap: snapshot.Snapshot,
) -> None:
    points = pd.DataFrame(
        {"lon": [111.6, 111.7], "lat": [32.3, 32.25], "label": [HOSTILE, "光伏电站 · 储备"]}
    )
    layers = (
        maps.PointLayer("项目库", points, colors.AMBER),
        maps.PointLayer("签约项目", points.iloc[:1], colors.RED, shown=False),
        maps.PointLayer("nothing", points.iloc[0:0], colors.RED),  # empty: not drawn
    )
    fmap = maps.overview_map(
        snap.projects,
        measures.zone_rates(snap.projects, snap.zones),
        maps.MapOptions(tiles="none"),
        layers=layers,
    )
    html = _decoded(assets.use_served_assets(fmap, "/app/static").get_root().render())
    assert html.count('class=\\"geo-diamond\\"') == 3  # two of one layer, one of the other
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert all(s.startswith("/app/static/") for s in sources)  # nothing from a CDN
    assert "L.control.layers(" in html and '"项目库"' in html and '"签约项目"' in html
    assert '"nothing"' not in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # Without layers there is no switch at all (the overview stays as it was).
    assert "L.control.layers(" not in _html(snap)
