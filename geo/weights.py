"""How the office weighs what it ranks and scores, as its settings write it: the quarterly
ranking's weights (``GEO_RANKING_WEIGHTS``) and an observation meeting's criteria
(``GEO_SCORE_CRITERIA``). Here, below everything else, so the settings can check them at
start-up; :mod:`geo.workflow.ranking` and :mod:`geo.workflow.scoring` compute with them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.refusals import Refusal, Setting

#: The ranking's parts, in the order its table shows them.
COMPONENTS = ("schedule", "problems", "starts", "production")


@dataclass(frozen=True)
class Weights:
    schedule: float = 50
    problems: float = 20
    starts: float = 15
    production: float = 15

    def as_dict(self) -> dict[str, float]:
        return {part: getattr(self, part) for part in COMPONENTS}


#: Names a clerk may write for each part, besides its code (the ranking table's headings).
WEIGHT_NAMES = {
    "schedule": ("时间进度", "进度", "时间进度得分率"),
    "problems": ("问题", "问题解决", "问题按期解决率"),
    "starts": ("开工", "计划开工", "计划开工率"),
    "production": ("投产", "计划投产", "计划投产率"),
}


def parse_weights(text: str) -> Weights:
    """ "schedule=60,problems=40" or "时间进度=60，问题=40" → Weights; parts not named weigh 0."""
    if not text.strip():
        return Weights()
    field = Setting.named("GEO_RANKING_WEIGHTS")
    names = {name: part for part, aliases in WEIGHT_NAMES.items() for name in (part, *aliases)}
    values = dict.fromkeys(COMPONENTS, 0.0)
    for part in filter(None, (p.strip() for p in re.split(r"[,，、;；\n]+", text))):
        key, number = _name_and_number(part)
        if key not in names:
            choices = tuple(f"{aliases[0]}/{part}" for part, aliases in WEIGHT_NAMES.items())
            raise Refusal("weight_unknown", field=field, value=key, choices=choices)
        try:
            values[names[key]] = float(number)
        except ValueError:
            raise Refusal("weight_form", field=field, value=part) from None
        if values[names[key]] < 0:
            raise Refusal("weight_negative", field=field, value=part)
    if not any(values.values()):
        raise Refusal("weights_zero", field=field, value=text)
    return Weights(**values)


def _name_and_number(part: str) -> tuple[str, str]:
    key, _, number = re.sub(r"[＝:：]", "=", part).partition("=")
    return key.strip(), number.strip()


def format_weights(weights: Weights) -> str:
    """Weights as they are written in the setting: "schedule=50,problems=20,…"."""
    return ",".join(f"{part}={value:g}" for part, value in weights.as_dict().items() if value)


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: float


#: The usual criteria of county observation meetings; each tour keeps its own copy.
DEFAULT_CRITERIA = (
    Criterion("progress", "形象进度", 30),
    Criterion("investment", "投资强度", 30),
    Criterion("quality", "质量安全", 20),
    Criterion("problems", "问题解决", 20),
)


def parse_criteria(text: str) -> tuple[Criterion, ...]:
    """ "progress:形象进度:30;quality:质量安全:20" → criteria (GEO_SCORE_CRITERIA)."""
    field = Setting.named("GEO_SCORE_CRITERIA")
    out = []
    for part in filter(None, (p.strip() for p in re.split(r"[;；\n]+", text))):
        try:
            key, name, weight = (x.strip() for x in re.split(r"[:：]", part))
            out.append(Criterion(key, name, float(weight)))
        except ValueError:
            raise Refusal(
                "criterion_form", field=field, value=part, example="progress:形象进度:30"
            ) from None
    if not out or any(c.weight <= 0 for c in out) or len({c.key for c in out}) != len(out):
        raise Refusal("criteria_distinct", field=field, value=text)
    return tuple(out)


def format_criteria(criteria: tuple[Criterion, ...]) -> str:
    """Criteria as they are written in the setting: "progress:形象进度:30;…"."""
    return ";".join(f"{c.key}:{c.label}:{c.weight:g}" for c in criteria)
