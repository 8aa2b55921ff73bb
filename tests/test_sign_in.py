"""Signing in, kiosk screens and roles in the running app (AppTest), and the users command."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from geo.ops import cli
from geo.storage import accounts, signin, store

PARK = "谷城经济开发区"


@pytest.fixture
def county(demo_copy_url: str) -> sa.Engine:
    engine = store.make_engine(demo_copy_url)
    accounts.create_account(engine, "office", role="admin", password="office-secret-1")
    accounts.create_account(
        engine,
        "wang",
        role="zone_manager",
        password="wang-secret-12",
        zones=[PARK],
        display_name="王园长",
    )
    return engine


def _sign_in(at: AppTest, username: str, password: str) -> None:
    at.sidebar.text_input[0].input(username)
    at.sidebar.text_input[1].input(password)
    at.sidebar.button[0].click().run()


def test_accounts_mean_signing_in_first(open_app, county: sa.Engine, demo_copy_url: str) -> None:
    at = open_app(demo_copy_url)
    at.run()
    assert not at.exception
    assert "请先在左侧登录" in at.info[0].value
    assert not at.metric  # nothing of the dashboard before signing in
    assert not any("sqlite" in c.value for c in at.sidebar.caption)  # nor where the data is
    _sign_in(at, "wang", "not-the-password")
    assert "用户名或密码错误" in at.sidebar.error[0].value
    _sign_in(at, "wang", "wang-secret-12")
    assert not at.exception
    assert any("王园长" in c.value for c in at.sidebar.caption)
    assert at.metric  # the overview's numbers
    assert any("sqlite" in c.value for c in at.sidebar.caption)


def test_a_zone_manager_is_refused_outside_their_zone_on_the_page(
    open_app, county: sa.Engine, demo_copy_url: str
) -> None:
    problems = store.load_problems(county)
    outside = problems[(problems["park"] != PARK) & (problems["status"] == "in_progress")]
    problem_id = int(outside["id"].iloc[0])
    at = open_app(demo_copy_url, "problem")
    at.query_params["problem"] = str(problem_id)
    at.run()
    _sign_in(at, "wang", "wang-secret-12")
    at.text_area[0].input("已解决")
    at.button(key="FormSubmitter:resolve-办结").click().run()
    assert not at.exception
    assert "无权修改问题" in at.error[0].value  # in the UI's language
    assert store.load_problems(county).set_index("id").loc[problem_id, "status"] == "in_progress"


def test_kiosk_screens_show_without_signing_in(
    open_app, county: sa.Engine, demo_copy_url: str
) -> None:
    accounts.set_kiosk(county, True)
    at = open_app(demo_copy_url)
    at.run()
    assert not at.exception
    assert not at.info or "请先在左侧登录" not in at.info[0].value
    assert at.metric  # the overview, read-only


def test_an_administrator_turns_kiosk_mode_on(
    open_app, county: sa.Engine, demo_copy_url: str
) -> None:
    at = open_app(demo_copy_url, "settings")
    at.run()
    _sign_in(at, "office", "office-secret-1")
    at.toggle(key="kiosk_toggle").set_value(True).run()
    assert not at.exception
    assert accounts.kiosk_enabled(county)


def test_users_command(monkeypatch: pytest.MonkeyPatch, demo_copy_url: str, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    argv = ["--db", demo_copy_url, "users", "add", "li", "--role", "leader", "--password-stdin"]
    assert cli.main(argv) == 0
    assert cli.main(["--db", demo_copy_url, "users", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    engine = store.make_engine(demo_copy_url)
    assert accounts.authenticate(engine, "li", "a-long-password").role == "leader"
    assert rows == [
        {
            "username": "li",
            "display_name": "li",
            "role": "leader",
            "zones": [],
            "active": True,
            "sso_only": False,
            "must_change_password": False,
            "failures": 0,
            "locked_until": None,
            "signed_in": 0,
        }
    ]
    # Five wrong passwords lock the account; the command line shows it and lifts it.
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=1)
    for i in range(5):  # 10 s apart: past each growing delay
        signin.sign_in(engine, "li", "wrong password!", now=start + dt.timedelta(seconds=10 * i))
    assert cli.main(["--db", demo_copy_url, "users", "list"]) == 0
    assert "locked until" in capsys.readouterr().out
    assert cli.main(["--db", demo_copy_url, "users", "unlock", "li"]) == 0
    assert cli.main(["--db", demo_copy_url, "users", "list"]) == 0
    assert "locked" not in capsys.readouterr().out.split("may sign in again")[-1]
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["--db", demo_copy_url, "users", "add", "x", "--password-stdin"]) == 1
    assert "at least 10 characters" in capsys.readouterr().err


def test_demo_accounts_have_fresh_passwords(sqlite_url: str, capsys) -> None:
    assert cli.main(["--db", sqlite_url, "demo", "--accounts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    office = next(line.split() for line in lines if line.strip().startswith("office"))
    engine = store.make_engine(sqlite_url)
    assert accounts.authenticate(engine, "office", office[2]).role == "admin"
    roles = {row["role"] for row in accounts.list_accounts(engine)}
    assert roles == set(accounts.ROLES)


def test_the_form_says_how_long_to_wait_after_failures(
    open_app, county: sa.Engine, demo_copy_url: str
) -> None:
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=1)
    for i in range(4):  # four wrong passwords in the last minute, past their short delays
        signin.sign_in(county, "wang", "wrong", now=start + dt.timedelta(seconds=10 * i))
    at = open_app(demo_copy_url)
    at.run()
    _sign_in(at, "wang", "wrong five")  # the fifth: locked for 15 minutes
    assert "用户名或密码错误" in at.sidebar.error[0].value
    assert "请在15分钟后重试" in at.sidebar.error[0].value
    _sign_in(at, "wang", "wang-secret-12")  # refused before the password is checked
    assert "登录失败次数过多" in at.sidebar.error[0].value
    assert not any("王园长" in c.value for c in at.sidebar.caption)


def test_the_administrator_sees_and_lifts_a_lockout(
    open_app, county: sa.Engine, demo_copy_url: str
) -> None:
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=1)
    for i in range(5):
        signin.sign_in(county, "wang", "wrong", now=start + dt.timedelta(seconds=10 * i))
    at = open_app(demo_copy_url, "settings", lang="en")
    at.run()
    _sign_in(at, "office", "office-secret-1")
    assert not at.exception
    (unlock,) = [b for b in at.button if b.label == "Unlock wang"]
    accounts_shown = [
        df.value for df in at.dataframe if "Locked until (Beijing time)" in df.value.columns
    ]
    assert (
        accounts_shown
        and accounts_shown[0].set_index("User name").loc["wang", "Failed sign-ins in a row"] == 5
    )
    unlock.click().run()
    assert not at.exception
    assert signin.lock_states(county)["wang"] == (0, None)
    assert not [b for b in at.button if b.label == "Unlock wang"]


@pytest.mark.parametrize(
    ("username", "password", "why"),
    [
        ("li", "short1", "at least 10 characters"),
        ("zhangsan-office", "Zhangsan_Office", "may not be the user name"),
        ("li", "password123", "among the first a guesser tries"),
        ("li", "qwertyuiop", "among the first a guesser tries"),
        ("li", "1111111111", "among the first a guesser tries"),
    ],
)
def test_guessable_passwords_are_refused(
    demo_copy_url: str, username: str, password: str, why: str
) -> None:
    engine = store.make_engine(demo_copy_url)
    with pytest.raises(ValueError, match=why):
        accounts.create_account(engine, username, role="viewer", password=password)
    assert not accounts.list_accounts(engine)


@pytest.mark.parametrize("role", ["admin", "viewer"])  # not only who may write accounts
def test_a_one_time_password_must_be_replaced_at_the_first_sign_in(
    open_app,
    demo_copy_url: str,
    capsys,
    role: str,
) -> None:
    argv = ["--db", demo_copy_url, "users", "add", "zhao", "--role", role, "--one-time"]
    assert cli.main(argv) == 0
    given = capsys.readouterr().out.strip().rsplit(" ", 1)[-1]
    engine = store.make_engine(demo_copy_url)
    assert accounts.authenticate(engine, "zhao", given).must_change_password
    at = open_app(demo_copy_url)
    at.run()
    _sign_in(at, "zhao", given)
    assert not at.exception and not at.metric  # nothing of the dashboard yet
    assert at.subheader[0].value == "请设置您自己的密码"

    def choose(old: str, new: str) -> None:
        boxes = [t for t in at.text_input if t.label in ("一次性密码", "新密码", "再次输入新密码")]
        for box, value in zip(boxes, (old, new, new), strict=True):
            box.input(value)
        at.button(key="FormSubmitter:choose_password-保存密码").click().run()

    choose(given, "password123")
    assert "容易被猜中" in at.error[0].value  # a guessable one is refused here too
    choose(given, "zhao-own-choice-7")
    assert not at.exception, at.exception
    assert at.metric  # the overview
    assert not accounts.authenticate(engine, "zhao", "zhao-own-choice-7").must_change_password
    assert accounts.authenticate(engine, "zhao", given) is None


def test_the_administrator_hands_out_a_one_time_password(
    open_app, county: sa.Engine, demo_copy_url: str
) -> None:
    at = open_app(demo_copy_url, "settings", lang="en")
    at.run()
    _sign_in(at, "office", "office-secret-1")
    (who,) = [s for s in at.selectbox if s.label == "User name"]
    who.select("wang")
    at.button(key="FormSubmitter:one_time_form-Make a one-time password").click().run()
    assert not at.exception
    given = at.code[-1].value
    assert accounts.authenticate(county, "wang", given).must_change_password
    assert accounts.authenticate(county, "wang", "wang-secret-12") is None
    at.run()  # the list says who has yet to choose their own
    (shown,) = [df.value for df in at.dataframe if "Signs in with" in df.value.columns]
    assert "one-time" in shown.set_index("User name").loc["wang", "Signs in with"]
    assert "one-time" not in shown.set_index("User name").loc["office", "Signs in with"]


def test_a_role_change_on_the_settings_page_signs_that_person_out(
    open_app, county: sa.Engine, demo_copy_url: str
) -> None:
    wang = open_app(demo_copy_url, lang="en")
    wang.run()
    _sign_in(wang, "wang", "wang-secret-12")
    assert any("王园长" in c.value for c in wang.sidebar.caption)
    office = open_app(demo_copy_url, "settings", lang="en")
    office.run()
    _sign_in(office, "office", "office-secret-1")
    shown = [df.value for df in office.dataframe if "Signed-in browsers" in df.value.columns]
    assert shown[0].set_index("User name").loc["wang", "Signed-in browsers"] == 1
    office.selectbox(key="change_account").select("wang").run()
    role = [s for s in office.selectbox if s.label == "Role"][-1]  # the change form's
    role.select("viewer")
    [b for b in office.button if b.label == "Save"][0].click().run()
    assert not office.exception
    assert accounts.authenticate(county, "wang", "wang-secret-12").role == "viewer"
    # Wang's tab, at its next run: signed out, told why, and nothing of the dashboard.
    wang.run()
    assert not wang.exception
    assert "An administrator changed your account" in wang.sidebar.warning[0].value
    assert not any("王园长" in c.value for c in wang.sidebar.caption)
    assert not wang.metric
    # Signing in again carries the new role.
    _sign_in(wang, "wang", "wang-secret-12")
    assert any("王园长" in c.value and "viewer" in c.value for c in wang.sidebar.caption)
