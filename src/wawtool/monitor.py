"""Results against targets: pro-rata expectations and traffic lights.

Pure Decimal logic. A count that grows over a period (cumulative) is compared
with the share of its target that the elapsed time calls for; a percentage is
compared as a rate and a stock (work places) as a level, never pro rata. A
manual light overrides the rule and stays marked as manual; no data, no target
and an unknown period are states of their own, never red.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .loader import Dataset
from .models import (
    IndicatorKind,
    Light,
    LightRule,
    ManualLight,
    Project,
    Status,
    Target,
    TargetKind,
    month_key,
)

Month = tuple[int, int]
HUNDRED = Decimal(100)


class State(StrEnum):
    GROEN = "groen"
    ORANJE = "oranje"
    ROOD = "rood"
    GEEN_GEGEVENS = "geen-gegevens"
    KWALITATIEF = "kwalitatief"  # reported in words only, by design: no number to compare
    GEEN_DOEL = "geen-doel"
    PERIODE_ONBEKEND = "periode-onbekend"
    GEPLAND = "gepland"
    ON_HOLD = "on-hold"
    GESTOPT = "gestopt"
    AFGEROND = "afgerond"
    AFGELOPEN = "afgelopen"  # the period (with its extensions) ended before this quarter
    BINNEN_MAXIMUM = "binnen-maximum"  # a cap that is not exceeded: no light, a cap is no goal
    BOVEN_MAXIMUM = "boven-maximum"  # a cap exceeded: a signal to look at, never green


STATUS_STATE = {
    Status.PLANNED: State.GEPLAND,
    Status.ON_HOLD: State.ON_HOLD,
    Status.STOPPED: State.GESTOPT,
    Status.COMPLETED: State.AFGEROND,
}


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """`Q3-2021` or `2021-Q3`, any case."""
        match = re.fullmatch(r"[Qq]([1-4])-(\d{4})|(\d{4})-[Qq]([1-4])", text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a quarter: write Q3-2021 or 2021-Q3 (quarters 1 to 4)")
        number, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        return cls(int(year), int(number))

    @property
    def id(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return f"Q{self.number}-{self.year}"


@dataclass(frozen=True)
class Assessment:
    state: State
    manual: bool = False
    reason: str | None = None
    target: Target | None = None
    expected: Decimal | None = None  # the pro-rata target (or the target itself for rates and levels)
    share: Decimal | None = None  # result as a percentage of `expected`
    share_approximate: bool = False  # the result was "ruim", "bijna", "ca.": so is its share


def months(start: Month, end: Month) -> int:
    """Months from start to end, both included."""
    return (end[0] - start[0]) * 12 + end[1] - start[1] + 1


def elapsed_fraction(start: Month, end: Month, as_of: Month) -> Decimal:
    """The share of the period that has passed, 0 to 1; a period that ends before it starts has passed."""
    total = months(start, end)
    if total <= 0:
        return Decimal(1)
    done = min(max(months(start, as_of), 0), total)
    return Decimal(done) / Decimal(total)


def light_for(share: Decimal, rule: LightRule) -> State:
    """At a threshold is the better light: 80% with green from 80 is green."""
    if share >= rule.green_from:
        return State.GROEN
    if share >= rule.orange_from:
        return State.ORANJE
    return State.ROOD


def status_at(project: Project, as_of: Month) -> Status | None:
    known = [s for s in project.status if month_key(s.as_of) <= as_of]
    return sorted(known, key=lambda s: month_key(s.as_of))[-1].status if known else None


def project_period_at(dataset: Dataset, project: Project, as_of: Month) -> tuple[Month | None, Month | None]:
    """The project period as known at `as_of`: extensions count once their decision was taken."""
    start = month_key(project.period.start) if project.period and project.period.start else None
    ends = [month_key(project.period.end, end=True)] if project.period and project.period.end else []
    for extension in project.extensions:
        decision = dataset.decision(extension.decision)
        if decision is not None and (decision.date.year, decision.date.month) <= as_of:
            ends.append(month_key(extension.end, end=True))
    return start, max(ends) if ends else None


def pick_target(targets: list[Target], indicator: str, as_of: Month) -> Target | None:
    """The target of this indicator whose period holds `as_of`; else an undated one; else the last ended."""
    same = [t for t in targets if t.indicator == indicator]
    covering = [t for t in same if t.start and t.end and month_key(t.start) <= as_of <= month_key(t.end, end=True)]
    if covering:
        return covering[0]
    undated = [t for t in same if not t.start and not t.end]
    if undated:
        return undated[0]
    ended = [t for t in same if t.end and month_key(t.end, end=True) < as_of]
    if ended:
        return max(ended, key=lambda t: month_key(t.end or "", end=True))
    return same[0] if same else None


def assess(
    value: Decimal | None,
    target: Target | None,
    kind: IndicatorKind,
    period: tuple[Month | None, Month | None],
    as_of: Month,
    rule: LightRule,
    manual: ManualLight | None = None,
    status: Status | None = None,
    qualifier: str | None = None,
) -> Assessment:
    if status in STATUS_STATE:
        return Assessment(STATUS_STATE[status], target=target)
    computed = _by_rule(value, target, kind, period, as_of, rule, qualifier)
    if manual is not None:
        return Assessment(
            State(manual.light.value),
            manual=True,
            reason=manual.reason,
            target=target,
            expected=computed.expected,
            share=computed.share,
            share_approximate=computed.share_approximate,
        )
    return computed


def _by_rule(
    value: Decimal | None,
    target: Target | None,
    kind: IndicatorKind,
    period: tuple[Month | None, Month | None],
    as_of: Month,
    rule: LightRule,
    qualifier: str | None = None,
) -> Assessment:
    if value is None:
        return Assessment(State.GEEN_GEGEVENS, target=target)
    if target is None or target.value is None:
        return Assessment(State.GEEN_DOEL, target=target)
    approximate = qualifier is not None
    if target.qualifier == "maximaal":
        share = _shown(value / target.value * HUNDRED) if target.value else None
        state = State.BOVEN_MAXIMUM if value > target.value else State.BINNEN_MAXIMUM
        return Assessment(state, target=target, expected=target.value, share=share, share_approximate=approximate)
    if target.kind == TargetKind.ONE_OFF:
        kind = IndicatorKind.LEVEL  # met or not: the whole target, never a pro-rata share
    elif target.kind is not None:
        kind = IndicatorKind(target.kind.value)
    if kind == IndicatorKind.CUMULATIVE:
        start = month_key(target.start) if target.start else period[0]
        end = month_key(target.end, end=True) if target.end else period[1]
        if start is None or end is None:
            return Assessment(State.PERIODE_ONBEKEND, target=target)
        expected = target.value * elapsed_fraction(start, end, as_of)
    else:
        expected = target.value
    if expected == 0:
        return Assessment(State.GROEN, target=target, expected=expected, reason="nog niets verwacht")
    share = value / expected * HUNDRED  # the light uses the exact share
    return Assessment(
        light_for(share, rule),
        target=target,
        expected=expected,
        share=_shown(share),
        share_approximate=approximate,
    )


def _shown(share: Decimal) -> Decimal:
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


__all__ = ["Assessment", "Light", "Quarter", "State", "assess", "light_for", "pick_target"]
