"""What comes in from the office's own files, checked before anything is written.

- ledger: reading Excel/CSV ledgers as they are, every column accounted for;
- importer: a ledger into the database, as a plan first and then all or nothing;
- exporter: the canonical ledger out, which ``ledger`` reads back unchanged;
- boundaries, zones: zone outlines from GIS files, and which zone a point lies in;
- areas: China's areas and their real outlines, for setting up an office;
- photos: site photos checked, stored and dated.

Submodules are imported by name (``from geo.ingest import areas``); nothing is loaded
here.
"""

__all__ = [
    "areas",
    "boundaries",
    "exporter",
    "importer",
    "ledger",
    "photos",
    "zones",
]
