"""Phone pages (geo.reports.phone) and phone links (geo.workflow.share): signed, expiring, withdrawn, published
as files; on both back ends, with a clock the test controls."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo.ops import demo
from geo.reports import phone
from geo.storage import access, accounts, audit, store
from geo.storage.access import AccessDenied
from geo.storage.models import Project
from geo.workflow import share

SECRET = "test secret, not for production"
T0 = dt.datetime(2026, 12, 4, 2, 0, tzinfo=dt.UTC).timestamp()  # 10:00 in Beijing


def test_a_link_opens_its_project_until_it_expires_and_only_unaltered() -> None:
    link = phone.link_for(SECRET, 42, int(T0) + 3600)
    assert phone.verify(SECRET, link.path, T0) == 42
    assert phone.verify(SECRET, link.path, T0 + 3599) == 42
    assert phone.verify(SECRET, link.path, T0 + 3600) is None  # expired
    assert phone.verify("another secret", link.path, T0) is None
    other_project = f"/m/43/{link.expires}/{link.token}"
    longer = f"/m/42/{link.expires + 86400}/{link.token}"
    flipped = link.path[:-1] + ("A" if link.path[-1] != "A" else "B")
    for forged in (other_project, longer, flipped, link.path + "x", "/m/42", "/m/../etc/passwd"):
        assert phone.verify(SECRET, forged, T0) is None, forged
    # Tokens differ per project and per expiry, and are URL-safe.
    assert link.token != phone.sign(SECRET, 43, link.expires)
    assert link.token != phone.sign(SECRET, 42, link.expires + 1)
    assert phone.LINK_PATTERN.match(link.path)


def test_links_last_to_the_end_of_a_beijing_day() -> None:
    now = dt.datetime.fromtimestamp(T0, dt.UTC)
    ends = phone.local_time(phone.expiry(now, 1))
    assert (ends.date(), ends.hour, ends.minute) == (dt.date(2026, 12, 5), 23, 59)
    late_evening = dt.datetime(2026, 12, 4, 15, 30, tzinfo=dt.UTC)  # 23:30 in Beijing
    assert phone.local_time(phone.expiry(late_evening, 1)).date() == dt.date(2026, 12, 5)
    with pytest.raises(ValueError):
        phone.expiry(now, 0)


def _row(**changes: object) -> dict[str, object]:
    row = {
        "id": 7,
        "code": "GC-7",
        "name": "五山污水厂",
        "park": None,
        "township": "五山镇",
        "stage": "building",
        "completion_rate": 0.412,
        "schedule_status": "far_behind",
        "annual_plan_wan": 5000.0,
        "completed_wan": 2060.0,
        "physical_progress": "主体施工",
        "next_milestone": "topped_out",
        "next_planned_on": dt.date(2026, 10, 1),
        "days_late": 30,
    }
    return row | changes


def _problem(text: str, is_open: bool, overdue: bool = False) -> dict[str, object]:
    return {
        "description": text,
        "responsible_unit": "县住建局",
        "deadline": dt.date(2026, 11, 30),
        "is_open": is_open,
        "overdue": overdue,
    }


def test_a_card_lists_open_problems_overdue_first_and_the_page_shows_it() -> None:
    problems = [
        _problem("用地未报批", True),
        _problem("已解决的事", False),
        _problem("供电线路迁改", True, overdue=True),
    ]
    card = phone.card(_row(), problems, dt.date(2026, 10, 31))
    assert [p.text for p in card.open_problems] == ["供电线路迁改", "用地未报批"]
    page = phone.page_html(card, "zh", dt.datetime.fromtimestamp(T0, dt.UTC))
    assert "五山污水厂" in page and "GC-7 · 五山镇" in page and "41.2%" in page
    assert "未解决问题（2个）" in page and "已解决的事" not in page
    assert "时间进度 83.3%" in page and "落后超过10个百分点" in page
    assert "主体封顶 · 2026年10月1日，滞后30天" in page
    assert "页面生成于2026-12-04 10:00（北京时间）" in page
    english = phone.page_html(card, "en", dt.datetime.fromtimestamp(T0, dt.UTC))
    assert "Open problems (2)" in english and 'lang="en"' in english


def test_a_page_shows_hostile_text_as_text_and_missing_values_as_dashes() -> None:
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> =HYPERLINK("http://x")'
    card = phone.card(
        _row(
            name=hostile,
            completion_rate=float("nan"),
            annual_plan_wan=None,
            physical_progress=None,
            next_milestone=None,
            township=float("nan"),
        ),
        [_problem(hostile, True)] * 12,
        dt.date(2026, 10, 31),
    )
    page = phone.page_html(card, "zh", dt.datetime.fromtimestamp(T0, dt.UTC))
    assert "<script" not in page and "<img src=x" not in page
    assert html.escape(hostile) in page
    assert "nan" not in page.lower().replace("nanum", "")  # no NaN shown as text
    assert ">—<" in page  # the rate and the plan
    assert page.count("<li>") == phone.MAX_PROBLEMS + 1 and "另有4个" in page


def test_publish_keeps_one_file_per_live_link_and_removes_the_rest(tmp_path: Path) -> None:
    a, b = phone.link_for(SECRET, 1, 100), phone.link_for(SECRET, 2, 200)
    done = phone.publish(tmp_path, {1: "<p>one</p>", 2: "<p>two</p>"}, [a, b])
    assert (done.pages_written, done.links_added) == (2, 2)
    assert (tmp_path / "links" / a.file_name).read_text() == "<p>one</p>"
    # The same again writes nothing; a changed page is replaced, its link follows it.
    assert phone.publish(tmp_path, {1: "<p>one</p>", 2: "<p>two</p>"}, [a, b]).pages_written == 0
    assert phone.publish(tmp_path, {1: "<p>uno</p>", 2: "<p>two</p>"}, [a, b]).pages_written == 1
    assert (tmp_path / "links" / a.file_name).read_text() == "<p>uno</p>"
    # Link b withdrawn: its file goes, and its page with it when no link opens it.
    done = phone.publish(tmp_path, {1: "<p>uno</p>"}, [a])
    assert (done.links_removed, done.pages_removed) == (1, 1)
    assert sorted(p.name for p in (tmp_path / "links").iterdir()) == [a.file_name]
    assert not (tmp_path / "pages" / "2.html").exists()
    # Pages left as they are (None) while links change.
    assert phone.publish(tmp_path, None, []).links_removed == 1
    assert (tmp_path / "pages" / "1.html").exists()


@pytest.fixture
def county(engine: sa.Engine) -> sa.Engine:
    demo.build_demo(engine)
    return engine


def _files(folder: Path) -> set[str]:
    return {p.name for p in (folder / "links").iterdir()}


def test_links_are_issued_published_expired_withdrawn_and_rotated(
    county: sa.Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(share.SECRET_ENV, raising=False)
    clock = [T0]
    out = tmp_path / "phone"
    publisher = share.Publisher(county, out, "zh", tmp_path / "photos", clock=lambda: clock[0])
    for demo_link in share.live_links(county, T0)["id"]:  # not part of this story
        share.withdraw(county, int(demo_link), now=T0)
    week = share.issue(county, 1, days=7, now=T0, actor="李红梅")
    day = share.issue(county, 2, days=1, now=T0, actor="李红梅")
    secret = share.share_secret(county)
    assert phone.verify(secret, week.path, T0) == 1
    # Shared again the same day for as long: the same link, recorded once.
    assert share.issue(county, 1, days=7, now=T0 + 600, actor="王五") == week
    assert len(share.live_links(county, T0)) == 2
    assert share.share_secret(county) == secret  # made once, then kept
    done = publisher.run_once()
    assert (done.pages_written, done.links_added) == (2, 2)
    assert _files(out) == {week.file_name, day.file_name}
    assert "朗弘热交换系统制造基地" in (out / "links" / week.file_name).read_text()

    # An edit shows at the next pass; nothing changed, nothing rewritten.
    assert publisher.run_once().pages_written == 0
    with store.transaction(county, write=True) as s:
        s.get(Project, 1).name = "朗弘热交换（二期）"
    assert publisher.run_once().pages_written == 1
    assert "朗弘热交换（二期）" in (out / "links" / week.file_name).read_text()

    # Two days later the one-day link is gone; its page too.
    clock[0] = T0 + 2 * 86400
    done = publisher.run_once()
    assert _files(out) == {week.file_name} and not (out / "pages" / "2.html").exists()

    # Withdrawn: gone at the next pass, and the trail says who shared and who withdrew.
    (live,) = share.live_links(county, clock[0])["id"]
    share.withdraw(county, int(live), now=clock[0], actor="办公室")
    publisher.run_once()
    assert _files(out) == set()
    trail = audit.history(county, "share_links", int(live))
    assert list(trail["actor"]) == ["李红梅", "办公室"]

    # Made again the same day after being withdrawn: a new address; the withdrawn one stays dead.
    first = share.issue(county, 3, days=7, now=T0)
    (first_id,) = share.live_links(county, clock[0], project_id=3)["id"]
    share.withdraw(county, int(first_id), now=T0 + 30)
    again = share.issue(county, 3, days=7, now=T0 + 60)
    assert again.expires == first.expires - 1 and again.token != first.token
    publisher.run_once()
    assert again.file_name in _files(out) and first.file_name not in _files(out)
    (again_id,) = share.live_links(county, clock[0], project_id=3)["id"]
    share.withdraw(county, int(again_id), now=clock[0])
    publisher.run_once()

    # A new secret: links made before stop working, new ones work.
    again = share.issue(county, 1, days=3, now=clock[0])
    publisher.run_once()
    assert _files(out) == {again.file_name}
    share.rotate_secret(county)
    publisher.run_once()
    assert again.file_name not in _files(out) and len(_files(out)) == 1
    assert phone.verify(share.share_secret(county), again.path, clock[0]) is None

    with pytest.raises(ValueError, match="between 1 and 366"):
        share.issue(county, 1, days=0)
    with pytest.raises(ValueError, match="there is no project 99999"):
        share.issue(county, 99999)


def test_the_servers_secret_wins_and_roles_decide_who_shares(
    demo_copy_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    county = store.make_engine(demo_copy_url)
    monkeypatch.setenv(share.SECRET_ENV, "from the environment")
    link = share.issue(county, 1, now=T0)
    assert phone.verify("from the environment", link.path, T0) == 1

    park = "谷城经济开发区"
    projects = store.load_projects(county)
    mine = int(projects[projects["park"] == park]["id"].iloc[0])
    theirs = int(
        projects[(projects["park"] != park) & (projects["township"] != park)]["id"].iloc[0]
    )
    manager = accounts.create_account(
        county,
        "wang",
        role="zone_manager",
        password="w-secret-2026",
        zones=[park],
        display_name="王园长",
    )
    viewer = accounts.create_account(county, "zhao", role="viewer", password="z-secret-2026")
    leader = accounts.create_account(county, "li", role="leader", password="l-secret-2026")
    with access.acting_as(manager):  # 5 days: not the demo's own 30-day links
        share.issue(county, mine, days=5)
        with pytest.raises(AccessDenied, match="not in one of your zones"):
            share.issue(county, theirs, days=5)
    with access.acting_as(viewer), pytest.raises(AccessDenied):
        share.issue(county, mine, days=5)
    with access.acting_as(leader):
        share.issue(county, theirs, days=5)
    made_by = share.live_links(county)["created_by"].tolist()
    assert made_by.count("wang") == 1 and made_by.count("li") == 1 and "zhao" not in made_by


def test_the_project_page_makes_lists_and_withdraws_phone_links(
    open_app, demo_copy_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(share.SECRET_ENV, SECRET)
    county = store.make_engine(demo_copy_url)
    at = open_app(
        demo_copy_url,
        "project",
        lang="en",
        GEO_PHONE_PAGES="1",
        GEO_PUBLIC_URL="https://dash.example.cn",
    )
    at.query_params["project"] = "5"
    at.run()
    assert not at.exception
    assert share.live_links(county, project_id=5).empty  # none before
    (days,) = [n for n in at.number_input if n.label == "Days the link works"]
    days.set_value(3)
    (make,) = [b for b in at.button if b.label == "Make a phone link"]
    make.click().run()
    assert not at.exception and not at.error
    (live,) = share.live_links(county, project_id=5).to_dict("records")
    link = phone.link_for(SECRET, 5, live["expires"])
    shown = [c.value for c in at.code]
    assert link.url("https://dash.example.cn") in shown
    (withdraw,) = [b for b in at.button if b.label == f"Withdraw link #{live['id']}"]
    withdraw.click().run()
    assert not at.exception and share.live_links(county, project_id=5).empty
    assert link.url("https://dash.example.cn") not in [c.value for c in at.code]


def test_without_a_web_server_the_page_says_phone_pages_are_not_served(
    open_app, demo_url: str
) -> None:
    at = open_app(demo_url, "project", lang="en")
    at.query_params["project"] = "5"
    at.run()
    assert not at.exception
    assert not [b for b in at.button if b.label == "Make a phone link"]
    assert any("python -m geo serve" in c.value for c in at.caption)
