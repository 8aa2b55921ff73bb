"""A problem's life cycle: the allowed steps, the refused ones, and the history they leave."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from geo import i18n
from geo.refusals import Refusal
from geo.storage import audit, store
from geo.workflow import lifecycle

D = dt.date


@pytest.fixture
def county(demo_copy_url: str) -> sa.Engine:
    return store.make_engine(demo_copy_url)


def _status(engine: sa.Engine, problem_id: int) -> str:
    problems = store.load_problems(engine)
    return problems.loc[problems["id"] == problem_id, "status"].item()


def test_the_whole_life(county: sa.Engine) -> None:
    pid = lifecycle.raise_problem(
        county,
        3,
        "施工用电未接通",
        "utilities",
        raised_by="孙磊",
        raised_on=D(2026, 11, 2),
        actor="孙磊",
    )
    lifecycle.assign(
        county,
        pid,
        unit="国网谷城县供电公司",
        deadline=D(2026, 11, 20),
        contact="马骏",
        actor="重点办",
    )
    lifecycle.start(county, pid, actor="国网谷城县供电公司")
    lifecycle.resolve(
        county,
        pid,
        resolution="临时用电已接通",
        resolved_on=D(2026, 11, 18),
        actor="国网谷城县供电公司",
    )
    lifecycle.reopen(county, pid, reason="复查发现仅接通临时电，专线仍未通", actor="重点办")
    lifecycle.resolve(
        county,
        pid,
        resolution="专线已送电",
        resolved_on=D(2026, 11, 25),
        actor="国网谷城县供电公司",
    )
    lifecycle.close(county, pid, actor="重点办")
    assert _status(county, pid) == "closed"
    trail = audit.history(county, "problems", pid)
    statuses = [c["status"][1] for c in trail["changes"] if "status" in c]
    assert statuses == [
        "raised",
        "assigned",
        "in_progress",
        "resolved",
        "in_progress",
        "resolved",
        "closed",
    ]
    assert trail["actor"].tolist()[:2] == ["孙磊", "重点办"]
    reopened = trail.iloc[4]
    assert reopened["reason"] == "复查发现仅接通临时电，专线仍未通"
    assert reopened["changes"]["resolved_on"] == ["2026-11-18", None]


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        ("raised", "closed"),
        ("assigned", "closed"),
        ("in_progress", "assigned"),
        ("closed", "resolved"),
        ("resolved", "raised"),
    ],
)
def test_refused_steps(current: str, wanted: str) -> None:
    said = {
        lang: {c: i18n.label("problem_status", c, lang) for c in lifecycle.NEXT}
        for lang in ("en", "zh")
    }
    with pytest.raises(Refusal) as refused:
        lifecycle.check_step(current, wanted)
    en, zh = said["en"], said["zh"]
    allowed = lifecycle.NEXT[current]
    assert str(refused.value) == (
        f"a problem marked '{en[current]}' cannot become '{en[wanted]}'; "
        f"allowed: {', '.join(en[a] for a in allowed)}"
    )
    assert refused.value.text("zh") == (
        f"“{zh[current]}”的问题不能直接变为“{zh[wanted]}”；"
        f"可以变为：{'、'.join(zh[a] for a in allowed)}"
    )


@pytest.mark.parametrize(
    ("current", "wanted"), [(c, w) for c, nexts in lifecycle.NEXT.items() for w in nexts]
)
def test_allowed_steps(current: str, wanted: str) -> None:
    lifecycle.check_step(current, wanted)


def test_steps_need_what_they_need(county: sa.Engine) -> None:
    pid = lifecycle.raise_problem(
        county, 3, "资金缺口", "funding", raised_by="孙磊", raised_on=D(2026, 11, 2)
    )
    stamp = store.data_stamp(county)
    with pytest.raises(ValueError, match="unit is required"):
        lifecycle.assign(county, pid, unit=" ", deadline=D(2026, 12, 1))
    with pytest.raises(ValueError, match="Reason is required"):
        lifecycle.reopen(county, pid, reason="")
    with pytest.raises(ValueError, match="cannot become 'Closed'"):
        lifecycle.close(county, pid)
    with pytest.raises(ValueError, match="'weather' is not allowed"):
        lifecycle.raise_problem(
            county, 3, "下雨", "weather", raised_by="x", raised_on=D(2026, 11, 2)
        )
    assert store.data_stamp(county) == stamp


def test_delete_needs_a_reason_and_is_recorded(county: sa.Engine) -> None:
    pid = lifecycle.raise_problem(
        county, 3, "重复录入的问题", "other", raised_by="孙磊", raised_on=D(2026, 11, 2)
    )
    with pytest.raises(ValueError, match="Reason is required"):
        lifecycle.delete(county, pid, reason="")
    lifecycle.delete(county, pid, reason="与第12号问题重复", actor="重点办")
    assert pid not in store.load_problems(county)["id"].tolist()
    last = audit.history(county, "problems", pid).iloc[-1]
    assert (last["action"], last["actor"], last["reason"]) == (
        "delete",
        "重点办",
        "与第12号问题重复",
    )


def test_where_a_problem_was_raised(county: sa.Engine) -> None:
    pid = lifecycle.raise_problem(
        county,
        3,
        "厂区围墙影响村道",
        "village",
        raised_by="孙磊",
        raised_on=D(2026, 11, 2),
        source="site_visit",
    )
    assert store.load_problems(county).set_index("id").loc[pid, "source"] == "site_visit"
    with pytest.raises(ValueError, match="source='rumour'"):
        lifecycle.raise_problem(
            county, 3, "x", "other", raised_by="y", raised_on=D(2026, 11, 2), source="rumour"
        )


def test_a_save_from_an_old_copy_names_who_changed_it(county: sa.Engine) -> None:
    """Two people open the same problem; the second to save is told who got there first."""
    from geo.storage.concurrency import ConcurrentEdit

    pid = lifecycle.raise_problem(
        county, 3, "施工用电未接通", "utilities", raised_by="孙磊", raised_on=D(2026, 11, 2)
    )
    seen = int(store.load_problems(county).set_index("id").loc[pid, "version"])
    lifecycle.assign(
        county, pid, unit="县财政局", deadline=D(2026, 12, 1), actor="李红梅", version=seen
    )
    with pytest.raises(
        ConcurrentEdit, match=r"problem #\d+ was changed by 李红梅 at 20\d\d-.* UTC; reload"
    ):
        lifecycle.start(county, pid, actor="王建华", version=seen)
    row = store.load_problems(county).set_index("id").loc[pid]
    assert row["status"] == "assigned" and row["version"] == seen + 1  # nothing overwritten
    lifecycle.start(county, pid, actor="王建华", version=seen + 1)  # after reloading
    assert _status(county, pid) == "in_progress"
