"""Traffic-light rules at their boundaries, on synthetic figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wawtool.lights import LightState, assess, light_for, pick_target
from wawtool.models import IndicatorKind, LightRule, ManualLight, Status, Target
from wawtool.periods import Quarter, elapsed_fraction

D = Decimal
RULE = LightRule(green_from=D(80), orange_from=D(60), source="synthetic")
YEAR_2021 = ((2021, 1), (2021, 12))


def target(
    value: int | None, start: str | None = "2021-01", end: str | None = "2021-12", indicator: str = "x"
) -> Target:
    return Target.model_validate(
        {
            "indicator": indicator,
            "value": "unknown" if value is None else value,
            "start": start,
            "end": end,
            "source": "synthetic",
            **({"note": "synthetic"} if value is None else {}),
        }
    )


@pytest.mark.parametrize(
    ("share", "state"),
    [
        ("80", LightState.GROEN),
        ("79.99", LightState.ORANJE),
        ("60", LightState.ORANJE),
        ("59.99", LightState.ROOD),
        ("0", LightState.ROOD),
        ("250", LightState.GROEN),
    ],
)
def test_exactly_at_a_threshold_is_the_better_light(share: str, state: LightState) -> None:
    assert light_for(D(share), RULE) == state


def test_cumulative_target_is_compared_pro_rata() -> None:
    """Half the year gone (June), 60 of 120 expected: 48 is 80% -> green, 47 is orange."""
    t = target(120)
    assert assess(D(48), t, IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE).state == LightState.GROEN
    result = assess(D(47), t, IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE)
    assert result.state == LightState.ORANJE and result.expected == D(60) and result.share == D("78.3")


def test_the_light_uses_the_exact_share_not_the_rounded_one() -> None:
    """79.96% shows as 80.0 but is not green."""
    result = assess(D("79.96"), target(100, None, None), IndicatorKind.LEVEL, (None, None), (2021, 6), RULE)
    assert result.share == D("80.0") and result.state == LightState.ORANJE


def test_percentage_targets_are_rates_not_pro_rata() -> None:
    """87% diploma rate against 80% in the first month of the period: compared as a rate."""
    result = assess(D(87), target(80), IndicatorKind.RATE, YEAR_2021, (2021, 1), RULE)
    assert result.expected == D(80) and result.share == D("108.8") and result.state == LightState.GROEN
    assert assess(D(47), target(80), IndicatorKind.RATE, YEAR_2021, (2021, 12), RULE).state == LightState.ROOD


def test_zero_target_and_nothing_expected_yet_are_green() -> None:
    assert assess(D(0), target(0), IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE).state == LightState.GROEN
    before_start = assess(D(0), target(10, "2022-01", "2022-12"), IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE)
    assert before_start.state == LightState.GROEN and before_start.expected == 0


def test_no_data_is_not_red() -> None:
    assert (
        assess(None, target(10), IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE).state == LightState.GEEN_GEGEVENS
    )


def test_no_target_and_unknown_period_are_their_own_states() -> None:
    assert assess(D(5), None, IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE).state == LightState.GEEN_DOEL
    assert (
        assess(D(5), target(None), IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE).state == LightState.GEEN_DOEL
    )
    open_ended = assess(D(5), target(18, None, "2024-12"), IndicatorKind.CUMULATIVE, (None, None), (2023, 9), RULE)
    assert open_ended.state == LightState.PERIODE_ONBEKEND


def test_manual_light_overrides_the_rule_and_says_so() -> None:
    manual = ManualLight(light="oranje", reason="partner meldt vertraging", source="synthetic")
    result = assess(D(120), target(100), IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 12), RULE, manual)
    assert result.state == LightState.ORANJE and result.manual and result.reason == "partner meldt vertraging"
    assert result.share == D(120)  # the computed figure stays visible next to the judgement


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (Status.STOPPED, LightState.GESTOPT),
        (Status.ON_HOLD, LightState.ON_HOLD),
        (Status.COMPLETED, LightState.AFGEROND),
        (Status.PLANNED, LightState.GEPLAND),
    ],
)
def test_projects_that_do_not_run_are_shown_as_such(status: Status, state: LightState) -> None:
    assert assess(D(1), target(10), IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE, None, status).state == state


def test_elapsed_fraction_counts_whole_months() -> None:
    assert elapsed_fraction((2023, 1), (2023, 12), (2023, 9)) == D(9) / D(12)
    assert elapsed_fraction((2023, 1), (2023, 12), (2022, 5)) == 0
    assert elapsed_fraction((2023, 1), (2023, 12), (2025, 1)) == 1
    assert elapsed_fraction((2023, 6), (2023, 1), (2023, 3)) == 1  # a target ending before the project starts


def test_target_choice_prefers_the_period_holding_the_quarter() -> None:
    targets = [target(400, "2021-01", "2022-12"), target(68, "2023-01", "2023-12"), target(6, None, None, "y")]
    assert pick_target(targets, "x", (2023, 9)) == targets[1]
    assert pick_target(targets, "x", (2021, 9)) == targets[0]
    assert pick_target(targets, "y", (2023, 9)) == targets[2]
    assert pick_target(targets, "x", (2024, 3)) == targets[1]  # the last one that ended
    assert pick_target(targets, "z", (2023, 9)) is None


@pytest.mark.parametrize(("text", "quarter"), [("Q3-2021", (2021, 3)), ("2021-Q3", (2021, 3)), ("q1-2024", (2024, 1))])
def test_quarter_spellings(text: str, quarter: tuple[int, int]) -> None:
    parsed = Quarter.parse(text)
    assert (parsed.year, parsed.number) == quarter and parsed.id == f"{quarter[0]}-Q{quarter[1]}"


@pytest.mark.parametrize("text", ["Q5-2021", "Q0-2021", "2021", "Q3 2021", "2021-3"])
def test_bad_quarters(text: str) -> None:
    with pytest.raises(ValueError, match="is not a quarter"):
        Quarter.parse(text)


def test_a_cap_is_never_green_by_rule() -> None:
    cap = Target(indicator="x", value=D(12), qualifier="maximaal", start="2020", end="2021", source="s")
    at_cap = assess(D(12), cap, IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE)
    assert at_cap.state == LightState.BINNEN_MAXIMUM and at_cap.share == 100
    over = assess(D(13), cap, IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE)
    assert over.state == LightState.BOVEN_MAXIMUM


def test_a_one_off_size_is_met_or_not_never_pro_rata() -> None:
    pilot = Target(indicator="x", value=D(8), kind="one-off", source="s")
    met = assess(D(8), pilot, IndicatorKind.CUMULATIVE, ((2023, 9), (2024, 12)), (2023, 10), RULE)
    assert (met.state, met.share) == (LightState.GROEN, 100)
    short = assess(D(6), pilot, IndicatorKind.CUMULATIVE, ((2023, 9), (2024, 12)), (2023, 10), RULE)
    assert (short.state, short.share) == (LightState.ORANJE, 75)  # 75%: between the orange and green thresholds
    assert assess(D("6.39"), pilot, IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE).state == LightState.ORANJE
    assert assess(D("4.79"), pilot, IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE).state == LightState.ROOD


def test_a_minimum_at_its_boundary_and_a_qualified_result() -> None:
    minimum = Target(indicator="x", value=D(6), qualifier="minimaal", source="s")
    exactly = assess(D(6), minimum, IndicatorKind.LEVEL, (None, None), (2021, 6), RULE)
    assert (exactly.state, exactly.share, exactly.share_approximate) == (LightState.GROEN, 100, False)
    ruim = assess(D(80), target(250), IndicatorKind.CUMULATIVE, YEAR_2021, (2021, 6), RULE, qualifier="ruim")
    assert ruim.share_approximate and ruim.state == LightState.ORANJE  # 80 of a pro-rata 125: 64%
