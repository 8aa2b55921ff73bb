"""Observation meetings (观摩会) as stored: each tour's stops and criteria, and the judges'
scores; the weighting and ranking are in :mod:`geo.workflow.scoring`."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo import lazy
from geo.refusals import Refusal, Term
from geo.storage import store
from geo.storage.models import ObservationTour, Score
from geo.storage.store import Engine

pd = lazy.module("pandas")


@dataclass(frozen=True)
class Tour:
    """An observation meeting as created: the stops (project ids, in order) and the criteria
    (``key, label, weight`` each) its judges score."""

    id: int
    held_on: dt.date
    title: str
    stops: list[int]
    criteria: list[dict[str, object]]


def add_tour(
    session: Session,
    title: str,
    held_on: dt.date,
    stops: list[int],
    criteria: list[dict[str, object]],
) -> int:
    """A new observation meeting; returns its id."""
    tour = ObservationTour(
        held_on=held_on,
        title=title,
        stops=json.dumps(list(stops)),
        criteria=json.dumps(criteria, ensure_ascii=False),
    )
    session.add(tour)
    session.flush()
    return tour.id


def load_tour(engine: Engine, tour_id: int) -> Tour:
    """The observation meeting (refused when there is no such meeting)."""
    with store.transaction(engine) as s:
        tour = s.get(ObservationTour, tour_id)
        if tour is None:
            raise Refusal("not_found", kind=Term.of("record.observation_tours"), id=tour_id)
        return Tour(
            tour.id, tour.held_on, tour.title, json.loads(tour.stops), json.loads(tour.criteria)
        )


def list_tours(engine: Engine) -> list[tuple[int, dt.date, str]]:
    """Every observation meeting: ``(id, held_on, title)``, the latest created first."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(ObservationTour.id, ObservationTour.held_on, ObservationTour.title).order_by(
                ObservationTour.id.desc()
            )
        )
        return [(r.id, r.held_on, r.title) for r in rows]


def write_scores(
    session: Session, tour_id: int, judge: str, project_id: int, values: dict[str, float]
) -> None:
    """A judge's scores of one stop, by criterion; a score given before is replaced."""
    for key, value in values.items():
        row = session.scalars(
            sa.select(Score).where(
                Score.tour_id == tour_id,
                Score.judge == judge,
                Score.project_id == project_id,
                Score.criterion == key,
            )
        ).one_or_none()
        if row is None:
            session.add(
                Score(
                    tour_id=tour_id,
                    judge=judge,
                    project_id=project_id,
                    criterion=key,
                    value=float(value),
                )
            )
        else:
            row.value = float(value)


def load_scores(engine: Engine, tour_id: int) -> pd.DataFrame:
    """Every score of the meeting: ``judge, project_id, criterion, value``."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(Score.judge, Score.project_id, Score.criterion, Score.value).where(
                Score.tour_id == tour_id
            )
        )
        return pd.DataFrame(rows.fetchall(), columns=["judge", "project_id", "criterion", "value"])
