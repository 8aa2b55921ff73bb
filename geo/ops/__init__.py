"""Surfaces beside the pages: the command line, the web route, and the operator's tools.

- cli: ``python -m geo``;
- web: the app's own HTTP route (the sign-in cookie);
- demo: the demo county;
- bench, load, stress: measuring speed, many visitors, many editors;
- deploy: several app processes behind nginx.

Submodules are imported by name (``from geo.ops import bench``); nothing is loaded
here.
"""

__all__ = [
    "bench",
    "cli",
    "demo",
    "deploy",
    "load",
    "stress",
    "web",
]
