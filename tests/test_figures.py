"""Exact, approximate, bounded and unknown figures through sums, differences and shares, and how they read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wawtool.figures import Figure, sum_of
from wawtool.layout.dutch import figure_text

D = Decimal
EXACT = Figure.exact(D("1054795.25"))
ZONN = Figure.of(D(1300000), "zo'n")
UNKNOWN = Figure.unknown()
RUIM = Figure.of(D(80), "ruim")
BIJNA = Figure.of(D(500), "bijna")


@pytest.mark.parametrize(
    ("a", "b", "value", "approximate", "bound"),
    [
        (Figure.exact(D(1)), Figure.exact(D(2)), D(3), False, None),  # exact + exact = exact
        (Figure.exact(D(1)), ZONN, D(1300001), True, None),  # exact + approximate = approximate
        (ZONN, ZONN, D(2600000), True, None),
        (Figure.exact(D(1)), RUIM, D(81), True, "min"),  # a lower bound stays a lower bound
        (RUIM, BIJNA, D(580), True, None),  # at least plus at most bounds neither side
        (Figure.of(D(6), "minimaal"), Figure.of(D(4), "minimaal"), D(10), False, "min"),
        (Figure.of(D(12), "maximaal"), Figure.exact(D(1)), D(13), False, "max"),
    ],
)
def test_sums_carry_precision(a: Figure, b: Figure, value: Decimal, approximate: bool, bound: str | None) -> None:
    result = a + b
    assert (result.value, result.approximate, result.bound) == (value, approximate, bound)


def test_unknown_is_never_zero() -> None:
    assert (EXACT + UNKNOWN).value is None
    assert (UNKNOWN - EXACT).value is None
    assert sum_of([EXACT, UNKNOWN]).value is None
    assert figure_text(UNKNOWN) == "onbekend"


def test_differences_flip_bounds() -> None:
    # what is left of a total after "at least 80" is at most the rest
    result = Figure.exact(D(100)) - RUIM
    assert (result.value, result.approximate, result.bound) == (D(20), True, "max")
    headroom = ZONN - EXACT
    assert (headroom.value, headroom.approximate, headroom.bound) == (D("245204.75"), True, None)
    assert figure_text(headroom) == "ca. € 250.000 (± € 50.000)"  # no euro digits finer than its margin


def test_a_share_computed_from_a_qualified_result_reads_approximate() -> None:
    share = Figure(value=D("85.3"), approximate=True)  # ruim 80 against a pro-rata target of 93,75
    assert figure_text(share, money=False, percent=True) == "≈ 85%"
    assert figure_text(Figure.exact(D(100)), money=False, percent=True) == "100%"


@pytest.mark.parametrize(
    ("figure", "money", "text"),
    [
        (Figure.of(D(80), "ruim"), False, "ruim 80"),
        (Figure.of(D(500), "bijna"), False, "bijna 500"),
        (Figure.of(D(50), "ongeveer"), False, "ca. 50"),
        (Figure.of(D(2100000), "grofweg"), True, "grofweg € 2.100.000 (± € 50.000)"),
        (Figure.of(D("50455.25")), True, "€ 50.455,25"),
        (Figure(value=D(900000), approximate=True, bound="min"), True, "minimaal ca. € 900.000"),
        (Figure(value=D(0), bound="min", derived_from="restant"), True, "onbekend (≥ € 0)"),
        (Figure.exact(D(60000)).derived("130.000 min 70.000"), True, "€ 60.000 (afgeleid)"),
        (Figure(value=D("159999.5"), approximate=True, derived_from="x"), True, "ca. € 160.000 (afgeleid)"),
    ],
)
def test_every_kind_reads_as_the_source_would_say_it(figure: Figure, money: bool, text: str) -> None:
    assert figure_text(figure, money=money) == text


def test_json_carries_precision_next_to_the_number() -> None:
    dumped = (ZONN - EXACT).model_dump(mode="json")
    assert dumped == {
        "value": "245204.75",
        "approximate": True,
        "bound": None,
        "qualifier": None,
        "derived_from": None,
        "margin": "50000",
        "provisional": False,
        "low": "195204.75",
        "high": "295204.75",
    }


def test_the_data_files_and_the_template_take_the_same_qualifiers() -> None:
    """One list (figures.QUALIFIERS): the models' type, the template's drop-down and its check agree."""
    from typing import get_args

    from wawtool.exchange.results_template import DATA_QUALIFIERS
    from wawtool.models import Qualifier

    assert sorted(get_args(Qualifier)) == sorted(DATA_QUALIFIERS)
    assert DATA_QUALIFIERS == ["ongeveer", "bijna", "ruim", "meer dan", "minimaal", "maximaal"]


@pytest.mark.parametrize(
    ("margin", "unit"),
    [("0.4", "0.4"), ("1", "1"), ("4", "1"), ("5", "5"), ("9", "5"), ("10", "10"), ("49999", "10000"),
     ("50000", "50000"), ("99999", "50000"), ("100000", "100000")],
)  # fmt: skip
def test_a_figure_is_shown_to_the_step_its_margin_supports(margin: str, unit: str) -> None:
    """At the boundaries: a step of 1 or 5 times a power of ten, never finer than the margin allows."""
    from wawtool.layout.dutch import display_unit

    assert display_unit(D(margin)) == (D(unit) if D(margin) >= 1 else D(1))


@pytest.mark.parametrize(
    ("value", "margin"),
    [("1300000", "50000"), ("2100000", "50000"), ("1250000", "5000"), ("80", "5"), ("500", "50"), ("7", "0.5")],
)
def test_an_approximate_figure_carries_half_its_last_stated_digit(value: str, margin: str) -> None:
    """ "zo'n 1,3 miljoen" is 1.250.000 to 1.350.000; "zo'n 1.250.000" is known to the 10.000."""
    figure = Figure.of(D(value), "ongeveer")
    assert figure.margin == D(margin)
    assert (figure.low, figure.high) == (D(value) - D(margin), D(value) + D(margin))


def test_sums_and_differences_carry_the_range() -> None:
    total = Figure.of(D(1300000), "zo'n") + Figure.of(D(200000), "ongeveer")  # ± 50.000 and ± 50.000
    assert (total.value, total.margin, total.low, total.high) == (D(1500000), D(100000), D(1400000), D(1600000))
    headroom = total - Figure.exact(D("1054795.25"))
    assert (headroom.low, headroom.high) == (D("345204.75"), D("545204.75"))
    assert figure_text(headroom) == "ca. € 400.000 (± € 100.000)"  # 445.205 to the step of 100.000
    assert Figure.of(D(80), "ruim").low == D(80) and Figure.of(D(80), "ruim").high is None
    assert Figure.of(D(500), "bijna").high == D(500) and Figure.of(D(500), "bijna").low is None
    assert (Figure.of(D(80), "ruim") + Figure.exact(D(1))).margin is None  # a bound has no margin to add


def test_the_sum_of_the_known_figures_keeps_the_unknown_ones_unknown() -> None:
    """A project's budget over all years: the known lines summed, the unknown ones counted, never as zero."""
    from wawtool.figures import sum_of_known

    total, unknown = sum_of_known([Figure.exact(Decimal(33000)), Figure.unknown(), Figure.exact(Decimal(150000))])
    assert total == Figure.exact(Decimal(183000)) and unknown == 1
    assert sum_of_known([Figure.unknown(), Figure.unknown()]) == (Figure.unknown(), 2)
    assert sum_of_known([]) == (None, 0)
    about, _ = sum_of_known([Figure.of(Decimal(1000), approximate=True), Figure.exact(Decimal(1))])
    assert about is not None and about.approximate and about.value == Decimal(1001)
