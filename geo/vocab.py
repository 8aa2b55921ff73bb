"""The codes the data speaks in: categories, stages, levels, statuses, meeting types.

Codes are stable English identifiers stored in the database and used by the command
line; the words shown on screen live in :mod:`geo.i18n`. The Chinese terms here are
the ones found in the users' ledgers, kept so that readers of Excel files (a later
issue) can map them back to codes.
"""

from __future__ import annotations

ZONE_KINDS = ("park", "township")

#: 行业 — the six categories of the seeds' category table, in the order they print it.
CATEGORIES = {
    "industry": "工业",
    "agriculture": "农业",
    "transport": "交通",
    "services": "服务业",
    "social": "社会事业",
    "urban": "城建及其它",
    # A ledger without a category column (a small county's list of industrial projects).
    "other": "未分类",
}

LEVELS = {"provincial": "省重点", "city": "市重点", "county": "县重点"}

BUILD_TYPES = {"new": "新开工", "continuing": "续建", "completing": "竣工"}

#: The stage ladder, in order: 谋划 → 签约 → 开工 → 在建 → 竣工 → 投产 → 达产.
STAGES = {
    "planned": "谋划储备",
    "signed": "签约",
    "started": "开工",
    "building": "在建",
    "completed": "竣工",
    "producing": "投产",
    "at_capacity": "达产",
}

PROBLEM_CATEGORIES = {
    "land": "征地拆迁",
    "land_quota": "用地指标",
    "approval": "审批手续",
    "funding": "资金",
    "utilities": "水电路气",
    "planning": "规划",
    "environment": "环评",
    "village": "厂村矛盾",
    "other": "其他",
}

#: Where a problem was raised.
PROBLEM_SOURCES = ("site_visit", "meeting", "owner", "office")

#: Problem life cycle; ``resolved`` and ``closed`` count as solved.
PROBLEM_STATUSES = ("raised", "assigned", "in_progress", "resolved", "closed")
SOLVED_STATUSES = frozenset({"resolved", "closed"})

MEETING_KINDS = {
    "supervision": "督办会",
    "coordination": "协调会",
    "onsite": "现场会",
    "dispatch": "调度会",
    "assignment": "交办会",
    "weekly": "周例会",
}

DECISION_STATUSES = ("open", "done")


def check_code(kind: str, value: str, allowed: dict[str, str] | tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise a ``ValueError`` naming both."""
    if value not in allowed:
        raise ValueError(f"{kind}={value!r} is not allowed; use one of {', '.join(allowed)}")
    return value


#: Roadmap milestones (路线图) in the users' stage terms, in their usual order.
MILESTONES = {
    "land": "土地摘牌",
    "start": "开工",
    "topped_out": "主体封顶",
    "equipment": "设备安装",
    "trial": "试生产",
    "production": "投产",
    "main_works": "主体完工",
    "completed": "竣工验收",
    "opening": "开业运营",
}

#: The roadmap a new project of each category starts from.
MILESTONE_TEMPLATES = {
    "industry": ("land", "start", "topped_out", "equipment", "trial", "production"),
    "agriculture": ("land", "start", "completed", "production"),
    "transport": ("land", "start", "main_works", "completed"),
    "services": ("land", "start", "topped_out", "completed", "opening"),
    "social": ("land", "start", "topped_out", "completed"),
    "urban": ("start", "main_works", "completed"),
}

#: Approvals (前期手续, 联审联批) and the department that usually grants each, in the order a
#: project goes through them; ``before_start`` ones must be granted before it may start.
APPROVAL_ITEMS = {
    "filing": ("项目备案/核准", "县发改局", True),
    "land_prereview": ("用地预审", "县自然资源和规划局", True),
    "site_selection": ("选址意见书", "县自然资源和规划局", False),
    "eia": ("环评批复", "市生态环境局谷城分局", True),
    "energy": ("节能审查", "县发改局", False),
    "land_use_permit": ("建设用地规划许可证", "县自然资源和规划局", True),
    "engineering_permit": ("建设工程规划许可证", "县自然资源和规划局", True),
    "construction_permit": ("施工许可证", "县住建局", True),
    "land_certificate": ("不动产权证书", "县自然资源和规划局", False),
}
APPROVAL_STATUSES = ("not_applied", "pending", "granted", "not_needed")

#: Kinds of stoppage (停复工) the office follows.
STOPPAGE_KINDS = {
    "spring_festival": "春节",
    "holiday": "节假日",
    "pollution_control": "重污染天气管控",
    "other": "其他",
}
#: A project's state in a stoppage period on a given day (see :mod:`geo.workflow.resumption`).
RESUMPTION_STATUSES = ("resumed", "working", "stopped", "not_reported", "not_expected")

#: The project library's maturity ladder (项目库), lowest first: an idea, a reserve project, one
#: declared to a list, one entered in (listed on) a list; ``removed`` (调整出库) leaves the ladder
#: with a reason and may still be followed.
MATURITY = {
    "idea": "谋划",
    "reserve": "储备",
    "declared": "申报",
    "listed": "入库",
    "removed": "调整出库",
}
MATURITY_LADDER = ("idea", "reserve", "declared", "listed")
#: What came of a project declared in a round (申报).
DECLARATION_OUTCOMES = ("pending", "listed", "not_listed", "withdrawn")

#: Ways an investment was attracted (招商方式).
ATTRACTION_WAYS = {
    "business_to_business": "以商招商",
    "resident_office": "驻点招商",
    "expo": "展会招商",
    "agency": "委托招商",
    "industrial_chain": "产业链招商",
    "online": "网络招商",
    "other": "其他",
}
#: What signed agreements' start rates are grouped by: zone, responsible unit, origin region,
#: way of attraction (geo.workflow.signing).
SIGNING_GROUPS = ("zone", "unit", "origin", "way")

#: Grades of the annual assessment (年度考核), best first.
ASSESSMENT_GRADES = ("excellent", "good", "fair", "poor")
#: Rewards and sanctions (奖惩) recorded after the annual assessment.
REWARD_MEASURES = ("commendation", "bonus", "priority_land", "other_reward")
SANCTION_MEASURES = ("notice_of_criticism", "interview", "deduction", "other_sanction")

#: The escalation ladder (督办升级) when letters do not work, lowest first.
ESCALATION_STEPS = {
    "supervision_letter": "督办函",
    "efficiency_warning": "效能告诫",
    "interview": "约谈",
    "accountability": "问责",
    "referral": "移交纪委监委",
}
#: How a step was taken: by the rule's thresholds, or by the office up or down with a reason.
ESCALATION_DIRECTIONS = ("rule", "up", "down")

#: The UI's languages.
LANGUAGES = ("zh", "en")
#: Account roles, most rights first (see :mod:`geo.storage.access`).
ROLES = ("admin", "leader", "zone_manager", "viewer")
#: What the overview map can colour sites by.
COLOR_BY = ("completion", "schedule", "own_plan", "stage", "roadmap", "resumption")
#: Groupings of projects for headline numbers: name → the project column it groups by.
GROUP_COLUMNS = {
    "category": "category",
    "park": "park",
    "township": "township",
    "leader": "lead_leader",
    "unit": "responsible_unit",
    "stage": "stage",
}
#: Groupings the quarterly ranking is made over.
RANKING_GROUPINGS = ("park", "township", "unit", "leader")
#: Groupings of the work-resumption table.
RESUMPTION_GROUPS = ("park", "township")

#: The rules that send notices (geo.workflow.notices), as ``GEO_NOTIFY_OFF`` names them.
NOTICE_RULES = ("letter", "reminder", "overdue", "digest", "bulletin")
