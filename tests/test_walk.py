"""Walk the app as people do, in real Chromium, and fail on anything they must never see.

Every page, in both languages (switched in the sidebar, as people do, not by URL), at two
as-of dates; on each page one thing a person might do (see :mod:`walker`), sometimes Back
and Forward. On the demo county, on an empty database, on a county holding the hostile
corpus, and signed in as a viewer and as a zone manager, at 1440×900, 1920×1080 and a
phone's 390×844. Seeded (``GEO_WALK_SEED``, default 1) so that a failure walks again the
same way; ``GEO_WALK_ACTIONS`` sets how many things are done on each page visit (default 1).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from browsing import ARTIFACTS, chromium, serve
from corpus import HOSTILE
from walker import Finding, Walker, font_coverage

from geo import config
from geo.ingest import areas, importer
from geo.storage import accounts, store
from geo.workflow import office

pytestmark = pytest.mark.browser

SEED = int(os.environ.get("GEO_WALK_SEED", "1"))
ACTIONS = int(os.environ.get("GEO_WALK_ACTIONS", "1"))
DESKTOP = {"width": 1440, "height": 900}
WIDE = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
PASSWORD = "walk-the-app-2026"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def glyphs() -> frozenset[int]:
    return font_coverage()


def data_strings(url: str) -> set[str]:
    """Every text the database holds (names, units, people, notes…), and the settings' texts:
    what a screen shows as entered, in whatever language it was entered."""
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    meta.reflect(engine)
    found: set[str] = {url, sa.engine.make_url(url).render_as_string(hide_password=True)}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text)]
            for column in columns:
                for (value,) in conn.execute(sa.select(column).distinct()):
                    if isinstance(value, str):
                        found.add(value)
                        found.update(part for part in value.splitlines() if part.strip())
    engine.dispose()
    s = config.load_settings({})
    found.update({s.issuer, s.letter_prefix})
    # The office's area by its names (place names are data): 湖北省 襄阳市 谷城县.
    for code in [f for f in found if f.isdigit() and len(f) == 6]:
        try:
            area = areas.by_code(code)
        except ValueError:
            continue
        found.update(p for p in (area.full_name, area.name, area.province, area.city) if p)
    # The office settings' values (a URL, weights, a point) are shown as written.
    found.update(v for v in map(config.default_value, config.OFFICE_SETTINGS) if v)
    return found


def _walk(browser, url: str, db_url: str, viewport: dict, name: str, glyphs) -> Walker:
    context = browser.new_context(viewport=viewport, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    walker = Walker(
        page, url, data_strings(db_url), glyphs, seed=SEED, artifacts=ARTIFACTS / "walk", name=name
    )
    walker.goto()
    return walker


def _sign_in(walker: Walker, username: str) -> None:
    def fill() -> None:
        walker.sidebar(True)
        form = walker.page.locator("[data-testid=stSidebarUserContent] [data-testid=stForm]")
        form.locator("input[type=text]").first.fill(username)
        form.locator("input[type=password]").first.fill(PASSWORD)
        form.locator("[data-testid=stFormSubmitButton] button").first.click()

    walker.step(f"sign in as {username}", fill)


def _every_page(
    walker: Walker, *, actions: int, back_every: int = 5, midway: Callable[[], None] | None = None
) -> None:
    """Visit every page of the navigation through the sidebar, in a shuffled order, doing
    ``actions`` things on each; Back and Forward now and then. ``midway`` (a change in the
    sidebar) is done after a random number of pages, so that pages run both on what an
    earlier page or language left behind and on the fresh choice."""
    links = walker.nav_links()
    assert links, "no navigation"
    walker.rng.shuffle(links)
    turn = walker.rng.randrange(1, len(links)) if midway is not None else -1
    for n, (label, path) in enumerate(links, start=1):
        walker.navigate(label, path)
        walker.act(actions)
        if n % back_every == 0:
            walker.back()
            walker.forward()
        if n == turn:
            midway()


def _report(walker: Walker) -> None:
    print(
        f"\n{walker.name}: {walker.steps} steps, {len(walker.visited)} (page, language, as-of) "
        f"seen, {len(walker.findings)} findings"
    )
    findings: list[Finding] = walker.findings
    if findings and walker.artifacts is not None:  # all of them, with their paths, to read
        (walker.artifacts / f"{walker.name}-findings.txt").write_text(
            "\n\n".join(map(str, findings))
        )
    assert not findings, "\n\n".join(map(str, findings[:12])) + (
        f"\n\n… and {len(findings) - 12} more" if len(findings) > 12 else ""
    )


def test_walk_the_demo_in_both_languages_at_two_dates(
    browser, demo_copy_url: str, tmp_path: Path, glyphs
) -> None:
    with serve(demo_copy_url, tmp_path / "streamlit.log") as url:
        walker = _walk(browser, url, demo_copy_url, DESKTOP, "demo", glyphs)
        # The paths people take: an earlier date chosen in Chinese, then English, with pages
        # run on what the other language left before a date is chosen again, and back…
        walker.set_as_of(1)
        for lang, as_of in (("en", 1), ("zh", 0), ("en", 1), ("zh", 0)):
            walker.set_language(lang)
            _every_page(walker, actions=ACTIONS, midway=lambda i=as_of: walker.set_as_of(i))
        pages = {p for p, _lang, _date in walker.visited}
        assert len(pages) >= 16, pages
        _report(walker)


def test_walk_an_empty_database(browser, tmp_path: Path, glyphs) -> None:
    """A new office: the setup page (the only one), then, once set up with no projects yet,
    every page."""
    db_url = f"sqlite:///{tmp_path / 'empty.db'}"
    with serve(db_url, tmp_path / "streamlit.log") as url:
        setup = _walk(browser, url, db_url, PHONE, "setup", glyphs)
        for lang in ("zh", "en", "zh"):
            setup.set_language(lang)
            setup.act(max(ACTIONS, 3))
        _report(setup)
        office.set_up(
            store.make_engine(db_url),
            office.OfficeSetup(
                "420625", "谷城县重点项目建设工作领导小组办公室", "谷重点办", "walk_admin", PASSWORD
            ),
        )
        walker = _walk(browser, url, db_url, PHONE, "empty", glyphs)
        _sign_in(walker, "walk_admin")
        for lang in ("zh", "en"):
            walker.set_language(lang)
            _every_page(walker, actions=ACTIONS)
        _report(walker)


@pytest.fixture
def hostile_url(demo_copy_url: str, tmp_path: Path) -> str:
    """The demo county with one project per hostile string in every text column a ledger has."""
    import csv

    path = tmp_path / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "项目名称",
                "建设单位",
                "行业",
                "所在乡镇",
                "年度计划投资",
                "1-10月完成",
                "形象进度",
                "存在问题",
                "包保领导",
                "项目秘书",
                "经度",
                "纬度",
                "截止日期",
            ]
        )
        for n, text in enumerate(HOSTILE):
            writer.writerow(
                [
                    text,
                    text,
                    "工业",
                    "城关镇",
                    1000,
                    100 + n,
                    text,
                    text,
                    text,
                    text,
                    111.65 + n / 1000,
                    32.26,
                    "2026-10-31",
                ]
            )
    plan = importer.import_ledger(store.make_engine(demo_copy_url), path)
    assert not plan.errors, plan.errors
    return demo_copy_url


def test_walk_a_county_of_hostile_text(browser, hostile_url: str, tmp_path: Path, glyphs) -> None:
    with serve(hostile_url, tmp_path / "streamlit.log") as url:
        walker = _walk(browser, url, hostile_url, WIDE, "hostile", glyphs)
        dialogs: list[str] = []
        walker.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for lang in ("zh", "en"):
            walker.set_language(lang)
            _every_page(walker, actions=ACTIONS)
        assert dialogs == [], "hostile text ran as script"
        _report(walker)


@pytest.mark.parametrize(
    ("role", "viewport"), [("viewer", PHONE), ("zone_manager", DESKTOP)], ids=["viewer", "zone"]
)
def test_walk_signed_in(
    browser,
    demo_copy_url: str,
    tmp_path: Path,
    glyphs,
    role: str,
    viewport: dict,
) -> None:
    engine = store.make_engine(demo_copy_url)
    zones = ["谷城经济开发区"] if role == "zone_manager" else None
    accounts.create_account(
        engine,
        f"walk_{role}",
        role=role,
        password=PASSWORD,
        zones=zones,
        display_name=f"走查{role}",
    )
    with serve(demo_copy_url, tmp_path / "streamlit.log") as url:
        walker = _walk(browser, url, demo_copy_url, viewport, role, glyphs)
        _sign_in(walker, f"walk_{role}")
        for lang in ("en", "zh"):
            walker.set_language(lang)
            _every_page(walker, actions=ACTIONS)
        _report(walker)
