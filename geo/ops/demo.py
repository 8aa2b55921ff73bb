"""The demo county: Gucheng (谷城县) as seed 002 describes it, plus plausible neighbours.

Deterministic: the same ``as_of`` gives the same database, row for row. The eleven seed
projects keep their seed figures (together 11.3亿 completed this year, over the annual
plan by more than 15%); about a hundred more are generated across three parks and ten
townships, with monthly reports from January to ``as_of``, about two problems each, and
a year of supervision, coordination and on-site meetings with their decisions.

The zone boundaries are illustrative, not survey data. They live as reviewable GeoJSON in
``data/demo_zones.geojson``; :func:`demo_boundaries` regenerates that file.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Point, mapping, shape

from geo.config import DATA_DIR
from geo.ingest import areas, zones
from geo.storage import seeding, store
from geo.storage.seeding import ProblemSeed, ProjectSeed, Row
from geo.storage.store import Engine
from geo.vocab import STAGES

BOUNDARY_FILE = DATA_DIR / "demo_zones.geojson"
DEFAULT_AS_OF = dt.date(2026, 10, 31)
_SEED = 2018  # the year of the seed report

# Township seats (illustrative positions inside the real outline; the county seat is real).
_TOWNSHIPS = (
    ("城关镇", "420625100", 111.645, 32.262),
    ("冷集镇", "420625101", 111.600, 32.400),
    ("庙滩镇", "420625102", 111.560, 32.330),
    ("石花镇", "420625103", 111.470, 32.235),
    ("盛康镇", "420625104", 111.630, 32.160),
    ("茨河镇", "420625105", 111.750, 32.040),
    ("南河镇", "420625106", 111.480, 32.105),
    ("五山镇", "420625107", 111.330, 32.170),
    ("紫金镇", "420625108", 111.320, 32.320),
    ("赵湾乡", "420625200", 111.210, 32.080),
)
# Parks: (name, code, centre lon, lat, half-width, half-height in degrees).
_PARKS = (
    ("谷城经济开发区", "GCKFQ", 111.690, 32.285, 0.040, 0.022),
    ("石花工业园", "SHGYY", 111.478, 32.228, 0.022, 0.014),
    ("谷城再生资源产业园", "ZSZY", 111.610, 32.205, 0.020, 0.013),
)
#: The demo county is 谷城县: its townships are drawn inside its real outline (geo.ingest.areas).
DEMO_AREA_CODE = "420625"


def demo_boundaries() -> dict:
    """The illustrative boundaries as a GeoJSON FeatureCollection.

    Townships are the Voronoi cells of their seats inside the county's real outline (AMap's,
    moved to WGS-84): the names are real, the borders between them are not. Parks are rounded
    rectangles around their centres (one crosses a township border, as real parks do).
    """
    county = areas.outline(areas.by_code(DEMO_AREA_CODE))
    seats = MultiPoint([(lon, lat) for _, _, lon, lat in _TOWNSHIPS])
    cells = shapely.voronoi_polygons(seats, extend_to=county.buffer(0.5))
    features = []
    for name, code, lon, lat in _TOWNSHIPS:
        cell = next(c for c in cells.geoms if c.contains(Point(lon, lat)))
        features.append(_feature("township", name, code, cell.intersection(county)))
    for name, code, lon, lat, dx, dy in _PARKS:
        box = shapely.box(lon - dx, lat - dy, lon + dx, lat + dy)
        park = box.buffer(-0.004).buffer(0.004).intersection(county)
        features.append(_feature("park", name, code, park))
    return {
        "type": "FeatureCollection",
        "name": "demo_zones",
        "description": "Illustrative boundaries for the demo county (示意边界，非测绘数据). "
        "Regenerate with `python -m geo demo --regenerate-boundaries`.",
        "features": features,
    }


def _feature(kind: str, name: str, code: str, geom: shapely.Geometry) -> dict:
    geom = shapely.set_precision(geom, 1e-5)
    return {
        "type": "Feature",
        "properties": {"kind": kind, "name": name, "code": code, "illustrative": True},
        "geometry": mapping(geom),
    }


def write_boundaries(path: Path = BOUNDARY_FILE) -> None:
    path.write_text(json.dumps(demo_boundaries(), ensure_ascii=False, indent=1) + "\n", "utf-8")


# --------------------------------------------------------------------------- projects


@dataclass(frozen=True)
class _SeedProject:
    name: str
    owner: str
    park: str | None
    category: str
    stage: str
    build_type: str
    total_wan: float
    plan_wan: float
    completed_wan: float
    cumulative_wan: float
    progress: str


# Seed 002: Gucheng's eleven key projects and their 2018 figures (万元); plans chosen so
# that the eleven together exceed the annual plan by more than 15%, as the seed says.
_SEED_PROJECTS = (
    _SeedProject(
        "朗弘热交换系统制造基地",
        "湖北朗弘热交换系统有限公司",
        "谷城经济开发区",
        "industry",
        "building",
        "new",
        12000,
        4000,
        4500,
        4500,
        "北跨、南跨生产车间、2.54万㎡钢构、技术中心、五金仓库基础建设完成，开始设备安装调试",
    ),
    _SeedProject(
        "正洪福临花高端纺织",
        "湖北正洪福临花纺织有限公司",
        "谷城经济开发区",
        "industry",
        "completed",
        "continuing",
        50000,
        30000,
        35000,
        42000,
        "厂房、辅房、道路建设完成，一期设备明年1月开始安装，3月底投产",
    ),
    _SeedProject(
        "骆蓄华中二期",
        "骆驼集团华中蓄电池有限公司",
        "谷城经济开发区",
        "industry",
        "building",
        "continuing",
        30000,
        300,
        320,
        6800,
        "基础设施基本完成",
    ),
    _SeedProject(
        "霆顺车轮",
        "湖北霆顺车轮有限公司",
        "谷城经济开发区",
        "industry",
        "producing",
        "completing",
        15000,
        4300,
        4950,
        11200,
        "合成、涂装、无内胎轮辋、型钢轮辋生产线建成",
    ),
    _SeedProject(
        "优迪欧LED光电照明全产业链",
        "湖北优迪欧光电科技有限公司",
        "谷城经济开发区",
        "industry",
        "producing",
        "completing",
        20000,
        5000,
        5970,
        9800,
        "注塑、电线、贴片、老化等生产线建成，已开始试产",
    ),
    _SeedProject(
        "东风威立雅",
        "东风威立雅环境服务(湖北)有限公司",
        "谷城再生资源产业园",
        "industry",
        "building",
        "continuing",
        30000,
        8000,
        9300,
        15600,
        "有机仓库、无机仓库、甲类仓库、预处理、物化、固化、焚烧车间建成",
    ),
    _SeedProject(
        "骆驼中试车间",
        "骆驼集团股份有限公司",
        "谷城经济开发区",
        "industry",
        "building",
        "new",
        6000,
        1900,
        2200,
        2200,
        "厂房建成，设备已订购，1月进场安装调试",
    ),
    _SeedProject(
        "三环车桥二期",
        "湖北三环车桥有限公司",
        "谷城经济开发区",
        "industry",
        "building",
        "new",
        10000,
        1800,
        1980,
        1980,
        "厂房、辅房、车间地下基础建设完成",
    ),
    _SeedProject(
        "朗曜科技(诺伯特机器人)",
        "湖北朗曜科技有限公司",
        "谷城经济开发区",
        "industry",
        "signed",
        "new",
        25000,
        1500,
        0,
        0,
        "理顺建设责任关系，首批土地招拍挂完成，具备开工条件",
    ),
    _SeedProject(
        "美亚达双创基地",
        "湖北美亚达集团有限公司",
        "谷城经济开发区",
        "services",
        "signed",
        "new",
        18000,
        1200,
        0,
        0,
        "启动项目建设，正在办理各类证件",
    ),
    _SeedProject(
        "一汽凌源",
        "一汽凌源汽车制造有限公司",
        "谷城经济开发区",
        "industry",
        "producing",
        "continuing",
        120000,
        39000,
        48780,
        85000,
        "新建涂装车间、焊接车间、停车场，累计投入8.5亿元",
    ),
)

_LEADERS = ("张立新", "李红梅", "王建华", "刘志刚", "陈晓东", "杨文斌", "赵国庆", "周海燕")
_SECRETARIES = ("孙磊", "吴静", "郑浩", "冯丽", "何强", "许敏", "韩冰", "曹阳", "邓超", "彭芳")
_LIAISONS = ("马骏", "朱琳", "胡斌", "郭婷", "林涛", "罗霞", "梁爽", "宋杰", "谢雨", "唐亮")
_CATEGORY_UNITS = {
    "industry": "县经信局",
    "agriculture": "县农业农村局",
    "transport": "县交通运输局",
    "services": "县商务局",
    "social": "县发改局",
    "urban": "县住建局",
}
_NAMES = {
    "industry": (
        "汽车零部件智能制造",
        "新能源电池材料",
        "高端装备制造",
        "精密铸造",
        "再生铝深加工",
        "环保新材料",
        "纺织服装产业园",
        "电子元器件",
        "化工新材料",
        "智能家居制造",
        "食品精深加工",
        "生物医药",
        "光伏组件",
        "轮毂轻量化",
        "热交换器扩能",
    ),
    "agriculture": (
        "高标准农田建设",
        "茶叶加工园",
        "生猪标准化养殖",
        "柑橘产业示范园",
        "冷链物流仓储",
        "稻虾综合种养基地",
    ),
    "transport": (
        "国道316线改扩建",
        "汉江大桥连接线",
        "县乡公路提档升级",
        "物流园铁路专用线",
        "城区环线",
    ),
    "services": ("商贸物流中心", "文旅康养小镇", "电商产业园", "薤山旅游度假区提升", "城市综合体"),
    "social": ("县人民医院门诊楼", "职教中心扩建", "第二高级中学", "养老服务中心", "全民健身中心"),
    "urban": ("老旧小区改造", "污水处理厂提标", "城区供水管网改造", "滨江公园", "保障性住房"),
}
_COMPANY_WORDS = ("华泰", "汉江", "楚天", "鑫源", "恒达", "中联", "荆楚", "瑞丰", "宏宇", "金盛")
_CATEGORY_WEIGHTS = {
    "industry": 50,
    "agriculture": 10,
    "transport": 9,
    "services": 12,
    "social": 11,
    "urban": 8,
}
_STAGES_BY_BUILD_TYPE = {
    "new": ("signed", "started", "building"),
    "continuing": ("building", "building", "completed", "producing"),
    "completing": ("building", "completed", "producing", "at_capacity"),
}
# Share of the annual plan normally done by the end of each month (Spring Festival slow).
_SEASON = (0.03, 0.07, 0.15, 0.24, 0.34, 0.44, 0.53, 0.62, 0.72, 0.82, 0.91, 1.0)
#: A plan that front-loads the year (equipment bought early, or a deadline before winter):
#: against its own monthly plan such a project is further behind than against time.
_FRONT_LOADED = (0.05, 0.12, 0.25, 0.38, 0.52, 0.65, 0.76, 0.85, 0.92, 0.97, 0.99, 1.0)


def _month_ends(as_of: dt.date) -> list[dt.date]:
    ends = [dt.date(as_of.year, m, calendar.monthrange(as_of.year, m)[1]) for m in range(1, 13)]
    return [d for d in ends if d <= as_of]


def _point_in(geom: shapely.Geometry, rng: random.Random, near: Point | None = None) -> Point:
    minx, miny, maxx, maxy = geom.bounds
    for _ in range(1000):
        if near is not None:
            p = Point(near.x + rng.gauss(0, 0.03), near.y + rng.gauss(0, 0.02))
        else:
            p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if geom.contains(p):
            return Point(round(p.x, 6), round(p.y, 6))
    return geom.representative_point()


def _generated_projects(rng: random.Random, zone_geoms: dict[str, shapely.Geometry]) -> list[dict]:
    parks = [name for name, *_ in _PARKS]
    seats = {name: Point(lon, lat) for name, _, lon, lat in _TOWNSHIPS}
    categories = list(_CATEGORY_WEIGHTS)
    weights = list(_CATEGORY_WEIGHTS.values())
    used: set[str] = set()
    rows = []
    while len(rows) < 104:
        category = rng.choices(categories, weights)[0]
        place = rng.choice(list(seats))
        base = rng.choice(_NAMES[category])
        # Industrial projects carry their company's brand, the others their place.
        brand = rng.choice(_COMPANY_WORDS) if category == "industry" else place[:2]
        name = f"{brand}{base}项目"
        if name in used:
            continue
        used.add(name)
        in_park = category == "industry" and rng.random() < 0.75
        if in_park:
            park = rng.choices(parks, (6, 3, 2))[0]
            point = _point_in(zone_geoms[park].buffer(-0.002), rng)
        else:
            point = _point_in(zone_geoms[place], rng, near=seats[place])
        build_type = rng.choices(("new", "continuing", "completing"), (35, 50, 15))[0]
        total = round(rng.lognormvariate(math.log(30000), 0.9), -2)
        total = min(max(total, 3000), 400000)
        plan = round(total * rng.uniform(0.2, 0.5), -1)
        rows.append(
            {
                "name": name,
                "owner": f"湖北{rng.choice(_COMPANY_WORDS)}{base[:2]}有限公司",
                "point": point,
                "category": category,
                "build_type": build_type,
                "stage": rng.choice(_STAGES_BY_BUILD_TYPE[build_type]),
                "total_wan": total,
                "plan_wan": plan,
                # How far along the year's plan this project runs: most near schedule,
                # a tail of laggards (the ones the leaders visit).
                "pace": min(max(rng.gauss(0.95, 0.3), 0.05), 1.5),
            }
        )
    return rows


def _county(
    records: list[zones.ZoneRecord], as_of: dt.date, months: list[dt.date], rng: random.Random
) -> seeding.County:
    """The whole county as plain rows. ``rng`` is drawn from in the same order every time
    (projects with their reports, then problems, then meetings): that keeps it the same county."""
    zone_geoms = {r.name: shape(json.loads(r.geometry)) for r in records}
    zone_frame = zones.to_geoframe(pd.DataFrame([r.__dict__ for r in records]))
    specs = _seed_specs(rng, zone_geoms) + _generated_projects(rng, zone_geoms)
    points = pd.DataFrame([{"lon": s["point"].x, "lat": s["point"].y} for s in specs])
    located = zones.locate(points, zone_frame)
    projects = []
    for number, (spec, (park, township)) in enumerate(
        zip(specs, located.itertuples(index=False), strict=True), start=1
    ):
        fields = _project(number, spec, as_of, rng)
        milestones, approvals = _roadmap_and_approvals(fields, as_of)
        projects.append(
            ProjectSeed(
                fields=fields,
                park=park,
                township=township,
                reports=_reports(fields, spec, months, rng),
                milestones=milestones,
                approvals=approvals,
                targets=_monthly_targets(fields, as_of.year),
            )
        )
    problems = [p for project in projects for p in _problems(project, as_of, rng)]
    return seeding.County(
        zones=[
            {"kind": r.kind, "name": r.name, "code": r.code, "geometry": r.geometry}
            for r in records
        ],
        projects=projects,
        problems=problems,
        meetings=_meetings(projects, problems, months, rng),
        stoppages=_stoppages(projects, as_of),
    )


def _escalation(engine: Engine, as_of: dt.date) -> None:
    """The escalation ladder as the office ran it: the rule on 16 September (August's letters
    45 days old, September's 14: only August's open items get 效能告诫) and on the as-of date
    (they go on to 约谈, the rest get 效能告诫), then one 约谈 stepped down by hand after the
    unit promised a date."""
    from geo.workflow import escalation

    mid_september = dt.date(as_of.year, 9, 16)
    for day in (mid_september, as_of) if mid_september < as_of else (as_of,):
        escalation.escalate_due(engine, day, actor="demo")
    problems = store.load_problems(engine)
    on_ladder = escalation.ladder(problems, escalation.load_escalations(engine), as_of)
    serious = on_ladder[on_ladder["step"] == "interview"].sort_values("problem_id")
    if not serious.empty:
        escalation.take_step(
            engine,
            int(serious["problem_id"].iloc[0]),
            "down",
            reason="责任单位已书面报告整改方案并承诺11月15日前办结，经县重点办研究暂缓约谈",
            on=as_of,
            actor="demo",
        )


def _year_end(engine: Engine, as_of: dt.date) -> None:
    """The year before closed (年终决算) in January, as the office did it: most of today's
    projects were listed then (nearly every continuing one, fewer of this year's new starts),
    each with that year's plan, completion and stage; parks and townships assessed by the
    ranking's method with grades; a few rewards and sanctions decided after it. The demo has
    no reports of that year: its figures are written as frozen, through the year's storage."""
    from geo.core import measures
    from geo.storage import yearend as stored
    from geo.workflow import yearend
    from geo.workflow.ranking import Weights

    rng = random.Random(f"{_SEED}-year-end")
    year = as_of.year - 1
    closed_as_of = dt.date(year, 12, 31)
    stages = list(STAGES)
    rows = []
    for p in store.load_projects(engine).to_dict("records"):
        # Projects without a report this year came onto the list since (from the library).
        if rng.random() > (0.45 if p["build_type"] == "new" else 0.95) or not p["report_as_of"]:
            continue
        plan = max(round(p["annual_plan_wan"] * rng.uniform(0.6, 1.3), -1), 100.0)
        now = stages.index(p["stage"])
        then = min(now, 1) if p["build_type"] == "new" else max(now - rng.choice((0, 1, 1, 2)), 2)
        rows.append(
            {
                **{k: p[k] for k in ("id", "code", "name", "park", "township", "category")},
                **{k: p[k] for k in ("responsible_unit", "lead_leader")},
                "stage": stages[then],
                "annual_plan_wan": plan,
                "completed_wan": round(plan * rng.triangular(0.25, 1.12, 0.88), 1),
                # Nothing of the year's starts and production was kept: scored on the schedule.
                "planned_start": None,
                "planned_production": None,
            }
        )
    measured = measures.with_measures(pd.DataFrame(rows), closed_as_of)
    no_problems = store.load_problems(engine).iloc[0:0]
    assessed = yearend.assess(measured, no_problems, closed_as_of, Weights(), ("park", "township"))
    stored.write_close(
        engine,
        year,
        closed_as_of,
        yearend.figure_rows(measured),
        yearend.assessment_rows(assessed),
        actor="demo",
        closed_at=dt.datetime(as_of.year, 1, 12, 2, 30),  # 10:30 in Beijing
    )
    decided = dt.date(as_of.year, 1, 20)
    for number, (grouping, rank, kind, measure, note) in enumerate(
        (
            ("park", 1, "reward", "commendation", "年度考核园区第一名，予以通报表扬"),
            ("township", 1, "reward", "bonus", "年度考核乡镇第一名，奖励项目工作经费20万元"),
            ("township", 2, "reward", "priority_land", "下一年度新增建设用地指标优先保障"),
            ("township", -1, "sanction", "notice_of_criticism", "年度考核乡镇末位，予以通报批评"),
            ("township", -1, "sanction", "interview", "由县政府分管领导约谈乡镇主要负责人"),
        ),
        start=2,
    ):
        ranked = assessed[(assessed["grouping"] == grouping) & assessed["rank"].notna()]
        target = ranked.iloc[rank - 1 if rank > 0 else rank]["key"]
        yearend.record_reward_sanction(
            engine,
            yearend.RewardSanction(
                year=year,
                grouping=grouping,
                target=str(target),
                kind=kind,
                measure=measure,
                decided_on=decided,
                document_no=f"谷重办〔{as_of.year}〕{number}号",
                note=note,
            ),
            actor="demo",
        )


#: The demo's signed agreements of the year (招商引资签约), one a line: name, origin, way of
#: attraction, sector, agreed investment (万元), zone ("-": not yet decided), responsible unit,
#: and how it stands on the as-of date: started, overdue (to start), waiting (start not yet
#: due) or unplaced (not yet due, and no site yet).
_AGREEMENTS = """
比亚迪新能源汽车零部件配套 深圳 industrial_chain industry 85000 谷城经济开发区 谷城经济开发区管委会 started
华中汽车线束智能制造 江浙 business_to_business industry 32000 谷城经济开发区 谷城经济开发区管委会 started
京创再生塑料深加工 北京 resident_office industry 18000 谷城再生资源产业园 县投资促进中心 started
中联智慧冷链物流园 北京 expo services 26000 城关镇 县商务局 started
汉江茶旅融合示范园 本省 other agriculture 8000 五山镇 五山镇人民政府 started
越秀商贸综合体 港澳 agency services 45000 城关镇 县投资促进中心 overdue
锂电池正极材料 深圳 industrial_chain industry 60000 谷城再生资源产业园 县经信局 started
精密轴承制造 江浙 business_to_business industry 15000 谷城经济开发区 谷城经济开发区管委会 started
光伏组件铝边框 江浙 online industry 12000 石花工业园 石花镇人民政府 started
鲜食玉米精深加工 本省 resident_office agriculture 6500 石花镇 石花镇人民政府 started
电子元器件产业园 深圳 expo industry 40000 谷城经济开发区 县投资促进中心 started
预制菜中央厨房 本省 online industry 9000 冷集镇 冷集镇人民政府 overdue
数字经济产业园 北京 resident_office services 30000 城关镇 县投资促进中心 started
铝合金轮毂二期 江浙 industrial_chain industry 28000 石花工业园 石花镇人民政府 started
薤山文旅康养小镇 港澳 agency services 52000 紫金镇 县文旅局 overdue
高端纺织面料 江浙 business_to_business industry 22000 谷城经济开发区 谷城经济开发区管委会 started
生物有机肥 本省 other agriculture 5000 冷集镇 冷集镇人民政府 started
医疗器械产业园 北京 expo industry 35000 谷城经济开发区 县经信局 started
汽车覆盖件模具 本省 business_to_business industry 11000 谷城经济开发区 谷城经济开发区管委会 started
再生铜精深加工 江浙 industrial_chain industry 38000 谷城再生资源产业园 县经信局 overdue
智能家居配套 深圳 online industry 16000 谷城经济开发区 谷城经济开发区管委会 waiting
中药材种植加工基地 本省 resident_office agriculture 7000 赵湾乡 赵湾乡人民政府 started
共享储能电站 北京 agency urban 42000 盛康镇 县发改局 waiting
城乡仓储配送中心 本省 other services 6000 庙滩镇 庙滩镇人民政府 started
汽车电子控制器 深圳 industrial_chain industry 26000 谷城经济开发区 县投资促进中心 waiting
碳纤维复合材料 北京 business_to_business industry 48000 - 县投资促进中心 unplaced
休闲食品加工 港澳 expo industry 9500 茨河镇 茨河镇人民政府 waiting
环保包装材料 江浙 online industry 8500 石花工业园 石花镇人民政府 unplaced
"""


#: Agreements that became key projects of the demo: (agreement, key project, origin, way,
#: signed on, planned start, started on or None).
_LINKED_AGREEMENTS = (
    (
        "朗曜科技智能机器人",
        "朗曜科技(诺伯特机器人)",
        "深圳",
        "industrial_chain",
        (3, 18),
        (6, 30),
        None,
    ),
    (
        "瑞丰新能源电池材料",
        "瑞丰新能源电池材料项目",
        "江浙",
        "business_to_business",
        (1, 20),
        (4, 1),
        (4, 1),
    ),
)
#: The units' targets for the year: agreements to sign, of them to start, investment (万元).
_SIGNING_TARGETS = (
    ("谷城经济开发区管委会", 10, 8, 350000),
    ("县投资促进中心", 6, 4, 180000),
    ("县经信局", 5, 4, 150000),
    ("石花镇人民政府", 4, 3, 50000),
)


def _agreement_dates(
    state: str, as_of: dt.date, rng: random.Random
) -> tuple[dt.date, dt.date | None, dt.date | None]:
    """Signed, planned start and started (None: not yet) for an agreement in ``state``."""
    first = dt.date(as_of.year, 1, 6)
    if state == "started":  # one to six months from signing to start
        gap = rng.randint(30, 180)
        signed = first + dt.timedelta(days=rng.randint(0, max(0, (as_of - first).days - gap - 5)))
        started = signed + dt.timedelta(days=gap)
        planned = max(
            signed + dt.timedelta(days=20), started + dt.timedelta(days=rng.randint(-25, 20))
        )
        return signed, planned, started
    if state == "overdue":  # its planned start passed a month or more ago
        signed = first + dt.timedelta(days=rng.randint(0, 150))
        planned = signed + dt.timedelta(days=rng.randint(60, 120))
        return signed, min(planned, as_of - dt.timedelta(days=30)), None
    # Signed lately: the start is planned after the as-of date.
    signed = as_of - dt.timedelta(days=rng.randint(10, 80))
    return signed, as_of + dt.timedelta(days=rng.randint(20, 120)), None


def _signing(engine: Engine, as_of: dt.date) -> None:
    """The year's signed agreements (招商引资签约) across parks and townships, most of them
    started within six months, some overdue to start, two that became key projects, and the
    targets of four units."""
    from geo.storage import signing as stored
    from geo.workflow import signing

    rng = random.Random(f"{_SEED}-signing")
    zone_rows = store.load_zones(engine)
    zone_ids = dict(zip(zone_rows["name"], zone_rows["id"], strict=True))
    zone_geoms = {
        n: shape(json.loads(g))
        for n, g in zip(zone_rows["name"], zone_rows["geometry"], strict=True)
    }
    projects = store.load_projects(engine, as_of).set_index("name")
    agreements = []
    for line in _AGREEMENTS.strip().splitlines():
        name, origin, way, sector, wan, zone, unit, state = line.split()
        zone = None if zone == "-" else zone
        signed, planned, started = _agreement_dates(state, as_of, rng)
        site = _point_in(zone_geoms[zone], rng) if zone and state != "unplaced" else None
        agreements.append(
            signing.Agreement(
                name=f"{name}项目",
                signed_on=signed,
                origin_region=origin,
                attraction_way=way,
                agreed_investment_wan=float(wan),
                planned_start=planned,
                sector=sector,
                zone_id=int(zone_ids[zone]) if zone else None,
                responsible_unit=unit,
                lon=site.x if site else None,
                lat=site.y if site else None,
                started_on=started,
            )
        )
    for name, project, origin, way, signed, planned, started in _LINKED_AGREEMENTS:
        if project not in projects.index:
            continue
        row = projects.loc[project]
        zone = row["park"] if isinstance(row["park"], str) else row["township"]
        agreements.append(
            signing.Agreement(
                name=f"{name}项目",
                signed_on=dt.date(as_of.year, *signed),
                origin_region=origin,
                attraction_way=way,
                agreed_investment_wan=float(row["total_investment_wan"]),
                planned_start=dt.date(as_of.year, *planned),
                sector=row["category"],
                zone_id=int(zone_ids[zone]),
                responsible_unit="谷城经济开发区管委会",
                lon=float(row["lon"]),
                lat=float(row["lat"]),
                started_on=dt.date(as_of.year, *started) if started else None,
                project_id=int(row["id"]),
            )
        )
    for agreement in agreements:
        signing.check_agreement(agreement, as_of)
    with store.transaction(engine, write=True, actor="demo", reason="demo agreements") as s:
        for agreement in sorted(agreements, key=lambda a: (a.signed_on, a.name)):
            stored.write_agreement(s, None, agreement.fields())
        for unit, signed_count, started_count, wan in _SIGNING_TARGETS:
            stored.write_target(
                s,
                as_of.year,
                unit,
                signed_count=signed_count,
                started_count=started_count,
                investment_wan=float(wan),
            )


#: The demo's project library (项目库): (name, sector, expected investment 万元, land 亩).
_LIBRARY = (
    ("年产5万吨再生铝合金锭项目", "industry", 68000, 210),
    ("新能源汽车电机壳体生产线", "industry", 35000, 120),
    ("高端轴承智能制造基地", "industry", 52000, 180),
    ("锂电池正极材料前驱体项目", "industry", 150000, 460),
    ("汽车热管理系统扩能项目", "industry", 18000, 60),
    ("精密模具产业园", "industry", 42000, 300),
    ("年产20万套商用车车桥项目", "industry", 46000, 160),
    ("光伏玻璃深加工项目", "industry", 88000, 240),
    ("生物基可降解材料项目", "industry", 30000, 95),
    ("智能家居五金制造项目", "industry", 12000, 45),
    ("纺织印染集中区提升改造", "industry", 25000, None),
    ("电子铜箔生产项目", "industry", 120000, 350),
    ("食品级包装材料项目", "industry", 9000, 40),
    ("再生资源分拣中心", "industry", 6500, 35),
    ("工业机器人核心部件项目", "industry", 38000, 110),
    ("汽车零部件表面处理中心", "industry", 15000, 50),
    ("高标准农田整县推进项目", "agriculture", 24000, None),
    ("玉皇剑茶叶精深加工园", "agriculture", 11000, 80),
    ("生猪屠宰及冷链加工项目", "agriculture", 16000, 70),
    ("稻虾共作示范基地", "agriculture", 5000, 1200),
    ("柑橘采后商品化处理中心", "agriculture", 4200, 30),
    ("谷城港码头扩建工程", "transport", 45000, 150),
    ("县城北外环道路工程", "transport", 60000, 420),
    ("农村公路安全生命防护工程", "transport", 8000, None),
    ("汉江大桥引线改造", "transport", 22000, 60),
    ("薤山康养度假区", "services", 55000, 380),
    ("县城商贸物流园", "services", 32000, 200),
    ("电商直播产业基地", "services", 6000, 20),
    ("五山堰河乡村旅游综合体", "services", 14000, 150),
    ("城区智慧停车场", "services", 7500, 25),
    ("县中医医院综合楼", "social", 26000, 40),
    ("城关第三小学新建工程", "social", 12000, 60),
    ("县养老服务中心二期", "social", 8000, 30),
    ("职业教育实训基地", "social", 15000, 90),
    ("全民健身体育公园", "social", 9000, 110),
    ("城区雨污分流改造", "urban", 28000, None),
    ("老旧小区改造三期", "urban", 16000, None),
    ("乡镇污水处理厂提标改造", "urban", 11000, 15),
    ("城乡供水一体化工程", "urban", 34000, 45),
    ("滨江片区棚户区改造", "urban", 70000, 260),
)
_LIBRARY_UNITS = {
    "agriculture": "县农业农村局",
    "transport": "县交通运输局",
    "services": "县商务局",
    "social": "县发改局",
    "urban": "县住建局",
}
_LIBRARY_NOTES = ("正在编制可研报告", "已完成项目建议书", "待落实用地指标", "投资方已考察两次")
#: Library projects taken off the list (调整出库) in 2026, and why; they are still followed.
_LIBRARY_REMOVALS = (
    (24, dt.date(2026, 3, 18), "资金未到位，投资方融资方案未落实"),
    (25, dt.date(2026, 6, 9), "未取得土地使用权，选址地块涉及基本农田"),
    (26, dt.date(2026, 9, 22), "投资方调整投资计划，项目暂缓"),
)


def _library(engine: Engine, as_of: dt.date) -> None:
    """The project library over 2025–2026 (nothing dated after ``as_of``): forty ideas and
    reserve projects across the zones (and the two entries of key projects); a city round for 2026 (10 entered, 7 declared, 5
    listed) and the provincial round "2027年省重点项目申报" (20 entered, 8 declared, 4
    listed); six projects on the county's list; three taken off the list with their reasons
    and still followed, one back after a removal; two of the key projects linked to the
    entries they came from. A stream of its own keeps the rest of the demo unchanged."""
    from geo.workflow import library

    rng = random.Random(f"{_SEED}-library")
    zone_frame = store.load_zones(engine)
    geoms = {
        n: shape(json.loads(g))
        for n, g in zip(zone_frame["name"], zone_frame["geometry"], strict=True)
    }
    zone_ids = dict(zip(zone_frame["name"], zone_frame["id"].astype(int), strict=True))
    parks = [name for name, *_ in _PARKS]
    townships = [name for name, *_ in _TOWNSHIPS]
    specs = list(_LIBRARY)
    rng.shuffle(specs)

    def day(year: int, first_month: int, last_month: int) -> dt.date:
        return dt.date(year, rng.randint(first_month, last_month), rng.randint(1, 28))

    def step(i: int, maturity: str, on: dt.date, level: str | None = None, why: str = "") -> None:
        if on <= as_of and ids[i] is not None:
            library.step(
                engine, ids[i], maturity, taken_on=on, list_level=level, reason=why, actor="demo"
            )

    ids: list[int | None] = []
    for i, (name, sector, expected, land) in enumerate(specs):
        zone = parks[i % len(parks)] if sector == "industry" else townships[i % len(townships)]
        site = _point_in(geoms[zone].buffer(-0.002), rng) if i % 5 != 4 else None
        entered = day(2025, 1, 4) if i < 16 else day(2025, 2, 10) if i < 28 else day(2026, 1, 6)
        unit = f"{zone}管委会" if zone in parks else _LIBRARY_UNITS.get(sector, f"{zone}人民政府")
        fields = library.LibraryFields(
            name=name,
            sector=sector,
            expected_investment_wan=float(expected),
            land_mu=None if land is None else float(land),
            source_unit=unit,
            zone_id=zone_ids[zone],
            lon=None if site is None else site.x,
            lat=None if site is None else site.y,
            note=_LIBRARY_NOTES[i % len(_LIBRARY_NOTES)] if i % 3 == 0 else None,
        )
        first = "reserve" if i in range(10, 16) or i % 4 == 1 else "idea"
        ids.append(
            library.add(engine, fields, entered_on=entered, maturity=first, actor="demo")
            if entered <= as_of
            else None
        )
    # Ideas become reserve projects: those entered early in 2025, the later ones in 2026.
    for i in (*range(10), *range(16, 24), 28, 29, 30):
        if i % 4 != 1:  # those entered as reserve projects already are
            on = day(2025, 5, 8) if i < 10 else day(2026, 1, 6) if i < 28 else day(2026, 7, 9)
            step(i, "reserve", on)
    # Six projects on the county's own list (2025).
    for i in range(10, 16):
        step(i, "listed", day(2025, 9, 11), "county")
    # One taken off the list in 2025 and back in 2026.
    step(27, "removed", dt.date(2025, 11, 20), why="项目选址与国土空间规划冲突")
    step(27, "reserve", dt.date(2026, 5, 12), why="规划调整后选址已落实，重新纳入储备")
    for i, on, why in _LIBRARY_REMOVALS:
        step(i, "removed", on, why=why)

    def held(name: str, level: str, year: int, opened: dt.date, decided: dt.date, plan) -> None:
        """A round: ``plan`` maps project indexes to outcomes (withdrawn: entered, not
        selected; the others declared, then decided on ``decided``)."""
        if opened > as_of:
            return
        round_id = library.open_round(
            engine, name, level, year=year, opened_on=opened, actor="demo"
        )
        declared = [ids[i] for i, o in plan.items() if o != "withdrawn"]
        passed = [ids[i] for i, o in plan.items() if o == "withdrawn"]
        for entered_as, these in (("pending", declared), ("withdrawn", passed)):
            library.enter_round(
                engine, round_id, these, outcome=entered_as, on=opened, actor="demo"
            )
        if decided > as_of:
            return
        entries = library.load_declarations(engine, round_id).set_index("reserve_id")["id"]
        for i, outcome in plan.items():
            if outcome in ("listed", "not_listed"):
                library.record_outcome(
                    engine, int(entries[ids[i]]), outcome, on=decided, actor="demo"
                )

    city = dict.fromkeys(range(5), "listed") | {5: "not_listed", 6: "not_listed"}
    held(
        "2026年市重点项目申报",
        "city",
        2026,
        dt.date(2025, 12, 10),
        dt.date(2026, 2, 28),
        city | dict.fromkeys((7, 8, 9), "withdrawn"),
    )
    provincial = {0: "listed", 1: "listed", 10: "listed", 16: "listed"}
    provincial |= {2: "not_listed", 3: "not_listed", 11: "not_listed", 17: "not_listed"}
    provincial |= dict.fromkeys((4, 5, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23), "withdrawn")
    held(
        "2027年省重点项目申报",
        "provincial",
        2027,
        dt.date(2026, 8, 15),
        dt.date(2026, 10, 20),
        provincial,
    )
    # Two of this year's key projects came out of the library: entered as ideas in 2025, on
    # the county's list by its end, and linked to the key project each became (promoting one
    # makes a new key project; the demo's 115 stay as they are).
    keys = store.load_projects(engine).sort_values("code")
    for _, key in keys[keys["category"] == "industry"].head(2).iterrows():
        reserve_id = library.add(
            engine,
            library.LibraryFields(
                name=key["name"],
                sector=key["category"],
                expected_investment_wan=float(key["total_investment_wan"]),
                source_unit=key["responsible_unit"],
                zone_id=zone_ids.get(key["park"] or key["township"]),
                lon=float(key["lon"]),
                lat=float(key["lat"]),
            ),
            entered_on=dt.date(2025, 3, 18),
            actor="demo",
        )
        for maturity, on in (("reserve", dt.date(2025, 6, 20)), ("listed", dt.date(2025, 12, 5))):
            library.step(
                engine,
                reserve_id,
                maturity,
                taken_on=on,
                list_level="county" if maturity == "listed" else None,
                actor="demo",
            )
        library.link(engine, reserve_id, int(key["id"]), actor="demo")


def build_demo(
    engine: Engine, as_of: dt.date = DEFAULT_AS_OF, photo_dir: Path | None = None
) -> dict[str, int]:
    """Replace everything in the database with the demo county as of ``as_of``.

    Runs the migrations first; the whole rebuild is one transaction. With ``photo_dir``, a
    few drawn site photos are added too (the folder is emptied first: its photos belonged
    to the database being replaced). Returns the row counts per table.
    """
    records = zones.read_zone_file(BOUNDARY_FILE)
    rng = random.Random(_SEED)
    months = _month_ends(as_of)
    if not months:
        raise ValueError(f"as_of={as_of} is before the first month-end of its year")

    store.migrate(engine)
    county = _county(records, as_of, months, rng)
    with store.transaction(
        engine, write=True, actor="demo", reason="demo county (re)built"
    ) as session:
        store.clear_all(session)
        seeding.write_county(session, county)
    if photo_dir is not None:
        _photos(engine, photo_dir, months, rng)
    _observation_meeting(engine, as_of, rng)
    _channels(engine)
    _signing(engine, as_of)
    _letters(engine, as_of)
    _escalation(engine, as_of)
    _phone_links(engine)
    _library(engine, as_of)
    _year_end(engine, as_of)
    # The demo office is Gucheng's: its real outline is drawn on the map.
    store.save_office_settings(engine, {"GEO_AREA_CODE": DEMO_AREA_CODE, "GEO_AREA": "county"})
    # How the office reads the townships' ledgers: their "截至本月累计完成" is this year's figure
    # to date, and the remarks column is for the reader of the sheet, not for import.
    store.save_ledger_mapping(engine, dict(DEMO_LEDGER_MAPPING))
    return store.count_rows(engine)


#: The demo office's remembered ledger columns (shown on the Data page's column list).
DEMO_LEDGER_MAPPING = (("截至本月累计完成", "completed_wan"), ("备注", None), ("推进措施", None))


def _phone_links(engine: Engine) -> None:
    """Phone links to three projects, as a leader shares them in the task force's group (they
    last 30 days from the day the demo is built)."""
    from geo.workflow import share

    behind = store.load_projects(engine).sort_values("code").head(3)["id"]
    for project_id in behind:
        share.issue(engine, int(project_id), actor="demo")


def _letters(engine: Engine, as_of: dt.date) -> None:
    """The letters of the last three months and of the next one, issued as the office would
    have on each 2nd (so supervision letters of consecutive months escalate items)."""
    from geo.workflow import letters

    month = letters.Month(as_of.year, as_of.month)
    months = [month.previous().previous(), month.previous(), month]
    months.append(
        letters.Month(as_of.year + 1, 1)
        if as_of.month == 12
        else letters.Month(as_of.year, as_of.month + 1)
    )
    from geo.workflow import notices

    # The letters reach the units' work groups: the demo's channels get their notices (to
    # receivers that do not exist: `notify --send-due` shows them failing, then retried).
    rules = notices.Rules(public_url="http://localhost:8501")
    for each in months:
        letters.issue(engine, each, actor="demo", notify=rules)


#: The demo's channels: illustrative robots and a mailbox on addresses that answer nobody.
DEMO_CHANNELS = (
    (
        "自然资源和规划局工作群",
        "wecom",
        "unit",
        "县自然资源和规划局",
        "http://127.0.0.1:9/cgi-bin/webhook/send?key=demo-zrzy-0001",
    ),
    (
        "行政审批局工作群",
        "dingtalk",
        "unit",
        "县行政审批局",
        "http://127.0.0.1:9/robot/send?access_token=demo-xzsp-0002",
    ),
    (
        "城关镇工作群",
        "feishu",
        "unit",
        "城关镇人民政府",
        "http://127.0.0.1:9/open-apis/bot/v2/hook/demo-cgz-0003",
    ),
    (
        "张立新（包保领导）",
        "dingtalk",
        "leader",
        "张立新",
        "http://127.0.0.1:9/robot/send?access_token=demo-zlx-0004",
    ),
    ("县领导小组邮箱", "email", "leadership", "", "ldxz@gucheng.example.gov.cn"),
)


def _channels(engine: Engine) -> None:
    from geo.workflow import outbox

    for name, kind, audience_kind, audience, address in DEMO_CHANNELS:
        outbox.add_channel(
            engine,
            name,
            kind,
            audience_kind,
            audience,
            address,
            "SECdemo-signing-secret" if kind == "dingtalk" else "",
        )


def _observation_meeting(engine: Engine, as_of: dt.date, rng: random.Random) -> None:
    """Last month's observation meeting: six sites scored by three county leaders."""
    from geo.workflow import scoring

    stops = [1, 2, 4, 5, 7, 11]
    tour_id = scoring.create_tour(
        engine, f"{as_of.month}月重点项目观摩会", as_of - dt.timedelta(days=6), stops, actor="demo"
    )
    for judge in _LEADERS[:3]:
        for project_id in stops:
            base = rng.uniform(70, 92)
            values = {
                c.key: round(min(100.0, base + rng.uniform(-6, 6)))
                for c in scoring.DEFAULT_CRITERIA
            }
            scoring.save_scores(engine, tour_id, judge, project_id, values, actor="demo")


def _drawn_photo(
    rng: random.Random, taken: dt.datetime, lon: float, lat: float, storeys: int
) -> bytes:
    """A drawn picture of a building site (sky, ground, a building of some storeys, a crane),
    with EXIF date and GPS like a phone's: an illustration, not a photograph."""
    import io

    from PIL import ExifTags, Image, ImageDraw

    image = Image.new("RGB", (960, 640), (176, 206, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 440, 960, 640], fill=(150, 128, 96))
    left = rng.randint(120, 420)
    for storey in range(storeys):
        top = 440 - (storey + 1) * 36
        draw.rectangle(
            [left, top, left + 320, top + 34], fill=(190, 190, 186), outline=(110, 110, 110)
        )
    mast = left + 360
    draw.line([mast, 440, mast, 90], fill=(230, 170, 30), width=8)
    draw.line([mast - 160, 100, mast + 220, 100], fill=(230, 170, 30), width=6)
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken.strftime(
        "%Y:%m:%d %H:%M:%S"
    )
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    for ref_tag, tag, value, ref in (
        (ExifTags.GPS.GPSLatitudeRef, ExifTags.GPS.GPSLatitude, lat, "N"),
        (ExifTags.GPS.GPSLongitudeRef, ExifTags.GPS.GPSLongitude, lon, "E"),
    ):
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        gps[ref_tag], gps[tag] = (
            ref,
            (float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 3)),
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif)
    return buffer.getvalue()


def _photos(engine: Engine, photo_dir: Path, months: list[dt.date], rng: random.Random) -> None:
    import shutil

    from geo.ingest import photos

    shutil.rmtree(photo_dir, ignore_errors=True)
    projects = store.load_projects(engine).head(8)
    for row in projects.itertuples():
        for n, month_end in enumerate(months[-3:]):
            # One photo of 霆顺车轮 was taken at the county hall: the dashboard flags it.
            far = row.name == "霆顺车轮" and n == 2
            lon, lat = (
                (111.6448, 32.2628)
                if far
                else (row.lon + rng.uniform(-4e-4, 4e-4), row.lat + rng.uniform(-4e-4, 4e-4))
            )
            taken = dt.datetime.combine(
                month_end - dt.timedelta(days=rng.randint(1, 12)), dt.time(rng.randint(8, 17), 5)
            )
            data = _drawn_photo(rng, taken, lon, lat, storeys=2 + 2 * n)
            photos.add_photo(
                engine,
                int(row.id),
                data,
                f"IMG_{taken:%Y%m%d_%H%M}.jpg",
                photo_dir=photo_dir,
                max_bytes=10 * 2**20,
                caption=f"{month_end.month}月现场（示意图）",
                actor="demo",
            )


def _seed_specs(rng: random.Random, zone_geoms: dict[str, shapely.Geometry]) -> list[dict]:
    specs = []
    for seed in _SEED_PROJECTS:
        geom = zone_geoms[seed.park].buffer(-0.002) if seed.park else zone_geoms["城关镇"]
        specs.append(
            {
                "name": seed.name,
                "owner": seed.owner,
                "point": _point_in(geom, rng),
                "category": seed.category,
                "build_type": seed.build_type,
                "stage": seed.stage,
                "total_wan": seed.total_wan,
                "plan_wan": seed.plan_wan,
                "completed_wan": seed.completed_wan,
                "cumulative_wan": seed.cumulative_wan,
                "progress": seed.progress,
                "level": "city",
            }
        )
    return specs


def _project(number: int, spec: dict, as_of: dt.date, rng: random.Random) -> Row:
    """The project's fields (drawn from ``rng`` in the order they are listed)."""
    year = as_of.year
    start = dt.date(year - (0 if spec["build_type"] == "new" else 1), rng.randint(1, 9), 1)
    leader = _LEADERS[number % len(_LEADERS)]
    level = spec.get("level") or rng.choices(("provincial", "city", "county"), (8, 30, 62))[0]
    return dict(
        code=f"GC-{year}-{number:03d}",
        name=spec["name"],
        owner=spec["owner"],
        lon=spec["point"].x,
        lat=spec["point"].y,
        category=spec["category"],
        level=level,
        build_type=spec["build_type"],
        stage=spec["stage"],
        plan_year=year,
        total_investment_wan=spec["total_wan"],
        annual_plan_wan=spec["plan_wan"],
        planned_start=start,
        planned_completion=dt.date(year + rng.randint(0, 2), rng.randint(1, 12), 28),
        # Projects to complete this year may go into production this year too.
        planned_production=dt.date(
            year + rng.randint(1, 2) - (spec["build_type"] == "completing"), rng.randint(1, 12), 28
        ),
        lead_leader=leader,
        responsible_unit=_CATEGORY_UNITS[spec["category"]],
        project_secretary=_SECRETARIES[number % len(_SECRETARIES)],
        liaison=_LIAISONS[(number * 3) % len(_LIAISONS)],
        task_force=f"{spec['name'][:8]}工作专班",
    )


#: What a site reports as its physical progress (形象进度), step by step within each stage.
_PROGRESS_BY_STAGE = {
    "planned": ("项目谋划中，正在编制可研报告", "完成项目备案，正在办理用地手续"),
    "signed": ("签订投资协议，正在办理前期手续", "完成规划设计，正在做开工准备"),
    "started": ("完成场地平整和临时设施", "桩基施工完成", "基础施工中"),
    "building": (
        "主体结构施工中",
        "主体结构封顶",
        "屋面及外墙施工",
        "厂房主体完工，开始设备安装",
        "设备安装调试",
    ),
    "completed": ("主体工程竣工，正在组织验收", "配套工程收尾，办理竣工备案"),
    "producing": ("开始试生产", "生产线调试，产品试产中", "正式投产"),
    "at_capacity": ("生产线满负荷运行", "达产运行"),
}


def _progress(stages: list[str], i: int, offset: int) -> str:
    """The progress text of month ``i``: further along the stage's steps the longer the site
    has been in that stage (``offset`` staggers sites that entered it together)."""
    steps = _PROGRESS_BY_STAGE.get(stages[i], ("按计划推进",))
    months_in_stage = sum(1 for s in stages[: i + 1] if s == stages[i]) - 1
    return steps[min(months_in_stage + offset, len(steps) - 1)]


def _reports(project: Row, spec: dict, months: list[dt.date], rng: random.Random) -> list[Row]:
    plan = spec["plan_wan"]
    final = spec.get("completed_wan")
    last_share = _SEASON[months[-1].month - 1]
    reports = []
    stages = _stage_path(project, spec["stage"], len(months))
    if final is not None:  # invested before this year
        previous_cum = spec["cumulative_wan"] - final
    else:
        previous_cum = round(spec["total_wan"] * rng.uniform(0, 0.3), -1)
    for i, month_end in enumerate(months):
        share = _SEASON[month_end.month - 1]
        if final is not None:  # seed projects reach their seed figure at the as-of date
            done = round(final * share / last_share, 1)
        else:
            wobble = 1 + rng.uniform(-0.05, 0.05)
            done = round(plan * spec["pace"] * share * wobble, 1)
            done = max(done, reports[-1]["completed_wan"] if reports else 0.0)
        step = _progress(stages, i, offset=int(re.sub(r"\D", "", project["code"] or "") or 0) % 2)
        text = spec["progress"] if final is not None and month_end == months[-1] else step
        reports.append(
            {
                "as_of": month_end,
                "completed_wan": done,
                "cumulative_wan": round(previous_cum + done, 1),
                "stage": stages[i],
                "physical_progress": text,
            }
        )
    return reports


def _stage_path(project: Row, final: str, months: int) -> list[str]:
    """The stage reported each month, climbing the ladder to ``final`` by the last month.

    New projects start the year signed (some still being planned), the others building; the
    steps fall in random months (two in one month is allowed). A stream of its own per
    project keeps the rest of the demo unchanged.
    """
    rng = random.Random(f"{_SEED}-{project['code']}-stages")
    ladder = list(STAGES)
    if project["build_type"] == "new":
        first = "planned" if rng.random() < (0.5 if final == "signed" else 0.3) else "signed"
    else:
        first = "building"
    path = ladder[min(ladder.index(first), ladder.index(final)) : ladder.index(final) + 1]
    if months < 2:
        return [final] * months
    steps = sorted(rng.randint(1, months - 1) for _ in path[1:])
    return [path[sum(step <= month for step in steps)] for month in range(months)]


_PROBLEM_TEXTS = {
    "land": ("项目红线内尚有{n}户房屋未完成拆迁", "县自然资源和规划局"),
    "land_quota": ("二期用地指标不足，尚缺{n}亩", "县自然资源和规划局"),
    "approval": ("施工许可证未办理，等待消防设计审查意见", "县行政审批局"),
    "funding": ("项目建设资金缺口约{n}万元，需协调银行贷款", "县财政局"),
    "utilities": ("110千伏专线未接通，影响设备调试", "国网谷城县供电公司"),
    "planning": ("规划条件调整待县规委会审议", "县自然资源和规划局"),
    "environment": ("环评批复尚未下达", "市生态环境局谷城分局"),
    "village": ("周边村民阻工，要求解决道路占用补偿", "属地乡镇人民政府"),
}


_PROBLEM_AMOUNTS = {
    "land": (3, 5, 8, 12, 21),
    "land_quota": (20, 35, 60, 120),
    "funding": (500, 800, 1200, 3000),
}


def _problems(project: ProjectSeed, as_of: dt.date, rng: random.Random) -> list[ProblemSeed]:
    out = []
    year_start = dt.date(as_of.year, 1, 15)
    for _ in range(rng.choice((1, 2, 2, 2, 3))):
        category = rng.choice(list(_PROBLEM_TEXTS))
        text, unit = _PROBLEM_TEXTS[category]
        status = rng.choices(
            ("resolved", "closed", "in_progress", "assigned", "raised"), (45, 20, 17, 12, 6)
        )[0]
        # Old problems are mostly solved; what is still open was mostly raised lately.
        earliest = (
            year_start
            if status in ("resolved", "closed") or rng.random() < 0.3
            else as_of - dt.timedelta(days=100)
        )
        raised = earliest + dt.timedelta(days=rng.randint(0, (as_of - earliest).days))
        deadline = raised + dt.timedelta(days=rng.choice((15, 30, 30, 45, 60, 90)))
        resolved_on = None
        resolution = None
        if status in ("resolved", "closed"):
            resolved_on = min(raised + dt.timedelta(days=rng.randint(5, 70)), as_of)
            resolution = "经协调已解决"
        fields = project.fields
        out.append(
            ProblemSeed(
                project.code,
                dict(
                    description=text.format(n=rng.choice(_PROBLEM_AMOUNTS.get(category, (1,)))),
                    category=category,
                    responsible_unit=project.township + "人民政府"
                    if category == "village" and project.township
                    else unit,
                    raised_by=rng.choice((fields["lead_leader"], fields["project_secretary"])),
                    raised_on=raised,
                    deadline=deadline,
                    status=status,
                    resolved_on=resolved_on,
                    resolution=resolution,
                    contact=rng.choice(_LIAISONS),
                    source=rng.choice(("site_visit", "site_visit", "office", "owner")),
                    # Last touched when resolved, else some days after it was raised; meetings
                    # that take decisions on it touch it again (geo.storage.seeding).
                    updated_at=_noon(
                        resolved_on or min(raised + dt.timedelta(days=rng.randint(0, 20)), as_of)
                    ),
                ),
            )
        )
    return out


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12))


def _meetings(
    projects: list[ProjectSeed],
    problems: list[ProblemSeed],
    months: list[dt.date],
    rng: random.Random,
) -> list[seeding.MeetingSeed]:
    by_project: dict[str, list[tuple[int, ProblemSeed]]] = {}
    for number, problem in enumerate(problems):
        by_project.setdefault(problem.project, []).append((number, problem))
    meetings = []
    for month_end in months:
        # One supervision meeting per park, mid-month, covering the park's projects.
        for park_name, *_ in _PARKS:
            agenda = [p for p in projects if p.park == park_name]
            held = month_end.replace(day=15)
            meetings.append(
                _meeting(
                    "supervision",
                    held,
                    f"{park_name}{held.month}月重点项目督办会",
                    park_name + "管委会会议室",
                    agenda,
                    by_project,
                    rng,
                    zone=park_name,
                )
            )
        # Coordination and on-site meetings on a few projects with open problems.
        troubled = [p for p in projects if by_project.get(p.code)]
        for kind, day in (("coordination", 8), ("coordination", 22), ("onsite", 26)):
            agenda = rng.sample(troubled, k=min(3 if kind == "coordination" else 1, len(troubled)))
            held = month_end.replace(day=min(day, month_end.day))
            name = agenda[0].fields["name"]
            place = f"{name}项目现场" if kind == "onsite" else "县政府三楼会议室"
            title = f"{name}{'现场办公会' if kind == 'onsite' else '推进协调会'}"
            meetings.append(_meeting(kind, held, title, place, agenda, by_project, rng))
    return meetings


def _meeting(
    kind: str,
    held: dt.date,
    title: str,
    place: str,
    agenda: list[ProjectSeed],
    by_project: dict[str, list[tuple[int, ProblemSeed]]],
    rng: random.Random,
    zone: str | None = None,
) -> seeding.MeetingSeed:
    """A meeting with a decision on some of the problems its projects had open that day, and
    what it said about each project it decided on."""
    chair = agenda[0].fields["lead_leader"] if agenda else _LEADERS[0]
    decisions = []
    topics: dict[str, list[str]] = {}
    for project in agenda:
        for number, problem in by_project.get(project.code, []):
            raised_on, resolved_on = problem.fields["raised_on"], problem.fields["resolved_on"]
            open_then = raised_on <= held and (resolved_on is None or resolved_on > held)
            if not open_then or rng.random() < 0.4:
                continue
            deadline = held + dt.timedelta(days=rng.choice((10, 15, 30)))
            done = resolved_on is not None and resolved_on <= deadline
            unit, description = problem.fields["responsible_unit"], problem.fields["description"]
            decisions.append(
                seeding.DecisionSeed(
                    project.code,
                    number,
                    dict(
                        action=f"{unit}牵头，{deadline.month}月{deadline.day}日前解决：{description}",
                        responsible_unit=unit,
                        deadline=deadline,
                        status="done" if done else "open",
                        done_on=resolved_on if done else None,
                    ),
                )
            )
            topics.setdefault(project.code, []).append(description.split("，")[0])
    return seeding.MeetingSeed(
        dict(
            kind=kind,
            held_on=held,
            starts_at=dt.time(9, 0) if kind == "supervision" else dt.time(14, 30),
            title=title,
            chair=chair,
            place=place,
            attendees="县重点办、县发改局、县自然资源和规划局、县住建局、项目秘书、项目业主",
        ),
        zone=zone,
        agenda=[p.code for p in agenda],
        decisions=decisions,
        discussions={
            code: f"听取项目进展汇报，研究了{'；'.join(items)}等问题，明确了责任单位和完成时限。"
            for code, items in topics.items()
        },
    )


_DEMO_ACCOUNTS = (
    ("office", "admin", (), "县重点办"),
    ("zhang", "leader", (), "张立新"),
    ("kaifaqu", "zone_manager", ("谷城经济开发区",), "开发区管委会"),
    ("chengguan", "zone_manager", ("城关镇",), "城关镇"),
    ("guest", "viewer", (), "访客"),
)


def demo_accounts(engine: Engine) -> list[tuple[str, str, tuple[str, ...], str]]:
    """One account per role, each with a fresh random password (returned, never stored)."""
    import secrets

    from geo.storage import accounts

    made = []
    for username, role, zone_names, name in _DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(9)
        accounts.create_account(
            engine,
            username,
            role=role,
            password=password,
            zones=list(zone_names),
            display_name=name,
        )
        made.append((username, role, zone_names, password))
    return made


# The last milestone a project at each stage may have reached (by its code), or all of them.
_STAGE_REACHES = {
    "planned": (),
    "signed": ("land",),
    "started": ("land", "start"),
    "building": ("land", "start", "topped_out", "main_works"),
    "completed": ("land", "start", "topped_out", "main_works", "equipment", "completed"),
}


def _roadmap_and_approvals(project: Row, as_of: dt.date) -> tuple[list[Row], list[Row]]:
    """The project's roadmap from its category's template, reached as far as its stage, and
    its approvals: those needed to start granted once it has started, others pending or not
    yet applied for. A stream of its own per project keeps the rest of the demo unchanged."""
    from geo.vocab import APPROVAL_ITEMS
    from geo.workflow import roadmap

    rng = random.Random(f"{_SEED}-{project['code']}-roadmap")
    start = project["planned_start"] or dt.date(as_of.year, 1, 1)
    end = project["planned_production"] or project["planned_completion"] or start
    steps = roadmap.template_dates(project["category"], start, end)
    allowed = _STAGE_REACHES.get(project["stage"])
    cap = len(steps) if allowed is None else sum(code in allowed for code, _ in steps)
    must = (
        sum(code in ("land", "start") for code, _ in steps)
        if project["stage"] not in ("planned", "signed")
        else 0
    )
    due = sum(planned <= as_of for _, planned in steps)
    # Most projects keep to their roadmap; some lag one milestone behind it.
    reached = max(min(cap, due if rng.random() < 0.75 else due - 1), must, 0)
    milestones: list[Row] = []
    for seq, (code, planned) in enumerate(steps, start=1):
        actual = None
        if seq <= reached and planned <= as_of:
            actual = min(planned + dt.timedelta(days=rng.randint(-10, 25)), as_of)
        elif seq <= reached:  # reached ahead of plan
            actual = as_of - dt.timedelta(days=rng.randint(0, 60))
        milestones.append(dict(seq=seq, code=code, planned_on=planned, actual_on=actual))
    approvals: list[Row] = []
    started = project["stage"] not in ("planned", "signed")
    for item, (_name, department, before_start) in APPROVAL_ITEMS.items():
        if started and before_start:
            status = "granted"
        else:
            status = rng.choices(
                ("granted", "pending", "not_applied", "not_needed"), (45, 30, 20, 5)
            )[0]
        applied = granted = None
        if status in ("granted", "pending"):
            earliest = (
                start - dt.timedelta(days=120)
                if status == "granted"
                else as_of - dt.timedelta(days=75)
            )
            applied = min(earliest + dt.timedelta(days=rng.randint(0, 60)), as_of)
        if status == "granted":
            granted = min(applied + dt.timedelta(days=rng.randint(2, 45)), as_of)
        approvals.append(
            dict(
                item=item,
                department=department,
                applied_on=applied,
                granted_on=granted,
                status=status,
            )
        )
    return milestones, approvals


def _monthly_targets(project: Row, year: int) -> list[Row]:
    """Three projects in five split their annual plan by month the way the season goes
    (little around the Spring Festival, more in the building season), some of them front-loaded;
    the others have none."""
    rng = random.Random(f"{_SEED}-{project['code']}-targets")
    if rng.random() >= 0.6 or not project["annual_plan_wan"]:
        return []
    profile = _FRONT_LOADED if rng.random() < 0.3 else _SEASON
    shares = [b - a for a, b in zip((0.0, *profile[:-1]), profile, strict=True)]
    return [
        dict(year=year, month=month, target_wan=round(project["annual_plan_wan"] * share, 1))
        for month, share in enumerate(shares, start=1)
    ]


#: The demo's stoppage periods (停复工): the 2026 Spring Festival (New Year's Day 2026-02-17)
#: and the pollution-control days of late October; each (name, kind, start, end, shares of
#: expected sites not reporting and working through).
_STOPPAGE_PERIODS = (
    ("2026年春节停复工", "spring_festival", dt.date(2026, 2, 10), dt.date(2026, 3, 5), 0.03, 0.1),
    (
        "2026年10月重污染天气管控",
        "pollution_control",
        dt.date(2026, 10, 25),
        dt.date(2026, 11, 5),
        0.12,
        0.25,
    ),
)
_STOPPAGE_NOTES = {
    "spring_festival": ("春节放假，安排人员值守", "工人返乡过年，节后分批返岗", "安全员、保安留守"),
    "pollution_control": (
        "重污染天气橙色预警，土方和露天作业停工",
        "室外作业暂停，室内安装继续",
        "配合管控，停止渣土运输",
    ),
}


def _stoppages(projects: list[ProjectSeed], as_of: dt.date) -> list[seeding.StoppageSeed]:
    """The stoppage periods begun by ``as_of`` and the sites' reports: nearly every site
    reported and resumed after the Spring Festival; in the current pollution-control days
    some stopped, some are back, some work through and about one in eight has not reported.
    Streams of their own per project and period keep the rest of the demo unchanged."""
    from geo.workflow.resumption import EXPECTED_STAGES

    periods = []
    for name, kind, start, end, silent, through in _STOPPAGE_PERIODS:
        if start > as_of:
            continue
        # A site is expected to report by the stage it reported the month before.
        month_end = start.replace(day=1) - dt.timedelta(days=1)
        stage_then = {
            p.code: r["stage"] for p in projects for r in p.reports if r["as_of"] == month_end
        }
        last_day = min(end, as_of)
        sites = []
        for project in projects:
            if stage_then.get(project.code, project.fields["stage"]) not in EXPECTED_STAGES:
                continue
            rng = random.Random(f"{_SEED}-{project.code}-stoppage-{kind}")
            if rng.random() < silent:
                continue
            report: Row = {"stops": False}
            crew: list[tuple[dt.date, int]] = []
            if rng.random() < through:
                report["note"] = (
                    "室内作业，正常施工" if kind == "pollution_control" else "春节不停工"
                )
                size = rng.randint(20, 90)
                crew = [
                    (start + dt.timedelta(days=d), max(5, size + rng.randint(-8, 8)))
                    for d in range((last_day - start).days + 1)
                ]
            else:
                report["stops"] = True
                report["note"] = rng.choice(_STOPPAGE_NOTES[kind])
                stopped = start + dt.timedelta(
                    days=rng.randint(0, 3 if kind == "spring_festival" else 1)
                )
                span = (end - stopped).days
                soonest = span // 2 if kind == "spring_festival" else min(3, span)
                planned = stopped + dt.timedelta(days=rng.randint(soonest, span))
                report.update(stopped_on=stopped, planned_resume_on=planned)
                actual = planned + dt.timedelta(days=rng.randint(-2, 4))
                if kind == "spring_festival" and rng.random() < 0.05:  # back late
                    actual = end + dt.timedelta(days=rng.randint(5, 15))
                resumed = None
                if actual <= as_of and (kind == "spring_festival" or rng.random() < 0.7):
                    report["resumed_on"] = resumed = max(actual, stopped)
                away = min(resumed or as_of + dt.timedelta(days=1), as_of + dt.timedelta(days=1))
                size = rng.randint(2, 12)
                crew = [
                    (stopped + dt.timedelta(days=d), max(1, size + rng.randint(-2, 2)))
                    for d in range((away - stopped).days)
                ]
            sites.append(seeding.SiteSeed(project.code, report, crew))
        periods.append(
            seeding.StoppageSeed(
                {"name": name, "kind": kind, "starts_on": start, "ends_on": end}, sites
            )
        )
    return periods
