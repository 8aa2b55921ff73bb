"""Meetings (督办会, 协调会, 现场会 …) and their decisions (交办事项), as the users track them."""

from __future__ import annotations

import pandas as pd


def records(meetings: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-ready meetings: the command line's ``meetings --json``."""
    return [
        {
            "id": int(row["id"]),
            "kind": row["kind"],
            "held_on": row["held_on"].isoformat(),
            "title": row["title"],
            "chair": row["chair"],
            "place": row["place"],
            "projects": row["projects"],
            "decisions": row["decisions_open"] + row["decisions_done"],
            "decisions_open": row["decisions_open"],
        }
        for row in meetings.to_dict("records")
    ]
