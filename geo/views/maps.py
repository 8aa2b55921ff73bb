"""The overview map: zones shaded by completion, projects as coloured points.

Zones are one GeoJSON layer per kind. Projects travel as one packed payload (columns,
deflated, base64: about 25 bytes a project) that a few lines of JavaScript unpack into
circles on one canvas, so 10,000 projects build in a fraction of a second and weigh a few
hundred kilobytes (``python -m geo bench`` measures it). folium escapes nothing: every text
that reaches a tooltip or label goes through :func:`escape_text`, or the same escaping in
the browser for names in the payload. The map HTML is a pure function of its inputs, which
is what the tests assert on.
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement, Template
from shapely.geometry import mapping, shape

from geo import colors, coords, formatting, tiles, vocab
from geo.core.measures import SCHEDULE_STATUSES
from geo.i18n import label, t
from geo.ingest import zones
from geo.workflow import resumption

COLOR_BY = vocab.COLOR_BY


def escape_text(value: object) -> str:
    """Text safe inside HTML and inside a JavaScript template literal.

    ``html.escape`` handles tags and quotes; folium's tooltips also sit in backtick
    strings, where a backtick ends the string and ``${…}`` runs code.
    """
    return html.escape(str(value), quote=True).replace("`", "&#96;").replace("$", "&#36;")


@dataclass(frozen=True)
class MapOptions:
    """How to draw the map: colouring, language and background tiles."""

    color_by: str = "completion"
    lang: str = "zh"
    tiles: str = "osm"  # a choice of geo.tiles.CHOICES or a URL template with {z}/{x}/{y}
    tiles_attribution: str = ""
    tianditu_key: str = ""
    roadmap_amber_days: int = 10  # for the legend of the roadmap colouring
    resumption_period: str = ""  # the stoppage period the resumption colouring is about
    #: The office's whole area (GeoJSON, WGS-84), drawn as its outline; empty: none.
    area_outline: str = ""

    def __post_init__(self) -> None:
        if self.color_by not in COLOR_BY:
            raise ValueError(f"color_by={self.color_by!r} is not one of {', '.join(COLOR_BY)}")
        tiles.basemap(self.tiles, self.tianditu_key)  # refuses what cannot be drawn

    @property
    def display_crs(self) -> str:
        """The system the background is drawn in; our shapes are shifted into it."""
        return tiles.basemap(self.tiles, self.tianditu_key).crs


#: Site positions travel as integers of this many degrees (1e-5° ≈ 1 m).
_SCALE = 100_000


def site_positions(measured: pd.DataFrame, crs: str) -> pd.DataFrame:
    """``id, x, y``: each site where it is drawn, in the background's system, as integers of
    1e-5°: exactly what the browser gets, so a click can be matched back to its site."""
    if crs == coords.WGS84:
        lon, lat = measured["lon"].to_numpy(float), measured["lat"].to_numpy(float)
    else:
        shifted = [
            coords.from_wgs84(x, y, crs)
            for x, y in zip(measured["lon"], measured["lat"], strict=True)
        ]
        lon = np.array([p[0] for p in shifted]) if shifted else np.array([])
        lat = np.array([p[1] for p in shifted]) if shifted else np.array([])
    return pd.DataFrame(
        {
            "id": measured["id"].to_numpy(np.int64),
            "x": np.round(lon * _SCALE).astype(np.int64),
            "y": np.round(lat * _SCALE).astype(np.int64),
        }
    )


def _point_colors(measured: pd.DataFrame, color_by: str) -> pd.Series:
    if color_by == "completion":
        # One colour per 0.1% of completion (invisible steps), computed once per step.
        steps = (measured["completion_rate"].astype(float) * 1000).round()
        palette = {s: colors.completion_color(s / 1000) for s in steps.dropna().unique()}
        return steps.map(palette).fillna(colors.GREY)
    if color_by == "schedule":
        return measured["schedule_status"].map(colors.SCHEDULE_COLORS).fillna(colors.GREY)
    if color_by == "own_plan":
        return measured["own_schedule_status"].map(colors.SCHEDULE_COLORS).fillna(colors.GREY)
    if color_by == "roadmap":
        return measured["roadmap_status"].map(colors.ROADMAP_COLORS).fillna(colors.GREY)
    if color_by == "resumption":
        return measured["resumption_status"].map(colors.RESUMPTION_COLORS).fillna(colors.GREY)
    return measured["stage"].map(colors.STAGE_COLORS).fillna(colors.GREY)


def sites_payload(
    ordered: pd.DataFrame, positions: pd.DataFrame, options: MapOptions
) -> dict[str, list]:
    """The projects (sorted by id) as columns the browser draws from: id, position (both as
    differences from the previous site, which compress well; ``positions`` is
    :func:`site_positions` of the same rows), rate in 0.1%, colour and stage as indexes into
    short lists, and the names as entered (escaped in the browser, on display)."""
    color_codes, palette = pd.factorize(_point_colors(ordered, options.color_by))
    stage_codes, stages = pd.factorize(ordered["stage"].fillna(""))
    rates = (ordered["completion_rate"].astype(float) * 1000).round()
    return {
        "i": np.diff(positions["id"], prepend=0).tolist(),
        "x": np.diff(positions["x"], prepend=0).tolist(),
        "y": np.diff(positions["y"], prepend=0).tolist(),
        "r": rates.fillna(-1).astype(np.int64).tolist(),
        "c": color_codes.tolist(),
        "p": list(palette),
        "s": stage_codes.tolist(),
        "sl": [label("stage", code, options.lang) for code in stages],
        "n": ordered["name"].astype(str).tolist(),
    }


def pack(payload: dict) -> str:
    """JSON, raw-deflated, base64: about a third of the JSON (the browser inflates it with
    its built-in DecompressionStream)."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    squeezer = zlib.compressobj(5, zlib.DEFLATED, -15)  # level 9 is 5× slower for 7% less
    return base64.b64encode(squeezer.compress(data) + squeezer.flush()).decode("ascii")


def unpack(packed: str) -> dict:
    """:func:`pack` undone (what the browser does; for tests and tools)."""
    return json.loads(zlib.decompress(base64.b64decode(packed), -15).decode())


def sites_in_html(html_text: str) -> list[dict[str, object]]:
    """Every site a rendered map's packed payloads carry, unpacked as the browser does:
    ``project_id, lon, lat`` (as drawn), ``color``, ``name``, ``rate`` (0.1%), ``stage``."""
    sites = []
    for packed in re.findall(r'atob\("([A-Za-z0-9+/=]+)"\)', html_text):
        d = unpack(packed)
        pid = x = y = 0
        for k in range(len(d["n"])):
            pid, x, y = pid + d["i"][k], x + d["x"][k], y + d["y"][k]
            sites.append(
                {
                    "project_id": pid,
                    "lon": x / _SCALE,
                    "lat": y / _SCALE,
                    "color": d["p"][d["c"][k]],
                    "name": d["n"][k],
                    "rate": d["r"][k],
                    "stage": d["sl"][d["s"][k]],
                }
            )
    return sites


class _Sites(MacroElement):
    """Every project as a circle on one canvas, from a packed payload.

    Each circle carries ``feature.properties.project_id``; a click is passed to the map as a
    click at the circle's own position, which :func:`clicked_project_id` matches back to the
    site (``st_folium`` reports map clicks, and binds its own handlers only to layers that
    exist when it starts, before this payload is unpacked). Names are escaped on display.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var labels = {{ this.labels }};
  function esc(s) { return String(s).replace(/[&<>"'`$]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
  function tip(d, k) {
    var r = d.r[k] < 0 ? "—" : (d.r[k] / 10).toFixed(1) + "%";
    return "<b>" + labels[0] + "</b>: " + esc(d.n[k]) + "<br><b>" + labels[1] + "</b>: " + r +
      "<br><b>" + labels[2] + "</b>: " + esc(d.sl[d.s[k]]);
  }
  var bin = atob("{{ this.packed }}"), bytes = new Uint8Array(bin.length);
  for (var b = 0; b < bin.length; b++) { bytes[b] = bin.charCodeAt(b); }
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  new Response(stream).json().then(function (d) {
    // The sites' own pane, above the zones' name labels (markerPane, 600): a label never
    // hides a site.
    if (!map.getPane("geoSites")) { map.createPane("geoSites").style.zIndex = 620; }
    var renderer = L.canvas({padding: 0.3, pane: "geoSites"}), group = L.featureGroup(), id = 0, x = 0, y = 0;
    for (var k = 0; k < d.n.length; k++) {
      id += d.i[k]; x += d.x[k]; y += d.y[k];
      var site = L.circleMarker([y / {{ this.scale }}, x / {{ this.scale }}], {
        renderer: renderer, radius: {{ this.radius }}, weight: 1.5, color: "#263238", fillColor: d.p[d.c[k]],
        fill: true, fillOpacity: 0.95, bubblingMouseEvents: false});
      site.feature = {type: "Feature", properties: {project_id: id}};
      site.bindTooltip(tip.bind(null, d, k), {sticky: true});
      site.on("mouseover", function (e) { e.target.setStyle({weight: 4}).setRadius({{ this.radius }} + 3); });
      site.on("mouseout", function (e) { e.target.setStyle({weight: 1.5}).setRadius({{ this.radius }}); });
      site.on("click", function (e) {
        map.fire("click", {latlng: e.target.getLatLng(), layerPoint: e.layerPoint,
                           containerPoint: e.containerPoint, originalEvent: e.originalEvent});
      });
      group.addLayer(site);
    }
    group.addTo(map);
    window.geoSitesReady = (window.geoSitesReady || 0) + 1;
  });
})();
{% endmacro %}"""
    )

    def __init__(self, payload: dict, labels: list[str], positions: pd.DataFrame) -> None:
        super().__init__()
        self._name = "Sites"
        self.packed = pack(payload)
        self.labels = json.dumps([escape_text(x) for x in labels], ensure_ascii=True)
        self.scale = _SCALE
        # Smaller circles when there are many, so a city's or a province's sites stay apart.
        sites = len(positions)
        self.radius = 7 if sites <= 2_000 else 4 if sites <= 20_000 else 3
        self.positions = positions  # id, x, y as drawn: for matching clicks


def zone_features(zone_rates: pd.DataFrame, lang: str, crs: str = coords.WGS84) -> dict:
    """Zones (with ``completion_rate`` and ``projects``) as GeoJSON with escaped properties,
    drawn in ``crs`` (the background's system)."""
    features = []
    for row in zone_rates.to_dict("records"):
        rate = row["completion_rate"]
        geometry = tiles.for_display(shape(json.loads(row["geometry"])), crs)
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(geometry),
                "properties": {
                    "zone": escape_text(row["name"]),
                    "kind": escape_text(label("zone_kind", row["kind"], lang)),
                    "rate": formatting.percent(rate),
                    "projects": int(row["projects"]),
                    "fill": colors.completion_color(rate) if row["projects"] else colors.GREY,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _zone_style(kind: str):
    weight, dash, opacity = (2.5, "6 4", 0.35) if kind == "park" else (1.2, None, 0.28)

    def style(feature: dict) -> dict:
        return {
            "fillColor": feature["properties"]["fill"],
            "fillOpacity": opacity,
            "color": "#37474f" if kind == "park" else "#78909c",
            "weight": weight,
            "dashArray": dash,
        }

    return style


def _add_tiles(m: folium.Map, options: MapOptions) -> None:
    background = tiles.basemap(options.tiles, options.tianditu_key, options.tiles_attribution)
    for layer in background.layers:
        folium.TileLayer(
            layer.url,
            attr=escape_text(layer.attribution),
            subdomains=layer.subdomains or "abc",
            max_zoom=background.max_zoom,
            name=layer.url.split("/")[2],
        ).add_to(m)


def _add_zones(
    m: folium.Map,
    zone_rates: pd.DataFrame,
    options: MapOptions,
    *,
    shaded: bool,
    labels: bool = True,
    rate_key: str = "kpi.completion_rate",
) -> None:
    """Townships, then parks on top: shaded by their ``completion_rate`` (or whatever rate
    ``rate_key`` names) with a tooltip, or plain grey for maps that are about something else
    (problems, a route, one site)."""
    lang, crs = options.lang, options.display_crs
    for kind in ("township", "park"):
        layer = zone_rates[zone_rates["kind"] == kind]
        if layer.empty:
            continue
        drawn = layer if shaded else layer.assign(projects=0, completion_rate=float("nan"))
        tooltip = None
        if shaded:
            aliases = [
                escape_text(t(k, lang)) if k else ""
                for k in ("col.zone", "", rate_key, "kpi.projects")
            ]
            tooltip = folium.GeoJsonTooltip(
                fields=["zone", "kind", "rate", "projects"], aliases=aliases, labels=True
            )
        folium.GeoJson(
            zone_features(drawn, lang, crs),
            name=t(f"zone_kind.{kind}", lang),
            style_function=_zone_style(kind),
            tooltip=tooltip,
        ).add_to(m)
        if labels:
            _add_zone_labels(m, layer, kind, crs)


def _point_feature(lon: float, lat: float, crs: str, properties: dict) -> dict:
    """A GeoJSON point drawn in the background's system."""
    x, y = coords.from_wgs84(lon, lat, crs)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [x, y]},
        "properties": properties,
    }


@dataclass(frozen=True)
class PointLayer:
    """Points of something other than key projects (library projects, signed agreements) drawn
    over them as a layer of their own, which the map's layer switch shows or hides."""

    name: str  # in the layer switch, in the map's language
    #: ``lon, lat`` (WGS-84) and ``label`` (the tooltip, plain text) of each point.
    points: pd.DataFrame
    color: str
    shown: bool = True  # shown when the map opens


def _add_point_layer(m: folium.Map, layer: PointLayer, crs: str) -> None:
    """Small hollow diamonds, so they do not pass for projects' circles (drawn with Leaflet's
    own DivIcon: folium's polygon markers need a plug-in from a CDN)."""
    group = folium.FeatureGroup(name=escape_text(layer.name), show=layer.shown)
    diamond = f'<div class="geo-diamond" style="border-color:{layer.color}"></div>'
    for row in layer.points.to_dict("records"):
        lat, lon = coords.from_wgs84(row["lon"], row["lat"], crs)[::-1]
        folium.Marker(
            (lat, lon),
            icon=folium.DivIcon(html=diamond, icon_size=(0, 0)),
            tooltip=folium.Tooltip(escape_text(row["label"])),
        ).add_to(group)
    group.add_to(m)


def overview_map(
    measured: pd.DataFrame,
    zone_rates: pd.DataFrame,
    options: MapOptions,
    focus: tuple[float, float, float, float] | None = None,
    layers: tuple[PointLayer, ...] = (),
) -> folium.Map:
    """The overview map.

    Parameters
    ----------
    measured:
        Projects with measures (:func:`geo.core.measures.with_measures`): ``id, name, lon, lat,
        stage, completion_rate, schedule_status``.
    zone_rates:
        Zones with ``kind, name, geometry`` (GeoJSON text), ``projects`` and
        ``completion_rate`` (:func:`geo.core.measures.zone_rates`).
    options:
        Colouring, language and tiles.
    focus:
        (min lon, min lat, max lon, max lat) to zoom to; default all zones and projects.
    layers:
        Further points over the projects, each its own layer in a layer switch.
    """
    m = _new_map(prefer_canvas=True, zoom_snap=0.25)
    _add_tiles(m, options)
    _add_outline(m, options)
    lang = options.lang
    if options.color_by == "resumption":  # zones show their resumption rate (复工率) instead
        shading = resumption.zone_shading(measured, zone_rates)
        _add_zones(m, shading, options, shaded=True, rate_key="resumption.rate")
    else:
        _add_zones(m, zone_rates, options, shaded=True)
    if not measured.empty:
        ordered = measured.sort_values("id")
        positions = site_positions(ordered, options.display_crs)  # once: shifting costs at 50k
        labels = [t(k, lang) for k in ("col.name", "col.completion_rate", "col.stage")]
        _Sites(sites_payload(ordered, positions, options), labels, positions).add_to(m)
    drawn = [layer for layer in layers if not layer.points.empty]
    for layer in drawn:
        _add_point_layer(m, layer, options.display_crs)
    if drawn:  # folded: open, it would hide much of a phone's map
        folium.LayerControl(collapsed=True, position="topright").add_to(m)
    m.get_root().header.add_child(Element(_MAP_CSS), name="geo_map_css")
    _Legend(_legend_html(options)).add_to(m)
    _fit(m, focus or extent(measured, zone_rates, options.area_outline), options)
    return m


def _fit(m: folium.Map, bounds: tuple[float, ...], options: MapOptions) -> None:
    minx, miny, maxx, maxy = bounds
    (minx, miny), (maxx, maxy) = (
        coords.from_wgs84(minx, miny, options.display_crs),
        coords.from_wgs84(maxx, maxy, options.display_crs),
    )
    m.fit_bounds([[miny, minx], [maxy, maxx]])


def extent(
    measured: pd.DataFrame, zone_rates: pd.DataFrame, area_outline: str = ""
) -> tuple[float, ...]:
    """(min lon, min lat, max lon, max lat) of the office's area, else of the zones, else of
    the projects, else China."""
    if area_outline:
        return shape(json.loads(area_outline)).bounds
    if not zone_rates.empty:
        return zones.bounds(zones.to_geoframe(zone_rates[["geometry"]]).geometry)
    if not measured.empty:
        return (measured.lon.min(), measured.lat.min(), measured.lon.max(), measured.lat.max())
    return (73.5, 18.0, 135.0, 53.5)  # China, when there is nothing yet


def _add_outline(m: folium.Map, options: MapOptions) -> None:
    """The office's whole area as a dark dashed line (not a zone: no fill, no tooltip)."""
    if not options.area_outline:
        return
    outline = tiles.for_display(shape(json.loads(options.area_outline)), options.display_crs)
    folium.GeoJson(
        {"type": "Feature", "properties": {"kind": "area_outline"}, "geometry": mapping(outline)},
        name="area_outline",
        control=False,  # the area is the frame of the map, not a layer to switch off
        style_function=lambda _f: {
            "color": "#263238",
            "weight": 2.5,
            "dashArray": "8 5",
            "fill": False,
        },
        interactive=False,
    ).add_to(m)


def area_map(options: MapOptions) -> folium.Map:
    """The office's area alone, before any zone or project: where the county is."""
    m = _new_map(prefer_canvas=True)
    _add_tiles(m, options)
    _add_outline(m, options)
    m.get_root().header.add_child(Element(_MAP_CSS), name="geo_map_css")
    _fit(m, extent(pd.DataFrame(), pd.DataFrame(), options.area_outline), options)
    return m


def _add_zone_labels(m: folium.Map, layer: pd.DataFrame, kind: str, crs: str) -> None:
    geo_layer = zones.to_geoframe(layer[["name", "geometry"]])
    for name, geometry in zip(geo_layer["name"], geo_layer.geometry, strict=True):
        geometry = tiles.for_display(geometry, crs)
        lon, lat = zones.label_point(geometry)
        if kind == "park":  # above the park, so that the label hides none of its sites
            lat = geometry.bounds[3]
        folium.Marker(
            [lat, lon],
            icon=folium.DivIcon(
                html=f'<div class="zone-label zone-label-{kind}">{escape_text(name)}</div>',
                icon_size=(0, 0),
                class_name="zone-label-icon",
            ),
            interactive=False,
        ).add_to(m)


class _MetricScale(MacroElement):
    """A scale bar in km and m only (folium's ``control_scale`` adds miles and feet too)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.control.scale({metric: true, imperial: false}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )


class _NoMarkerImages(MacroElement):
    """Labels are markers with a text icon; folium adds them with Leaflet's default icon
    first, which would fetch marker-icon.png. A blank default avoids the request."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.Marker.prototype.options.icon = L.divIcon({className: '', iconSize: [0, 0]});"
        "{% endmacro %}"
    )


def _new_map(**options: object) -> folium.Map:
    """A map without tiles (added after, when wanted), a metric scale bar, and no default
    marker images: the blank icon comes first, before any marker a label makes."""
    m = folium.Map(tiles=None, **options)
    _MetricScale().add_to(m)
    _NoMarkerImages().add_to(m)
    return m


_MAP_CSS = """<style>
.leaflet-container { background: #f3f1ec; font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei",
  "Microsoft YaHei", sans-serif; }
.zone-label { transform: translate(-50%, -50%); white-space: nowrap; pointer-events: none;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }
.zone-label-park { transform: translate(-50%, -120%); }
.zone-label-township { font-size: 12px; color: #455a64; }
.zone-label-park { font-size: 13px; font-weight: 700; color: #263238; }
.geo-diamond { width: 10px; height: 10px; transform: translate(-50%, -50%) rotate(45deg);
  background: #fff; border: 2.5px solid; box-sizing: border-box; }
.geo-legend { position: absolute; z-index: 1000; bottom: 24px; left: 10px; background: #fff;
  padding: 8px 10px; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,.3);
  font-size: 12px; line-height: 1.5; font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei",
  "Microsoft YaHei", sans-serif; }
.geo-legend .bar { width: 180px; height: 10px; border-radius: 2px; }
.geo-legend .ticks { display: flex; justify-content: space-between; width: 180px; }
.geo-legend .sw { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin-right: 6px; vertical-align: -1px; border: 1px solid #263238; }
.geo-legend .note { color: #607d8b; margin-top: 4px; }
/* A phone: the legend and the names take less of a small map. */
@media (max-width: 520px) {
  .geo-legend { font-size: 10px; line-height: 1.3; padding: 4px 6px; bottom: 30px; }
  .geo-legend .bar, .geo-legend .ticks { width: 110px; }
  .geo-legend .sw { width: 8px; height: 8px; margin-right: 4px; }
  .geo-legend .note { display: none; }
  .zone-label-township { font-size: 10px; }
  .zone-label-park { font-size: 11px; }
}
</style>"""


class _Legend(MacroElement):
    """A static legend in the map's corner: plain HTML and CSS, no extra scripts."""

    _template = Template(
        "{% macro html(this, kwargs) %}{{ this.body }}{% endmacro %}"
        "{% macro script(this, kwargs) %}{% endmacro %}"
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.body = body


def _legend_html(options: MapOptions) -> str:
    lang = options.lang
    title = escape_text(t(f"map.color.{options.color_by}", lang))
    if options.color_by == "completion":
        body = (
            f'<div class="bar" style="background:{colors.completion_gradient_css()}"></div>'
            '<div class="ticks"><span>0%</span><span>50%</span><span>≥100%</span></div>'
        )
    elif options.color_by in ("schedule", "own_plan"):
        body = "".join(
            _swatch(colors.SCHEDULE_COLORS[s], t(f"schedule.{s}", lang)) for s in SCHEDULE_STATUSES
        )
    elif options.color_by == "roadmap":
        body = "".join(
            _swatch(color, t(f"roadmap.{status}", lang, days=options.roadmap_amber_days))
            for status, color in colors.ROADMAP_COLORS.items()
        )
    elif options.color_by == "resumption":
        period = options.resumption_period or t("resumption.no_period", lang)
        body = f"<div>{escape_text(period)}</div>" + "".join(
            _swatch(color, t(f"resumption.status.{status}", lang))
            for status, color in colors.RESUMPTION_COLORS.items()
        )
    else:
        body = "".join(
            _swatch(color, label("stage", stage, lang))
            for stage, color in colors.STAGE_COLORS.items()
        )
    note_key = "resumption.legend.zones" if options.color_by == "resumption" else "map.legend.zones"
    zones_note = escape_text(t(note_key, lang))
    return f'<div class="geo-legend"><b>{title}</b>{body}<div class="note">{zones_note}</div></div>'


def _swatch(color: str, text: str) -> str:
    return f'<div><span class="sw" style="background:{color}"></span>{escape_text(text)}</div>'


def clicked_project_id(
    map_state: Mapping[str, object] | None, sites: pd.DataFrame | None = None
) -> int | None:
    """The project a click on the map selected, from what ``st_folium`` returned: a GeoJSON
    feature's ``project_id``, or a click exactly on one of ``sites`` (:func:`site_positions`;
    the overview's circles report clicks at their own position)."""
    state = map_state or {}
    drawing = state.get("last_active_drawing")
    if isinstance(drawing, Mapping) and isinstance(drawing.get("properties"), Mapping):
        value = drawing["properties"].get("project_id")
        if isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value):
            return int(value)
    click = state.get("last_clicked")
    if sites is None or sites.empty or not isinstance(click, Mapping):
        return None
    try:
        x, y = float(click["lng"]) * _SCALE, float(click["lat"]) * _SCALE
    except (KeyError, TypeError, ValueError):
        return None
    hit = sites[((sites["x"] - x).abs() <= 1) & ((sites["y"] - y).abs() <= 1)]
    return int(hit["id"].iloc[0]) if not hit.empty else None


def sites_of(fmap: folium.Map) -> pd.DataFrame | None:
    """The site positions drawn on a map built by :func:`overview_map` (None on others)."""
    for child in fmap._children.values():
        if isinstance(child, _Sites):
            return child.positions
    return None


def zone_focus(zone_rates: pd.DataFrame, name: str) -> tuple[float, float, float, float]:
    """Bounds of one zone, slightly padded, for the "my zone" view."""
    geo = zones.to_geoframe(zone_rates.loc[zone_rates["name"] == name, ["geometry"]])
    if geo.empty:
        raise ValueError(f"zone {name!r} does not exist")
    minx, miny, maxx, maxy = zones.bounds(geo.geometry)
    pad = max(maxx - minx, maxy - miny) * 0.08
    return (minx - pad, miny - pad, maxx + pad, maxy + pad)


def boundary_preview(records: list[zones.ZoneRecord]) -> folium.Map:
    """Uploaded boundaries on their own, to check before importing them."""
    m = _new_map(prefer_canvas=True)
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": json.loads(r.geometry),
                "properties": {"zone": escape_text(r.name)},
            }
            for r in records
        ],
    }
    folium.GeoJson(
        collection,
        style_function=lambda _f: {
            "color": "#37474f",
            "weight": 1.5,
            "fillColor": "#90a4ae",
            "fillOpacity": 0.3,
        },
        tooltip=folium.GeoJsonTooltip(fields=["zone"], labels=False),
    ).add_to(m)
    minx, miny, maxx, maxy = zones.bounds(shape(json.loads(r.geometry)) for r in records)
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m


def points_map(
    layers: tuple[PointLayer, ...], zone_rates: pd.DataFrame, options: MapOptions, title: str
) -> folium.Map:
    """Points of something other than key projects (signed agreements, library projects) over
    plain zones, for orientation: each layer its own in the layer switch and the legend."""
    m = _new_map(zoom_snap=0.25)
    _add_tiles(m, options)
    _add_outline(m, options)
    _add_zones(m, zone_rates, options, shaded=False)
    drawn = [layer for layer in layers if not layer.points.empty]
    for layer in drawn:
        _add_point_layer(m, layer, options.display_crs)
    if drawn:  # folded: the legend names the layers, and on a phone it would hide the map
        folium.LayerControl(collapsed=True, position="topright").add_to(m)
    m.get_root().header.add_child(Element(_MAP_CSS), name="geo_map_css")
    body = "".join(_swatch(layer.color, layer.name) for layer in layers)
    _Legend(f'<div class="geo-legend"><b>{escape_text(title)}</b>{body}</div>').add_to(m)
    sites = [layer.points[["lon", "lat"]] for layer in drawn]
    points = pd.concat(sites) if sites else pd.DataFrame()
    _fit(m, extent(points, zone_rates, options.area_outline), options)
    return m


def problem_map(
    per_project: pd.DataFrame, zone_rates: pd.DataFrame, options: MapOptions
) -> folium.Map:
    """Open problems pinned to their projects: the bigger the point, the more problems; red
    where any is overdue, amber otherwise. Zones are drawn plain, for orientation."""
    m = _new_map(prefer_canvas=True, zoom_snap=0.25)
    _add_tiles(m, options)
    crs = options.display_crs
    lang = options.lang
    _add_zones(m, zone_rates, options, shaded=False)
    features = []
    for row in per_project.to_dict("records"):
        properties = {
            "project_id": int(row["project_id"]),
            "name": escape_text(row["project"]),
            "open": int(row["open"]),
            "overdue": int(row["overdue"]),
            "color": colors.RED if row["overdue"] else colors.AMBER,
            "radius": 5 + 3 * min(int(row["open"]), 5),
        }
        features.append(_point_feature(row["lon"], row["lat"], crs, properties))
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            marker=folium.CircleMarker(
                radius=7, weight=1.5, color="#263238", fill=True, fill_opacity=0.9
            ),
            style_function=lambda f: {
                "fillColor": f["properties"]["color"],
                "radius": f["properties"]["radius"],
            },
            tooltip=folium.GeoJsonTooltip(
                fields=["name", "open", "overdue"],
                aliases=[
                    escape_text(t(k, lang)) for k in ("col.name", "board.open", "board.overdue")
                ],
            ),
        ).add_to(m)
    m.get_root().header.add_child(Element(_MAP_CSS), name="geo_map_css")
    body = _swatch(colors.RED, t("board.legend.overdue", lang)) + _swatch(
        colors.AMBER, t("board.legend.open", lang)
    )
    _Legend(
        f'<div class="geo-legend"><b>{escape_text(t("board.title", lang))}</b>{body}</div>'
    ).add_to(m)
    minx, miny, maxx, maxy = extent(per_project, zone_rates)
    (minx, miny), (maxx, maxy) = (
        coords.from_wgs84(minx, miny, crs),
        coords.from_wgs84(maxx, maxy, crs),
    )
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m


def tour_map(
    stops_in_order: list,
    zone_rates: pd.DataFrame,
    options: MapOptions,
    start: tuple[float, float],
    end: tuple[float, float] | None = None,
) -> folium.Map:
    """The day's route: numbered stops joined in order from the start and back (or to the end)."""
    m = _new_map(prefer_canvas=True)
    _add_tiles(m, options)
    crs = options.display_crs
    _add_zones(m, zone_rates, options, shaded=False, labels=False)
    shown = lambda lon, lat: coords.from_wgs84(lon, lat, crs)[::-1]  # noqa: E731 - (lat, lon) for folium
    path = [shown(*start), *(shown(s.lon, s.lat) for s in stops_in_order), shown(*(end or start))]
    folium.PolyLine(path, color=colors.RED, weight=4, opacity=0.85).add_to(m)
    for number, stop in enumerate(stops_in_order, start=1):
        folium.Marker(
            shown(stop.lon, stop.lat),
            icon=folium.DivIcon(html=f'<div class="tour-stop">{number}</div>', icon_size=(0, 0)),
            tooltip=folium.Tooltip(escape_text(f"{number}. {stop.name}")),
        ).add_to(m)
    folium.Marker(
        path[0], icon=folium.DivIcon(html='<div class="tour-start">★</div>', icon_size=(0, 0))
    ).add_to(m)
    m.get_root().header.add_child(Element(_MAP_CSS + _TOUR_CSS), name="geo_map_css")
    lats, lons = [p[0] for p in path], [p[1] for p in path]
    m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))
    return m


_TOUR_CSS = """<style>
.tour-stop { transform: translate(-50%, -50%); width: 24px; height: 24px; border-radius: 50%;
  background: #fff; border: 2px solid #c62828; color: #c62828; font: 700 13px sans-serif;
  display: flex; align-items: center; justify-content: center; }
.tour-start { transform: translate(-50%, -50%); font-size: 22px; color: #263238; }
</style>"""


def site_map(
    lon: float,
    lat: float,
    name: str,
    zone_rates: pd.DataFrame,
    options: MapOptions,
    rate: float | None = None,
) -> folium.Map:
    """One site among its zones and their names, coloured by its completion ``rate`` as on
    the overview: for a presentation slide."""
    m = _new_map(zoom_control=False)
    _add_tiles(m, options)
    crs = options.display_crs
    _add_zones(m, zone_rates, options, shaded=False)
    x, y = coords.from_wgs84(lon, lat, crs)
    folium.CircleMarker(
        [y, x],
        radius=12,
        color="#263238",
        weight=2,
        fill=True,
        fill_color=colors.completion_color(rate),
        fill_opacity=0.95,
        tooltip=folium.Tooltip(escape_text(name)),
    ).add_to(m)
    m.get_root().header.add_child(Element(_MAP_CSS), name="geo_map_css")
    # A few kilometres around: the township's name and the neighbours are in view.
    m.fit_bounds([[y - 0.05, x - 0.07], [y + 0.05, x + 0.07]])
    return m
