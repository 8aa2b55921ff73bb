"""Documents the office issues or shows: bulletins, minutes, briefs, slides, phone pages.

- documents: official documents (公文) as blocks, out as Word or PDF;
- bulletin: the monthly bulletin (月通报);
- yearend: the year's settlement and assessment report (年终决算及考核情况);
- minutes: meeting minutes (会议纪要);
- brief: the tour brief (PDF);
- presentation: an observation meeting's slides;
- phone: each shared project's static phone page.

Submodules are imported by name (``from geo.reports import brief``); nothing is loaded
here.
"""

__all__ = [
    "brief",
    "bulletin",
    "documents",
    "minutes",
    "phone",
    "presentation",
    "yearend",
]
