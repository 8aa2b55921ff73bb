"""Every word on screen, in English and Chinese.

Pages never write UI text inline: they call :func:`t` with a key from ``TEXTS``.
Data (project names, units, people) is shown as entered and never translated.
"""

from __future__ import annotations

from geo import vocab

TEXTS: dict[str, tuple[str, str]] = {
    # app frame
    "app.title": ("Key project dashboard", "重点项目建设督办平台"),
    "app.language": ("Language", "语言"),
    "app.data_source": ("Data", "数据"),
    "app.no_data": (
        "The database is empty. Build the demo county with `python -m geo demo`.",
        "数据库为空。请先运行 `python -m geo demo` 生成演示数据。",
    ),
    "page.overview": ("Overview map", "项目总览"),
    "page.project": ("Project drill-down", "项目详情"),
    # headline numbers
    "kpi.projects": ("Key projects", "重点项目"),
    "kpi.annual_plan": ("Annual plan", "年度计划投资"),
    "kpi.completed": ("Completed this year", "年度完成投资"),
    "kpi.completion_rate": ("Completion rate", "完成率"),
    "kpi.time_schedule": ("time schedule {value}", "时间进度 {value}"),
    "kpi.behind_schedule": ("Behind schedule", "低于时间进度"),
    "kpi.below_30pct": ("Under 30% of plan", "完成不足30%"),
    "kpi.as_of": ("As of {date}", "截至 {date}"),
    # filters
    "filter.heading": ("Filters", "筛选"),
    "filter.my_zone": ("My zone", "我的园区/乡镇"),
    "filter.all_zones": ("Whole county", "全县"),
    "filter.all": ("All", "全部"),
    "filter.park": ("Park", "园区"),
    "filter.township": ("Township", "乡镇"),
    "filter.category": ("Category", "行业"),
    "filter.level": ("Level", "级别"),
    "filter.stage": ("Stage", "阶段"),
    "filter.leader": ("Lead leader", "包保领导"),
    "filter.as_of": ("As of", "截止日期"),
    "filter.none_match": ("No project matches these filters.", "没有符合筛选条件的项目。"),
    # map
    "map.background": ("Background", "底图"),
    "tiles.osm": ("OpenStreetMap", "OpenStreetMap"),
    "tiles.gaode": ("Gaode road map (GCJ-02)", "高德地图"),
    "tiles.gaode_satellite": ("Gaode satellite (GCJ-02)", "高德卫星图"),
    "tiles.tianditu": ("Tianditu", "天地图"),
    "tiles.tianditu_satellite": ("Tianditu satellite", "天地图影像"),
    "tiles.none": ("None (offline)", "无底图(离线)"),
    "tiles.custom": ("Configured tile server", "自定义底图"),
    "map.color_by": ("Colour projects by", "项目着色依据"),
    "map.color.completion": ("Completion rate", "完成率"),
    "map.color.schedule": ("Against time schedule", "对照时间进度"),
    "map.color.stage": ("Stage", "建设阶段"),
    "map.legend.completion": ("Completion rate", "年度投资完成率"),
    "map.legend.zones": ("Zones shaded by their completion rate", "区域按完成率着色"),
    "map.click_hint": (
        "Click a project on the map to open its drill-down.",
        "点击地图上的项目查看详情。",
    ),
    "map.open_project": ("Open {name}", "查看 {name}"),
    "schedule.on_track": ("At or above time schedule", "达到时间进度"),
    "schedule.slightly_behind": ("Up to 10 points behind", "落后10个百分点以内"),
    "schedule.far_behind": ("More than 10 points behind", "落后超过10个百分点"),
    "schedule.no_plan": ("No annual plan", "无年度计划"),
    # table columns and project fields
    "col.code": ("Code", "编号"),
    "col.name": ("Project", "项目名称"),
    "col.owner": ("Owner company", "建设单位"),
    "col.park": ("Park", "所属园区"),
    "col.township": ("Township", "所在乡镇"),
    "col.category": ("Category", "行业"),
    "col.level": ("Level", "级别"),
    "col.build_type": ("Build type", "建设性质"),
    "col.stage": ("Stage", "建设阶段"),
    "col.total_investment": ("Total investment (10k yuan)", "总投资(万元)"),
    "col.annual_plan": ("Annual plan (10k yuan)", "年度计划投资(万元)"),
    "col.completed": ("Completed this year (10k yuan)", "年度完成投资(万元)"),
    "col.cumulative": ("Cumulative (10k yuan)", "累计完成投资(万元)"),
    "col.completion_rate": ("Completion rate", "完成率"),
    "col.physical_progress": ("Physical progress", "形象进度"),
    "col.planned_start": ("Planned start", "计划开工"),
    "col.planned_completion": ("Planned completion", "计划竣工"),
    "col.planned_production": ("Planned production", "计划投产"),
    "col.lead_leader": ("Lead leader", "包保领导"),
    "col.responsible_unit": ("Responsible unit", "责任单位"),
    "col.project_secretary": ("Project secretary", "项目秘书"),
    "col.liaison": ("Liaison", "联络员"),
    "col.task_force": ("Task force", "工作专班"),
    "col.lon": ("Longitude", "经度"),
    "col.lat": ("Latitude", "纬度"),
    "col.location": ("Location (WGS-84)", "坐标(WGS-84)"),
    "col.as_of": ("As of", "截止日期"),
    "col.month_amount": ("Completed in month (10k yuan)", "当月完成(万元)"),
    # data page
    "page.data": ("Data in and out", "数据导入导出"),
    "data.ledger": ("Import a ledger (台账)", "导入项目台账"),
    "data.ledger_help": (
        "Excel (.xlsx, .xls) or CSV, as your office keeps it: title rows, two-row headers, "
        "section rows, 万元 or 亿元 are all understood. Nothing is written until you confirm.",
        "支持 Excel(.xlsx、.xls)和 CSV，标题行、双行表头、分类小标题、万元/亿元均可自动识别。确认前不会写入数据库。",
    ),
    "data.sheet": ("Sheet", "工作表"),
    "data.as_of": ("As-of date (if the sheet does not say)", "截止日期(表内未注明时填写)"),
    "data.crs": ("Coordinates are in", "坐标系"),
    "data.crs.auto": ("As the header says (default WGS-84)", "按表头识别(默认WGS-84)"),
    "data.reading": ("Reading {file}…", "正在读取 {file}…"),
    "data.summary": (
        "{file} · sheet {sheet} · as of {as_of} · {crs}: {rows} projects",
        "{file} · 工作表 {sheet} · 截至 {as_of} · {crs}：共 {rows} 个项目",
    ),
    "data.new": ("New projects", "新增项目"),
    "data.updated": ("Updated projects", "更新项目"),
    "data.unchanged": ("Unchanged", "无变化"),
    "data.reports": ("Monthly reports", "月报"),
    "data.problems": ("New problems", "新增问题"),
    "data.messages": ("Problems in the file", "文件中的问题"),
    "data.row": ("Row", "行"),
    "data.changes": ("Changes", "变更内容"),
    "data.level": ("Level", "类型"),
    "data.error": ("Error", "错误"),
    "data.warning": ("Warning", "提示"),
    "data.message": ("Message", "说明"),
    "data.confirm": ("Import", "确认导入"),
    "data.refused": (
        "The file has errors; nothing will be written. Correct the rows named below and upload again.",
        "文件存在错误，不会写入任何数据。请按下表修改后重新上传。",
    ),
    "data.nothing": (
        "Nothing to change: the database already says all this.",
        "没有需要变更的内容。",
    ),
    "data.done": (
        "Imported: {new} new, {updated} updated, {reports} reports.",
        "导入完成：新增 {new} 个，更新 {updated} 个，月报 {reports} 条。",
    ),
    "data.zones": ("Import zone boundaries", "导入园区/乡镇边界"),
    "data.zones_help": (
        "GeoJSON, zipped Shapefile, GeoPackage or KML in any coordinate system (CGCS2000, "
        "Gauss–Krüger…). Every project is then re-assigned to its park and township.",
        "支持 GeoJSON、Shapefile(zip)、GeoPackage、KML，任意坐标系(CGCS2000、高斯-克吕格等)。导入后按坐标重新划分项目所属园区和乡镇。",
    ),
    "data.kind": ("These are", "边界类型"),
    "data.name_field": ("Name field (optional)", "名称字段(可不填)"),
    "data.zones_summary": (
        "{file} ({crs}), names from {field}: {new} new, {updated} updated; {moved} projects would change zone.",
        "{file}({crs})，名称字段 {field}：新增 {new} 个，更新 {updated} 个；{moved} 个项目所属区域将变化。",
    ),
    "data.outside": ("Projects outside every township", "不在任何乡镇范围内的项目"),
    "data.export": ("Export", "导出"),
    "data.export_ledger": ("Ledger (.xlsx)", "项目台账(.xlsx)"),
    "data.export_csv": ("Projects shown (.csv)", "当前项目(.csv)"),
    "data.export_geojson": ("Projects shown (.geojson)", "当前项目(.geojson)"),
    # problem board
    "page.board": ("Problem board", "问题督办"),
    "board.title": ("Open problems", "未解决问题"),
    "board.as_of": ("Flags as of", "统计日期"),
    "board.total": ("Problems", "问题总数"),
    "board.open": ("Open", "未解决"),
    "board.overdue": ("Overdue", "已逾期"),
    "board.carried_over": ("Carried over", "多次研究未解决"),
    "board.stale": ("No update for 30 days", "30天未更新"),
    "board.resolution_rate": ("Resolution rate", "问题解决率"),
    "board.units": ("Who is holding things up", "责任单位排名(按逾期、未解决)"),
    "board.rank": ("Rank", "排名"),
    "board.unit": ("Responsible unit", "责任单位"),
    "board.flags": ("Flags", "标记"),
    "board.meetings": ("Meetings", "研究次数"),
    "board.state": ("Show", "显示"),
    "board.state.open": ("Open", "未解决"),
    "board.state.overdue": ("Overdue", "已逾期"),
    "board.state.carried_over": ("Carried over", "多次研究未解决"),
    "board.state.stale": ("Stale", "长期未更新"),
    "board.state.resolved": ("Resolved", "已解决"),
    "board.legend.overdue": ("Has overdue problems", "有逾期问题"),
    "board.legend.open": ("Open problems, none overdue", "有未解决问题"),
    "board.project": ("Project", "项目"),
    "board.none": ("No problem matches these filters.", "没有符合条件的问题。"),
    # monthly report
    "page.report": ("Monthly report", "月报填报"),
    "report.help": (
        "File this month's figures for the projects of your zone. Last month's are filled in; "
        "change what changed. A figure that goes down needs a reason.",
        "填报本园区/乡镇项目本月数据。已预填上月数据，只需修改有变化的内容；数据减少须填写说明。",
    ),
    "report.zone": ("Zone", "园区/乡镇"),
    "report.as_of": ("Report for the month ending", "填报截止日期"),
    "report.last_as_of": ("Last report", "上次填报"),
    "report.last_completed": ("Last completed (10k yuan)", "上次年度完成(万元)"),
    "report.reason": ("Reason (if a figure fell)", "说明(数据减少时)"),
    "report.submit": ("Save the report", "提交月报"),
    "report.errors": ("Not saved. Please correct:", "未保存，请修改："),
    "report.saved": ("Saved: {n} projects as of {date}.", "已保存：{n} 个项目，截至 {date}。"),
    "report.empty": ("No projects in this zone.", "该区域暂无项目。"),
    # drill-down
    "project.pick": ("Find a project", "查找项目"),
    "project.pick_help": ("Type part of a name or code", "输入项目名称或编号"),
    "project.none": ("Pick a project to see its details.", "请选择一个项目。"),
    "project.value": ("Value", "内容"),
    "project.card": ("Project card", "项目基本情况"),
    "project.chain": ("Responsibility chain", "责任体系"),
    "project.investment_chart": ("Investment this year against plan", "年度投资完成与计划"),
    "project.chart.completed": ("Completed (cumulative this year)", "累计完成"),
    "project.chart.plan": ("Plan (time schedule)", "计划(按时间进度)"),
    "project.chart.month": ("Month", "月份"),
    "project.chart.amount": ("10k yuan", "万元"),
    "project.progress_history": ("Physical progress history", "形象进度"),
    "project.problems": ("Problem list", "问题清单"),
    "project.no_problems": ("No problems recorded.", "暂无问题。"),
    "project.meetings": ("Meetings and decisions", "会议与交办事项"),
    "project.no_meetings": ("No meeting has dealt with this project yet.", "暂无相关会议。"),
    "project.back": ("Back to the map", "返回地图"),
    "project.unknown": ("There is no project with id {id}.", "没有编号为 {id} 的项目。"),
    # problems
    "problem.description": ("Problem", "问题"),
    "problem.category": ("Type", "类别"),
    "problem.raised_on": ("Raised on", "提出日期"),
    "problem.raised_by": ("Raised by", "提出人"),
    "problem.responsible_unit": ("Responsible unit", "责任单位"),
    "problem.deadline": ("Deadline", "完成时限"),
    "problem.status": ("Status", "状态"),
    "problem.resolution": ("Resolution", "解决情况"),
    "problem.resolved_on": ("Resolved on", "解决日期"),
    "problem.overdue": ("Overdue", "已逾期"),
    "problem.flag.overdue": ("⚠ overdue", "⚠ 逾期"),
    "problem.flag.carried": ("↻ carried over", "↻ 多次研究"),
    "problem.flag.stale": ("⏸ stale", "⏸ 久未更新"),
    # meetings and decisions
    "meeting.held_on": ("Date", "日期"),
    "meeting.kind": ("Meeting", "会议类型"),
    "meeting.title": ("Title", "会议名称"),
    "meeting.chair": ("Chair", "主持人"),
    "meeting.place": ("Place", "地点"),
    "meeting.attendees": ("Attendees", "参会人员"),
    "meeting.decisions_count": ("{n} assigned actions", "交办事项 {n} 项"),
    "decision.action": ("Assigned action", "交办事项"),
    "decision.responsible_unit": ("Responsible unit", "责任单位"),
    "decision.deadline": ("Deadline", "完成时限"),
    "decision.status": ("Status", "状态"),
    "decision.status.open": ("Open", "未办结"),
    "decision.status.done": ("Done", "已办结"),
    # problem statuses
    "problem_status.raised": ("Raised", "已提出"),
    "problem_status.assigned": ("Assigned", "已交办"),
    "problem_status.in_progress": ("In progress", "办理中"),
    "problem_status.resolved": ("Resolved", "已解决"),
    "problem_status.closed": ("Closed", "已销号"),
    # code labels
    "zone_kind.park": ("Park", "园区"),
    "zone_kind.township": ("Township", "乡镇"),
    "category.industry": ("Industry", "工业"),
    "category.agriculture": ("Agriculture", "农业"),
    "category.transport": ("Transport", "交通"),
    "category.services": ("Services", "服务业"),
    "category.social": ("Social programmes", "社会事业"),
    "category.urban": ("Urban construction & other", "城建及其它"),
    "level.provincial": ("Provincial", "省重点"),
    "level.city": ("City", "市重点"),
    "level.county": ("County", "县重点"),
    "build_type.new": ("New start", "新开工"),
    "build_type.continuing": ("Continuing", "续建"),
    "build_type.completing": ("To complete this year", "竣工"),
    "stage.planned": ("Planned", "谋划储备"),
    "stage.signed": ("Signed", "签约"),
    "stage.started": ("Started", "开工"),
    "stage.building": ("Under construction", "在建"),
    "stage.completed": ("Completed", "竣工"),
    "stage.producing": ("In (trial) production", "投产"),
    "stage.at_capacity": ("At capacity", "达产"),
    "problem_category.land": ("Land acquisition & demolition", "征地拆迁"),
    "problem_category.land_quota": ("Land quota", "用地指标"),
    "problem_category.approval": ("Approvals", "审批手续"),
    "problem_category.funding": ("Funding", "资金"),
    "problem_category.utilities": ("Water, power, road, gas", "水电路气"),
    "problem_category.planning": ("Planning", "规划"),
    "problem_category.environment": ("Environment", "环评"),
    "problem_category.village": ("Village disputes", "厂村矛盾"),
    "problem_category.other": ("Other", "其他"),
    "meeting_kind.supervision": ("Supervision meeting", "督办会"),
    "meeting_kind.coordination": ("Coordination meeting", "协调会"),
    "meeting_kind.onsite": ("On-site meeting", "现场会"),
    "meeting_kind.dispatch": ("Dispatch meeting", "调度会"),
    "meeting_kind.assignment": ("Assignment meeting", "交办会"),
    "meeting_kind.weekly": ("Weekly meeting", "周例会"),
    # units
    "unit.wan": ("{value} (10k yuan)", "{value} 万元"),
    "unit.yi": ("{value} (100m yuan)", "{value} 亿元"),
    "unit.name.wan": ("10k yuan", "万元"),
    "unit.name.yi": ("100m yuan", "亿元"),
    "kpi.in_unit": ("{label} ({unit})", "{label}({unit})"),
}

#: Code lists whose labels live in ``TEXTS`` under ``"<kind>.<code>"``.
CODE_KINDS: dict[str, tuple[str, ...]] = {
    "zone_kind": vocab.ZONE_KINDS,
    "category": tuple(vocab.CATEGORIES),
    "level": tuple(vocab.LEVELS),
    "build_type": tuple(vocab.BUILD_TYPES),
    "stage": tuple(vocab.STAGES),
    "problem_category": tuple(vocab.PROBLEM_CATEGORIES),
    "problem_status": vocab.PROBLEM_STATUSES,
    "meeting_kind": tuple(vocab.MEETING_KINDS),
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (``"en"`` or ``"zh"``), formatted with ``values``.

    >>> t("kpi.as_of", "en", date="2026-09-30")
    'As of 2026-09-30'
    """
    en, zh = TEXTS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def label(kind: str, code: str | None, lang: str) -> str:
    """The on-screen word for a code, e.g. ``label("stage", "building", "zh") == "在建"``.

    Unknown or missing codes come back as given, so bad data stays visible.
    """
    if code is None:
        return ""
    key = f"{kind}.{code}"
    return t(key, lang) if key in TEXTS else str(code)
