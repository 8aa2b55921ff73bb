"""The office's work over a month and a year: letters, meetings, reports, rankings.

- letters: the letters of the month (两函一单);
- meetings, lifecycle: meetings and decisions; a problem's life;
- reporting: the monthly report a park manager files;
- resumption: work stoppage and resumption (停复工);
- roadmap, approvals: milestones; approval items (前期手续);
- ranking, scoring: the quarterly ranking; observation meeting scores;
- drilldown: one project's card, investment, problems and meetings;
- share: links and phone pages for one project;
- notices, notify, outbox, channels: what is pushed, and how it is sent once;
- office: a new office's first run and its settings.

Submodules are imported by name (``from geo.workflow import approvals``); nothing is loaded
here.
"""

__all__ = [
    "approvals",
    "channels",
    "drilldown",
    "letters",
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
]
