"""A person walking the app in Chromium, and what they must never see.

:class:`Walker` drives one browser page through the app the way people do: it switches the
language and the as-of date in the sidebar, goes from page to page through the navigation,
changes the selectboxes, radios, segmented controls, date inputs, tabs and expanders it
finds, presses the buttons that change no data, clicks the map, and goes back and forward.
After every step it reads what is on screen and records a :class:`Finding` for

- a traceback, or the page guard's "this page failed" message;
- an uncaught error in the page's console;
- visible raw markup (``<div``, ``class=``, ``</``) or a visible ``nan``/``None``/``NaT``/
  ``undefined`` that is not data;
- text of the other language in what the app itself says (data, such as project names, stays
  as entered and is taken out before the check);
- a character that none of the machine's fonts can draw, in what the app itself says.

Each finding carries the path of steps that led to it, so it can be walked again by hand.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

VERBOSE = bool(os.environ.get("GEO_WALK_VERBOSE"))
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
_RUNNING = (
    "() => document.querySelector(\"[data-testid='stApp']\")?.dataset.testScriptState === 'running'"
)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

# Chinese characters and the full-width punctuation that goes with them.
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_MARKUP = re.compile(r"<div|<span|<p>|class=|</[a-z]", re.IGNORECASE)
_MISSING = re.compile(r"(?<![\w-])(nan|NaN|None|NaT|undefined|null)(?![\w-])")

#: Latin words a Chinese screen may show: names of formats, systems and units.
ZH_ALLOWED_WORDS = frozenset(
    """PDF pdf Word Excel CSV csv xlsx xls XLSX XLS docx GeoJSON geojson GEOJSON json JSON KML kml
    GPKG gpkg GeoPackage zip ZIP JPG PNG WEBP
    Shapefile WGS GCJ BD EPSG CGCS OpenStreetMap OSM QR URL OSRM English km SSO GB MB KB png
    jpg jpeg webp Leaflet ID UTC""".split()
)
#: What a screen in either language may show in the other one: the language switch itself.
ALWAYS_ALLOWED = ("中文", "English")

_TEXT_JS = r"""() => {
  const skip = el => el.closest(
    '[data-testid=stIconMaterial], [translate=no], script, style, noscript, .leaflet-tooltip');
  const visible = el => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
    }
    // Visually hidden text (for screen readers, or a skip link until focused) is not seen.
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.trim();
    if (!text) continue;
    const el = n.parentElement;
    if (!el || el.closest('[data-testid^=glide-cell]')) continue;
    if (skip(el) || !visible(el)) continue;
    out.push([text, !!el.closest('code, pre')]);  // a link or a path to copy: literal
  }
  document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach(e => {
    if (!e.value && e.placeholder && visible(e)) out.push([e.placeholder, false]);
  });
  // The data grid draws on a canvas; its cells are mirrored in an accessible table.
  // A checkbox cell is drawn as a box; its mirror says "true" or "false".
  document.querySelectorAll('[data-testid^=glide-cell]').forEach(e => {
    const text = e.textContent.trim();
    if (text && text !== 'true' && text !== 'false') out.push([text, false]);
  });
  // A grid without rows draws Streamlit's own English "empty" on its canvas, in a row of
  // read-only blank cells.
  document.querySelectorAll('[data-testid=stDataFrame] table[aria-rowcount="2"]').forEach(e => {
    const cells = Array.from(e.querySelectorAll('tbody td'));
    const blank = cells.length > 0 && cells.every(
      c => !c.textContent.trim() && c.getAttribute('aria-readonly') === 'true');
    if (blank && visible(e.closest('[data-testid=stDataFrame]'))) out.push(['empty', false]);
  });
  return out;
}"""


def _open_list(widget) -> None:
    """Open a selectbox's or multiselect's list with its arrow button; a rerun that lands
    just then (a map reporting in) can close it again, so try a few times."""
    page = widget.page
    options = page.locator("[role=listbox] [role=option]")
    for _ in range(4):
        button = widget.locator("button[aria-haspopup=listbox]")
        (button.first if button.count() else widget.locator("input[role=combobox]").first).click()
        try:
            options.first.wait_for(timeout=1500)
            return
        except Exception:
            page.keyboard.press("Escape")
            page.wait_for_timeout(300)


@dataclass(frozen=True)
class Finding:
    kind: str
    detail: str
    path: tuple[str, ...]

    def __str__(self) -> str:
        steps = "\n".join(f"    {n}. {step}" for n, step in enumerate(self.path, start=1))
        return f"{self.kind}: {self.detail}\n  path:\n{steps}"


def font_coverage() -> frozenset[int]:
    """Every code point some font on this machine can draw (what Chromium falls back to)."""
    from fontTools.ttLib import TTCollection, TTFont

    files = subprocess.run(["fc-list", ":", "file"], capture_output=True, text=True, check=False)
    covered: set[int] = set()
    for line in files.stdout.splitlines():
        path = line.split(":")[0].strip()
        try:
            fonts = TTCollection(path).fonts if path.endswith(".ttc") else [TTFont(path, lazy=True)]
        except Exception:
            continue
        for font in fonts:
            cmap = font.getBestCmap() or {}
            covered.update(cmap)
    covered.update(range(0x20))  # control codes are never drawn
    return frozenset(covered)


@dataclass
class Walker:
    """One person in one browser page; see the module's docstring."""

    page: object  # playwright.sync_api.Page
    base_url: str
    data: Iterable[str]
    glyphs: frozenset[int]
    seed: int = 0
    artifacts: Path | None = None
    name: str = "walk"
    path: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    visited: set[tuple[str, str, str]] = field(default_factory=set)
    steps: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        # Longest first, so that a name is taken out before a shorter name inside it.
        self._data = sorted(
            {d.strip() for d in self.data if d and d.strip()}, key=len, reverse=True
        )
        self._data_set = frozenset(self._data)
        self._console: list[str] = []
        self._failed: list[tuple[int, str]] = []
        self.page.on("pageerror", lambda exc: self._console.append(f"page error: {exc}"))
        self.page.on(
            "console",
            lambda msg: (
                self._console.append(f"console.{msg.type}: {msg.text}")
                # A failed load is said without its address: the response below names it.
                if msg.type == "error" and not msg.text.startswith("Failed to load resource")
                else None
            ),
        )
        self.page.on(
            "response",
            lambda r: self._failed.append((r.status, r.url)) if r.status >= 400 else None,
        )

    # ------------------------------------------------------------------ reading the screen
    @property
    def lang(self) -> str:
        active = self.page.locator("[class*='st-key-_lang'] button[aria-checked=true]")
        if active.count():
            return "en" if "English" in active.first.inner_text() else "zh"
        return self._lang_guess

    _lang_guess: str = "zh"

    @property
    def page_name(self) -> str:
        url = self.page.url.split("?")[0].rstrip("/")
        tail = url[len(self.base_url.rstrip("/")) :].strip("/")
        return tail or "overview"

    def _strip_data(self, text: str) -> str:
        text = text.replace("\u2060", "")  # the word joiner that keeps an address from a link
        if text in self._data_set:
            return ""
        for value in self._data:
            if value in text:
                text = text.replace(value, " ")
        # A name cut short to fit ("五山污水处理厂提…") is data too.
        return re.sub(r"\S+…", lambda m: "" if self._is_cut_data(m.group()) else m.group(), text)

    def _is_cut_data(self, token: str) -> bool:
        stem = token[:-1]
        return any(value.startswith(stem) for value in self._data) if stem else True

    def screen_texts(self) -> list[tuple[str, bool]]:
        texts = list(self.page.evaluate(_TEXT_JS))
        for frame in self.page.frames:
            if "streamlit_folium" in (frame.url or "") or frame.name == "map":
                try:
                    texts += frame.evaluate(_TEXT_JS)
                except Exception:
                    pass
        return texts

    def _text_findings(self) -> list[tuple[str, str]]:
        """(kind, text) for what is wrong in the texts on screen (see the module)."""
        found: list[tuple[str, str]] = []
        lang = self.lang
        for raw, literal in self.screen_texts():
            text = self._strip_data(raw)
            if not text.strip():
                continue
            if _MARKUP.search(text):
                found.append(("raw markup", raw))
            if _MISSING.search(text):
                found.append(("missing value shown", raw))
            if literal:  # a link or a path shown to be copied is neither language
                continue
            rest = text
            for allowed in ALWAYS_ALLOWED:
                rest = rest.replace(allowed, " ")
            if lang == "en" and _CJK.search(rest):
                found.append(("Chinese on an English screen", raw))
            if lang == "zh":
                words = [w for w in _LATIN_WORD.findall(rest) if w not in ZH_ALLOWED_WORDS]
                if words:
                    found.append(("English on a Chinese screen", f"{' '.join(words)!r} in {raw!r}"))
            # Format marks (Cf) are never drawn.
            missing = sorted(
                {
                    c
                    for c in rest
                    if ord(c) not in self.glyphs
                    and not c.isspace()
                    and unicodedata.category(c) != "Cf"
                }
            )
            if missing:
                codes = " ".join(f"U+{ord(c):04X}" for c in missing)
                found.append(("no font for", f"{codes} in {raw!r}"))
        return [(kind, detail[:400]) for kind, detail in found]

    def _broken_image(self, url: str) -> bool:
        path = url.split("://", 1)[-1].split("/", 1)[-1]
        return bool(
            self.page.evaluate(
                """(path) => [...document.querySelectorAll('img')].some(
                    (img) => img.src.endsWith(path) && img.complete && img.naturalWidth === 0)""",
                path,
            )
        )

    def check(self) -> list[Finding]:
        """Read the screen and record what is wrong on it."""
        found: list[Finding] = []
        path = tuple(self.path)

        def add(kind: str, detail: str) -> None:
            found.append(Finding(kind, detail[:400], path))

        for box in self.page.locator("[data-testid=stException]").all():
            add("exception", box.inner_text()[:400])
        for box in self.page.locator("[class*='st-key-page_error']").all():
            add("page failed", box.inner_text())
        while self._console:
            add("console", self._console.pop(0))
        while self._failed:
            status, url = self._failed.pop(0)
            # Streamlit drops the media files of the run before: a picture the browser still
            # asked for after the next run began is a 404 nobody sees, unless it stays broken.
            if "/media/" in url and not self._broken_image(url):
                continue
            add("failed request", f"{status} {url}")
        seen = self._text_findings()
        if seen:
            # The data grid's mirror of its cells, and a map's layers, can lag the run that
            # just ended by a frame or two: what is wrong must still be there a moment later.
            self.page.wait_for_timeout(1000)
            seen = [f for f in self._text_findings() if f in seen]
        for kind, detail in seen:
            add(kind, detail)
        unique = [
            f
            for f in found
            if (f.kind, f.detail) not in {(g.kind, g.detail) for g in self.findings}
        ]
        if unique and self.artifacts is not None:
            self.artifacts.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(self.artifacts / f"{self.name}-{self.steps:03d}.png"))
        self.findings += unique
        return unique

    # ------------------------------------------------------------------ moving
    def settle(self) -> None:
        """Wait until the app has finished the run the last step started (if it started one:
        a tab or an expander opens in the browser alone)."""
        try:
            self.page.wait_for_function(_RUNNING, timeout=400)
        except Exception:
            pass
        self.page.wait_for_selector(IDLE, timeout=60_000)
        self.page.wait_for_timeout(100)

    def step(self, description: str, action: Callable[[], object]) -> None:
        self.steps += 1
        self.path.append(f"[{self.page_name}, {self.lang}] {description}")
        started = time.monotonic()
        try:
            action()
            self.settle()
        except Exception as exc:
            self.findings.append(
                Finding("step failed", f"{type(exc).__name__}: {exc}"[:300], tuple(self.path))
            )
        self.visited.add((self.page_name, self.lang, self.as_of_text()))
        new = self.check()
        if VERBOSE:
            print(
                f"{self.name} {self.steps:3d} {time.monotonic() - started:5.1f}s "
                f"{self.path[-1]}" + "".join(f"\n      ! {f.kind}: {f.detail[:150]}" for f in new),
                flush=True,
            )

    def goto(self, page_path: str = "") -> None:
        self.step(
            f"open {self.base_url}/{page_path}",
            lambda: self.page.goto(f"{self.base_url}/{page_path}"),
        )

    def sidebar(self, shown: bool) -> None:
        """Open or close the sidebar (a phone starts with it closed)."""
        nav = self.page.locator("[data-testid=stSidebarContent]")
        is_open = (
            nav.count() > 0
            and nav.first.is_visible()
            and (nav.first.bounding_box() or {}).get("x", -1) >= 0
        )
        if shown and not is_open:
            button = self.page.locator(
                "[data-testid=stExpandSidebarButton], [data-testid=stSidebarCollapsedControl] button"
            )
            if button.count():
                button.first.click()
                self.page.wait_for_timeout(400)
        elif not shown and is_open and (self.page.viewport_size or {}).get("width", 1400) < 700:
            button = self.page.locator("[data-testid=stSidebarCollapseButton] button")
            if button.count():
                button.first.click()
                self.page.wait_for_timeout(400)

    def nav_links(self) -> list[tuple[str, str]]:
        """(label, page path) of every page in the navigation."""
        self.sidebar(True)
        links = self.page.locator("[data-testid=stSidebarNavLink]")
        found = []
        for i in range(links.count()):
            link = links.nth(i)
            label = link.inner_text().strip().splitlines()[-1]  # after the icon's name
            found.append((label, (link.get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1]))
        return found

    def navigate(self, label: str, path: str) -> None:
        def click() -> None:
            self.sidebar(True)
            links = self.page.locator("[data-testid=stSidebarNavLink]")
            for i in range(links.count()):
                href = (links.nth(i).get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1]
                if href == path:
                    links.nth(i).click()
                    break
            else:
                raise LookupError(f"no link to {path!r} in the navigation")
            self.sidebar(False)

        self.step(f"go to {label!r} in the navigation", click)

    def set_language(self, lang: str) -> None:
        if self.lang == lang:
            return
        name = "English" if lang == "en" else "中文"

        def click() -> None:
            self.sidebar(True)
            self.page.locator(
                "[data-testid=stSidebarUserContent] [data-testid=stButtonGroup] button",
                has_text=name,
            ).first.click()
            self.sidebar(False)

        self._lang_guess = lang
        self.step(f"switch the language to {name}", click)

    def as_of_text(self) -> str:
        box = self._as_of_box()
        return box.locator("input[role=combobox]").first.input_value() if box is not None else ""

    def _as_of_box(self):
        boxes = self.page.locator("[data-testid=stSidebarUserContent] [data-testid=stSelectbox]")
        return boxes.first if boxes.count() else None

    def set_as_of(self, index: int) -> None:
        """Choose the ``index``-th as-of date (0: the latest) in the sidebar."""
        box = self._as_of_box()
        if box is None:
            return

        def choose() -> str:
            self.sidebar(True)
            _open_list(box)
            options = self.page.locator("[role=listbox] [role=option]")
            options.first.wait_for(timeout=5000)
            target = options.nth(min(index, options.count() - 1))
            text = target.inner_text()
            target.click()
            self.sidebar(False)
            return text

        self.step(f"choose as-of date #{index + 1} in the sidebar", choose)

    def back(self) -> None:
        self.step("press Back", self.page.go_back)

    def forward(self) -> None:
        self.step("press Forward", self.page.go_forward)

    # ------------------------------------------------------------------ doing something on a page
    def _candidates(self) -> list[tuple[str, Callable[[], None]]]:
        page, rng = self.page, self.rng
        scope = "[data-testid=stMain], [data-testid=stSidebarUserContent]"
        found: list[tuple[str, Callable[[], None]]] = []

        def label_of(widget) -> str:
            label = widget.locator("[data-testid=stWidgetLabel]")
            return label.first.inner_text().strip() if label.count() else "(no label)"

        def pick_option(widget, kind: str) -> Callable[[], None]:
            def run() -> None:
                _open_list(widget)
                options = page.locator("[role=listbox] [role=option]")
                try:
                    options.first.wait_for(timeout=3000)
                except Exception:
                    page.keyboard.press("Escape")
                    return
                option = options.nth(rng.randrange(options.count()))
                self.path[-1] += f" → {option.inner_text().strip()[:60]!r}"
                option.click()
                if kind == "multiselect":
                    page.keyboard.press("Escape")

            return run

        for kind, selector in (("selectbox", "stSelectbox"), ("multiselect", "stMultiSelect")):
            for widget in page.locator(f"[data-testid=stMain] [data-testid={selector}]").all():
                if widget.is_visible() and widget.locator("input:disabled").count() == 0:
                    found.append(
                        (f"choose in {kind} {label_of(widget)!r}", pick_option(widget, kind))
                    )
        for widget in page.locator("[data-testid=stMain] [data-testid=stRadio]").all():
            options = widget.locator("label")
            if widget.is_visible() and options.count():
                option = options.nth(rng.randrange(options.count()))
                found.append(
                    (
                        f"choose radio {label_of(widget)!r} → {option.inner_text()[:40]!r}",
                        option.click,
                    )
                )
        for widget in page.locator("[data-testid=stMain] [data-testid=stButtonGroup]").all():
            buttons = widget.locator("button")
            if widget.is_visible() and buttons.count():
                button = buttons.nth(rng.randrange(buttons.count()))
                found.append(
                    (f"choose {label_of(widget)!r} → {button.inner_text()[:40]!r}", button.click)
                )
        for widget in page.locator("[data-testid=stMain] [data-testid=stDateInput]").all():
            if widget.is_visible() and not widget.locator("[data-testid=stForm]").count():
                found.append((f"pick a day in {label_of(widget)!r}", self._pick_day(widget)))
        for tab in page.locator("[data-testid=stMain] [role=tab]").all():
            if tab.is_visible():
                found.append((f"open tab {tab.inner_text()[:40]!r}", tab.click))
        for summary in page.locator("[data-testid=stMain] [data-testid=stExpander] summary").all():
            if summary.is_visible():
                found.append((f"open/close expander {summary.inner_text()[:40]!r}", summary.click))
        for button in page.locator(
            "[data-testid=stMain] [data-testid=stButton] button, "
            "[data-testid=stMain] [data-testid=stDownloadButton] button"
        ).all():
            container = button.locator("xpath=ancestor::*[contains(@class, 'st-key-')][1]")
            keyed = container.get_attribute("class") if container.count() else ""
            in_form = button.locator("xpath=ancestor::*[@data-testid='stForm']").count()
            if (
                button.is_visible()
                and button.is_enabled()
                and not in_form
                and "st-key-write_" not in (keyed or "")
            ):
                found.append((f"press {button.inner_text().strip()[:40]!r}", button.click))
        for frame_el in page.locator(f"[data-testid=stMain] {MAP_FRAME}").all():
            if frame_el.is_visible():
                box = frame_el.bounding_box()
                if box and box["height"] > 50:
                    x = box["x"] + box["width"] * rng.uniform(0.3, 0.7)
                    y = box["y"] + box["height"] * rng.uniform(0.3, 0.7)
                    found.append(
                        (
                            f"click the map at ({x:.0f}, {y:.0f})",
                            lambda x=x, y=y: page.mouse.click(x, y),
                        )
                    )
        del scope
        return found

    def _pick_day(self, widget) -> Callable[[], None]:
        rng = self.rng

        def run() -> None:
            # A date field is three segments; arrows step the day, Tab leaves (and commits).
            day = widget.locator("[role=spinbutton][data-type=day]").first
            day.click()
            key = rng.choice(("ArrowUp", "ArrowDown"))
            for _ in range(rng.randint(1, 5)):
                day.press(key)
            day.press("Tab")

        return run

    def act(self, n: int = 1) -> None:
        """Do ``n`` things a person might do on the current page."""
        for _ in range(n):
            candidates = self._candidates()
            if not candidates:
                return
            description, action = self.rng.choice(candidates)
            self.step(description, action)

    def elapsed_ok(self, deadline: float) -> bool:
        return time.monotonic() < deadline
