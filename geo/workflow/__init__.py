"""The office's work over a month and a year: letters, meetings, reports, rankings.

- letters: the letters of the month (两函一单);
- escalation: the escalation ladder when letters do not work (督办函 → 效能告诫 → 约谈 → 问责 →
  移交纪委监委);
- library: the project library (项目库): the ladder, the funnel, declaration rounds;
- meetings, lifecycle: meetings and decisions; a problem's life;
- reporting: the monthly report a park manager files;
- resumption: work stoppage and resumption (停复工);
- roadmap, approvals: milestones; approval items (前期手续);
- ranking, scoring: the quarterly ranking; observation meeting scores;
- yearend: the year's close (年终决算), the annual assessment (年度考核), rewards and sanctions;
- drilldown: one project's card, investment, problems and meetings;
- share: links and phone pages for one project;
- signing: signing to start (招商引资：签约抓开工): start rates, overdue starts, targets;
- notices, notify, outbox, channels: what is pushed, and how it is sent once;
- office: a new office's first run and its settings.

Submodules are imported by name (``from geo.workflow import approvals``); nothing is loaded
here.
"""

__all__ = [
    "approvals",
    "channels",
    "drilldown",
    "escalation",
    "letters",
    "library",
    "lifecycle",
    "meetings",
    "notices",
    "notify",
    "office",
    "outbox",
    "ranking",
    "reporting",
    "resumption",
    "roadmap",
    "scoring",
    "share",
    "signing",
    "yearend",
]
