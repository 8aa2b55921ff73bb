"""Accounts and roles, enforced where writes happen: the data layer, not the buttons."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from geo import i18n
from geo.storage import access, accounts, audit, store
from geo.storage.access import AccessDenied
from geo.storage.models import Account, Problem, Project
from geo.workflow import lifecycle, scoring

PARK = "谷城经济开发区"


@pytest.fixture
def county(demo_copy_url: str) -> sa.Engine:
    return store.make_engine(demo_copy_url)


def _open_problem(engine: sa.Engine, zone: str, inside: bool) -> int:
    problems = store.load_problems(engine)
    here = (problems["park"] == zone) | (problems["township"] == zone)
    chosen = problems[(here if inside else ~here) & (problems["status"] == "assigned")]
    return int(chosen["id"].iloc[0])


def test_passwords_are_argon2_hashes(county: sa.Engine) -> None:
    accounts.create_account(county, "office", role="admin", password="correct horse 1")
    with county.connect() as conn:
        stored = conn.execute(sa.select(Account.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert accounts.authenticate(county, "office", "correct horse 1").role == "admin"
    assert accounts.authenticate(county, "office", "wrong horse 1") is None
    assert accounts.authenticate(county, "nobody", "correct horse 1") is None
    with pytest.raises(ValueError, match="at least 10 characters"):
        accounts.create_account(county, "short", role="viewer", password="123")
    with pytest.raises(ValueError, match="already an account"):
        accounts.create_account(county, "office", role="viewer", password="another one 1")
    with pytest.raises(ValueError, match="there is no park or township named 火星镇"):
        accounts.create_account(
            county, "x", role="zone_manager", password="x-secret-2026", zones=["火星镇"]
        )
    with pytest.raises(ValueError, match="needs at least one park or township"):
        accounts.create_account(county, "y", role="zone_manager", password="y-secret-2026")


def test_a_zone_manager_edits_only_their_zone(county: sa.Engine) -> None:
    manager = accounts.create_account(
        county,
        "wang",
        role="zone_manager",
        password="w-secret-2026",
        zones=[PARK],
        display_name="王园长",
    )
    mine, theirs = _open_problem(county, PARK, True), _open_problem(county, PARK, False)
    with access.acting_as(manager):
        lifecycle.start(county, mine)
        with pytest.raises(
            AccessDenied,
            match=r"王园长 \(zone manager\) may not change problem #\d+: its project is not in one of your zones",
        ):
            lifecycle.start(county, theirs)
    problems = store.load_problems(county).set_index("id")
    assert problems.loc[mine, "status"] == "in_progress"
    assert problems.loc[theirs, "status"] == "assigned"  # untouched
    trail = audit.history(county, "problems", theirs)
    assert trail.iloc[-1]["action"] == "refused" and trail.iloc[-1]["actor"] == "wang"
    assert audit.history(county, "problems", mine).iloc[-1]["actor"] == "wang"


def test_a_zone_manager_may_not_move_a_project_out_or_add_one(county: sa.Engine) -> None:
    manager = accounts.create_account(
        county, "wang", role="zone_manager", password="w-secret-2026", zones=[PARK]
    )
    projects = store.load_projects(county)
    inside = int(projects.loc[projects["park"] == PARK, "id"].iloc[0])
    with access.acting_as(manager):
        with store.transaction(county, write=True) as s:  # an edit inside the zone is fine
            s.get(Project, inside).physical_progress = "主体封顶"
        with pytest.raises(AccessDenied, match="not in one of your zones"):
            with store.transaction(county, write=True) as s:
                s.get(Project, inside).park_id = None
        with pytest.raises(AccessDenied, match="new projects are added by the office"):
            with store.transaction(county, write=True) as s:
                s.add(
                    Project(
                        code="X-1",
                        name="新项目",
                        lon=111.6,
                        lat=32.3,
                        category="industry",
                        level="county",
                        build_type="new",
                        stage="signed",
                        plan_year=2026,
                    )
                )
    assert store.load_projects(county).set_index("id").loc[inside, "park"] == PARK


@pytest.mark.parametrize("role", ["viewer", "kiosk", "leader"])
def test_readers_cannot_edit_problems(county: sa.Engine, role: str) -> None:
    who = (
        access.KIOSK_PRINCIPAL
        if role == "kiosk"
        else accounts.create_account(county, role, role=role, password="r-secret-2026")
    )
    problem = _open_problem(county, PARK, True)
    with (
        access.acting_as(who),
        pytest.raises(AccessDenied, match=f"\\({i18n.t(f'role.{role}', 'en')}\\) may not change"),
    ):
        lifecycle.start(county, problem)
    assert store.load_problems(county).set_index("id").loc[problem, "status"] == "assigned"


def test_leaders_score_and_only_admins_manage(county: sa.Engine) -> None:
    leader = accounts.create_account(county, "li", role="leader", password="l-secret-2026")
    admin = accounts.create_account(county, "office", role="admin", password="a-secret-2026")
    tour_id = scoring.list_tours(county)[0][0]
    _tour, _criteria, stops = scoring.load_tour(county, tour_id)
    with access.acting_as(leader):
        scoring.save_scores(county, tour_id, "李书记", stops[0], {"progress": 90})
        with pytest.raises(AccessDenied, match="only administrators"):
            accounts.set_kiosk(county, True)
    with access.acting_as(admin):
        accounts.set_kiosk(county, True)
        lifecycle.start(county, _open_problem(county, PARK, False))
    assert accounts.kiosk_enabled(county)


def test_no_one_acting_is_the_system(county: sa.Engine) -> None:
    """The command line and an install without accounts write as before."""
    assert access.current() is None
    lifecycle.start(county, _open_problem(county, PARK, False))
    assert not accounts.has_accounts(county)


def test_single_sign_on_maps_to_an_account(county: sa.Engine) -> None:
    accounts.create_account(
        county, "li@gucheng.gov.cn", role="leader", password=None, display_name="李书记"
    )
    principal = accounts.for_single_sign_on(county, "li@gucheng.gov.cn")
    assert principal.role == "leader" and principal.display_name == "李书记"
    assert accounts.for_single_sign_on(county, "stranger@example.com") is None
    assert accounts.authenticate(county, "li@gucheng.gov.cn", "") is None  # no local password


def test_deadline_unchanged_when_refused(county: sa.Engine) -> None:
    manager = accounts.create_account(
        county, "wang", role="zone_manager", password="w-secret-2026", zones=[PARK]
    )
    theirs = _open_problem(county, PARK, False)
    before = store.load_problems(county).set_index("id").loc[theirs, "deadline"]
    with access.acting_as(manager), pytest.raises(AccessDenied):
        with store.transaction(county, write=True) as s:
            s.get(Problem, theirs).deadline = dt.date(2027, 1, 1)
    assert store.load_problems(county).set_index("id").loc[theirs, "deadline"] == before


def test_a_zone_manager_files_the_monthly_plan_of_their_own_projects(county: sa.Engine) -> None:
    from geo.storage import targets as stored_targets
    from geo.workflow import reporting

    manager = accounts.create_account(
        county, "wang", role="zone_manager", password="w-secret-2026", zones=[PARK]
    )
    projects = store.load_projects(county, dt.date(2026, 10, 31))
    inside = projects[projects["park"] == PARK].iloc[0]
    outside = projects[projects["park"] != PARK].iloc[0]
    plan = (10.0,) * 12

    def filing(row) -> reporting.Filing:
        return reporting.Filing(
            int(row["id"]),
            row["name"],
            float(row["completed_wan"]) + 1,
            None,
            None,
            None,
            targets=plan,
        )

    with access.acting_as(manager):
        reporting.save(county, [filing(inside)], dt.date(2026, 11, 30))
        with pytest.raises(AccessDenied, match="its project is not in one of your zones"):
            reporting.save(county, [filing(outside)], dt.date(2026, 11, 30))
    with store.transaction(county) as s:
        saved = stored_targets.load_targets(s, [int(inside["id"]), int(outside["id"])], 2026)
    assert saved[int(inside["id"])] == plan
    assert saved.get(int(outside["id"])) != plan  # untouched: the whole filing was refused
