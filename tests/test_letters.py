"""The letters of the month (两函一单): which item goes in which letter, numbering, the
archive, escalation after two months, the Word file read back, the command and the page."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import sqlalchemy as sa

from geo import config
from geo.ops import cli
from geo.reports import bulletin, documents
from geo.storage import store
from geo.storage.models import Decision, Letter, Meeting, Problem, Project, Zone
from geo.workflow import letters

D = dt.date
NOV = letters.Month(2026, 11)
SQUARE = json.dumps(
    {"type": "Polygon", "coordinates": [[[111, 32], [112, 32], [112, 33], [111, 32]]]}
)


def _problem(
    pid: int,
    unit: str | None,
    raised: dt.date,
    deadline: dt.date | None,
    status: str = "assigned",
    resolved_on: dt.date | None = None,
    text: str = "问题",
) -> dict:
    return {
        "id": pid,
        "project": "甲项目",
        "responsible_unit": unit,
        "description": text,
        "raised_on": raised,
        "deadline": deadline,
        "status": status,
        "resolved_on": resolved_on,
    }


def _decision(
    did: int,
    unit: str,
    held: dt.date,
    deadline: dt.date,
    problem_id: int | None = None,
    status: str = "open",
    done_on: dt.date | None = None,
) -> dict:
    return {
        "id": did,
        "problem_id": problem_id,
        "action": f"决定{did}",
        "responsible_unit": unit,
        "deadline": deadline,
        "status": status,
        "done_on": done_on,
        "held_on": held,
        "meeting": f"会议{did}",
        "project": "甲项目",
    }


PROBLEMS = pd.DataFrame(
    [
        _problem(1, "县住建局", D(2026, 10, 5), D(2026, 10, 20)),  # raised in Oct, overdue
        _problem(2, "县住建局", D(2026, 8, 1), D(2026, 11, 10)),  # due in 8 days
        _problem(3, "县住建局", D(2026, 8, 1), D(2026, 9, 1), "resolved", D(2026, 10, 30)),
        _problem(4, "县财政局", D(2026, 9, 1), D(2026, 9, 30)),  # decided on in Oct (see 11)
        _problem(5, None, D(2026, 10, 1), D(2026, 10, 2)),  # nobody to write to
        _problem(6, "县住建局", D(2026, 11, 5), D(2026, 11, 6)),  # raised after the issue day
        _problem(7, "县住建局", D(2026, 8, 1), D(2026, 9, 1), "resolved", D(2026, 11, 20)),
    ]
)
DECISIONS = pd.DataFrame(
    [
        _decision(10, "县交通运输局", D(2026, 10, 15), D(2026, 11, 12)),  # no problem, due soon
        _decision(11, "县财政局", D(2026, 10, 8), D(2026, 10, 25), problem_id=4),  # overdue
        _decision(
            12,
            "县交通运输局",
            D(2026, 9, 15),
            D(2026, 10, 1),
            status="done",
            done_on=D(2026, 9, 28),
        ),
        _decision(13, "县交通运输局", D(2026, 11, 20), D(2026, 11, 25)),  # after the issue day
    ]
)


def _by(drafts: list[letters.Draft]) -> dict[tuple[str, str], list[str]]:
    return {(d.unit, d.kind): [i["key"] for i in d.items] for d in drafts}


def test_each_item_goes_in_the_right_letter() -> None:
    items = letters.letter_items(PROBLEMS, DECISIONS, D(2026, 11, 2))
    drafts = letters.drafts(items, NOV, issue_day=2, reminder_days=10)
    assert _by(drafts) == {
        # October's assignments: problem 1 raised then; problem 4 through decision 11.
        ("县住建局", "assignment"): ["problem:1"],
        ("县住建局", "reminder"): ["problem:2"],
        # Problem 7 was resolved after the issue day: it was still overdue on the 2nd.
        ("县住建局", "supervision"): ["problem:7", "problem:1"],
        ("县财政局", "assignment"): ["problem:4"],
        ("县财政局", "supervision"): ["problem:4"],
        ("县交通运输局", "assignment"): ["decision:10"],
        ("县交通运输局", "reminder"): ["decision:10"],
    }
    supervision = next(d for d in drafts if (d.unit, d.kind) == ("县财政局", "supervision"))
    (item,) = supervision.items
    # Chased through the meeting's decision: its text, its deadline, its meeting.
    assert (item["text"], item["deadline"], item["origin"]) == ("决定11", "2026-10-25", "会议11")
    assert (item["days_overdue"], item["times_chased"], item["escalated"]) == (8, 1, False)
    reminder = next(d for d in drafts if (d.unit, d.kind) == ("县住建局", "reminder"))
    assert reminder.items[0]["days_left"] == 8
    assert {d.issued_on for d in drafts} == {D(2026, 11, 2)}


def test_a_problem_without_an_open_decision_is_chased_by_its_own_deadline() -> None:
    done = DECISIONS.assign(status="done", done_on=D(2026, 10, 20))
    items = letters.letter_items(PROBLEMS, done, D(2026, 11, 2))
    supervision = next(
        d for d in letters.drafts(items, NOV) if (d.unit, d.kind) == ("县财政局", "supervision")
    )
    assert [(i["key"], i["deadline"], i["origin"]) for i in supervision.items] == [
        ("problem:4", "2026-09-30", None)
    ]


def test_a_problem_handed_to_another_unit_leaves_the_first_units_letters() -> None:
    # Problem 4 (县财政局, due 09-30) goes to 城关镇 at an October meeting, due 11-30.
    handed = pd.concat(
        [
            DECISIONS,
            pd.DataFrame(
                [_decision(14, "城关镇人民政府", D(2026, 10, 20), D(2026, 11, 30), problem_id=4)]
            ),
        ],
        ignore_index=True,
    )
    items = letters.letter_items(PROBLEMS, handed, D(2026, 11, 2))
    by = _by(letters.drafts(items, NOV))
    assert ("县财政局", "supervision") not in by and ("县财政局", "assignment") not in by
    assert by[("城关镇人民政府", "assignment")] == ["problem:4"]


def test_times_chased_and_escalation_after_two_consecutive_months() -> None:
    items = letters.letter_items(PROBLEMS, DECISIONS, D(2026, 11, 2))
    history = {"problem:4": {(2026, 10), (2026, 8)}, "problem:1": {(2026, 9)}}
    drafts = letters.drafts(items, NOV, chased=history)
    chased = {
        i["key"]: (i["times_chased"], i["escalated"])
        for d in drafts
        if d.kind == "supervision"
        for i in d.items
    }
    # problem 4: in August's and October's letters, now a third time, October → escalated;
    # problem 1: chased in September, not October → counted, not escalated.
    assert chased == {"problem:4": (3, True), "problem:1": (2, False), "problem:7": (1, False)}


@pytest.mark.parametrize(
    ("text", "expected"), [("2026-11", (2026, 11)), ("2027-01", (2027, 1)), (" 2026-3 ", (2026, 3))]
)
def test_months_are_read(text: str, expected: tuple[int, int]) -> None:
    month = letters.Month.parse(text)
    assert (month.year, month.month) == expected


@pytest.mark.parametrize("text", ["2026-13", "2026/11", "November", ""])
def test_a_bad_month_is_refused_by_name(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        letters.Month.parse(text)


def test_the_page_offers_recent_months_and_opens_on_the_newest_letters() -> None:
    archive = pd.DataFrame({"year": [2026, 2026, 2025], "month": [8, 9, 12]})
    months, first = letters.months_to_offer(archive, D(2026, 12, 1))
    assert [str(m) for m in months] == [
        "2026-12",
        "2026-11",
        "2026-10",
        "2026-09",
        "2026-08",
        "2025-12",
    ]
    assert str(months[first]) == "2026-09"
    months, first = letters.months_to_offer(archive.iloc[:0], D(2027, 1, 5))
    assert [str(m) for m in months] == ["2027-01", "2026-12", "2026-11"] and first == 0


def test_the_issue_day_never_runs_past_the_month() -> None:
    assert letters.Month(2026, 2).issue_day(31) == D(2026, 2, 28)
    assert letters.Month(2026, 1).previous() == letters.Month(2025, 12)


@pytest.mark.parametrize("value", ["0", "29", "x"])
def test_the_letter_day_setting_is_checked(value: str) -> None:
    with pytest.raises(ValueError, match="GEO_LETTER_DAY"):
        config.load_settings({"GEO_LETTER_DAY": value})


# --------------------------------------------------------------------------- the archive


def _county(engine: sa.Engine) -> dict[str, int]:
    """One project, two problems for 县住建局 and a meeting decision for 县财政局."""
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
        late = Problem(
            project_id=project.id,
            description="施工用电未接通",
            category="utilities",
            responsible_unit="县住建局",
            raised_on=D(2026, 9, 3),
            deadline=D(2026, 9, 20),
            status="assigned",
        )
        soon = Problem(
            project_id=project.id,
            description="规划许可待办",
            category="approvals",
            responsible_unit="县住建局",
            raised_on=D(2026, 9, 10),
            deadline=D(2026, 10, 8),
            status="assigned",
        )
        meeting = Meeting(
            kind="supervision", held_on=D(2026, 9, 15), title="9月督办会", projects=[project]
        )
        meeting.decisions.append(
            Decision(
                project_id=project.id,
                action="协调落实贷款",
                responsible_unit="县财政局",
                deadline=D(2026, 9, 30),
                status="open",
            )
        )
        s.add_all([late, soon, meeting])
        s.flush()
        return {"late": late.id, "soon": soon.id, "decision": meeting.decisions[0].id}


def _numbers(issued: list[letters.IssuedLetter]) -> dict[tuple[str, str], tuple[int, str]]:
    return {(x.unit, x.kind): (x.number, x.status) for x in issued}


def test_letters_are_numbered_archived_and_escalated(engine: sa.Engine) -> None:
    ids = _county(engine)
    oct_ = letters.issue(engine, letters.Month(2026, 10))
    assert _numbers(oct_) == {
        ("县住建局", "assignment"): (1, "new"),
        ("县住建局", "reminder"): (1, "new"),
        ("县住建局", "supervision"): (1, "new"),
        ("县财政局", "assignment"): (2, "new"),
        ("县财政局", "supervision"): (2, "new"),
    }
    # The same month again: the same letters, same numbers, nothing rewritten.
    assert {x.status for x in letters.issue(engine, letters.Month(2026, 10))} == {"unchanged"}
    nov = letters.issue(engine, NOV)
    # November numbers go on from October's; only what is overdue is written about.
    assert _numbers(nov) == {
        ("县住建局", "supervision"): (3, "new"),
        ("县财政局", "supervision"): (4, "new"),
    }
    builder = next(x for x in nov if x.unit == "县住建局")
    chased = {
        i["key"]: (i["times_chased"], i["escalated"], i["days_overdue"]) for i in builder.items
    }
    assert chased == {
        f"problem:{ids['late']}": (2, True, 43),  # in October's letter too
        f"problem:{ids['soon']}": (1, False, 25),  # only overdue since 8 October
    }
    assert len(letters.load_archive(engine)) == 7
    assert letters.escalated_items(engine, NOV)[0]["key"] == f"problem:{ids['late']}"


def test_a_regenerated_letter_is_revised_when_the_data_changed(engine: sa.Engine) -> None:
    ids = _county(engine)
    first = letters.issue(engine, NOV)
    with store.transaction(engine, write=True, actor="test") as s:  # resolved before the 2nd
        problem = s.get(Problem, ids["soon"])
        problem.status, problem.resolved_on = "resolved", D(2026, 10, 30)
    again = letters.issue(engine, NOV)
    assert _numbers(again)[("县住建局", "supervision")] == (
        _numbers(first)[("县住建局", "supervision")][0],
        "revised",
    )
    builder = next(x for x in again if x.unit == "县住建局")
    assert builder.revision == 2 and len(builder.items) == 1
    document = letters.letter_document(builder, "zh", issuer="县重点办", prefix="重点办")
    assert "（第2版：数据有更新，本函替代此前印发的版本）" in document.text()
    # Resolved after the issue day: the letter as of the 2nd does not change.
    with store.transaction(engine, write=True, actor="test") as s:
        problem = s.get(Problem, ids["late"])
        problem.status, problem.resolved_on = "resolved", D(2026, 11, 20)
    assert {x.status for x in letters.issue(engine, NOV)} == {"unchanged"}


def test_a_letter_nothing_calls_for_any_more_is_withdrawn(engine: sa.Engine) -> None:
    ids = _county(engine)
    letters.issue(engine, NOV)
    with store.transaction(engine, write=True, actor="test") as s:  # both done before the 2nd
        for key in ("late", "soon"):
            problem = s.get(Problem, ids[key])
            problem.status, problem.resolved_on = "resolved", D(2026, 10, 30)
    again = letters.issue(engine, NOV, today=D(2026, 11, 5))
    builder = next(x for x in again if x.unit == "县住建局")
    assert (builder.kind, builder.status, builder.withdrawn_on, builder.revision) == (
        "supervision",
        "withdrawn",
        D(2026, 11, 5),
        2,
    )
    assert letters.chase_history(letters.load_archive(engine)).get(f"problem:{ids['late']}") is None
    document = letters.letter_document(builder, "zh", issuer="县重点办", prefix="重点办")
    assert "（本函已于2026年11月5日撤回：所列事项经核实已无需函告）" in document.text()
    # Reopened as never solved: the same letter, same number, comes back as a revision.
    with store.transaction(engine, write=True, actor="test") as s:
        problem = s.get(Problem, ids["late"])
        problem.status, problem.resolved_on = "assigned", None
    back = next(x for x in letters.issue(engine, NOV) if x.unit == "县住建局")
    assert (back.number, back.status, back.withdrawn_on, back.revision) == (
        builder.number,
        "revised",
        None,
        3,
    )


def test_the_word_letter_says_what_the_archive_holds(engine: sa.Engine) -> None:
    _county(engine)
    letters.issue(engine, letters.Month(2026, 10))
    (letter,) = [
        x for x in letters.issue(engine, NOV) if (x.unit, x.kind) == ("县住建局", "supervision")
    ]
    document = letters.letter_document(
        letter, "zh", issuer="县重点项目建设工作领导小组办公室", prefix="重点办"
    )
    data = documents.to_docx(document)
    lines = documents.paragraphs_of(data)
    assert lines[:3] == [
        "县重点项目建设工作领导小组办公室",  # the red masthead
        "重点办督〔2026〕3号",
        "关于督促办理重点项目超期事项的督办函",
    ]
    assert "县住建局：" in lines
    assert any(line.startswith("截至2026年11月2日") and "以下2项" in line for line in lines)
    assert "其中标注“★”的1项事项已连续两个月督办，将在月度通报中予以通报。" in lines
    (table,) = documents.rows_of_tables(data)
    assert table[0] == [
        "序号",
        "项目名称",
        "事项内容",
        "交办来源",
        "完成时限",
        "超期天数",
        "督办次数",
    ]
    assert [row[2] for row in table[1:]] == ["施工用电未接通", "规划许可待办"]
    assert [row[5:] for row in table[1:]] == [["43", "2★"], ["25", "1"]]
    assert [row[3] for row in table[1:]] == ["问题清单", "问题清单"]


def test_letters_are_written_by_the_office_only(engine: sa.Engine) -> None:
    from geo.storage import access

    _county(engine)
    viewer = access.Principal(
        username="viewer1", display_name="查看员", role="zone_manager", zone_ids=frozenset()
    )
    with access.acting_as(viewer), pytest.raises(access.AccessDenied):
        letters.issue(engine, NOV)
    assert letters.load_archive(engine).empty


def test_the_bulletin_names_the_items_chased_two_months_running(demo_engine: sa.Engine) -> None:
    facts = bulletin.compile_facts(demo_engine, D(2026, 10, 31))
    every = letters.escalated_items(demo_engine, letters.Month(2026, 10))
    chased = letters.still_open(
        every,
        store.load_problems(demo_engine),
        letters.load_all_decisions(demo_engine),
        D(2026, 10, 31),
    )
    assert facts.escalated == tuple(chased) and 0 < len(chased) < len(every)
    # Those left out were done by the bulletin's date: it says "still not done" of the rest.
    done = {i["key"] for i in every} - {i["key"] for i in chased}
    now = letters.letter_items(
        store.load_problems(demo_engine), letters.load_all_decisions(demo_engine), D(2026, 10, 31)
    )
    assert not set(now.loc[now["is_open"].astype(bool), "key"]) & done
    text = bulletin.bulletin_document(facts, "zh", issuer="县重点办", area="county").text()
    assert "连续督办事项" in text
    for item in chased:
        assert (
            f"{item['unit']}：{item['project']}，{item['text']}（超期{item['days_overdue']}天）"
            in text
        )


def test_the_command_issues_and_writes_the_files(
    engine: sa.Engine,
    backend_url: str,
    tmp_path,
    capsys,
    chinese_font,
) -> None:
    _county(engine)
    assert (
        cli.main(
            ["--db", backend_url, "letters", "--month", "2026-10", "--json", "--out", str(tmp_path)]
        )
        == 0
    )
    records = json.loads(capsys.readouterr().out)
    assert [(r["unit"], r["kind"], r["number_text"], r["status"]) for r in records] == [
        ("县住建局", "assignment", "重点办交〔2026〕1号", "new"),
        ("县住建局", "reminder", "重点办提〔2026〕1号", "new"),
        ("县住建局", "supervision", "重点办督〔2026〕1号", "new"),
        ("县财政局", "assignment", "重点办交〔2026〕2号", "new"),
        ("县财政局", "supervision", "重点办督〔2026〕2号", "new"),
    ]
    assert sorted(p.name for p in tmp_path.glob("*.docx"))[0] == "2026-10_交办函_001_县住建局.docx"
    assert len(list(tmp_path.glob("*.pdf"))) == 5
    assert (
        cli.main(
            ["--db", backend_url, "letters", "--month", "2026-10", "--unit", "县财政局", "--json"]
        )
        == 0
    )
    again = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["status"]) for r in again] == [
        ("assignment", "unchanged"),
        ("supervision", "unchanged"),
    ]
    assert (
        cli.main(["--db", backend_url, "letters", "--month", "2026-10", "--unit", "无此单位"]) == 1
    )
    assert "无此单位" in capsys.readouterr().err


def test_the_letters_page_lists_and_shows_the_archive(
    open_app, demo_url: str, demo_engine: sa.Engine
) -> None:
    at = open_app(demo_url, "letters")
    at.run()
    assert not at.exception
    # The demo issued letters up to the month after its as-of date; that month is shown.
    newest = letters.archived(demo_engine, NOV)
    shown = at.dataframe[0].value
    assert len(shown) == len(newest) > 0
    assert list(shown["文号"]) == [x.number_text("重点办", "zh") for x in newest]
    assert list(shown["列入通报★"]) == [x.escalated for x in newest]
    next(s for s in at.selectbox if s.label == "函件类型").set_value("supervision").run()
    supervision = [x for x in newest if x.kind == "supervision"]
    assert len(at.dataframe[0].value) == len(supervision)
    captions = [c.value for c in at.caption]
    assert supervision[0].number_text("重点办", "zh") in captions


def test_issuing_from_the_page_archives_the_month(open_app, demo_copy_url: str) -> None:
    engine = store.make_engine(demo_copy_url)
    with store.transaction(engine, write=True, actor="test") as s:
        s.execute(sa.delete(Letter).where(Letter.month == 11))
    at = open_app(demo_copy_url, "letters")
    at.run()
    next(s for s in at.selectbox if s.label == "月份").set_value(NOV).run()
    assert [i.value for i in at.info] == ["本月尚无归档函件。"]
    next(b for b in at.button if b.label == "生成并归档2026年11月函件").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("新生成")
    assert len(at.dataframe[0].value) == len(letters.archived(engine, NOV)) > 0
