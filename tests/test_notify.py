"""Notices pushed to work groups and mailboxes (issue 18), against real loopback receivers: an
HTTP server that answers like each robot, and an SMTP server (aiosmtpd). Nothing leaves the
machine."""

from __future__ import annotations

import base64
import datetime as dt
import email
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa

from geo import config
from geo.ops import cli
from geo.storage import store
from geo.storage.models import AuditEntry, Notice
from geo.workflow import channels, letters, notices, notify, outbox

SECRET = "SEC-test-secret"


class Robot:
    """A loopback server answering like the robots: the path says how (``/ok``, ``/err``,
    ``/500``, ``/slow``); every request is kept."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                parts = urllib.parse.urlsplit(self.path)
                robot.received.append(
                    {
                        "path": parts.path,
                        "query": dict(urllib.parse.parse_qsl(parts.query)),
                        "body": json.loads(body),
                    }
                )
                if parts.path.startswith("/slow"):
                    time.sleep(1.5)
                status, answer = {
                    "/err": (200, {"errcode": 93000, "errmsg": "invalid webhook url"}),
                    "/500": (500, {"message": "server error"}),
                    "/feishu": (200, {"code": 0, "msg": "success"}),
                    "/hook": (204, None),
                }.get(parts.path, (200, {"errcode": 0, "errmsg": "ok"}))
                self.send_response(status)
                self.end_headers()
                if answer is not None:
                    self.wfile.write(json.dumps(answer).encode())

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def bodies(self, path: str) -> list[dict]:
        return [r["body"] for r in self.received if r["path"] == path]


@pytest.fixture
def robot() -> Iterator[Robot]:
    server = Robot()
    yield server
    server.server.shutdown()


def _draft(channel: outbox.Channel, key: str) -> outbox.Draft:
    return outbox.Draft(key, channel.id, "reminder", f"提醒 {key}", f"第{key}项事项将到期")


def _render(notice: Notice) -> channels.Message:
    return channels.Message(notice.subject, notice.body, link="http://xm.example/problems")


# ---------------------------------------------------------------- the channels' own shapes


def test_each_robot_gets_its_own_payload_and_signature(engine: sa.Engine, robot: Robot) -> None:
    wecom = outbox.add_channel(
        engine, "住建局群", "wecom", "unit", "县住建局", f"{robot.url}/wecom?key=abc123"
    )
    ding = outbox.add_channel(
        engine,
        "审批局群",
        "dingtalk",
        "unit",
        "县行政审批局",
        f"{robot.url}/ding?access_token=t0k3n",
        SECRET,
    )
    feishu = outbox.add_channel(
        engine, "城关镇群", "feishu", "unit", "城关镇", f"{robot.url}/feishu", SECRET
    )
    hook = outbox.add_channel(engine, "自建系统", "webhook", "leadership", "", f"{robot.url}/hook")
    outbox.write(engine, [_draft(c, f"k{c.id}") for c in (wecom, ding, feishu, hook)])
    before = time.time()
    result = outbox.send_due(engine, _render)
    assert (result.sent, result.failed, result.retrying) == (4, 0, 0)

    (w,) = robot.bodies("/wecom")
    assert w["msgtype"] == "markdown" and w["markdown"]["content"].startswith(
        f"**提醒 k{wecom.id}**"
    )
    (d,) = [r for r in robot.received if r["path"] == "/ding"]
    assert (
        d["body"]["msgtype"] == "markdown" and d["body"]["markdown"]["title"] == f"提醒 k{ding.id}"
    )
    stamp = d["query"]["timestamp"]
    assert abs(int(stamp) / 1000 - before) < 30 and d["query"]["access_token"] == "t0k3n"
    assert d["query"]["sign"] == channels.dingtalk_sign(SECRET, stamp)
    (f,) = robot.bodies("/feishu")
    assert f["msg_type"] == "text" and f["sign"] == channels.feishu_sign(SECRET, f["timestamp"])
    (h,) = robot.bodies("/hook")
    assert h == {
        "subject": f"提醒 k{hook.id}",
        "text": f"第k{hook.id}项事项将到期",
        "link": "http://xm.example/problems",
    }


def test_the_signatures_are_the_channels_documented_ones() -> None:
    # 钉钉: HMAC-SHA256 over "timestamp\nsecret" keyed by the secret; 飞书: keyed by that string.
    import hashlib
    import hmac

    expected = base64.b64encode(
        hmac.new(b"s", b"1700000000000\ns", hashlib.sha256).digest()
    ).decode()
    assert channels.dingtalk_sign("s", "1700000000000") == expected
    expected = base64.b64encode(hmac.new(b"1700000000\ns", b"", hashlib.sha256).digest()).decode()
    assert channels.feishu_sign("s", "1700000000") == expected


def test_a_channels_key_is_kept_out_of_sight(engine: sa.Engine, robot: Robot) -> None:
    channel = outbox.add_channel(
        engine,
        "住建局群",
        "wecom",
        "unit",
        "县住建局",
        f"{robot.url}/wecom?key=0123456789abcdef",
        "",
    )
    assert "0123456789ab" not in channel.address and channel.address.endswith("?…cdef")
    assert channels.masked("https://open.feishu.cn/open-apis/bot/v2/hook/2f5c-aa11-bb22-cc33") == (
        "https://open.feishu.cn/open-apis/bot/v2/hook/…cc33"
    )
    with engine.connect() as conn:
        logged = " ".join(c for (c,) in conn.execute(sa.select(AuditEntry.changes)))
    assert "notice_channels" in {
        t for (t,) in engine.connect().execute(sa.select(AuditEntry.table_name))
    }
    assert "0123456789ab" not in logged


# ---------------------------------------------------------------- sent once, never lost


def test_a_failure_is_retried_with_back_off_then_given_up(engine: sa.Engine, robot: Robot) -> None:
    channel = outbox.add_channel(
        engine, "坏群", "wecom", "unit", "县住建局", f"{robot.url}/err?key=x"
    )
    outbox.write(engine, [_draft(channel, "a")])
    clock = [outbox.utcnow()]
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        result = outbox.send_due(engine, _render, now=lambda: clock[0])
        (row,) = outbox.outbox_frame(engine).to_dict("records")
        assert row["attempts"] == attempt and "93000" in row["last_error"]
        if attempt < outbox.MAX_ATTEMPTS:
            assert result.retrying == 1 and row["status"] == "pending"
            # Not before its time: 1, 2, 4, 8 minutes.
            assert outbox.send_due(engine, _render, now=lambda: clock[0]).retrying == 0
            clock[0] += outbox.FIRST_RETRY * 2 ** (attempt - 1)
    assert row["status"] == "failed" and result.failed == 1
    assert len(robot.received) == outbox.MAX_ATTEMPTS
    assert len(outbox.attempts_of(engine, row["id"])) == outbox.MAX_ATTEMPTS


@pytest.mark.parametrize(("path", "said"), [("/500", "[http] 500"), ("/slow", "[timeout]")])
def test_an_error_page_or_a_timeout_is_a_failure(
    engine: sa.Engine, robot: Robot, path: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(channels, "TIMEOUT_SECONDS", 0.5)
    channel = outbox.add_channel(
        engine, "群", "wecom", "unit", "县住建局", f"{robot.url}{path}?key=x"
    )
    outbox.write(engine, [_draft(channel, "a")])
    assert outbox.send_due(engine, _render).retrying == 1
    error = outbox.outbox_frame(engine)["last_error"][0]
    assert error.startswith(said) and channels.reason(error, "zh").startswith(
        ("渠道返回错误页面", "渠道无应答")
    )


def test_two_senders_at_once_send_each_notice_once(engine: sa.Engine, robot: Robot) -> None:
    channel = outbox.add_channel(engine, "群", "wecom", "unit", "县住建局", f"{robot.url}/ok?key=x")
    outbox.write(engine, [_draft(channel, str(i)) for i in range(30)])
    results: list[outbox.SendResult] = []
    senders = [
        threading.Thread(target=lambda: results.append(outbox.send_due(engine, _render)))
        for _ in range(2)
    ]
    for s in senders:
        s.start()
    for s in senders:
        s.join()
    assert sum(r.sent for r in results) == 30
    subjects = [b["markdown"]["content"] for b in robot.bodies("/ok")]
    assert len(subjects) == 30 == len(set(subjects))


def test_a_sender_killed_mid_send_leaves_it_uncertain_not_sent_twice(
    engine: sa.Engine, robot: Robot
) -> None:
    channel = outbox.add_channel(engine, "群", "wecom", "unit", "县住建局", f"{robot.url}/ok?key=x")
    outbox.write(engine, [_draft(channel, "a")])
    (notice_id,) = outbox.outbox_frame(engine)["id"]
    start = dt.datetime(2026, 11, 2, 9, 0)
    assert outbox._claim(engine, int(notice_id), "killed", start) is not None  # then it died
    later = start + outbox.LEASE + dt.timedelta(seconds=1)
    result = outbox.send_due(engine, _render, now=lambda: later)
    assert (result.uncertain, result.sent) == (1, 0) and robot.received == []
    assert outbox.outbox_frame(engine)["status"][0] == "uncertain"
    outbox.send_again(engine, int(notice_id))  # the office decides
    assert outbox.send_due(engine, _render).sent == 1 and len(robot.received) == 1


def test_the_same_notice_is_written_once(engine: sa.Engine, robot: Robot) -> None:
    channel = outbox.add_channel(engine, "群", "wecom", "unit", "县住建局", f"{robot.url}/ok?key=x")
    assert outbox.write(engine, [_draft(channel, "a"), _draft(channel, "a")]) == 1
    assert outbox.write(engine, [_draft(channel, "a")]) == 0


# ---------------------------------------------------------------- the rules


def test_letters_reach_their_units_in_the_same_transaction(demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    frame = outbox.outbox_frame(engine)
    assert len(frame) and set(frame["rule"]) == {"letter"}  # the demo issued letters with notices
    before = len(frame)
    # Issuing the same month again changes no letter, so no new notice.
    month = letters.Month(2026, 11)
    letters.issue(engine, month, notify=notices.Rules())
    assert len(outbox.outbox_frame(engine)) == before
    (one,) = outbox.outbox_frame(engine)[lambda f: f["subject"].str.contains("督〔2026〕28号")][
        "body"
    ]
    assert one.startswith("县行政审批局：重点办已印发督办函")


def test_reminders_overdue_digest_and_bulletin_on_their_days(demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    rules = notices.Rules(reminder_days=3)
    monday = dt.date(2026, 11, 2)  # a Monday, the letter day's week
    drafts = notify.due_drafts(engine, monday, rules)
    by_rule = {r: [d for d in drafts if d.rule == r] for r in notices.RULES}
    assert by_rule["digest"] and all("张立新" in d.subject for d in by_rule["digest"])
    assert [d.subject for d in by_rule["bulletin"]] == ["重点项目建设情况（2026-11）"]
    assert "全县115个重点项目" in by_rule["bulletin"][0].body
    items = letters.one_per_key(
        letters.letter_items(
            store.load_problems(engine), letters.load_all_decisions(engine), monday
        )
    )
    chans = outbox.list_channels(engine)
    units = [c.audience for c in chans]
    open_here = items[items["is_open"] & items["unit"].isin(units)]
    reminded = open_here[open_here["deadline"] == monday + dt.timedelta(days=3)]
    overdue = open_here[
        [
            d is not None and monday - dt.timedelta(days=7) <= d < monday
            for d in open_here["deadline"]
        ]
    ]
    assert len(by_rule["reminder"]) == len(reminded)
    assert len(by_rule["overdue"]) == len(overdue) > 0  # caught up for a week
    tuesday = notify.due_drafts(engine, monday + dt.timedelta(days=1), rules)
    assert not [d for d in tuesday if d.rule == "digest"]  # once a week
    off = notify.due_drafts(engine, monday, notices.Rules(off=frozenset({"digest", "bulletin"})))
    assert {d.rule for d in off} <= {"reminder", "overdue"}
    assert notify.plan_due(engine, monday, rules) == len(drafts)
    assert notify.plan_due(engine, monday, rules) == 0  # planning again writes nothing


def test_a_long_list_is_cut_with_a_link() -> None:
    text = notices.cut([f"项目{i}" for i in range(8)], "zh", "http://xm.example")
    assert text.splitlines()[-1] == "等8项，详见 http://xm.example" and "项目5" not in text


# ---------------------------------------------------------------- the calendar


def test_working_days_follow_chinas_calendar() -> None:
    import chinese_calendar

    assert not notices.is_working_day(dt.date(2026, 10, 1))  # National Day
    assert notices.is_working_day(dt.date(2026, 12, 3))  # a Thursday
    make_up = next(d for d in chinese_calendar.workdays if d.year == 2026 and d.weekday() >= 5)
    assert notices.is_working_day(make_up)  # a Saturday worked in lieu
    assert notices.calendar_known(dt.date(2026, 6, 1))
    first, last = notices.calendar_years()
    past = dt.date(last + 2, 1, 4)
    assert not notices.calendar_known(past) and notices.is_working_day(past) == (past.weekday() < 5)
    quiet = notices.parse_quiet("22-8")
    assert notices.may_send(dt.datetime(2026, 12, 3, 10), quiet)
    assert not notices.may_send(dt.datetime(2026, 12, 3, 23), quiet)
    assert not notices.may_send(dt.datetime(2026, 12, 3, 7), quiet)
    assert not notices.may_send(dt.datetime(2026, 10, 1, 10), quiet)


def test_notice_settings_are_checked() -> None:
    assert config.load_settings({"GEO_NOTIFY_OFF": "digest，bulletin"}).notify_off == {
        "digest",
        "bulletin",
    }
    with pytest.raises(ValueError, match="'weekly' is not one of"):
        config.load_settings({"GEO_NOTIFY_OFF": "weekly"})
    with pytest.raises(ValueError, match="'22:00' is not hours"):
        config.load_settings({"GEO_NOTIFY_QUIET": "22:00"})


# ---------------------------------------------------------------- e-mail


def test_a_letter_goes_by_mail_with_its_document(demo_copy_url: str) -> None:
    from aiosmtpd.controller import Controller

    class Keep:
        def __init__(self) -> None:
            self.messages: list[email.message.Message] = []

        async def handle_DATA(self, server, session, envelope) -> str:
            self.messages.append(email.message_from_bytes(envelope.content))
            return "250 OK"

    keep = Keep()
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(keep, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        engine = store.make_engine(demo_copy_url)
        outbox.add_channel(
            engine, "审批局邮箱", "email", "unit", "县行政审批局", "xzsp@example.gov.cn"
        )
        letters.issue(engine, letters.Month(2026, 12), notify=notices.Rules())
        settings = config.load_settings({"GEO_DB_URL": demo_copy_url})
        smtp = channels.Smtp(host="127.0.0.1", port=port, sender="zdb@example.gov.cn")
        result = outbox.send_due(engine, notify.renderer(engine, settings), smtp=smtp)
    finally:
        controller.stop()
    assert result.sent >= 1 and keep.messages
    mail = next(m for m in keep.messages if m["To"] == "xzsp@example.gov.cn")
    assert "〔2026〕" in str(email.header.make_header(email.header.decode_header(mail["Subject"])))
    (attached,) = [p for p in mail.walk() if p.get_filename()]
    assert (
        attached.get_filename().endswith(".docx") and attached.get_payload(decode=True)[:2] == b"PK"
    )


def test_mail_without_a_server_is_a_failure_that_says_so() -> None:
    answer = channels.send(
        "email", "a@example.gov.cn", channels.Message("s", "t"), smtp=channels.Smtp()
    )
    assert not answer.ok and channels.reason(answer.said, "zh") == "未配置邮件服务器：GEO_SMTP_HOST"


# ---------------------------------------------------------------- the command


def test_the_command_twice_sends_each_notice_once(demo_copy_url: str, robot: Robot, capsys) -> None:
    engine = store.make_engine(demo_copy_url)
    with engine.begin() as conn:  # the demo's channels, pointed at the loopback robot
        conn.execute(sa.text("DELETE FROM notices"))
    outbox.add_channel(
        engine,
        "张立新钉钉",
        "dingtalk",
        "leader",
        "张立新",
        f"{robot.url}/ding?access_token=x",
        SECRET,
    )
    args = [
        "--db",
        demo_copy_url,
        "notify",
        "--send-due",
        "--today",
        "2026-11-02",
        "--at",
        "2026-11-02T09:30",
        "--json",
    ]
    assert cli.main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["written"] > 0 and first["sent"] >= 1 and not first["quiet"]
    received = len(robot.received)
    assert cli.main(args) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["written"] == 0 and second["sent"] == 0 and len(robot.received) == received
    assert cli.main([*args[:-3], "--at", "2026-11-02T23:30", "--json"]) == 0  # quiet hours
    assert json.loads(capsys.readouterr().out)["quiet"] is True


# ---------------------------------------------------------------- the page


def test_the_office_sees_the_outbox_adds_a_channel_and_tests_it(
    open_app, demo_copy_url: str, robot: Robot
) -> None:
    engine = store.make_engine(demo_copy_url)
    (letter_id,) = outbox.outbox_frame(engine)["id"].head(1)
    with engine.begin() as conn:  # one notice the office must look at
        conn.execute(
            sa.update(Notice)
            .where(Notice.id == int(letter_id))
            .values(status="failed", attempts=5, last_error="[unreachable] [Errno 111]")
        )
    at = open_app(demo_copy_url, page="notices")
    at.run()
    assert not at.exception and at.title[0].value == "消息推送"
    assert "有1条消息需要处理" in at.error[0].value
    # Times as people here read them: Beijing time, eight hours after the stored UTC.
    (outbox_table,) = [d.value for d in at.dataframe if "生成时间（北京时间）" in d.value.columns]
    written = outbox.outbox_frame(engine).set_index("id").at[letter_id, "created_at"]
    shown = outbox_table.set_index(outbox_table.columns[0]).at[letter_id, "生成时间（北京时间）"]
    assert shown == (written + dt.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    assert any(
        "无法连接渠道：\\[Errno 111\\]" in c.value or "无法连接渠道" in c.value for c in at.caption
    )
    at.button(key=f"write_again_{letter_id}").click().run()
    assert outbox.outbox_frame(engine).set_index("id").at[letter_id, "status"] == "pending"

    form = {w.label: w for w in at.text_input}
    form["渠道名称"].set_value("测试群")
    next(w for w in at.selectbox if w.label == "推送对象类型").set_value("leader")
    form["推送对象（单位、领导或项目）"].set_value("李红梅")
    form["地址"].set_value(f"{robot.url}/ok?key=abcdef123456")
    next(b for b in at.button if b.label == "添加").click().run()
    assert not at.exception and "已添加推送渠道“测试群”" in at.success[0].value
    at.selectbox(key="test_channel").set_value("测试群")
    at.button(key="write_test").click().run()
    assert not at.exception and at.success[0].value.startswith("渠道返回")
    (body,) = robot.bodies("/ok")
    assert body["markdown"]["content"].startswith("**测试消息**")
