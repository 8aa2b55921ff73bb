"""The escalation ladder (督办函 → 效能告诫 → 约谈 → 问责 → 移交纪委监委): the thresholds setting,
the rule day by day, stopping when solved, steps by hand, idempotence on both back ends, the
bulletin's section, the commands, the demo, and the problem and letters pages."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import sqlalchemy as sa

from geo import config, ui
from geo.ops import cli
from geo.refusals import Refusal
from geo.reports import bulletin, documents
from geo.storage import access, store
from geo.storage import escalation as stored_escalation
from geo.storage.models import Escalation, Problem, Project, Zone
from geo.workflow import escalation, letters, lifecycle

D = dt.date
DAYS = (15, 15, 30, 30)
SQUARE = json.dumps(
    {"type": "Polygon", "coordinates": [[[111, 32], [112, 32], [112, 33], [111, 32]]]}
)
HOSTILE = '**粗体** <img src=x onerror=alert(1)> =HYPERLINK("x") `${alert(2)}`'


# --------------------------------------------------------------------------- the setting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (15, 15, 30, 30)),
        ("15,15,30,30", (15, 15, 30, 30)),
        ("10，20、30 40", (10, 20, 30, 40)),
        (" 1,1,1,365 ", (1, 1, 1, 365)),
    ],
)
def test_the_thresholds_are_read(text: str, expected: tuple[int, ...]) -> None:
    assert config.load_settings({"GEO_ESCALATION_DAYS": text}).escalation_days == expected


@pytest.mark.parametrize(
    "text", ["15,15,30", "15,15,30,30,30", "0,15,30,30", "a,b,c,d", "366,1,1,1"]
)
def test_bad_thresholds_are_refused_by_name(text: str) -> None:
    with pytest.raises(ValueError, match=r"\(GEO_ESCALATION_DAYS\): '.*' should be 4 whole"):
        config.load_settings({"GEO_ESCALATION_DAYS": text})


def test_the_office_sets_the_thresholds_in_the_app() -> None:
    assert "GEO_ESCALATION_DAYS" in config.OFFICE_SETTINGS
    assert config.default_value("GEO_ESCALATION_DAYS") == "15,15,30,30"
    stored = config.load_settings({}, stored={"GEO_ESCALATION_DAYS": "20,20,20,20"})
    assert stored.escalation_days == (20, 20, 20, 20)
    with pytest.raises(ValueError, match="days"):
        escalation.check_days((15, 15, 30))


# --------------------------------------------------------------------------- the rule, pure


def _letter(
    id_: int, issued: dt.date, keys: list[str], withdrawn: dt.date | None = None
) -> letters.IssuedLetter:
    return letters.IssuedLetter(
        id=id_,
        kind="supervision",
        unit="县住建局",
        month=letters.Month(issued.year, issued.month),
        number=id_,
        issued_on=issued,
        revision=1,
        items=tuple({"key": k} for k in keys),
        withdrawn_on=withdrawn,
    )


def _problems(rows: list[tuple[int, str, dt.date | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": pid,
                "status": status,
                "resolved_on": resolved,
                "project": "甲项目",
                "responsible_unit": "县住建局",
                "description": f"问题{pid}",
                "deadline": D(2026, 9, 20),
            }
            for pid, status, resolved in rows
        ]
    )


NO_STEPS = pd.DataFrame(columns=list(stored_escalation.COLUMNS))


def _steps(rows: list[tuple[int, str, dt.date, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": n,
                "problem_id": pid,
                "step": step,
                "taken_on": day,
                "direction": how,
                "reason": None,
                "document_no": None,
                "letter_id": None,
                "actor": "test",
            }
            for n, (pid, step, day, how) in enumerate(rows, start=1)
        ],
        columns=list(stored_escalation.COLUMNS),
    )


ARCHIVE = [
    _letter(1, D(2026, 9, 2), ["problem:1"], withdrawn=D(2026, 9, 5)),  # withdrawn: chased nobody
    _letter(3, D(2026, 10, 2), ["problem:1", "problem:2", "problem:3", "decision:9"]),
    _letter(5, D(2026, 11, 2), ["problem:1", "problem:4"]),  # later than 1's first letter
]
PROBLEMS = _problems(
    [
        (1, "in_progress", None),  # open throughout
        (2, "resolved", D(2026, 10, 10)),  # solved before the rule looks
        (3, "closed", D(2026, 10, 20)),  # solved later: still open on 17 October
        (4, "assigned", None),  # first chased in November
        (5, "assigned", None),  # never in a supervision letter
    ]
)


def test_an_item_enters_at_its_first_standing_letter_and_climbs_after_the_threshold() -> None:
    # 16 October: 2 Oct + 14 days < 15, the letter is the only step (dated the letter's day).
    due = escalation.due_steps(PROBLEMS, NO_STEPS, ARCHIVE, D(2026, 10, 16), DAYS)
    assert [(d.problem_id, d.step, d.taken_on, d.letter_id, d.document_no) for d in due] == [
        (1, "supervision_letter", D(2026, 10, 2), 3, "重点办督〔2026〕3号"),
        (3, "supervision_letter", D(2026, 10, 2), 3, "重点办督〔2026〕3号"),
    ]
    # 17 October: 2 Oct + 15 days = 17 Oct, 效能告诫 is due, dated the day the rule runs.
    due = escalation.due_steps(PROBLEMS, NO_STEPS, ARCHIVE, D(2026, 10, 17), DAYS)
    assert [(d.problem_id, d.step, d.current, d.taken_on, d.due_since) for d in due] == [
        (1, "supervision_letter", None, D(2026, 10, 2), D(2026, 10, 2)),
        (1, "efficiency_warning", "supervision_letter", D(2026, 10, 17), D(2026, 10, 17)),
        (3, "supervision_letter", None, D(2026, 10, 2), D(2026, 10, 2)),
        (3, "efficiency_warning", "supervision_letter", D(2026, 10, 17), D(2026, 10, 17)),
    ]


def test_one_run_moves_a_problem_one_step_at_most() -> None:
    # On 31 December problem 1 has been at its letter for 90 days (15 + 15 + 30 + 30): the
    # rule still takes one step, today; problem 4 entered on 2 Nov: 59 days, one step too.
    due = escalation.due_steps(PROBLEMS, NO_STEPS, ARCHIVE, D(2026, 12, 31), DAYS)
    assert [(d.problem_id, d.step, d.taken_on, d.due_since) for d in due] == [
        (1, "supervision_letter", D(2026, 10, 2), D(2026, 10, 2)),
        (1, "efficiency_warning", D(2026, 12, 31), D(2026, 10, 17)),
        (4, "supervision_letter", D(2026, 11, 2), D(2026, 11, 2)),
        (4, "efficiency_warning", D(2026, 12, 31), D(2026, 11, 17)),
    ]


@pytest.mark.parametrize(
    ("step", "since", "today", "expected"),
    [
        # days at each step: 15 at the letter, 15 at 效能告诫, 30 at 约谈, 30 at 问责
        ("supervision_letter", D(2026, 10, 2), D(2026, 10, 16), None),  # 14 days
        ("supervision_letter", D(2026, 10, 2), D(2026, 10, 17), "efficiency_warning"),
        ("efficiency_warning", D(2026, 10, 17), D(2026, 11, 1), "interview"),  # 15 days
        ("interview", D(2026, 11, 1), D(2026, 11, 30), None),  # 29 days
        ("interview", D(2026, 11, 1), D(2026, 12, 1), "accountability"),  # 30 days
        ("accountability", D(2026, 12, 1), D(2026, 12, 31), "referral"),  # 30 days
        ("referral", D(2026, 12, 31), D(2027, 6, 30), None),  # the top
    ],
)
def test_each_threshold(step: str, since: dt.date, today: dt.date, expected: str | None) -> None:
    steps = _steps([(1, step, since, "rule")])
    due = escalation.due_steps(PROBLEMS, steps, ARCHIVE, today, DAYS)
    assert [d.step for d in due if d.problem_id == 1] == ([expected] if expected else [])


def test_a_solved_problem_never_climbs_and_a_later_history_is_left_alone() -> None:
    steps = _steps([(3, "efficiency_warning", D(2026, 10, 17), "rule")])
    # Problem 3 was closed on 20 Oct: on 1 Nov (15 days at 效能告诫) it does not move.
    assert [
        d
        for d in escalation.due_steps(PROBLEMS, steps, ARCHIVE, D(2026, 11, 1), DAYS)
        if d.problem_id == 3
    ] == []
    # A run for a day before a step already recorded does not rewrite history.
    later = _steps([(1, "efficiency_warning", D(2026, 11, 5), "rule")])
    assert [
        d.problem_id for d in escalation.due_steps(PROBLEMS, later, ARCHIVE, D(2026, 11, 1))
    ] == []


@pytest.mark.parametrize(
    ("current", "direction", "solved", "expected"),
    [
        (None, "up", False, "supervision_letter"),
        ("efficiency_warning", "up", False, "interview"),
        ("interview", "down", False, "efficiency_warning"),
        ("interview", "down", True, "efficiency_warning"),  # easing a solved one is allowed
        ("efficiency_warning", "up", True, "escalation_solved"),
        ("referral", "up", False, "escalation_top"),
        ("supervision_letter", "down", False, "escalation_bottom"),
        (None, "down", False, "escalation_bottom"),
        ("interview", "sideways", False, "not_one_of"),
    ],
)
def test_steps_by_hand(current: str | None, direction: str, solved: bool, expected: str) -> None:
    try:
        got = escalation.next_step(current, direction, solved=solved, on=D(2026, 11, 1), since=None)
    except Refusal as refusal:
        got = refusal.key
    assert got == expected


def test_a_step_by_hand_cannot_be_dated_before_the_current_one() -> None:
    with pytest.raises(Refusal, match="2026-11-01"):
        escalation.next_step(
            "interview", "down", solved=False, on=D(2026, 10, 31), since=D(2026, 11, 1)
        )


# --------------------------------------------------------------------------- on the database


def _county(engine: sa.Engine) -> dict[str, int]:
    """One project with three problems for 县住建局, two of them overdue on 2 October (so in
    its October supervision letter), one not chased at all."""
    with store.transaction(engine, write=True, actor="test") as s:
        zone = Zone(kind="township", name="城关镇", geometry=SQUARE)
        project = Project(
            code="A-1",
            name="甲项目",
            lon=111.5,
            lat=32.5,
            township=zone,
            category="industry",
            level="county",
            build_type="new",
            stage="started",
            plan_year=2026,
            annual_plan_wan=100,
        )
        s.add(project)
        s.flush()

        def problem(text: str, deadline: dt.date) -> Problem:
            return Problem(
                project_id=project.id,
                description=text,
                category="utilities",
                responsible_unit="县住建局",
                raised_on=D(2026, 9, 3),
                deadline=deadline,
                status="assigned",
            )

        power, permit, road = (
            problem("施工用电未接通", D(2026, 9, 20)),
            problem("规划许可待办", D(2026, 9, 25)),
            problem("进场道路未硬化", D(2026, 12, 30)),
        )
        s.add_all([power, permit, road])
        s.flush()
        ids = {"power": power.id, "permit": permit.id, "road": road.id}
    letters.issue(engine, letters.Month(2026, 10))  # the 督办函 of 2 October
    return ids


def _ladder_of(engine: sa.Engine, problem_id: int) -> list[tuple]:
    rows = escalation.load_escalations(engine, problem_id)
    return list(
        zip(rows["step"], rows["taken_on"], rows["direction"], rows["document_no"], strict=True)
    )


def test_a_problem_climbs_step_by_step_as_days_pass(engine: sa.Engine) -> None:
    ids = _county(engine)
    power = ids["power"]

    def run(day: dt.date) -> list[tuple[int, str]]:
        written = escalation.escalate_due(engine, day, days=DAYS, actor="重点办")
        return [(r["problem_id"], r["step"]) for r in written]

    assert run(D(2026, 10, 1)) == []  # the letter is issued on the 2nd
    assert run(D(2026, 10, 2)) == [
        (power, "supervision_letter"),
        (ids["permit"], "supervision_letter"),
    ]
    assert run(D(2026, 10, 16)) == []  # 14 days
    assert run(D(2026, 10, 17)) == [
        (power, "efficiency_warning"),
        (ids["permit"], "efficiency_warning"),
    ]
    assert run(D(2026, 10, 17)) == []  # the same day again: nothing new
    lifecycle.resolve(engine, ids["permit"], resolution="已办结", resolved_on=D(2026, 10, 20))
    assert run(D(2026, 11, 1)) == [(power, "interview")]  # 15 days; the permit is solved
    assert run(D(2026, 11, 30)) == []  # 29 days at 约谈
    assert run(D(2026, 12, 1)) == [(power, "accountability")]
    assert run(D(2026, 12, 31)) == [(power, "referral")]
    assert run(D(2027, 6, 30)) == []  # the top of the ladder
    assert _ladder_of(engine, power) == [
        ("supervision_letter", D(2026, 10, 2), "rule", "重点办督〔2026〕1号"),
        ("efficiency_warning", D(2026, 10, 17), "rule", "重点办告〔2026〕1号"),
        ("interview", D(2026, 11, 1), "rule", "重点办约〔2026〕1号"),
        ("accountability", D(2026, 12, 1), "rule", "重点办问〔2026〕1号"),
        ("referral", D(2026, 12, 31), "rule", "重点办移〔2026〕1号"),
    ]
    # 效能告诫 of the permit took number 2 (the power supply's was first, by problem id).
    assert _ladder_of(engine, ids["permit"])[-1][3] == "重点办告〔2026〕2号"
    assert escalation.load_escalations(engine, ids["road"]).empty  # never chased
    letter = letters.archived(engine)[-1]
    assert escalation.load_escalations(engine, power)["letter_id"].iloc[0] == letter.id
    # The steps are in the audit trail under the run's actor and reason.
    with engine.connect() as conn:
        actors = conn.execute(sa.select(Escalation.actor).distinct()).scalars().all()
    assert actors == ["重点办"]


def test_steps_by_hand_with_and_without_a_reason(engine: sa.Engine) -> None:
    ids = _county(engine)
    power = ids["power"]
    escalation.escalate_due(engine, D(2026, 10, 2), days=DAYS)
    escalation.escalate_due(engine, D(2026, 10, 17), days=DAYS)
    with pytest.raises(Refusal, match="Reason is required"):
        escalation.take_step(engine, power, "up", reason="  ", on=D(2026, 10, 20))
    up = escalation.take_step(
        engine, power, "up", reason="连续两月未解决，报县领导约谈", on=D(2026, 10, 20)
    )
    assert (up["step"], up["direction"], up["document_no"]) == (
        "interview",
        "up",
        "重点办约〔2026〕1号",  # the office's next 约谈 number, as the rule numbers them
    )
    down = escalation.take_step(
        engine,
        power,
        "down",
        reason="已明确11月10日前送电",
        on=D(2026, 10, 25),
        document_no="会议纪要〔2026〕8号",
    )
    assert (down["step"], down["reason"], down["document_no"]) == (
        "efficiency_warning",
        "已明确11月10日前送电",
        "会议纪要〔2026〕8号",
    )
    with pytest.raises(Refusal, match="before the current one"):
        escalation.take_step(engine, power, "up", reason="补录", on=D(2026, 10, 24))
    # The rule's clock counts from the step down: 25 Oct + 15 days = 9 Nov; the permit's from
    # its 效能告诫 of 17 Oct: due since 1 Nov, so it climbs on 8 Nov, the power supply does not.
    early = escalation.escalate_due(engine, D(2026, 11, 8), days=DAYS)
    assert [(r["problem_id"], r["step"], r["document_no"]) for r in early] == [
        (ids["permit"], "interview", "重点办约〔2026〕2号"),
    ]
    again = escalation.escalate_due(engine, D(2026, 11, 9), days=DAYS)
    assert [(r["problem_id"], r["step"], r["document_no"]) for r in again] == [
        (power, "interview", "重点办约〔2026〕3号"),
    ]
    # A problem no letter named can be put on the ladder by hand; down from the letter: no.
    road = escalation.take_step(engine, ids["road"], "up", reason="业主反映强烈", on=D(2026, 11, 9))
    assert (road["step"], road["document_no"]) == ("supervision_letter", None)
    with pytest.raises(Refusal) as refused:
        escalation.take_step(engine, ids["road"], "down", reason="误录", on=D(2026, 11, 9))
    assert refused.value.key == "escalation_bottom"
    with pytest.raises(Refusal) as refused:
        escalation.take_step(engine, 999_999, "up", reason="x", on=D(2026, 11, 9))
    assert refused.value.key == "not_found"
    # A solved problem is not stepped up.
    lifecycle.resolve(engine, power, resolution="已送电", resolved_on=D(2026, 11, 10))
    with pytest.raises(Refusal) as refused:
        escalation.take_step(engine, power, "up", reason="x", on=D(2026, 11, 12))
    assert refused.value.key == "escalation_solved"


def test_only_the_office_moves_problems_on_the_ladder(engine: sa.Engine) -> None:
    ids = _county(engine)
    manager = access.Principal(
        username="zm", display_name="园区", role="zone_manager", zone_ids=frozenset({1})
    )
    with access.acting_as(manager), pytest.raises(access.AccessDenied):
        escalation.escalate_due(engine, D(2026, 10, 2))
    with access.acting_as(manager), pytest.raises(access.AccessDenied):
        escalation.take_step(engine, ids["power"], "up", reason="x", on=D(2026, 10, 3))
    assert escalation.load_escalations(engine).empty


def test_what_stands_on_the_ladder_by_unit_and_step(engine: sa.Engine) -> None:
    ids = _county(engine)
    nobody = escalation.ladder(
        store.load_problems(engine), escalation.load_escalations(engine), D(2026, 11, 1)
    )
    assert nobody.empty and set(escalation.step_counts(nobody).values()) == {0}
    for day in (D(2026, 10, 2), D(2026, 10, 17), D(2026, 11, 1)):
        escalation.escalate_due(engine, day, days=DAYS)
    problems = store.load_problems(engine)
    steps = escalation.load_escalations(engine)
    # On 1 November both overdue problems are open: both at 约谈 (15 days at 效能告诫 each).
    on_ladder = escalation.ladder(problems, steps, D(2026, 11, 1))
    assert list(on_ladder["problem_id"]) == [ids["power"], ids["permit"]]
    assert escalation.step_counts(on_ladder)["interview"] == 2
    # As of 20 October the same steps read: both at 效能告诫 for 3 days.
    earlier = escalation.ladder(problems, steps, D(2026, 10, 20))
    assert (
        list(zip(earlier["step"], earlier["days"], strict=True)) == [("efficiency_warning", 3)] * 2
    )
    facts = escalation.ladder_facts(on_ladder)
    assert facts.total == 2 and [i["problem_id"] for i in facts.serious] == [
        ids["power"],
        ids["permit"],
    ]
    assert escalation.unit_table(on_ladder, "zh").to_dict("records") == [
        {"责任单位": "县住建局", "效能告诫": 0, "约谈": 2, "问责": 0, "移交纪委监委": 0, "合计": 2}
    ]


# --------------------------------------------------------------------------- the demo


def test_the_demo_has_items_at_each_step_and_one_stepped_down(demo_engine: sa.Engine) -> None:
    as_of = D(2026, 10, 31)
    steps = escalation.load_escalations(demo_engine)
    problems = store.load_problems(demo_engine)
    counts = escalation.step_counts(escalation.ladder(problems, steps, as_of))
    assert counts["efficiency_warning"] > 10 and 1 <= counts["interview"] <= 10
    assert counts["accountability"] == counts["referral"] == 0
    down = steps[steps["direction"] == "down"]
    assert (
        len(down) == 1 and down["reason"].iloc[0] and down["step"].iloc[0] == "efficiency_warning"
    )
    # Nothing is due again on the as-of day: the demo ran the rule then.
    archive = letters.archived(demo_engine)
    assert escalation.due_steps(problems, steps, archive, as_of) == []
    # Every problem on the ladder entered by a supervision letter that named it.
    first = escalation.first_letters(archive, as_of)
    entries = steps[steps["step"] == "supervision_letter"]
    assert all(
        first[p].id == letter
        for p, letter in zip(entries["problem_id"], entries["letter_id"], strict=True)
    )


def test_the_bulletin_tells_the_ladder(demo_engine: sa.Engine) -> None:
    facts = bulletin.compile_facts(demo_engine, D(2026, 10, 31))
    counts = dict(facts.ladder.counts)
    serious = [i for i in facts.ladder.serious]
    assert counts["interview"] == len(serious) > 0
    document = bulletin.bulletin_document(facts, "zh", issuer="县重点办", area="county")
    text = document.text()
    assert "督办升级" in text
    ew, iv = counts["efficiency_warning"], counts["interview"]
    assert f"处于督办升级程序中的未解决问题{ew + iv}个，其中效能告诫{ew}个、约谈{iv}个。" in text
    tables = documents.rows_of_tables(documents.to_docx(document))
    ladder = next(t for t in tables if t[0][-2:] == ["环节", "起始日期"])
    assert [row[3] for row in ladder[1:]] == [i["problem"] for i in serious]
    english = bulletin.bulletin_document(facts, "en", issuer="office", area="county").text()
    assert f"Efficiency warning {ew}, Interview {iv}. Those at interview or beyond:" in english


def _measured() -> pd.DataFrame:
    from geo.core import measures

    row = {
        "id": 1,
        "name": "甲项目",
        "park": None,
        "township": "城关镇",
        "responsible_unit": "县经信局",
        "lead_leader": "张立新",
        "category": "industry",
        "annual_plan_wan": 100.0,
        "completed_wan": 90.0,
        "stage": "building",
    }
    return measures.with_measures(pd.DataFrame([row]), D(2026, 10, 31))


def test_the_bulletin_section_words_the_ladder() -> None:
    problems = _problems([(1, "in_progress", None)]).assign(
        project_id=1, raised_on=D(2026, 9, 3), meetings=0
    )
    plain = bulletin.bulletin_facts(_measured(), pd.Series(dtype=object), problems, D(2026, 10, 31))
    assert plain.ladder == escalation.LadderFacts() and plain.ladder.total == 0
    text = bulletin.bulletin_document(plain, "zh", issuer="办", area="county").text()
    assert "督办升级" not in text  # nobody on the ladder: no such section
    facts = escalation.LadderFacts(
        counts=(("supervision_letter", 3), ("efficiency_warning", 2), ("interview", 1)),
        serious=(
            {
                "problem_id": 7,
                "unit": "县住建局",
                "project": "甲项目",
                "problem": HOSTILE,
                "step": "interview",
                "since": D(2026, 10, 17),
            },
        ),
    )
    with_ladder = bulletin.bulletin_facts(
        _measured(), pd.Series(dtype=object), problems, D(2026, 10, 31), ladder=facts
    )
    document = bulletin.bulletin_document(with_ladder, "zh", issuer="办", area="county")
    # 3 + 2 + 1 = 6 on the ladder; only the steps with someone on them are named.
    assert (
        "截至2026年10月31日，处于督办升级程序中的未解决问题6个，其中督办函3个、效能告诫2个、约谈1个。"
        "约谈及以上的问题如下：" in document.text()
    )
    table = documents.rows_of_tables(documents.to_docx(document))[-1]
    assert table == [
        ["序号", "责任单位", "项目名称", "问题", "环节", "起始日期"],
        ["1", "县住建局", "甲项目", HOSTILE, "约谈", "2026年10月17日"],  # the text as entered
    ]


# --------------------------------------------------------------------------- the commands


def test_the_commands(engine: sa.Engine, backend_url: str, capsys, tmp_path) -> None:
    ids = _county(engine)
    db = ["--db", backend_url]
    assert cli.main([*db, "escalation", "--due", "--today", "2026-10-17", "--json"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert [(r["problem_id"], r["step"], r["due_since"]) for r in due] == [
        (ids["power"], "supervision_letter", "2026-10-02"),
        (ids["power"], "efficiency_warning", "2026-10-17"),
        (ids["permit"], "supervision_letter", "2026-10-02"),
        (ids["permit"], "efficiency_warning", "2026-10-17"),
    ]
    assert escalation.load_escalations(engine).empty  # --due writes nothing
    rule = ["escalation", "--apply", "--today", "2026-10-17", "--out", str(tmp_path / "rule")]
    assert cli.main([*db, *rule, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4
    # The two 效能告诫 have their notices, numbered 1 and 2 in problem order.
    assert sorted(p.name for p in (tmp_path / "rule").iterdir()) == [
        "2026-10-17_效能告诫_重点办告〔2026〕1号.docx",
        "2026-10-17_效能告诫_重点办告〔2026〕2号.docx",
    ]
    assert cli.main([*db, "escalation", "--apply", "--today", "2026-10-17", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # idempotent
    assert cli.main([*db, "escalation", "--today", "2026-10-20", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["problem_id"], r["step"], r["since"], r["days"]) for r in listed] == [
        (ids["power"], "efficiency_warning", "2026-10-17", 3),
        (ids["permit"], "efficiency_warning", "2026-10-17", 3),
    ]
    step = [*db, "escalation-step", str(ids["power"])]
    assert cli.main([*step, "--up", "--on", "2026-10-20"]) == 1
    assert "Reason is required" in capsys.readouterr().err
    assert cli.main([*step, "--reason", "x"]) == 1
    assert "--up or --down" in capsys.readouterr().err
    args = [*step, "--up", "--reason", "报县领导约谈", "--on", "2026-10-20", "--json"]
    assert cli.main([*args, "--out", str(tmp_path)]) == 0
    taken = json.loads(capsys.readouterr().out)
    assert (taken["step"], taken["direction"], taken["document_no"]) == (
        "interview",
        "up",
        "重点办约〔2026〕1号",
    )
    notice = documents.paragraphs_of(
        (tmp_path / "2026-10-20_约谈_重点办约〔2026〕1号.docx").read_bytes()
    )
    assert "约谈通知书" in notice and "县住建局：" in notice
    body = next(p for p in notice if p.startswith("甲项目存在的"))
    assert "“施工用电未接通”" in body and "经督办函、效能告诫督办" in body
    down = [
        *step,
        "--down",
        "--reason",
        "已承诺送电",
        "--on",
        "2026-10-21",
        "--document",
        "纪要8号",
    ]
    assert cli.main(down) == 0
    assert "efficiency_warning on 2026-10-21 (down)  纪要8号" in capsys.readouterr().out


# --------------------------------------------------------------------------- the pages


def _on_ladder(engine: sa.Engine, step: str) -> int:
    steps = escalation.load_escalations(engine)
    current = escalation.current_steps(steps)
    open_ids = set(
        escalation.ladder(store.load_problems(engine), steps, dt.date.today())["problem_id"]
    )
    return int(
        next(
            p
            for p, s in zip(current["problem_id"], current["step"], strict=True)
            if s == step and p in open_ids
        )
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_problem_page_shows_the_ladder(open_app, demo_url: str, demo_engine, lang: str) -> None:
    problem_id = _on_ladder(demo_engine, "interview")
    at = open_app(demo_url, "problem", lang=lang)
    at.query_params["problem"] = str(problem_id)
    at.run()
    assert not at.exception
    title = {"zh": "督办升级", "en": "Escalation ladder"}[lang]
    assert title in [s.value for s in at.subheader]
    steps = escalation.load_escalations(demo_engine, problem_id)
    history = next(
        d.value for d in at.dataframe if len(d.value) == len(steps) and len(d.value.columns) == 6
    )
    words = {
        "zh": ["督办函", "效能告诫", "约谈"],
        "en": ["Supervision letter", "Efficiency warning", "Interview"],
    }
    assert list(history.iloc[:, 1]) == words[lang]
    assert list(history.iloc[:, 4]) == list(steps["document_no"])
    now = {"zh": "当前环节：**约谈**", "en": "Now at **Interview**"}[lang]
    assert any(m.value.startswith(now) for m in at.markdown)
    notices = [e.label for e in at.expander if "重点办" in e.label]
    assert len(notices) == 2  # 效能告诫 and 约谈, newest first
    assert notices[0].startswith({"zh": "约谈通知书", "en": "Notice: Interview"}[lang])


def test_the_office_steps_down_from_the_problem_page(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    problem_id = _on_ladder(engine, "interview")
    with store.transaction(engine, write=True, actor="test") as s:
        s.get(Problem, problem_id).description = HOSTILE
    at = open_app(demo_copy_url, "problem")
    at.query_params["problem"] = str(problem_id)
    at.run()
    assert at.subheader[0].value == ui.md(HOSTILE)  # shown as entered, never as markup
    submit = f"FormSubmitter:escalation_{problem_id}_0-登记"
    radio = next(r for r in at.radio if r.label == "升降方向")
    radio.set_value("down")
    at.button(key=submit).click().run()  # no reason
    assert not at.exception
    assert "请填写理由" in at.error[0].value
    assert (
        escalation.current_steps(escalation.load_escalations(engine, problem_id)).iloc[0]["step"]
        == "interview"
    )
    next(r for r in at.radio if r.label == "升降方向").set_value("down")
    at.text_input(key=f"escalation_{problem_id}_0_reason").input("已制定拆迁安置方案")
    at.button(key=submit).click().run()
    assert not at.exception
    latest = escalation.current_steps(escalation.load_escalations(engine, problem_id)).iloc[0]
    assert (latest["step"], latest["direction"], latest["reason"]) == (
        "efficiency_warning",
        "down",
        "已制定拆迁安置方案",
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_letters_page_lists_the_items_beyond_the_letter(
    open_app, demo_copy_url: str, lang: str
) -> None:
    engine = store.make_engine(demo_copy_url)
    problem_id = _on_ladder(engine, "interview")
    with store.transaction(engine, write=True, actor="test") as s:
        s.get(Problem, problem_id).description = HOSTILE
    at = open_app(demo_copy_url, "letters", lang=lang)
    at.run()
    assert not at.exception
    title = {"zh": "督办升级情况", "en": "Beyond the letter: the escalation ladder"}[lang]
    assert title in [s.value for s in at.subheader]
    on_ladder = escalation.beyond_letter(
        escalation.ladder(
            store.load_problems(engine), escalation.load_escalations(engine), dt.date.today()
        )
    )
    unit_col = {"zh": "责任单位", "en": "Responsible unit"}[lang]
    tables = [d.value for d in at.dataframe if d.value.columns[0] == unit_col]
    by_unit, items = tables  # units × steps beyond the letter, then the items
    assert list(by_unit.columns[1:]) == [
        escalation.step_label(step, lang) for step in escalation.STEPS[1:]
    ] + [{"zh": "合计", "en": "Total"}[lang]]
    assert by_unit.iloc[:, -1].sum() == len(on_ladder)
    assert len(items) == len(on_ladder)
    assert HOSTILE in list(items.iloc[:, 3])  # the problem's text, as entered
    # The archive stays the first table (the letters page's own tests read it there).
    assert at.dataframe[0].value.columns[0] == letters.archive_table([], "重点办", lang).columns[0]


def test_after_a_step_the_form_starts_empty(open_app, demo_copy_url: str) -> None:
    # The reason of a step down stayed in the form, one click from stepping up with it.
    engine = store.make_engine(demo_copy_url)
    problem_id = _on_ladder(engine, "interview")
    at = open_app(demo_copy_url, "problem")
    at.query_params["problem"] = str(problem_id)
    at.run()
    next(r for r in at.radio if r.label == "升降方向").set_value("down")
    at.text_input(key=f"escalation_{problem_id}_0_reason").input("已制定拆迁安置方案")
    at.button(key=f"FormSubmitter:escalation_{problem_id}_0-登记").click().run()
    assert not at.exception
    assert at.text_input(key=f"escalation_{problem_id}_1_reason").value == ""
    assert f"escalation_{problem_id}_0_reason" not in [w.key for w in at.text_input]
