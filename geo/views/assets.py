"""Leaflet without the internet.

folium points the browser at CDNs; offline, the map is blank. The PyPI package
``xstatic-leaflet`` carries Leaflet itself, so at set-up (and lazily at app start) its
files are copied to ``static/vendor/leaflet``, which Streamlit serves at ``/app/static``.
Standalone HTML exports get Leaflet inlined instead, so the file works anywhere.
Nothing of Leaflet is committed to this repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import folium
import xstatic.pkg.leaflet as xleaflet
from branca.element import Element

from geo.config import STATIC_DIR

LEAFLET_DIR = STATIC_DIR / "vendor" / "leaflet"
_SOURCE = Path(xleaflet.BASE_DIR)
_FILES = ("leaflet.js", "leaflet.css")


def ensure_vendored(target: Path = LEAFLET_DIR) -> Path:
    """Copy Leaflet from the installed package into ``target`` unless it is there already."""
    marker = target / f"VERSION-{xleaflet.VERSION}"
    if not marker.exists():
        target.mkdir(parents=True, exist_ok=True)
        for name in _FILES:
            shutil.copyfile(_SOURCE / name, target / name)
        shutil.copytree(_SOURCE / "images", target / "images", dirs_exist_ok=True)
        marker.write_text("copied from xstatic-leaflet at set-up; not part of the repository\n")
    return target


def use_served_assets(m: folium.Map, static_url: str) -> folium.Map:
    """Point the map at the Leaflet copy the app serves (and drop what it does not use:
    jQuery, Bootstrap and Awesome Markers are needed only by popups and icon markers)."""
    base = f"{static_url}/vendor/leaflet"
    m.default_js = [("leaflet", f"{base}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{base}/leaflet.css")]
    return m


def inline_assets(m: folium.Map) -> folium.Map:
    """Embed Leaflet in the map's own HTML, for a file that works offline anywhere."""
    m.default_js = []
    m.default_css = []
    css = (_SOURCE / "leaflet.css").read_text(encoding="utf-8")
    js = (_SOURCE / "leaflet.js").read_text(encoding="utf-8")
    # Leaflet's licence header stays with it; "</" cannot occur inside Leaflet's own code.
    header = m.get_root().header
    header.add_child(Element(f"<style>{css}</style>"), name="leaflet_css_inline", index=0)
    header.add_child(Element(f"<script>{js}</script>"), name="leaflet_js_inline", index=1)
    return m
