"""Results against targets: pro-rata expectations and traffic lights.

Pure Decimal logic. A count that grows over a period (cumulative) is compared
with the share of its target that the elapsed time calls for; a percentage is
compared as a rate and a stock (work places) as a level, never pro rata. A
manual light overrides the rule and stays marked as manual; no data, no target
and an unknown period are states of their own, never red.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .models import IndicatorKind, LightRule, ManualLight, Status, Target, TargetKind
from .periods import YearMonth, elapsed_fraction, month_key
from .values import HUNDRED


class LightState(StrEnum):
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


# The states of a project that no longer runs: counted and listed apart from the running ones.
ENDED_STATES = frozenset({LightState.GESTOPT, LightState.AFGEROND, LightState.AFGELOPEN})

STATUS_STATE = {
    Status.PLANNED: LightState.GEPLAND,
    Status.ON_HOLD: LightState.ON_HOLD,
    Status.STOPPED: LightState.GESTOPT,
    Status.COMPLETED: LightState.AFGEROND,
}


@dataclass(frozen=True)
class Assessment:
    state: LightState
    manual: bool = False
    reason: str | None = None
    target: Target | None = None
    expected: Decimal | None = None  # the pro-rata target (or the target itself for rates and levels)
    share: Decimal | None = None  # result as a percentage of `expected`
    share_approximate: bool = False  # the result was "ruim", "bijna", "ca.": so is its share


def light_for(share: Decimal, rule: LightRule) -> LightState:
    """At a threshold is the better light: 80% with green from 80 is green."""
    if share >= rule.green_from:
        return LightState.GROEN
    if share >= rule.orange_from:
        return LightState.ORANJE
    return LightState.ROOD


def pick_target(targets: list[Target], indicator: str, as_of: YearMonth) -> Target | None:
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
    period: tuple[YearMonth | None, YearMonth | None],
    as_of: YearMonth,
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
            LightState(manual.light.value),
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
    period: tuple[YearMonth | None, YearMonth | None],
    as_of: YearMonth,
    rule: LightRule,
    qualifier: str | None = None,
) -> Assessment:
    if value is None:
        return Assessment(LightState.GEEN_GEGEVENS, target=target)
    if target is None or target.value is None:
        return Assessment(LightState.GEEN_DOEL, target=target)
    approximate = qualifier is not None
    if target.qualifier == "maximaal":
        share = _shown(value / target.value * HUNDRED) if target.value else None
        state = LightState.BOVEN_MAXIMUM if value > target.value else LightState.BINNEN_MAXIMUM
        return Assessment(state, target=target, expected=target.value, share=share, share_approximate=approximate)
    if target.kind == TargetKind.ONE_OFF:
        kind = IndicatorKind.LEVEL  # met or not: the whole target, never a pro-rata share
    elif target.kind is not None:
        kind = IndicatorKind(target.kind.value)
    if kind == IndicatorKind.CUMULATIVE:
        start = month_key(target.start) if target.start else period[0]
        end = month_key(target.end, end=True) if target.end else period[1]
        if start is None or end is None:
            return Assessment(LightState.PERIODE_ONBEKEND, target=target)
        expected = target.value * elapsed_fraction(start, end, as_of)
    else:
        expected = target.value
    if expected == 0:
        return Assessment(LightState.GROEN, target=target, expected=expected, reason="nog niets verwacht")
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
