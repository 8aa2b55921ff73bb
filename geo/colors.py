"""Colours of the map: completion on a red → amber → green scale, schedule and stage swatches."""

from __future__ import annotations

import math

RED, AMBER, GREEN, GREY = "#d7301f", "#f0a30a", "#1a9850", "#9e9e9e"
#: What is not yet a key project, on the overview: library projects, agreements not started.
LIBRARY, SIGNED = "#6a3d9a", "#1f78b4"

#: Stops of the completion scale: 0% red, 50% amber, 100% (and above) green.
COMPLETION_STOPS = ((0.0, RED), (0.5, AMBER), (1.0, GREEN))

SCHEDULE_COLORS = {
    "on_track": GREEN,
    "slightly_behind": AMBER,
    "far_behind": RED,
    "no_plan": GREY,
}

#: A project's roadmap: its next milestone on time, late (amber), very late (red); every
#: milestone reached; no roadmap yet.
ROADMAP_COLORS = {
    "on_time": GREEN,
    "late": AMBER,
    "very_late": RED,
    "done": "#54278f",
    "no_roadmap": GREY,
}

#: A site in the current stoppage period (停复工): back at work, working through, stopped,
#: not reported; pale where the project is not a site expected to report.
RESUMPTION_COLORS = {
    "resumed": GREEN,
    "working": "#2b8cbe",
    "stopped": RED,
    "not_reported": GREY,
    "not_expected": "#eceff1",
}

#: The stage ladder from pale to deep blue-violet, so later stages read as "further".
STAGE_COLORS = {
    "planned": "#c6dbef",
    "signed": "#9ecae1",
    "started": "#6baed6",
    "building": "#3182bd",
    "completed": "#756bb1",
    "producing": "#54278f",
    "at_capacity": "#3f007d",
}


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def completion_color(rate: float | None) -> str:
    """Colour for a completion rate, interpolated between the stops; grey when undefined."""
    if rate is None or math.isnan(rate):
        return GREY
    rate = min(max(rate, 0.0), 1.0)
    for (lo, lo_color), (hi, hi_color) in zip(COMPLETION_STOPS, COMPLETION_STOPS[1:], strict=False):
        if rate <= hi:
            share = (rate - lo) / (hi - lo)
            a, b = _rgb(lo_color), _rgb(hi_color)
            return _hex(tuple(x + (y - x) * share for x, y in zip(a, b, strict=True)))
    return GREEN


def completion_gradient_css() -> str:
    """The same scale as a CSS gradient, for the legend."""
    stops = ", ".join(f"{color} {pos * 100:.0f}%" for pos, color in COMPLETION_STOPS)
    return f"linear-gradient(to right, {stops})"
